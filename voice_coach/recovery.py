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
from difflib import SequenceMatcher
from typing import NamedTuple

import numpy as np

from voice_coach.analysis.coverage import (
    LOST_S, TAIL_LOST_S, WORD_MAX_S, tail_stretch, uncovered_stretches,
)
from voice_coach.analysis.fillers import filler_mask, is_hesitation, normalize
from voice_coach.analysis.intervals import overlap_s, union
from voice_coach.analysis.quiet import TOO_QUIET, faint_sound, with_quiet
from voice_coach.analysis.repeats import (LOOP, NO_SPEECH, REPEAT, SQUEEZE_MAX_S, SQUEEZED, STOCK,
                                          Suspect, find_suspects, loops, repeat_groups,
                                          squeezed_runs, stock_phrase)
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.audio import SAMPLE_RATE
from voice_coach.transcriber import (
    Decode,
    Segment,
    Transcriber,
    Transcript,
    UnrecognisedStretch,
    Word,
    edit_words,
    ordered_text,
    words_text,
)

log = logging.getLogger(__name__)

CONTEXT_S = 1.0  # audio decoded either side of a lost stretch: Whisper returns nothing for a
#                 1-2 s cut that starts or ends mid-phrase (measured: docs/transcription.md)
TAIL_CONTEXT_S = 3.0  # the answer's lost last words are decoded with this much audio before them
WIDE_CONTEXT_S = 3.0  # the second round's window either side: the first window heard nothing
TAIL_PAD_S = 1.0  # … and this much silence after the end of the audio: greedy tiny.en keeps
#                   "touching the model" with 1.0 s appended, drops it with 0.5 s (QA15 F11)
KEEP_S = 0.25  # recovered words whose midpoint lies this far outside the stretch are dropped
REPEATED = "only a repeat of earlier words was heard"  # reason of a stretch the guard removed
# … and of one where only a video outro Whisper invents was heard (`repeats.STOCK`)
INVENTED = "only a stock phrase the transcriber invents was heard"
# … and of one where only the same few words looping were heard (`repeats.LOOP`)
LOOPED = "only the same words over and over were heard"
# … and of one where only words stamped at one instant were heard (`repeats.SQUEEZED`)
SQUEEZED_WORDS = "only words stamped at one instant were heard"
SAME_WORDS = 0.6  # a re-decode whose words match the first pass's this much (difflib ratio over
#                   normalised words) confirms them: the stretch was really said so


class Fallback(NamedTuple):
    """How a lost stretch is decoded again."""

    prompt: bool  # keep the filler prompt
    decode: Decode
    context_s: float = CONTEXT_S  # audio decoded either side of the stretch, seconds
    piece_s: float | None = None  # a longer stretch is decoded in equal pieces this long at
    #                               most (each with `context_s` either side); None: whole


# One round per entry: a stretch still lost after a round is decoded again by the next, with
# the words the previous round found around it as context. Measured in bench/robustness.py
# (docs/transcription.md "Lost speech"): without the filler prompt and with beam search, two
# rounds brought back all 169 s the first pass lost on 12 of 48 espeak-ng answers (greedy
# without the prompt: 93 %; the first pass's own decode on the stretch alone: 83 %).
# The second round cuts a wider window: the decode is deterministic, so the same window again
# returns the same nothing — tiny.en hears nothing in 13.8-22.6 s of a clear en-gb-scotland
# sentence and all of it in 11.8-24.6 s (session 19; docs/transcription.md "Lost speech").
# The third round decodes what is still lost in pieces of at most `PIECE_S`: on a long stretch
# tiny.en can end the whole window with "end of text" for one cut and hear every word 10 ms
# later (QA29 a5: 57.6-75.6 s of a clear espeak-ng answer, 0 words from 54.59-78.60 s, 48 from
# 54.60-78.60 s); a short piece that fails loses less, and its neighbours do not depend on it.
# The last round decodes greedily, Whisper's no-speech gate off: beam search can fall into a
# loop where the greedy path does not — the opening 7.7 s of a clear en-us answer with a run of
# seven "uh" came back from every beam round as "I was in time, I was in time, …" (dropped as a
# loop) and from this one as said (QA136 F1; the live path, cut differently, heard it too).
PIECE_S = 8.0
RETRY_SHIFT_S = 0.5  # a piece that heard nothing is decoded again this much wider each side
GREEDY = Decode(beam_size=1, no_speech_gate=False)
FALLBACKS = (Fallback(prompt=False, decode=Decode(beam_size=5)),
             Fallback(prompt=False, decode=Decode(beam_size=5), context_s=WIDE_CONTEXT_S),
             Fallback(prompt=False, decode=Decode(beam_size=5), piece_s=PIECE_S),
             Fallback(prompt=False, decode=GREEDY, context_s=WIDE_CONTEXT_S))


def recover_lost_speech(audio: np.ndarray, regions: Sequence[SpeechRegion],
                        transcript: Transcript, transcriber: Transcriber, *, prompt: str | None,
                        offset_s: float = 0.0, fallbacks: Sequence[Fallback] = FALLBACKS,
                        min_speech_s: float = LOST_S, guard: bool = True,
                        tail_s: float | None = TAIL_LOST_S) -> Transcript:
    """`transcript` with lost speech re-decoded, then its suspect stretches (repeats of earlier
    words, words over no speech) decided by `guard_inventions`; what stays lost or invented is
    in `unrecognised`.

    Args:
        audio: mono float32 16 kHz samples that `regions` and `transcript` describe.
        regions: VAD speech regions on the recording's timeline (seconds).
        transcript: the first pass (words on the recording's timeline).
        transcriber: a `Transcriber`.
        prompt: the first pass's initial prompt (used again when `fallback.prompt`).
        offset_s: recording time of `audio[0]`, seconds.
        fallbacks: the decodes tried, one round each, on what is still lost.
        min_speech_s: a stretch with this much speech and no word is lost.
        guard: run `guard_inventions` after the recovery (False: lost speech only, the
            benchmark's "before").
        tail_s: the answer's last words are lost from this much uncovered speech on
            (`coverage.TAIL_LOST_S`); None: only `min_speech_s` (the benchmark's "before").

    Returns:
        A new `Transcript`; `unrecognised` lists the stretches the fallback did not recover
        (added to any the transcript already had).
    """
    recovered = _recover(audio, regions, transcript, transcriber, prompt=prompt,
                         offset_s=offset_s, fallbacks=fallbacks, min_speech_s=min_speech_s,
                         tail_s=tail_s)
    if not guard:
        return recovered
    guarded, _ = guard_inventions(audio, regions, recovered, transcriber, offset_s=offset_s,
                                  fallback=fallbacks[0])
    return guarded


def _recover(audio: np.ndarray, regions: Sequence[SpeechRegion], transcript: Transcript,
             transcriber: Transcriber, *, prompt: str | None, offset_s: float,
             fallbacks: Sequence[Fallback], min_speech_s: float,
             tail_s: float | None = TAIL_LOST_S) -> Transcript:
    """The lost-speech half of `recover_lost_speech` (same arguments). The answer's last words
    are lost speech from `TAIL_LOST_S` on (`coverage.tail_stretch`); they stay in
    `unrecognised` only when they hold `min_speech_s` as any other stretch."""
    lost = _lost(regions, transcript.words, min_speech_s, tail_s)
    if not lost:
        return transcript
    words = list(transcript.words)
    segments = list(transcript.segments)
    end_of_audio_s = offset_s + audio.size / SAMPLE_RATE
    for fallback in fallbacks:
        for st in _pieces(lost, fallback.piece_s):
            last = tail_s is not None and not any(w.start >= st.start_s for w in words)
            a_s = max(offset_s, st.start_s - max(fallback.context_s,
                                                  TAIL_CONTEXT_S if last else 0.0))
            b_s = min(end_of_audio_s, st.end_s + fallback.context_s)
            chunk = audio[int(round((a_s - offset_s) * SAMPLE_RATE)):
                          int(round((b_s - offset_s) * SAMPLE_RATE))]
            if last and b_s >= end_of_audio_s - 1e-6:  # the audio ends in speech: let it end
                chunk = np.concatenate([chunk, np.zeros(int(TAIL_PAD_S * SAMPLE_RATE),
                                                        chunk.dtype)])
            found = _decode_stretch(audio, st, chunk, (a_s, b_s), transcriber,
                                    prompt if fallback.prompt else None, fallback, words,
                                    offset_s, end_of_audio_s)
            log.info("lost speech %.2f-%.2f s: fallback decode recovered %d word(s)",
                     st.start_s, st.end_s, len(found))
            if found:
                words.extend(found)
                segments.append(Segment(found[0].start, found[-1].end,
                                         words_text(found), tuple(found)))
        words.sort(key=_word_key)
        lost = _lost(regions, words, min_speech_s, tail_s)
        if not lost:
            break
    segments.sort(key=lambda sg: sg.start)
    still = uncovered_stretches(regions, words, min_speech_s=min_speech_s)
    if still:
        log.warning("%d stretch(es) of speech stayed without words: %s", len(still),
                    ", ".join(f"{s.start_s:.1f}-{s.end_s:.1f} s" for s in still))
    return dataclasses.replace(
        transcript, words=words, segments=segments,
        text=ordered_text(segments, words),
        unrecognised=_merged(transcript.unrecognised, still))


FAINT_MIN_WORDS = 2  # a faint stretch holds a voice when Whisper, decoding it alone, writes at
FAINT_WORD_PROB = 0.5  # least this many words that are no hesitation, each at least this sure


class Faint(NamedTuple):
    """`mark_faint_voice`'s result: the speech regions and quiet speech with the faint voice
    counted in, and the transcript with it in `unrecognised` (reason `TOO_QUIET`)."""

    regions: list[SpeechRegion]
    quiet: list[SpeechRegion]
    transcript: Transcript


def mark_faint_voice(audio: np.ndarray, levels_db: np.ndarray, regions: Sequence[SpeechRegion],
                     quiet: Sequence[SpeechRegion], transcript: Transcript,
                     transcriber: Transcriber, *, background: Sequence[SpeechRegion] = (),
                     offset_s: float = 0.0) -> Faint:
    """Words said far below the candidate's level inside the answer, marked, never scored.

    A sentence said ~30 dB down is neither speech to Silero (~0.06) nor quiet speech (too far
    below the speaker), so it was a long silence, coached as one and counted against the pace
    while it held the answer's actions (QA33 F4). Each `analysis.quiet.faint_sound` stretch
    between the first and the last word is decoded alone (the first fallback); when Whisper
    writes `FAINT_MIN_WORDS` sure words that are no hesitation, it was a voice: the stretch
    becomes speech without words ("speech not recognised — too quiet"), so it is no pause and
    pace, key points and structure say what they could not hear. Its words are not added: level
    cannot tell the candidate's whisper from another voice faintly audible. Not looked for once
    another voice was found (`background`): a fainter voice is then likelier that one.

    Args:
        audio: mono float32 16 kHz samples starting at `offset_s` on the answer's timeline.
        levels_db: `frame_levels_db` of `audio`.
        regions, quiet, transcript: after `recover_lost_speech`, on the answer's timeline.
        transcriber: decodes each faint stretch.
        background: another voice found on the microphone (`analysis.background`).
    """
    unchanged = Faint(list(regions), list(quiet), transcript)
    words = transcript.words
    if background or not words:
        return unchanged
    first_s, last_s = min(w.end for w in words), max(w.start for w in words)
    local = [SpeechRegion(r.start_s - offset_s, r.end_s - offset_s) for r in regions]
    heard: list[SpeechRegion] = []
    for st in faint_sound(levels_db, local):
        a_s, b_s = st.start_s + offset_s, st.end_s + offset_s
        if a_s < first_s or b_s > last_s:
            continue
        chunk = audio[int(round(st.start_s * SAMPLE_RATE)):int(round(st.end_s * SAMPLE_RATE))]
        said = transcriber.transcribe(chunk, offset_s=a_s, decode=FALLBACKS[0].decode).words
        # a lone "." is no word: Whisper writes runs of them, sure ones, for noise that comes
        # and goes (tiny.en on an AVX-512 CPU: 14 "." at p 0.86-0.99 in 9 s of modulated noise)
        sure = [w for w in said if w.probability >= FAINT_WORD_PROB and not is_hesitation(w.text)
                and w.spoken]
        log.info("faint sound %.2f-%.2f s: %d sure word(s) heard alone", a_s, b_s, len(sure))
        if len(sure) >= FAINT_MIN_WORDS:
            heard.append(SpeechRegion(a_s, b_s))
    if not heard:
        return unchanged
    lost = [UnrecognisedStretch(h.start_s, h.end_s, TOO_QUIET) for h in heard]
    return Faint(with_quiet(regions, heard), with_quiet(quiet, heard),
                 dataclasses.replace(transcript,
                                     unrecognised=_merged(transcript.unrecognised, lost)))


def _decode_stretch(audio: np.ndarray, st: UnrecognisedStretch, chunk: np.ndarray,
                    window_s: tuple[float, float], transcriber: Transcriber, prompt: str | None,
                    fallback: Fallback, words: Sequence[Word], offset_s: float,
                    end_of_audio_s: float) -> list[Word]:
    """The new words a fallback decode of `chunk` (the audio of `window_s`, seconds on the
    answer's timeline) hears in lost stretch `st`. A piece (`Fallback.piece_s`) that hears
    nothing is decoded once more in a window `RETRY_SHIFT_S` wider each side: where a window is
    cut decides whether tiny.en ends it at once with "end of text" (QA29 a5: 0 words from one
    cut, every word from a cut 10 ms away; the CPU's kernels move that too: on an AVX-512
    machine the piece 57.6-63.6 s heard nothing, 0.5 s wider all 18 words), so the same piece
    cut elsewhere is a fresh chance, not the same nothing. 0.5 s is the first value tried."""
    def heard(chunk: np.ndarray, start_s: float) -> list[Word]:
        again = transcriber.transcribe(chunk, initial_prompt=prompt, offset_s=start_s,
                                       decode=fallback.decode)
        return [w for w in again.words
                if st.start_s - KEEP_S <= (w.start + w.end) / 2 <= st.end_s + KEEP_S
                and not _overlaps_any(w, words)]

    found = heard(chunk, window_s[0])
    if found or fallback.piece_s is None:
        return found
    a_s = max(offset_s, window_s[0] - RETRY_SHIFT_S)
    b_s = min(end_of_audio_s, window_s[1] + RETRY_SHIFT_S)
    found = heard(audio[int(round((a_s - offset_s) * SAMPLE_RATE)):
                        int(round((b_s - offset_s) * SAMPLE_RATE))], a_s)
    log.info("lost speech %.2f-%.2f s: decoded again %.1f s wider each side: %d word(s)",
             st.start_s, st.end_s, RETRY_SHIFT_S, len(found))
    return found


def _pieces(stretches: Sequence[UnrecognisedStretch], piece_s: float | None
            ) -> list[UnrecognisedStretch]:
    """`stretches` with each one longer than `piece_s` cut into equal consecutive pieces no
    longer than it (None: as they are)."""
    if piece_s is None:
        return list(stretches)
    out = []
    for st in stretches:
        n = max(1, int(np.ceil((st.end_s - st.start_s) / piece_s - 1e-9)))
        step = (st.end_s - st.start_s) / n
        out += [st._replace(start_s=st.start_s + k * step,
                            end_s=st.end_s if k == n - 1 else st.start_s + (k + 1) * step)
                for k in range(n)]
    return out


def _lost(regions: Sequence[SpeechRegion], words: Sequence[Word], min_speech_s: float,
          tail_s: float | None) -> list[UnrecognisedStretch]:
    """Stretches to decode again: every one with `min_speech_s` of speech, and the answer's
    last words from `tail_s` on (None: no such rule)."""
    lost = uncovered_stretches(regions, words, min_speech_s=min_speech_s)
    if tail_s is None:
        return lost
    tail = tail_stretch(regions, words, min_speech_s=min(tail_s, min_speech_s))
    if tail is not None and not any(st.start_s <= tail.start_s < st.end_s for st in lost):
        lost.append(tail)
    return lost


class GuardEvent(NamedTuple):
    """What the invention guard did with one suspect stretch (seconds): `reason` is
    `analysis.repeats.REPEAT` or `NO_SPEECH`; `outcome` "replaced" (the re-decode's words
    replace the first pass's), "confirmed" (the re-decode heard the same words: kept),
    "dropped" (no words and no speech under them) or "unrecognised" (the words are removed and
    the stretch is reported as speech not recognised); `words_before`/`words_after` count the
    stretch's words before and after."""

    start_s: float
    end_s: float
    reason: str
    outcome: str
    words_before: int
    words_after: int


def guard_inventions(audio: np.ndarray, regions: Sequence[SpeechRegion],
                     transcript: Transcript, transcriber: Transcriber, *,
                     offset_s: float = 0.0, fallback: Fallback = FALLBACKS[0]
                     ) -> tuple[Transcript, list[GuardEvent]]:
    """`transcript` with every suspect stretch (`analysis.repeats.find_suspects`: a repeat of
    earlier words, an unsure loop of the same few words, a stock outro, or words over no VAD
    speech) decided by a decode of that stretch alone.

    The stretch plus `CONTEXT_S` either side is decoded with `fallback` (the lost-speech decode:
    no prompt, so it cannot copy the answer's earlier text). Its words confirm the first pass
    when they match them (`SAME_WORDS`): a speaker who really repeats a sentence keeps it. Else
    they replace the first pass's words, unless they are themselves a repeat of the earlier
    words, loop again (two tellings back to back are enough there) or are empty: then the
    stretch's words are removed and, when VAD speech lies under it, the stretch is added to
    `unrecognised`. Same arguments as `recover_lost_speech`."""
    events: list[GuardEvent] = []
    end_of_audio_s = offset_s + audio.size / SAMPLE_RATE
    speech = union((r.start_s, r.end_s) for r in regions)
    for sp in find_suspects(transcript.words, transcript.segments, regions):
        words = transcript.words
        old = [i for i, w in enumerate(words) if sp.start_s <= _mid(w) <= sp.end_s]
        if not old:
            continue
        a_s = max(offset_s, sp.start_s - CONTEXT_S)
        b_s = min(end_of_audio_s, sp.end_s + CONTEXT_S)
        chunk = audio[int(round((a_s - offset_s) * SAMPLE_RATE)):
                      int(round((b_s - offset_s) * SAMPLE_RATE))]
        again = transcriber.transcribe(chunk, initial_prompt=None, offset_s=a_s,
                                       decode=fallback.decode)
        gone = set(old)
        kept = [w for i, w in enumerate(words) if i not in gone]
        new = [w for w in again.words if sp.start_s - KEEP_S <= _mid(w) <= sp.end_s + KEEP_S
               and not _overlaps_any(w, kept)]
        before = [words[i] for i in old]
        outcome, add = _decide(sp, before, new, [w for w in kept if w.end <= sp.start_s + KEEP_S])
        if outcome == "confirmed":
            add, drop = [], []
        else:
            drop = old
        transcript = edit_words(transcript, drop, add)
        if outcome == "unrecognised" and overlap_s(speech, sp.start_s, sp.end_s) > 0.0:
            transcript = dataclasses.replace(transcript, unrecognised=_merged(
                transcript.unrecognised, [UnrecognisedStretch(
                    sp.start_s, sp.end_s, _REASONS.get(sp.reason, REPEATED))]))
        event = GuardEvent(sp.start_s, sp.end_s, sp.reason, outcome, len(before),
                           len(before) if outcome == "confirmed" else len(add))
        log.info("invention guard: %s %.2f-%.2f s → %s (%d → %d words)", sp.reason, sp.start_s,
                 sp.end_s, outcome, event.words_before, event.words_after)
        events.append(event)
    return transcript, events


def _content(words: Sequence[Word]) -> list[str]:
    return [t for w, f in zip(words, filler_mask(words)) if not f and (t := normalize(w.text))]


def _decide(sp: Suspect, before: list[Word], new: list[Word], earlier: list[Word]
            ) -> tuple[str, list[Word]]:
    """(outcome, words to add) for one suspect: see `guard_inventions`."""
    if sp.reason == SQUEEZED:
        # the decode alone squeezes words again: those were not made out either; the rest
        # replace the first pass's words with their own times (even the same words), and the
        # first pass's hesitations with a time of their own stay: the squeeze puts only the
        # words at one instant in doubt, and the decode alone has no filler prompt (hear57: "to
        # be accurate, uh, four years ago" lost its "uh")
        gone = {i for a, b in squeezed_runs(new) for i in range(a, b + 1)}
        new = [w for i, w in enumerate(new) if i not in gone]
        if not _content(new):
            return "unrecognised", []
        kept = [w for w in before if is_hesitation(w.text) and float(w.end) - float(w.start)
                >= SQUEEZE_MAX_S and not _overlaps_any(w, new)]
        return "replaced", sorted([*new, *kept], key=_word_key)
    old_t, new_t = _content(before), _content(new)
    if not new_t:
        return ("dropped" if sp.reason == NO_SPEECH else "unrecognised"), []
    if sp.reason == LOOP and loops(new, times=2):
        return "unrecognised", []  # the decode alone loops too: nothing was made out there
    if SequenceMatcher(None, old_t, new_t, autojunk=False).ratio() >= SAME_WORDS:
        return "confirmed", []
    if sp.reason == REPEAT:
        joined = [*earlier, *new]
        if any(last >= len(earlier) for _, last, _ in repeat_groups(joined)):
            return "unrecognised", []
    if sp.reason == STOCK and stock_phrase(new):
        return "unrecognised", []  # the outro again: nothing was made out there
    return "replaced", new


# the unrecognised reason by suspect kind
_REASONS = {STOCK: INVENTED, LOOP: LOOPED, SQUEEZED: SQUEEZED_WORDS}


def _mid(w: Word) -> float:
    return (float(w.start) + float(w.end)) / 2


def _word_key(w: Word) -> tuple[float, float]:
    return (w.start, w.end)


def _overlaps_any(w: Word, words: Sequence[Word]) -> bool:
    """`w` lies mostly inside a word already there (the context decoded again). A word stamped
    longer than `coverage.WORD_MAX_S` has a failed span (its timestamps collapsed over the
    speech that was lost): a recovered word inside it is new."""
    length = max(w.end - w.start, 1e-3)
    return any(min(w.end, o.end) - max(w.start, o.start) > length / 2 for o in words
               if o.start < w.end and o.end > w.start and o.end - o.start <= WORD_MAX_S)


def _merged(a: Sequence[UnrecognisedStretch], b: Sequence[UnrecognisedStretch]
            ) -> tuple[UnrecognisedStretch, ...]:
    """Both lists as one, overlapping stretches joined (the first reason given is kept)."""
    both = sorted([*a, *b], key=lambda u: (u.start_s, u.end_s))
    return tuple(UnrecognisedStretch(s, e, next((u.reason for u in both if u.reason
                                                 and u.start_s < e and u.end_s > s), None))
                 for s, e in union((u.start_s, u.end_s) for u in both))
