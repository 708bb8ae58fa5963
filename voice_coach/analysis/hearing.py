"""Was the answer heard well enough to judge what it says? (QA14 F09)

A quiet recording under hiss makes Whisper write fluent text that was never said ("…if this
pandemic comes…"); read as the answer, it is judged "told as a hypothetical", every key point
"missed", structure 0 / content 0 — the tool blaming the speaker for what it could not hear.
The signals the tool already has say when that happens:

- Whisper's own confidence in the words it wrote (`median_p`, the median word probability,
  and `low_share`, the share of words below `LOW_P`): hallucinated text is decoded with low
  confidence throughout, a real sentence misheard here and there is not;
- the speech level (`level_dbfs`, `prosody.energy.speech_dbfs`) and the share of the speech in
  which a pitch was measurable (`voiced`): a voice under noise has little of either.

`transcript_unreliable` calls the transcript unreliable when Whisper's confidence is low AND the
recording itself is degraded (quiet, or a voice hardly measurable), or when the confidence is so
low that no clean answer reaches it. Thresholds were chosen on tuning material only
(bench/transcript_reliability.py: the tests/data/audio clips and espeak-ng answers, clean and
made quiet/noisy with sox): no clean tuning clip is flagged (docs/robustness.md).

Pure functions on the report's own values (words with probabilities, prosody, delivery).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any, NamedTuple

from voice_coach.report_model import is_spoken

LOW_P = 0.5  # a word Whisper wrote with less probability than this is a low-confidence word
MIN_WORDS = 8  # fewer words than this: too few to judge the confidence of a transcript
# Unreliable when Whisper is unsure (median word probability below UNSURE_MEDIAN_P) in a
# degraded recording (speech at or below QUIET_DBFS, or a pitch measurable in under
# MIN_VOICED of the speech) …
UNSURE_MEDIAN_P = 0.62
QUIET_DBFS = -40.0
MIN_VOICED = 0.3
# … or unsure beyond what any clean tuning answer reached, whatever the recording's level
VERY_UNSURE_MEDIAN_P = 0.45


class HearingSignals(NamedTuple):
    """What says how well the answer was heard. None where a signal is not known."""

    median_p: float | None  # median Whisper word probability
    low_share: float | None  # share of words below LOW_P
    level_dbfs: float | None  # speech level, dBFS
    voiced: float | None  # share of the speech with a measurable pitch (0–1)
    words_per_s: float | None  # words per second of VAD speech


def hearing_signals(words: Sequence[Any], prosody: Any | None,
                    delivery: Any | None) -> HearingSignals:
    """The `HearingSignals` of one answer from its words (`.text`, `.probability`), prosody
    (`.pitch.coverage`, `.energy.speech_dbfs`) and delivery (`.speech_segments`, `.word_count`)."""
    probs = [float(w.probability) for w in words
             if is_spoken(str(w.text)) and w.probability is not None]
    median_p = statistics.median(probs) if len(probs) >= MIN_WORDS else None
    low = sum(p < LOW_P for p in probs) / len(probs) if len(probs) >= MIN_WORDS else None
    pitch = getattr(prosody, "pitch", None)
    energy = getattr(prosody, "energy", None)
    voiced = getattr(pitch, "coverage", None)
    level = getattr(energy, "speech_dbfs", None)
    segs = getattr(delivery, "speech_segments", ()) or ()
    speech_s = sum(float(s.end) - float(s.start) for s in segs)
    n = getattr(delivery, "word_count", 0) or 0
    return HearingSignals(
        None if median_p is None else round(median_p, 3),
        None if low is None else round(low, 3),
        None if level is None else float(level),
        None if voiced is None else float(voiced),
        round(n / speech_s, 2) if speech_s > 0 and n else None)


def transcript_unreliable(sig: HearingSignals) -> str | None:
    """Why the transcript cannot be judged ("Whisper was unsure of most words (median 0.49) in
    quiet speech (-48 dBFS) with a pitch in only 4 % of it"), or None when it can."""
    if sig.median_p is None:
        return None
    unsure = f"the transcriber was unsure of most words (median confidence {sig.median_p:.2f})"
    degraded = []
    if sig.level_dbfs is not None and sig.level_dbfs <= QUIET_DBFS:
        degraded.append(f"the speech is quiet ({sig.level_dbfs:.0f} dBFS)")
    if sig.voiced is not None and sig.voiced < MIN_VOICED:
        degraded.append(f"a voice was measurable in only {100 * sig.voiced:.0f} % of it")
    if sig.median_p < UNSURE_MEDIAN_P and degraded:
        return f"{unsure}; {' and '.join(degraded)}"
    if sig.median_p < VERY_UNSURE_MEDIAN_P:
        return unsure
    return None


__all__ = ["HearingSignals", "hearing_signals", "transcript_unreliable"]
