"""Skills an answer shows or lacks, and the three things to fix after a round.

Pure functions over saved reports (schema in DESIGN.md); nothing here measures or decides what
is good: story skills read the structure block, delivery skills read the coach's own warnings
(so they follow the user's thresholds). The scheduler (`voice_coach.scheduler`) reviews one card
per skill with these outcomes; `round_fixes` turns a round's misses into three fixes, each with
the command that practises it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

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
DELIVERY_AREAS = {"silence": ("silence", "pauses"), "lead_in": ("lead_in",),
                  "fillers": ("fillers",), "pace": ("pace",)}
# `analysis.facts.fact_values` names that differ from the skill they show
FOLLOW_UP_FACT_SKILLS = {"result_number": "result"}
# Skills a think-aloud drill trains better than a retry (for technical and coding questions).
DRILL_SKILLS = frozenset({"silence", "lead_in"})


def _block(report: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = report.get(key)
    return value if isinstance(value, Mapping) else {}


def _warned(report: Mapping[str, Any], areas: Iterable[str]) -> bool:
    wanted = set(areas)
    return any(isinstance(f, Mapping) and f.get("area") in wanted and f.get("severity") == "warn"
               for f in report.get("feedback") or [])


def skill_outcomes(report: Mapping[str, Any]) -> dict[str, bool]:
    """Skill name → shown (True) or missed (False), for the skills this answer is judged on.

    Story skills count for behavioural questions (not intro questions);
    trade-offs for technical answers; key points for technical and coding questions that have
    them (a story's key points restate STAR-L, judged above); delivery skills
    when there is audio (from the coach's warnings, i.e. the user's thresholds). A fact the
    answer's follow-up supplied (`with_follow_up.facts`) counts as shown.
    """
    q, s = _block(report, "question"), _block(report, "structure")
    kind = q.get("kind") or s.get("kind")
    out: dict[str, bool] = {}
    if kind in ("technical", "coding"):
        out["relevance"] = not _warned(report, ("relevance",))
    star, triad = _block(s, "star"), _block(s, "metric_triad")
    if kind == "behavioral" and q.get("category") != INTRO_CATEGORY:
        ratio = s.get("i_we_ratio")
        out.update({
            "story": s.get("hypothetical") is not True,
            "action": bool(_block(star, "action").get("present")),
            "result": bool(_block(star, "result").get("present")),
            "baseline": bool(triad.get("baseline")),
            "business_outcome": bool(triad.get("business_outcome")),
            "ownership": not (isinstance(ratio, (int, float)) and ratio < 1.0),
            "principle": bool(s.get("leadership_principles")),
            "learning": bool(_block(star, "learning").get("present")),
        })
    if kind == "technical" and isinstance(s.get("tradeoffs"), bool):
        out["tradeoff"] = s["tradeoffs"]
    kp = _block(s, "key_points")
    covered, missed = len(kp.get("covered") or []), len(kp.get("missed") or [])
    if kind in ("technical", "coding") and covered + missed:
        out["key_points"] = covered / (covered + missed) >= KEY_POINTS_MIN_SHARE
    # what the answer's follow-up supplied is the answer's too: the report shows it as
    # "with the follow-up: principle ✓", so the round summary must not call it missing
    for fact, supplied in _block(_block(report, "with_follow_up"), "facts").items():
        skill = FOLLOW_UP_FACT_SKILLS.get(fact, fact)
        if supplied is True and skill in out:
            out[skill] = True
    if isinstance(report.get("delivery"), Mapping):
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
        s = SKILLS[self.skill]
        return f"You {s.missed} in {self.missed_in} of {self.judged_in} answers — {s.fix}."


def _score(report: Mapping[str, Any]) -> float:
    value = _block(report, "scores").get("overall")
    return float(value) if isinstance(value, (int, float)) else 0.0


def practise_command(skill: str, question_id: str | None, kind: str | None) -> str:
    """The command that practises `skill`: the think-aloud drill for silence in explanations,
    else the question it was missed on, again, with a comparison."""
    if skill in DRILL_SKILLS and kind in ("technical", "coding"):
        return DRILL_COMMAND + (f" --question {question_id}" if question_id else "")
    if question_id:
        return f"voice-coach practice --question {question_id} --retry"
    return "voice-coach next"


def round_fixes(reports: Sequence[Mapping[str, Any]], limit: int = FIXES_PER_ROUND) -> list[Fix]:
    """The `limit` skills missed most often in a round (main answers; follow-ups answer a
    narrower question). Ties go to the order of `SKILLS` (content before delivery); each fix
    names the lowest-scored answer that missed it."""
    judged: dict[str, int] = {}
    missed: dict[str, list[Mapping[str, Any]]] = {}
    for r in reports:
        if r.get("follow_up_of") is not None:
            continue
        for skill, shown in skill_outcomes(r).items():
            judged[skill] = judged.get(skill, 0) + 1
            if not shown:
                missed.setdefault(skill, []).append(r)
    order = list(SKILLS)
    ranked = sorted(missed, key=lambda k: (-len(missed[k]), order.index(k)))[:limit]
    fixes = []
    for skill in ranked:
        worst = min(missed[skill], key=_score)
        q = _block(worst, "question")
        qid = q.get("id") if isinstance(q.get("id"), str) else None
        fixes.append(Fix(skill, len(missed[skill]), judged[skill], qid,
                         practise_command(skill, qid, q.get("kind"))))
    return fixes
