"""A Leadership Principle said in a naming frame but misheard by the transcriber.

"This shows Deliver Results" heard as "this shows delivery results", "The principle is Dive
Deep" as "the principle is not deep" (QA15 F03): the candidate named a principle, the tool did
not hear it. The exact detector (`structure.detect_named_principles`, `facts.settle_principles`)
rightly misses these; this module finds them so the report never says "No Leadership Principle
named" over them.

Only the words after an explicit naming frame are read — "the principle (here) is …", "this
shows …", "that's …" — up to `TAIL_WORDS` words ending the clause; a tail in which the exact
patterns match is left to the exact detector (it was heard, and judged in its sense: "this is a
bias for action movie" stays not named). The tail is compared with each principle's name by
letters (`similarity`, 0-1):
- ≥ `CLOSE` ("delivery results" for Deliver Results, 0.97): the name, credited;
- ≥ `NEAR`, or any tail after "the principle is": said but not clearly heard — the report
  says so, asks no "which principle?" follow-up and names its best guess when ≥ `GUESS`.
A targeted principle (the question's) is the guess when it is within `GUESS` too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from voice_coach.analysis.structure import PRINCIPLE_PATTERNS

CLOSE = 0.9  # tuning (QA15 transcripts): "delivery results" 0.97, "think bigger" 0.86 is not
NEAR = 0.7  # tuning: "i've been" for Dive Deep 0.71; "important" 0.22, "the root cause" 0.26
GUESS = 0.55  # tuning: "not deep" for Dive Deep 0.59 after "the principle is"
TAIL_WORDS = 4  # a principle's name is one to four words

# "the principle (here) is …", "the leadership principle I'd pick (here) is …" (QA93 F5);
# Whisper writes "principal" for "principle"
_PRINCIPLE_FRAME = re.compile(
    r"\b(?:leadership )?princip(?:le|al)s?(?: (?:here|for me|behind (?:it|this|that)|at play|"
    r"(?:that )?(?:i'?d|i would|i) (?:pick|choose|name|say))){0,2} (?:is|was|would be) (?P<tail>.+)$")
# "this shows …", "that's …", "it was about …", "which is …" at the head of a clause, maybe
# after "for me" / "i would say" ("for me this was about dive deep")
_SHOWS_FRAME = re.compile(
    r"^(?:(?:so|and|i think|i'?d say|i would say|for me|to me)\W+)*(?:this|that|it|which)"
    r"(?: story| example| one)? "
    r"(?:shows?|showed|demonstrates|demonstrated|is|was|'s)(?: (?:all |really )?about)? "
    r"(?P<tail>.+)$")
# … or a name said last with "for me" after it: "…, decision -built and simplify for me" (QA76 F11)
_FOR_ME_FRAME = re.compile(r"(?:^|[,;:]\s*)(?P<tail>[^,;:]+?) for me\W*$")
_LEAD = re.compile(r"^(?:(?:a|an|the|my|our|really|all|about|of|just|exactly)\s+)+")
# the words after a name that are the frame's, not the name's: "this is I've deep for me"
_FOR_ME = re.compile(r"\s+(?:for me|to me|here|really)$")


class HeardPrinciple(NamedTuple):
    """A naming frame's tail: `name` is the principle it most likely says ("" when no name is
    within `GUESS`), `heard` the clause as transcribed, `credited` whether it counts as named."""

    name: str
    heard: str
    credited: bool


def _letters(text: str) -> str:
    """Lower-case letters, words kept apart by one space ("I've been" → "ive been")."""
    return " ".join(re.sub(r"[^a-z ]", "", text.lower()).split())


def similarity(tail: str, name: str) -> float:
    """How alike a heard phrase and a principle's name are by their letters, 0-1 (difflib's
    ratio over letters and word breaks: "i've been" / "Dive Deep" 0.71)."""
    return SequenceMatcher(None, _letters(tail), _letters(name)).ratio()


def _tail(clause: str) -> tuple[str, bool] | None:
    """The words after a naming frame, and whether the frame says "principle"; None when the
    clause has no frame or its tail is longer than a name."""
    for frame, explicit in ((_PRINCIPLE_FRAME, True), (_SHOWS_FRAME, False),
                            (_FOR_ME_FRAME, False)):
        m = frame.search(clause)
        if m is None:
            continue
        # a name ends at the clause's first break: "this was about dive deep, i did not stop";
        # … unless the break is inside the name ("Are Right, A Lot" heard "alright, a lot":
        # QA90 F6): the whole tail when it is as short as a name and nearer one
        first = _LEAD.sub("", re.split(r"[,;:]", m.group("tail"))[0].strip(" .!?'\""))
        whole = _LEAD.sub("", re.sub(r"[,;:]", " ", m.group("tail")).strip(" .!?'\""))
        tail = max((_FOR_ME.sub("", x) for x in (first, whole) if len(x.split()) <= TAIL_WORDS),
                   key=lambda x: max(similarity(x, n) for n in PRINCIPLE_PATTERNS),
                   default=_FOR_ME.sub("", first))
        if frame is _FOR_ME_FRAME:  # the name is the last words before "for me": "decision
            # -built and simplify" is "built and simplify"
            ends = [" ".join(tail.split()[-k:]) for k in range(1, TAIL_WORDS + 1)]
            tail = max(ends, key=lambda e: max(similarity(e, n) for n in PRINCIPLE_PATTERNS))
        words = tail.split()
        if 0 < len(words) <= TAIL_WORDS:
            return tail, explicit
    return None


def _as_written(clause: str) -> str:
    """A lower-case clause quoted as the transcript writes it: "I admitted", never "i admitted"
    (QA34 F8)."""
    return re.sub(r"\bi\b", "I", clause.strip(" .,;:!?"))


def heard_principles(clauses: Sequence[str], named: Sequence[str] = (),
                     targeted: Sequence[str] = ()) -> tuple[HeardPrinciple, ...]:
    """The misheard principle names in `clauses` (`plain_clauses` form: lower case, fillers
    out), skipping principles already `named`; `targeted` (the question's) wins a near tie."""
    out: list[HeardPrinciple] = []
    for clause in clauses:
        clause = clause.lower()  # a quote of an earlier reading (`_as_written`) reads again
        found = _tail(clause)
        if found is None:
            continue
        tail, explicit = found
        if any(re.search(p, tail) for pats in PRINCIPLE_PATTERNS.values() for p in pats):
            continue  # heard exactly: the exact detector judged it (and its sense)
        scored = sorted(((similarity(tail, n), n in targeted, n) for n in PRINCIPLE_PATTERNS),
                        reverse=True)
        best, _, name = scored[0]
        near_target = [(sim, n) for sim, _, n in scored if n in targeted and sim >= GUESS]
        if near_target and best < CLOSE:
            best, name = max(near_target)
        if name in named or name in (h.name for h in out):
            continue
        if best >= CLOSE:
            out.append(HeardPrinciple(name, _as_written(clause), True))
        elif best >= NEAR or explicit:
            out.append(HeardPrinciple(name if best >= GUESS else "", _as_written(clause),
                                      False))
    return tuple(out)


__all__ = ["CLOSE", "GUESS", "NEAR", "HeardPrinciple", "heard_principles", "similarity"]
