"""Follow-ups judged as follow-ups: one small rubric per follow-up kind.

A follow-up question asks for one missing thing ("What was the number before your change?").
Its answer is judged on whether it supplies that thing — not on the original question's whole
STAR-L rubric — and against a follow-up's own length (a crisp reply is the goal). What it
supplies is then merged into the original answer's facts (`fill`), so the original's report can
show the improvement ("with the follow-up: baseline ✓").

Each rubric (`RUBRICS`, keyed like `questions.GENERIC_FOLLOW_UPS`) names what was asked, the
fact that answers it (`_SUPPLIED`), what makes the reply specific (`_SPECIFIC`) and the target
length. Facts come from `analysis.facts` only, so a follow-up is judged with the same vocabulary
as everything else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from voice_coach.analysis.facts import cue_heard, fact_values, is_hypothetical, quantities
from voice_coach.analysis.structure import Structure
from voice_coach.analysis.vocabulary import FACT_LABELS

SUPPLIED_POINTS = 75  # structure score of a follow-up answer: it supplies what was asked…
LENGTH_POINTS = 25  # …and stays within the follow-up's target length
SUPPLIED_CONTENT = 60  # content score: what was asked…
SPECIFIC_CONTENT = 40  # …said specifically (a number, "I", the targeted principle)
LONG_FRACTION = 1.25  # over 125 % of the rubric's max_s is rambling


@dataclass(frozen=True)
class Rubric:
    """What one kind of follow-up asks for and how long its answer should take."""

    key: str  # a `questions.GENERIC_FOLLOW_UPS` key, e.g. "no_baseline"
    fact: str  # the fact it asks for (`vocabulary.FACT_LABELS`), e.g. "baseline"
    asks: str  # what was asked, for feedback: "the number before your change"
    how: str  # what to say when the answer did not supply it
    min_s: float  # target length of the answer, seconds
    max_s: float

    @property
    def label(self) -> str:
        """The fact's name in reports: "with the follow-up: baseline ✓"."""
        return FACT_LABELS.get(self.fact, self.fact.replace("_", " "))


RUBRICS: dict[str, Rubric] = {r.key: r for r in (
    Rubric("no_result", "result", "the result", "end on what changed, with a number if you "
           "have one", 15, 45),
    Rubric("no_baseline", "baseline", "the number before your change", "say what the metric "
           "was before you started, e.g. \"it was 12 % before\"", 20, 45),
    Rubric("no_business_outcome", "business_outcome", "what it meant for customers or the "
           "business", "translate the metric into money, time, users or contacts", 15, 45),
    Rubric("no_scale", "scale", "how big it was", "give a volume: users, requests per day, "
           "rows of data", 10, 40),
    Rubric("no_principle", "principle", "the Leadership Principle the story shows", "name "
           "one principle and say in one sentence why the story shows it", 10, 40),
    Rubric("no_learning", "learning", "what you learned", "say what you learned and what you "
           "would do differently", 15, 45),
    Rubric("no_action", "steps", "what you did, step by step", "list your own steps "
           "with \"I\": first I…, then I…", 15, 75),
    Rubric("no_i", "ownership", "your own contribution", "say what you did yourself, "
           "with \"I\"", 15, 45),
    Rubric("no_tradeoff", "tradeoff", "the trade-off", "name what you gave up and why it "
           "was worth it", 15, 60),
    Rubric("no_example", "example", "a concrete example", "walk through one specific case",
           20, 60),
    Rubric("no_clarify", "clarify", "what you would clarify", "ask about the "
           "inputs, constraints or edge cases", 10, 40),
    Rubric("no_complexity", "complexity", "the time and memory complexity", "state the "
           "big-O of time and of memory", 10, 40),
    Rubric("no_test", "test", "how you would test or validate it", "name a test, an edge "
           "case or the metric you would check", 15, 60),
    Rubric("no_real_time", "real_time", "one real time it happened", "tell one specific "
           "time: what happened, what you did, how it ended", 30, 90),
)}

_Check = Callable[[Structure, dict[str, bool]], bool]

_SUPPLIED: dict[str, _Check] = {
    "no_result": lambda s, f: f["result"] or f["after"] or f["business_outcome"]
    or bool(quantities(s)),
    "no_baseline": lambda s, f: f["baseline"] or bool(quantities(s)),
    "no_business_outcome": lambda s, f: f["business_outcome"] or cue_heard(s, "business_outcome"),
    "no_scale": lambda s, f: f["scale"] or bool(quantities(s)),
    "no_principle": lambda s, f: f["principle"],
    "no_learning": lambda s, f: f["learning"],
    "no_action": lambda s, f: f["action"],
    "no_i": lambda s, f: s.i_count > s.we_count or cue_heard(s, "ownership"),
    "no_tradeoff": lambda s, f: f["tradeoff"],
    "no_example": lambda s, f: f["example"] or f["action"] or bool(quantities(s)),
    "no_clarify": lambda s, f: f["clarify"] or cue_heard(s, "clarify"),
    "no_complexity": lambda s, f: f["complexity"],
    "no_test": lambda s, f: f["test"] or f["measurement"],
    "no_real_time": lambda s, f: not is_hypothetical(s) and f["action"],
}

_SPECIFIC: dict[str, _Check] = {
    "no_result": lambda s, f: bool(quantities(s)),
    "no_baseline": lambda s, f: bool(quantities(s)),
    "no_business_outcome": lambda s, f: bool(quantities(s)),
    "no_scale": lambda s, f: f["scale"],
    "no_principle": lambda s, f: s.i_count > 0,
    "no_learning": lambda s, f: s.i_count > 0,
    "no_action": lambda s, f: s.i_count > s.we_count,
    "no_i": lambda s, f: s.i_count > 0,
    "no_tradeoff": lambda s, f: f["example"] or bool(quantities(s)) or f["measurement"],
    "no_example": lambda s, f: bool(quantities(s)) or s.i_count > 0,
    "no_clarify": lambda s, f: f["test"] or f["example"] or cue_heard(s, "clarify"),
    "no_complexity": lambda s, f: f["complexity"],
    "no_test": lambda s, f: f["example"] or f["test"],
    "no_real_time": lambda s, f: f["result"],
}


@dataclass(frozen=True)
class FollowUpCheck:
    """How a follow-up answer did against its rubric (the report's `follow_up_check`)."""

    kind: str
    label: str
    asks: str
    supplied: bool
    specific: bool
    evidence: tuple[str, ...]
    min_s: float
    max_s: float
    length_s: float | None  # the answer's length, seconds (estimated from words without audio)
    length_ok: bool

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "asks": self.asks,
                "supplied": self.supplied, "specific": self.specific,
                "evidence": list(self.evidence), "target_s": [self.min_s, self.max_s],
                "length_s": None if self.length_s is None else round(self.length_s, 1),
                "length_ok": self.length_ok}


def rubric(key: str) -> Rubric:
    """The rubric for a follow-up key (unknown keys get a generic "answer what was asked")."""
    return RUBRICS.get(key) or Rubric(key, key.removeprefix("no_").replace("_", " "),
                                      "what was asked", "answer the question directly", 15, 45)


def _evidence(key: str, s: Structure) -> tuple[str, ...]:
    if key == "no_principle":
        return tuple(s.leadership_principles)
    if key == "no_scale" and s.scale_evidence:
        return tuple(s.scale_evidence)
    if key in ("no_result", "no_baseline", "no_business_outcome", "no_scale"):
        return tuple(dict.fromkeys(quantities(s)))[:3]
    return ()


def judge(key: str, s: Structure, length_s: float | None) -> FollowUpCheck:
    """Judge a follow-up answer (its reconciled facts `s`) against the rubric for `key`."""
    r = rubric(key)
    f = fact_values(s)
    supplied = bool(_SUPPLIED.get(key, lambda *_: s.word_count > 0)(s, f))
    specific = supplied and bool(_SPECIFIC.get(key, lambda *_: True)(s, f))
    length_ok = length_s is None or length_s <= r.max_s * LONG_FRACTION
    return FollowUpCheck(key, r.label, r.asks, supplied, specific, _evidence(key, s) if supplied
                         else (), r.min_s, r.max_s, length_s, length_ok)


def scores(check: FollowUpCheck) -> tuple[int, int]:
    """(structure, content) scores 0–100 of a follow-up answer."""
    structure = SUPPLIED_POINTS * check.supplied + LENGTH_POINTS * (check.length_ok
                                                                    and check.supplied)
    content = SUPPLIED_CONTENT * check.supplied + SPECIFIC_CONTENT * check.specific
    return int(structure), int(content)


def _merged_share(original: Structure, answer: Structure, part: str) -> dict[str, float]:
    """STAR shares of story + follow-up together (by words), the follow-up counted as `part`."""
    a, b = original.word_count, answer.word_count
    total = (a + b) or 1
    out = {p: original.star_share[p] * a / total for p in original.star_share}
    out[part] += b / total
    return out


_STAR_FILLS = {"no_result": "result", "no_learning": "learning", "no_action": "action"}


def _with_reply_slots(original: Structure, answer: Structure) -> Structure:
    """The metric triad slots, scale evidence and principles the reply states are facts about
    the same story, whatever was asked (STAR parts are not: a short reply has no story shape)."""
    tri, rt = original.metric_triad, answer.metric_triad
    triad = dataclasses.replace(
        tri, baseline=tri.baseline or rt.baseline, after=tri.after or rt.after,
        business_outcome=tri.business_outcome or rt.business_outcome,
        evidence=tuple(dict.fromkeys(tri.evidence + rt.evidence)))
    return dataclasses.replace(
        original, metric_triad=triad,
        scale_evidence=tuple(dict.fromkeys(original.scale_evidence + answer.scale_evidence)),
        leadership_principles=tuple(dict.fromkeys(original.leadership_principles
                                                  + answer.leadership_principles)))


def fill(original: Structure, check: FollowUpCheck, answer: Structure) -> Structure:
    """The original answer's facts with what the follow-up answer supplied merged in."""
    if not check.supplied:
        return original
    key = check.kind
    if key != "no_real_time":
        original = _with_reply_slots(original, answer)
    tri = original.metric_triad
    t = original.technical
    ev = tuple(dict.fromkeys(tri.evidence + check.evidence))
    if key in _STAR_FILLS:
        part = _STAR_FILLS[key]
        present = dict(original.star_present, **{part: True})
        changes: dict[str, Any] = {"star_present": present,
                                   "star_share": _merged_share(original, answer, part)}
        if key == "no_result" and check.evidence:
            changes["metric_triad"] = dataclasses.replace(tri, after=True, evidence=ev)
        if key == "no_action":
            changes["i_count"] = original.i_count + answer.i_count
        return dataclasses.replace(original, **changes)
    if key == "no_baseline":
        return dataclasses.replace(original, metric_triad=dataclasses.replace(
            tri, baseline=True, evidence=ev))
    if key == "no_business_outcome":
        return dataclasses.replace(original, metric_triad=dataclasses.replace(
            tri, business_outcome=True, evidence=ev))
    if key == "no_scale":
        return dataclasses.replace(original, scale_evidence=tuple(dict.fromkeys(
            original.scale_evidence + (answer.scale_evidence or check.evidence))))
    if key == "no_principle":
        return dataclasses.replace(original, leadership_principles=tuple(dict.fromkeys(
            original.leadership_principles + answer.leadership_principles)))
    if key == "no_i":
        n_i = original.i_count + max(answer.i_count, 1)
        return dataclasses.replace(original, i_count=n_i,
                                   i_we_ratio=max(original.i_we_ratio or 0.0, 1.0))
    if key == "no_clarify":
        return dataclasses.replace(original, clarifying_question=True)
    if key == "no_real_time":
        return dataclasses.replace(answer, key_points_covered=original.key_points_covered,
                                   key_points_missed=original.key_points_missed)
    shape = {"no_tradeoff": {"tradeoff": True}, "no_example": {"example": True},
             "no_complexity": {"complexity": True},
             "no_test": {"test": True, "measurement": True}}.get(key)
    if shape is None:
        return original
    technical = dataclasses.replace(t, **shape)
    return dataclasses.replace(original, technical=technical, tradeoffs=technical.tradeoff)


__all__ = ["FollowUpCheck", "RUBRICS", "Rubric", "fill", "judge", "rubric", "scores"]
