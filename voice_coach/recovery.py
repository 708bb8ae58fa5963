"""Recover speech the first Whisper pass lost; report what stays lost.

Whisper (tiny.en, greedy, filler prompt) sometimes returns no words for a long stretch of clear
speech: it ends a whole 30 s window at once with "end of text". After the first pass,
`recover_lost_speech` finds every stretch of VAD speech with ≥ 1 s and no word near it
(`analysis.coverage`), re-transcribes each stretch on its own with the fallback decode
(`FALLBACKS`, chosen by measurement: docs/transcription.md "Lost speech"), merges the recovered
words in time order, and records the stretches that still have no words in
`Transcript.unrecognised`. Every path (batch, windowed long files, streaming) calls it once,
from `voice_coach.pipeline`, before the report is assembled.

Blocks for the fallback decodes (nothing to do when the first pass covered all speech).
Times are seconds from the start of the recording; `offset_s` is where `audio` starts on it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from voice_coach.analysis.coverage import LOST_S, uncovered_stretches
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.audio import SAMPLE_RATE
from voice_coach.transcriber import (
    Decode,
    Segment,
    Transcriber,
    Transcript,
    UnrecognisedStretch,
    Word,
)

log = logging.getLogger(__name__)

CONTEXT_S = 1.0  # audio decoded either side of a lost stretch: Whisper returns nothing for a
#                 1-2 s cut that starts or ends mid-phrase (measured: docs/transcription.md)
KEEP_S = 0.25  # recovered words whose midpoint lies this far outside the stretch are dropped


class Fallback(NamedTuple):
    """How a lost stretch is decoded again."""

    prompt: bool  # keep the filler prompt
    decode: Decode


# One round per entry: a stretch still lost after a round is decoded again by the next, with
# the words the previous round found around it as context. Measured in bench/robustness.py
# (docs/transcription.md "Lost speech"): without the filler prompt and with beam search, two
# rounds brought back all 169 s the first pass lost on 12 of 48 espeak-ng answers (greedy
# without the prompt: 93 %; the first pass's own decode on the stretch alone: 83 %).
FALLBACKS = (Fallback(prompt=False, decode=Decode(beam_size=5)),) * 2


def recover_lost_speech(audio: np.ndarray, regions: Sequence[SpeechRegion],
                        transcript: Transcript, transcriber: Transcriber, *, prompt: str | None,
                        offset_s: float = 0.0, fallbacks: Sequence[Fallback] = FALLBACKS,
                        min_speech_s: float = LOST_S) -> Transcript:
    """`transcript` with lost speech re-decoded and what stays lost in `unrecognised`.

    Args:
        audio: mono float32 16 kHz samples that `regions` and `transcript` describe.
        regions: VAD speech regions on the recording's timeline (seconds).
        transcript: the first pass (words on the recording's timeline).
        transcriber: a `Transcriber`.
        prompt: the first pass's initial prompt (used again when `fallback.prompt`).
        offset_s: recording time of `audio[0]`, seconds.
        fallbacks: the decodes tried, one round each, on what is still lost.
        min_speech_s: a stretch with this much speech and no word is lost.

    Returns:
        A new `Transcript`; `unrecognised` lists the stretches the fallback did not recover
        (added to any the transcript already had).
    """
    lost = uncovered_stretches(regions, transcript.words, min_speech_s=min_speech_s)
    if not lost:
        return transcript
    words = list(transcript.words)
    segments = list(transcript.segments)
    end_of_audio_s = offset_s + audio.size / SAMPLE_RATE
    for fallback in fallbacks:
        for st in lost:
            a_s = max(offset_s, st.start_s - CONTEXT_S)
            b_s = min(end_of_audio_s, st.end_s + CONTEXT_S)
            chunk = audio[int(round((a_s - offset_s) * SAMPLE_RATE)):
                          int(round((b_s - offset_s) * SAMPLE_RATE))]
            again = transcriber.transcribe(
                chunk, initial_prompt=prompt if fallback.prompt else None, offset_s=a_s,
                decode=fallback.decode)
            found = [w for w in again.words
                     if st.start_s - KEEP_S <= (w.start + w.end) / 2 <= st.end_s + KEEP_S
                     and not _overlaps_any(w, words)]
            log.info("lost speech %.2f-%.2f s: fallback decode recovered %d word(s)",
                     st.start_s, st.end_s, len(found))
            if found:
                words.extend(found)
                segments.append(Segment(found[0].start, found[-1].end,
                                         " ".join(w.text for w in found), tuple(found)))
        words.sort(key=_word_key)
        lost = uncovered_stretches(regions, words, min_speech_s=min_speech_s)
        if not lost:
            break
    segments.sort(key=lambda sg: sg.start)
    still = lost
    if still:
        log.warning("%d stretch(es) of speech stayed without words: %s", len(still),
                    ", ".join(f"{s.start_s:.1f}-{s.end_s:.1f} s" for s in still))
    return dataclasses.replace(
        transcript, words=words, segments=segments,
        text=" ".join(sg.text for sg in segments if sg.text),
        unrecognised=_merged(transcript.unrecognised, still))


def _word_key(w: Word) -> tuple[float, float]:
    return (w.start, w.end)


def _overlaps_any(w: Word, words: Sequence[Word]) -> bool:
    """`w` lies mostly inside a word already there (the context decoded again)."""
    length = max(w.end - w.start, 1e-3)
    return any(min(w.end, o.end) - max(w.start, o.start) > length / 2 for o in words
               if o.start < w.end and o.end > w.start)


def _merged(a: Sequence[UnrecognisedStretch], b: Sequence[UnrecognisedStretch]
            ) -> tuple[UnrecognisedStretch, ...]:
    return tuple(sorted({*a, *b}))
