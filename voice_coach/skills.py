"""Skills an answer shows or lacks, and the three things to fix after a round.

Pure functions over saved reports (schema in DESIGN.md); nothing here measures or decides what
is good: story skills read the structure block, delivery skills read the coach's own warnings
(so they follow the user's thresholds). The scheduler (`voice_coach.scheduler`) reviews one card
per skill with these outcomes; `round_fixes` turns a round's misses into three fixes, each with
the command that practises it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from voice_coach.config import Config
from voice_coach.report_model import AnswerReport

__all__ = ["SKILLS", "Fix", "Skill", "round_fixes", "skill_outcomes", "times"]

INTRO_CATEGORY = "intro"
DRILL_COMMAND = "voice-coach drill think-aloud"
FIXES_PER_ROUND = 3
KEY_POINTS_MIN_SHARE = 0.5  # covering fewer of the question's key points is a miss


class Skill(NamedTuple):
    """One thing an answer can get right or wrong.

    `missed` completes "you … twice"; `fix` says what to do next time.
    """

    label: str
    missed: str
    fix: str


SKILLS: Mapping[str, Skill] = {  # in this order when several are named
    "relevance": Skill("answering the question", "answered a different question",
                       "answer the question asked; restate it in your first sentence"),
    "story": Skill("a real story", "said what you would do instead of what you did",
                   "tell one real time it happened"),
    "baseline": Skill("the baseline", "left out the baseline",
                      "say the number before your change, then the number after"),
    "business_outcome": Skill("the business outcome", "left out the business outcome",
                              "turn the metric into money, time, users or contacts"),
    "result": Skill("the result", "gave no result",
                    "end every story on its outcome, with a number"),
    "action": Skill("your own actions", "told no action of your own",
                    "say what you did, step by step, with I"),
    "ownership": Skill("saying I", 'said "we" more than "I"', "say what you did yourself"),
    "principle": Skill("naming a principle", "named no Leadership Principle",
                       "close by naming the principle the story shows"),
    "learning": Skill("the learning", "closed without a learning",
                      "close with what you learned or would do differently"),
    "tradeoff": Skill("trade-offs", "named no trade-off", "say what each option gives up"),
    "key_points": Skill("the key points", "missed most key points",
                        "cover the question's key points (`voice-coach questions --show ID`)"),
    "silence": Skill("thinking aloud", "went silent",
                     "narrate while you think: say what you are weighing"),
    "lead_in": Skill("a quick start", "took too long to start",
                     "open by restating the question or your plan"),
    "fillers": Skill("few fillers", "used too many fillers", "pause silently instead of um/uh"),
    "pace": Skill("pace", "spoke too fast or too slow", "aim for 120–165 words per minute"),
}
# a round's answer with no speech at all is not scored and judged on no skill; the round says
# how many there were, first
SPOKEN = "spoken"
SPOKEN_SKILL = Skill("a spoken answer", "gave no spoken answer (only silence or noise)",
                     "check the microphone with `voice-coach devices` and answer those "
                     "questions again")
DELIVERY_AREAS = {"silence": ("silence", "pauses"), "lead_in": ("lead_in",),
                  "fillers": ("fillers",), "pace": ("pace",)}
# `analysis.facts.fact_values` names that differ from the skill they show
FOLLOW_UP_FACT_SKILLS = {"result_number": "result"}
# Skills a think-aloud drill trains better than a retry (for technical and coding questions).
DRILL_SKILLS = frozenset({"silence", "lead_in"})


def _warned(report: AnswerReport, areas: Iterable[str]) -> bool:
    wanted = set(areas)
    return any(f.area in wanted and f.severity == "warn" for f in report.feedback)


def skill_outcomes(report: AnswerReport) -> dict[str, bool]:
    """Skill name → shown (True) or missed (False), for the skills this answer is judged on.

    Story skills count for behavioural questions (not intro questions); answering the question
    for technical and coding answers and for real stories;
    trade-offs for technical answers; key points for technical and coding questions that have
    them (a story's key points restate STAR-L, judged above); delivery skills
    when there is audio (from the coach's warnings, i.e. the user's thresholds). A fact the
    answer's follow-up supplied (`with_follow_up.facts`) counts as shown.
    """
    if report.no_speech:  # not scored: nothing was said to show or miss a skill
        return {}
    s = report.structure
    kind = report.kind
    category = report.question.category if report.question is not None else None
    out: dict[str, bool] = {}
    story = kind == "behavioral" and category != INTRO_CATEGORY
    if kind in ("technical", "coding") or story and not s.hypothetical:
        # a story is checked against its question's own ask (a hypothetical one tells none)
        out["relevance"] = not _warned(report, ("relevance",))

    def present(part: str) -> bool:
        return part in s.star and s.star[part].present

    if kind == "behavioral" and category != INTRO_CATEGORY and s.hypothetical:
        out["story"] = False  # QA6 F23: no real story told, so no STAR part to miss either
    elif kind == "behavioral" and category != INTRO_CATEGORY:
        out.update({
            "story": not s.hypothetical,
            "action": present("action"),
            "result": present("result"),
            "baseline": s.metric_triad.baseline,
            "business_outcome": s.metric_triad.business_outcome,
            # the coach's own ownership warning: one fact for the report and the round (QA6 F19)
            "ownership": not _warned(report, ("ownership",)),
            "principle": bool(s.leadership_principles),
            "learning": present("learning"),
        })
    if kind == "technical":
        out["tradeoff"] = s.tradeoffs
    share = s.key_points.covered_share()
    if kind in ("technical", "coding") and share is not None:
        out["key_points"] = share >= KEY_POINTS_MIN_SHARE
    # what the answer's follow-up supplied is the answer's too: the report shows it as
    # "with the follow-up: principle ✓", so the round summary must not call it missing
    supplied = report.with_follow_up.facts if report.with_follow_up is not None else {}
    for fact, given in supplied.items():
        skill = FOLLOW_UP_FACT_SKILLS.get(fact, fact)
        if given is True and skill in out:
            out[skill] = True
    if report.delivery is not None:
        for skill, areas in DELIVERY_AREAS.items():
            out[skill] = not _warned(report, areas)
    return out


def times(n: int) -> str:
    """1 → 'once', 2 → 'twice', 3 → '3 times'."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


class Fix(NamedTuple):
    """One of the things to fix after a round."""

    skill: str
    missed_in: int  # answers that missed it
    judged_in: int  # answers judged on it
    question_id: str | None  # the weakest answer's question, to practise it again
    practise: str  # the command that practises it

    def text(self) -> str:
        """'You left out the baseline in 2 of 3 answers — say the number before …'."""
        s = SPOKEN_SKILL if self.skill == SPOKEN else SKILLS[self.skill]
        return f"You {s.missed} in {self.missed_in} of {self.judged_in} answers — {s.fix}."


# a delivery skill's measure: how far an answer that missed it missed it (higher is worse)
_DELIVERY_MEASURE = {"fillers": "fillers_per_min", "silence": "longest_pause_s",
                     "lead_in": "lead_in_s"}


def _worst(skill: str, missed: Sequence[AnswerReport], cfg: Config) -> AnswerReport:
    """The answer a fix sends the user back to: for a delivery skill the one that missed it by
    most (QA6 F23: the 197 wpm answer, not the one 1 wpm over), else the lowest-scored."""
    if skill == "pace":
        return max(missed, key=lambda r: _off_pace(r, cfg))
    key = _DELIVERY_MEASURE.get(skill)
    if key is not None:
        return max(missed, key=lambda r: getattr(r.delivery, key, None) or 0.0)
    return min(missed, key=_score)


def _off_pace(report: AnswerReport, cfg: Config) -> float:
    """wpm outside the configured pace range (0 inside it or without a pace)."""
    wpm = report.delivery.wpm if report.delivery is not None else None
    if wpm is None:
        return 0.0
    return max(cfg.pace.min_wpm - wpm, wpm - cfg.pace.max_wpm, 0.0)


def _score(report: AnswerReport) -> float:
    value = report.scores.overall
    return float(value) if value is not None else 0.0


def practise_command(skill: str, question_id: str | None, kind: str | None) -> str:
    """The command that practises `skill`: the think-aloud drill for silence in explanations,
    else the question it was missed on, again, with a comparison."""
    if skill in DRILL_SKILLS and kind in ("technical", "coding"):
        return DRILL_COMMAND + (f" --question {question_id}" if question_id else "")
    if question_id:
        return f"voice-coach practice --question {question_id} --retry"
    return "voice-coach next"


def round_fixes(reports: Sequence[AnswerReport], limit: int = FIXES_PER_ROUND,
                cfg: Config | None = None) -> list[Fix]:
    """The `limit` skills missed most often in a round (main answers; follow-ups answer a
    narrower question). Ties go to the order of `SKILLS` (content before delivery); each fix
    names the answer that missed it most (a delivery skill: by its measure under `cfg`, the
    round's config; else the lowest-scored). Answers with no speech are judged on no skill;
    when there are any, the first fix says how many."""
    judged: dict[str, int] = {}
    missed: dict[str, list[AnswerReport]] = {}
    main = [r for r in reports if r.follow_up_of is None]
    silent = [r for r in main if r.no_speech]
    fixes = [Fix(SPOKEN, len(silent), len(main), silent[0].question_id,
                 "voice-coach devices")] if silent else []
    for r in main:
        for skill, shown in skill_outcomes(r).items():
            judged[skill] = judged.get(skill, 0) + 1
            if not shown:
                missed.setdefault(skill, []).append(r)
    order = list(SKILLS)
    ranked = sorted(missed, key=lambda k: (-len(missed[k]), order.index(k)))[:limit - len(fixes)]
    for skill in ranked:
        worst = _worst(skill, missed[skill], cfg or Config())
        kind = worst.question.kind if worst.question is not None else None
        fixes.append(Fix(skill, len(missed[skill]), judged[skill], worst.question_id,
                         practise_command(skill, worst.question_id, kind)))
    return fixes
