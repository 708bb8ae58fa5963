"""The story bank: every behavioural or impact answer is a telling of a story; tellings of one
story across sessions are grouped and summed up into what the interview guides ask a candidate
to prepare (title, principles, STAR-L parts, metric triad, scale, 40/40/20 sub-scores).

Pure logic, no I/O and no printing: the caller loads the saved answer reports (`store`),
re-scores them under the current config and passes each in with the reconciled facts its report
was written from (`pipeline.rescore_with_facts`), so the bank reads exactly what each answer's
report says and follows `tune`. Hypothetical answers ("I would …") are not tellings. A
follow-up reply is not scored on its own: what its follow-up check found supplied is merged into
its answer's facts exactly as that answer's report merges it for its "with the follow-up" line
(`follow_ups.fill`), so the bank, the brief and the report hold the same facts (`FollowedUp`).
Grouping is `analysis.story_similarity`; the principle coverage and its gaps are here so that
the "what to practise next" scheduler can call `principle_gaps`. A story's title comes from its
first telling alone, so it stays put as the bank grows. Your corrections (`Correction`: merge,
split, not the same — kept by telling key, as story numbers shift) are applied after the
grouping on every build, and pairs of stories just under the grouping cut are listed as
`StoryHint`s.

Sub-scores (0–100, the Applied-AI guide's 40/40/20, per telling as in `coach.content_parts`,
on the answer's facts with what its replies supplied):
- technical depth: ownership (I vs we in the action), specific quantities (3 for full marks)
  and the question's key points covered;
- product impact: baseline 25 + after 25 + business outcome 30 + scale evidence 20 — for a
  story computed on its triad: ONE telling's numbers with what its follow-up replies supplied
  (`_source`), never numbers glued from different tellings (those are reported as
  `TriadConflict`s);
- principles: a principle named 60, +20 when it is one the question asked for, +20 for a
  stated learning.
A story's triad and sub-scores are those of ONE telling (`Story.source`, the one that said most
of its triad plainly, with its follow-up replies), so a story row never puts one telling's
numbers next to another's score; its principles and STAR-L parts are every telling's (marked so
where shown). Its total is 0.4·depth + 0.4·impact + 0.2·principles (or the report's key points
70 / impact 30 when its question has key points).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from datetime import datetime, timedelta
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from voice_coach.analysis.facts import (COUNT_KINDS, TriadValues, currency_word_after, fact_values,
                                        is_hypothetical, is_money, levels_meet, metric_of_quantity,
                                        named_after_change,
                                        named_pairs, quantity_kind, said_sentences,
                                        triad_values)
from voice_coach.analysis.numbers import (BOUND_WORDS, CURRENCY_NAMES, NEAR_BOUND, QTY_WITH_UNIT,
                                          UNSAID_CURRENCY, UNSAID_DIRECTION, WORKED_OUT,
                                          mark_unsaid_currency, phrase_period, short_money,
                                          corrected_figure_mask, GLOSS_BEFORE,
                                          spend_spans)
from voice_coach.analysis.point_facts import key_point_facts
from voice_coach.analysis.slot_values import in_sentence, scale_figure, shown_slot
from voice_coach.analysis.story_similarity import (DocumentFrequencies, GroupingOptions,
                                                   close_groups, features,
                                                   group_units, joined_sets,
                                                   shared_terms, unit_similarity)
from voice_coach.analysis.structure import STAR_PARTS
from voice_coach.analysis.titles import TitleSource, story_title, token_probabilities
from voice_coach.analysis.reply_fit import money_unheard
from voice_coach.analysis.vocabulary import FACT_LABELS, experiment_sizes, ship_only
from voice_coach.analysis.triad_said import (changes_said, subject_of, metric_label, number_kind, outcome_said, said_as_level,
                                             worded_change)
from voice_coach.coach import (
    CONTENT_WEIGHTS_BEHAVIORAL, CONTENT_WEIGHTS_KEY_POINTS, IMPACT_WEIGHTS, OFF_TOPIC_CONTENT_MAX,
    answers_other_question, content_parts, with_points_made,
)
from voice_coach.errors import ModelNotFoundError
from voice_coach.follow_ups import fill, rubric
from voice_coach.questions import GENERIC_FOLLOW_UPS, LEADERSHIP_PRINCIPLES
from voice_coach.report_model import AnswerReport, Question

__all__ = ["AnswerSource", "BriefEntry", "BriefGap", "Correction", "Coverage", "FollowedUp",
           "MARK_ASKS", "UserTitle", "clean_title", "titles_dumps", "titles_loads", "user_title_home",
           "with_user_titles",
           "PrincipleGap", "SaidElsewhere", "Story", "StoryBank", "StoryHint", "SubScores", "Telling",
           "TriadConflict", "TriadValues", "brief_entries", "corrects_a_figure", "build_bank", "corrections_dumps",
           "corrections_loads", "coverage_matrix", "gap_question", "principle_gaps",
           "plain_slots", "report_outcome", "said_marks", "story_gap_question", "story_principles_unclear",
           "story_tested", "telling_from_report", "triad_values", "unread_money", "words_only"]

STORY_CATEGORIES_EXCLUDED = ("intro",)  # "tell me about yourself" is not a story
MAX_HINTS = 3  # "maybe the same story" hints shown under the table, strongest first
# other people's tellings (the tuning sets' document frequencies, tokens said in at least two):
# the word rarity a new user's bank of a few tellings cannot measure; built by
# `python bench/stories_grouping.py --build-reference`
REFERENCE_PATH = Path(__file__).parent / "data" / "story_reference.json"


@functools.lru_cache(maxsize=1)
def read_reference(path: Path) -> DocumentFrequencies:
    """Reference document frequencies from `path` (bench/stories_grouping.py --build-reference)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelNotFoundError(f"the story reference {path} is missing or unreadable "
                                 f"(reinstall voice-coach): {e}") from e
    return DocumentFrequencies(int(raw["docs"]), {str(k): int(v) for k, v in raw["df"].items()})


@functools.cache
def story_reference() -> DocumentFrequencies:
    """The shipped reference document frequencies (`REFERENCE_PATH`), read once per process."""
    return read_reference(REFERENCE_PATH)


IMPACT_CATEGORIES = ("llm-finetuning",)  # technical questions answered with a project story
SCALE_MAX_WORDS = 8  # a longer scale span is a run-on sentence, not a figure to quote
COVERAGE_LEVELS = ("strong", "weak", "none")
# a triad slot the answer's facts hold whose number the wording does not give plainly
SAID = {"baseline": "baseline said (number unclear)", "after": "result said (number unclear)",
        "outcome": "outcome said (number unclear)"}
# an outcome its report ticks with no number quoted at all: the report's own words (QA20 F8:
# "number unclear" sent the user looking for a transcription problem)
SAID_IN_WORDS = "outcome said in words, no number"
# a slot the facts hold whose number as heard cannot be its value ("31% → 40000%": a misheard
# end): shown with what was heard, to be checked, never asserted as said
CHECK_TAIL = " — check this number"

# Questions that make a candidate say the missing piece (ids from prompts/; used only if present).
GAP_QUESTIONS: Mapping[str, str] = {
    "baseline": "llm-user-impact-1",
    "after": "llm-measure-1",
    "outcome": "llm-user-impact-1",
    "scale": "llm-production-scale-1",
}
# what a follow-up asked for, by its key (a reply fills only this slot of its story)
FOLLOW_UP_SLOT = {"no_baseline": "baseline", "no_result": "after",
                  "no_business_outcome": "outcome", "no_scale": "scale",
                  "no_principle": "principle", "no_action": "action", "no_learning": "learning"}
GAP_FOLLOW_UP_KEY = {"baseline": "no_baseline", "after": "no_result",
                     "outcome": "no_business_outcome", "scale": "no_scale",
                     "principle": "no_principle"}


class AnswerSource(NamedTuple):
    """One saved answer report and where it lives."""

    session_id: str
    session_created_at: str  # ISO 8601; used when the report has no created_at of its own
    report: AnswerReport
    facts: Any | None = None  # `Structure`: the reconciled facts its report was written from


EMPTY_TRIAD = TriadValues(None, None, None, None, None)


@dataclass(frozen=True)
class TriadConflict:
    """A triad number the tellings of one story give differently ("42%" and "40%")."""

    part: str  # "baseline" | "after" | "outcome"
    values: tuple[str, ...]  # as said, oldest telling first; the one the story shows included
    # the value the story shows when its telling says it corrects a figure told before ("8 per
    # week, not nine"): no question which is right (QA85 F10)
    corrected_to: str | None = None


@dataclass(frozen=True)
class SaidElsewhere:
    """A triad number the story's shown telling (`Story.source`) lacks but another of its
    tellings said: shown with the triad, never as "not said yet"."""

    part: str  # "baseline" | "after" | "outcome" | "pair" (a whole pair of another metric)
    value: str  # as said ("$1.2M", "blocked good customers −33%")
    key: str  # the telling that said it (with its follow-up replies)
    # False: a money amount said in a telling whose report did not read it as the outcome (no
    # slot holds it) — shown as said, marked to be said as the outcome
    read: bool = True
    # the story's shown telling itself said it (its money not read as the outcome): nothing to
    # join from another telling (QA87 F5)
    shown_telling: bool = False


@dataclass(frozen=True)
class SubScores:
    """The guide's 40/40/20 weighting, each part 0–100; with the question's key-point
    `coverage` the total is the report's content score (`coach.CONTENT_WEIGHTS_KEY_POINTS`).
    None: a part no telling's words were scored for (a story of follow-up replies alone),
    shown as missing, never as a number (QA32 F6)."""

    depth: float | None
    impact: float
    principles: float | None
    coverage: float | None = None
    # the report's cap on it: a story judged not to answer its question
    # (`coach.answers_other_question`) scores at most `coach.OFF_TOPIC_CONTENT_MAX` (QA12 F06)
    cap: float | None = None

    @property
    def uncapped(self) -> float:
        """The weighted parts before `cap`."""
        if self.coverage is not None:
            w = CONTENT_WEIGHTS_KEY_POINTS
            return w["coverage"] * self.coverage + w["impact"] * self.impact
        w = CONTENT_WEIGHTS_BEHAVIORAL
        return (w["depth"] * (self.depth or 0.0) + w["impact"] * self.impact
                + w["principles"] * (self.principles or 0.0))

    @property
    def total(self) -> float:
        return self.uncapped if self.cap is None else min(self.cap, self.uncapped)


@dataclass(frozen=True)
class FollowedUp:
    """An answer with what its follow-up replies supplied merged into its facts
    (`follow_ups.fill`) — the facts of its report's "with the follow-up" line."""

    star_present: Mapping[str, bool]
    named_principles: tuple[str, ...]
    triad: TriadValues
    scale: tuple[str, ...]
    scores: SubScores


@dataclass(frozen=True)
class Telling:
    """One answer that tells a story."""

    key: str  # "<session id>#<answer n>", unique
    session_id: str
    n: int
    created_at: str  # ISO 8601
    question_id: str | None
    question_text: str | None
    question_category: str | None  # "leadership", "llm-finetuning", … (None when unknown)
    follow_up_of: int | None  # answer number (same session) this follow-up continued
    text: str
    asked_principles: tuple[str, ...]  # from the question bank
    named_principles: tuple[str, ...]  # said aloud (structure analysis)
    star_present: Mapping[str, bool]
    triad: TriadValues
    scale: tuple[str, ...]
    scores: SubScores | None  # None for a follow-up reply (it adds to its story, not scored alone)
    overall: float | None  # the report's overall score (delivery + structure + content)
    asked: str | None = None  # a reply: what its follow-up asked for ("baseline", "scale", …)
    numbers: tuple[str, ...] = ()  # every quantity said, normalised, in order
    supplied: bool = False  # a reply: its follow-up check found the asked-for piece said
    evidence: tuple[str, ...] = ()  # a reply: what its follow-up check quoted as supplied
    facts: Any = field(default=None, compare=False, repr=False)  # its report's facts
    check: Any = field(default=None, compare=False, repr=False)  # a reply's follow-up check
    followed_up: FollowedUp | None = None  # an answer: with what its replies supplied
    added: tuple[str, ...] = ()  # a reply: the facts it supplied to its answer ("principle")
    added_values: tuple[str, ...] = ()  # …and the triad numbers ("business outcome 2000 …")
    switched_from: int | None = None  # a reply to this answer that told another story instead
    costs: tuple[str, ...] = ()  # money said as what the work cost ("$80000"), never an outcome
    real_time_of: int | None = None  # a reply giving the one real time this answer did not tell
    # an answer: the quantities its follow-up replies said (those that answered a question for
    # its result or outcome first), money said as a cost left out — read with `numbers`
    replied: tuple[str, ...] = ()
    # an answer: the scale figures its follow-up replies said, asked for or not ("around 2.5M
    # card transactions per day" in a reply to "which principle?": QA34 F4)
    reply_scale: tuple[str, ...] = ()
    # per word of `text`: Whisper's probability (`titles.token_probabilities`), () when unknown
    heard: tuple[float | None, ...] = field(default=(), compare=False, repr=False)
    # its report said it does not answer its question (`coach.answers_other_question`): its
    # score is capped and it is not told for that question's principles
    not_an_answer: bool = False
    # its recording was quiet (its report's "Your speech is quiet" line, or quiet speech): a
    # principle not found in its words may have been said and not heard (QA12 F17)
    quiet: bool = False
    # the key points its follow-up replies made, as its report counts them
    # (`WithFollowUp.points`)
    points_made: tuple[str, ...] = ()

    @property
    def date(self) -> str:
        return self.created_at[:10]

    @property
    def is_reply(self) -> bool:
        return self.follow_up_of is not None


@dataclass(frozen=True)
class Correction:
    """A change you made to the grouping, kept by telling keys ("<session id>#<n>"), never by
    story number: story numbers follow the first telling's date and shift as stories are
    merged or split, telling keys do not."""

    # "merge": the tellings in `keys` are one story | "split": `keys[0]` is a story of its own |
    # "apart": the stories of `keys` and of `apart_from` are not one (no hint for them)
    kind: str
    keys: tuple[str, ...]
    apart_from: tuple[str, ...] = ()  # split: the other tellings of the story it left
    made_at: str = ""  # ISO 8601


CORRECTION_KINDS = ("merge", "split", "apart")
CORRECTIONS_VERSION = 1


def corrections_dumps(corrections: Sequence[Correction]) -> str:
    return json.dumps({"corrections_version": CORRECTIONS_VERSION,
                       "corrections": [dataclasses.asdict(c) for c in corrections]},
                      indent=2) + "\n"


def corrections_loads(text: str) -> tuple[Correction, ...]:
    """Parse `corrections_dumps` output; ValueError when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("corrections_version") != CORRECTIONS_VERSION:
        raise ValueError("not a voice-coach story corrections file (version mismatch)")
    out = []
    for c in data["corrections"]:
        if c["kind"] not in CORRECTION_KINDS or not c["keys"]:
            raise ValueError(f"unknown correction {c['kind']!r}")
        out.append(Correction(str(c["kind"]), tuple(map(str, c["keys"])),
                              tuple(map(str, c.get("apart_from", ()))), str(c.get("made_at", ""))))
    return tuple(out)


@dataclass(frozen=True)
class StoryHint:
    """Two stories that may be one: their similarity is just under the cut they needed to merge
    (in a new user's small bank, a pair kept apart by `GroupingOptions.lone_margin`: asked
    about, never merged silently)."""

    a: int  # story ids, a < b
    b: int
    # mean same-story log-odds of their tellings (the grouping cuts at `min_score`, plus the
    # lone-pair margin in a small bank)
    relative: float
    terms: tuple[str, ...]  # what both mention, as said ("Redis", "checkout latency")


@dataclass(frozen=True)
class Story:
    """A story told one or more times."""

    id: int  # 1, 2, … by first telling
    title: str  # a short phrase from the candidate's own words
    tellings: tuple[Telling, ...]  # oldest first
    asked_principles: tuple[str, ...]
    named_principles: tuple[str, ...]
    star_present: Mapping[str, bool]  # any telling had the part
    triad: TriadValues  # one telling's numbers (`source`) with what its follow-up replies supplied
    scale: tuple[str, ...]
    scores: SubScores  # the same telling's (`source`) 40/40/20 with what its replies supplied
    best: Telling
    last_told: str  # date, YYYY-MM-DD
    source: Telling | None = None  # the telling the triad is taken from
    conflicts: tuple[TriadConflict, ...] = ()  # a number said differently in another telling
    corrections: tuple[Correction, ...] = ()  # your merges and splits that shaped it
    elsewhere: tuple[SaidElsewhere, ...] = ()  # triad numbers only another telling said
    costs: tuple[str, ...] = ()  # what its shown telling says the work cost ("$80000")
    auto_title: str | None = None  # the automatic title, when `title` is one you gave it

    @property
    def merged_by_you(self) -> bool:
        return any(c.kind == "merge" for c in self.corrections)


    @property
    def principles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.named_principles + self.asked_principles))

    @property
    def principles_elsewhere(self) -> tuple[str, ...]:
        """Principles the story names (the matrix counts them) that the telling its score is
        from (`source`, with its replies) does not: its principles sub-score leaves them out."""
        if self.source is None:
            return ()
        own = set(_whole(self.source).named_principles)
        return tuple(p for p in self.named_principles if p not in own)

    @property
    def practice_principles(self) -> tuple[str, ...]:
        """The principles to practise the story on, the strongest evidence first: those it was
        told for and named, then those it was told for, then those only named (a word such
        as "took ownership" read as a name is weaker evidence than the question asked)."""
        asked = set(self.asked_principles)
        both = [p for p in self.named_principles if p in asked]
        return tuple(dict.fromkeys(both + list(self.asked_principles)
                                   + list(self.named_principles)))

    @property
    def not_answered(self) -> tuple[str, ...]:
        """The questions a telling of it was judged not to answer (`Telling.not_an_answer`):
        never planned as its retelling."""
        return tuple(dict.fromkeys(t.question_id for t in self.tellings
                                   if t.not_an_answer and t.question_id))

    @property
    def told(self) -> int:
        """Tellings of the story (answers to a question, not follow-up replies)."""
        return sum(not t.is_reply for t in self.tellings)

    @property
    def replies(self) -> int:
        return sum(t.is_reply for t in self.tellings)

    @property
    def is_impact(self) -> bool:
        """Told for a technical impact question (the LLM fine-tuning loop), not a behavioural one."""
        return any(t.question_category in IMPACT_CATEGORIES for t in self.tellings)


@dataclass(frozen=True)
class Coverage:
    """16 principles × stories: 'strong' (named in a telling of a story that has an action and
    a result), 'weak' (asked for, or named in a story without a result), 'none'."""

    principles: tuple[str, ...]
    story_ids: tuple[int, ...]
    level: Mapping[tuple[str, int], str]

    def best_level(self, principle: str) -> str:
        levels = {self.level.get((principle, s), "none") for s in self.story_ids}
        return next((lv for lv in COVERAGE_LEVELS if lv in levels), "none")


@dataclass(frozen=True)
class PrincipleGap:
    """A principle without a strong story, and the question to practise for it."""

    principle: str
    level: str  # "none" | "weak"
    question_id: str | None  # a bank question asking for this principle
    story_ids: tuple[int, ...] = ()  # weak stories that could be strengthened
    # …of which a telling told for it was a quiet recording: its name may have been said there
    # and not heard, so no "not named" is stated as fact (QA12 F17)
    quiet_ids: tuple[int, ...] = ()
    # …of which a telling told for it said a principle's name the transcript did not hear
    # clearly ("the principle here is through the quality"): never "not named" (QA50 F9)
    unclear_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class StoryBank:
    stories: tuple[Story, ...]
    coverage: Coverage
    skipped: tuple[str, ...] = field(default=())  # answer keys left out (no transcript text)
    hints: tuple[StoryHint, ...] = ()  # pairs that may be one story, strongest first
    corrections: tuple[Correction, ...] = ()  # every correction of yours, in the order made
    non_answers: tuple[str, ...] = ()  # answers that tell nothing (no action, result or number)

    def get(self, story_id: int) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def story_of(self, key: str) -> Story | None:
        """The story holding the telling `key` ("<session id>#<n>")."""
        return next((s for s in self.stories if any(t.key == key for t in s.tellings)), None)


# --- tellings -------------------------------------------------------------------------------------

def _is_story(report: AnswerReport, facts: Any | None, follow_up: bool,
              question: Any | None = None) -> bool:
    """Told as one real story: read as behavioural, not an intro unless the question (the
    bank's, `question`) asks for one story's numbers ("summarise your most impactful project on
    one page": QA85 F3), not "I would …" (a hypothetical answer is no telling: it fills no
    principle)."""
    q = report.question or Question()
    if facts is None or q.category in STORY_CATEGORIES_EXCLUDED and not _asks_for_numbers(question):
        return False
    check = report.follow_up_check
    if follow_up and check is not None and check.supplied:
        # a reply that gave what its follow-up asked is merged into its answer's report: it
        # belongs to that story however its few sentences read alone ("the vendor solution
        # was around 4 million …" read as a proposal, QA64 F1)
        return True
    if q.kind not in (None, "behavioral") and not follow_up \
            and q.category not in (*IMPACT_CATEGORIES, None):
        return False
    return getattr(facts, "kind", None) == "behavioral" and not is_hypothetical(facts)


def _asks_for_numbers(question: Any | None) -> bool:
    """The question (the bank's) asks for one story's numbers: a key point that restates the
    baseline or the after ("the baseline number", "a metric before and after")."""
    return any({"baseline", "after"} & set(key_point_facts(kp))
               for kp in getattr(question, "key_points", ()) or ())


def _tells_something(text: str, facts: Any) -> bool:
    """An answer gives something of a story: an action, a result, a triad number, any quantity
    or a principle named. "It was a big team effort and everybody was happy … I don't remember
    the details" gives none — no telling, and as a reply no words to group its story on."""
    present, tri = facts.star_present, facts.metric_triad
    return bool(present.get("action") or present.get("result") or _quantities(text)
                or tri.baseline or tri.after or tri.business_outcome
                or facts.leadership_principles)


def _triad_of(text: str, facts: Any) -> TriadValues:
    """The numbers as spoken, for exactly the triad slots the answer's facts hold (so the bank
    never shows a slot its report calls missing). A slot the facts hold whose number the
    wording does not give plainly takes the first number of its report's evidence that no other
    slot uses and whose unit fits; failing that it is marked `SAID` (said, number unclear)."""
    raw, tri = triad_values(text), facts.metric_triad
    raw = _with_report_levels(raw, tri, text)
    baseline = raw.baseline if tri.baseline else None
    after, change = (raw.after, raw.change) if tri.after else (None, None)
    outcome, effect = (raw.outcome, raw.effect) if tri.business_outcome else (None, None)
    # the outcome is a number its report quotes (with the triad, or as scale: "worth about 90M
    # shillings a year"): a reading of the words the report gives nowhere ("0.1 to $100
    # million" read as "$0.1M" next to a report quoting "$20K to $7K"; "5 more chances at the"
    # next to "12000 …") is not shown as the outcome — the slot is then filled from the
    # report's evidence below, as every other slot (QA19 F02, F03)
    quoted = [q for ev in (*getattr(tri, "evidence", ()), *getattr(facts, "scale_evidence", ()))
              for q in _evidence_quantities(ev, text)]
    if quoted:
        outcome = outcome if outcome is None or any(_same_number(outcome, q) for q in quoted) \
            else None
        effect = effect if effect is None or any(
            _same_number(q2, q) for q2 in _quantities(effect) for q in quoted) else None
    if outcome is not None and (said_as_cost(text, outcome)  # what it cost is no outcome,
                                or said_as_level(text, outcome)):  # nor "from $1.20 to 40 cents"
        outcome = None
    if _taken(outcome, (baseline, after, change)):  # one number fills one slot
        outcome = None
    if _taken(effect, (baseline, after, change, outcome)):
        effect = None
    used = [v for v in (baseline, after, change, outcome, effect) if v]
    said = _quantities(text)
    spare = [_as_said(q, said) for ev in getattr(tri, "evidence", ())
             for q in _evidence_quantities(ev, text)]
    # money the reading holds as the outcome ("orders were 1.3 billion yen") is no spare level
    # for a baseline or an after of another metric, whether or not the facts tick the outcome
    money_outcome = [raw.outcome] if is_money(raw.outcome) else []
    # the ends of a second pair its report read ("41% to 9%" beside "20 minutes to about 3
    # minutes") are that change's levels, never an outcome or a level of the triad's own metric
    # (QA76 F1); `_other_change` shows the pair when no outcome is shown
    paired = [end for role, span in getattr(tri, "slots", ()) if role == "pair"
              and (pm := _SLOT_PAIR.match(span)) for end in (pm["before"], pm["after"])]
    spare = [q for q in spare if not _taken(q, used + money_outcome + paired)
             and quantity_kind(q) not in COUNT_KINDS
             and not (is_money(q) and said_as_cost(text, q))]
    if tri.baseline and baseline is None and is_money(after) and is_money(outcome) \
            and _said_before(outcome, after, said):  # "$1.2M a year … went down to $400000"
        baseline, outcome = outcome, None  # the money said first is where the cost started
    baseline_metric = None
    metric = raw.metric
    if tri.baseline and baseline is None:
        baseline = _first_fitting(spare, after or change) or SAID["baseline"]
        spare = [q for q in spare if q != baseline]
        if baseline != SAID["baseline"] and after is None and change is None \
                and not tri.after and not metric_label(metric):
            # a lone starting level its report quotes ("failed payments jumped to 14%" told
            # before the first own step), named by the words said with it (QA23 R2-F1)
            metric = _metric_named(text, baseline) or metric
        named = metric_of_quantity(text, baseline) if baseline != SAID["baseline"] else None
        if metric_label(named) and metric_label(raw.metric) \
                and not _same_metric(named, raw.metric):
            baseline_metric = named  # the level its report quotes, of the metric said with it
    if tri.after and after is None and change is None:
        # one set of facts: a change its report read ("dropped at 25%", Whisper's "at" for
        # "by") is shown as the change it is, "annotation cost −25%" — never as a level the
        # metric reached, "[baseline?] → 25%" (QA24 F1)
        _, read_after, read_change = report_levels(tri)
        if read_after is None and read_change is not None \
                and _PERCENT_CHANGE.fullmatch(_UNBOUND.sub("", read_change)) and not _taken(
                _UNBOUND.sub("", read_change).lstrip("+−"), (baseline, outcome, effect)):
            change = read_change
            metric = metric if metric_label(metric) else _metric_named(text, read_change) \
                or _metric_in_slot(tri, read_change)
            spare = [q for q in spare if not _same_number(q, read_change.lstrip("+−"))]
        else:
            after = _first_fitting(spare, baseline) or SAID["after"]
            spare = [q for q in spare if q != after]
            if after != SAID["after"] and not metric_label(metric) and baseline is None:
                # the level its report quotes, named by the words said with it ("the labelling
                # accuracy is now 97%" → "labelling accuracy [baseline?] → 97%": QA24 F1)
                metric = _metric_named(text, after) or metric
    if raw.baseline is None and raw.after is None and raw.change is None \
            and (own := _own_slot_levels(tri, text)) is not None \
            and not any(_taken(v, (outcome, effect)) for v in own):  # one number, one slot
        # one set of facts: the words gave the bank no reading, its report read a baseline and
        # an after each from its own words — each slot shows its own level, never two numbers
        # of one slot's words read as baseline and after ("was 1 and 24, … now it's 1 and 14"
        # is no "1 → 24": QA28 F4)
        baseline, after = own
        metric = metric if metric_label(metric) else next(
            (m for v in own if not _unclear(v) and (m := _metric_named(text, v))), None) \
            or _metric_before_slot(tri, text)
    if tri.business_outcome and outcome is None and effect is None \
            and not is_money(after) and not is_money(change):
        # a change said for users or the business, with what changed ("repeat calls −15%"),
        # else money, else what else its report quoted for the outcome it ticked ("2 days"):
        # the bank shows the report's reading, never "number unclear" next to a report that
        # quotes one — nor another level of the triad's own metric ("11.5% to 9%")
        outcome = outcome_said(text, spare, number_kind(after or baseline))
        if outcome is not None and re.fullmatch(r"\d+(?:\.\d+)?[KMBT]?", outcome):
            # a bare number with what it counts, as said (and as its report quotes it: "2M
            # years per month", Whisper's "reais", never "2M" alone — QA11 F07)
            outcome = _phrase(outcome, text)
        # an amount its report shows as money whose currency was not heard ("1.5M [currency?]"
        # for "1.5M years", "60K [currency?]" for "60000 your amount") is shown as the report
        # shows it: one set of facts (QA14 F03, F18)
        outcome = _as_marked(outcome, tri) if outcome is not None else None
        effect = None if outcome else SAID["outcome"]

    if tri.business_outcome:
        # one set of facts: the outcome is the number its report read as the outcome, shown as
        # the shared formatter writes it ("€300K per quarter", "1.5M [currency?] per year",
        # "missed deliveries −30%"), never a second reading of the words (QA20 F1, F2, F6, F10)
        reported = report_outcome(tri, text)
        if reported is not None and not _taken(reported, (baseline, after, change)):
            # money is the outcome; a change said for users or the business is its effect
            # ("revenue for gift items +8%"), which the retold-numbers check compares
            outcome, effect = (reported, None) if _money_like(reported) \
                or reported[:1] not in "+−" and not re.search(r"\s[+−]", reported) \
                else (None, reported)
        elif not tri.evidence or effect == SAID["outcome"] and not any(
                role == "outcome" for role, _ in tri.slots):
            # its report: "said in words, no number" (QA20 F8), also beside the numbers it
            # quotes for the baseline and after (QA37 F3), never "number unclear" — unless
            # the report read a second change as that outcome ("the same change, said of
            # customers": calls 1100 → 700 a month beside the writing time, QA126 F2)
            other = _other_change(tri, text, (baseline, after, change, outcome), counts=True) \
                if after is not None else None
            outcome, effect = None, other or SAID_IN_WORDS
    if effect is None and (outcome is None or _money_like(outcome)) and after is not None:
        # a change its report read after the pair, of another thing ("the unnecessary stops
        # went down with 30%"): shown as said beside the triad — with what changed, or
        # "[metric?]" when its words name nothing — never a gap for a number that was said
        # (QA28 F2)
        effect = _other_change(tri, text, (baseline, after, change, outcome))

    if not metric_label(metric) and baseline is not None and after is not None \
            and not _unclear(baseline) and not _unclear(after):
        # a pair said without its name next to it ("The forecast error at locker level was cut
        # by nine points, from 31% to 22%"): the sentence's own subject names it (QA30 F4)
        metric = subject_of(text, after) or metric
    if not metric_label(metric) and baseline is not None and not _unclear(baseline):
        # … or the words said with its baseline ("our fresh food waste was sitting at about
        # 4.8%" when the after is heard as "out to about 2.4%": QA40 F7)
        metric = _metric_named(text, baseline) or metric

    if baseline is not None and after is not None and not _unclear(after) \
            and (at_after := _metric_named(text, after)) is not None \
            and metric_label(at_after) != metric_label(metric) \
            and not any(metric and metric.lower() in (metric_of_quantity(text, v) or "").lower()
                        for v in (baseline, after)):
        # the name said with the after shown ("six months later, the forecast error was 28%"),
        # not a later sentence's subject ("the stock on the shelves went down by 12M"): the
        # levels shown are that metric's (QA76 F5)
        metric = at_after

    def said(v: str | None) -> str | None:  # "400K [currency?]": a currency never said (F12)
        return None if v is None else mark_unsaid_currency(v, text)
    return TriadValues(metric, said(_checked("baseline", baseline, after)),
                       said(_checked("after", after, baseline)), said(change), said(outcome),
                       said(effect), baseline_metric)


# a level said as two numbers joined by "and", neither with a unit: "the rate was 1 and 24"
# (Whisper's "1 and 24" for "1 in 20"): heard so, never a baseline and an after (QA28 F4)
_TWO_NUMBERS = re.compile(r"(?<![\w.$€£])(\d+(?:\.\d+)?) and (\d+(?:\.\d+)?)(?![\w.%$€£]|,\d)")


def _slot_level(part: str, span: str, text: str) -> str | None:
    """The level a report's `part` slot (`span`, its words) says, as the shared formatter
    writes it; a level its words say as two numbers joined by "and" is shown as heard, marked
    to be checked ("baseline heard as 1 and 24 — check this number"). None for a change."""
    value = shown_slot(span)
    if value is None or _is_change(value):
        return None
    norm = " ".join(said_sentences(text))
    found = _found(span, norm)
    number = _amount(value)
    if found is not None and number is not None:
        for m in _TWO_NUMBERS.finditer(norm, found.start(), found.end() + 12):
            if m.start() < found.end() and float(m.group(1)) == number.said:
                return f"{part} heard as {m.group(0)}{CHECK_TAIL}"
    return value


def _found(span: str, norm: str) -> re.Match[str] | None:
    """Where a slot's words stand in the answer's sentences, whatever commas the two keep."""
    words = re.findall(r"[^\s,]+", span)
    if not words:
        return None
    return re.search(r"[\s,]+".join(map(re.escape, words)), norm, re.IGNORECASE)


def _own_slot_levels(tri: Any, text: str) -> tuple[str, str] | None:
    """The baseline and the after its report read each from its own slot's words when it read
    no pair: (baseline, after) as `_slot_level` shows them, or None."""
    if _report_pairs(tri) or not (getattr(tri, "baseline", False) and getattr(tri, "after", False)):
        return None
    slots = getattr(tri, "slots", ())
    levels = {}
    for part in ("baseline", "after"):
        levels[part] = next((v for role, span in slots if role == part
                             and (v := _slot_level(part, span, text)) is not None), None)
    if levels["baseline"] is None or levels["after"] is None:
        return None
    return levels["baseline"], levels["after"]


def _metric_before_slot(tri: Any, text: str) -> str | None:
    """The metric named before the baseline slot's words ("missed failure rate" of "the missed
    failure rate was 1 and 24"), None when those words name none."""
    span = next((span for role, span in getattr(tri, "slots", ()) if role == "baseline"), None)
    norm = " ".join(said_sentences(text))
    found = _found(span, norm) if span else None
    if found is None:
        return None
    head = re.split(r"[.;,!?]", norm[:found.start()])[-1]
    head = re.sub(r"^\s*(?:(?:and|so|but|then)\s+)?(?:the|our|my|their|its)\s+", "", head.lower())
    return head.strip() if metric_label(head.strip()) else None


# a change the shared formatter wrote with its sign and percent ("−25%"): the one form whose
# number the formatter never strips of its factor ("went up 3x" reads "+3")
_PERCENT_CHANGE = re.compile(r"[+−]\d+(?:\.\d+)?%")


def _metric_named(text: str, value: str) -> str | None:
    """The words naming the metric said with `value` ("annotation cost" of "the annotation cost
    dropped at 25%" for "−25%"), None when they name nothing (`metric_label`)."""
    named = metric_of_quantity(text, value.lstrip("+−").split()[0])
    named = re.sub(r"(?:\s+(?:plus|minus|was|is|are|at|by|with|in|on|went|of|now|up|down|to))+$", "",
                   named) if named else None
    return named if metric_label(named) else None


def _metric_in_slot(tri: Any, value: str) -> str | None:
    """The metric its report's after slot names with the change `value` ("failures" of "cut the
    failures by more than 50%", said "by more than half"), None when it names none."""
    number = re.search(r"\d+(?:\.\d+)?", value)
    for role, span in getattr(tri, "slots", ()):
        if role == "after" and number and (named := metric_of_quantity(span, number.group(0))):
            return named if metric_label(named) else None
    return None


def _other_change(tri: Any, text: str, used: Sequence[str | None],
                  counts: bool = False) -> str | None:
    """A change its report read as a second after, of another metric than the level shown
    ("the labelling accuracy is now 97%, the annotation cost dropped at 25%" → "annotation
    cost −25%"), with what changed named, or None: the bank shows every slot value its report
    read, once (QA24 F1). `counts`: a pair of counts too, where the report read the business
    outcome as that change ("calls … went down from about 1100 to 700 per month")."""
    for role, span in getattr(tri, "slots", ()):
        pm = _SLOT_PAIR.match(span) if role == "pair" else None
        if pm and not _taken(pm["before"], used) and not _taken(pm["after"], used) \
                and quantity_kind(pm["after"]) not in ("", *(() if counts else COUNT_KINDS)):
            # ("from 300 to 60" tables: a count of things, no metric, unless it is the outcome)
            # a second pair, of another metric ("and the share of texts that needed a correction
            # fell to 9% from 41%"): shown as said beside the triad (QA76 F1)
            label = metric_label(metric_of_quantity(text, pm["before"]))  # said with its start
            return f"{label or UNNAMED_METRIC} {pm['before']} → {pm['after']}"
        value = shown_slot(span) if role == "after" else None
        if value is None or not _PERCENT_CHANGE.fullmatch(value) \
                or _taken(value.lstrip("+−"), used):
            continue
        label = metric_label(_metric_named(text, value))
        return f"{label or UNNAMED_METRIC} {value}"
    # a change its report read in no slot, said after the work with a verb that says it moved
    # ("The Sharon Full locker redirect stopped by 40%", Whisper's "share of full locker
    # redirects dropped by 40%"): shown as said, never left out (QA30 F4)
    for worded in changes_said(text):
        m = _NAMED_CHANGE.match(worded)
        value = m.group("by") if m else worded
        if _taken(value.lstrip("+−").split()[0], used):
            continue
        label = metric_label(m.group("name")) if m else None
        return f"{label or UNNAMED_METRIC} {value}"
    return None


_SLOT_PAIR = re.compile(r"^(?P<before>.+?) to (?P<after>.+)$")


def report_levels(tri: Any) -> tuple[str | None, str | None, str | None]:
    """The baseline, the after and the change its report read (`MetricTriadInfo.slots`): the
    ends of its first before → after pair ("11 days to 3 days" → "11 days", "3 days"), else
    the level of its baseline slot and the level or change of its after slot ("down to 4%" →
    after "4%", "dropped by 33%" → change "−33%"), each None when the report read none."""
    slots = getattr(tri, "slots", ())
    pairs = _report_pairs(tri)
    if pairs and _quantities(pairs[0][0]) and _quantities(pairs[0][1]):
        return pairs[0][0], pairs[0][1], None
    baseline = next((_bound_kept(span, v) for role, span in slots if role == "baseline"
                     and (v := _ratio_said(span) or shown_slot(span)) is not None), None)
    moved = next((_bound_kept(span, v) for role, span in slots if role == "after"
                  and (v := _ratio_said(span) or shown_slot(span)) is not None), None)
    if moved is not None and _is_change(moved):
        return baseline, None, moved
    return baseline, moved, None


def _ratio_said(span: str) -> str | None:
    """A level a slot's words say as a ratio, as said ("roughly 2 in 5 unknown loans" → "2 in
    5"), never its first number alone ("2": QA52 F1); None for any other."""
    m = _RATIO.search(span)
    return m.group(0) if m else None


# how close a bound is ("just", "a bit", "slightly") is part of it: "a bit under a million"
_BOUND = re.compile(rf"\b{NEAR_BOUND}{BOUND_WORDS}\s+$")


_UNBOUND = re.compile(rf"^{NEAR_BOUND}{BOUND_WORDS}\s+")


def _bound_kept(span: str, value: str) -> str:
    """`value` (a slot's number, `shown_slot`) with the bound said right before it in `span`:
    "was under 6%" → "under 6%" (QA41 F3) — a bound is part of the level said."""
    at = span.find(value.lstrip("+−"))  # a change's sign is the formatter's: "by more than 50%"
    bound = _BOUND.search(span[:at]) if at > 0 else None
    return bound.group(0) + value if bound else value


def _report_pairs(tri: Any) -> list[tuple[str, str]]:
    """Every before → after pair its report read, its ends as `report_levels` gives them."""
    return [(_unit_like(m.group("before"), m.group("after")),
             _unit_like(m.group("after"), m.group("before")))
            for role, span in getattr(tri, "slots", ()) if role == "pair"
            and (m := _SLOT_PAIR.match(span)) is not None]


def _unit_like(value: str, like: str, scale: bool = True) -> str:
    """'11' of '11 to 3 days' is '11 days': a pair often says its unit once, at its end.
    `scale=False` lends no scale letter: a million said of one number in one clause ("a licence
    of more than a million") is no scale of a bare number said in another ("… was 9 to 4")."""
    if re.fullmatch(r"\d+(?:\.\d+)?", value.strip()):
        unit = re.match(r"[$€£]?\d+(?:\.\d+)?\s?(.*)$", like)
        tail = unit.group(1).split()[0] if unit and unit.group(1).split() else ""
        if not scale and tail[:1] in ("K", "M", "B", "T") and tail[:1]:
            return value
        if like[:1] in "$€£":
            return like[0] + value.strip() + (tail[:1] if tail[:1] in "KMBT" else "")
        if tail:
            return value.strip() + ("" if tail[:1] in "%KMBTx" else " ") + tail
    return value


def _one_pair(baseline: str, after: str, tri: Any) -> bool:
    """The baseline and the after its report read are one metric's two levels: two numbers
    (not one span read twice: "about 31% before"), of one kind ("$18000" and "$7000 per
    month"), or a bare level reached ("to about 5" after "was around 6%")."""
    if _same_number(baseline, after) or _is_change(baseline) or _is_change(after):
        return False
    if scale_mismatch(baseline, after):
        return False  # "1M" and a bare "4": two numbers of two things, no one metric's levels
    kind_b, kind_a = quantity_kind(baseline), quantity_kind(after)
    if kind_b == kind_a:
        return kind_b not in COUNT_KINDS
    reached = any(role == "after" and re.match(r"(?:down |up )?to\b", span)
                  for role, span in getattr(tri, "slots", ()))
    return kind_a == "" and reached and levels_meet(baseline, after)


def _with_report_levels(raw: TriadValues, tri: Any, text: str) -> TriadValues:
    """`raw` (the words read for the bank) with the baseline, after and change its report read
    (`report_levels`) when the report read both ends of a pair: one set of facts — the bank
    shows the pair the report quotes, never a second reading of the words that picks other
    numbers ("features 400 → 90" where the report read "cloud cost $90K to $25K"). A level both
    read alike keeps the bank's wording ("about 6%"); with no pair read (a lone after, or a
    report saved before the slots were recorded) the bank's reading stands."""
    if raw.baseline is not None and raw.after is not None and any(
            _same_number(raw.baseline, b) and _same_number(raw.after, a)
            for b, a in _report_pairs(tri)):
        return raw  # the bank read one of the pairs its report read ("80K → 30K rupees" of
        # "cut the tables from 300 to 60 … the bill was 80000 rupees per month, today 30000")
    baseline, after, moved = report_levels(tri)
    if baseline is not None and after is None and moved is None \
            and (raw.after is None and raw.change is None or not getattr(tri, "after", True)) \
            and raw.baseline is not None and not _same_number(raw.baseline, baseline):
        # a lone baseline its report read ("late deliveries went up to 19%" in the set-up: QA23
        # R2-F1) is the bank's too, never another level the words give ("4 incidents before")
        return dataclasses.replace(raw, baseline=baseline,
                                   metric=_metric_named(text, _UNBOUND.sub("", baseline)))
    if after is not None and baseline is None and raw.change is None \
            and (raw.after is None or not _same_number(raw.after, after)) and _quantities(after):
        # a lone after its report read ("outages went down to 190 per month") is the bank's
        # too, never another number the words give ("after six months": QA41 F2)
        named = metric_of_quantity(text, _UNBOUND.sub("", after))
        return dataclasses.replace(raw, after=after, metric=named if metric_label(named)
                                   else raw.metric if raw.after is None else None)
    if baseline is None or after is None or not _one_pair(baseline, after, tri):
        # a lone level or change the report read (its slot's words: "15% better", "went up
        # 3x") is shown as the bank reads it; a pair is the report's reading of both ends
        return raw

    def one(said: str | None, read: str | None) -> str | None:
        if read is None:
            return said
        return said if said is not None and not _is_change(said) and _same_number(said, read) \
            else read
    after = _unit_like(after, baseline, scale=False)  # "5" reached after "6%" is "5%"
    new_baseline, new_after, new_change = one(raw.baseline, baseline), one(raw.after, after), None
    if (new_baseline, new_after, new_change) == (raw.baseline, raw.after, raw.change):
        return raw
    metric = raw.metric
    ends = [v for v in (new_after, new_change, new_baseline) if v is not None]
    if not any(_same_number(v.lstrip("+−"), w.lstrip("+−")) for v in ends
               for w in (raw.baseline, raw.after, raw.change) if w is not None):
        # other numbers than the bank read: the metric is the one said with them
        metric = next((m for v in ends if (m := metric_of_quantity(
            text, _UNBOUND.sub("", v.lstrip("+−"))))), None)
        if metric is not None:  # "ctr minus 3%": the sign word is the change's, not the name's
            metric = re.sub(r"(?:\s+(?:plus|minus|was|is|at|by|with|in|on|went|of|up|down))+$", "", metric)
        metric = metric if metric_label(metric) else None  # never a label that names nothing
    return dataclasses.replace(raw, metric=metric, baseline=new_baseline, after=new_after,
                               change=new_change)




def report_outcome(tri: Any, text: str) -> str | None:
    """The business outcome's number as its report read it (`MetricTriadInfo.slots`), written
    by the shared formatter (`slot_values.shown_slot`): money first, as `outcome_said` ranks
    it; a change with what changed when its sentence names it ("missed deliveries −30%").
    None when the report read no number for the outcome."""
    shown: list[str] = []
    for role, span in getattr(tri, "slots", ()):
        if role != "outcome":
            continue
        value = shown_slot(in_sentence(span, text), money=True)
        if value is None:
            continue
        said = _evidence_quantities(span, text)
        if said and outcome_said(text, said[:1]) is None:
            continue  # how long the problem lasted ("for about 4 hours each week"), a level
        if value[:1] not in "+−" and not _money_like(value):
            # a bare number the report quotes ("18%"): its sentence says how it moved and what
            # moved ("repeat calls went down by 18%" → "repeat calls −18%")
            worded = worded_change(text, value.split()[0])
            signed = re.search(r"[+−][$€£]?\d\S*", worded or "")
            if signed is not None:  # its sign; what changed is named below, once — and the
                # direction once: "400 fewer cases a week" is "−400 cases a week"
                value = signed.group(0) + re.sub(r"^ (?:fewer|less|more)\b", "",
                                                 value[len(value.split()[0]):])
        if value[:1] in "+−":  # a change says what changed: "missed deliveries −30%"
            number = re.match(r"[+−][$€£]?(\d+(?:\.\d+)?)", value)
            named = named_after_change(span) or (metric_of_quantity(text, number.group(1))
                                                 if number else None)
            named = re.sub(r"(?:\s+(?:plus|minus))+$", "", named) if named else None
            label = metric_label(named) if named else None
            if label:
                value = f"{label} {value}"
            elif named:  # words said for it that name nothing ("stopped"): the gap is marked
                value = f"{UNNAMED_METRIC} {value}"  # "[metric?] −30%" (QA25 F4)
        if value[:1] not in "+−":  # "a bit under a million euros" is no "€1M" (QA54 F5)
            value = _bound_kept(span, value)
        shown.append((value, span.startswith("avoided ")))
    # chosen by what the outcome is, never by the order it was said in: money first, then a
    # change for users or the business with what changed, then anything else read (QA27 F1);
    # money that would have been spent ("avoided €2M" of "the suite would have cost €2M")
    # after money said as it is ("€75K a month" of overtime saved: QA42 F2)
    ranked = [v for v, _ in sorted(shown, key=lambda x: (
        0 if _money_like(x[0]) else 1 if _SIGNED.search(x[0]) else 2, x[1]))]
    money = list(dict.fromkeys(v for v in ranked if _money_like(v)))
    amounts = [a.value * _per_year(v) for v in money
               if (a := _amount(v)) is not None and a.value > 0]
    if len(amounts) > 1 and max(amounts) >= OUTCOME_CLASH_RATIO * min(amounts):
        # amounts an order of magnitude apart read for one outcome ("$500; $560K; $1M per
        # month", Whisper's garble of "520 million pesos … like $560,000"): none is shown as the
        # outcome, each as heard, to be checked (QA46 F4)
        return f"outcome heard as {' / '.join(money)}{CHECK_TAIL}"
    return (ranked or [None])[0]


OUTCOME_CLASH_RATIO = 10.0  # money amounts this far apart cannot be one outcome said twice
_PERIOD_WORD = re.compile(r"\b(?:per|a|an|each|every) (day|week|month|quarter|year)\b|"
                          r"\b(dai|week|month|quarter|year)ly\b|\bannual(?:ly)?\b|\bper annum\b")
_PER_YEAR = {"day": 365.0, "dai": 365.0, "week": 52.0, "month": 12.0, "quarter": 4.0,
             "year": 1.0, None: 1.0}


def _per_year(value: str) -> float:
    """How many times a year a money value said with its period happens ("$170K per month" →
    12); 1 without a period, so "$2M per year" and "$170K per month" are one outcome."""
    m = _PERIOD_WORD.search(value)
    return _PER_YEAR[m.group(1) or m.group(2)] if m else 1.0  # "annually": neither group


_SIGNED = re.compile(r"(?:^|\s)[+−][$€£]?\d")  # a change said with its sign: "repeat calls −18%"


UNNAMED_METRIC = "[metric?]"  # a change's label that names nothing (README)


def _money_like(value: str) -> bool:
    """Money, said with its currency or marked as money whose currency was not heard."""
    # its currency as a sign ("$2.5M") or as a word after the amount ("2.5M pesos a month")
    words = value.split()
    return UNSAID_CURRENCY in value or any(is_money(" ".join(words[i:]).lstrip("+−"))
                                           for i in range(len(words)))


def _as_marked(value: str, tri: Any) -> str:
    """`value` as its report's evidence shows the same amount when that line marks it as money
    whose currency was not heard ("60000 your amount less" → "60K [currency?]"), else `value`."""
    return next((ev for ev in getattr(tri, "evidence", ()) if UNSAID_CURRENCY in ev
                 and _same_number(value, ev.split(UNSAID_CURRENCY)[0].split()[-1])), value)


def _costs(text: str, tri: Any = None) -> tuple[str, ...]:
    """The money an answer says the work cost ("$80000"), in order (`said_as_cost`) — never
    money its report read in a slot: the outcome ("we stopped losing about €300K per quarter" is
    what the work saved: QA20 F6) or a level a pair moved ("before we paid around $24000 a
    month in refunds … after, about $12000": QA144 F4)."""
    outcome = [q for _, span in getattr(tri, "slots", ()) for q in _quantities(span)]
    return tuple(dict.fromkeys(q for q in _quantities(text)
                               if is_money(q) and said_as_cost(text, q)
                               and not any(_same_number(q, o) for o in outcome)))


def unread_money(t: Telling) -> tuple[SaidElsewhere, ...]:
    """Money a telling said (with its follow-up replies) that its report did not read as the
    outcome (no slot holds it, not what the work cost) while it holds no outcome: shown as
    said, marked — never as "not said yet" ("around half a million dollars a month" of a
    retelling; "orders were 1.3 billion yen" of a reply asked for the result)."""
    if _whole(t).triad.parts["outcome"]:
        return ()
    money = _money_said(t)
    return (SaidElsewhere("outcome", money[0], t.key, read=False),) if money else ()


def _money_said(t: Telling) -> list[str]:
    """The money `t` and its follow-up replies said that no triad slot of it holds and that is
    not what the work cost, a reply asked for the result first (`Telling.replied`)."""
    whole = _whole(t).triad
    slots = [whole.baseline, whole.after, whole.change, whole.outcome, whole.effect]
    # shown as said: an amount whose currency was never heard ("150,000, sending a quarter"
    # for "150000 cedis a quarter") is "150K [currency?]", never "$150K" (QA19 F04)
    return [short_money(mark_unsaid_currency(_with_period(q, t.text), t.text))
            for q in dict.fromkeys(t.replied + t.numbers)
            if is_money(q) and not _taken(q, slots) and q not in t.costs
            and not _example_amount(t.text, q)]


def _with_period(money: str, text: str) -> str:
    """`money` with the period said right after it in `text` ("650000 francs" of "saved 650000
    francs a year" → "650000 francs a year"), as a read outcome is shown (QA87 F4)."""
    norm = " ".join(said_sentences(text))
    at = norm.find(money)
    span = phrase_period(norm, at + len(money)) if at >= 0 else None
    return f"{money} {norm[span[0]:span[1]]}" if span else money


# money said as an example of the problem ("for example, 250 euro where the regulation gives
# 400"): what a case looked like, never what the work was worth (QA42 F4)
_EXAMPLE_BEFORE = re.compile(r"\b(?:for example|for instance|e\.g\.|such as|say)\W+(?:\w+\W+){0,2}$",
                             re.IGNORECASE)


def _example_amount(text: str, money: str) -> bool:
    """`money` (normalised) is said in `text` right after "for example" and the like."""
    norm = " ".join(said_sentences(text))
    amount = re.escape(money.split()[0].lstrip("$€£"))
    return any(_EXAMPLE_BEFORE.search(norm, 0, m.start())
               for m in re.finditer(rf"[$€£]?{amount}(?![\d.]\d)", norm))


def _unclear(value: str) -> bool:
    """A slot value with no plain number: said (number unclear) or heard implausibly."""
    return value in SAID.values() or value == SAID_IN_WORDS or value.endswith(CHECK_TAIL)


def _checked(part: str, value: str | None, partner: str | None) -> str | None:
    """`value` unless it cannot be the level it is read as: a percent over 100 paired with a
    percent ≤ 100 ("31% → 40000%", Whisper's "40,000" for "fourteen percent"), or an after
    equal to its baseline, is shown as heard, marked to be checked."""
    x, y = _amount(value or ""), _amount(partner or "")
    if part == "after" and value is not None and partner is not None and x is not None \
            and not _is_change(value) and value.strip() == partner.strip():
        # a level "moved" to itself ("rate 5 → 5", Whisper's "one point to five" read twice):
        # no pair was said plainly (QA49 F2)
        return f"{part} heard as {value}{CHECK_TAIL}"
    if value is None or _is_change(value) or x is None or x.sign != "%" or x.value <= 100 \
            or y is None or y.sign != "%" or y.value > 100:
        return value
    return f"{part} heard as {value}{CHECK_TAIL}"


# money said as what the work cost ("it cost around $80000", "total compute cost $1000000",
# "a vendor quote of $150000") — unless the words between say it changed or was saved
def said_as_cost(text: str, money: str) -> bool:
    """`money` (normalised, "$80000") is said in `text` as a cost of the work, not a gain: it
    sits in what `numbers.spend_spans` reads as money spent or lost (the report's one reader)."""
    amount = re.escape(money.split()[0].lstrip("$€£"))
    # … never an amount said again in another currency ("25M lek per year less in paid claims,
    # which is about €210000": `GLOSS_BEFORE`, a restatement of the one before, QA126 F3)
    return any(not GLOSS_BEFORE.search(sentence, 0, a + m.start())
               for sentence in said_sentences(text) for a, b in spend_spans(sentence)
               for m in re.finditer(rf"[$€£]{amount}(?!\d|\.\d)", sentence[a:b]))


def _said_before(a: str | None, b: str | None, said: Sequence[str]) -> bool:
    """`a`'s number is said before `b`'s in the answer (`said`: its quantities in order)."""
    def at(v: str | None) -> int:
        head = (v or "").split()[0] if v else ""
        return next((i for i, q in enumerate(said) if q.split()[0] == head), len(said))
    return at(a) < at(b) < len(said)


def _as_said(q: str, said: Sequence[str]) -> str:
    """An evidence number as the answer's text gives it: "2" from a clause cut at Whisper's
    "2 .5%" is the "2.5%" of the whole text."""
    if q in said:
        return q
    return next((s for s in said if re.match(re.escape(q.rstrip("%")) + r"\.\d", s)), q)


def _evidence_quantities(evidence: str, text: str | None = None) -> list[str]:
    """The quantities of one line of the report's triad evidence, an end the triad worked out
    keeping its mark ("9% (worked out) to 3%" → "9% (worked out)", "3%"): the bank shows the
    triad's reading, never a worked-out number as if said. With the answer's `text`, a line
    found in it is read in its sentence, as `_quantities` reads the whole answer: "600 agent
    towers" cut out of "… 600 agent towers a month" is the quantity 600 the text says, not
    nothing (QA10 F16: the report quoted it, the brief said "number unclear")."""
    if text is not None and WORKED_OUT not in evidence:
        norm = " ".join(said_sentences(text))
        at = norm.lower().find(evidence.strip().lower())
        if at >= 0:
            inside = [m.group(0) for m in re.finditer(QTY_WITH_UNIT, norm)
                      if at <= m.start() < at + len(evidence.strip())
                      and not re.fullmatch(r"(?:19|20)\d\d", m.group(0))]
            if inside:
                return inside
    pieces = evidence.split(WORKED_OUT)
    out: list[str] = []
    for i, piece in enumerate(pieces):
        qs = _quantities(piece)
        if qs and i < len(pieces) - 1:
            qs[-1] += WORKED_OUT
        out += qs
    return out


def _quantities(text: str) -> list[str]:
    """Every normalised quantity in `text`, with its unit word ("9 hours", "$1.5M", "12%")."""
    norm = " ".join(said_sentences(text))
    return [m.group(0) + currency_word_after(norm, m.end())  # "1.3B yen" (QA12 F15)
            for m in re.finditer(QTY_WITH_UNIT, norm)
            if not re.fullmatch(r"(?:19|20)\d\d", m.group(0))]


def _fits(value: str | None, partner: str | None) -> bool:
    """`value` can pair with `partner` (same kind of quantity; anything goes without one)."""
    if value is None or quantity_kind(value) in COUNT_KINDS:
        return False
    if partner is None or _unclear(partner):
        return True
    if _is_change(partner) and partner.endswith("%"):
        # a relative change ("spend dropped by 60%") starts from a level in any unit: the
        # baseline a reply gives for it ("about €200K a day") is that level (QA9 F11)
        return True
    # a count said bare ("300" orders a day) never pairs with a rate said as a decimal ("0.84"
    # precision): two metrics are never joined into one pair (QA17 F01)
    return quantity_kind(value) == quantity_kind(partner.lstrip("+−")) \
        and levels_meet(value, partner.lstrip("+−"))


def _first_fitting(candidates: Sequence[str], partner: str | None) -> str | None:
    return next((q for q in candidates if _fits(q, partner)), None)


def _quiet(report: AnswerReport) -> bool:
    """The report's recording was quiet: its level warning, or speech far quieter than the rest."""
    energy = getattr(report.prosody, "energy", None)
    return bool(getattr(energy, "too_quiet", False)
                or (report.delivery is not None and report.delivery.quiet_speech))


def _told_at(report: AnswerReport) -> str:
    """When the answer was told (ISO 8601): when it ended, its report's time less the wait for
    its feedback (`timings.feedback_latency_s`) — a report written 40 minutes after its answer
    under load is no later telling than one told after it and written sooner (QA29 F5); its
    report's time when that wait is unknown, "" when neither is."""
    at = report.created_at
    wait = getattr(report.timings, "feedback_latency_s", None) if report.timings else None
    if not at or not wait:
        return at or ""
    try:
        when = datetime.fromisoformat(at) - timedelta(seconds=float(wait))
    except (TypeError, ValueError):
        return at
    return when.isoformat(timespec="seconds")


def telling_from_report(source: AnswerSource, question: Any | None = None) -> Telling | None:
    """The telling in one saved answer, or None when the answer is not a story.

    Everything comes from `source.facts`, the reconciled facts the answer's own report was
    written from (`pipeline.rescore_with_facts`; `pipeline.story_facts` for an answer to a
    technical question), so the bank and the report never disagree. A follow-up reply keeps
    its parts and numbers (they merge into its story) but has no scores of its own.

    Args:
        source: the report, its session and its facts.
        question: the `questions.Question` it answered (principles), or None.
    """
    report, facts = source.report, source.facts
    text = " ".join(report.transcript.text.split())
    if not text:
        return None
    follow_up_of = report.follow_up_of
    if not _is_story(report, facts, follow_up_of is not None, question):
        return None
    if follow_up_of is None and not _tells_something(text, facts):
        return None
    asked = tuple(getattr(question, "principles", ()) or ())
    switched_from = None
    check = report.follow_up_check
    if follow_up_of is not None and check is not None and check.switched_story:
        # "let me tell you about a different project" (its report's one decision,
        # `follow_ups.switched_story`): a telling of its own, not told for the question's
        # principles, grouped on its words like any other telling
        switched_from, follow_up_of, asked = follow_up_of, None, ()
    real_time_of = None
    if follow_up_of is not None and check is not None and check.supplied \
            and rubric(check.kind).new_story:
        # "tell me about one real time" answered after a hypothetical answer (no telling): the
        # real story is a telling of its own, told for the question's principles
        real_time_of, follow_up_of = follow_up_of, None
    scores = None
    # its report's one verdict: not an answer to the question it was told for (QA12 F05–F07) —
    # its score is capped as the report's, and it is no evidence for that question's principles
    not_an_answer = follow_up_of is None and question is not None and answers_other_question(
        facts, "behavioral", question)
    if follow_up_of is None:
        parts = content_parts(facts, "behavioral", asked)
        scores = SubScores(parts["depth"], parts["impact"], parts["principles"],
                           parts.get("coverage"),
                           cap=float(OFF_TOPIC_CONTENT_MAX) if not_an_answer else None)
    if not_an_answer:
        asked = ()
    q = report.question or Question()
    n = report.n or 0
    # a reply's overall is its follow-up check, not an answer's score; an answer's is the one
    # its session counts (with what its follow-up supplied: review's "90*", QA44 F8)
    counted = report.with_follow_up.counted_overall if report.with_follow_up else None
    overall = (report.scores.overall if counted is None else counted) \
        if switched_from is None and real_time_of is None else None
    asked_key = report.follow_up_kind or (check.kind if check is not None else None)
    return Telling(
        key=f"{source.session_id}#{n}", session_id=source.session_id, n=n,
        created_at=_told_at(report) or source.session_created_at or "",
        question_id=q.id, question_text=q.text,
        question_category=q.category, follow_up_of=follow_up_of,
        text=text, asked_principles=asked,
        named_principles=tuple(facts.leadership_principles),
        star_present=dict(facts.star_present), triad=_triad_of(text, facts),
        scale=_scale(facts), scores=scores,
        overall=float(overall) if overall is not None else None,
        asked=FOLLOW_UP_SLOT.get(str(asked_key)) if follow_up_of is not None else None,
        numbers=tuple(_quantities(text)), supplied=bool(check is not None and check.supplied),
        evidence=tuple(check.evidence) if check is not None and follow_up_of is not None else (),
        facts=facts, check=check if follow_up_of is not None else None,
        switched_from=switched_from, costs=_costs(text, facts.metric_triad),
        real_time_of=real_time_of,
        heard=token_probabilities(text, [(w.text, w.probability) for w in report.words]),
        not_an_answer=bool(not_an_answer), quiet=_quiet(report),
        points_made=tuple(report.with_follow_up.points)
        if report.with_follow_up is not None and report.with_follow_up.counts else ())


def _replies_to(root: Telling, tellings: Sequence[Telling]) -> list[Telling]:
    """The follow-up replies that continue `root` (however deep), in order."""
    ids, out = {root.n}, []
    for t in sorted(tellings, key=lambda t: t.n):
        if t.is_reply and t.session_id == root.session_id and t.follow_up_of in ids:
            ids.add(t.n)
            out.append(t)
    return out


_PHRASE_STOP = frozenset("and which so but that because when while with than who where".split())
PHRASE_MAX_WORDS = 4  # words kept after a quoted number: "2000 fewer tickets a month"


def _phrase(evidence: str, text: str) -> str:
    """A follow-up check's evidence number with the words that say what it counts, as said
    ("2000" in "roughly 2000 fewer tickets, …" → "2000 fewer tickets")."""
    for sentence in said_sentences(text):
        m = re.search(r"(?<![\w.$€£])" + re.escape(evidence) + r"(?![\d.]\d)", sentence)
        if not m:
            continue
        if (money := money_unheard(m.start(), m.end(), sentence)) is not None:
            return money  # "40K [currency?] … in lost sales", as its report quotes it (QA14 F12)
        tail = []
        for w in re.split(r"\s+", sentence[m.end():].strip()):
            word = w.strip(",.;:!?").lower()
            if not word or word in _PHRASE_STOP or len(tail) == PHRASE_MAX_WORDS:
                break
            tail.append(w.strip(",.;:!?"))
            if w[-1:] in ",.;:!?":
                break
        while tail and tail[-1].lower() in ("a", "an", "the", "per", "of", "in", "on"):
            tail.pop()
        return " ".join([evidence, *tail])
    return evidence


def _slot_value(t: TriadValues, slot: str) -> str | None:
    return {"baseline": t.baseline, "after": t.after or t.change,
            "outcome": t.outcome or t.effect}[slot]


def _reply_value(reply: Telling, slot: str, partner: str | None,
                 taken: Sequence[str | None] = ()) -> str:
    """The number a reply gives for a triad slot its report's facts now hold: the reply's own
    reading of that slot when its unit fits the pair, else (for the slot its follow-up asked
    for) the number its follow-up check quoted, with the words that say what it counts; a slot
    the facts hold without a plain number is `SAID` (said, number unclear). A number already
    in another slot (`taken`) never fills a second one."""
    said = _slot_value(reply.triad, slot)
    if said is not None and not _unclear(said) and _fits(said.split(" (")[0], partner) \
            and not _taken(said, taken):
        return said
    moved = reply.triad.after or reply.triad.change
    if slot == "outcome" and moved is not None and not _unclear(moved) \
            and not _taken(moved, taken):
        # the reply's own change, said for users or the business, is the outcome its story
        # lacked ("viewing hours on those mondays were 1% lower" → "viewing hours −1%")
        worded = worded_change(reply.text, moved.lstrip("+−"))
        if worded is not None:
            return worded
    if reply.asked == slot:
        quoted = [q for q in reply.evidence if (_fits(q, partner) or slot == "outcome")
                  and not _taken(q, taken)]
        if slot == "outcome":
            quoted = [q for q in quoted if is_money(q)] or quoted
        if quoted:
            return _phrase(quoted[0], reply.text)
        fitting = [q for q in reply.numbers if _fits(q, partner) and not _taken(q, taken)]
        if slot == "outcome":
            fitting = [q for q in fitting if is_money(q)] or fitting
        if fitting:
            return fitting[0]
    return SAID[slot]


def _open(out: Mapping[str, str | None], slot: str) -> bool:
    """A triad slot with no plain number yet."""
    if slot == "baseline":
        return out["baseline"] is None or _unclear(out["baseline"])
    if slot == "after":
        return (out["after"] is None or _unclear(out["after"])) and out["change"] is None
    return out["outcome"] is None and (out["effect"] is None or _unclear(out["effect"])) \
        and not is_money(out["after"]) and not is_money(out["change"])  # a money after is one


_TRIAD_FACTS = (("baseline", "baseline"), ("after", "after"), ("outcome", "business_outcome"))


def _scale(facts: Any) -> tuple[str, ...]:
    """The scale evidence of an answer's facts the brief can quote: a volume, a rate, how many
    people use it, an SLA, a regression rate … — not a run-on span, not a bare deployment word
    ("in production", "canary": `vocabulary.ship_only`)."""
    # the money its report read as the outcome is no volume: "4M chroma a year" of "we
    # stopped losing about 4M chroma a year" (a currency misheard) is the outcome, never scale
    outcome = [q for role, span in getattr(facts.metric_triad, "slots", ()) if role == "outcome"
               and _money_like(span) for q in _quantities(span.replace(UNSAID_CURRENCY, ""))]
    # its numbers written as every view writes them ("500K trips a day": QA19 F15)
    return tuple(y for x in facts.scale_evidence if (y := _quotable_scale(scale_figure(x)))
                 and not ship_only(x)
                 and not any(_same_number(q, o) for q in _quantities(x) for o in outcome))


# where a scale quote's named thing ends: "regression rate | on weekly releases …"
_HEAD_END = re.compile(r"^(?:on|of|for|in|at|across|per|over|with|from|to|that|which|how)$")
_FIGURE_START = re.compile(rf"^(?:{BOUND_WORDS.strip('(?:)')}|about|around|roughly|nearly|almost|"
                           r"just|well|only|approximately|close|at|to|than|less|more|fewer)$")


def _quotable_scale(quote: str) -> str:
    """A scale quote the bank and the brief can show: as said up to `SCALE_MAX_WORDS` words; a
    longer one that ends on its figure keeps the thing it names and the figure, "regression rate
    on how our weekly releases under 2%" → "regression rate … under 2%" (QA89 F4: the report
    quoted it, the bank dropped it); "" for a longer run-on whose figure is not at its end."""
    words = quote.split()
    if len(words) <= SCALE_MAX_WORDS:
        return quote
    digits = [i for i, w in enumerate(words) if re.search(r"\d", w)]
    if not digits or digits[-1] < len(words) - 3:
        return ""
    start = digits[-1]
    while start > 0 and _FIGURE_START.match(words[start - 1].lower()):
        start -= 1
    head: list[str] = []
    for w in words[:start]:
        if _HEAD_END.match(w.lower()) or len(head) == 3:
            break
        head.append(w)
    if not head or len(head) == len(words[:start]):
        return ""
    return " ".join(head + ["…"] + words[start:])


def _with_replies(answer: Telling, replies: Sequence[Telling]
                  ) -> tuple[FollowedUp | None, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]]:
    """`answer` with what its follow-up replies supplied merged into its facts exactly as its
    report's "with the follow-up" line merges them (`follow_ups.fill`, reply after reply: a
    reply's numbers of the same story count even when it missed what was asked), and
    per reply the facts it added and the triad numbers it said for them. None when no reply
    added anything."""
    facts = answer.facts
    tri = answer.triad
    out: dict[str, str | None] = {"metric": tri.metric, "baseline": tri.baseline,
                                  "after": tri.after, "change": tri.change,
                                  "outcome": tri.outcome, "effect": tri.effect,
                                  "baseline_metric": tri.baseline_metric}
    added: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    merged_any = False
    for r in replies:
        if facts is None or r.facts is None or r.check is None or r.check.switched_story:
            added[r.key] = ((), ())  # a reply of another story adds nothing to this one
            continue
        before = fact_values(facts)
        facts = fill(facts, r.check, r.facts)
        now = fact_values(facts)
        labels = tuple(FACT_LABELS.get(k, k) for k, v in now.items() if v and not before[k])
        values = []
        own = r.triad
        whole_pair = own.baseline is not None and own.after is not None \
            and not _unclear(own.baseline) and not _unclear(own.after)
        if now["baseline"] and _open(out, "baseline") and whole_pair \
                and out["after"] is not None and out["after"] != own.after:
            # the reply says a whole pair ("it went from 45% up to 82%") beside an after the
            # answer said otherwise (Whisper's "calculated 2%" for "catches 82%"): the pair said
            # together is the triad's, never the reply's baseline glued onto another after
            # (QA49 F4)
            out.update(baseline=own.baseline, after=own.after,
                       metric=own.metric if metric_label(own.metric) else out["metric"],
                       baseline_metric=None)
            values += [f"{FACT_LABELS['baseline']} {own.baseline}",
                       f"{FACT_LABELS['after']} {own.after}"]
        if now["baseline"] and _open(out, "baseline") and out["after"] is None \
                and out["change"] is not None and whole_pair \
                and (out["effect"] is None or out["effect"] == SAID_IN_WORDS):
            # the reply says a whole pair ("roughly 1 in 8 was wrong, about 12% … after the
            # fix it's under 2%") where the answer said only a change of another thing ("help
            # desk calls dropped by a third"): the pair is the triad's, the change beside it
            # (QA40 F1) — never the reply's baseline glued onto the answer's change
            out.update(baseline=own.baseline, after=own.after, metric=own.metric,
                       effect=_named_change(out["metric"], out["change"]), change=None,
                       baseline_metric=None)
            values += [f"{FACT_LABELS['baseline']} {own.baseline}",
                       f"{FACT_LABELS['after']} {own.after}"]
        for slot, fact in _TRIAD_FACTS:
            if now[fact] and _open(out, slot):
                partner = {"baseline": out["after"] or out["change"],
                           "after": out["baseline"]}.get(slot)
                taken = [v for k, v in out.items() if k not in ("metric", "baseline_metric", slot)
                         and not (slot == "outcome" and k == "effect")]
                value = _reply_value(r, slot, partner, taken)
                if slot == "outcome" and value == SAID["outcome"] and not r.numbers:
                    # a reply that told the outcome with no number at all ("the bank could
                    # give more credit to the good customers"): said in words, its number
                    # still a gap — never "number unclear" (QA83 F1, QA79 F5)
                    out.update(outcome=None, effect=SAID_IN_WORDS)
                elif slot == "outcome":
                    out.update(outcome=value, effect=None)
                elif slot == "after" and _is_change(value):  # "8% more than last year"
                    out["change"] = value
                else:
                    out[slot] = value
                    if slot == "baseline":  # the reply's baseline is the pair's own
                        out["baseline_metric"] = None
                if slot != "outcome" and value == _slot_value(r.triad, slot):
                    # the reply's metric names only the level it gave: never glued onto the
                    # answer's own numbers, nor onto an outcome
                    out["metric"] = out["metric"] or r.triad.metric
                if not _unclear(value):
                    values.append(f"{FACT_LABELS[fact]} {value}")
        added[r.key] = (labels, tuple(values))
        merged_any = merged_any or bool(labels or values)
    if not merged_any or answer.scores is None:
        return None, added
    if answer.points_made:  # the key points its report says the replies made count here
        facts = with_points_made(facts, answer.points_made)  # too: one set of facts
    parts = content_parts(facts, "behavioral", answer.asked_principles)
    return FollowedUp(dict(facts.star_present), tuple(facts.leadership_principles),
                      TriadValues(**out), _scale(facts),
                      SubScores(parts["depth"], parts["impact"], parts["principles"],
                                parts.get("coverage"), cap=answer.scores.cap)), added


def _named_change(metric: str | None, change: str) -> str:
    """A change shown beside a triad it is not the pair of, with what changed ("help desk
    −33%"), as the bank shows another change said."""
    return f"{metric} {change}" if metric_label(metric) else change


def _replied(replies: Sequence[Telling]) -> tuple[str, ...]:
    """The quantities follow-up replies said, replies asked for the result or the outcome first,
    money a reply said as what the work cost left out."""
    first = [r for r in replies if r.asked in ("after", "outcome")]
    return tuple(dict.fromkeys(q for r in first + [r for r in replies if r not in first]
                               for q in r.numbers if q not in r.costs))


def _whole(t: Telling) -> Telling | FollowedUp:
    """What an answer told, with what its follow-up replies supplied."""
    return t.followed_up if t.followed_up is not None else t


def _told_scale(t: Telling) -> tuple[str, ...]:
    """The scale figures an answer and its follow-up replies said."""
    return tuple(dict.fromkeys((*_whole(t).scale, *t.reply_scale)))


def _said(t: TriadValues) -> int:
    return sum(v is not None and not _unclear(v)
               for v in (t.baseline, t.after or t.change, t.outcome or t.effect))


def plain_slots(t: Telling) -> int:
    """How many of the triad's three numbers a telling (with its follow-up replies) said
    plainly — what picks a story's `source`."""
    return _said(_whole(t).triad)


def marked_values(t: Telling) -> int:
    """How many of a telling's triad values (with its follow-up replies) carry a mark of what
    was not said (`_marked`) — the second thing that picks a story's `source`."""
    return _marked(_whole(t).triad)


def _held(t: TriadValues) -> int:
    """Triad slots held, with a plain number or said (number unclear)."""
    return sum(t.parts.values())


_TRIAD_VALUES = ("baseline", "after", "change", "outcome", "effect")  # the values a triad shows


def _marked(t: TriadValues) -> int:
    """Triad values shown with a mark of what was not said: a currency never said ("3M
    [currency?] per month"), an end worked out ("6% (worked out)") or a change's direction
    ("6 points [direction?]")."""
    return sum(v is not None and (UNSAID_CURRENCY in v or WORKED_OUT in v
                                  or UNSAID_DIRECTION in v)
               for v in (getattr(t, name) for name in _TRIAD_VALUES))


def _source(main: Sequence[Telling]) -> Telling | None:
    """The telling a story's triad and content score are read from: the one that said most
    of the triad with plain numbers (with its follow-up replies), then the one with fewest
    values marked as not quite said ("3M [currency?]" against "$2M" — QA11 F12), then the
    latest (a retelling updates the numbers: an older telling's outcome "said in words" never
    keeps its older numbers, QA93 F1), then the one holding most slots at all (a reply credited
    with the baseline whose number is unclear still holds it). A telling that says it corrects
    a figure (`corrects_a_figure`) comes before every telling told before it, not before a
    later one (QA107 F9). A telling whose baseline and after mix two unrelated quantities
    (`_mixed`: "1M → 4" read from a licence's price and a garbled level) comes last: its triad
    is not reliably read (QA30 F1)."""
    fixed = max((t.created_at for t in main
                 if corrects_a_figure(t) and _said(_whole(t).triad) > 0), default=None)
    return max(main, key=lambda t: (not _mixed(_whole(t).triad),
                                    fixed is None or t.created_at >= fixed,
                                    _said(_whole(t).triad), -_marked(_whole(t).triad),
                                    t.created_at, _held(_whole(t).triad), t.n), default=None)


# a telling that says it corrects a figure said before ("I need to correct a figure I quoted
# before: waste was actually 5.1%, not 4.8"): its numbers are the story's (QA40 F9)
_CORRECTS = re.compile(r"\b(?:correct(?:ing)? (?:a|the|one|my|that|an earlier) (?:figure|number)|"
                       r"(?:a|one) correction\b|i misspoke|i got (?:that|the|this) (?:number|"
                       r"figure) wrong)", re.IGNORECASE)
# "the real number was …" corrects only with what it corrects in its sentence ("…, not 4.8",
# "earlier I said …"); "we forecast 18000 calls. the real number was 26000" tells the problem
# (QA41 F4)
_REAL_FIGURE = re.compile(r"\b(?:the|my) (?:real|right|correct|actual) (?:figure|number) (?:is|was)\b"
                          r"[^.?!]*?\b(?:not|earlier|before|i said|i told|i quoted)\b"
                          r"|\b(?:earlier|before) i (?:said|told|quoted)\b[^.?!]*?\b(?:the|my) "
                          r"(?:real|right|correct|actual) (?:figure|number)\b", re.IGNORECASE)


def corrects_a_figure(t: Telling) -> bool:
    """The telling says it corrects a figure of the story."""
    return _CORRECTS.search(t.text) is not None or _REAL_FIGURE.search(t.text) is not None \
        or any(corrected_figure_mask(t.text.split()))


def _corrected_figures(text: str) -> list[str]:
    """The quantities said where a telling corrects a figure: the sentence that says so and,
    after "I need to correct a figure:" said alone, the next one (the figure a correction
    drops is gone from the sentence already: `figure_corrections`)."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    # a figure put right in the next sentence ("The waste was not 11%. It was 12%."): the
    # correction's sentence and the next (`corrected_figure_mask` over the whole text)
    mask, at, put_right = corrected_figure_mask(text.split()), 0, set()
    for i, sentence in enumerate(sentences):
        n = len(sentence.split())
        if any(mask[at:at + n]):
            put_right.add(i)
        at += n
    out: list[str] = []
    for i, sentence in enumerate(sentences):
        if _REAL_FIGURE.search(sentence) or any(corrected_figure_mask(sentence.split())):
            out += _quantities(sentence)
        elif i in put_right or _CORRECTS.search(sentence):
            out += _quantities(" ".join(sentences[i:i + 2]))
    return out


def _withdrawn(text: str) -> list[str]:
    """The figures a telling says it gave wrongly and corrects ("I said 4 % the last time, but
    it was 5": "4"), as said (`numbers.corrected_figure_mask`)."""
    tokens = text.split()
    out: list[str] = []
    run: list[str] = []
    for tok, masked in zip([*tokens, ""], [*corrected_figure_mask(tokens), False]):
        if masked:
            run.append(tok)
        elif run:
            out.append(" ".join(run))
            run = []
    return out


def _corrected_to(src: Telling, shown: str) -> bool:
    """`shown` is a figure `src` says it corrects, not another number of the story (QA107 F2:
    a correction of the downtime is no correction of the money)."""
    return any(_same_number(q, shown) for q in _corrected_figures(src.text))


_AMOUNT = re.compile(r"([$€£]?)(\d+(?:\.\d+)?)([MBKT])?(%?)(?![\w.])")
_SCALE = {"": 1.0, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


class _Amount(NamedTuple):
    """The first number of a triad value."""

    value: float  # with its scale letter applied ("$0.25M" → 250000)
    said: float  # the number before the scale letter (0.25)
    sign: str  # "$"/"€", "%" or "" (a bare number or one with a unit word)
    scaled: bool  # said with a scale letter (K, M, B, T)


# a level said as a ratio ("1 in every 20", "3 out of 4"), its rate the amount it gives
_RATIO = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?) (?:in|out of)(?: every| each)? (\d+(?:\.\d+)?)(?![\d.])")


def _ratio_rate(q: str) -> float | None:
    """The rate in percent a ratio level gives ("1 in every 20" → 5.0), None for any other."""
    m = _RATIO.search(q)
    if m is None or float(m.group(2)) == 0:
        return None
    return 100.0 * float(m.group(1)) / float(m.group(2))


def _amount(q: str) -> _Amount | None:
    """The first number of a triad value; a ratio level is its rate ("1 in 20" and "1 in 200"
    are 5% and 0.5%, never both "1" — QA14 F17)."""
    rate = _ratio_rate(q)
    if rate is not None:
        return _Amount(rate, rate, "%", False)
    m = _AMOUNT.search(q)
    if m is None:
        return None
    said = float(m.group(2))
    return _Amount(said * _SCALE[m.group(3) or ""], said, m.group(1) or m.group(4),
                   bool(m.group(3)))


def mixed_triad(t: Telling) -> bool:
    """A telling (with its follow-up replies) whose triad mixes unrelated quantities."""
    return _mixed(_whole(t).triad)


def scale_mismatch(a: str, b: str) -> bool:
    """`a` and `b` cannot be one metric's two levels: one said with a scale ("1M", "$40K") and
    the other a bare small number with no unit, currency or scale ("4") — a price of a thing
    said in one clause and a garbled level said in another, never "1M → 4" (QA30 F1)."""
    x, y = _amount(a), _amount(b)
    if x is None or y is None:
        return False
    for big, small, words in ((x, y, b), (y, x, a)):
        if big.scaled and not small.scaled and not small.sign and small.value < 1000 \
                and re.fullmatch(r"\s*(?:about |around |roughly |nearly |over |under |to |"
                                 r"from |of |more than |less than )*\d+(?:\.\d+)?\s*", words):
            return True
    return False


def _mixed(t: TriadValues) -> bool:
    """A triad whose baseline and after mix two unrelated quantities (`scale_mismatch`, or two
    kinds that never meet: `levels_meet`): read from garbled words, never the one shown."""
    b, a = t.baseline, t.after
    if b is None or a is None or _unclear(b) or _unclear(a):
        return False
    return scale_mismatch(b, a) or not levels_meet(b, a)


def _same_number(a: str, b: str) -> bool:
    """`a` and `b` give one amount however it was said: "$0.25M" and "$250000", "about 28
    minutes" and "28"; also a bare number and the same amount whose currency
    and scale the transcript lost ("3.5" and "$3.5M")."""
    x, y = _amount(a), _amount(b)
    if x is None or y is None:
        return False
    if abs(x.value - y.value) <= 1e-9 * max(abs(x.value), abs(y.value), 1.0):
        return x.sign == y.sign or "" in (x.sign, y.sign)
    bare, money = (x, y) if not (x.sign or x.scaled) else (y, x)
    return not (bare.sign or bare.scaled) and money.scaled and bare.said == money.said


# a level said as a range ("15-20%", "about 15-20%") or with a hedge that says how close it is
_SPAN = re.compile(rf"^(?:(?P<hedge>about|around|roughly|approximately|nearly|almost|"
                   rf"{NEAR_BOUND}{BOUND_WORDS}) )?(?P<cur>[$€£]?)(?P<lo>\d+(?:\.\d+)?)"
                   r"(?:-(?P<hi>\d+(?:\.\d+)?))?"
                   r"(?P<scale>[MBKT])?(?P<pct>%?)(?![\w.])")


def _span(v: str) -> tuple[float, float, str] | None:
    """The values a level said as a range or with a hedge covers, and its unit sign: "15-20%"
    → (15, 20, "%"); "about 18%" → (17.5, 18.5, "%") — half the place of its last digit either
    side ("about 20%" → 15–25); "just under 6%" → (5.5, 6, "%") as "a bit under" and "under" (a
    bound said of a level is said near it); an exact "18%" → (18, 18)."""
    rate = _ratio_rate(v)
    if rate is not None:  # "1 in 20" is exact however it is hedged: never a span of "1"s
        return rate, rate, "%"
    m = _SPAN.match(v.replace(UNSAID_CURRENCY, "").strip())
    if m is None:
        return None
    scale = _SCALE[m.group("scale") or ""]
    lo, sign = float(m.group("lo")) * scale, m.group("cur") or m.group("pct")
    if m.group("hi"):
        return lo, float(m.group("hi")) * scale, sign
    digits = m.group("lo").rstrip("0").rstrip(".") if "." in m.group("lo") else m.group("lo")
    place = 10.0 ** -len(digits.split(".")[1]) if "." in digits \
        else 10.0 ** (len(digits) - len(digits.rstrip("0")))
    half = place / 2 * scale
    hedge = m.group("hedge") or ""
    if hedge in ("nearly", "almost") or hedge.endswith(("under", "below", "beneath", "less than",
                                                         "fewer than")):
        return lo - half, lo, sign
    if hedge.endswith(("over", "above", "more than")):
        return lo, lo + half, sign
    return (lo - half, lo + half, sign) if hedge else (lo, lo, sign)


def _refines(a: str, b: str) -> bool:
    """`a` and `b` are one level said once loosely and once more exactly (QA13 F05): a number
    inside a range said elsewhere ("18%" and "about 15-20%"), or within the closeness a hedge
    says ("about 20%" and "18%") — a refinement, never a conflict."""
    x, y = _span(a), _span(b)
    if x is None or y is None or x[2] != y[2] or (x[0] == x[1] and y[0] == y[1]):
        return False
    return x[0] <= y[1] and y[0] <= x[1]


def _pair_in(before: str, after: str, shown: str | None) -> bool:
    """`shown` (an effect, "credit decision 15 days → 3 days") is the pair `before` → `after`
    under another name: one metric retold, never "another metric" (QA125 F3)."""
    if not shown or " → " not in shown:
        return False
    a, b = shown.rsplit(" → ", 1)  # the name holds no number: each side's first is its level
    return _same_number(before, a) and _same_number(after, b)


def _taken(value: str | None, others: Iterable[str | None]) -> bool:
    """`value`'s number already fills another triad slot (`others`)."""
    return value is not None and not _unclear(value) and any(
        o is not None and not _unclear(o) and _same_number(value, o) for o in others)


# a scaled amount, one word, then a period: the word stands where the currency is said ("2M
# years per month", Whisper's "reais"), so the amount compares with money
_CURRENCY_PLACE = re.compile(r"^(\d+(?:\.\d+)?[MBKT]) [a-z]+ ((?:a|an|per|each|every) [a-z]+)$")
_BARE_AMOUNT = re.compile(r"\d+(?:\.\d+)?[MBKT]?(?: (?:a|an|per|each|every|in) [a-z]+)?")


def _comparable(part: str, a: str, b: str) -> bool:
    """Two values of one triad part measure the same thing: the same kind of quantity, or (an
    outcome) money and a bare amount ("$300000 a quarter" and "400000 a quarter" said after
    "finance put it at")."""
    def kind(v: str) -> str:
        if UNSAID_CURRENCY in v:  # money whose currency was not heard is money (QA14 F18)
            return "$"
        v = v.lstrip("+−").split(" (")[0]
        if part == "outcome":  # "2M years per month": a word in the currency's place (QA11 F07)
            v = _CURRENCY_PLACE.sub(r"\1 \2", v)
        return "" if _BARE_AMOUNT.fullmatch(v) else quantity_kind(v)

    ka, kb = kind(a), kind(b)
    ca, cb = _currency_of(a), _currency_of(b)
    if ca and cb and ca != cb:
        return False  # "4M pesos a year" and "$220K": one amount in two currencies (QA83 F6)
    return ka == kb or part == "outcome" and {ka, kb} == {"$", ""}


def _currency_of(value: str) -> str | None:
    """The currency an amount was heard in: its sign ("$", "C$", "€") or its currency word
    ("pesos"); None when it is not heard or not money."""
    if UNSAID_CURRENCY in value:
        return None
    sign = re.search(r"(?<![\w$€£¥])([A-Z]{0,3}[$€£¥])\d", value)
    if sign is not None:
        return sign.group(1)
    word = re.search(r"\d[\d.]*[KMBT]?\s+([a-z]+)", value)
    return word.group(1) if word is not None and word.group(1) in CURRENCY_NAMES else None


def _same_metric(a: str | None, b: str | None) -> bool:
    """Two tellings' metrics name one thing ("false positive rate" and "the false positives"),
    or one of them is not named; "false positive rate" and "blocked good customers" are two.
    A label that names no metric (`metric_label`: "may you see", Whisper's "AUC") is no name:
    the numbers decide (`_one_metric`), never a misheard word."""
    a, b = metric_label(a), metric_label(b)
    if not a or not b:
        return True
    # "late-parcel rate" and "late parcels" share their words (QA44 F3)
    words = [{f for f in features(m.replace("-", " ")) if f.startswith("w:")} for m in (a, b)]
    return not all(words) or bool(words[0] & words[1])


# two levels a retelling gives one metric differ by less than this ratio, or by at most this many
# points ("31%" and "30%"; "12%" and "4%" of one rate retold are 3×, never 20×)
SAME_METRIC_RATIO = 2.0
SAME_METRIC_POINTS = 5.0


def _one_metric(a: TriadValues, b: TriadValues) -> bool:
    """Two tellings' triads measure one metric: both named and `_same_metric`; when one is not
    named, the levels both give (baseline with baseline, after with after, same unit) are close
    — "[metric?] 9% → 3%" and "click rate 58% → 71%" are two metrics, not one retold (QA8
    F08). Two names that share no word still name one metric when both tellings start from
    the same level and end close to it (`_same_start`): a name can be misheard into another
    word ("the OC" for "AUC"), the number said as the start cannot be misheard into the same
    other number."""
    if metric_label(a.metric) and metric_label(b.metric):
        return _same_metric(a.metric, b.metric) or _same_start(a, b) and _levels_close(a, b) \
            or _one_unit_pair(a, b)
    return _levels_close(a, b)


def _retold_metric(other: TriadValues, triad: TriadValues, main: Sequence[Telling]) -> bool:
    """`other` (a telling's triad) measures the metric of `triad` (the story's shown one):
    `_one_metric`, or through a third telling of the story whose metric is `other`'s by name and
    `triad`'s by its numbers — a name misheard in one telling ("nae areas" for "arrears", "rear"
    in another) is bridged by the telling that shares a word with it (QA58 F4)."""
    return _one_metric(other, triad) or metric_label(other.metric) is not None and any(
        (u := _whole(t).triad) is not other and u is not triad and metric_label(u.metric)
        and _same_metric(other.metric, u.metric) and _one_metric(u, triad) for t in main)


# the unit a level is said in: its currency, its percent or the word after it ("11 days")
_UNIT = re.compile(r"^(?:about |around |roughly |nearly |almost |just |under |over )*"
                   r"(?P<cur>[$€£]?)\d+(?:\.\d+)?(?P<scale>[KMBT])?\s?(?P<unit>%|[a-z]+)?")


def _unit_said(v: str) -> str:
    """The unit `v` is said in: "$" for "$1.2M", "day" for "11 days", "%" for "12%", "" bare."""
    m = _UNIT.match(v)
    if m is None:
        return ""
    if m.group("cur"):
        return m.group("cur")
    unit = m.group("unit") or ""
    return unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit


def _one_unit_pair(a: TriadValues, b: TriadValues) -> bool:
    """Two tellings of one story give their triad's before → after in one unit that names what
    is measured (days, minutes, money — never a bare percent or number, which many metrics
    share), plainly, at close levels (`_levels_close`): one metric retold with other numbers
    and other words for its name ("customers waited 11 days → 3 days" and "contact on simple
    claims 10 days → 2 days", QA22 F3) — "latency 800 ms → 200 ms" and "accuracy 81% → 90%"
    are two metrics, and so are "precision 80% → 90%" and "recall 70% → 85%"."""
    ends = [a.baseline, a.after, b.baseline, b.after]
    if any(v is None or _unclear(v) or _is_change(v) or WORKED_OUT in v for v in ends):
        return False
    units = {_unit_said(str(v)) for v in ends}
    return len(units) == 1 and units.pop() not in ("", "%") and _levels_close(a, b)


def _same_start(a: TriadValues, b: TriadValues) -> bool:
    """Both triads say one baseline level, plainly and in one unit ("0.71" and "0.71")."""
    x, y = a.baseline, b.baseline
    if x is None or y is None or _unclear(x) or _unclear(y) or WORKED_OUT in x + y \
            or _is_change(x) or _is_change(y):
        return False
    ax, ay = _amount(x), _amount(y)
    return ax is not None and ay is not None and ax.sign == ay.sign and _same_number(x, y)


def _levels_close(a: TriadValues, b: TriadValues) -> bool:
    """The levels both triads give (baseline with baseline, after with after, same unit) are
    close: within `SAME_METRIC_RATIO`, or `SAME_METRIC_POINTS` points of a percentage."""
    for part in ("baseline", "after"):
        x, y = getattr(a, part), getattr(b, part)
        if x is None or y is None or _unclear(x) or _unclear(y) or _is_change(x) != _is_change(y):
            continue
        ax, ay = _amount(x), _amount(y)
        if ax is None or ay is None or ax.sign != ay.sign:
            continue
        lo, hi = sorted((abs(ax.value), abs(ay.value)))
        if hi > SAME_METRIC_RATIO * lo and not (ax.sign == "%" and hi - lo <= SAME_METRIC_POINTS):
            return False
    return True


def _is_change(v: str) -> bool:
    """A relative change ("−33%", "+4 hours", "6 points [direction?]"), not a level ("5%")."""
    return _UNBOUND.sub("", v).startswith(("+", "−")) or v.endswith(UNSAID_DIRECTION)


def _conflicts(triad: TriadValues, src: Telling, main: Sequence[Telling]
               ) -> tuple[TriadConflict, ...]:
    """Triad numbers another telling of the story (with its follow-up replies) gives
    differently: the same kind of quantity of the same metric, both levels or both changes
    ("5%" and "−33%" are a level and a change; "false positive rate 5%" and "blocked
    customers 3%" are two metrics — nothing to reconcile)."""
    out = []
    for part in ("baseline", "after", "outcome"):
        shown = _slot_value(triad, part)
        as_outcome = part == "after" and (shown is None or _unclear(shown))
        if as_outcome:  # the level it was said to reach, read as its outcome (QA19 F07)
            shown = _after_as_outcome(triad, src.text)
        if shown is None or _unclear(shown):
            continue
        values: list[str] = []
        for t in main:
            other = _whole(t).triad
            v = shown if t is src else _slot_value(other, part)
            if part == "after" and t is not src:
                read = v is not None and not _unclear(v)
                if not read:
                    v = _after_as_outcome(other, t.text)
                if v is not None and (as_outcome or not read) \
                        and not _close_levels(v, shown, t.text, src.text):
                    continue  # a level read as an outcome is only compared with a close one
            heard = _heard_level(_slot_value(other, part)) if t is not src else None
            if heard is not None and _same_metric(other.metric, triad.metric) \
                    and heard not in values and not _same_number(heard, shown):
                # a level another telling said that was heard in a way that cannot be one
                # ("1 and 14" for "1 in 40"): shown as heard, for the speaker to check (QA28 F5)
                values.append(heard + HEARD_MARK)
                continue
            if v is None or _unclear(v) or not _comparable(part, v, shown) \
                    or _is_change(v) != _is_change(shown) \
                    or (part != "outcome" and not _retold_metric(other, triad, main)):
                continue
            same = next((i for i, w in enumerate(values)
                         if _same_number(v, w) or _refines(v, w)), None)
            if same is None:
                values.append(v)
            elif v == shown:  # one amount said two ways (or a range and a value inside it:
                # QA13 F05): name it as the story shows it
                values[same] = v
        if len(values) > 1:
            out.append(TriadConflict(part, tuple(values),
                                     shown if shown in values and _corrected_to(src, shown)
                                     else None))
    out = out_with_changes(tuple(out), triad, src, main)
    return out + _pair_conflicts(triad, src, main, out)


_PERIOD = re.compile(r" (?:a|an|per|each|every) ([a-z]+)$")
HEARD_MARK = " (as heard)"  # a retold level heard in a way that cannot be one (`_heard_level`)


def _heard_level(value: str | None) -> str | None:
    """The words of a level marked "heard as … — check this number" (`_slot_level`,
    `_checked`), None for any other value."""
    m = re.fullmatch(r"[a-z]+ heard as (.+)" + re.escape(CHECK_TAIL), value or "")
    return m.group(1) if m else None


def _after_as_outcome(t: TriadValues, text: str) -> str | None:
    """The level a telling with no plain after of its own said its metric reached, where its
    triad reads it as the outcome: "losses … fell to $12000 a week" (the before misheard)
    read as outcome "$12000 a week" is the after another telling says as "$35K → $10K" (QA19
    F07). Only money or a percentage said right after "to"/"at" (a level reached, not "by" a
    change nor a saving); None otherwise."""
    v = t.outcome
    if v is None or _unclear(v) or _is_change(v) or "→" in v or t.after and not _unclear(t.after):
        return None
    amount = v.split(" (")[0].split()[0]
    if not (amount.startswith(("$", "€")) or amount.endswith("%")):
        return None
    reached = re.compile(r"\b(?:to|at) (?:about |around |roughly |just |only |under |below )?"
                         + re.escape(amount) + r"(?![\d.]\d|\w)")
    return v if any(reached.search(s) for s in said_sentences(text)) else None


def _period(value: str, text: str) -> str | None:
    """The period an amount is per ("week" of "$12000 a week"): in the value, else where its
    telling says it ("fell to 10 thousand dollars a week", the triad keeping "$10000")."""
    v = value.split(" (")[0]
    m = _PERIOD.search(v)
    if m:
        return m[1]
    amount = re.escape(v.split()[0]) if v else ""
    for sentence in said_sentences(text) if amount else ():
        if (m := re.search(rf"(?<![\w.$€£]){amount}(?![\d.]\d|\w)"
                           r" (?:a|an|per|each|every) ([a-z]+)", sentence)):
            return m[1]
    return None


def _close_levels(a: str, b: str, text_a: str = "", text_b: str = "") -> bool:
    """Two levels, one of them read as an outcome, can be one metric's after said twice: the
    same unit, per the same period when both tellings (`text_a`, `text_b`) say one, within
    `SAME_METRIC_RATIO`."""
    x, y = _amount(a), _amount(b)
    pa, pb = _period(a, text_a), _period(b, text_b)
    if x is None or y is None or x.sign != y.sign or pa and pb and pa != pb:
        return False
    lo, hi = sorted((abs(x.value), abs(y.value)))
    return hi <= SAME_METRIC_RATIO * lo


@functools.lru_cache(maxsize=512)
def _pairs_of(text: str) -> tuple[Any, ...]:
    return named_pairs(text)


def _one_pair_metric(a: Any, b: Any) -> bool:
    """Two before → after pairs measure one metric: both named alike (`_same_metric`), or one
    named and the other not with both levels close (`_levels_close`); two unnamed pairs are
    never taken for one metric."""
    if metric_label(a.metric) and metric_label(b.metric):
        return _same_metric(a.metric, b.metric)
    if not (metric_label(a.metric) or metric_label(b.metric)):
        return False
    return _levels_close(TriadValues(None, a.before, a.after, None, None, None),
                         TriadValues(None, b.before, b.after, None, None, None))


def _pair_conflicts(triad: TriadValues, src: Telling, main: Sequence[Telling],
                    found: Sequence[TriadConflict]) -> tuple[TriadConflict, ...]:
    """The story's other metrics said with other numbers in another telling (QA16 F06): a
    before → after pair of the shown telling besides the triad's own ("false positive rate
    4.1% → 1.3%" where the triad shows the AUC) that another telling gives for the same metric
    with a different before or after ("4% → 1.1%"), named with both pairs. A level said once
    loosely and once exactly (`_refines`) is no conflict; the triad's own pair is checked by
    `_conflicts`."""
    out = []
    shown = {triad.baseline, triad.after}
    for p in _pairs_of(src.text):
        if not metric_label(p.metric) or {p.before, p.after} <= shown:
            continue
        said = []  # oldest telling first, the shown one's included
        for t in main:
            for q in ((p,) if t is src else _pairs_of(t.text)):
                if q is not p and not (_one_pair_metric(p, q) and all(
                        _comparable("after", x, y) for x, y in ((p.before, q.before),
                                                                 (p.after, q.after)))):
                    continue
                if not any(all(_same_number(x, y) or _refines(x, y)
                               for x, y in ((q.before, w.before), (q.after, w.after)))
                           for w in said):
                    said.append(q)
                break
        values = tuple(f"{q.before} → {q.after}" for q in said)
        if len(said) > 1 and not any(set(values) & set(c.values) for c in (*found, *out)):
            out.append(TriadConflict(str(metric_label(p.metric)), values))
    return tuple(out)


# an effect as the triad holds it: what changed, then the change ("revenue for gift +5%")
_NAMED_CHANGE = re.compile(r"^(?P<name>[^+−]*[a-z][^+−]*?) (?P<by>[+−]\S+)$")


def _named_changes(t: TriadValues) -> list[tuple[str, str]]:
    """The changes a triad gives with the name of what changed, wherever it holds them: the
    main metric's change ("gift category revenue", "+4%") and the effect ("revenue for gift",
    "+5%")."""
    out = []
    if t.change is not None and not _unclear(t.change) and metric_label(t.metric):
        out.append((str(metric_label(t.metric)), t.change))
    m = _NAMED_CHANGE.match(t.effect or "")
    if m and metric_label(m.group("name")):
        out.append((m.group("name"), m.group("by")))
    return out


def out_with_changes(out: tuple[TriadConflict, ...], triad: TriadValues, src: Telling,
                     main: Sequence[Telling]) -> tuple[TriadConflict, ...]:
    """`out` with the changes of one named metric that tellings give differently wherever
    their triads hold them (QA12 F03): "gift category revenue went up by about 4%" read as the
    main change of one telling and "revenue for gift increased about 5%" as the effect of its
    retelling are one metric's change said as +4% and as +5%."""
    extra = []
    for name, value in _named_changes(triad):
        values: list[str] = []  # oldest telling first, the shown one's as the story shows it
        for t in main:
            said = [(name, value)] if t is src else _named_changes(_whole(t).triad)
            for other_name, v in said:
                if _same_metric(name, other_name) and _comparable("after", v, value) \
                        and not any(_same_number(v, w) for w in values):
                    values.append(v)
        if len(values) > 1 and not any(_holds(c, values) for c in out):
            extra.append(TriadConflict(f"{name} change", tuple(values)))
    return out + tuple(extra)


def _holds(conflict: TriadConflict, values: Sequence[str]) -> bool:
    """`conflict` already says one of `values`, bare ("−25%") or with its metric's name
    ("damage claims paid −25%"): one conflict is said once (QA30 F8: an outcome that is a named
    change was also listed as that change)."""
    return any(w == v or w.endswith(" " + v) for v in values for w in conflict.values)


def _said_elsewhere(triad: TriadValues, src: Telling, main: Sequence[Telling]
                    ) -> tuple[SaidElsewhere, ...]:
    """For each triad part the shown telling (`src`) did not say, what the latest other
    telling (with its follow-up replies) said for it: a baseline or after only of the same
    metric; an outcome as said — or, when that telling's report holds an outcome whose number
    is its change of another metric ("blocked good customers went down by a third" retelling a
    false-positive story), that change with its metric."""
    out = []
    others = sorted((t for t in main if t is not src), key=lambda t: (t.created_at, t.n),
                    reverse=True)
    withdrawn = _withdrawn(src.text)
    for part in ("baseline", "after", "outcome"):
        if triad.parts[part]:
            continue
        unclear = next((t for t in others if _slot_value(_whole(t).triad, part) == SAID[part]),
                       None)
        for t in others:
            other = _whole(t).triad
            v = _slot_value(other, part)
            if part != "outcome":
                if v is None or _unclear(v) or not _one_metric(other, triad):
                    continue
                if any(_same_number(w, v) for w in withdrawn):
                    continue  # the figure the shown telling puts right (QA150 F1)
            elif v is None:
                continue
            elif v == SAID["outcome"]:
                moved = other.after or other.change
                named = metric_label(other.metric)  # never a misheard word as a name
                if moved is not None and not _unclear(moved) and named \
                        and not _same_metric(other.metric, triad.metric):
                    v = f"{named} {moved}"
            out.append(SaidElsewhere(part, v, t.key))
            break
        else:
            if unclear is not None:  # held there, its number unclear: never "not said yet"
                out.append(SaidElsewhere(part, SAID[part], unclear.key))
    if triad.parts["outcome"] and not _money_outcome(triad):
        # the shown outcome is a change for users or the business ("revenue +5%"): money another
        # telling said as its outcome ("80M yen per quarter") is shown beside it, marked (QA12 F04)
        for t in others:
            money = _whole(t).triad.outcome
            if is_money(money) and not _taken(money, [triad.outcome, triad.effect]):
                out.append(SaidElsewhere("outcome", money, t.key))
                break
    # a whole pair of another metric said only in another telling ("repeat call rate 24% →
    # 17%" beside a handle-time triad): shown on the story's line, marked, never dropped
    # (QA41 F8); the same metric retold with other numbers is a conflict, checked instead
    for t in others:
        other = _whole(t).triad
        named = metric_label(other.metric)
        two = metric_label(triad.metric) and not _same_metric(other.metric, triad.metric) \
            and not _retold_metric(other, triad, main) \
            or triad.after is not None and not _unclear(triad.after) \
            and quantity_kind(other.after) != quantity_kind(triad.after)
        if named and two and other.baseline and other.after and not _unclear(other.baseline) \
                and not _unclear(other.after) \
                and not _taken(other.after, [triad.baseline, triad.after, triad.change]) \
                and not _pair_in(other.baseline, other.after, triad.effect):
            out.append(SaidElsewhere("pair", f"{named} {other.baseline} → {other.after}", t.key))
            break
    if not triad.parts["outcome"] and not any(x.part == "outcome" for x in out):
        for t in sorted(main, key=lambda t: (t.created_at, t.n), reverse=True):
            money = _money_said(t)
            if money:  # "worth roughly $1.2M in the first year" told as the situation
                out.append(SaidElsewhere("outcome", money[0], t.key, read=False,
                                         shown_telling=t is src))
                break
    return tuple(out)


# a scale figure's number and the noun it counts ("30K calls per day" → "30K", "calls")
_SCALE_FIGURE = re.compile(r"(?<![\w.])([$€£]?\d+(?:\.\d+)?[KMBT]?%?) ([a-z]+)")


def _scale_conflicts(src: Telling, main: Sequence[Telling]) -> tuple[TriadConflict, ...]:
    """Scale figures another telling gives differently: the same noun counted with another
    number ("30K calls per day" and "35K calls every day", "4M recommendation requests per day"
    and "45M requests per day": `_scale_kinds`), flagged as the triad's are (QA26 F3, QA31
    F3)."""
    out = []
    for x in _told_scale(src):
        m = _SCALE_FIGURE.search(x)
        if m is None:
            continue
        values = [x]
        for t in main:
            if t is src:
                continue
            for y in _told_scale(t):
                n = _SCALE_FIGURE.search(y)
                if n is not None and _scale_kinds(x) & _scale_kinds(y) and y not in values \
                        and not any(
                        _same_number(n.group(1), v) or _refines(n.group(1), v)
                        for v in (_SCALE_FIGURE.search(w).group(1) for w in values)):
                    values.append(y)
        if len(values) > 1:
            out.append(TriadConflict("scale", tuple(values)))
    return tuple(out)


_SCALE_FILLER = frozenset("a an the our my its their about around roughly nearly over under "
                          "more than less it we they and".split())


# words after a scale figure's number that end the noun it counts ("requests per day",
# "products in 300 stores", "planners use it")
_SCALE_NOUN_END = frozenset("per a an every each in on for of with within at to from by and or "
                            "is are was were that which who use uses used it they we "
                            "day days week weeks month months year years hour hours "
                            "night nights".split())


def _scale_kinds(x: str) -> frozenset[str]:
    """The words naming what a scale figure counts: the nouns after its number, up to three
    ("300K images a day" → images; "4M recommendation requests per day" → recommendation,
    requests), else its first content word ("regression rate on releases is under 1%" →
    regression). Two figures count one thing when these share a word."""
    m = _SCALE_FIGURE.search(x)
    if m is not None:
        words = []
        for w in re.findall(r"[a-z]+", x[m.end(1):].lower())[:3]:
            if w in _SCALE_NOUN_END:
                break
            words.append(w)
        return frozenset(words or [m.group(2)])
    words = [w for w in re.findall(r"[a-z]+", x.lower()) if w not in _SCALE_FILLER]
    return frozenset(words[:1] or [x])


def _story_scale(source: Telling | None, main: Sequence[Telling]) -> tuple[str, ...]:
    """The story's scale evidence: the shown telling's own, then each figure another telling
    said of a thing the shown one did not (another noun, another number), marked
    `ANOTHER_TELLING`; with no shown telling, every telling's."""
    if source is None:
        return tuple(dict.fromkeys(x for t in main for x in _told_scale(t)))
    own = list(_told_scale(source))
    kinds: set[str] = set().union(*(_scale_kinds(x) for x in own))
    numbers = [q for x in own for q in _quantities(x)]
    out = list(own)
    for t in main:
        if t is source:
            continue
        for x in _told_scale(t):
            kind = _scale_kinds(x)
            if kind & kinds or any(_same_number(q, n) for q in _quantities(x) for n in numbers):
                continue
            kinds |= kind
            numbers += _quantities(x)
            out.append(x + ANOTHER_TELLING)
    return tuple(out)


def _money_outcome(t: TriadValues) -> bool:
    """The triad's outcome is money: said as the outcome, or a money after or change."""
    return any(is_money(v) for v in (t.outcome, t.after, t.change))


# --- stories --------------------------------------------------------------------------------------

ANOTHER_TELLING = " (another telling)"  # a value the shown telling did not say, another one did

def _title(main: Sequence[Telling]) -> str:
    """The story's automatic title from its answers' words and how well each was heard
    (`analysis.titles.story_title`)."""
    # a short answer is a reply saved under its question ("My manager agreed to stop"), not
    # where the story is told: it names the story only when nothing longer does (QA8 F25)
    reply_words = GroupingOptions().retry_reply_max_words
    told = [t for t in main if len(t.text.split()) > reply_words] or list(main)
    return story_title([TitleSource(t.text, t.heard, t.question_text or "") for t in told])


def _story(story_id: int, tellings: Sequence[Telling]) -> Story:
    """One story from its tellings: every value from its answers' facts with what their
    follow-up replies supplied (`_with_replies`, as each report's "with the follow-up")."""
    tellings = sorted(tellings, key=lambda t: (t.created_at, t.session_id, t.n))
    merged: list[Telling] = []
    added: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for t in tellings:
        if t.is_reply:
            continue
        replies = _replies_to(t, tellings)
        followed, by_reply = _with_replies(t, replies)
        merged.append(dataclasses.replace(t, followed_up=followed, replied=_replied(replies),
                                          reply_scale=tuple(x for r in replies for x in r.scale)))
        added.update(by_reply)
    by_key = {t.key: t for t in merged}
    tellings = [by_key.get(t.key) or dataclasses.replace(
        t, added=added.get(t.key, ((), ()))[0], added_values=added.get(t.key, ((), ()))[1])
        for t in tellings]
    main = merged or list(tellings)
    source = _source(merged)
    triad = _whole(source).triad if source is not None else EMPTY_TRIAD
    if source is not None and metric_unnamed(triad):
        triad = _named_elsewhere(triad, source, main)
    if source is not None:
        triad = _currency_elsewhere(triad, source, main)
    # the triad's telling's scale, else what other tellings said, marked as theirs (QA9 F08)
    # and what another telling said of a thing it did not (QA30 F9: "regression rate on
    # releases is under 1%" said only in the first telling)
    scale = _story_scale(source, main)
    # the content score is the triad's telling's own (its report's, with what its replies
    # supplied): never one telling's numbers next to another telling's score (QA11 F12)
    scores = _whole(source).scores if source is not None else None
    if scores is None:
        parts = triad.parts
        impact = (IMPACT_WEIGHTS["baseline"] * parts["baseline"] + IMPACT_WEIGHTS["after"]
                  * parts["after"] + IMPACT_WEIGHTS["business_outcome"] * parts["outcome"]
                  + IMPACT_WEIGHTS["scale"] * bool(scale))
        scores = SubScores(None, float(impact), None)
    best = max(main, key=lambda t: (t.overall if t.overall is not None
                                    else t.scores.total if t.scores is not None else 0.0,
                                    t.created_at))
    return Story(
        id=story_id, title=_title(main), tellings=tuple(tellings),
        asked_principles=tuple(dict.fromkeys(p for t in tellings for p in t.asked_principles)),
        # … and a principle a follow-up reply named, whatever its follow-up asked for: `--show`
        # lists it under the reply, so the bank, matrix and gaps count it too (QA37 F7)
        named_principles=tuple(dict.fromkeys(
            [*(p for t in main for p in _whole(t).named_principles),
             *(p for t in tellings if t.is_reply for p in t.named_principles)])),
        star_present={p: any(_whole(t).star_present.get(p) for t in main) for p in STAR_PARTS},
        triad=triad, scale=scale, scores=scores, best=best,
        last_told=max(t.date for t in tellings), source=source,
        conflicts=_conflicts(triad, source, merged) + _scale_conflicts(source, merged)
        if source is not None else (),
        elsewhere=_said_elsewhere(triad, source, merged) if source is not None else (),
        costs=source.costs if source is not None else ())


def build_bank(sources: Iterable[AnswerSource],
               question_of: Callable[[str | None], Any | None] = lambda qid: None,
               options: GroupingOptions = GroupingOptions(),
               corrections: Sequence[Correction] = (),
               everyday: frozenset[str] = frozenset(),
               reference: DocumentFrequencies | None = None) -> StoryBank:
    """Group every story answer in `sources` into stories, apply your corrections and list the
    pairs of stories that may be one (`StoryBank.hints`).

    Args:
        sources: saved answer reports (any order).
        question_of: question id → `questions.Question` (or None when unknown).
        options: grouping weights, cut and hint cut.
        corrections: your merges and splits, in the order made (applied after the grouping,
            so they hold through new sessions and `tune`).
        everyday: common English words, lower case (`embedder.common_words`): never shown as
            what two hinted stories both mention.
        reference: other people's tellings' document frequencies for the IDF (None: the shipped
            `story_reference()`; `DocumentFrequencies(0, {})`: the bank alone).
    """
    tellings: list[Telling] = []
    skipped: list[str] = []
    non_answers: list[str] = []
    for src in sources:
        question = question_of(src.report.question_id)
        t = telling_from_report(src, question)
        n = src.report.n
        if t is not None:
            tellings.append(t)
        elif not src.report.transcript.text.strip():
            skipped.append(f"{src.session_id}#{n if n is not None else '?'}")
        elif src.report.follow_up_of is None and src.facts is not None \
                and _is_story(src.report, src.facts, False, question) \
                and not _tells_something(src.report.transcript.text, src.facts):
            non_answers.append(f"{src.session_id}#{n if n is not None else '?'}")
    # a follow-up belongs to the story of the answer it followed; if that answer was no story
    # (a technical question, an intro), neither is the follow-up
    told = {(t.session_id, t.n) for t in tellings if t.follow_up_of is None}
    while True:  # follow-ups of follow-ups, however deep
        more = {(t.session_id, t.n) for t in tellings
                if t.follow_up_of is not None and (t.session_id, t.follow_up_of) in told}
        if more <= told:
            break
        told |= more
    tellings = [t for t in tellings if (t.session_id, t.n) in told]
    tellings.sort(key=lambda t: (t.created_at, t.session_id, t.n))
    if not tellings:
        return StoryBank((), coverage_matrix(()), tuple(skipped), (), tuple(corrections),
                         tuple(non_answers))
    index = {(t.session_id, t.n): i for i, t in enumerate(tellings)}
    together = [(index[(t.session_id, t.follow_up_of)], i) for i, t in enumerate(tellings)
                if t.follow_up_of is not None and (t.session_id, t.follow_up_of) in index]
    # a reply that tells nothing ("good question … I don't remember the details") stays with
    # its answer but gives its story no words to be grouped on
    members, sim = unit_similarity(
        [t.text if not t.is_reply or _tells_something(t.text, t.facts) else ""
         for t in tellings], together=together, sessions=[t.session_id for t in tellings],
        questions=[None if t.switched_from is not None else t.question_id for t in tellings],
        options=options, reference=story_reference() if reference is None else reference)
    labels = [0] * len(tellings)
    for m, lab in zip(members, group_units(sim, options)):
        for i in m:
            labels[i] = lab
    labels = _corrected(tellings, labels, joined_sets(len(tellings), together), corrections)
    order = {lab: k for k, lab in enumerate(dict.fromkeys(labels))}
    labels = [order[lab] for lab in labels]  # story k + 1 is the k-th by first telling
    groups: dict[int, list[Telling]] = {}
    for t, lab in zip(tellings, labels):
        groups.setdefault(lab, []).append(t)
    stories = tuple(dataclasses.replace(_story(lab + 1, groups[lab]), corrections=tuple(
        c for c in corrections if {t.key for t in groups[lab]} & {*c.keys, *c.apart_from}))
        for lab in sorted(groups))
    hints = _hints(tellings, labels, members, sim, corrections, options, everyday)
    return StoryBank(stories, coverage_matrix(stories), tuple(skipped), hints,
                     tuple(corrections), tuple(non_answers))


def _corrected(tellings: Sequence[Telling], labels: Sequence[int],
               units: Sequence[Sequence[int]], corrections: Sequence[Correction]) -> list[int]:
    """`labels` with your corrections applied in the order you made them: a merge puts every
    story holding one of its tellings into one; a split makes the telling, with its follow-up
    replies, a story of its own. Keys of answers no longer saved are passed over."""
    out = list(labels)
    at = {t.key: i for i, t in enumerate(tellings)}
    unit_of = {i: u for u in units for i in u}
    for c in corrections:
        present = [at[k] for k in c.keys if k in at]
        if c.kind == "merge" and present:
            joined = {out[i] for i in present}
            into = min(joined)
            out = [into if lab in joined else lab for lab in out]
        elif c.kind == "split" and present:
            new = max(out) + 1
            for i in unit_of[present[0]]:
                out[i] = new
    return out


def _hints(tellings: Sequence[Telling], labels: Sequence[int], members: Sequence[Sequence[int]],
           sim: Any, corrections: Sequence[Correction], options: GroupingOptions,
           everyday: frozenset[str] = frozenset()) -> tuple[StoryHint, ...]:
    """Up to `MAX_HINTS` pairs of stories whose mean same-story log-odds is under the cut they
    needed to merge (`close_groups`, with the small bank's lone-pair margin) but at least
    `options.hint_min_score`, strongest first — never two stories you split
    apart or marked not the same, nor two that share nothing specific only they say (everyday
    words are no evidence, `shared_terms`)."""
    unit_label = [labels[m[0]] for m in members]
    keys = [{tellings[i].key for i in range(len(tellings)) if labels[i] == lab}
            for lab in range(max(labels) + 1)]
    apart = [({c.keys[0]} if c.kind == "split" else set(c.keys), set(c.apart_from))
             for c in corrections if c.kind in ("split", "apart")]
    texts = [" ".join(tellings[i].text for i in m) for m in members]
    out: list[StoryHint] = []
    for pair in close_groups(sim, unit_label, lower=options.hint_min_score,
                             upper=options.min_score,
                             lone_margin=options.margin_for(len(members))):
        if any((one & keys[pair.a] and rest & keys[pair.b])
               or (one & keys[pair.b] and rest & keys[pair.a]) for one, rest in apart):
            continue
        terms = shared_terms(texts, [u for u, lab in enumerate(unit_label) if lab == pair.a],
                             [u for u, lab in enumerate(unit_label) if lab == pair.b],
                             options=options, common=everyday)
        if not terms:  # nothing both say that only they say: no reason you could check (F25)
            continue
        out.append(StoryHint(pair.a + 1, pair.b + 1, pair.relative, terms))
        if len(out) == MAX_HINTS:
            break
    return tuple(out)


# --- principle coverage ---------------------------------------------------------------------------

def _level(story: Story, principle: str) -> str:
    named = principle in story.named_principles
    if named and story.star_present["action"] and (story.star_present["result"]
                                                   or story.triad.parts["after"]):
        return "strong"
    if named or principle in story.asked_principles:
        return "weak"
    return "none"


def coverage_matrix(stories: Sequence[Story]) -> Coverage:
    """How well each of the 16 Leadership Principles is covered by each story."""
    level = {(p, s.id): lv for s in stories for p in LEADERSHIP_PRINCIPLES
             if (lv := _level(s, p)) != "none"}
    return Coverage(LEADERSHIP_PRINCIPLES, tuple(s.id for s in stories), level)


def principle_gaps(bank: StoryBank, questions: Iterable[Any] = ()) -> list[PrincipleGap]:
    """Principles with no story ('none') first, then those with only weak stories, in the
    order of the 16 principles, each with a question from `questions` that asks for it.

    Args:
        bank: the story bank.
        questions: `questions.Question`s (the bank); the first behavioural question listing the
            principle is suggested.
    """
    by_principle: dict[str, list[str]] = {}
    asking = [q for q in questions if getattr(q, "kind", None) == "behavioral"
              and getattr(q, "category", "") not in STORY_CATEGORIES_EXCLUDED]
    for rank in range(max((len(q.principles) for q in asking), default=0)):
        for q in asking:  # a question whose first principle it is, before one listing it later
            if len(q.principles) > rank:
                by_principle.setdefault(q.principles[rank], []).append(q.id)
    gaps: list[PrincipleGap] = []
    for wanted in ("none", "weak"):
        for p in bank.coverage.principles:
            if bank.coverage.best_level(p) == wanted:
                weak = tuple(s for s in bank.coverage.story_ids
                             if bank.coverage.level.get((p, s)) == "weak")
                # a weak story is practised on a question it was not told for yet (QA36 F8)
                told = {t.question_id for s in bank.stories if s.id in weak for t in s.tellings}
                fresh = [q for q in by_principle.get(p, ()) if q not in told]
                gaps.append(PrincipleGap(p, wanted, fresh[0] if fresh else None, weak,
                                         tuple(i for i in weak if _quietly_told(bank, i, p)),
                                         tuple(i for i in weak if _unclearly_named(bank, i, p))))
    return gaps


def _told_for(bank: StoryBank, story_id: int, principle: str) -> list[Telling]:
    """The tellings (not replies) of the story told for `principle`."""
    story = bank.get(story_id)
    return [t for t in (story.tellings if story is not None else ())
            if not t.is_reply and principle in t.asked_principles]


def _unclearly_named(bank: StoryBank, story_id: int, principle: str) -> bool:
    """A telling of the story told for `principle` said a principle's name that its report
    heard only unclearly (`principles_unclear`)."""
    return any(t.facts is not None and getattr(t.facts, "principles_unclear", ())
               for t in _told_for(bank, story_id, principle))


def _quietly_told(bank: StoryBank, story_id: int, principle: str) -> bool:
    """A telling of the story told for `principle` was a quiet recording."""
    return any(t.quiet for t in _told_for(bank, story_id, principle))


def gap_question(part: str, known_ids: Iterable[str] = ()) -> str:
    """What to practise to supply a missing triad part: a bank question id when there is one
    (`known_ids`), else the coach's generic follow-up question."""
    qid = GAP_QUESTIONS.get(part)
    if qid and qid in set(known_ids):
        return f"practise `{qid}`"
    return f"say it when asked “{GENERIC_FOLLOW_UPS[GAP_FOLLOW_UP_KEY[part]]}”"


# --- the one-page impact brief -------------------------------------------------------------------

@dataclass(frozen=True)
class BriefGap:
    """A number or fact the candidate has not said yet, and what to practise to say it."""

    # "baseline" | "after" | "outcome" | "scale" | "principle", or a mark said inside a number
    # shown (`MARK_ASKS`): "metric" | "currency" | "direction"
    part: str
    practise: str  # "practise `llm-user-impact-1`" or a follow-up question to answer aloud


# a gap mark said inside a number the brief shows, and the part whose question supplies it:
# "[metric?] 10% → 70%" (what moved) and "6 points [direction?]" are said with the result,
# "400K [currency?] a year" with the business outcome (QA32 F4)
MARK_ASKS = {"metric": "after", "currency": "outcome", "direction": "after"}
_SAID_MARK = re.compile(r"\[(" + "|".join(MARK_ASKS) + r")\?\]")


def said_marks(story: Story) -> tuple[str, ...]:
    """The `MARK_ASKS` parts a story's shown numbers carry (triad, numbers said in another
    telling or differently, scale, costs), first shown first; a metric's words that name no
    metric (`metric_label`) are "[metric?]" too."""
    t = story.triad
    texts = [v for v in (t.baseline, t.after, t.change, t.outcome, t.effect) if v]
    texts += [x.value for x in story.elsewhere] + [v for c in story.conflicts for v in c.values]
    texts += [*story.scale, *story.costs]
    found = ["metric"] if metric_unnamed(t) else []
    found += [m.group(1) for v in texts for m in _SAID_MARK.finditer(v)]
    return tuple(dict.fromkeys(found))


def _named_elsewhere(triad: TriadValues, source: Telling, main: Sequence[Telling]
                     ) -> TriadValues:
    """`triad` with the metric's name another telling of the story gave it, when the shown
    telling named none (Whisper garbled it: "Torm sees a outage mid -it's") and that telling
    said one of the same levels ("customer outage minutes 120 → 38 minutes" beside "about 120
    minutes → 42 minutes", QA98 F6); the name marked as another telling's."""
    for t in main:
        other = _whole(t).triad
        if t is source or not metric_label(other.metric):
            continue
        if any(a and b and _same_number(a, b) for a, b in
               ((triad.baseline, other.baseline), (triad.after, other.after))):
            return dataclasses.replace(triad, metric=f"{metric_label(other.metric)}"
                                                     f"{ANOTHER_TELLING}")
    return triad


def _currency_elsewhere(triad: TriadValues, source: Telling, main: Sequence[Telling]
                        ) -> TriadValues:
    """`triad` with each amount whose currency the shown telling's transcript lost ("400K
    [currency?] over a year") as another telling of the story said it with its currency ("€400K
    per year"), marked as that telling's (QA105 F2): the brief never asks for a currency already
    said."""
    out = {}
    for name in _TRIAD_VALUES:
        v = getattr(triad, name)
        if not v or UNSAID_CURRENCY not in v:
            continue
        amount = (v.split(UNSAID_CURRENCY)[0].split() or [""])[-1]  # "400K" of "400K [currency?] …"
        said = next((w for t in main if t is not source
                     for w in (getattr(_whole(t).triad, n) for n in _TRIAD_VALUES)
                     if w and UNSAID_CURRENCY not in w and is_money(w.lstrip("+−"))
                     and _same_number(amount, w)), None)
        if said is not None:
            out[name] = said + ANOTHER_TELLING
    return dataclasses.replace(triad, **out) if out else triad


def metric_unnamed(t: TriadValues) -> bool:
    """The triad shows a metric's levels or change without a name for what moved: its words
    name none (`metric_label`: a misheard "through"), or none were said beside levels that are
    no money ("61% → 79%" is "[metric?] 61% → 79%": QA70 F6; "$90K → $11K" names itself)."""
    if t.metric and not metric_label(t.metric):
        return True
    moved = [v for v in (t.baseline, t.after, t.change) if v and v not in SAID.values()]
    # … a lone baseline too: "1 in 3 → [after?]" says not what was 1 in 3 (QA150 F5)
    return not t.metric and bool(moved) and not any(is_money(v.lstrip("+−")) for v in moved)


@dataclass(frozen=True)
class BriefEntry:
    """One project of the brief, every value as the candidate said it (None = not said)."""

    story_id: int
    title: str
    triad: TriadValues
    scale: tuple[str, ...]
    principles: tuple[str, ...]  # named aloud
    asked_principles: tuple[str, ...]  # the questions asked for these (not named)
    gaps: tuple[BriefGap, ...]
    score: float  # the story's 40/40/20 total, for ordering
    conflicts: tuple[TriadConflict, ...] = ()  # numbers its tellings give differently
    elsewhere: tuple[SaidElsewhere, ...] = ()  # triad numbers said only in another telling
    costs: tuple[str, ...] = ()  # money said as what the work cost, shown as a cost
    # experiments said with their size ("A/B test with 200 drivers"): the test's size, not
    # scale — named next to "[scale?]" so the number said is not implied missing (QA15 F07)
    tested: tuple[str, ...] = ()
    # naming phrases of a principle said but misheard ("the principle is not deep"), when none
    # was named: shown as said and not clearly heard, never as not said (QA15 F03)
    principles_unclear: tuple[str, ...] = ()
    # the story's content score with its 40/40/20 sub-scores, as the bank shows it (QA32 F6)
    scores: SubScores | None = None
    # the currency the candidate says money in (`speaker_currency`): the brief's examples of
    # how to say a gap are said in it (QA39 F13: "four hundred thousand dollars" to a speaker
    # of pounds)
    currency: str = "dollars"
    # a story told and named only for people principles: no scale is asked of it (QA36 F8)
    people: bool = False


# a currency as said, by its sign or its word, and the word the brief's examples say it with
_CURRENCY_SIGNS = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₹": "rupees"}
_CURRENCY_WORDS = {"dollar": "dollars", "bucks": "dollars", "euro": "euros", "pound": "pounds",
                   "quid": "pounds", "sterling": "pounds", "grand": "", "krone": "kroner",
                   "kronor": "krona", "nyra": "naira", "rupee": "rupees", "cedi": "cedis",
                   "shilling": "shillings", "peso": "pesos", "franc": "francs",
                   "dirham": "dirhams", "riyal": "riyals"}
_CURRENCY_WORD_RE = "|".join(sorted({*CURRENCY_NAMES, *_CURRENCY_WORDS, "dollars", "euros"},
                                    key=len, reverse=True))
_CURRENCY_SAID = re.compile(
    r"[$€£¥₹](?=\s?\d)|(?<=\d)\s?(?:[kmb]|thousand|million|mil|billion|lakhs?|crores?)?\s+"
    rf"({_CURRENCY_WORD_RE})\b", re.IGNORECASE)


def speaker_currency(texts: Iterable[str]) -> str:
    """The currency said most with an amount in `texts` as a word ("pounds", "euros",
    "kroner"), "dollars" when none is."""
    said: dict[str, int] = {}
    for text in texts:
        for m in _CURRENCY_SAID.finditer(text):
            word = _CURRENCY_SIGNS.get(m.group(0)) if m.group(1) is None else m.group(1).lower()
            word = _CURRENCY_WORDS.get(word, word)
            if word:
                said[word] = said.get(word, 0) + 1
    return max(said, key=lambda w: (said[w], -list(said).index(w)), default="dollars")


def story_principles_unclear(story: Story) -> tuple[str, ...]:
    """The naming phrases its tellings' reports heard unclearly (`principles_unclear`)."""
    return tuple(dict.fromkeys(x for t in story.tellings if t.facts is not None
                               for x in getattr(t.facts, "principles_unclear", ())))


def story_tested(story: Story) -> tuple[str, ...]:
    """The experiments the story's tellings name with their size (`vocabulary.experiment_sizes`),
    first said first."""
    return tuple(dict.fromkeys(x for t in story.tellings for x in experiment_sizes(t.text)))


def story_gap_question(story: Story, part: str, questions: Sequence[Any]) -> str:
    """What to practise to supply a missing part of `story`, in the story's own kind: an impact
    story (told for LLM fine-tuning questions) gets the LLM question for that number
    (`gap_question`); a behavioural story gets a behavioural question on its principle(s), one
    it was not told for first, one whose first principle it is before one listing it later
    (QA41 F9), and first one whose own follow-ups ask for that part (QA20 F3: a
    "[baseline?]" sent to a question that never asks for a baseline) — else the coach's generic
    follow-up question. A missing principle is always practised on a behavioural question (the
    LLM questions ask for none)."""
    if story.is_impact and part != "principle":
        return gap_question(part, (q.id for q in questions))
    told = {t.question_id for t in story.tellings}
    asking = [q for q in questions if getattr(q, "kind", None) == "behavioral"
              and getattr(q, "category", "") not in STORY_CATEGORIES_EXCLUDED]
    for p in story.practice_principles:
        fits = [q for q in asking if p in q.principles]
        # a question OF the principle first (QA41 F9: a Dive Deep story's missing principle
        # was sent to a Deliver Results question that lists Dive Deep second)
        fits.sort(key=lambda q: (q.principles.index(p) != 0,
                                 GAP_FOLLOW_UP_KEY[part] not in getattr(q, "follow_ups", {}),
                                 q.id in told, q.principles.index(p)))
        if fits:
            return f"practise `{fits[0].id}`"
    return f"say it when asked “{GENERIC_FOLLOW_UPS[GAP_FOLLOW_UP_KEY[part]]}”"


# principles about people, not a system: a story told only for them ships nothing whose scale
# the brief could ask for ("[scale?] … two million requests a day" on a mentoring story, QA36 F8)
PEOPLE_PRINCIPLES = frozenset(("Hire and Develop the Best", "Strive to be Earth's Best Employer"))


def words_only(triad: TriadValues) -> bool:
    """The outcome was said only in words (`SAID_IN_WORDS`): its number is still a gap."""
    return triad.effect == SAID_IN_WORDS and not triad.outcome


def people_story(story: Story) -> bool:
    """The story is told and named only for people principles (`PEOPLE_PRINCIPLES`)."""
    return bool(story.principles) and set(story.principles) <= PEOPLE_PRINCIPLES


def brief_entries(bank: StoryBank, questions: Iterable[Any] = (),
                  max_entries: int | None = None) -> list[BriefEntry]:
    """The brief's projects, strongest story first; nothing is added that was not said.

    Args:
        bank: the story bank.
        questions: `questions.Question`s (the bank): a gap names a question of the story's
            kind when there is one (`story_gap_question`).
        max_entries: keep only the strongest this many (None = all).
    """
    qs = list(questions)
    out: list[BriefEntry] = []
    currency = speaker_currency(t.text for s in bank.stories for t in s.tellings)
    for s in bank.stories:
        parts = s.triad.parts
        told = {x.part for x in s.elsewhere}  # said in a telling: shown, no "not said yet"
        gaps = [BriefGap(p, story_gap_question(s, p, qs)) for p in ("baseline", "after", "outcome")
                if (not parts[p] or p == "outcome" and words_only(s.triad)) and p not in told]
        if not s.scale and not people_story(s):
            gaps.append(BriefGap("scale", story_gap_question(s, "scale", qs)))
        if not s.named_principles:
            gaps.append(BriefGap("principle", story_gap_question(s, "principle", qs)))
        gaps += [BriefGap(m, story_gap_question(s, MARK_ASKS[m], qs)) for m in said_marks(s)]
        out.append(BriefEntry(s.id, s.title, s.triad, s.scale, s.named_principles,
                              s.asked_principles, tuple(gaps), s.scores.total, s.conflicts,
                              s.elsewhere, s.costs, () if s.scale else story_tested(s),
                              () if s.named_principles else story_principles_unclear(s),
                              s.scores, currency, people_story(s)))
    out.sort(key=lambda e: (-e.score, e.story_id))
    return out[:max_entries] if max_entries else out


# --- your titles ---------------------------------------------------------------------------------

TITLES_VERSION = 1
TITLE_MAX_CHARS = 80


@dataclass(frozen=True)
class UserTitle:
    """A title you gave a story, kept by the keys of the story's tellings when you gave it
    (story numbers shift as stories are merged or split; telling keys do not). It stays with
    the story holding most of those tellings, however many tellings join it later."""

    keys: tuple[str, ...]  # "<session id>#<n>", the story's tellings then, oldest first
    title: str
    made_at: str = ""  # ISO 8601


def clean_title(text: str) -> str:
    """`text` as a title: spaces and line breaks collapsed. ValueError (one line, for the
    user) when it has no words, is longer than `TITLE_MAX_CHARS` or holds control
    characters."""
    title = " ".join(text.split())
    if not title:
        raise ValueError("a title needs words")
    if any(ord(c) < 32 or ord(c) == 127 for c in title):
        raise ValueError("a title cannot hold control characters")
    if len(title) > TITLE_MAX_CHARS:
        raise ValueError(f"a title is at most {TITLE_MAX_CHARS} characters (this one has "
                         f"{len(title)})")
    return title


def titles_dumps(titles: Sequence[UserTitle]) -> str:
    return json.dumps({"titles_version": TITLES_VERSION,
                       "titles": [dataclasses.asdict(t) for t in titles]},
                      indent=2, ensure_ascii=False) + "\n"


def titles_loads(text: str) -> tuple[UserTitle, ...]:
    """Parse `titles_dumps` output; ValueError when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("titles_version") != TITLES_VERSION:
        raise ValueError("not a voice-coach story titles file (version mismatch)")
    out = []
    for t in data["titles"]:
        keys = tuple(map(str, t["keys"]))
        if not keys:
            raise ValueError("a title without tellings")
        out.append(UserTitle(keys, clean_title(str(t["title"])), str(t.get("made_at", ""))))
    return tuple(out)


def user_title_home(stories: Sequence[Story], title: UserTitle) -> Story | None:
    """The story a title of yours belongs to: the one holding most of the tellings it was
    given for (a tie: the one holding the oldest of them); None when none is saved any more."""
    held = [(sum(t.key in title.keys for t in s.tellings), s) for s in stories]
    rank = {k: i for i, k in enumerate(title.keys)}
    best = max(((n, -min(rank[t.key] for t in s.tellings if t.key in rank), s)
                for n, s in held if n), key=lambda x: x[:2], default=None)
    return best[2] if best is not None else None


def with_user_titles(bank: StoryBank, titles: Sequence[UserTitle]) -> StoryBank:
    """`bank` with your titles in place of the automatic ones (the last you gave a story
    wins); the automatic title is kept as `Story.auto_title`."""
    mine: dict[int, str] = {}
    for t in titles:
        home = user_title_home(bank.stories, t)
        if home is not None:
            mine[home.id] = t.title
    if not mine:
        return bank
    stories = tuple(dataclasses.replace(s, title=mine[s.id], auto_title=s.title)
                    if s.id in mine else s for s in bank.stories)
    return dataclasses.replace(bank, stories=stories)
