"""Which facts a key point restates, and how a missed one is listed: the part of the one set of
facts (`facts`) that needs neither numpy nor the embedding model.

A key point that restates a fact (`vocabulary.KEY_POINT_FACTS`: "a measurable result, ideally
with a before and after number", "what you learned", …) is judged on that fact, and a missed one
is listed with the marks it lacks ("after ✗"). The report and the views read saved reports with
these helpers, so rendering a report stays off the numpy import path (`voice-coach --help`,
`review`); `facts` and `key_points` import them from here.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from voice_coach.analysis.vocabulary import (
    FACT_LABELS, KEY_POINT_FACTS, KEY_POINT_IMPLIED, KEY_POINT_NEEDS, KEY_POINT_OPTIONAL, STAR_PARTS,
    TRIAD_SLOTS,
)
from voice_coach.report_model import MetricTriadInfo


def _facts_of(key_point: str,
              table: Sequence[tuple[re.Pattern[str], tuple[str, ...]]]) -> tuple[str, ...]:
    low = KEY_POINT_OPTIONAL.sub("", key_point.lower().strip())
    out: list[str] = []
    for pattern, facts in table:
        if pattern.search(low):
            out.extend(f for f in facts if f not in out)
    return tuple(out)


def key_point_facts(key_point: str) -> tuple[str, ...]:
    """The facts a key point restates (empty when it is about content of its own)."""
    return _facts_of(key_point, KEY_POINT_FACTS)


def key_point_implied_by(key_point: str) -> tuple[str, ...]:
    """The facts that are enough for a key point said perhaps without them
    (`vocabulary.KEY_POINT_IMPLIED`: "time, cost or reliability gained" ← a measured result)."""
    return _facts_of(key_point, KEY_POINT_IMPLIED)


def own_key_points(key_points: Sequence[str]) -> list[str]:
    """The key points that are the question's own: those naming no fact every story is judged
    on (not "what you learned", "a measurable result …", "specific steps you took" ← an
    Action). For "a difficult teammate": what made it difficult, how you sought their view, how
    the relationship changed."""
    return [kp for kp in key_points if not (key_point_facts(kp) or key_point_implied_by(kp))]


def key_point_verdict(key_point: str, facts: Mapping[str, bool], by_meaning: bool) -> bool:
    """Whether a key point is covered, from the facts it restates or is implied by, else from
    the words/meaning verdict `by_meaning` (see `vocabulary.KEY_POINT_FACTS`)."""
    needs = [f for f in key_point_facts(key_point) if f in facts]
    enough = [f for f in key_point_implied_by(key_point) if f in facts]
    if needs and not all(facts[f] for f in needs):
        return False
    if enough and all(facts[f] for f in enough) or needs and not enough:
        return True
    if any(not facts.get(f, True) for f in _facts_of(key_point, KEY_POINT_NEEDS)):
        return False  # needed, not restated: "offline number versus online number" with none
    return by_meaning


def measured(tri: MetricTriadInfo) -> bool:
    """The triad holds a number: a baseline or an after, or a business outcome with a number
    in its evidence. An outcome said in words only ("retention did not drop") is an outcome but
    no measurement, so "a measurable result" is not credited next to "baseline ✗ · after ✗"
    and "0 quantified results" (QA7 F08); the triad's evidence holds numbers only. A baseline
    alone is where the story started, no result: with no after and no outcome number nothing
    measured what came of the work (QA90 F4: "a measured result ✓" beside "after ✗")."""
    if tri.after:
        return True
    if not tri.business_outcome:
        return False
    if tri.slots:
        return any(role == "outcome" and re.search(r"\d", span) for role, span in tri.slots)
    return bool(tri.evidence) and not tri.baseline


GAP_LABELS = {"result_number": "number",  # "a measurable result … (number ✗)"
              "first_person": "said with I"}  # "… your own responsibility (said with I ✗)"


def shown_facts(star: Mapping[str, Any], triad: MetricTriadInfo) -> dict[str, bool]:
    """The facts a saved report shows as marks: STAR-L parts (`star`: part → object with
    `.present`), metric-triad slots and the measured result they make."""
    said = {part: bool(getattr(star.get(part), "present", False)) for part in STAR_PARTS}
    said |= {slot: bool(getattr(triad, slot)) for slot in TRIAD_SLOTS}
    said["result_number"] = said["result"] and measured(triad)
    return said


def supplied_by_reply(key_point: str, star: Mapping[str, Any], triad: MetricTriadInfo,
                      added: Collection[str]) -> bool:
    """Whether a key point the answer left open is made once its follow-up reply's facts
    (`added`: the facts the reply supplied) are counted: it restates facts
    (`key_point_facts`) or is implied by them (`key_point_implied_by`), at least one of them
    came with the reply, and each of them is supplied or shown ✓ (`shown_facts`). A point on
    content of its own, or on a fact a report shows no mark for (ownership), is never
    supplied this way: the reply was judged only on what its follow-up asked (QA17 F21)."""
    said = shown_facts(star, triad)
    for facts in (key_point_facts(key_point), key_point_implied_by(key_point)):
        if facts and any(f in added for f in facts) and all(
                f in added or said.get(f, False) for f in facts):
            return True
    return False


def unmet_facts(key_point: str, star: Mapping[str, Any], triad: MetricTriadInfo) -> tuple[str, ...]:
    """The STAR-L parts and triad slots a missed key point restates that the report shows ✗,
    as its marks ("after ✗"): said next to the point, so "the result with a before and after
    number" missed beside "a measurable result …" covered reads as the after number lacking, not
    as the same point judged twice (QA8 F17). `star`: part → object with `.present`."""
    return tuple(_gap_mark(f) for f in _unmet_keys(key_point, star, triad))


def _gap_mark(fact: str) -> str:
    return f"{GAP_LABELS.get(fact, FACT_LABELS[fact])} ✗"


def _unmet_keys(key_point: str, star: Mapping[str, Any], triad: MetricTriadInfo) -> list[str]:
    """The facts behind `unmet_facts`' marks, in its order."""
    said = shown_facts(star, triad)
    gaps = [f for f in key_point_facts(key_point) if f in said and not said[f]]
    if len(gaps) > 1 and "result_number" in gaps:  # "baseline ✗, after ✗" says it already
        gaps.remove("result_number")
    return gaps


def wished_gaps(key_point: str, triad: MetricTriadInfo,
                added: Collection[str] = ()) -> tuple[str, ...]:
    """The triad slots a key point names after "ideally" (`vocabulary.KEY_POINT_OPTIONAL`: a
    wish, not needed for the point) that the report shows ✗ and no follow-up reply supplied
    (`added`), as marks ("baseline ✗")."""
    m = KEY_POINT_OPTIONAL.search(key_point.lower().strip())
    if m is None:
        return ()
    wish = re.sub(r"^,?\s*ideally\s*", "", m.group(0))
    slots = _facts_of(wish, KEY_POINT_FACTS)
    return tuple(f"{FACT_LABELS[f]} ✗" for f in slots if f in TRIAD_SLOTS
                 and not getattr(triad, f) and f not in added)


def point_with_wishes(key_point: str, triad: MetricTriadInfo, added: Collection[str] = ()) -> str:
    """A covered key point as the report lists it: with the triad slots its "ideally" part names
    that the triad lacks ("a measurable result, ideally with a before and after number (ideally
    also: baseline)"), so the point credited never reads as the number the triad line and its
    advice call missing (QA16 F03) — worded as the wish it is, never a ✗ inside a covered point
    (QA71 F7); a slot the follow-up reply supplied (`added`) is none (QA51)."""
    gaps = [g.removesuffix(" ✗") for g in wished_gaps(key_point, triad, added)]
    return f"{key_point} (ideally also: {', '.join(gaps)})" if gaps else key_point


def point_with_gaps(key_point: str, star: Mapping[str, Any], triad: MetricTriadInfo,
                    added: Collection[str] = (), i_we_ratio: float | None = None) -> str:
    """A missed key point as the report lists it: with the facts it still lacks (`unmet_facts`)
    — a fact its follow-up reply supplied (`added`) is no gap: "(Task ✗)", never "(Situation ✗,
    Task ✗)" beside "S ✗ → ✓ with the follow-up" (QA35 F4); a point on the speaker's own part
    told only with "we" (`i_we_ratio` 0) says so: "(said with I ✗)", never read as the set-up
    missing beside "S ✓ · T ✓" (QA47 F4)."""
    gaps = [_gap_mark(f) for f in _unmet_keys(key_point, star, triad) if f not in added]
    if i_we_ratio == 0 and "first_person" in key_point_facts(key_point) \
            and "ownership" not in added:
        gaps.append(f"{GAP_LABELS['first_person']} ✗")
    return f"{key_point} ({', '.join(gaps)})" if gaps else key_point


__all__ = ["GAP_LABELS", "key_point_facts", "key_point_implied_by", "key_point_verdict",
           "measured", "own_key_points", "point_with_gaps", "point_with_wishes", "shown_facts",
           "supplied_by_reply", "unmet_facts", "wished_gaps"]
