"""Coaching: thresholds + metrics → scores, feedback items and one follow-up question.

The coach never measures anything itself: it reads the `Delivery` (pauses, pace, fillers;
None for a transcript-only answer) and the `Structure` (STAR-L, metric triad, …), compares
them with the user's `Config` and the question, and says what to change. Each concern is one
small rule function (`RULES`); the list is assembled once, like whisper's logit filters.
How every score is computed is documented in docs/structure.md.

One set of facts: the structure is first reconciled (`analysis.facts.reconcile`), and every
feedback line, score and follow-up — and the report's `structure` block (`Coaching.facts`) —
is derived from that one reading. One silence list: a drill's think-aloud stretches when there
are any, else the VAD pauses; neither is judged over speech the transcriber did not recognise.
A follow-up answer is judged by its follow-up's own rubric (`voice_coach.follow_ups`).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from voice_coach import follow_ups
from voice_coach.analysis.facts import (
    TECHNICAL_FACTS, answer_text, fact_values, hear_principles, is_hypothetical, is_story,
    overlaps, ownership_voice, plain_clauses, point_fact_values,
    quantities, reconcile, says_we_over_i, settle_key_points, settle_markers, setup_too_long,
    spans_of, told_as_habit, unticked_shape_facts,
)
from voice_coach.analysis.fillers import UNSPELLED_MIN
from voice_coach.analysis.intervals import union
from voice_coach.analysis.numbers import quantities as parse_quantities, short_money
from voice_coach.analysis.point_facts import own_key_points, point_with_gaps, supplied_by_reply
from voice_coach.analysis.principle_heard import heard_principles
from voice_coach.analysis.prosody import CLIPPED_SHARE_MAX
from voice_coach.analysis.question_fit import core_ask
from voice_coach.analysis.relevance import OFF_TOPIC_BELOW, topic_similarity, unsaid_points
from voice_coach.analysis.reply_fit import evidence_said
from voice_coach.analysis.structure import STAR_PARTS, Structure, design_moves, key_point_hits
from voice_coach.analysis.vocabulary import (
    CLARIFY_KEY_POINT, MARKER_LABELS, MARKER_NAMES, QUANTITY, SCALE_KINDS, TECH_KEY_POINT_FACTS, TECH_SAID,
    experiment_sizes, scale_said, ship_only,
)
from voice_coach.clock import format_clock
from voice_coach.config import Config, SilenceOptions
from voice_coach.questions import (
    GENERIC_FOLLOW_UPS, RESULT_NUMBER_FOLLOW_UP, answer_kind, first_ask,
)
from voice_coach.report_model import (  # FeedbackItem and Scores re-exported
    NOT_COVERED, FadeMark, FeedbackItem, KeyPoints, MarkerInfo, ProsodyInfo, Scores, UptalkMark,
    WithFollowUp, counted, percent,
)

log = logging.getLogger(__name__)

__all__ = ["Coaching", "FeedbackItem", "FollowUpContext", "Scores", "coach", "choose_follow_up",
           "format_clock", "said_in_clause", "settle_drill_markers", "think_aloud_feedback",
           "with_follow_up"]

ESTIMATED_WPM = 150.0  # converts a transcript's word count to seconds when there is no audio

# --- score weights (documented in docs/structure.md) ---
DELIVERY_PENALTY = {  # points off 100, (per unit, cap)
    "pace_per_wpm": (1.0, 30.0),  # each wpm outside [min_wpm, max_wpm]
    "fillers_per_extra_per_min": (5.0, 25.0),  # each filler/min above max_per_min
    "long_pause": (3.0, 15.0),  # each pause in [pause_s, long_silence_s)
    "silence": (10.0, 30.0),  # each pause >= long_silence_s
    "lead_in": (10.0, 10.0),  # time to first word over its limit
}
STAR_WEIGHTS = {"situation": 10, "task": 10, "action": 30, "result": 30, "learning": 20}
ACTION_SHARE_MIN = 0.30  # the guide: Action is the bulk (≈ 50–60 %)
SHARE_PENALTY = 10
TECHNICAL_WEIGHTS = {"definition": 25, "example": 25, "tradeoff": 20, "measurement": 20,
                     "signposted": 10}
CODING_WEIGHTS = {"clarified": 15, "signposted": 15, "complexity": 25, "test": 25,
                  "example_or_tradeoff": 20}
CONTENT_WEIGHTS_BEHAVIORAL = {"depth": 0.4, "impact": 0.4, "principles": 0.2}  # the guide's 40/40/20
# A story whose question has key points is scored on them: they are the question's rubric (they
# already ask for the "I", the measurable result and the learning); the impact numbers weigh
# less than the points together, and naming a principle is a tip, not a score (QA9 F17).
CONTENT_WEIGHTS_KEY_POINTS = {"coverage": 0.7, "impact": 0.3}
IMPACT_WEIGHTS = {"baseline": 25, "after": 25, "business_outcome": 30, "scale": 20}
PROSODY_PENALTY = {  # voice score: points off 100 per unit share (0–1), cap; docs/prosody.md
    "monotone_share": (60.0, 40.0),  # share of speech inside monotone stretches
    "fade_share": (40.0, 25.0),  # share of judged sentences that trail off
    "uptalk_share": (40.0, 20.0),  # share of judged statements that end rising
}
PROSODY_WEIGHT = 0.25  # the voice score's weight inside the delivery score (docs/prosody.md)
PROSODY_MIN_COVERAGE = 0.3  # below this voiced share of speech there is no voice score
MAX_STRETCHES_LISTED = 3
OVERALL_WEIGHTS = {"delivery": 0.3, "structure": 0.3, "content": 0.4}
OVERALL_WEIGHTS_NO_AUDIO = {"structure": 0.4, "content": 0.6}
QUANTITIES_FOR_FULL_SPECIFICITY = 3
HEDGES_FLAGGED = 3
LENGTH_SHORT_FRACTION = 0.5  # under half the target length is "short"
LENGTH_LONG_FRACTION = 1.25  # over 125 % of the target (or over answer.max_s) is rambling
MAX_LISTED = 3  # at most this many missed key points named in one message

FOLLOW_UP_ORDER = {
    "behavioral": ("no_real_time", "no_action", "no_result", "no_baseline", "no_business_outcome", "no_i",
                   "no_scale", "no_principle", "no_learning"),
    "technical": ("no_real_time", "no_example", "no_tradeoff", "no_test", "no_clarify"),
    "coding": ("no_complexity", "no_test", "no_clarify", "no_example", "no_tradeoff"),
}
IMPACT_CATEGORY_HINTS = ("llm", "fine", "impact", "applied", "deep-dive", "project")
HYPOTHETICAL_STRUCTURE_MAX = 40  # "I would…" is not a story, however well shaped
COVERAGE_LOW = 0.5  # think-aloud narration coverage below this is flagged
COVERAGE_GOOD = 0.7  # …and at or above this is praised
# Think-aloud markers that matter for each kind of question (design answers rarely state a big-O).
RELEVANT_MARKERS = {
    "coding": MARKER_NAMES,
    "technical": ("restate_clarify", "plan", "example_test_case", "edge_cases", "tradeoffs"),
}


# --- result types ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FollowUpContext:
    """The answer being coached replies to a follow-up question."""

    kind: str  # the follow-up key it answers, e.g. "no_baseline"
    asked: tuple[str, ...] = ()  # every follow-up key asked about this question so far
    original: Structure | None = None  # the main answer's facts, when known
    asked_texts: tuple[str, ...] = ()  # the follow-up questions already spoken
    first_text: str | None = None  # the main answer's text when `original` is not at hand
    # the key point the question's own wording of the follow-up asks about, when the reply
    # makes it by meaning (`pipeline.asked_point_made`); None: not made, or not judged
    asked_point_made: str | None = None


@dataclass(frozen=True)
class Coaching:
    scores: Scores
    feedback: list[FeedbackItem]
    follow_up: str | None
    follow_up_key: str | None
    facts: Structure | None = None  # the reconciled structure every line was derived from
    follow_up_check: follow_ups.FollowUpCheck | None = None  # set for a follow-up answer
    no_content: bool = False  # fillers only: nothing to analyse, no part-by-part verdicts
    # why the transcript is unreliable (`analysis.hearing`): what it says is not judged
    unheard: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"scores": self.scores.to_dict(),
                "feedback": [f.to_dict() for f in self.feedback],
                "follow_up": self.follow_up, "follow_up_key": self.follow_up_key}


@dataclass(frozen=True)
class _Facts:
    """Everything a rule may look at."""

    delivery: Any | None
    structure: Structure
    question: Any | None
    cfg: Config
    kind: str
    target_s: float
    think_aloud: Any | None = None  # `analysis.think_aloud.ThinkAloud` of a drill
    lost: tuple[tuple[float, float], ...] = ()  # unrecognised speech (start_s, end_s)
    follow_up: FollowUpContext | None = None
    check: follow_ups.FollowUpCheck | None = None
    prosody: ProsodyInfo | None = None  # `analysis.prosody.Prosody`, None without audio
    markers: dict[str, MarkerInfo] | None = None  # heard (`find_markers`); None: not computed
    unheard: str | None = None  # why the transcript is unreliable (`analysis.hearing`)


def _clamp(x: float) -> int:
    return int(round(max(0.0, min(100.0, x))))


def _answer_length_s(f: _Facts) -> tuple[float | None, bool]:
    """(length, estimated): speaking span from delivery, else words at ESTIMATED_WPM."""
    return _length_s(f.delivery, f.structure)


def _length_s(d: Any | None, s: Structure) -> tuple[float | None, bool]:
    if d is not None and d.speech_start_s is not None and d.speech_end_s is not None:
        return d.speech_end_s - d.speech_start_s, False
    if s.word_count:
        return s.word_count / ESTIMATED_WPM * 60.0, True
    return None, True


# --- the technical shape as the answer says it ------------------------------------------------
# `vocabulary.TECH_SAID`: phrases that state an example, a trade-off or a measurement plainly;
# each only ever adds the fact, so a technical line or follow-up asks only for what is missing.
EXAMPLE_MIN_NUMBERS = 2  # two different numbers make an explanation concrete ("r of 8 or 16")
# a question asks for a definition unless its first ask (its first clause) asks what one would do
# ("when would you …", "how do you handle …", "design …") rather than what something is
_APPLIES = re.compile(r"\b(?:would|should|could|do|will|can|did) you\b|\byour\b|^(?:design|"
                      r"write|implement|build|suppose|imagine|why|when|which|think aloud|"
                      r"walk me through)")
_NOT_SUBJECT = frozenset("i we you it this that there they he she in on at for if when so my our "
                         "let let's first to and but because as with after before".split())
_NOT_VERB = frozenset("this is was has its his us as yes thus always perhaps plus less unless "
                      "versus sometimes".split())
_WH_WORDS = frozenset("which what how why where who whom whose".split())
_OPENING = re.compile(r"^(?:(?:so|well|okay|basically|sure),? )*(?:the |a |an )?"
                      r"(?P<subj>[a-z][\w-]*(?: [a-z][\w-]*){0,3}?) (?P<verb>is|are|means|refers|"
                      r"[a-z]+s)\b")


def asks_definition(question: Any | None) -> bool:
    """The question asks to explain a concept (its answer should open with what it is). With no
    question given it is not known whether one was asked (a design answer has none to open
    with), so no definition is asked for (QA35 F10)."""
    text = getattr(question, "text", None)
    if not text:
        return False
    clause = re.split(r", and |; ", first_ask(text))[0]
    return _APPLIES.search(clause) is None


def _opens_with_definition(first: str, question: Any | None) -> bool:
    """The first sentence says what the asked-about thing is or does ("LoRA freezes the base
    weights and learns …"): a subject from the question, a present-tense verb, no "I"."""
    m = _OPENING.match(first)
    if m is None or m.group("verb") in _NOT_VERB or m.group("subj").split()[0] in _NOT_SUBJECT:
        return False
    if re.search(r"\b(?:i|we|my|our)\b", first):
        return False
    asked = set(re.findall(r"[a-z][\w-]{2,}", getattr(question, "text", "").lower()))
    return not asked or any(w in asked for w in m.group("subj").split())


def defines_asked_term(key_point: str, question: Any | None) -> bool:
    """A key point that says what a term the question asks about is or does ("overfitting
    memorises noise, …" for "the difference between overfitting and underfitting"), for a
    question that asks to explain (`asks_definition`): its subject is one or two words all from
    the question, then a present-tense verb. Covered, it is the definition the answer gives
    (QA16 F08: credited next to "Start with a one-sentence definition")."""
    text = getattr(question, "text", None)
    if not text or not asks_definition(question):
        return False
    m = _OPENING.match(key_point.lower())
    if m is None or m.group("verb") in _NOT_VERB or len(m.group("subj").split()) > 2 \
            or m.group("subj").split()[0] in _NOT_SUBJECT | _WH_WORDS:
        return False
    asked = set(re.findall(r"[a-z][\w-]{2,}", text.lower()))
    return all(w in asked for w in m.group("subj").split())


def _first_sentence(text: str) -> str:
    """The answer's first sentence that says something: "Sure." or "Okay, so." before it is a
    discourse particle, not the opening (`_PARTICLES`)."""
    sentences = re.split(r"(?<=[.?!;])\s+", text)
    return next((x for x in sentences if any(w.strip(".,!?;:'\"") not in _PARTICLES
                                             for w in x.split())), sentences[0])


def technical_said(s: Structure, question: Any | None = None) -> Structure:
    """`s` with the technical-shape facts its answer states plainly added (`TECH_SAID`, two
    numbers for an example, a defining first sentence, the words the question's own follow-up
    for that fact asks about) or a covered key point restates (`TECH_KEY_POINT_FACTS`; a
    covered "clarify …" point is the clarifying question, `CLARIFY_KEY_POINT`); `tradeoffs`
    follows the trade-off."""
    clauses = plain_clauses(s)
    if not clauses:
        return s
    text = " ".join(clauses)
    t = s.technical
    add = {k: True for k, cues in TECH_SAID.items()
           if not getattr(t, k) and any(re.search(c, text) for c in cues)}
    add.update({fact: True for kp in s.key_points.covered for pattern, fact in TECH_KEY_POINT_FACTS
                if not getattr(t, fact) and pattern.search(kp.lower())})
    if not t.example and len(set(quantities(s))) >= EXAMPLE_MIN_NUMBERS:
        add["example"] = True
    # what the question's own follow-up wording asks about, already said ("quality" for "What
    # quality do you give up with adapters?"), is the fact that follow-up would ask for
    for key in getattr(question, "follow_ups", {}) or {}:
        terms = follow_ups.asked_terms(question, key)
        if terms and follow_ups.terms_given(terms, s):
            add.update(dict.fromkeys(follow_ups.rubric(key).technical, True))
    first = _first_sentence(text)
    if not t.definition and (_opens_with_definition(first, question) or any(
            defines_asked_term(kp, question) for kp in s.key_points.covered)):
        add["definition"] = True
    clarify = s.clarifying_question or any(CLARIFY_KEY_POINT.match(kp.lower())
                                           for kp in s.key_points.covered)
    if not add:
        return dataclasses.replace(s, clarifying_question=clarify)
    shape = dataclasses.replace(t, **add)
    return dataclasses.replace(s, technical=shape, tradeoffs=shape.tradeoff,
                               clarifying_question=clarify)


def said_in_clause(fact: str, clause: str, question: Any | None = None) -> bool:
    """Whether one clause (`plain_clauses` form) says a technical-shape `fact` by the rules
    `technical_said` adds it with: a `TECH_SAID` phrase, two different numbers for an example,
    the words the question's own follow-up for that fact asks about. The span a drill's marker
    quotes for a fact those rules added (`settle_markers`)."""
    if any(re.search(c, clause) for c in TECH_SAID.get(fact, ())):
        return True
    if fact == "example" and len({m.group(0) for m in QUANTITY.finditer(clause)}) \
            >= EXAMPLE_MIN_NUMBERS:
        return True
    for key in getattr(question, "follow_ups", {}) or {}:
        if fact not in follow_ups.rubric(key).technical:
            continue
        terms = follow_ups.asked_terms(question, key)
        if terms:
            hits, units = key_point_hits(clause, " ".join(terms))
            if units and hits >= math.ceil(follow_ups.ASKED_SHARE * units):
                return True
    return False


def settle_drill_markers(markers: dict[str, MarkerInfo], s: Structure,
                         question: Any | None = None) -> dict[str, MarkerInfo]:
    """A drill's markers agreeing with the facts `s`, each ticked one quoting the clause that
    says it (`settle_markers` with `said_in_clause`): one source for the tick and its quote."""
    return settle_markers(markers, s, lambda fact, clause: said_in_clause(fact, clause, question))


def _is_impact_question(f: _Facts) -> bool:
    q = f.question
    if q is None:
        return scale_said(f.structure.scale_evidence) or f.structure.metric_triad.after
    return "no_scale" in getattr(q, "follow_ups", {}) or any(
        h in (q.category or "").lower() for h in IMPACT_CATEGORY_HINTS)


# --- delivery rules -------------------------------------------------------------------------

NO_SPEECH_MESSAGE = ("No speech was heard in this answer — check that the microphone is on "
                     "(`voice-coach devices`) and answer aloud.")


NO_CONTENT_MESSAGE = ("Only fillers were heard — there is no answer here to coach yet. Answer "
                      "the question in full sentences: {hint}.")
NO_CONTENT_HINT = {"behavioral": "one real time, what you did and how it ended",
                   "technical": "what it is, an example and the trade-off",
                   "coding": "your approach, its complexity and how you would test it"}
# words that carry no answer on their own ("um so yeah", "okay basically uh", "I mean, well")
_PARTICLES = frozenset("so yeah yes yep okay ok well basically right like hmm mm mean i you "
                       "know anyway actually sure alright oh ah erm um uh sorry just".split())


def has_content(s: Structure) -> bool:
    """The answer says something besides fillers and discourse particles."""
    return any(w.strip(".,!?;:'\"") not in _PARTICLES
               for clause in plain_clauses(s) for w in clause.split())


def _no_speech(delivery: Any | None, structure: Structure) -> bool:
    """An audio answer in which the VAD heard no speech and Whisper wrote no word."""
    return (delivery is not None and getattr(delivery, "speech_start_s", None) is None
            and not structure.word_count)


# Findings that say something is missing from the answer; with unrecognised speech they may be
# missing only from the transcript, so they are softened to "info" and say so.
ABSENCE_AREAS = frozenset({"star", "metrics", "scale", "principles", "technical", "key_points",
                           "clarify", "ownership", "follow_up", "structure"})
UNRECOGNISED_NOTE = " (judged on the recognised speech only)"
MAX_PLACES = 3  # at most this many unrecognised stretches named in one message


def lost_total_s(lost: Any) -> float:
    """Total length of unrecognised stretches ((start_s, end_s) pairs), seconds: the sum of each
    merged stretch's length as the transcript shows it (one decimal), so the feedback's number
    is the transcript's."""
    return round(sum(round(e - s, 1) for s, e in union(lost)), 1)


NOT_HEARD_MIN_S = 2.0  # lost speech at least this long may hold a STAR part or a key point


def mark_not_heard(s: Structure, lost: Any, *, story: bool) -> Structure:
    """With at least `NOT_HEARD_MIN_S` of speech lost, the key points — and a story's STAR-L
    parts — not found in the recognised words are "not heard" rather than missed: they may be
    in the lost speech, so they are neither flagged nor scored (QA9 F04)."""
    if lost_total_s(lost) < NOT_HEARD_MIN_S:
        return s
    kp = s.key_points
    s = dataclasses.replace(s, key_points=dataclasses.replace(
        kp, missed=(), not_heard=kp.not_heard + kp.missed))
    if story and not is_hypothetical(s):
        s = dataclasses.replace(s, star={p: part if part.present else
                                         dataclasses.replace(part, not_heard=True)
                                         for p, part in s.star.items()})
    return s


# An unreliable transcript (`analysis.hearing.transcript_unreliable`, QA14 F09): only what the
# audio itself shows is coached — pauses, lead-in, silences, the voice and its level, the
# length — never what the words say or how many there were (pace, fillers, hedges).
AUDIO_AREAS = frozenset({"lead_in", "silence", "pauses", "voice", "transcription", "length",
                         "think_aloud"})
UNHEARD_MESSAGE = ("The transcript is unreliable — {why} — so what the answer says is not "
                   "judged: no structure or content score, no key point or STAR-L part called "
                   "missed. Re-record closer to the microphone, away from noise.")


def mark_unheard(s: Structure, *, story: bool) -> Structure:
    """The facts of an answer whose transcript is unreliable: no key point missed or unclear
    (all "not heard"), no STAR-L part absent (not heard), not "told as a hypothetical" — an
    absence in words the transcriber could not hear is no evidence (QA14 F09)."""
    kp = s.key_points
    s = dataclasses.replace(s, hypothetical=False, key_points=dataclasses.replace(
        kp, missed=(), unclear=(), closest=(), not_heard=kp.not_heard + kp.unclear + kp.missed))
    if story:
        s = dataclasses.replace(s, star={p: part if part.present else
                                         dataclasses.replace(part, not_heard=True)
                                         for p, part in s.star.items()})
    return s


def rule_unrecognised(f: _Facts) -> list[FeedbackItem]:
    """Say how much speech the transcriber did not recognise (`lost_total_s`, the length the
    transcript marks), and that the rest rests on what it did recognise."""
    if not f.lost:
        return []
    d = f.delivery
    lost = union(f.lost)
    lost_s = lost_total_s(lost)
    span_s = (d.speech_end_s - d.speech_start_s) if d is not None and \
        d.speech_start_s is not None and d.speech_end_s is not None else 0.0
    heard = f" the {max(0.0, 1.0 - lost_s / span_s):.0%} of the answer it recognised" \
        if span_s > 0 else " what it recognised"
    places = ", ".join(format_clock(s) for s, _ in lost[:MAX_PLACES])
    more = f" and {len(lost) - MAX_PLACES} more" if len(lost) > MAX_PLACES else ""
    return [FeedbackItem("transcription", "warn", lost[0][0],
                         f"{lost_s:.1f} s of speech was not recognised by the transcriber (at "
                         f"{places}{more}) — pace, key points and structure use only{heard}.")]


def rule_quiet_speech(f: _Facts) -> list[FeedbackItem]:
    """One "speak up" tip naming the stretches said far more quietly than the rest
    (`delivery.quiet_speech`, `analysis.quiet`): counted as speech, never as silence."""
    quiet = spans_of(getattr(f.delivery, "quiet_speech", ()))
    if not quiet:
        return []
    places = ", ".join(f"{format_clock(s)}–{format_clock(e)}" for s, e in quiet[:MAX_PLACES])
    more = f" and {len(quiet) - MAX_PLACES} more" if len(quiet) > MAX_PLACES else ""
    return [FeedbackItem("voice", "warn", quiet[0][0],
                         f"{places}{more} was too quiet to hear clearly — speak up or move "
                         "closer to the microphone.")]


def rule_background_voice(f: _Facts) -> list[FeedbackItem]:
    """Say that a quieter background voice was heard and not counted as the candidate's speech
    (`delivery.background_voice`, `analysis.background`): pauses, lead-in and pace leave it
    out, and its words are not in the transcript."""
    spans = spans_of(getattr(f.delivery, "background_voice", ()))
    if not spans:
        return []
    total = sum(e - s for s, e in spans)
    places = ", ".join(format_clock(s) for s, _ in spans[:MAX_PLACES])
    more = f" and {len(spans) - MAX_PLACES} more" if len(spans) > MAX_PLACES else ""
    return [FeedbackItem("transcription", "info", spans[0][0],
                         f"A quieter background voice ({total:.1f} s, at {places}{more}) was "
                         "not counted as your speech — pauses, lead-in and pace leave it out. "
                         "If it was you, speak at one level or move closer to the microphone.")]


# Findings measured over the recognised speech only (the pipeline's prosody leaves the
# unrecognised stretches out): said so, severity kept.
RECOGNISED_ONLY_AREAS = frozenset({"voice"})
VOICE_RECOGNISED_NOTE = " (measured on the recognised speech only)"


def _soften(item: FeedbackItem) -> FeedbackItem:
    if item.area in RECOGNISED_ONLY_AREAS:
        return FeedbackItem(item.area, item.severity, item.at_s,
                            item.message + VOICE_RECOGNISED_NOTE)
    if item.area not in ABSENCE_AREAS or item.severity == "good":
        return item
    return FeedbackItem(item.area, "info", item.at_s, item.message + UNRECOGNISED_NOTE)


def lead_in_limit(f: _Facts) -> float:
    """Longest lead-in (time to first word) not flagged, seconds: `lead_in_max_s`, but never
    more than a silence in the middle of the answer (`long_silence_s`) — dead air before the
    first word is dead air too (QA5 F42). A coding question keeps `lead_in_coding_max_s`:
    planning quietly before the first line is normal there."""
    s = f.cfg.silence
    if f.kind == "coding":
        return s.lead_in_coding_max_s
    return min(s.lead_in_max_s, s.long_silence_s)


def rule_lead_in(f: _Facts) -> list[FeedbackItem]:
    d = f.delivery
    if d is None or d.lead_in_s is None:
        return []
    limit = lead_in_limit(f)
    if d.lead_in_s <= limit:
        return []
    return [FeedbackItem("lead_in", "warn", 0.0,
                         f"Late start: {d.lead_in_s:.1f} s of silence before your first word "
                         f"(limit {limit:g} s) — open by restating the question or saying how "
                         f"you will approach it.")]


def _judged(spans: Any, lost: tuple[tuple[float, float], ...]) -> list[Any]:
    """Pauses/stretches (`.start`, `.end`) that share no time with unrecognised speech."""
    return [p for p in spans if not overlaps(p.start, p.end, lost)]


def silences(f: _Facts) -> list[Any]:
    """The one silence list: the drill's think-aloud stretches (interviewer prompts not
    counted) when there are any, else the VAD pauses of at least `silence.long_silence_s`."""
    if f.think_aloud is not None:
        return _judged(f.think_aloud.silent_stretches, f.lost)
    if f.delivery is None:
        return []
    limit = f.cfg.silence.long_silence_s
    return _judged([p for p in f.delivery.pauses if p.duration >= limit], f.lost)


def long_pauses(f: _Facts) -> list[Any]:
    """Pauses in [silence.pause_s, silence.long_silence_s), outside unrecognised speech and
    outside interviewer prompts."""
    if f.delivery is None:
        return []
    s = f.cfg.silence
    excluded = tuple(f.think_aloud.excluded) if f.think_aloud is not None else ()
    return [p for p in _judged(f.delivery.pauses, f.lost)
            if s.pause_s <= p.duration < s.long_silence_s
            and not overlaps(p.start, p.end, excluded)]


# A pace is a rate: over a one-line reply ("Before the fix, it was 1.1%.", 10 words in 2.9 s) one
# word more or less, or the VAD's 0.2 s of padding at each end, moves it by 10-15 %; no pace is
# judged (flagged or scored) on fewer words or less speaking span than this (QA14 F07).
PACE_MIN_WORDS = 20
PACE_MIN_SPAN_S = 8.0


def judged_pace(f: _Facts) -> tuple[float | None, list[Any]]:
    """(wpm, pace windows) judged: windows over unrecognised speech are left out, and the
    rate is then theirs unless the delivery already left the lost speech out. The rate is
    judged as it is shown, in whole wpm, against the inclusive range (165.3 is "165", inside
    120–165). None with too little speech for a rate (`PACE_MIN_WORDS`, `PACE_MIN_SPAN_S`)."""
    d = f.delivery
    if d is not None and ((d.word_count or 0) < PACE_MIN_WORDS or (
            d.speech_start_s is not None and d.speech_end_s is not None
            and d.speech_end_s - d.speech_start_s < PACE_MIN_SPAN_S)):
        return None, []
    wpm, windows = _judged_pace(f)
    return (None if wpm is None else float(round(wpm))), windows


def _judged_pace(f: _Facts) -> tuple[float | None, list[Any]]:
    d = f.delivery
    if d is None or d.wpm is None or f.unheard:  # words not heard: no rate of them
        return None, []
    if not f.lost:
        return d.wpm, list(d.pace_timeline)
    clean = [w for w in d.pace_timeline if not overlaps(w.start, w.end, f.lost)]
    if set(f.lost) <= set(spans_of(getattr(d, "unrecognised", ()))):
        return d.wpm, clean  # analyze_delivery already left this lost speech out
    return (sum(w.wpm for w in clean) / len(clean) if clean else None), clean


# A pause of this length or more is a long pause by the design's definition (the default of
# `silence.pause_s`). A user who raises `silence.pause_s` above it forgives the pauses in
# between: they are neither flagged nor charged to the pace, so a more lenient limit never
# lowers a score (QA12 F01). Below it, `silence.pause_s` itself is the line.
LONG_PAUSE_S = SilenceOptions().pause_s


def forgiven_pauses(f: _Facts) -> list[Any]:
    """Pauses of `LONG_PAUSE_S` up to `silence.pause_s` (only when the user raised it): not
    flagged, and not counted as slow speech either."""
    if f.delivery is None:
        return []
    s = f.cfg.silence
    excluded = tuple(f.think_aloud.excluded) if f.think_aloud is not None else ()
    return [p for p in _judged(f.delivery.pauses, f.lost)
            if LONG_PAUSE_S <= p.duration < s.pause_s
            and not overlaps(p.start, p.end, excluded)]


def pace_without_silences(f: _Facts, wpm: float) -> tuple[float, float | None]:
    """(pause_s, wpm): the time in the silences and long pauses the feedback names
    (`silences`, `long_pauses`) and in the pauses the limits forgive (`forgiven_pauses`), and
    the pace over the answer without it (None when there are none) — one pause is coached
    once, as a pause, not a second time as a slow pace."""
    quiet_s = sum(p.duration for p in named_pauses(f))
    words = getattr(f.delivery, "word_count", 0) or 0
    if not quiet_s or not words or wpm <= 0:
        return quiet_s, None
    rest_s = words * 60.0 / wpm - quiet_s
    return quiet_s, (float(round(words * 60.0 / rest_s)) if rest_s > 0 else None)


def named_pauses(f: _Facts) -> list[Any]:
    """The pauses a pace does not count (`pace_without_silences`): the silences and long
    pauses the feedback names and the ones the limits forgive."""
    return [*silences(f), *long_pauses(f), *forgiven_pauses(f)]


def pause_places(f: _Facts, *, unnamed: bool = False) -> tuple[float, float] | None:
    """(between_s, inside_s): seconds of pause (every pause the delivery found, outside lost
    speech and interviewer prompts; with `unnamed`, also outside the pauses the pace does not
    count, `named_pauses`) after a word that ends a sentence, and inside a sentence; None when
    the delivery does not say where its pauses fell."""
    d = f.delivery
    places = getattr(d, "after_sentence", ())
    if d is None or len(places) != len(d.pauses):
        return None
    excluded = tuple(f.think_aloud.excluded) if f.think_aloud is not None else ()
    if unnamed:
        excluded += tuple((p.start, p.end) for p in named_pauses(f))
    judged = {id(p) for p in _judged(d.pauses, f.lost)
              if not overlaps(p.start, p.end, excluded)}
    between = sum(p.duration for p, end in zip(d.pauses, places) if id(p) in judged and end)
    inside = sum(p.duration for p, end in zip(d.pauses, places)
                 if id(p) in judged and end is False)
    return between, inside


def _paused_phrase(f: _Facts, quiet_s: float) -> str:
    """What the pace counts: "18.2 s of the pauses named in this report", or, for pauses the
    limits forgive, "18.2 s of pauses under your 4 s long-pause limit"."""
    forgiven = forgiven_pauses(f)
    if not forgiven:
        return f"{quiet_s:.1f} s of the pauses named in this report"
    limit = f"{f.cfg.silence.pause_s:g} s long-pause limit"
    if len(forgiven) == len((*forgiven, *silences(f), *long_pauses(f))):
        return f"{quiet_s:.1f} s of pauses under your {limit} ({counted(len(forgiven), 'pause')})"
    return (f"{quiet_s:.1f} s of pauses: the ones named in this report and "
            f"{counted(len(forgiven), 'pause')} under your {limit}")


def rule_silence(f: _Facts) -> list[FeedbackItem]:
    if f.think_aloud is not None:  # the think-aloud lines name the silences (same list)
        return []
    return [FeedbackItem("silence", "warn", p.start,
                         f"{p.duration:.1f} s of silence at {format_clock(p.start)} — say what "
                         f"you are weighing.")
            for p in silences(f)]


def rule_long_pauses(f: _Facts) -> list[FeedbackItem]:
    s = f.cfg.silence
    long_ = long_pauses(f)
    if not long_:
        return []
    worst = max(long_, key=lambda p: p.duration)
    severity = "warn" if len(long_) >= 3 else "info"
    noun = "pause" if len(long_) == 1 else "pauses"
    # the delivery table counts every pause ≥ pause_s and its longest; when silences
    # (≥ long_silence_s, coached on their own lines) are among them, this line says it counts
    # the shorter ones only and names the silences, so it never contradicts the table (QA7 F23)
    silences = [p for p in f.delivery.pauses if p.duration >= s.long_silence_s]
    if not silences:
        return [FeedbackItem("pauses", severity, worst.start,
                             f"{len(long_)} long {noun} (≥ {s.pause_s:g} s); the longest, "
                             f"{worst.duration:.1f} s at {format_clock(worst.start)} — narrate "
                             f"your reasoning while you think.")]
    top = max(silences, key=lambda p: p.duration)
    total = len(silences) + len(long_)
    sil_noun = "silence" if len(silences) == 1 else "silences"
    return [FeedbackItem("pauses", severity, worst.start,
                         f"{total} long pauses (≥ {s.pause_s:g} s): {len(silences)} {sil_noun} of "
                         f"{s.long_silence_s:g} s or more (the longest, {top.duration:.1f} s at "
                         f"{format_clock(top.start)}) and {len(long_)} of "
                         f"{s.pause_s:g}–{s.long_silence_s:g} s (the longest, "
                         f"{worst.duration:.1f} s at {format_clock(worst.start)}) — narrate your "
                         f"reasoning while you think.")]


PACE_STEADY_WPM = 15.0  # windows within this many wpm of each other: the pace is steady throughout


def pace_extreme(timeline: Sequence[Any], pick: Callable[..., Any]) -> Any | None:
    """The pace window (`.start`, `.end`, `.wpm`) to point at as the fastest (`pick=max`) or
    slowest (`min`) stretch, or None when there is nothing to point at: a single window (the
    whole answer) or windows within `PACE_STEADY_WPM` of each other (a uniform pace)."""
    if len(timeline) < 2:
        return None
    rates = [w.wpm for w in timeline]
    if max(rates) - min(rates) < PACE_STEADY_WPM:
        return None
    return pick(timeline, key=lambda w: w.wpm)


def rule_pace(f: _Facts) -> list[FeedbackItem]:
    wpm, timeline = judged_pace(f)
    if wpm is None:
        return []
    p = f.cfg.pace
    if p.min_wpm <= wpm <= p.max_wpm:
        return [FeedbackItem("pace", "good", None,
                             f"Pace {wpm:.0f} wpm is in the conversational range.")]
    quiet_s, without = pace_without_silences(f, wpm)
    if wpm < p.min_wpm and without is not None and without >= p.min_wpm:
        return [FeedbackItem("pace", "info", None,
                             f"Pace {wpm:.0f} wpm counts {_paused_phrase(f, quiet_s)}; without "
                             f"them you spoke at {without:.0f} wpm — those pauses are the thing "
                             "to look at, not your speed.")]
    if wpm < p.min_wpm and without is not None:
        # still slow without the pauses named on their own lines: what is charged as pace (the
        # score's rate, `delivery_score`) is this rate, and the advice is about it — never the
        # named pauses a second time (QA14 F06: "shorter pauses … 41.5 s" with 38 s of it the
        # two silences already charged, while min_wpm 120 → 140 cost 20 points)
        return [FeedbackItem("pace", "warn", None,
                             f"Pace {wpm:.0f} wpm counts {_paused_phrase(f, quiet_s)}; without "
                             f"them you spoke at {without:.0f} wpm, still below "
                             f"{p.min_wpm:g}–{p.max_wpm:g} — "
                             f"{slow_advice(f, without, unnamed=True)}.")]
    # numbers are named only when the answer gave some (QA69 F6, QA71 F9)
    fast = "slow down and let key numbers land" if f.structure.quantified_results \
        else "slow down and let each point land"
    pick, which, side, advice = (
        (min, "slowest", "below", slow_advice(f, wpm)) if wpm < p.min_wpm
        else (max, "fastest", "above", fast))
    extreme = pace_extreme(timeline, pick)
    at = extreme.start if extreme is not None else None
    where = "" if extreme is None else \
        f" ({which} between {format_clock(extreme.start)} and {format_clock(extreme.end)})"
    return [FeedbackItem("pace", "warn", at,
                         f"Pace {wpm:.0f} wpm is {side} {p.min_wpm:g}–{p.max_wpm:g}{where} — "
                         f"{advice}.")]


def slow_advice(f: _Facts, wpm: float, *, unnamed: bool = False) -> str:
    """What lifts a pace below `pace.min_wpm`, from its larger cause: the words themselves
    (articulation rate, the pace between pauses, below the range by more than the pauses
    take off it) or the pauses — then named by where most of their time fell, between
    sentences or inside them (QA6 F40, QA12 F11)."""
    p = f.cfg.pace
    articulation = getattr(f.delivery, "articulation_wpm", None)
    if articulation is not None and p.min_wpm - articulation > max(0.0, articulation - wpm):
        return f"speak a little faster (even between pauses you ran at {articulation:.0f} wpm)"
    places = pause_places(f, unnamed=unnamed)  # `unnamed`: the pauses `wpm` still counts
    if places is None or not any(places):
        return "shorter pauses will lift it"
    between, inside = places
    if between >= inside:
        return (f"shorter pauses between sentences will lift it ({between:.1f} s of pauses "
                f"fell between sentences, {inside:.1f} s inside them)")
    return (f"fewer pauses inside sentences will lift it ({inside:.1f} s of pauses fell inside "
            f"sentences, {between:.1f} s between them)")


def rule_fillers(f: _Facts) -> list[FeedbackItem]:
    d = f.delivery
    if d is None or d.fillers_per_min is None:
        return []
    limit = f.cfg.fillers.max_per_min
    if d.fillers_per_min <= limit:
        return _unspelled_fillers(d)
    # a hesitation heard in the sound only ("uh?") is an "uh" like a written one: "(uh?)" in a
    # transcript is a word shown, not counted (QA110 F8)
    kinds = Counter(x.text.lower().rstrip("?") for x in d.fillers)
    common = kinds.most_common(2)
    # QA9 F10: one filler is named, not counted ("1 fillers … mostly "um" ×1")
    named = [f'"{w}" ×{n}' if d.filler_count > 1 else f'"{w}"' for w, n in common]
    lead = "" if d.filler_count <= 1 else "all " if len(kinds) == 1 else "mostly "
    which = lead + ", ".join(named)
    first = d.fillers[0].start if d.fillers else None
    return [FeedbackItem("fillers", "warn", first,
                         f"{counted(d.filler_count, 'filler')}, {d.fillers_per_min:.1f} per "
                         f"minute (limit {limit:g}) — {which}; pause silently instead."),
            *_unspelled_fillers(d)]


def _unspelled_fillers(d: Any) -> list[FeedbackItem]:
    """The filler count may be too low: sounds Whisper could not spell came out as one-letter
    clause openers ("A,", "S,"), short one-word clauses and articles set off by a comma ("As,",
    "you,", "a,": `analysis.fillers.unspelled_fillers`, QA15 F05, QA16 F07). Never a count: what
    those sounds were is unknown."""
    odd = getattr(d, "unspelled", ())
    if len(odd) < UNSPELLED_MIN:
        return []
    shown = " ".join(f'"{t}"' for t in dict.fromkeys(odd))
    return [FeedbackItem(
        "fillers", "info", None,
        f"Fillers may be missed: {len(odd)} sounds came out as stray letters or words "
        f"({shown}) — "
        "often a filler in another language (\"eh\", \"este\", \"o sea\") that the English "
        f"model cannot spell, so {counted(d.filler_count, 'filler')} may be too few. Add your "
        "own filler words: voice-coach config set fillers.words \"eh, este, o sea\".")]


ROOM_FOR_DETAIL = "there is room for the missing detail."  # a short answer with points missed


def rule_length(f: _Facts) -> list[FeedbackItem]:
    length, estimated = _answer_length_s(f)
    if length is None:
        return []
    about = "about " if estimated else ""
    hard = f.cfg.answer.max_s
    if length > hard or length > f.target_s * LENGTH_LONG_FRACTION:
        return [FeedbackItem("length", "warn", None,
                             f"The answer ran {about}{length:.0f} s against a {f.target_s:.0f} s "
                             f"target — cut the set-up and end on the result.")]
    # a hypothetical answer is told to tell one real time, never to add detail (QA67 F11)
    if length < f.target_s * LENGTH_SHORT_FRACTION and f.structure.key_points.missed \
            and not is_hypothetical(f.structure):
        return [FeedbackItem("length", "info", None,
                             f"The answer ran {about}{length:.0f} s against a {f.target_s:.0f} s "
                             f"target — {ROOM_FOR_DETAIL}")]
    return []


# --- structure rules ------------------------------------------------------------------------

_STAR_MISSING = {
    "situation": ("info", "No Situation: one sentence of context (team, product, problem) helps "
                          "the interviewer follow."),
    "task": ("info", "No Task: say what you were responsible for or what the goal was."),
    "action": ("warn", "No Action: say what you did, step by step, in the first person."),
    "result": ("warn", "No Result: end with the outcome — ideally a number before and after."),
    "learning": ("info", "No Learning: close with what you learned or which principle the story "
                         "shows."),
}
LEARNING_OR_PRINCIPLE = _STAR_MISSING["learning"][1]
# … and once a follow-up reply named the principle, what is still open is the lesson alone
LEARNING_ONLY = "No Learning: close with what you learned — what you would do differently now."


HYPOTHETICAL_MESSAGE = ("This was told as what you would do or usually do — tell one real time "
                        "it happened: what was going on, what you did, and how it ended.")


def _is_story(f: _Facts) -> bool:
    """A behavioural story. Intro questions ("tell me about yourself") are behavioural too, but
    not STAR stories: their key points and follow-ups coach them instead."""
    return is_story(f.kind, getattr(f.question, "category", None))


HABIT_MESSAGE = ("This was told as what you usually do (\"usually I…\"), not one real time — if "
                 "the question asks about a time you did something, tell that one time: what was "
                 "going on, what you did, and how it ended.")


def rule_habit(f: _Facts) -> list[FeedbackItem]:
    """Without a question, an answer read as an explanation that tells habits ("normally I
    would …, usually I …") may be a behavioural answer with no story: say so (a story's own
    hypothetical check covers the rest)."""
    if f.question is not None or f.kind == "behavioral" or not told_as_habit(f.structure):
        return []
    return [FeedbackItem("content", "info", None, HABIT_MESSAGE)]


def rule_star(f: _Facts) -> list[FeedbackItem]:
    if not _is_story(f):
        return _intro_structure(f)
    s = f.structure
    if is_hypothetical(s):  # no story to miss parts of: ask for one real time instead
        return [FeedbackItem("star", "warn", None, HYPOTHETICAL_MESSAGE, fact="real_time")]
    out = [FeedbackItem("star", sev, None, msg, fact=part)
           for part, (sev, msg) in _STAR_MISSING.items()
           if not s.star_present[part] and not s.star[part].not_heard]
    setup = s.star_share["situation"] + s.star_share["task"]
    if s.star_present["action"] and s.star_share["action"] < ACTION_SHARE_MIN:
        out.append(FeedbackItem("star", "info", s.first_time_of("action"),
                                f"Action was {s.star_share['action']:.0%} of the answer — make "
                                f"what you did the bulk (about half)."))
    if setup_too_long(s):
        out.append(FeedbackItem("star", "warn", s.first_time_of("action"),
                                f"Situation and Task took {setup:.0%} of the answer — keep the "
                                f"set-up to about a quarter and get to your actions sooner."))
    if all(s.star_present[p] for p in STAR_PARTS) and not says_we_over_i(s):
        # an all-"we" story is not praised as complete next to "say what you did yourself"
        out.append(FeedbackItem("star", "good", None, "Complete STAR-L story."))
    return out


def _intro_structure(f: _Facts) -> list[FeedbackItem]:
    """What an introduction's structure score is made of (its key points), said once."""
    k = f.structure.key_points
    n = len(k.covered) + len(k.missed) + len(k.unclear)
    if f.kind != "behavioral" or not n:
        return []
    unclear = f", {len(k.unclear)} not clearly heard (half credit)" if k.unclear else ""
    return [FeedbackItem("structure", "good" if len(k.covered) == n else "info", None,
                         f"An introduction is scored on its key points, not STAR-L (structure "
                         f"and content alike): {len(k.covered)} of {n} covered{unclear}.")]


def rule_metric_triad(f: _Facts) -> list[FeedbackItem]:
    s = f.structure
    t = s.metric_triad
    if not _is_story(f) or not s.star_present["action"] or is_hypothetical(s):
        return []
    at = s.first_time_of("result")
    if t.complete:
        return [FeedbackItem("metrics", "good", at,
                             "Impact is anchored: before, after and the business outcome ("
                             + short_money("; ".join(_slot_quotes(t))) + ").")]
    if not fact_values(s)["result_number"] and t.baseline and t.after:
        # the before and after are there, but not told as the story's result
        return [FeedbackItem("metrics", "warn", at,
                             "You gave a before and after ("
                             + short_money("; ".join(t.evidence[:2])) + ") "
                             "but not as the result — end the story with it and what it meant "
                             "for customers or the business.")]
    if not s.star_present["result"] and not (t.baseline or t.after or t.business_outcome):
        return []  # "No Result: end with the outcome — ideally a number …" says it once
    # (a number read as the baseline or the after is a metric's level: "no change of a metric"
    # never stands beside "baseline ✓ (from 18%)", QA137 F9 — the missing slot is said instead)
    if not fact_values(s)["result_number"] and not (t.baseline or t.after):
        if t.business_outcome and not s.quantified_results:
            # a change said without numbers ("a few hundred tickets … down to a handful"): the
            # outcome is there (✓ in words), its size is not — at the words it quotes (QA149 F3)
            at = (s.time_of_words(t.outcome_words) if t.outcome_words else None) or at
            return [FeedbackItem("metrics", "warn", at,
                                 f"{_NO_SIZE_START} — put numbers on it: the metric before "
                                 "and after your change.",
                                 fact="result_number")]
        # the same count the report prints ("N quantified results"): numbers said, none a metric
        said = (_NO_NUMBER_START if not s.quantified_results else
                f"Your {s.quantified_results} number{'s show' if s.quantified_results > 1 else ' shows'}"
                f" {_NO_CHANGE}")
        return [FeedbackItem("metrics", "warn", at,
                             f"{said} — give the metric before and after, and what it meant "
                             "for customers or the business.", fact="result_number")]
    if not (t.after or t.baseline):
        return [FeedbackItem("metrics", "warn", at,
                             "You gave what it meant for the business (" + short_money("; ".join(
                                 t.evidence[:2])) + ") but not the metric behind it — say what "
                             "it was before and after your change.")]
    out = []
    if not t.baseline:
        out.append(FeedbackItem("metrics", "warn", at, NO_BASELINE_MESSAGE, fact="baseline"))
    if not t.after:
        out.append(FeedbackItem("metrics", "warn", at, NO_AFTER_MESSAGE, fact="after"))
    if not t.business_outcome:
        out.append(FeedbackItem("metrics", "warn", at, _no_outcome_advice(t.evidence),
                                fact="business_outcome"))
    return out


def _slot_quotes(t: Any) -> list[str]:
    """One quote per slot of a complete triad, as its line reads them: the first pair (or the
    first baseline and after), then the first outcome — never three quotes of two slots that
    leave the outcome out (QA65 F4: "(9% now; 14% before; dropped by 11 points)" beside
    "business outcome ✓ (60M krónur a year)"). The evidence's first three without slots."""
    slots = list(getattr(t, "slots", ()) or ())
    first = {role: next((span for r, span in slots if r == role), None)
             for role in ("pair", "baseline", "after", "outcome")}
    levels = [first["pair"]] if first["pair"] else [first["baseline"], first["after"]]
    quotes = [q for q in (*levels, first["outcome"]) if q]
    return list(dict.fromkeys(quotes)) if first["outcome"] and len(quotes) >= 2 \
        else list(t.evidence[:3])


NO_BASELINE_MESSAGE = ("You gave the new number but not the baseline — say what it was before "
                       "your change.")
NO_AFTER_MESSAGE = "You gave a starting number but not where it ended up."
_NO_OUTCOME_START = "No business or customer outcome"
_NO_PRINCIPLE_START = "No Leadership Principle named"


# the fixed openings of the tips `fact_of_message` reads a saved report's facts from
_NO_SIZE_START = "You said what changed but not by how much"
_NO_NUMBER_START = "The result has no number"
_NO_CHANGE = "no change of a metric"
_NO_SCALE_START = "No scale evidence"
_SHIPPED_START = "Shipping evidence ("


def fact_of_message(message: str) -> str | None:
    """The fact a feedback line coaches, read from its wording: for a report saved before
    `FeedbackItem.fact` (the coach's own fixed messages; None for any other line)."""
    for part, (_, msg) in _STAR_MISSING.items():
        if message == msg:
            return part
    fixed = {NO_BASELINE_MESSAGE: "baseline", NO_AFTER_MESSAGE: "after"}
    if message in fixed:
        return fixed[message]
    if message.startswith(_NO_OUTCOME_START):
        return "business_outcome"
    if message.startswith(_NO_PRINCIPLE_START):
        return "principle"
    if message == HYPOTHETICAL_MESSAGE:
        return "real_time"
    if message.startswith((_NO_SCALE_START, _SHIPPED_START)):
        return "scale"
    for table in (_TECH_MISSING, _DESIGN_MISSING, _CODING_MISSING):
        fact = next((k for k, msg in table.items() if message == msg), None)
        if fact is not None:
            return fact
    if message.endswith((SAY_WHAT_YOU_DID, SAY_MORE_YOU_DID)):
        return "ownership"
    if message.startswith((_NO_NUMBER_START, _NO_SIZE_START)) \
            or re.match(rf"Your \d+ numbers? shows? {_NO_CHANGE}", message):
        return "result_number"
    return None


def _no_outcome_advice(evidence: Sequence[str]) -> str:
    """What to add when the triad holds no business outcome. A duration or latency said as the
    metric ("400 ms to 180 ms") is quoted as what was said, never asked for again: a metric's
    own change is no outcome, its consequence for people is (QA16 F11)."""
    timed = next((e for e in evidence if any(q.is_duration for q in parse_quantities(e.lower()))),
                 None)
    if timed is not None:
        return (f"{_NO_OUTCOME_START} — {timed} is the metric itself; say what it "
                "meant for customers or the business: money, users, contacts or hours saved.")
    return (f"{_NO_OUTCOME_START} — translate the metric into money, users, contacts "
            "or hours saved for people.")


MEASURED_MESSAGE = ("Say how you measured that it worked: the evaluation set, the metric and the "
                    "comparison with what you had before.")


def rule_story_depth(f: _Facts) -> list[FeedbackItem]:
    """A project story told for a technical question ("Tell me about a model you fine-tuned")
    is judged on its technical depth too: how the change was measured."""
    if getattr(f.question, "kind", None) != "technical" or not _is_story(f) \
            or is_hypothetical(f.structure) or f.structure.technical.measurement:
        return []
    return [FeedbackItem("technical", "info", None, MEASURED_MESSAGE)]


def rule_scale(f: _Facts) -> list[FeedbackItem]:
    s = f.structure
    if f.kind != "behavioral" or not _is_impact_question(f):
        return []
    # a bare deployment word ("canary", "shadow deployment") is quoted as how it shipped, after
    # the volumes, never as the scale itself (QA14 F11)
    quoted = [x for x in s.scale_evidence if not ship_only(x)]
    shipped = [x for x in s.scale_evidence if ship_only(x)]
    if quoted:
        return [FeedbackItem("scale", "good", None,
                             "Scale and shipping evidence: " + ", ".join(quoted[:3])
                             + (f" (shipped: {', '.join(shipped[:2])})" if shipped else "") + ".")]
    # scale is the system's reach (`SCALE_KINDS`); an experiment's size is the test's, named as
    # such so the number said is never implied missing (QA15 F07)
    tested = experiment_sizes(answer_text(s))
    test_note = (f" “{tested[0]}” is the test's size, not the system's reach." if tested else "")
    if shipped:
        return [FeedbackItem("scale", "good", None,
                             f"{_SHIPPED_START}{', '.join(shipped[:2])}) — add the "
                             f"{SCALE_KINDS} to show scale.{test_note}", fact="scale")]
    return [FeedbackItem("scale", "info", None,
                         f"{_NO_SCALE_START} — mention the {SCALE_KINDS}.{test_note}",
                         fact="scale")]


def quiet_recording(f: _Facts) -> bool:
    """The recording is too quiet (`prosody.energy.too_quiet`, the "Your speech is quiet" line)
    or has speech far quieter than the rest (`delivery.quiet_speech`): a verdict that rests on
    one or two words may be the transcriber's miss, so it is hedged."""
    energy = getattr(f.prosody, "energy", None)
    return bool(getattr(energy, "too_quiet", False)
                or getattr(f.delivery, "quiet_speech", None))


def rule_principles(f: _Facts) -> list[FeedbackItem]:
    if not _is_story(f):
        return []
    named = f.structure.leadership_principles
    wanted = tuple(getattr(f.question, "principles", ()) or ())
    # a principle is a word or two: in a quiet recording it is easily misheard ("Dive Deep" →
    # "time to eat"), so its absence is told as not heard, never as a fact (QA12 F17)
    quiet = quiet_recording(f)
    unclear = f.structure.principles_unclear
    if not named and unclear:
        # said in a naming frame and misheard by the transcriber: not the candidate's miss
        guess = heard_principles(unclear[:1], (), wanted)
        name = f" — {guess[0].name}?" if guess and guess[0].name else ""
        return [FeedbackItem("principles", "info", None,
                             f"A Leadership Principle was said but not clearly heard "
                             f"(\"{unclear[0]}\"{name}) — check the transcript, and say its "
                             f"name clearly.")]
    if not named:
        hint = f" (this question targets {', '.join(wanted)})" if wanted else ""
        if quiet:
            return [FeedbackItem("principles", "info", None,
                                 f"No Leadership Principle heard{hint} — the recording is "
                                 f"quiet, so it may have been said and not heard: check the "
                                 f"transcript, and if it is not there, say which one the story "
                                 f"shows.")]
        return [FeedbackItem("principles", "info", None,
                             f"{_NO_PRINCIPLE_START}{hint} — say which one the story "
                             f"shows.", fact="principle")]
    if wanted and not set(named) & set(wanted):
        you = "Heard" if quiet else "You named"
        check = (" (the recording is quiet: check the transcript for what you said)"
                 if quiet else "")
        return [FeedbackItem("principles", "info", None,
                             f"{you} {', '.join(named)}; this question targets "
                             f"{', '.join(wanted)}{check}.")]
    return [FeedbackItem("principles", "good", None, f"Named {', '.join(named)}.")]


def asks_result_number(key: str, s: Structure) -> bool:
    """The `no_result` follow-up of an answer `s` that told its outcome in words asks for the
    number (`questions.RESULT_NUMBER_FOLLOW_UP` or the question's own baseline wording): one
    reading for asking it and for judging the reply (QA84 F2)."""
    return key == "no_result" and bool(s.star_present["result"])


SAY_WHAT_YOU_DID = "say what you did yourself."
SAY_MORE_YOU_DID = "your own part is there; tell more of it with \"I\"."


def rule_i_we(f: _Facts) -> list[FeedbackItem]:
    s = f.structure
    if f.kind != "behavioral" or not says_we_over_i(s):
        return []
    v = ownership_voice(s)
    where = "In what you did, you" if v.scope == "what you did" else "You"
    # the own part told with "I" at least once makes the key point "what you personally did,
    # said with I" (`facts.point_fact_values`): the advice then asks for more of it, never as
    # if it were missing (QA86 F10)
    told = bool(s.star_present["action"]) and v.i_count > 0
    return [FeedbackItem("ownership", "warn", None,
                         f'{where} said "we" {counted(v.we_count, "time")} and "I" '
                         f'{counted(v.i_count, "time")} — '
                         + (SAY_MORE_YOU_DID if told else SAY_WHAT_YOU_DID),
                         fact="ownership")]


def rule_hedges(f: _Facts) -> list[FeedbackItem]:
    n = f.structure.hedges
    if n < HEDGES_FLAGGED:
        return []
    return [FeedbackItem("hedges", "info", None,
                         f"{counted(n, 'hedge')}{_quoted_counts(_said(f.structure))} — state facts "
                         f"and results plainly.")]


def _said(s: Structure) -> tuple[str, ...]:
    """The hedges as the answer said them; none when the structure was read back from a saved
    report (which keeps only their count)."""
    return getattr(s, "hedge_phrases", ())


def _quoted_counts(phrases: Sequence[str]) -> str:
    """' ("I think" ×2, "probably")' — the phrases actually said with their counts, or ''."""
    if not phrases:
        return ""
    counts = Counter(_sentence_case(p) for p in phrases)
    return " (" + ", ".join(f'"{p}"' + (f" ×{n}" if n > 1 else "") for p, n in counts.items()) + ")"


def _sentence_case(phrase: str) -> str:
    """'i think' → 'I think': the pronoun capitalised as written."""
    return re.sub(r"\bi\b", "I", phrase)


_TECH_MISSING = {
    "definition": "Start with a one-sentence definition.",
    "example": "Give a concrete example.",
    "tradeoff": "Name the trade-off (what you give up).",
    "measurement": "Say how you would measure it (metric, validation, A/B test).",
}
# an ML design answer is coached on its goal, concreteness, evaluation and trade-offs
_DESIGN_MISSING = {
    "definition": "Open with the goal: what the system optimises and how you will know it works.",
    "example": "Name the concrete data, features and first model you would start with.",
    "tradeoff": "Name the trade-off (what you give up).",
    "measurement": "Say how you would evaluate it: an offline metric, then an online A/B test.",
}
_CODING_MISSING = {
    "complexity": "State the time and memory complexity.",
    "test": "Say how you would test it, including an edge case.",
}


TECHNICAL_ITEMS = ("definition", "example", "tradeoff", "measurement")
# the concrete pieces a design answer starts from, by their design move (`design_moves`)
_DESIGN_PIECES = (("data", "data"), ("features", "features"), ("model", "first model"))


def design_example_message(text: str) -> str:
    """What a design answer that is not concrete enough should add: the pieces of data,
    features and first model it did not name (`design_moves`), or — all three named — their
    sizes and numbers; never a request for what it said (QA14 F23)."""
    moves = design_moves(text.lower())
    lacking = [name for move, name in _DESIGN_PIECES if move not in moves]
    if not lacking:
        return ("Put sizes on the data, features and model you named: how many labels, what "
                "volume, how many features.")
    names = lacking[0] if len(lacking) == 1 else \
        ", ".join(lacking[:-1]) + " and " + lacking[-1]
    return f"Name the concrete {names} you would start with."


def technical_items(question: Any | None, design: bool = False) -> tuple[str, ...]:
    """The shape items a technical answer is judged on: a definition only when the question
    asks to explain a concept ("When would you use LoRA?" is answered, not defined); an ML
    design answer always opens with its goal (its `definition` item)."""
    return TECHNICAL_ITEMS if design or asks_definition(question) else TECHNICAL_ITEMS[1:]


def technical_gaps(s: Structure, kind: str, question: Any | None = None) -> list[str]:
    """What a technical or coding answer lacks, in the order the feedback names it — the one
    list the technical feedback, scores and follow-up read."""
    t = s.technical
    if kind == "coding":
        gaps = [k for k in _CODING_MISSING if not getattr(t, k)]
        return gaps + ([] if t.example or t.tradeoff else ["example"])
    return [k for k in technical_items(question, t.design) if not getattr(t, k)]


def rule_technical(f: _Facts) -> list[FeedbackItem]:
    if f.kind not in ("technical", "coding"):
        return []
    design = f.structure.technical.design
    missing = dict(_CODING_MISSING) if f.kind == "coding" else \
        dict(_DESIGN_MISSING if design else _TECH_MISSING)
    if f.kind == "coding":
        missing["example"] = "Walk through a small example input."
        edge = (f.markers or {}).get("edge_cases")
        if edge is not None and edge.present:  # the edge case was said; only the test is missing
            said = f" (\"{edge.evidence[0]}\")" if edge.evidence else ""
            missing["test"] = (f"Say how you would test it — start with the edge case you "
                               f"handled{said}.")
    elif design:
        missing["example"] = design_example_message(answer_text(f.structure))
    out = [FeedbackItem("technical", "warn" if key in ("complexity", "example") else "info", None,
                        missing[key], fact=key)
           for key in technical_gaps(f.structure, f.kind, f.question)]
    if not signposted(f.structure, f.kind) and f.structure.word_count > 60:
        out.append(FeedbackItem("technical", "info", None,
                                'Signpost the answer ("first… second… so in short…").'))
    return out


def rule_clarify(f: _Facts) -> list[FeedbackItem]:
    if f.kind not in ("technical", "coding"):
        return []
    if f.structure.clarifying_question:
        return [FeedbackItem("clarify", "good", None,
                             "Good: you clarified the problem before answering.")]
    if f.kind == "coding":
        edge = (f.markers or {}).get("edge_cases")
        ask = "inputs and constraints" if edge is not None and edge.present else \
            "inputs, constraints and edge cases"
        return [FeedbackItem("clarify", "info", None, f"Start by confirming {ask}.")]
    return []


def not_covered_line(missed: Sequence[str]) -> str:
    """The line of missed key points (each as shown, with its gap marks): the first
    `MAX_LISTED`, then how many more — one wording for the answer's report and its re-saying
    with a follow-up reply (`report.not_covered_message`)."""
    more = len(missed) - MAX_LISTED
    return (f"{NOT_COVERED}{'; '.join(missed[:MAX_LISTED])}"
            f"{f' (+{more} more)' if more > 0 else ''}.")


def rule_key_points(f: _Facts) -> list[FeedbackItem]:
    """Missed key points, and those not clearly heard with the closest words said (never
    called missed: the evidence is ambiguous, see `analysis.key_points`)."""
    s = f.structure
    kp = s.key_points
    if _is_story(f) and is_hypothetical(s):
        # a hypothetical story: "tell one real time" says it all
        return []
    out = []
    if kp.missed:
        missed = [point_with_gaps(k, f.structure.star, f.structure.metric_triad,
                                  i_we_ratio=f.structure.i_we_ratio)
                  if _is_story(f) else k for k in kp.missed]
        out.append(FeedbackItem("key_points", "info", None, not_covered_line(missed)))
    if kp.unclear:
        out.append(FeedbackItem("key_points", "info", None,
                                not_clear_line(kp.unclear, kp.closest)))
    return out


NOT_CLEAR = "Not clearly heard — say it outright if you meant it: "


def not_clear_line(unclear: Sequence[str], closest: Sequence[str]) -> str:
    """The line of key points not clearly heard, each with the closest words said: the first
    `MAX_LISTED`, then how many more — one wording for the answer's report and its re-saying
    with a follow-up reply (`report.not_clear_message`)."""
    said = [f'{point} (closest: "{words}")' if words else point
            for point, words in zip(unclear, [*closest, *[""] * len(unclear)])][:MAX_LISTED]
    more = len(unclear) - MAX_LISTED
    return f"{NOT_CLEAR}{'; '.join(said)}{f' (+{more} more)' if more > 0 else ''}."


OFF_TOPIC_KINDS = ("technical", "coding")  # a story fits many behavioural questions' words
QUESTION_SHOWN_CHARS = 90


ON_TOPIC_KEY_POINTS = 2  # this many of the question's key points covered: never "off topic?"
# a story is judged against its question's own ask (`analysis.question_fit`) from this length
STORY_FIT_MIN_WORDS = 40
OFF_TOPIC_CONTENT_MAX = 40  # a story that does not answer its question scores at most this


def answers_other_question(s: Structure, kind: str, question: Any | None) -> bool:
    """A real story that does not answer ITS question — the one fact behind the "not an answer
    to this question" line, the content cap and the missing follow-up: by meaning, nearly every
    other story question of the bank fits it better than its own (`Structure.question_fit`), and
    none of the question's own key points (`own_key_points`: not the situation, result and
    lesson every story has) is covered. A hypothetical answer ("tell one real time" says it),
    one under `STORY_FIT_MIN_WORDS` words and one with speech the transcriber did not recognise
    (`coach` drops the fit) are not judged."""
    if question is None or s.question_fit is None or s.question_fit.answers:
        return False
    if not is_story(kind, getattr(question, "category", None)) or is_hypothetical(s) \
            or s.word_count < STORY_FIT_MIN_WORDS:
        return False
    own = set(own_key_points(question.key_points)) & set(s.key_points.covered)
    return not own - set(unsaid_points(_answer_words(s), own))


def _answer_words(s: Structure) -> str:
    return " ".join(c.text for c in s.clauses)


def uncredit_off_topic(s: Structure, kind: str, question: Any | None) -> Structure:
    """The key points of an answer judged to answer another question (`answers_other_question`,
    or an explanation `explains_other_topic`) that it credits on generic evidence alone — none of
    their own words said (`relevance.unsaid_points`): covered or not clearly heard, they are
    missed, so the content score follows the verdict. A story's shared points ("what you
    learned") are facts of the story and stay."""
    if question is None:
        return s
    if answers_other_question(s, kind, question):
        points = own_key_points(question.key_points)
    elif explains_other_topic(s, kind, question):
        points = list(question.key_points)
    else:
        return s
    k = s.key_points
    drop = set(unsaid_points(_answer_words(s), [p for p in points
                                                 if p in k.covered or p in k.unclear]))
    if not drop:
        return s
    keep = [i for i, p in enumerate(k.unclear) if p not in drop]
    missed = set(k.missed) | drop
    return dataclasses.replace(s, key_points=dataclasses.replace(
        k, covered=tuple(p for p in k.covered if p not in drop),
        missed=tuple(p for p in question.key_points if p in missed)
        + tuple(p for p in k.missed if p not in question.key_points),
        unclear=tuple(k.unclear[i] for i in keep),
        closest=tuple(k.closest[i] for i in keep if i < len(k.closest))))


def explains_other_topic(s: Structure, kind: str, question: Any | None) -> bool:
    """An explanation that shares almost none of the question's topic words (below
    `OFF_TOPIC_BELOW`; `analysis.relevance`) and covers fewer than `ON_TOPIC_KEY_POINTS` of its
    key points (topic words garbled by the transcriber do not make it off topic when the points
    are heard by meaning, QA5 F16 — so a point credited on generic evidence can keep an answer
    to another question on topic: QA10 F12 rests on the key-point head's precision)."""
    if question is None or kind not in OFF_TOPIC_KINDS:
        return False
    answer = _answer_words(s)
    if len(s.key_points.covered) >= ON_TOPIC_KEY_POINTS:
        return False
    sim = topic_similarity(answer, question.text, question.key_points)
    return sim is not None and sim < OFF_TOPIC_BELOW


def fit_not_checked(f: _Facts) -> str | None:
    """Why the story was not checked against its question (`answers_other_question` could not
    judge it), or None when it was or when there is nothing to check: a real story of at least
    `STORY_FIT_MIN_WORDS` words to a known story question, not a follow-up reply, whose fit is
    unknown — the speech was not all recognised, the meaning model is not installed, or no
    tuning answers to this question were written (the head judges only questions it has seen
    answers to; `analysis.question_fit`). Silence would read as "it answers the question"."""
    s, q = f.structure, f.question
    if q is None or f.follow_up is not None or s.question_fit is not None \
            or not is_story(f.kind, getattr(q, "category", None)) or is_hypothetical(s) \
            or s.word_count < STORY_FIT_MIN_WORDS:
        return None
    if f.lost:
        return "part of the speech was not recognised"
    if getattr(s, "method", "meaning") != "meaning":
        return "the sentence-embedding model is not installed"
    return ("the bundled fit model was built without example answers to this question, so it "
            "cannot judge this one")


def rule_off_topic(f: _Facts) -> list[FeedbackItem]:
    """An explanation that shares almost none of the question's topic words answers another
    question (measured in docs/practice.md; `analysis.relevance`) — unless it covers
    `ON_TOPIC_KEY_POINTS` of the question's key points (the same report says so; topic words
    garbled by the transcriber do not make it off topic). A story that does not answer its
    question (`answers_other_question`) is told so, with what the question asks; one that
    could not be checked is told that (`fit_not_checked`)."""
    q = f.question
    why = fit_not_checked(f)
    if why is not None:
        asks = core_ask(q.text)
        ask = asks[0].rstrip(" .?!") if asks else q.text
        return [FeedbackItem("relevance", "info", None,
                             f"Whether the story answers this question (\"{ask}\") was not "
                             f"checked: {why} — judge it yourself.")]
    if answers_other_question(f.structure, f.kind, q):
        asks = core_ask(q.text)
        ask = asks[0].rstrip(" .?!") if asks else q.text
        fit = f.structure.question_fit
        # the points it misses are named, and the ones the report lists as covered are said to
        # be the parts every story has — never "none covered" beside a covered list (QA12 F05)
        own = own_key_points(q.key_points)
        shared = [p for p in f.structure.key_points.covered if p not in own]
        covered = (" (the points it does cover are parts every story has)" if shared else "")
        return [FeedbackItem("relevance", "warn", None,
                             f"Not an answer to this question: the story never gets to what it "
                             f"asks (\"{ask}\") — {fit.better} of the {fit.of} other story "
                             f"questions fit it better, and none of the points this question "
                             f"is about is covered: {'; '.join(own)}{covered}. Tell a time "
                             f"that does; content is capped at {OFF_TOPIC_CONTENT_MAX} until "
                             f"then.")]
    if not explains_other_topic(f.structure, f.kind, q):
        return []
    sim = topic_similarity(_answer_words(f.structure), q.text, q.key_points)
    asked = q.text if len(q.text) <= QUESTION_SHOWN_CHARS else \
        q.text[:QUESTION_SHOWN_CHARS - 1].rstrip() + "…"
    return [FeedbackItem("relevance", "warn", None,
                         f"Off topic? The answer uses {sim:.0%} of the question's topic words "
                         f"(flagged below {OFF_TOPIC_BELOW:.0%}) — answer the question asked: "
                         f"\"{asked}\"")]


def think_aloud_feedback(ta: Any, cfg: Config, *, kind: str | None = None) -> list[FeedbackItem]:
    """Feedback items of a think-aloud drill from its `ThinkAloud` (silence list, coverage,
    prompts, reasoning markers heard and missed).

    Names the longest silent stretch with its time and the words just before it, judges the
    narration coverage, counts the prompts the interviewer needed and lists the reasoning
    markers not heard. Durations are said as in the report's tables (one decimal).
    """
    if ta.answer_start_s is None:
        return [FeedbackItem("think_aloud", "warn", None,
                             "No speech was heard — in a coding or design round, say what you "
                             "are thinking from the first seconds.")]
    items: list[FeedbackItem] = []
    ls = ta.longest_silence
    if ls is not None and ls.duration >= cfg.silence.long_silence_s:
        after = f", right after '{ls.preceding_words}'" if ls.preceding_words else ""
        prompted = " (the interviewer had to prompt you)" if ls.prompted else ""
        items.append(FeedbackItem(
            "think_aloud", "warn", ls.start,
            f"The longest silence was {ls.duration:.1f} s{ls.prompt_note} at "
            f"{format_clock(ls.start)}{after}"
            f"{prompted} — narrate what you check next."))
    cov = ta.narration_coverage
    if cov is not None:
        pct = percent(cov)  # the value the table shows, rounded once (`think_aloud`)
        if cov < COVERAGE_LOW:
            items.append(FeedbackItem(
                "think_aloud", "warn", None,
                f"You narrated {pct} of the answer time — aim for {round(COVERAGE_GOOD * 100)}%: "
                "say what you are checking even while you write or think."))
        elif cov >= COVERAGE_GOOD:
            items.append(FeedbackItem(
                "think_aloud", "good", None,
                f"You narrated {pct} of the answer time — the interviewer could follow your "
                "reasoning."))
        else:
            items.append(FeedbackItem(
                "think_aloud", "info", None,
                f"You narrated {pct} of the answer time; the quiet parts are where the "
                "interviewer loses your reasoning."))
    prompts = list(ta.prompts)
    if prompts:
        when = ", ".join(format_clock(p.at_s) for p in prompts[:5])
        items.append(FeedbackItem(
            "think_aloud", "warn", prompts[0].at_s,
            f"The interviewer had to prompt you {len(prompts)} time"
            f"{'s' if len(prompts) != 1 else ''} (at {when}) — keep talking before the silence "
            "gets that long."))
    relevant = RELEVANT_MARKERS.get(kind or "", MARKER_NAMES)
    heard = [n for n in relevant if n in ta.markers and ta.markers[n].present]
    missing = [n for n in relevant if n not in heard]
    if missing:
        items.append(FeedbackItem(
            "think_aloud", "info", None,
            "Not heard: " + ", ".join(MARKER_LABELS[n] for n in missing)
            + " — say them out loud; the interviewer scores what they hear."))
    if heard:
        items.append(FeedbackItem("think_aloud", "good", None,
                                  "Heard: " + ", ".join(MARKER_LABELS[n] for n in heard) + "."))
    return items


def rule_think_aloud(f: _Facts) -> list[FeedbackItem]:
    if f.think_aloud is None:
        return []
    return think_aloud_feedback(f.think_aloud, f.cfg, kind=f.kind)


def rule_follow_up(f: _Facts) -> list[FeedbackItem]:
    """A follow-up answer: did it supply what was asked, within the follow-up's length?"""
    c = f.check
    if c is None:
        return []
    out = []
    if c.switched_story:
        out.append(FeedbackItem("follow_up", "warn", None, follow_ups.switched_line(c)))
    elif c.not_checked and (unclear := f.structure.principles_unclear):
        guess = heard_principles(unclear[:1], (), ())
        name = f" — {guess[0].name}?" if guess and guess[0].name else ""
        out.append(FeedbackItem("follow_up", "info", None,
                                f"The follow-up asked for {c.asks}; a Leadership Principle was "
                                f"said but not clearly heard (\"{unclear[0]}\"{name}) — check "
                                f"the transcript, and say its name clearly."))
    elif c.not_checked:
        out.append(FeedbackItem("follow_up", "info", None,
                                f"The follow-up asked {c.asks}; whether the answer gives it is "
                                f"not checked — judge it yourself against the question."))
    elif c.supplied:
        # each number with the words that carry it ("error rate was around 12%"), not "12" alone
        said = evidence_said(tuple(c.evidence), answer_text(f.structure))
        ev = f" ({'; '.join(said)})" if said else ""
        out.append(FeedbackItem("follow_up", "good", None,
                                f"You answered the follow-up: {c.label} ✓{ev}."))
    else:
        out.append(FeedbackItem("follow_up", "warn", None,
                                f"The follow-up asked for {c.asks}; the answer did not give it "
                                f"— {follow_ups.how(c)}."))
    if c.length_s is not None and not c.length_ok:
        about = "about " if f.delivery is None else ""
        lo, hi = c.target_s
        out.append(FeedbackItem("length", "warn", None,
                                f"The follow-up answer ran {about}{c.length_s:.0f} s; "
                                f"{lo:.0f}–{hi:.0f} s is enough — answer what was "
                                f"asked, then stop."))
    return out


def _times(spans: Sequence[FadeMark | UptalkMark]) -> str:
    shown = [format_clock(x.start) for x in spans[:MAX_STRETCHES_LISTED]]
    more = len(spans) - MAX_STRETCHES_LISTED
    return ", ".join(shown) + (f" +{more} more" if more > 0 else "")


def rule_prosody(f: _Facts) -> list[FeedbackItem]:
    """Voice: monotone stretches, trailing off, uptalk, level; stretches without pitch said."""
    p = f.prosody
    if p is None:
        return []
    out = []
    if p.pitch.coverage < PROSODY_MIN_COVERAGE:
        share = round(100 * p.pitch.coverage)
        out.append(FeedbackItem("voice", "info", None,
                                f"Pitch was measurable in only {share} % of your speech "
                                "(whispered, noisy or unvoiced) — no voice score."))
    # QA6 F20: the number to stress only when the answer has one (the report's own count);
    # QA17 F18: and only in an answer about what you did (a story, an intro) — the numbers of an
    # explanation or a coding drill are no achievement
    stress = ("the number you are proud of"
              if f.kind == "behavioral" and f.structure.quantified_results
              else "the word that carries your point")
    for m in p.monotone_stretches[:MAX_STRETCHES_LISTED]:
        out.append(FeedbackItem("voice", "warn", m.start,
                                f"{format_clock(m.start)}–{format_clock(m.end)} your pitch "
                                f"barely moved (±{m.variation_st:.1f} st) — stress {stress}."))
    for s in p.no_pitch[:MAX_STRETCHES_LISTED]:
        out.append(FeedbackItem("voice", "info", s.start,
                                f"{format_clock(s.start)}–{format_clock(s.end)} no pitch "
                                "found (whisper, noise or unvoiced sounds) — not judged for "
                                "monotone."))
    if p.fades:
        warn = len(p.fades) >= 2 and len(p.fades) / max(p.sentence_ends, 1) >= 0.25
        out.append(FeedbackItem("voice", "warn" if warn else "info", p.fades[0].start,
                                f"{len(p.fades)} of {p.sentence_ends} sentences fade out at the "
                                f"end ({_times(p.fades)}) — land the last word."))
    if p.uptalk:
        out.append(FeedbackItem("voice", "warn" if len(p.uptalk) >= 2 else "info",
                                p.uptalk[0].start,
                                f"{len(p.uptalk)} of {p.declaratives} statements end rising like "
                                f"a question ({_times(p.uptalk)}) — finish statements on a "
                                "falling pitch."))
    e = p.energy
    if e.too_quiet:
        out.append(FeedbackItem("voice", "warn", None,
                                f"Your speech is quiet ({e.speech_dbfs:.0f} dBFS) — move closer "
                                "to the microphone or raise its input gain."))

    if e.clipped_share > CLIPPED_SHARE_MAX:
        out.append(FeedbackItem("voice", "warn", None,
                                f"{100 * e.clipped_share:.1f} % of the audio clips — lower the "
                                "microphone's input gain."))
    quiet = getattr(f.delivery, "quiet_speech", ())  # no praise beside "speak up" (QA5 F38)
    if (p.pitch.coverage >= PROSODY_MIN_COVERAGE and not quiet
            and not p.monotone_stretches and not p.uptalk and len(p.fades) <= 1):
        # "ended firmly" only when no fade was listed above
        firm = "" if p.fades else " and your sentences ended firmly"
        out.append(FeedbackItem("voice", "good", None,
                                f"Lively voice: your pitch moved over {p.pitch.range_st:.0f} "
                                f"semitones{firm}."))
    return out


def prosody_score(p: ProsodyInfo | None, cfg: Config) -> int | None:
    """Voice score 0–100, or None when too little of the speech had a pitch to judge."""
    if p is None or p.pitch.coverage < PROSODY_MIN_COVERAGE:
        return None
    shares = {"monotone_share": p.monotone_share,
              "fade_share": len(p.fades) / p.sentence_ends if p.sentence_ends else 0.0,
              "uptalk_share": len(p.uptalk) / p.declaratives if p.declaratives else 0.0}
    pen = sum(min(cap, per * shares[k]) for k, (per, cap) in PROSODY_PENALTY.items())
    return _clamp(100 - pen)


RULES = (rule_unrecognised, rule_quiet_speech, rule_background_voice, rule_off_topic,
         rule_lead_in, rule_silence,
         rule_long_pauses, rule_pace, rule_fillers, rule_prosody, rule_length, rule_habit,
         rule_star, rule_metric_triad, rule_story_depth, rule_scale, rule_principles, rule_i_we,
         rule_hedges, rule_technical, rule_clarify, rule_key_points, rule_think_aloud)
# An answer of fillers only is told there is nothing to coach, and what may have hidden it.
NO_CONTENT_RULES = (rule_unrecognised, rule_quiet_speech, rule_background_voice)
# A follow-up answer is judged on what was asked: delivery, then the follow-up's rubric.
FOLLOW_UP_RULES = (rule_unrecognised, rule_quiet_speech, rule_background_voice, rule_lead_in,
                   rule_silence, rule_long_pauses, rule_pace,
                   rule_fillers, rule_prosody, rule_follow_up, rule_hedges)


# --- scores ---------------------------------------------------------------------------------

def _penalty(name: str, units: float) -> float:
    per, cap = DELIVERY_PENALTY[name]
    return min(cap, per * max(0.0, units))


def delivery_score(f: _Facts) -> int:
    """0–100 from the same pauses, silences and pace the feedback names; a pause the limits
    name or forgive (`forgiven_pauses`) is never charged as slow pace, so raising a limit
    never lowers the score."""
    d, cfg = f.delivery, f.cfg
    p = cfg.pace
    pen = 0.0
    wpm, _ = judged_pace(f)
    if wpm is not None and wpm < p.min_wpm:  # a named silence is penalised once, as a silence
        wpm = max(wpm, min(p.min_wpm, pace_without_silences(f, wpm)[1] or wpm))
    if wpm is not None:
        pen += _penalty("pace_per_wpm", max(p.min_wpm - wpm, wpm - p.max_wpm, 0.0))
    if d.fillers_per_min is not None and not f.unheard:  # fillers are words heard
        pen += _penalty("fillers_per_extra_per_min", d.fillers_per_min - cfg.fillers.max_per_min)
    pen += _penalty("long_pause", len(long_pauses(f)))
    pen += _penalty("silence", len(silences(f)))
    if d.lead_in_s is not None and d.lead_in_s > lead_in_limit(f):
        pen += _penalty("lead_in", 1)
    return _clamp(100 - pen)


def signposted(s: Structure, kind: str) -> bool:
    """The answer is signposted — the one fact behind both the score item and the "Signpost the
    answer" tip: a signpost said, or (an explanation) a clarifying opening that frames it."""
    return s.signposts > 0 or kind != "coding" and s.clarifying_question


def structure_score(s: Structure, kind: str, question: Any | None = None) -> int:
    t = s.technical
    cov = s.key_points.covered_share()
    if kind == "behavioral" and not is_story(kind, getattr(question, "category", None)) \
            and cov is not None:
        # QA6 F22: an introduction is no STAR story; its shape is its key points (past, present,
        # why this role) — the lines the report prints, not STAR parts it never shows
        return _clamp(100 * cov)
    if kind == "behavioral":
        # a part not heard (lost speech) is not judged: the score is over the parts heard
        heard = {p: w for p, w in STAR_WEIGHTS.items() if not s.star[p].not_heard}
        score = 100 * sum(w for p, w in heard.items() if s.star_present[p]) / \
            max(1, sum(heard.values()))
        if s.star_present["action"] and s.star_share["action"] < ACTION_SHARE_MIN:
            score -= SHARE_PENALTY
        if setup_too_long(s):
            score -= SHARE_PENALTY
        if is_hypothetical(s):
            score = min(score, HYPOTHETICAL_STRUCTURE_MAX)
        return _clamp(score)
    if kind == "coding":
        have = {"clarified": s.clarifying_question, "signposted": signposted(s, kind),
                "complexity": t.complexity, "test": t.test,
                "example_or_tradeoff": t.example or t.tradeoff}
        return _clamp(sum(w for k, w in CODING_WEIGHTS.items() if have[k]))
    have = {"definition": t.definition, "example": t.example, "tradeoff": t.tradeoff,
            "measurement": t.measurement, "signposted": signposted(s, kind)}
    judged = {k: w for k, w in TECHNICAL_WEIGHTS.items()
              if k not in TECHNICAL_ITEMS or k in technical_items(question, t.design)}
    return _clamp(100 * sum(w for k, w in judged.items() if have[k]) / sum(judged.values()))


def _coverage(s: Structure) -> float | None:
    """Share of key points covered; one not clearly heard counts half
    (`report_model.UNCLEAR_CREDIT`)."""
    return s.key_points.covered_share()


def content_parts(s: Structure, kind: str, principles: tuple[str, ...] = (),
                  question: Any | None = None) -> dict[str, float]:
    """Sub-scores 0–100 behind `content` (depth, impact, principles, or coverage/shape)."""
    t = s.technical
    cov = _coverage(s)
    if kind == "behavioral" and cov is not None \
            and not is_story(kind, getattr(question, "category", None)):
        # an introduction is no story: no triad, no principle is asked of it, and its structure
        # is its key points — content is the same coverage, so the two scores agree (QA7 F17:
        # "structure 62, 1 of 4 covered, 3 half credit" next to "content 8")
        return {"coverage": 100 * cov}
    if kind == "behavioral":
        ownership = 0.0
        if s.star_present["action"]:
            v = ownership_voice(s)
            ownership = 1.0 if not v.we_count and v.i_count else \
                min(1.0, v.i_count / v.we_count if v.we_count else 0.0)
        depth_terms = [ownership, min(s.quantified_results, QUANTITIES_FOR_FULL_SPECIFICITY)
                       / QUANTITIES_FOR_FULL_SPECIFICITY]
        if cov is not None:
            depth_terms.append(cov)
        tri = s.metric_triad
        impact = (IMPACT_WEIGHTS["baseline"] * tri.baseline + IMPACT_WEIGHTS["after"] * tri.after
                  + IMPACT_WEIGHTS["business_outcome"] * tri.business_outcome
                  + IMPACT_WEIGHTS["scale"] * scale_said(s.scale_evidence))
        named = set(s.leadership_principles)
        lp = 0.0
        if named:
            lp += 60 + (20 if not principles or named & set(principles) else 0)
        lp += 20 * s.star_present["learning"]
        parts = {"depth": 100 * sum(depth_terms) / len(depth_terms), "impact": float(impact),
                 "principles": min(100.0, lp)}
        return parts if cov is None else {**parts, "coverage": 100 * cov}
    if kind == "coding":
        shape = (t.complexity + t.test + (t.example or t.tradeoff) + s.clarifying_question) / 4
    else:
        items = technical_items(question, t.design)
        shape = sum(bool(getattr(t, k)) for k in items) / len(items)
    if cov is not None:  # the key points are what it covers; the shape is the structure score
        return {"coverage": 100 * cov, "shape": 100 * shape}
    return {"coverage": 100 * shape, "shape": 100 * shape}


def content_score(s: Structure, kind: str, principles: tuple[str, ...] = (),
                  question: Any | None = None) -> int:
    """0–100 from `content_parts`, rising with every key point covered: an introduction's or an
    explanation's content is its key-point coverage, a story's `CONTENT_WEIGHTS_KEY_POINTS`
    (the guide's 40/40/20 when its question has no key points); a story that answers another
    question (`answers_other_question`) at most `OFF_TOPIC_CONTENT_MAX`."""
    parts = content_parts(s, kind, principles, question)
    if kind == "behavioral" and set(parts) != {"coverage"}:
        weights = CONTENT_WEIGHTS_KEY_POINTS if "coverage" in parts \
            else CONTENT_WEIGHTS_BEHAVIORAL
        score = _clamp(sum(w * parts[k] for k, w in weights.items()))
        if answers_other_question(s, kind, question):
            score = min(score, OFF_TOPIC_CONTENT_MAX)
        return score
    return _clamp(parts["coverage"])


# --- follow-up ------------------------------------------------------------------------------

def missing_keys(s: Structure, kind: str, *, impact: bool = False,
                 question_keys: tuple[str, ...] = (), question: Any | None = None) -> list[str]:
    """Follow-up keys for what the answer lacks, in priority order (FOLLOW_UP_ORDER); a
    technical or coding answer's come from the same gaps its feedback names
    (`technical_gaps`)."""
    t, tri = s.technical, s.metric_triad
    if kind == "behavioral":
        lacks = {
            "no_real_time": is_hypothetical(s),
            "no_action": not s.star_present["action"],
            "no_result": not fact_values(s)["result_number"],
            # a result number without its starting point: the feedback asks for "before and
            # after", so does the follow-up
            "no_baseline": (tri.after or tri.business_outcome) and not tri.baseline,
            "no_business_outcome": (tri.after or tri.baseline) and not tri.business_outcome,
            # … only when no step is told with "I" at all: the key point "what you personally
            # did" is made by one (`point_fact_values`), and a report that marks it covered
            # never asks for it (QA101 F9)
            "no_i": says_we_over_i(s) and not point_fact_values(s)["ownership"],
            "no_scale": impact and not scale_said(s.scale_evidence),
            # a principle said but not clearly heard is not asked for again (QA15 F03)
            "no_principle": not s.leadership_principles and not s.principles_unclear,
            "no_learning": not s.star_present["learning"],
        }
    elif kind == "coding":
        gaps = technical_gaps(s, kind, question)
        lacks = {"no_complexity": "complexity" in gaps, "no_test": "test" in gaps,
                 "no_clarify": not s.clarifying_question and "no_clarify" in question_keys,
                 "no_example": "example" in gaps, "no_tradeoff": not t.tradeoff}
    else:
        gaps = technical_gaps(s, kind, question)
        lacks = {"no_real_time": question is None and told_as_habit(s),
                 "no_example": "example" in gaps, "no_tradeoff": "tradeoff" in gaps,
                 "no_test": "measurement" in gaps,
                 "no_clarify": not s.clarifying_question and "no_clarify" in question_keys}
    return [k for k in FOLLOW_UP_ORDER.get(kind, FOLLOW_UP_ORDER["technical"]) if lacks.get(k)]


# a wording that refers back to what the answer said: "the highlights you mentioned", "the
# threshold you picked", "those people that you chose"
_REFERS_BACK = re.compile(r"\b(?:the|these|those|that|this|your)\s+((?:[a-z-]+\s+){0,2}?[a-z-]+)"
                          r"\s+(?:that\s+|which\s+)?you(?:'ve|\s+have)?\s+(?:just\s+)?"
                          r"(?:mentioned|described|said|named|used|chose|picked|gave|listed|"
                          r"told|talked\s+about)\b")


def presupposes_missed(text: str, s: Structure) -> bool:
    """Whether a follow-up wording refers back to something as said ("Of the highlights you
    mentioned, …") that a key point the report marks missed names ("two or three highlights,
    each with a number"): asking it would presuppose what the report just said was not there
    (QA14 F13)."""
    missed = s.key_points.missed
    return any(key_point_hits(point, m.group(1))[0] > 0
               for m in _REFERS_BACK.finditer(text.lower()) for point in missed)


AIMED_MIN_HITS = 2  # content words a follow-up's wording shares with a key point it asks for…
AIMED_MIN_SHARE = 0.5  # …and at least this share of the point's


def targets_open_point(text: str, s: Structure) -> bool:
    """A question's own follow-up wording asks for a key point the answer missed or did not
    make clearly: it says at least `AIMED_MIN_HITS` and `AIMED_MIN_SHARE` of that point's
    content words ("requests per second … at peak" for "turn daily volume into peak requests
    per second")."""
    for point in (*s.key_points.missed, *s.key_points.unclear):
        hits, units = key_point_hits(text, point)
        if units and hits >= AIMED_MIN_HITS and hits >= AIMED_MIN_SHARE * units:
            return True
    return False


def choose_follow_up(s: Structure, kind: str, question: Any | None = None, *,
                     impact: bool = False, asked: tuple[str, ...] = (),
                     asked_texts: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """(question text, key): the first gap in priority order; the question's own wording wins.

    In a technical or coding answer a gap the question words a follow-up for comes before a
    generic one (after a story never told, `no_real_time`): "What is the cost of a false
    positive here …?" for the trade-offs the report marks ✗, not "Can you give me a concrete
    example?" (QA14 F23). A story keeps the fixed order: its feedback asks in that order.
    A follow-up already asked (`asked` keys, `asked_texts` wording) is never asked again, nor
    a question's own wording whose words the answer already says (`follow_ups.asked_terms`:
    "What quality do you give up …?" after "… within a point of full fine-tuning quality").
    """
    own = dict(getattr(question, "follow_ups", {}) or {})
    said = {" ".join(t.lower().split()) for t in asked_texts}
    # a behavioural answer that is not a story ("what are you looking for next?") is asked only
    # its question's own follow-ups, never for a story's result or baseline
    story = kind != "behavioral" or is_story(kind, getattr(question, "category", None))
    keys = missing_keys(s, kind, impact=impact, question_keys=tuple(own), question=question)
    if kind != "behavioral":  # a story keeps its order: the feedback's ask comes first
        # the question's own follow-up that asks for a key point the report calls not covered
        # comes first (QA16 F14: "Roughly how many requests per second is that at peak?" for a
        # missed "turn daily volume into peak requests per second", not the trade-off's)
        aimed = [k for k in own if targets_open_point(own[k], s)]
        keys += [k for k in aimed if k not in keys]
        keys.sort(key=lambda k: (k != "no_real_time", k not in aimed,
                                 k not in own))  # stable: order kept
    for key in keys:
        if not story and key not in own:
            continue
        text = own.get(key) or GENERIC_FOLLOW_UPS.get(key)
        if key in own and presupposes_missed(text, s):
            text = GENERIC_FOLLOW_UPS.get(key)  # not "the highlights you mentioned": none were
        if asks_result_number(key, s):
            # the outcome was told: ask for its number — in the question's own words for its
            # metric when it has them ("What was the customer metric before you changed
            # direction?", QA17 F13), else generically
            own_number = own.get("no_baseline")
            terms = follow_ups.asked_terms(question, "no_baseline") if own_number else None
            if own_number and "no_baseline" not in asked and not presupposes_missed(own_number, s) \
                    and " ".join(own_number.lower().split()) not in said \
                    and not (terms and follow_ups.terms_given(terms, s)):
                return own_number, "no_baseline"
            text = RESULT_NUMBER_FOLLOW_UP
        terms = follow_ups.asked_terms(question, key) if key in own else None
        if terms and follow_ups.terms_given(terms, s):
            continue  # the answer (or a key point it is credited) already gave what this asks
        if text and key not in asked and " ".join(text.lower().split()) not in said:
            return text, key
    return None, None


# --- entry point ----------------------------------------------------------------------------

def coach(*, delivery: Any | None, structure: Structure, question: Any | None, cfg: Config,
          kind: str | None = None, think_aloud: Any | None = None, unrecognised: Any = (),
          follow_up: FollowUpContext | None = None,
          markers: dict[str, MarkerInfo] | None = None,
          prosody: ProsodyInfo | None = None, unheard: str | None = None) -> Coaching:
    """Score an answer, list feedback (in rule order: delivery, then structure) and pick a follow-up.

    Args:
        delivery: a `voice_coach.analysis.delivery.Delivery`, or None for a transcript only.
        structure: from `analyze_structure` (reconciled here; `Coaching.facts` is the result).
        question: a `voice_coach.questions.Question`, or None.
        cfg: thresholds (silence, pace, fillers, answer length).
        kind: "behavioral" | "technical" | "coding"; defaults to the question's, then the
            structure's inferred kind.
        think_aloud: the drill's `ThinkAloud`; its stretches are then the silence list and its
            markers count for the technical shape.
        unrecognised: stretches of speech without words (`transcript.unrecognised`, objects or
            dicts with start/end); no pause or pace advice is given over them. The delivery's
            own `unrecognised` list is used too when it has one.
        follow_up: set when this answer replies to a follow-up question; it is then judged by
            that follow-up's rubric (`voice_coach.follow_ups`).
        markers: reasoning markers heard (`analysis.think_aloud.find_markers`); they count for
            a technical or coding answer's shape (a drill's own markers win).
        prosody: a `voice_coach.analysis.prosody.Prosody`, or None; its voice score is folded
            into the delivery score with weight `PROSODY_WEIGHT`.
        unheard: why the transcript is unreliable (`analysis.hearing.transcript_unreliable`),
            or None. Then nothing the words say (or their count) is judged: no structure,
            content or overall score, no absence flagged, no follow-up (QA14 F09).
    """
    the_kind = kind or answer_kind(question, structure.kind) or structure.kind
    target = float(getattr(question, "target_s", 0) or cfg.answer.target_s)
    if think_aloud is not None:
        markers = think_aloud.markers
    s = reconcile(structure, kind=the_kind, category=getattr(question, "category", None),
                  markers=markers, length_s=_length_s(delivery, structure)[0])
    # a principle named in a naming frame and misheard is named, or said and not clearly heard
    s = hear_principles(s, tuple(getattr(question, "principles", ()) or ()))
    if the_kind in ("technical", "coding") or getattr(question, "kind", None) == "technical":
        s = technical_said(s, question)  # a story for a technical question is judged on depth
        s = settle_key_points(s)  # the facts just added judge their key points too
    if think_aloud is not None:
        # the drill's marker table and the facts are one verdict: a marker ticks with the span
        # that says its fact, and a fact no span says is dropped (QA11 F09)
        settled = settle_drill_markers(think_aloud.markers, s, question)
        s = settle_key_points(unticked_shape_facts(s, settled))
        think_aloud = dataclasses.replace(think_aloud, markers=settled)
    lost = tuple(spans_of(unrecognised)) + tuple(spans_of(getattr(delivery, "unrecognised", ())))
    if lost:  # what the question asks may be in the speech that was not recognised
        s = dataclasses.replace(s, question_fit=None)
        if follow_up is None:
            s = mark_not_heard(s, lost, story=the_kind == "behavioral" and is_story(
                the_kind, getattr(question, "category", None)))
    if follow_up is None:  # an answer to another question is not credited its points
        s = uncredit_off_topic(s, the_kind, question)
    if unheard is not None:
        s = dataclasses.replace(mark_unheard(s, story=the_kind == "behavioral" and is_story(
            the_kind, getattr(question, "category", None))), question_fit=None)
    facts = _Facts(delivery, s, question, cfg, the_kind, target, think_aloud,
                   tuple(sorted(set(lost))),
                   follow_up, prosody=prosody, markers=markers, unheard=unheard)
    check = None
    if follow_up is not None:
        length, _ = _answer_length_s(facts)
        first = (answer_text(follow_up.original) if follow_up.original is not None
                 else follow_up.first_text)
        # a result told in words was asked for its number ("what number shows it?"): the reply
        # is judged on a number too (QA84 F2)
        asked = RESULT_NUMBER_FOLLOW_UP if follow_up.original is not None \
            and asks_result_number(follow_up.kind, follow_up.original) else None
        check = follow_ups.judge(follow_up.kind, s, length, question, first_text=first,
                                 point_made=follow_up.asked_point_made, asked=asked,
                                 original=follow_up.original)
        if asked is not None:  # named as asked: "result number ✗", never "result ✗" beside the
            # answer's R ✓ (QA88 F10)
            check = dataclasses.replace(check, label="result number",
                                        asks="a number that shows how it ended")
        if follow_ups.rubric(follow_up.kind).evidence == "quantities":
            # the numbers the check quotes ("baseline ✓ (2.5%)") are the reply's quantified
            # results too: no "0 quantified results" next to them
            s = dataclasses.replace(s, quantified_results=max(s.quantified_results,
                                                              len(check.evidence)))
        facts = dataclasses.replace(facts, structure=s, check=check)
    if think_aloud is not None:  # the drill's markers say what the facts say (one verdict)
        facts = dataclasses.replace(facts, think_aloud=dataclasses.replace(
            think_aloud, markers=settle_drill_markers(think_aloud.markers, s, question)))
    principles = tuple(getattr(question, "principles", ()) or ())
    if _no_speech(delivery, s):
        # Nothing was said: every other rule would only restate that.
        feedback = [FeedbackItem("silence", "warn", None, NO_SPEECH_MESSAGE)]
        d_score: int | None = 0
    elif not has_content(s):
        # Fillers only: there is no answer to coach (QA5 F39) — no pace, voice, STAR-L or key
        # points, and no score. Only what the recording itself lost or hid is said (speech the
        # transcriber did not recognise, speech too quiet to hear): it may be why.
        feedback = [item for rule in NO_CONTENT_RULES for item in rule(facts)]
        feedback.append(FeedbackItem("content", "warn", None, NO_CONTENT_MESSAGE.format(
            hint=NO_CONTENT_HINT.get(the_kind, NO_CONTENT_HINT["technical"]))))
        s = dataclasses.replace(s, key_points=KeyPoints())
        return Coaching(Scores(None, None, None, None), feedback, None, None, s, check,
                        no_content=True)
    else:
        rules = RULES if check is None else FOLLOW_UP_RULES
        feedback = [item for rule in rules for item in rule(facts)]
        if facts.lost:
            feedback = [_soften(item) for item in feedback]
        if unheard is not None:  # only what the audio shows; the words are not judged
            feedback = [FeedbackItem("transcription", "warn", None,
                                     UNHEARD_MESSAGE.format(why=unheard)),
                        *(item for item in feedback if item.area in AUDIO_AREAS)]
        d_score = delivery_score(facts) if delivery is not None else None
        voice = prosody_score(prosody, cfg)
        if d_score is not None and voice is not None:
            d_score = _clamp((1 - PROSODY_WEIGHT) * d_score + PROSODY_WEIGHT * voice)
    if unheard is not None:  # no score from words the transcriber could not hear
        s_score, c_score = None, None
    elif check is not None:
        s_score, c_score = follow_ups.scores(check)
    else:
        s_score = structure_score(s, the_kind, question)
        c_score = content_score(s, the_kind, principles, question)
    # a reply nothing could check is not scored: no overall that reads as a judged one (QA9 F26)
    overall = None if s_score is None or c_score is None else \
        overall_score(d_score, s_score, c_score)
    if not has_content(s) or unheard is not None:
        text, key = None, None  # nothing was said (or heard) to follow up on
    elif answers_other_question(s, the_kind, question):
        text, key = None, None  # no detail of another question's story is asked for
    elif follow_up is None:
        text, key = choose_follow_up(s, the_kind, question, impact=_is_impact_question(facts))
    elif follow_up.original is not None:
        # the next gap of the story with this reply merged in, never one already asked nor
        # one whose fact the reply itself just gave ("That was Frugality. I learned …"); a
        # reply about another story gave nothing about this one
        merged = follow_ups.fill(follow_up.original, check, s)
        given = () if check.switched_story else follow_ups.given(s)
        text, key = choose_follow_up(merged, the_kind, question,
                                     impact=_is_impact_question(facts),
                                     asked=follow_up.asked + (follow_up.kind,) + given,
                                     asked_texts=follow_up.asked_texts)
    else:
        text, key = None, None
    log.debug("coach: kind=%s scores d=%s s=%s c=%s follow-up=%s", the_kind, d_score, s_score,
              c_score, key)
    return Coaching(Scores(d_score, s_score, c_score, overall), feedback, text, key, s, check,
                    unheard=unheard)


def overall_score(delivery: int | None, structure: int, content: int) -> int:
    """The weighted overall score (`OVERALL_WEIGHTS`, or `OVERALL_WEIGHTS_NO_AUDIO`)."""
    if delivery is None:
        w = OVERALL_WEIGHTS_NO_AUDIO
        return _clamp(w["structure"] * structure + w["content"] * content)
    w = OVERALL_WEIGHTS
    return _clamp(w["delivery"] * delivery + w["structure"] * structure + w["content"] * content)


def with_follow_up(original: Structure, answer: Structure, check: follow_ups.FollowUpCheck, *,
                   question: Any | None, cfg: Config, kind: str | None = None,
                   delivery_score_: int | None = None, n: int | None = None,
                   point_made: str | None = None) -> WithFollowUp:
    """The original answer re-scored with what its follow-up supplied merged into its facts.

    Returns the original report's `with_follow_up` block: the follow-up kind, what it supplied
    (`{label: bool}`), the merged scores (the original's delivery score is kept), `n`, the
    follow-up answer's number, and `counted`: the merged scores are the answer's score in the
    session when the reply supplied what was asked in the same story; `point_made`: the key
    point the question's own wording asked about, made by the reply (`FollowUpContext`).
    """
    the_kind = kind or answer_kind(question, original.kind) or original.kind
    merged = follow_ups.fill(original, check, answer)
    before = fact_values(original)
    merged, points = _points_made(original, merged, {k for k, v in fact_values(merged).items()
                                                     if v and not before[k]}, check, question,
                                   point_made)
    principles = tuple(getattr(question, "principles", ()) or ())
    s_score = structure_score(merged, the_kind, question)
    c_score = content_score(merged, the_kind, principles, question)
    return WithFollowUp(
        kind=check.kind, label=check.label, supplied=check.supplied,
        evidence=tuple(check.evidence),
        scores=Scores(delivery_score_, s_score, c_score,
                      overall_score(delivery_score_, s_score, c_score)),
        facts={k: v for k, v in fact_values(merged).items() if v != before[k]
               # a story is not judged on a technical answer's checklist ("definition ✓" beside
               # "Situation ✓" for a reply that tells one real time: QA143 F5)
               and not (the_kind == "behavioral" and k in TECHNICAL_FACTS)}, n=n,
        switched_story=check.switched_story, points=points,
        counted=bool(check.supplied and not check.switched_story))


def _points_made(original: Structure, merged: Structure, added: set[str],
                 check: follow_ups.FollowUpCheck, question: Any | None,
                 point_made: str | None = None) -> tuple[Structure, tuple[str, ...]]:
    """`merged` with the key points the answer left open that its reply made moved to covered,
    and those points: a point restating the facts the reply supplied (`supplied_by_reply`), or,
    for a question's own wording of the follow-up, a point naming what it asked about
    (`follow_ups.asked_terms`: "macro versus micro averaging" for "How would you average over
    classes?"); a reply that is the story now (`Rubric.new_story`) made the open points its own
    judging covers — so the score with the follow-up rises with every point the reply made, as
    "key points ✗ → ✓ with the follow-up" says (QA47 F1, F2)."""
    if not check.supplied or check.switched_story:
        return merged, ()
    kp = merged.key_points
    was_open = (*original.key_points.missed, *original.key_points.unclear)
    told = tuple(k for k in kp.covered if k in was_open)  # a story told anew covers them
    terms = follow_ups.asked_terms(question, check.kind) or ()

    def made(point: str) -> bool:
        if point == point_made or supplied_by_reply(point, merged.star, merged.metric_triad,
                                                    added):
            return True  # the point asked about, made by meaning (QA71 F2)
        hits, units = key_point_hits(point, " ".join(terms)) if terms else (0, 0)
        return units > 0 and hits >= math.ceil(follow_ups.ASKED_SHARE * units)
    moved = tuple(k for k in (*kp.missed, *kp.unclear) if made(k))
    return with_points_made(merged, moved), told + moved


def with_points_made(s: Structure, points: Sequence[str]) -> Structure:
    """`s` with the key points `points` (missed or not clearly heard in it) covered: what a
    follow-up reply made (`WithFollowUp.points`), read alike by the report and the story bank."""
    kp = s.key_points
    moved = tuple(k for k in (*kp.missed, *kp.unclear) if k in points)
    if not moved:
        return s
    unclear = [(k, w) for k, w in zip(kp.unclear, (*kp.closest, *[""] * len(kp.unclear)))
               if k not in moved]
    return dataclasses.replace(s, key_points=dataclasses.replace(
        kp, covered=kp.covered + moved, missed=tuple(k for k in kp.missed if k not in moved),
        unclear=tuple(k for k, _ in unclear),
        closest=tuple(w for _, w in unclear)[:len(kp.closest)]))
