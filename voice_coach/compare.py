"""Attempt comparison: what changed between two answers to the same question.

Pure functions over saved reports (the schema in DESIGN.md): `attempt_facts` reads the numbers
and content items of one report into a typed `AttemptFacts`; `compare_attempts` turns two of
them into an `AttemptComparison` (metric changes with their direction, content items gained or
lost) and `AttemptComparison.headline()` says it in one line:
"2nd attempt: baseline ✓ new, fillers 9.0 → 3.0/min, lead-in 6.1 → 1.8 s". No I/O, no printing;
the renderers live in `voice_coach.report`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import dataclasses
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from voice_coach.report_model import AnswerReport

__all__ = ["AttemptComparison", "AttemptFacts", "HAD", "ItemChange", "MISSING", "MetricChange",
           "METRICS", "UNCLEAR", "attempt_facts", "compare_attempts", "ordinal", "score_items",
           "session_comparisons"]

STAR_LABELS = (("situation", "Situation"), ("task", "Task"), ("action", "Action"),
               ("result", "Result"), ("learning", "Learning"))
TRIAD_LABELS = (("baseline", "baseline"), ("after", "after number"),
                ("business_outcome", "business outcome"))


class Metric(NamedTuple):
    """How one number is compared: where it is in a report, its label, unit, the smallest change
    worth naming and which way is better (+1 higher, -1 lower, 0 neither, e.g. pace)."""

    key: str
    label: str
    unit: str
    digits: int
    min_change: float
    better: int


# Order = order in the headline and the tables.
METRICS: tuple[Metric, ...] = (
    Metric("overall", "overall score", "", 0, 1.0, +1),
    Metric("fillers_per_min", "fillers", "/min", 1, 0.5, -1),
    Metric("lead_in_s", "lead-in", " s", 1, 0.5, -1),
    Metric("long_pause_count", "long pauses", "", 0, 1.0, -1),
    Metric("longest_pause_s", "longest pause", " s", 1, 0.5, -1),
    Metric("wpm", "pace", " wpm", 0, 5.0, 0),
    Metric("delivery", "delivery score", "", 0, 1.0, +1),
    Metric("structure", "structure score", "", 0, 1.0, +1),
    Metric("content", "content score", "", 0, 1.0, +1),
)
PRINCIPLE_LABEL = "Leadership Principle named"  # a story names the principle it shows
HEADLINE_MAX_ITEMS = 3  # the one-line summary names at most this many content items…
HEADLINE_MAX_METRICS = 3  # …and this many delivery changes (plus the overall score)
SCORE_LABELS = frozenset(m.label for m in METRICS if m.label.endswith("score"))
# The content items each score is computed from, by how the answer was scored (`coach`): a score
# that dropped is explained by the items feeding it that the later attempt lost (QA9 F17), and
# by no others (QA13 F07: key points listed behind a story's STRUCTURE score, which is STAR-L
# only, and "Leadership Principle named" behind the content of a story whose question has key
# points, where naming a principle is a tip, not points).
LEARNING_ITEM = "STAR|Learning"
ACTION_SHARE_ITEM = "STAR|Action share"  # ✓ when Action is at least `coach.ACTION_SHARE_MIN`
SETUP_ITEM = "STAR|set-up share"  # ✓ when Situation + Task is at most `SETUP_SHARE_MAX`
TRIAD_NUMBERS_ITEM = "triad|numbers"  # the triad's numbers as the report quotes them
SCALE_ITEM = "scale|scale evidence"
SAID_ITEMS = frozenset((TRIAD_NUMBERS_ITEM, SCALE_ITEM))  # named when said otherwise, though ✓
# each STAR-L part's share of the answer ("STAR share|Situation share"): named when it moved by
# at least `SHARE_SWING` though the part stays ✓ — "Situation share 28% → 2%" is how the retelling
# was read, and the user should see it (QA15 F10). Information only: it feeds no score.
SHARE_GROUP = "STAR share"
SHARE_SWING = 0.15  # tuning: one sentence of a ten-sentence story moves a share by about 10 %


def score_items(items: Mapping[str, str], *, story: bool, kind: str) -> dict[str, frozenset[str]]:
    """Score label → the item keys ("group|name") of `items` that feed that score: a story's
    structure is its STAR parts, its content the key points and the triad (without key points
    the triad, the principle and the learning — the guide's impact and principles); an
    introduction's key points are both its scores; an explanation's key points are its content
    (its structure is its shape, which is no item here)."""
    def group(*names: str) -> frozenset[str]:
        return frozenset(k for k in items if k.partition("|")[0] in names)

    points = group("key point")
    if story:
        content = points | group("triad") if points \
            else group("triad", "principle") | (frozenset({LEARNING_ITEM}) & set(items))
        structure = group("STAR")
    elif kind == "behavioral":
        structure = content = points
    else:
        structure, content = frozenset(), points
    return {"structure score": structure, "content score": content,
            "overall score": structure | content}


# How far an answer had a content item, worst to best: a key point can also be "not clearly
# heard" (`KeyPoints.unclear`), between missing and made — a change either way is named (QA7 F21:
# a point that went from made to not clearly heard was hidden).
HAD, UNCLEAR, MISSING = "✓", "?", "✗"
ITEM_RANK = {MISSING: 0, UNCLEAR: 1, HAD: 2}


@dataclass(frozen=True)
class AttemptFacts:
    """What one attempt is compared on. Metric values are None when the report has none
    (a transcript has no delivery); `items` maps a content item ("STAR: Result", "triad:
    baseline", "key point: …") to how the answer had it: `HAD`, `UNCLEAR` (a key point not
    clearly heard) or `MISSING`."""

    attempt: int
    metrics: Mapping[str, float | None]
    items: Mapping[str, str]
    feeds: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)  # score_items
    # item key → what the answer said for it ("40%" for the Action share, the scale evidence,
    # the triad's numbers): a change of what was said is named even when the item stays ✓
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)


class MetricChange(NamedTuple):
    label: str
    before: float | None
    after: float | None
    unit: str
    digits: int
    better: bool | None  # True improved, False got worse, None neither or not comparable
    because: tuple[str, ...] = ()  # a score that dropped: the content items lost behind it

    def text(self) -> str:
        """'fillers 9.0 → 3.0/min'."""
        return f"{self.label} {_fmt(self.before, self.digits)} → {_fmt(self.after, self.digits)}" \
               f"{self.unit}"

    def why(self) -> str:
        """'' or 'lost: business outcome, Leadership Principle named' for a score that dropped."""
        return f"lost: {', '.join(self.because)}" if self.because else ""


class ItemChange(NamedTuple):
    group: str  # "STAR" | "triad" | "principle" | "scale" | "key point"
    name: str
    gained: bool | None  # True: better in the later attempt; False: worse; None: said otherwise
    before: str = MISSING  # HAD | UNCLEAR | MISSING
    after: str = HAD
    before_value: str = ""  # what was said for it (`AttemptFacts.values`), when it is named
    after_value: str = ""

    def text(self) -> str:
        """'baseline ✓ new', 'Leadership Principle named ✓ heard clearly now', 'how early
        you raised it ✗ no longer clear', 'Action share 40% → 25% ✗', 'scale ✗ lost (was 20000
        requests a second)', 'triad numbers 0.3% → 0.4%'."""
        if self.before_value and self.after_value:
            mark = {True: " ✓", False: " ✗", None: ""}[self.gained]
            return f"{self.name} {self.before_value} → {self.after_value}{mark}"
        if self.after == HAD:  # not clearly heard before: it was said, now it is heard
            return f"{self.name} ✓ " + ("heard clearly now" if self.before == UNCLEAR else "new")
        if self.after == UNCLEAR:
            return (f"{self.name} ✗ no longer clear" if self.before == HAD
                    else f"{self.name} ~ partly heard now")
        return f"{self.name} ✗ lost" + (f" (was {self.before_value})" if self.before_value else "")


@dataclass(frozen=True)
class AttemptComparison:
    """The later attempt against the earlier one."""

    before_attempt: int
    after_attempt: int
    metrics: tuple[MetricChange, ...]  # only changes at least `Metric.min_change`
    gained: tuple[ItemChange, ...]
    lost: tuple[ItemChange, ...]
    # items kept in the same state, said otherwise: the triad's numbers, the scale (QA14 F04)
    changed: tuple[ItemChange, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not (self.metrics or self.gained or self.lost or self.changed)

    def headline(self) -> str:
        """One line: up to three items gained or lost, the delivery changes, the overall score
        ("2nd attempt: baseline ✓ new, fillers 9.0 → 3.0/min, lead-in 6.1 → 1.8 s")."""
        # a loss is never hidden behind "+N more": it keeps at least one of the named places
        n_lost = min(len(self.lost), max(1, HEADLINE_MAX_ITEMS - len(self.gained)))
        named = list(self.gained[:HEADLINE_MAX_ITEMS - n_lost]) + list(self.lost[:n_lost])
        named += list(self.changed[:max(0, HEADLINE_MAX_ITEMS - len(named))])
        parts = [c.text() for c in named]
        hidden = len(self.gained) + len(self.lost) + len(self.changed) - len(named)
        if hidden:
            parts.append(f"+{hidden} more")
        delivery = [m for m in self.metrics if m.label not in SCORE_LABELS]
        parts += [m.text() for m in delivery[:HEADLINE_MAX_METRICS]]
        parts += [m.text() for m in self.metrics if m.label == "overall score"]
        body = ", ".join(parts) if parts else "no change worth naming"
        return f"{ordinal(self.after_attempt)} attempt: {body}"

    def to_dict(self) -> dict[str, Any]:
        return {"before_attempt": self.before_attempt, "after_attempt": self.after_attempt,
                "metrics": [m._asdict() for m in self.metrics],
                "gained": [c._asdict() for c in self.gained],
                "lost": [c._asdict() for c in self.lost],
                "changed": [c._asdict() for c in self.changed], "headline": self.headline()}


def ordinal(n: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fmt(x: float | None, digits: int) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def attempt_facts(report: AnswerReport) -> AttemptFacts:
    """Read one report into the facts an attempt is compared on.

    STAR parts and the metric triad count only for behavioural answers (a technical answer is
    not a story); key points for any answer whose question has them.
    """
    d = report.delivery
    scores = report.scores.to_dict()
    metrics: dict[str, float | None] = {}
    for m in METRICS:
        value = scores[m.key] if m.key in scores else (getattr(d, m.key) if d else None)
        metrics[m.key] = float(value) if value is not None else None
    structure = report.structure
    items: dict[str, str] = {}
    values: dict[str, str] = {}
    if report.kind == "behavioral":
        from voice_coach.coach import ACTION_SHARE_MIN  # numpy-heavy: only when comparing
        from voice_coach.analysis.vocabulary import SETUP_SHARE_MAX, scale_said, ship_only

        for key, label in STAR_LABELS:
            part = structure.star.get(key)
            if part is not None and not part.not_heard:  # lost speech: not judged (QA9 F04)
                items[f"STAR|{label}"] = HAD if part.present else MISSING
                if part.present:
                    items[f"{SHARE_GROUP}|{label} share"] = HAD
                    values[f"{SHARE_GROUP}|{label} share"] = f"{part.share:.0%}"
        # the shares the structure score charges (`coach.structure_score`): a drop they cause
        # is named by them, never left unexplained (QA14 F04)
        star = structure.star
        action = star.get("action")
        if action is not None and action.present and not action.not_heard:
            items[ACTION_SHARE_ITEM] = HAD if action.share >= ACTION_SHARE_MIN else MISSING
            values[ACTION_SHARE_ITEM] = f"{action.share:.0%}"
            setup = sum(star[p].share for p in ("situation", "task") if p in star)
            if any(star[p].present for p in ("situation", "task") if p in star):
                # no set-up told is Situation and Task ✗, never a set-up "now short enough"
                items[SETUP_ITEM] = HAD if setup <= SETUP_SHARE_MAX else MISSING
                values[SETUP_ITEM] = f"{setup:.0%}"
        for key, label in TRIAD_LABELS:
            items[f"triad|{label}"] = HAD if getattr(structure.metric_triad, key) else MISSING
        if structure.metric_triad.evidence:
            items[TRIAD_NUMBERS_ITEM] = HAD
            values[TRIAD_NUMBERS_ITEM] = "; ".join(structure.metric_triad.evidence)
        items[SCALE_ITEM] = HAD if scale_said(structure.scale_evidence) else MISSING
        # quoted by its figures only: a bare deployment word ("canary", "in production") is no
        # scale said (`vocabulary.ship_only`), so adding one is no scale "said otherwise" (QA17 F14)
        figures = [x for x in structure.scale_evidence if not ship_only(x)]
        if figures:
            values[SCALE_ITEM] = ", ".join(figures)
        # a principle said but misheard is not clearly heard, never missing: naming it clearly
        # next time is "heard now", not a new principle (QA15 F03)
        items[f"principle|{PRINCIPLE_LABEL}"] = HAD if structure.leadership_principles else \
            UNCLEAR if structure.principles_unclear else MISSING
    kp = structure.key_points
    for points, state in ((kp.covered, HAD), (kp.unclear, UNCLEAR), (kp.missed, MISSING)):
        for point in points:
            items[f"key point|{point}"] = state
    attempt = report.attempt
    from voice_coach.analysis.facts import is_story  # numpy-heavy: only when comparing attempts

    story = is_story(report.kind, report.question.category if report.question else None)
    return AttemptFacts(attempt=attempt if attempt is not None and attempt > 0 else 1,
                        metrics=metrics, items=items,
                        feeds=score_items(items, story=story, kind=report.kind), values=values)


def _direction(m: Metric, before: float, after: float) -> bool | None:
    if m.better == 0:
        return None
    return (after - before) * m.better > 0


def _named(c: ItemChange) -> str:
    """An item lost, as a dropped score names it: with what was said when both attempts said
    something ("Action share 40% → 25%"), else its name."""
    return f"{c.name} {c.before_value} → {c.after_value}" if c.before_value and c.after_value \
        else c.name


_QUOTED_NUMBER = re.compile(r"[$€£]?\d+(?:\.\d+)?[%MBKTx]?")


def _numbers_added(was: str, now: str) -> bool:
    """Every number of the triad's evidence `was` is in `now`, which says more ("down to 0.3%"
    → "around 2.5% to 0.3%")."""
    def said(text: str) -> set[str]:  # each number as quoted: "0.3%", "€1.2M", "40 minutes"
        return set(_QUOTED_NUMBER.findall(text))
    before, after = said(was), said(now)
    return bool(before) and before < after


def compare_attempts(before: AttemptFacts, after: AttemptFacts) -> AttemptComparison:
    """What changed from `before` to `after` (two attempts at the same question).

    Metrics are listed when both attempts have them and they differ by at least the metric's
    `min_change`; content items whose state changed (made / not clearly heard / missing; items
    only one attempt was judged on are skipped).
    """
    changes = []
    for m in METRICS:
        a, b = before.metrics.get(m.key), after.metrics.get(m.key)
        if a is None or b is None or abs(b - a) < m.min_change:
            continue
        changes.append(MetricChange(m.label, a, b, m.unit, m.digits, _direction(m, a, b)))
    gained, lost, changed, swings = [], [], [], []
    for key, had in before.items.items():
        has = after.items.get(key)
        if has is None:
            continue
        group, _, name = key.partition("|")
        was, now = before.values.get(key, ""), after.values.get(key, "")
        if has == had:
            if key == TRIAD_NUMBERS_ITEM and was and now and _numbers_added(was, now):
                continue  # every number kept, more said: the slot it fills is its own row
                # ("baseline ✓ new"), never "said otherwise" (QA16 F13)
            if key in SAID_ITEMS and was and now and was != now:
                # kept, said otherwise ("0.3% → 0.4%"); a scale said with less of it is worse,
                # with all of it and more is better (QA17 F14), never "said otherwise"
                kept, said = set(was.split(", ")), set(now.split(", "))
                verdict = False if said < kept else True if kept < said else None
                changed.append(ItemChange(group, name, verdict, had, has, was, now))
            elif group == SHARE_GROUP and was and now and \
                    abs(float(now.rstrip("%")) - float(was.rstrip("%"))) >= 100 * SHARE_SWING:
                swings.append(ItemChange(group, name, None, had, has, was, now))
            continue
        better = ITEM_RANK[has] > ITEM_RANK[had]
        (gained if better else lost).append(ItemChange(group, name, better, had, has, was, now))
    feeds = after.feeds or before.feeds  # the later attempt's score is the one that dropped
    changes = [m._replace(because=tuple(_named(c) for c in lost
                                        if f"{c.group}|{c.name}" in feeds.get(m.label, ())))
               if m.better is False else m for m in changes]
    return AttemptComparison(before.attempt, after.attempt, tuple(changes), tuple(gained),
                             tuple(lost), tuple(changed + swings))


def session_comparisons(reports: Sequence[AnswerReport]) -> dict[int, AttemptComparison]:
    """For each retry in a session (answer number → comparison with the attempt before it).

    A retry is a main answer (not a follow-up) with `attempt` ≥ 2; the attempt before it is
    the latest earlier main answer to the same question id.
    """
    out: dict[int, AttemptComparison] = {}
    last: dict[str, AnswerReport] = {}
    for r in sorted(reports, key=lambda r: r.n or 0):
        qid = r.question_id
        if r.follow_up_of is not None or qid is None:
            continue
        prev = last.get(qid)
        if prev is not None and r.attempt is not None and r.attempt >= 2 and r.n is not None:
            out[r.n] = compare_attempts(attempt_facts(prev), attempt_facts(r))
        last[qid] = r
    return out
