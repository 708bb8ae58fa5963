"""Coaching: thresholds + metrics → scores, feedback items and one follow-up question.

The coach never measures anything itself: it reads the `Delivery` (pauses, pace, fillers;
None for a transcript-only answer) and the `Structure` (STAR-L, metric triad, …), compares
them with the user's `Config` and the question, and says what to change. Each concern is one
small rule function (`RULES`); the list is assembled once, like whisper's logit filters.
How every score is computed is documented in docs/structure.md.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

from voice_coach.analysis.structure import STAR_PARTS, Structure
from voice_coach.config import Config

log = logging.getLogger(__name__)

__all__ = ["Coaching", "FeedbackItem", "Scores", "coach", "choose_follow_up", "format_clock"]

SEVERITIES = ("info", "warn", "good")
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
SETUP_SHARE_MAX = 0.45  # the guide: Situation + Task ≈ 20–30 %
SHARE_PENALTY = 10
TECHNICAL_WEIGHTS = {"definition": 25, "example": 25, "tradeoff": 20, "measurement": 20,
                     "signposted": 10}
CODING_WEIGHTS = {"clarified": 15, "signposted": 15, "complexity": 25, "test": 25,
                  "example_or_tradeoff": 20}
CONTENT_WEIGHTS_BEHAVIORAL = {"depth": 0.4, "impact": 0.4, "principles": 0.2}  # the guide's 40/40/20
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
    "behavioral": ("no_action", "no_result", "no_baseline", "no_business_outcome", "no_i",
                   "no_scale", "no_principle", "no_learning"),
    "technical": ("no_example", "no_tradeoff", "no_test", "no_clarify"),
    "coding": ("no_complexity", "no_test", "no_clarify", "no_example", "no_tradeoff"),
}
IMPACT_CATEGORY_HINTS = ("llm", "fine", "impact", "applied", "deep-dive", "project")


# --- result types ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Scores:
    delivery: int | None  # None without audio
    structure: int
    content: int
    overall: int

    def to_dict(self) -> dict[str, int | None]:
        return {"delivery": self.delivery, "structure": self.structure, "content": self.content,
                "overall": self.overall}


@dataclass(frozen=True)
class FeedbackItem:
    area: str  # silence | pauses | lead_in | pace | fillers | voice | length | star | metrics |
    #            scale | principles | ownership | hedges | technical | key_points | clarify
    severity: str  # info | warn | good
    at_s: float | None  # seconds from the start of the recording, when the finding has a place
    message: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, got {self.severity!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"area": self.area, "severity": self.severity,
                "at_s": None if self.at_s is None else round(self.at_s, 2),
                "message": self.message}


@dataclass(frozen=True)
class Coaching:
    scores: Scores
    feedback: list[FeedbackItem]
    follow_up: str | None
    follow_up_key: str | None

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
    prosody: Any | None = None  # `voice_coach.analysis.prosody.Prosody`, None without audio


def format_clock(t_s: float) -> str:
    """Seconds → "m:ss" (the one place feedback turns times into text)."""
    total = int(round(t_s))
    return f"{total // 60}:{total % 60:02d}"


def _clamp(x: float) -> int:
    return int(round(max(0.0, min(100.0, x))))


def _answer_length_s(f: _Facts) -> tuple[float | None, bool]:
    """(length, estimated): speaking span from delivery, else words at ESTIMATED_WPM."""
    d = f.delivery
    if d is not None and d.speech_start_s is not None and d.speech_end_s is not None:
        return d.speech_end_s - d.speech_start_s, False
    if f.structure.word_count:
        return f.structure.word_count / ESTIMATED_WPM * 60.0, True
    return None, True


def _is_impact_question(f: _Facts) -> bool:
    q = f.question
    if q is None:
        return bool(f.structure.scale_evidence) or f.structure.metric_triad.after
    return "no_scale" in getattr(q, "follow_ups", {}) or any(
        h in (q.category or "").lower() for h in IMPACT_CATEGORY_HINTS)


# --- delivery rules -------------------------------------------------------------------------

INTRO_CATEGORY = "intro"  # question category of recruiter-screen / "about you" questions
NO_SPEECH_MESSAGE = ("No speech was heard in this answer — check that the microphone is on "
                     "(`voice-coach devices`) and answer aloud.")


def _no_speech(delivery: Any | None, structure: Structure) -> bool:
    """An audio answer in which the VAD heard no speech and Whisper wrote no word."""
    return (delivery is not None and getattr(delivery, "speech_start_s", None) is None
            and not structure.word_count)


def rule_lead_in(f: _Facts) -> list[FeedbackItem]:
    d = f.delivery
    if d is None or d.lead_in_s is None:
        return []
    s = f.cfg.silence
    limit = s.lead_in_coding_max_s if f.kind == "coding" else s.lead_in_max_s
    if d.lead_in_s <= limit:
        return []
    return [FeedbackItem("lead_in", "warn", 0.0,
                         f"{d.lead_in_s:.1f} s before your first word (limit {limit:g} s) — open "
                         f"by restating the question or saying how you will approach it.")]


def rule_silence(f: _Facts) -> list[FeedbackItem]:
    d = f.delivery
    if d is None:
        return []
    limit = f.cfg.silence.long_silence_s
    return [FeedbackItem("silence", "warn", p.start,
                         f"{p.duration:.1f} s of silence at {format_clock(p.start)} — say what "
                         f"you are weighing.")
            for p in d.pauses if p.duration >= limit]


def rule_long_pauses(f: _Facts) -> list[FeedbackItem]:
    d = f.delivery
    if d is None:
        return []
    s = f.cfg.silence
    long_ = [p for p in d.pauses if s.pause_s <= p.duration < s.long_silence_s]
    if not long_:
        return []
    worst = max(long_, key=lambda p: p.duration)
    severity = "warn" if len(long_) >= 3 else "info"
    noun = "pause" if len(long_) == 1 else "pauses"
    return [FeedbackItem("pauses", severity, worst.start,
                         f"{len(long_)} long {noun} (≥ {s.pause_s:g} s); the longest, "
                         f"{worst.duration:.1f} s at {format_clock(worst.start)} — narrate your "
                         f"reasoning while you think.")]


def rule_pace(f: _Facts) -> list[FeedbackItem]:
    d = f.delivery
    if d is None or d.wpm is None:
        return []
    p = f.cfg.pace
    if d.wpm < p.min_wpm:
        slowest = min(d.pace_timeline, key=lambda w: w.wpm, default=None)
        at = slowest.start if slowest is not None else None
        where = f" (slowest around {format_clock(at)})" if at is not None else ""
        return [FeedbackItem("pace", "warn", at,
                             f"Pace {d.wpm:.0f} wpm is below {p.min_wpm:g}–{p.max_wpm:g}{where} — "
                             f"fewer pauses inside sentences will lift it.")]
    if d.wpm > p.max_wpm:
        fastest = max(d.pace_timeline, key=lambda w: w.wpm, default=None)
        at = fastest.start if fastest is not None else None
        where = f" (fastest around {format_clock(at)})" if at is not None else ""
        return [FeedbackItem("pace", "warn", at,
                             f"Pace {d.wpm:.0f} wpm is above {p.min_wpm:g}–{p.max_wpm:g}{where} — "
                             f"slow down and let key numbers land.")]
    return [FeedbackItem("pace", "good", None,
                         f"Pace {d.wpm:.0f} wpm is in the conversational range.")]


def rule_fillers(f: _Facts) -> list[FeedbackItem]:
    d = f.delivery
    if d is None or d.fillers_per_min is None:
        return []
    limit = f.cfg.fillers.max_per_min
    if d.fillers_per_min <= limit:
        return []
    common = Counter(x.text.lower() for x in d.fillers).most_common(2)
    which = ", ".join(f'"{w}" ×{n}' for w, n in common)
    first = d.fillers[0].start if d.fillers else None
    return [FeedbackItem("fillers", "warn", first,
                         f"{d.filler_count} fillers, {d.fillers_per_min:.1f} per minute (limit "
                         f"{limit:g}) — mostly {which}; pause silently instead.")]


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
    if length < f.target_s * LENGTH_SHORT_FRACTION:
        return [FeedbackItem("length", "info", None,
                             f"The answer ran {about}{length:.0f} s against a {f.target_s:.0f} s "
                             f"target — there is room for the missing detail.")]
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


def _is_story(f: _Facts) -> bool:
    """A behavioural story. Intro questions ("tell me about yourself") are behavioural too, but
    not STAR stories: their key points and follow-ups coach them instead."""
    return f.kind == "behavioral" and getattr(f.question, "category", None) != INTRO_CATEGORY


def rule_star(f: _Facts) -> list[FeedbackItem]:
    if not _is_story(f):
        return []
    s = f.structure
    out = [FeedbackItem("star", sev, None, msg)
           for part, (sev, msg) in _STAR_MISSING.items() if not s.star_present[part]]
    setup = s.star_share["situation"] + s.star_share["task"]
    if s.star_present["action"] and s.star_share["action"] < ACTION_SHARE_MIN:
        out.append(FeedbackItem("star", "info", s.first_time_of("action"),
                                f"Action was {s.star_share['action']:.0%} of the answer — make "
                                f"what you did the bulk (about half)."))
    if setup > SETUP_SHARE_MAX:
        out.append(FeedbackItem("star", "warn", s.first_time_of("action"),
                                f"Situation and Task took {setup:.0%} of the answer — keep the "
                                f"set-up to about a quarter and get to your actions sooner."))
    if all(s.star_present[p] for p in STAR_PARTS):
        out.append(FeedbackItem("star", "good", None, "Complete STAR-L story."))
    return out


def rule_metric_triad(f: _Facts) -> list[FeedbackItem]:
    s = f.structure
    t = s.metric_triad
    if not _is_story(f) or not s.star_present["action"]:
        return []
    at = s.first_time_of("result")
    if t.complete:
        return [FeedbackItem("metrics", "good", at,
                             "Impact is anchored: before, after and the business outcome ("
                             + "; ".join(t.evidence[:3]) + ").")]
    if not (t.after or t.baseline):
        return [FeedbackItem("metrics", "warn", at,
                             "The result has no number — give the metric before and after, and "
                             "what it meant for customers or the business.")]
    out = []
    if not t.baseline:
        out.append(FeedbackItem("metrics", "warn", at,
                                "You gave the new number but not the baseline — say what it was "
                                "before your change."))
    if not t.after:
        out.append(FeedbackItem("metrics", "warn", at,
                                "You gave a starting number but not where it ended up."))
    if not t.business_outcome:
        out.append(FeedbackItem("metrics", "warn", at,
                                "No business or customer outcome — translate the metric into "
                                "money, time, users, latency or contacts."))
    return out


def rule_scale(f: _Facts) -> list[FeedbackItem]:
    s = f.structure
    if f.kind != "behavioral" or not _is_impact_question(f):
        return []
    if s.scale_evidence:
        return [FeedbackItem("scale", "good", None,
                             "Scale and shipping evidence: " + ", ".join(s.scale_evidence[:3]) + ".")]
    return [FeedbackItem("scale", "info", None,
                         "No scale evidence — mention request or user volume, the A/B test, the "
                         "SLA or the regression rate you held.")]


def rule_principles(f: _Facts) -> list[FeedbackItem]:
    if not _is_story(f):
        return []
    named = f.structure.leadership_principles
    wanted = tuple(getattr(f.question, "principles", ()) or ())
    if not named:
        hint = f" (this question targets {', '.join(wanted)})" if wanted else ""
        return [FeedbackItem("principles", "info", None,
                             f"No Leadership Principle named{hint} — say which one the story "
                             f"shows.")]
    if wanted and not set(named) & set(wanted):
        return [FeedbackItem("principles", "info", None,
                             f"You named {', '.join(named)}; this question targets "
                             f"{', '.join(wanted)}.")]
    return [FeedbackItem("principles", "good", None, f"Named {', '.join(named)}.")]


def rule_i_we(f: _Facts) -> list[FeedbackItem]:
    s = f.structure
    if f.kind != "behavioral" or s.i_we_ratio is None or s.i_we_ratio >= 1.0:
        return []
    return [FeedbackItem("ownership", "warn", None,
                         f'You said "we" {s.we_count} times and "I" {s.i_count} times — say what '
                         f"you did yourself.")]


def rule_hedges(f: _Facts) -> list[FeedbackItem]:
    n = f.structure.hedges
    if n < HEDGES_FLAGGED:
        return []
    return [FeedbackItem("hedges", "info", None,
                         f'{n} hedges ("I think", "maybe", "sort of") — state facts and results '
                         f"plainly.")]


_TECH_MISSING = {
    "definition": "Start with a one-sentence definition.",
    "example": "Give a concrete example.",
    "tradeoff": "Name the trade-off (what you give up).",
    "measurement": "Say how you would measure it (metric, validation, A/B test).",
}
_CODING_MISSING = {
    "complexity": "State the time and memory complexity.",
    "test": "Say how you would test it, including an edge case.",
}


def rule_technical(f: _Facts) -> list[FeedbackItem]:
    if f.kind not in ("technical", "coding"):
        return []
    t = f.structure.technical
    missing = dict(_CODING_MISSING) if f.kind == "coding" else dict(_TECH_MISSING)
    if f.kind == "coding" and not (t.example or t.tradeoff):
        missing["example"] = "Walk through a small example input."
    out = [FeedbackItem("technical", "warn" if key in ("complexity", "example") else "info", None,
                        msg) for key, msg in missing.items() if not getattr(t, key, False)]
    if not f.structure.signposts and f.structure.word_count > 60:
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
        return [FeedbackItem("clarify", "info", None,
                             "Start by confirming inputs, constraints and edge cases.")]
    return []


def rule_key_points(f: _Facts) -> list[FeedbackItem]:
    s = f.structure
    if not s.key_points_missed:
        return []
    listed = "; ".join(s.key_points_missed[:MAX_LISTED])
    more = len(s.key_points_missed) - MAX_LISTED
    tail = f" (+{more} more)" if more > 0 else ""
    return [FeedbackItem("key_points", "info", None, f"Not covered: {listed}{tail}.")]


def _times(spans: Any) -> str:
    shown = [format_clock(x.start_s if hasattr(x, "start_s") else x) for x in
             list(spans)[:MAX_STRETCHES_LISTED]]
    more = len(spans) - MAX_STRETCHES_LISTED
    return ", ".join(shown) + (f" +{more} more" if more > 0 else "")


def rule_prosody(f: _Facts) -> list[FeedbackItem]:
    """Voice: monotone stretches, trailing off, uptalk, level; stretches without pitch said."""
    p = f.prosody
    if p is None:
        return []
    out = []
    if p.pitch is None or p.pitch.coverage < PROSODY_MIN_COVERAGE:
        share = 0 if p.pitch is None else round(100 * p.pitch.coverage)
        out.append(FeedbackItem("voice", "info", None,
                                f"Pitch was measurable in only {share} % of your speech "
                                "(whispered, noisy or unvoiced) — no voice score."))
    for m in p.monotone_stretches[:MAX_STRETCHES_LISTED]:
        out.append(FeedbackItem("voice", "warn", m.start_s,
                                f"{format_clock(m.start_s)}–{format_clock(m.end_s)} your pitch "
                                f"barely moved (±{m.variation_st:.1f} st) — stress the number "
                                "you are proud of."))
    for s in p.no_pitch[:MAX_STRETCHES_LISTED]:
        out.append(FeedbackItem("voice", "info", s.start_s,
                                f"{format_clock(s.start_s)}–{format_clock(s.end_s)} no pitch "
                                "found (whisper, noise or unvoiced sounds) — not judged for "
                                "monotone."))
    if p.fades:
        warn = len(p.fades) >= 2 and len(p.fades) / max(p.sentence_ends, 1) >= 0.25
        out.append(FeedbackItem("voice", "warn" if warn else "info", p.fades[0].start_s,
                                f"{len(p.fades)} of {p.sentence_ends} sentences fade out at the "
                                f"end ({_times(p.fades)}) — land the last word."))
    if p.uptalk:
        out.append(FeedbackItem("voice", "warn" if len(p.uptalk) >= 2 else "info",
                                p.uptalk[0].start_s,
                                f"{len(p.uptalk)} of {p.declaratives} statements end rising like "
                                f"a question ({_times(p.uptalk)}) — finish statements on a "
                                "falling pitch."))
    e = p.energy
    if e.too_quiet:
        out.append(FeedbackItem("voice", "warn", None,
                                f"Your speech is quiet ({e.speech_dbfs:.0f} dBFS) — move closer "
                                "to the microphone or raise its input gain."))
    from voice_coach.analysis.prosody import CLIPPED_SHARE_MAX

    if e.clipped_share > CLIPPED_SHARE_MAX:
        out.append(FeedbackItem("voice", "warn", None,
                                f"{100 * e.clipped_share:.1f} % of the audio clips — lower the "
                                "microphone's input gain."))
    if (p.pitch is not None and p.pitch.coverage >= PROSODY_MIN_COVERAGE
            and not p.monotone_stretches and not p.uptalk and len(p.fades) <= 1):
        out.append(FeedbackItem("voice", "good", None,
                                f"Lively voice: your pitch moved over {p.pitch.range_st:.0f} "
                                "semitones and your sentences ended firmly."))
    return out


def prosody_score(p: Any, cfg: Config) -> int | None:
    """Voice score 0–100, or None when too little of the speech had a pitch to judge."""
    if p is None or p.pitch is None or p.pitch.coverage < PROSODY_MIN_COVERAGE:
        return None
    shares = {"monotone_share": p.monotone_share,
              "fade_share": len(p.fades) / p.sentence_ends if p.sentence_ends else 0.0,
              "uptalk_share": len(p.uptalk) / p.declaratives if p.declaratives else 0.0}
    pen = sum(min(cap, per * shares[k]) for k, (per, cap) in PROSODY_PENALTY.items())
    return _clamp(100 - pen)


RULES = (rule_lead_in, rule_silence, rule_long_pauses, rule_pace, rule_fillers, rule_prosody,
         rule_length, rule_star, rule_metric_triad, rule_scale, rule_principles, rule_i_we,
         rule_hedges, rule_technical, rule_clarify, rule_key_points)


# --- scores ---------------------------------------------------------------------------------

def _penalty(name: str, units: float) -> float:
    per, cap = DELIVERY_PENALTY[name]
    return min(cap, per * max(0.0, units))


def delivery_score(d: Any, cfg: Config, kind: str) -> int:
    s, p = cfg.silence, cfg.pace
    pen = 0.0
    if d.wpm is not None:
        pen += _penalty("pace_per_wpm", max(p.min_wpm - d.wpm, d.wpm - p.max_wpm, 0.0))
    if d.fillers_per_min is not None:
        pen += _penalty("fillers_per_extra_per_min", d.fillers_per_min - cfg.fillers.max_per_min)
    pen += _penalty("long_pause", sum(s.pause_s <= x.duration < s.long_silence_s for x in d.pauses))
    pen += _penalty("silence", sum(x.duration >= s.long_silence_s for x in d.pauses))
    limit = s.lead_in_coding_max_s if kind == "coding" else s.lead_in_max_s
    if d.lead_in_s is not None and d.lead_in_s > limit:
        pen += _penalty("lead_in", 1)
    return _clamp(100 - pen)


def structure_score(s: Structure, kind: str) -> int:
    t = s.technical
    if kind == "behavioral":
        score = sum(w for part, w in STAR_WEIGHTS.items() if s.star_present[part])
        if s.star_present["action"] and s.star_share["action"] < ACTION_SHARE_MIN:
            score -= SHARE_PENALTY
        if s.star_share["situation"] + s.star_share["task"] > SETUP_SHARE_MAX:
            score -= SHARE_PENALTY
        return _clamp(score)
    if kind == "coding":
        have = {"clarified": s.clarifying_question, "signposted": s.signposts > 0,
                "complexity": t.complexity, "test": t.test,
                "example_or_tradeoff": t.example or t.tradeoff}
        return _clamp(sum(w for k, w in CODING_WEIGHTS.items() if have[k]))
    have = {"definition": t.definition, "example": t.example, "tradeoff": t.tradeoff,
            "measurement": t.measurement, "signposted": s.signposts > 0 or s.clarifying_question}
    return _clamp(sum(w for k, w in TECHNICAL_WEIGHTS.items() if have[k]))


def _coverage(s: Structure) -> float | None:
    n = len(s.key_points_covered) + len(s.key_points_missed)
    return len(s.key_points_covered) / n if n else None


def content_parts(s: Structure, kind: str, principles: tuple[str, ...] = ()) -> dict[str, float]:
    """Sub-scores 0–100 behind `content` (depth, impact, principles, or coverage/shape)."""
    t = s.technical
    cov = _coverage(s)
    if kind == "behavioral":
        ownership = 0.0
        if s.star_present["action"]:
            ownership = 1.0 if s.i_we_ratio is None and s.i_count else min(1.0, s.i_we_ratio or 0.0)
        depth_terms = [ownership, min(s.quantified_results, QUANTITIES_FOR_FULL_SPECIFICITY)
                       / QUANTITIES_FOR_FULL_SPECIFICITY]
        if cov is not None:
            depth_terms.append(cov)
        tri = s.metric_triad
        impact = (IMPACT_WEIGHTS["baseline"] * tri.baseline + IMPACT_WEIGHTS["after"] * tri.after
                  + IMPACT_WEIGHTS["business_outcome"] * tri.business_outcome
                  + IMPACT_WEIGHTS["scale"] * bool(s.scale_evidence))
        named = set(s.leadership_principles)
        lp = 0.0
        if named:
            lp += 60 + (20 if not principles or named & set(principles) else 0)
        lp += 20 * s.star_present["learning"]
        return {"depth": 100 * sum(depth_terms) / len(depth_terms), "impact": float(impact),
                "principles": min(100.0, lp)}
    if kind == "coding":
        shape = (t.complexity + t.test + (t.example or t.tradeoff) + s.clarifying_question) / 4
    else:
        shape = (t.definition + t.example + t.tradeoff + t.measurement) / 4
    return {"coverage": 100 * (cov if cov is not None else shape), "shape": 100 * shape}


def content_score(s: Structure, kind: str, principles: tuple[str, ...] = ()) -> int:
    parts = content_parts(s, kind, principles)
    if kind == "behavioral":
        return _clamp(sum(CONTENT_WEIGHTS_BEHAVIORAL[k] * v for k, v in parts.items()))
    return _clamp(0.6 * parts["coverage"] + 0.4 * parts["shape"])


# --- follow-up ------------------------------------------------------------------------------

def missing_keys(s: Structure, kind: str, *, impact: bool = False,
                 question_keys: tuple[str, ...] = ()) -> list[str]:
    """Follow-up keys for what the answer lacks, in priority order (FOLLOW_UP_ORDER)."""
    t, tri = s.technical, s.metric_triad
    if kind == "behavioral":
        lacks = {
            "no_action": not s.star_present["action"],
            "no_result": not s.star_present["result"] or not (tri.after or tri.baseline),
            "no_baseline": tri.after and not tri.baseline,
            "no_business_outcome": (tri.after or tri.baseline) and not tri.business_outcome,
            "no_i": s.i_we_ratio is not None and s.i_we_ratio < 1.0,
            "no_scale": impact and not s.scale_evidence,
            "no_principle": not s.leadership_principles,
            "no_learning": not s.star_present["learning"],
        }
    elif kind == "coding":
        lacks = {"no_complexity": not t.complexity, "no_test": not t.test,
                 "no_clarify": not s.clarifying_question and "no_clarify" in question_keys,
                 "no_example": not t.example, "no_tradeoff": not t.tradeoff}
    else:
        lacks = {"no_example": not t.example, "no_tradeoff": not t.tradeoff,
                 "no_test": not t.measurement,
                 "no_clarify": not s.clarifying_question and "no_clarify" in question_keys}
    return [k for k in FOLLOW_UP_ORDER.get(kind, FOLLOW_UP_ORDER["technical"]) if lacks.get(k)]


def choose_follow_up(s: Structure, kind: str, question: Any | None = None, *,
                     impact: bool = False) -> tuple[str | None, str | None]:
    """(question text, key): the first gap in priority order; the question's own wording wins."""
    from voice_coach.questions import GENERIC_FOLLOW_UPS

    own = dict(getattr(question, "follow_ups", {}) or {})
    for key in missing_keys(s, kind, impact=impact, question_keys=tuple(own)):
        text = own.get(key) or GENERIC_FOLLOW_UPS.get(key)
        if text:
            return text, key
    return None, None


# --- entry point ----------------------------------------------------------------------------

def coach(*, delivery: Any | None, structure: Structure, question: Any | None, cfg: Config,
          kind: str | None = None, prosody: Any | None = None) -> Coaching:
    """Score an answer, list feedback (in rule order: delivery, then structure) and pick a follow-up.

    Args:
        delivery: a `voice_coach.analysis.delivery.Delivery`, or None for a transcript only.
        structure: from `analyze_structure`.
        question: a `voice_coach.questions.Question`, or None.
        cfg: thresholds (silence, pace, fillers, answer length).
        kind: "behavioral" | "technical" | "coding"; defaults to the question's, then the
            structure's inferred kind.
        prosody: a `voice_coach.analysis.prosody.Prosody`, or None; its voice score is folded
            into the delivery score with weight `PROSODY_WEIGHT`.
    """
    the_kind = kind or getattr(question, "kind", None) or structure.kind
    target = float(getattr(question, "target_s", 0) or cfg.answer.target_s)
    facts = _Facts(delivery, structure, question, cfg, the_kind, target, prosody)
    principles = tuple(getattr(question, "principles", ()) or ())
    if _no_speech(delivery, structure):
        # Nothing was said: every other rule would only restate that.
        feedback = [FeedbackItem("silence", "warn", None, NO_SPEECH_MESSAGE)]
        d_score: int | None = 0
    else:
        feedback = [item for rule in RULES for item in rule(facts)]
        d_score = delivery_score(delivery, cfg, the_kind) if delivery is not None else None
        voice = prosody_score(prosody, cfg)
        if d_score is not None and voice is not None:
            d_score = _clamp((1 - PROSODY_WEIGHT) * d_score + PROSODY_WEIGHT * voice)
    s_score = structure_score(structure, the_kind)
    c_score = content_score(structure, the_kind, principles)
    if d_score is None:
        w = OVERALL_WEIGHTS_NO_AUDIO
        overall = _clamp(w["structure"] * s_score + w["content"] * c_score)
    else:
        w = OVERALL_WEIGHTS
        overall = _clamp(w["delivery"] * d_score + w["structure"] * s_score
                         + w["content"] * c_score)
    text, key = choose_follow_up(structure, the_kind, question, impact=_is_impact_question(facts))
    log.debug("coach: kind=%s scores d=%s s=%s c=%s follow-up=%s", the_kind, d_score, s_score,
              c_score, key)
    return Coaching(Scores(d_score, s_score, c_score, overall), feedback, text, key)
