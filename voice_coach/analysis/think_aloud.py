"""Think-aloud metrics for long coding / design answers: how much of the time was narrated,
where the reasoning went quiet, and which reasoning moves were heard.

Pure functions, no I/O. Inputs are the same as `analysis.delivery` (VAD speech regions and
Whisper words, seconds from the start of the recording) plus the interviewer prompts the drill
spoke during the answer. Definitions:

- excluded time: every prompt interval `[at_s, end_s]` (the interviewer was talking; the mic may
  have heard it) and any extra `excluded` interval. Speech regions are cut and words whose
  midpoint falls inside are dropped *before* any metric, so nothing the interviewer said is
  counted as the candidate's.
- answer time: from the first (non-excluded) speech to the end of the recording, minus excluded
  time. The silence before the first word is reported separately as `lead_in_s`.
- narration coverage: speaking time / answer time (0..1), rounded once, here, to whole percent
  (`COVERAGE_DIGITS`): the table, the summary, the feedback and its verdict all read this one
  value (QA11 F10: 60 % in the table, 61 % in the feedback).
- silent stretch: a silence between two speech regions, or after the last one up to the end of
  the recording, of at least `cfg.silence.long_silence_s`; its duration does not count excluded
  time inside it (a prompt in the middle of a silence does not make it shorter or longer for the
  candidate — only their own quiet time counts). Counted at 5, 10 and 20 s.
- narration wpm: countable words (fillers excluded, see `delivery.countable_words`) per minute of
  answer time, overall and in consecutive windows of `NARRATION_WINDOW_S`.
- markers: reasoning moves heard in the transcript (restating/clarifying, a plan, an example or
  test case, edge cases, complexity, trade-offs, checking/testing), matched on a normalised word
  stream that absorbs Whisper's spellings ("O(n log n)", "O of N squared", "n²", "linear time").

Undefined values (no speech) are None, never NaN.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from voice_coach.analysis.delivery import clean_regions, countable_words
from voice_coach.analysis.fillers import is_hesitation
from voice_coach.analysis.intervals import overlap_s, subtract, union
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.analysis.vocabulary import MARKER_LABELS, MARKER_NAMES, MARKER_PATTERNS
from voice_coach.clock import format_clock
from voice_coach.config import Config
from voice_coach.report_model import (
    ROUND_DIGITS, AnswerReport, MarkerInfo, NarrationWindowMark, PromptMark, SilentStretches,
    SilentStretchMark, Span, ThinkAloudFacts, ThinkAloudInfo, dump, rounded,
)
from voice_coach.transcriber import Word

SECONDS_PER_MINUTE = 60.0
STRETCH_COUNT_THRESHOLDS_S = (5.0, 10.0, 20.0)  # silent stretches are counted at these lengths
NARRATION_WINDOW_S = 30.0  # window of the narration wpm timeline (consecutive, not sliding)
MIN_WINDOW_S = 1.0  # a timeline window with less non-excluded time than this is dropped
PRECEDING_WORDS = 6  # words quoted before a silent stretch
MAX_EVIDENCE = 3  # matched phrases kept per marker
MIN_SPAN_S = 1e-6  # spans shorter than this have no defined rate
COVERAGE_DIGITS = 2  # narration coverage is kept as a fraction in whole percent (0.61 = 61 %)


class PromptEvent(NamedTuple):
    """An interviewer prompt spoken (or shown) during the answer, recording timeline seconds."""

    at_s: float  # when it fired
    end_s: float  # end of the interval excluded from the candidate's audio
    text: str


# A silent stretch is `report_model.SilentStretchMark` (start, end, duration: candidate silence
# inside [start, end] with excluded time not counted, preceding_words, prompted), a marker
# `MarkerInfo` (present, first_at_s: start of the first matching word, None for plain text,
# evidence: at most MAX_EVIDENCE phrases as transcribed), a narration window
# `NarrationWindowMark` (wpm of non-excluded window time, speaking_share of it) — all unrounded
# here, rounded by `ThinkAloud.info`.


# ---------------------------------------------------------------- markers
# The cue lists live in `analysis.vocabulary` (one vocabulary for every detector).

_COMPILED = {name: re.compile(r"(?<![\w'])(?:" + "|".join(pats) + r")(?![\w'])")
             for name, pats in MARKER_PATTERNS.items()}

_SUPER = (("²", " squared "), ("³", " cubed "))
_POWER = (re.compile(r"\^\s*2"), " squared "), (re.compile(r"\^\s*3"), " cubed ")
_PUNCT = re.compile(r"[()\[\]{},.;:!?\"“”*/=+<>\-–—…]")
_SPLIT_FORMS = ((re.compile(r"\bnlogn\b"), "n log n"), (re.compile(r"\blogn\b"), "log n"),
                (re.compile(r"\btradeoffs?\b"), "trade off"))


def marker_tokens(text: str) -> list[str]:
    """One transcribed word → lower-case tokens for marker matching.

    "O(n²)" → ["o", "n", "squared"]; "trade-off," → ["trade", "off"]; "Let's" → ["let's"].
    """
    t = text.lower().replace("’", "'")
    for a, b in _SUPER:
        t = t.replace(a, b)
    for pat, b in _POWER:
        t = pat.sub(b, t)
    t = _PUNCT.sub(" ", t)
    for pat, b in _SPLIT_FORMS:
        t = pat.sub(b, t)
    return [tok.strip("'") for tok in t.split() if tok.strip("'")]


def _word_text(w: Word | str) -> str:
    return w if isinstance(w, str) else w.text


def _word_start(w: Word | str) -> float | None:
    return None if isinstance(w, str) else float(w.start)


def _clean_evidence(words: Sequence[Word | str]) -> str:
    return " ".join(_word_text(w).strip() for w in words).strip(" ,.;:!?\"'")


def find_markers(words: Sequence[Word | str]) -> dict[str, MarkerInfo]:
    """Reasoning markers heard in `words` (Whisper `Word`s, or plain tokens for text-only use).

    Returns:
        {marker name: MarkerInfo(present, first_at_s, evidence)} for every name in `MARKER_NAMES`.
    """
    offsets: list[int] = []  # char offset of each token in `stream`
    owner: list[int] = []  # word index of each token
    parts: list[str] = []
    pos = 0
    for i, w in enumerate(words):
        for tok in marker_tokens(_word_text(w)):
            offsets.append(pos)
            owner.append(i)
            parts.append(tok)
            pos += len(tok) + 1
    stream = " ".join(parts)
    out: dict[str, MarkerInfo] = {}
    for name, rx in _COMPILED.items():
        first_at: float | None = None
        evidence: list[str] = []
        seen = False
        for m in rx.finditer(stream):
            a = owner[bisect.bisect_right(offsets, m.start()) - 1]
            b = owner[bisect.bisect_right(offsets, max(m.start(), m.end() - 1)) - 1]
            if not seen:
                seen = True
                first_at = _word_start(words[a])
            phrase = _clean_evidence(words[a:b + 1])
            if len(evidence) < MAX_EVIDENCE and phrase not in evidence:
                evidence.append(phrase)
        out[name] = MarkerInfo(seen, first_at, tuple(evidence))
    return out


# ---------------------------------------------------------------- intervals

def merge_intervals(intervals: Iterable[tuple[float, float]], duration_s: float
                    ) -> list[tuple[float, float]]:
    """Intervals clipped to [0, duration_s], empty ones dropped, sorted, overlaps merged."""
    clipped = ((max(0.0, float(s)), min(float(duration_s), float(e))) for s, e in intervals)
    return union((s, e) for s, e in clipped if math.isfinite(s) and math.isfinite(e))


def subtract_intervals(regions: Sequence[SpeechRegion], intervals: Sequence[tuple[float, float]]
                       ) -> list[SpeechRegion]:
    """Speech regions with the `intervals` cut out."""
    return [SpeechRegion(a, b) for a, b in subtract(((r.start_s, r.end_s) for r in regions),
                                                    intervals)]


def _inside(t: float, intervals: Sequence[tuple[float, float]]) -> bool:
    return any(s <= t <= e for s, e in intervals)


# ---------------------------------------------------------------- the think-aloud block

@dataclass(frozen=True)
class ThinkAloud:
    """The report's `think_aloud` block (see docs/drill.md for every field)."""

    duration_s: float
    answer_start_s: float | None
    lead_in_s: float | None
    answer_time_s: float | None
    speaking_s: float
    narration_coverage: float | None
    stretch_threshold_s: float
    silent_stretches: list[SilentStretchMark] = field(default_factory=list)
    stretch_counts: dict[float, int] = field(default_factory=dict)
    longest_silence: SilentStretchMark | None = None
    word_count: int = 0
    narration_wpm: float | None = None
    narration_wpm_timeline: list[NarrationWindowMark] = field(default_factory=list)
    prompts: list[PromptEvent] = field(default_factory=list)
    markers: dict[str, MarkerInfo] = field(default_factory=dict)
    excluded: list[tuple[float, float]] = field(default_factory=list)
    speech_regions: list[SpeechRegion] = field(default_factory=list)

    @property
    def excluded_s(self) -> float:
        return sum(e - s for s, e in self.excluded)

    def facts(self) -> ThinkAloudFacts:
        """Feedback-ready facts: what was heard and missed, where the longest silence was."""
        heard = tuple(n for n in MARKER_NAMES if n in self.markers and self.markers[n].present)
        ls = self.longest_silence
        quiet = sum(s.duration for s in self.silent_stretches)
        return ThinkAloudFacts(
            no_speech=self.answer_start_s is None,
            markers_heard=heard,
            markers_missing=tuple(n for n in MARKER_NAMES if n not in heard),
            longest_silence_clock=format_clock(ls.start) if ls is not None else None,
            longest_silence_after=ls.preceding_words if ls is not None else None,
            silent_stretch_time_s=rounded(quiet),
            silent_stretch_share=(rounded(quiet / self.answer_time_s)
                                  if self.answer_time_s and self.answer_time_s > MIN_SPAN_S
                                  else None),
            excluded_s=rounded(self.excluded_s))

    def info(self) -> ThinkAloudInfo:
        """The report's `think_aloud` block: seconds rounded to 3 decimals, None where
        undefined."""
        counts = {f"count_{int(t)}s": self.stretch_counts.get(t, 0)
                  for t in STRETCH_COUNT_THRESHOLDS_S}
        return ThinkAloudInfo(
            duration_s=rounded(self.duration_s),
            answer_start_s=rounded(self.answer_start_s),
            lead_in_s=rounded(self.lead_in_s),
            answer_time_s=rounded(self.answer_time_s),
            speaking_s=rounded(self.speaking_s),
            narration_coverage=rounded(self.narration_coverage),
            silent_stretches=SilentStretches(
                threshold_s=rounded(self.stretch_threshold_s), **counts,
                items=tuple(_rounded_stretch(s) for s in self.silent_stretches)),
            longest_silence=(_rounded_stretch(self.longest_silence)
                             if self.longest_silence is not None else None),
            word_count=self.word_count,
            narration_wpm=rounded(self.narration_wpm),
            narration_wpm_timeline=tuple(
                NarrationWindowMark(rounded(w.start), rounded(w.end), rounded(w.wpm),
                                    rounded(w.speaking_share))
                for w in self.narration_wpm_timeline),
            prompts=tuple(PromptMark(rounded(p.at_s), rounded(p.end_s), p.text)
                          for p in self.prompts),
            prompts_needed=len(self.prompts),
            markers={n: MarkerInfo(m.present, rounded(m.first_at_s), tuple(m.evidence))
                     for n, m in self.markers.items()},
            excluded=tuple(Span(rounded(s), rounded(e)) for s, e in self.excluded),
            speech_regions=tuple(Span(rounded(r.start_s), rounded(r.end_s))
                                 for r in self.speech_regions),
            facts=self.facts())

    def to_dict(self) -> dict[str, Any]:
        """Schema JSON of `info()`."""
        return dump(self.info())


def _rounded_stretch(s: SilentStretchMark) -> SilentStretchMark:
    return SilentStretchMark(rounded(s.start), rounded(s.end), rounded(s.duration),
                             s.preceding_words, s.prompted)


def preceding_words(words: Sequence[Word], t_s: float, n: int = PRECEDING_WORDS) -> str:
    """The last `n` words (hesitations like "um" skipped) whose midpoint lies before `t_s`.

    Midpoints, as in the report's marked transcript: Whisper stretches word boundaries across
    pauses, midpoints stay put. Called with a silence's midpoint, so a last word the VAD cut
    short still counts as said before the silence and a stretched next word does not.
    """
    before = [w for w in words
              if (float(w.start) + float(w.end)) / 2 < t_s and not is_hesitation(w.text)]
    return _clean_evidence(before[-n:])


def _stretches(regions: Sequence[SpeechRegion], words: Sequence[Word], duration_s: float,
               excluded: Sequence[tuple[float, float]], prompts: Sequence[PromptEvent]
               ) -> list[SilentStretchMark]:
    """Every silence after the first speech (between regions, and trailing), any length."""
    out: list[SilentStretchMark] = []
    bounds = [(a.end_s, b.start_s) for a, b in zip(regions, regions[1:])]
    if regions and duration_s > regions[-1].end_s:
        bounds.append((regions[-1].end_s, duration_s))
    for s, e in bounds:
        # rounded as the report keeps it, so the feedback and the saved block print one length
        # (QA8 F13, as `delivery.find_pauses`)
        dur = round((e - s) - overlap_s(excluded, s, e), ROUND_DIGITS)
        if dur <= MIN_SPAN_S:
            continue
        prompted = any(s <= p.at_s <= e for p in prompts)
        out.append(SilentStretchMark(s, e, dur, preceding_words(words, (s + e) / 2), prompted))
    return out


def _timeline(regions: Sequence[SpeechRegion], counted: Sequence[Word], start_s: float,
              end_s: float, excluded: Sequence[tuple[float, float]]) -> list[NarrationWindowMark]:
    mids = sorted((float(w.start) + float(w.end)) / 2 for w in counted)
    out: list[NarrationWindowMark] = []
    s = start_s
    while s < end_s - MIN_SPAN_S:
        e = min(end_s, s + NARRATION_WINDOW_S)
        eff = (e - s) - overlap_s(excluded, s, e)
        if eff >= MIN_WINDOW_S:
            last = e >= end_s - MIN_SPAN_S
            n = bisect.bisect_right(mids, e) if last else bisect.bisect_left(mids, e)
            n -= bisect.bisect_left(mids, s)
            spoken = sum(max(0.0, min(e, r.end_s) - max(s, r.start_s)) for r in regions)
            out.append(NarrationWindowMark(s, e, n / (eff / SECONDS_PER_MINUTE), min(1.0, spoken / eff)))
        s = e
    return out


def analyze_think_aloud(*, regions: Sequence[SpeechRegion], words: Sequence[Word],
                        duration_s: float, prompts: Sequence[PromptEvent] = (), cfg: Config,
                        excluded: Sequence[tuple[float, float]] = ()) -> ThinkAloud:
    """Think-aloud metrics for one long answer.

    Args:
        regions: VAD speech regions, seconds from the start of the recording.
        words: Whisper words with timestamps (fillers included, as transcribed).
        duration_s: recording length, seconds.
        prompts: interviewer prompts; each `[at_s, end_s]` is excluded from the analysis.
        cfg: `cfg.silence.long_silence_s` is the shortest silent stretch listed.
        excluded: further `(start_s, end_s)` intervals that are not the candidate's audio.

    Returns:
        A `ThinkAloud`; call `.to_dict()` for the report's `think_aloud` block.
    """
    duration_s = max(0.0, float(duration_s)) if math.isfinite(duration_s) else 0.0
    prompts = sorted(prompts, key=lambda p: p.at_s)
    cut = merge_intervals([(p.at_s, p.end_s) for p in prompts] + [tuple(x) for x in excluded],
                          duration_s)
    segs = subtract_intervals(clean_regions(regions, duration_s), cut)
    kept = sorted((w for w in words
                   if not _inside((float(w.start) + float(w.end)) / 2, cut)),
                  key=lambda w: (w.start, w.end))
    markers = find_markers(kept)
    threshold = float(cfg.silence.long_silence_s)
    if not segs:
        return ThinkAloud(duration_s=duration_s, answer_start_s=None, lead_in_s=None,
                          answer_time_s=None, speaking_s=0.0, narration_coverage=None,
                          stretch_threshold_s=threshold,
                          stretch_counts={t: 0 for t in STRETCH_COUNT_THRESHOLDS_S},
                          word_count=len(countable_words(kept)), prompts=list(prompts),
                          markers=markers, excluded=cut)
    start = segs[0].start_s
    answer_time = (duration_s - start) - overlap_s(cut, start, duration_s)
    speaking = sum(r.end_s - r.start_s for r in segs)
    all_gaps = _stretches(segs, kept, duration_s, cut, prompts)
    listed = [g for g in all_gaps if g.duration >= threshold]
    counted = [w for w in countable_words(kept) if (float(w.start) + float(w.end)) / 2 >= start]
    return ThinkAloud(
        duration_s=duration_s,
        answer_start_s=start,
        lead_in_s=start - overlap_s(cut, 0.0, start),
        answer_time_s=answer_time,
        speaking_s=speaking,
        narration_coverage=(round(min(1.0, speaking / answer_time), COVERAGE_DIGITS)
                            if answer_time > MIN_SPAN_S else None),
        stretch_threshold_s=threshold,
        silent_stretches=listed,
        stretch_counts={t: sum(1 for g in all_gaps if g.duration >= t)
                        for t in STRETCH_COUNT_THRESHOLDS_S},
        longest_silence=max(all_gaps, key=lambda g: g.duration, default=None),
        word_count=len(counted),
        narration_wpm=(len(counted) / (answer_time / SECONDS_PER_MINUTE)
                       if answer_time > MIN_SPAN_S else None),
        narration_wpm_timeline=_timeline(segs, counted, start, duration_s, cut),
        prompts=list(prompts),
        markers=markers,
        excluded=cut,
        speech_regions=segs,
    )


def think_aloud_from_report(report: AnswerReport, cfg: Config) -> ThinkAloud | None:
    """Recompute the block from a saved report (for `tune`): saved words, the candidate's speech
    regions and prompts; None when the report has no think_aloud block or no audio."""
    ta, audio = report.think_aloud, report.audio
    if ta is None or audio is None or audio.duration_s is None:
        return None
    regions = [SpeechRegion(float(r.start), float(r.end)) for r in ta.speech_regions]
    prompts = [PromptEvent(float(p.at_s), float(p.end_s), p.text) for p in ta.prompts]
    excluded = [(float(x.start), float(x.end)) for x in ta.excluded]
    return analyze_think_aloud(regions=regions, words=list(report.words),
                               duration_s=float(audio.duration_s), prompts=prompts, cfg=cfg,
                               excluded=excluded)


__all__ = [
    "MARKER_LABELS", "MARKER_NAMES", "MARKER_PATTERNS", "MarkerInfo", "NarrationWindowMark",
    "PromptEvent", "SilentStretchMark", "ThinkAloud", "analyze_think_aloud", "find_markers",
    "marker_tokens", "merge_intervals", "preceding_words", "subtract_intervals",
    "think_aloud_from_report",
]
