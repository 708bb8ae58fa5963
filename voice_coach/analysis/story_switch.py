"""Whether a follow-up reply tells another story than the answer it follows.

Pure functions, no I/O. Three signals, each measured on its own (`SwitchSignals`):

- a switch cue: the reply says it is moving on ("actually a better example is …", "let me tell
  you about a different project", "at my previous job …");
- how little of the first answer's content the reply shares: the share of the reply's content
  features (`story_similarity.features`: word stems, names, quantities, number values) that
  the first answer also has;
- the reply setting up a story of its own: its own situation, task and action.

`tells_another_story` combines them: a cue with little shared content, or a full set-up of its
own with almost nothing shared. A reply that stays in the story shares its project's words
("the fraud model", "the threshold") even when it adds new facts; a reply about another project
shares only the words every story shares, which the feature extractor already drops.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voice_coach.analysis.story_similarity import features, name_vocabulary

__all__ = ["SWITCH_CUE", "SwitchOptions", "SwitchSignals", "shared_share", "switch_cue",
           "switch_signals", "tells_another_story"]

_ANOTHER = r"(?:another|a\s+different|different|an?\s+other|other|a\s+better|better|a\s+separate|" \
           r"separate|a\s+second|second|a\s+more\s+\w+|one\s+more|a\s+similar|similar)"
# nouns that name a story: "another example", "a different project"
_STORY_NOUN = r"(?:project|story|stories|example|situation|case|incident|instance|experience|" \
              r"investigation)"
# where a story happens: "at my previous job", "from the team before"
_PLACE = r"(?:job|company|team|employer|internship|role|position|startup|project|group|org)"
# nouns that name one only when the sentence goes on to tell it: "another time when …"
_TOLD_NOUN = r"(?:time|one|job|team|company|role|product|launch|system|model)"
# Phrases with which a speaker leaves the story they were telling for another one.
SWITCH_CUE = re.compile(
    r"\b(?:"
    rf"{_ANOTHER}\s+(?:\w+\s+)?{_STORY_NOUN}\b"
    rf"|{_ANOTHER}\s+(?:\w+\s+)?{_TOLD_NOUN}s?\s+(?:is|was|would\s+be|comes\s+to\s+mind|i\s+"
    r"(?:can|could)\s+(?:think|share|tell|give)|that\s+(?:comes|shows|fits)|where|when)"
    rf"|(?:tell|talk)\s+(?:you\s+)?about\s+{_ANOTHER}\s+(?:\w+\s+)?{_TOLD_NOUN}"
    r"|let\s+me\s+(?:instead\s+)?(?:tell|talk|switch|give|share|pick|use)\s+(?:you\s+)?"
    r"(?:about\s+)?(?:a|another|something|the\s+time)\b"
    r"|(?:that|this|it)\s+reminds\s+me\s+of"
    r"|(?:rather|instead)\s+(?:talk|tell\s+you)\s+about"
    r"|(?:at|in|from)\s+(?:my|our|a|an|the)\s+(?:previous|earlier|former|old|last|other|"
    rf"different|prior)\s+{_PLACE}"
    rf"|(?:at|in|from|on)\s+(?:my|our|a|an|the)\s+{_PLACE}\s+(?:before|earlier|prior)\b"
    r"|(?:back\s+)?(?:at|in)\s+(?:my|a)\s+(?:first|second)\s+(?:job|company|role)"
    r"|not\s+(?:from\s+)?(?:this|that|the\s+same)\s+(?:project|story|one)"
    r")", re.IGNORECASE)


@dataclass(frozen=True)
class SwitchOptions:
    """Where the signals tip a reply into "another story" (docs/follow_ups.md: measured on
    the tuning half of the follow-up set)."""

    cue_max_shared: float = 0.35  # with a switch cue: at most this share of content shared
    setup_max_shared: float = 0.10  # with a full set-up of its own: at most this share shared…
    setup_min_features: int = 15  # …and enough content to be a story (a short reply is not)
    min_features: int = 4  # a reply with fewer content features is too short to tell


@dataclass(frozen=True)
class SwitchSignals:
    """What a reply says about the story it tells, relative to the first answer."""

    cue: str | None  # the switch phrase heard, as said
    shared: float | None  # share (0–1) of the reply's content features the first answer has
    own_setup: bool  # the reply has its own situation, task and action
    n_features: int  # content features of the reply (words, names, numbers)


def switch_cue(text: str) -> str | None:
    """The first switch phrase in `text`, or None."""
    m = SWITCH_CUE.search(" ".join(text.split()))
    return m.group(0) if m else None


def _content(text: str, names: frozenset[str]) -> set[str]:
    """Content features of a text: word stems, names, quantities and number values (not
    bigrams: they double-count the words)."""
    return {f for f in features(text, names) if not f.startswith("b:")}


def shared_share(reply: str, first: str) -> tuple[float, int]:
    """(share of the reply's content features the first answer also has, how many the reply
    has); (0.0, 0) for a reply with none."""
    names = name_vocabulary([first, reply])
    mine = _content(reply, names)
    if not mine:
        return 0.0, 0
    return len(mine & _content(first, names)) / len(mine), len(mine)


def switch_signals(reply: str, first: str | None, star_present: dict[str, bool]) -> SwitchSignals:
    """The signals of `reply` against the `first` answer's text (None: unknown, no share)."""
    own = all(star_present.get(p) for p in ("situation", "task", "action"))
    if first is None or not first.strip():
        return SwitchSignals(switch_cue(reply), None, own, 0)
    share, n = shared_share(reply, first)
    return SwitchSignals(switch_cue(reply), share, own, n)


def tells_another_story(sig: SwitchSignals, options: SwitchOptions = SwitchOptions()) -> bool:
    """Whether the reply moves to another story: a switch cue while sharing little of the first
    answer, or a set-up of its own while sharing almost nothing. Without the first answer only
    a cue together with a set-up of its own counts."""
    if sig.shared is None:
        return sig.cue is not None and sig.own_setup
    if sig.n_features < options.min_features:
        return False
    if sig.cue is not None and sig.shared <= options.cue_max_shared:
        return True
    return (sig.own_setup and sig.shared <= options.setup_max_shared
            and sig.n_features >= options.setup_min_features)
