"""Whether a follow-up reply tells another story than the answer it follows.

Pure functions, no I/O. The signals (`SwitchSignals`; docs/follow_ups.md has each measured):

- a switch cue: the reply says it is moving on ("actually a better example is …", "let me tell
  you about a different project", "at my previous job …", "the same thing happened later in
  …"), or names the story told and denies it ("not the churn one": `denied_story`);
- how little of the first answer's content the reply shares: the share of the reply's content
  features (`story_similarity.features`, the story bank's: word stems, names, quantities,
  number values) that the first answer also has, and how many of its words and names it
  shares at all (`words_shared`);
- a particular piece of work the first answer never names ("the pricing model", "our data
  warehouse migration": `new_work`), or a thing the speaker says they made ("the courier bonus
  scheme I redesigned": `own_work`) — unless the reply is about a person of the story
  (`about_story_person`: "she led the search project" after a story about mentoring her);
- the reply setting up a story of its own: its own situation, task and action.

`tells_another_story` combines them: a cue with little shared content, new work with less
shared, a story's worth of content without one word of the first answer, or a full set-up of
its own with almost nothing shared. A reply that stays in the story shares its project's words
("the fraud model", "the threshold") even when it adds new facts; a reply about another project
shares only the words every story shares, which the feature extractor already drops.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voice_coach.analysis.fillers import filler_mask
from voice_coach.analysis.story_similarity import STOP_WORDS, features, name_vocabulary

__all__ = ["SWITCH_CUE", "SwitchOptions", "SwitchSignals", "denied_story", "new_work", "not_done",
           "own_work", "shared_share", "switch_cue", "switch_signals", "tells_another_story"]

# an alternative, said indefinitely ("another", "a better"; "the other team" is in the story)
_ANOTHER = r"(?<!the\s)(?<!this\s)(?<!that\s)(?:another|a\s+different|different|an?\s+other|" \
           r"other|some\s+other|a\s+better|better|a\s+separate|a\s+second|a\s+more\s+\w+|" \
           r"one\s+more|a\s+similar)"
_A_NEW = r"(?:another|a\s+different|a\s+better|a\s+separate|a\s+second|a\s+(?:very\s+)?similar|" \
         r"one\s+more|some\s+other|an\s+other)"
# nouns that name a story: "another example", "a different project"
_STORY_NOUN = r"(?:project|story|stories|example|examples|situation|case|incident|instance|" \
              r"experience|investigation|piece\s+of\s+work|assignment|engagement)"
# where a story happens: "at my previous job", "from the team before"
_PLACE = r"(?:job|company|team|employer|internship|role|position|startup|project|group|org)"
# nouns that name one only when the sentence goes on to tell it: "another time when …"
_TOLD_NOUN = r"(?:time|one|job|team|company|role|product|launch|system|model)"
# a piece of work placed in another time: "our churn model from the year before"
_WORK_NOUN_CUE = r"(?:model|pipeline|system|project|launch|migration|tool|product|classifier)"
# Phrases with which a speaker leaves the story they were telling for another one, by family.
SWITCH_CUE = re.compile(
    r"\b(?:"
    # an alternative story named: "a better example", "a different project", "other examples"
    rf"{_ANOTHER}\s+(?:\w+\s+)?{_STORY_NOUN}\b"
    # an alternative told: "another time when …", "answer with a different one"
    rf"|{_A_NEW}\s+(?:\w+\s+)?{_TOLD_NOUN}s?\s+(?:is|was|would\s+be|comes\s+to\s+mind|i\s+"
    r"(?:can|could)\s+(?:think|share|tell|give)|that\s+(?:comes|shows|fits)|where|when)"
    rf"|(?:with|about|use|give|take|pick|share)\s+(?:you\s+)?{_A_NEW}\s+(?:\w+\s+)?{_TOLD_NOUN}"
    rf"|{_A_NEW}\s+(?:problem|issue|thing)\s+(?:at|in|with|on|when|happened)\b"
    # another person than the story's: "Different guy, he was on my team before that"
    r"|\b(?:a\s+)?different\s+(?:guy|person|colleague|mentee|engineer|hire|report|woman|man)\b"
    # another occurrence had: "I had a similar one last year with the returns table"
    rf"|\b(?:i|we)\s+had\s+{_A_NEW}\s+(?:\w+\s+)?(?:one|problem|issue|case|incident|bug)\b"
    r"|let\s+me\s+(?:instead\s+)?(?:tell|talk|switch|give|share|pick|use|answer)\s+(?:you\s+)?"
    r"(?:about\s+|with\s+)?(?:a|another|something|the\s+time)\b"
    # the story best remembered is another: "the one I know best", "I remember better the …"
    r"|(?:one|example|story|numbers?|figures?|case|project)\s+(?:that\s+)?i\s+(?:know|remember|"
    r"recall)\s+(?:best|better|most)"
    r"|i\s+(?:know|remember|recall)\s+better\b"
    # another source named for what was asked: "the numbers come from my thesis", "better shown
    # in the fraud project", "the thing I'm most proud of is …"
    r"|(?:numbers?|figures?|example|story|results?)\s+(?:come|comes|came|are|is|was)\s+from\s+"
    r"(?:my|a|an|another)\b"
    r"|(?:better|best)\s+(?:shown|seen|illustrated|told)\s+(?:in|by|with|through)\b"
    r"|(?:most\s+proud\s+of|proudest\s+of)\s+(?:\w+\s+){0,4}?(?:is|was)\b"
    # a change of topic: "this reminds me", "if I can switch examples", "I'd rather talk about"
    r"|(?:that|this|it)\s+reminds\s+me"
    r"|switch(?:ing)?\s+(?:to\s+(?:a|another)|examples?|stories|story|gears|projects?)"
    r"|(?:rather|instead)\s+(?:talk|tell\s+you|speak)\s+about"
    r"|there\s+was\s+also\s+(?:the|a|another|one)\s+time"
    # the same told of something else: "the same thing happened later in the chargeback
    # model", "it was kind of the same with the pharmacy chain", "similar at my bank"
    r"|the\s+same\s+(?:thing|problem|issue|bug|pattern|mistake)\s+(?:also\s+)?(?:happened|came\s+"
    r"up|showed\s+up|was\s+true)\s+(?:later|again|before|earlier|at|in|with|for|on)\b"
    r"|(?:was|is|were|are)\s+(?:\w+\s+){0,2}?(?:the\s+same|similar)\s+(?:with|at|for)\s+"
    r"(?:the|a|an|our|my)\b"
    r"|speaking\s+of\s+which"
    # the story placed elsewhere: "at my previous job", "from the team before", "when I was at X"
    r"|(?:at|in|from)\s+(?:my|our|a|an|the)\s+(?:previous|earlier|former|old|last|other|"
    rf"different|prior)\s+{_PLACE}"
    rf"|(?:at|in|from|on)\s+(?:my|our|a|an|the)\s+{_PLACE}\s+(?:before|earlier|prior)\b"
    r"|(?:back\s+)?(?:at|in)\s+(?:my|a)\s+(?:first|second)\s+(?:job|company|role)"
    # …or in another time: "years back, on the web search team", "a few years ago at my old
    # team", "our churn model from the year before"
    r"|\b(?:years|a\s+year|long|a\s+while)\s+(?:back|ago|before|earlier),?\s+(?:on|at|in|with)\s+"
    rf"(?:the|my|our|a|an)\s+(?:[\w-]+\s+){{0,2}}{_PLACE}\b"
    rf"|\b{_WORK_NOUN_CUE}\s+from\s+(?:the|a)\s+(?:year|years|quarter|job|company|team)\s+"
    r"(?:before|earlier|prior)\b"
    r"|(?:when|while)\s+i\s+(?:was|worked)\s+(?:at|with|for)\s+(?!the\b|this\b|that\b|it\b)\w+"
    r"|(?:when|after)\s+i\s+(?:joined|moved\s+to|switched\s+to)\s+(?:the|a|an|my)\s+\w+"
    # said outright: "not from this project"
    r"|not\s+(?:from\s+)?(?:this|that|the\s+same)\s+(?:project|story|one)"
    r")", re.IGNORECASE)


# the head nouns a piece of work is named by: "the pricing model", "our data warehouse migration"
_WORK_NOUN = (r"(?:model|models|pipeline|system|classifier|migration|launch|filter|work|tool|"
              r"service|platform|engine|app|product|dashboard|forecaster|forecast|recommender|"
              r"chatbot|bot|project|api|index|ranker|detector|assistant|thesis|assignment|revamp|"
              r"rollout|redesign|monitor|store|feature|pilot|scorecard|study|initiative|program|"
              r"programme)")
# said as a particular one ("the", "our", "my"): "a bigger model" is an idea, not a project
_WORK_PHRASE = re.compile(rf"\b(?:the|our|my)\s+((?:[a-z][\w'-]*\s+){{1,3}}?){_WORK_NOUN}\b")
# modifiers that say which version of the same work, not which work: "the final model"
_GENERIC_MODIFIERS = frozenset("""final current whole same main production existing previous
original latest updated fixed broken entire simple simpler complex bigger smaller better worse
overall actual real live full""".split())


# work named as not done: "I didn't build the sequence model", "instead of the RL setup", "the
# model we'd planned" — the option given up, said inside the story (a trade-off names it)
_NOT_DONE_BEFORE = re.compile(r"\b(?:didn't|did\s+not|never|not|instead\s+of|rather\s+than|"
                              r"skipped|dropped|cut|scrapped|shelved|without)\s+(?:\w+\s+){0,2}$")
_NOT_DONE_AFTER = re.compile(r"^\s+(?:that\s+|which\s+)?(?:we|i|they)(?:'d|\s+had|\s+would"
                             r"\s+have)?\s+(?:originally\s+|first\s+)?(?:planned|proposed|"
                             r"designed|wanted|considered)\b")


def not_done(text: str, start: int, end: int) -> bool:
    """Whether the work named at `start:end` of `text` (lower case) is said as not done or only
    planned ("I didn't build the deep learning model we'd planned"): the road not taken is part
    of the story told, not another piece of work."""
    return bool(_NOT_DONE_BEFORE.search(text[:start]) or _NOT_DONE_AFTER.match(text[end:]))


def new_work(reply: str, first: str) -> str | None:
    """The first particular piece of work the reply names that the first answer never
    mentions: "the|our|my" and a work noun ("model", "pipeline", "migration") after modifiers
    none of whose stems the first answer says ("the pricing model", "our data warehouse
    migration"), and not said as not done (`not_done`: "I didn't build the sequence model");
    None when there is none."""
    said = _said_stems(first)
    text = " ".join(reply.lower().split())
    for m in _WORK_PHRASE.finditer(text):
        if _new_stems(m.group(1), said) and not not_done(text, m.start(), m.end()):
            return m.group(0)
    return None


# a thing the speaker says they made: "the courier bonus scheme I redesigned", "the pharmacy
# chain we onboarded", "the vendor API we used" (a relative clause with I/we and a past verb)
_OWN_WORK = re.compile(r"\b(?:the|our|my)\s+((?:[a-z][\w'-]*\s+){0,3}?[a-z][\w'-]*)\s+"
                       r"(?:that\s+|which\s+)?(?:i|we)\s+(?:\w+ly\s+)?(?!(?:settled|landed|"
                       r"ended|reached|levelled|plateaued)\b)(?:\w+ed|\w*built|\w*wrote|"
                       r"\w*made|\w*ran|led|did|set\s+up|brought|took\s+over)\b")
# heads that name how, not what: "the process we used", "the approach I picked"
_GENERIC_HEADS = frozenset("""process approach way method thing things stuff idea steps time
number numbers result results""".split())
# the told story named and denied: "that was for the Christmas catalogue, not the churn one"
_DENIED = re.compile(r"\bnot\s+(?:for\s+|from\s+|in\s+|about\s+)?(?:the|our|my)\s+"
                     r"((?:[a-z][\w'-]*\s+){1,2}?)(?:one|project|story|model|work)\b")


def _said_stems(text: str) -> set[str]:
    return {f[2:] for f in features(text) if f.startswith("w:")}


def _new_stems(phrase: str, said: set[str]) -> bool:
    """Whether `phrase` (minus version words: "the final model") has content stems and none
    of them is in `said`."""
    stems = _said_stems(" ".join(w for w in phrase.split() if w not in _GENERIC_MODIFIERS))
    return bool(stems) and not stems & said


def own_work(reply: str, first: str) -> str | None:
    """The first thing the reply says the speaker made or ran ("the courier bonus scheme I
    redesigned", "the vendor API we used") whose head word the first answer never says (a
    modifier may be the story's: "courier"); None when there is none. A time ("the next day I
    added") is no thing: its head word is a stop word."""
    said = _said_stems(first)
    for m in _OWN_WORK.finditer(" ".join(reply.lower().split())):
        head = m.group(1).split()[-1]
        if head not in STOP_WORDS and head not in _GENERIC_HEADS and _new_stems(head, said):
            return m.group(0)
    return None


def denied_story(reply: str, first: str) -> str | None:
    """The reply saying it is not about the story told: "not the churn one", with a word the
    first answer says ("churn"); None otherwise."""
    said = _said_stems(first)
    for m in _DENIED.finditer(" ".join(reply.lower().split())):
        words = [w for w in m.group(1).split() if w not in _GENERIC_MODIFIERS]
        if _said_stems(" ".join(words)) & said:
            return m.group(0)
    return None


# a person's subject pronoun -> the forms the first answer uses for that person
_PERSON = {"she": re.compile(r"\b(?:she|her|hers)\b"), "he": re.compile(r"\b(?:he|him|his)\b")}
_SUBJECTS = frozenset({"i", "we", "they", "she", "he"})
_ASIDE = frozenset({"think", "guess", "mean", "suppose", "believe", "reckon"})


def about_story_person(reply: str, first: str) -> bool:
    """Whether the reply's first subject (fillers apart: `fillers.filler_mask`) is a person
    the first answer speaks of ("Um, so she grew a lot …" after a story about mentoring her):
    work it then names is that person's, in the story."""
    words = reply.lower().split()
    said = [w.strip(",.;:!?") for w, filler in zip(words, filler_mask(words)) if not filler]
    # "I think", "I guess" said aside are no subject: "Better, I think. He took a week off"
    said = [w for i, w in enumerate(said)
            if not (w == "i" and i + 1 < len(said) and said[i + 1] in _ASIDE)
            and not (w in _ASIDE and i > 0 and said[i - 1] == "i")]
    subject = next((w for w in said if w in _SUBJECTS), None)
    return subject in _PERSON and bool(_PERSON[subject].search(first.lower()))


def throughout_person(reply: str) -> bool:
    """Whether the person the reply opens about (`about_story_person`) is spoken of in more than
    half its sentences ("He took a week off … he came off the rota … he got promoted"), not only
    in an opening aside ("in the end he went with his plan. Where pushing back paid off was …")."""
    said = [w for w in reply.lower().split()]
    subject = next((w.strip(",.;:!?") for w in said if w.strip(",.;:!?") in _PERSON), None)
    if subject is None:
        return False
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", reply.lower()) if x.strip()]
    return 2 * sum(bool(_PERSON[subject].search(x)) for x in sentences) > len(sentences)


@dataclass(frozen=True)
class SwitchOptions:
    """Where the signals tip a reply into "another story" (docs/follow_ups.md: measured on
    the tuning half of the follow-up set)."""

    cue_max_shared: float = 0.35  # with a switch cue: at most this share of content shared
    work_max_shared: float = 0.20  # naming a piece of work of its own: at most this share shared
    setup_min_features: int = 15  # content enough to be a story (a short reply is not): so
    # much content without one word of the first answer is another story
    min_features: int = 4  # a reply with fewer content features is too short to tell


@dataclass(frozen=True)
class SwitchSignals:
    """What a reply says about the story it tells, relative to the first answer."""

    cue: str | None  # the switch phrase heard, as said
    shared: float | None  # share (0–1) of the reply's content features the first answer has
    own_setup: bool  # the reply has its own situation, task and action
    n_features: int  # content features of the reply (words, names, numbers)
    new_work: str | None = None  # a particular piece of work the first answer never names
    own_work: str | None = None  # a thing the speaker says they made, never named before
    words_shared: int | None = None  # words and names of the reply the first answer says
    first_features: int = 0  # content features of the first answer (a vague one has few)


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


def words_shared(reply: str, first: str) -> int:
    """How many of the reply's word stems, names and numbers (`n:` features: "41%", "300
    users", not a value bin) the first answer also says: a reply that says the story's own
    number again ("we landed at 41 %") is about it, even in none of its words. A new number
    shares nothing (a follow-up asks for numbers the answer did not give)."""
    names = name_vocabulary([first, reply])
    return len({f for f in _content(reply, names) & _content(first, names) if f[0] in "wpn"})


def switch_signals(reply: str, first: str | None, star_present: dict[str, bool]) -> SwitchSignals:
    """The signals of `reply` against the `first` answer's text (None: unknown, no share)."""
    own = all(star_present.get(p) for p in ("situation", "task", "action"))
    if first is None or not first.strip():
        return SwitchSignals(switch_cue(reply), None, own, 0)
    share, n = shared_share(reply, first)
    # work a person of the story did is in the story: "she led the search relevance project"
    person = about_story_person(reply, first)
    # …and a reply about that person throughout shares the story, whatever its words
    return SwitchSignals(switch_cue(reply) or denied_story(reply, first), share, own, n,
                         None if person else new_work(reply, first),
                         None if person else own_work(reply, first),
                         words_shared(reply, first) + (person and throughout_person(reply)),
                         len(_content(first, name_vocabulary([first, reply]))))


def tells_another_story(sig: SwitchSignals, options: SwitchOptions = SwitchOptions()) -> bool:
    """Whether the reply moves to another story: a switch cue while sharing little of the first
    answer, a new piece of work (named, or said as the speaker's own) while sharing less, a
    story's worth of content without one word of a first answer that has a story's worth too
    (a vague "we shipped it and it was fine" has nothing to share). Without the first answer
    only a cue together with a set-up of its own counts."""
    if sig.shared is None:
        return sig.cue is not None and sig.own_setup
    if sig.n_features < options.min_features:
        return False
    if sig.cue is not None and sig.shared <= options.cue_max_shared:
        return True
    if (sig.new_work or sig.own_work) is not None and sig.shared <= options.work_max_shared:
        return True
    # (a set-up of its own is no signal once the first answer is known: a reply of steps or of
    # a trade-off tells its situation and actions too — on the 210 tuning replies it found no
    # switch the other signals miss and raised four false ones)
    return (sig.words_shared == 0 and sig.n_features >= options.setup_min_features
            and sig.first_features >= options.setup_min_features)
