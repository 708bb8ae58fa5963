"""A quieter background voice: speech on the microphone that is not the candidate's.

A colleague talking in the next room, a TV, a meeting behind the candidate: Silero hears a
voice (probability ~0.99), and when it fills the candidate's pauses the VAD's energy edges join
it to the candidate's words (its loudest sounds sit ~17 dB below the candidate's, inside the
VAD's 25 dB local range). Counted as the candidate's speech, it erases the pauses, moves the
lead-in to where the other voice started, and lost-speech recovery decodes its words into the
candidate's transcript (docs/robustness.md, session 19: pause F1 0.10, lead-in off by ~1.7 s).

The cue is the candidate's own level, measured on the words Whisper recognised: the
*speaker level* is the median over recognised words of each word's loudest 50 ms-median frame
(`speaker_level_db`). A pause's worth of time (`MIN_S`) in which no frame comes within `DROP_DB`
of that level holds no speech of the candidate's at their own level; where the VAD called such
time speech, and the sound there comes and goes like syllables, it is a background voice
(`background_voice`). What stays the candidate's:

- the soft end or onset of a word beside a pause (a faint part shorter than `MIN_S` next to
  louder sound) and a held or fading sound ("um…", a held vowel: steady level next to louder
  sound);
- a soft word Whisper wrote next to a louder one (within `ATTACH_S`): a sentence trailing off;
- a soft syllable inside their speech: the candidate's words span (`WORDS_OVER_SHARE`) it —
  not before the candidate's first sound at their own level, where Whisper stamps the answer's
  first word from the start of its window across whatever came before (docs/robustness.md
  "Session 23": another voice before the first word had been the lead-in);
- the candidate's quiet speech (`analysis.quiet`: a sentence said far more quietly than the
  rest, found on its own terms), which keeps its own report ("too quiet").

Once another voice is heard for `EVIDENCE_S` this way (found stretches with only faint time
between them count as one: the VAD splits a faint voice at the dips between its words), its
level is known, and a second look counts every pause's worth of faint time no louder than that
voice as the candidate's pause, whatever Whisper's words or the rules above said of it
(docs/robustness.md "Session 21").

On the 34 audio files of tests/data (real and synthetic) nothing is found. A stretch found here
is cut out of the speech regions before lost-speech recovery, so it is no speech for pauses,
lead-in, pace and coverage, and its words are not decoded into the transcript; the report lists
it (`delivery.background_voice`) and says so in one line. Limits: a background voice within
`DROP_DB` of the candidate's level is counted as theirs (level is the only cue), and words
Whisper's first pass wrote for it next to the candidate's own words stay.

Pure functions on arrays the VAD already computed (10 ms frame levels): no model call.
Times are float seconds from the start of the audio.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from voice_coach.analysis.coverage import WORD_MAX_S
from voice_coach.analysis.intervals import overlap_s, subtract, union
from voice_coach.analysis.levels import ENERGY_FRAME_S, SpeechRegion

DROP_DB = 15.0  # a background stretch never comes this close to the speaker's word level (its
#                 loudest sounds: 15-21 dB below on the session 19 clips); the candidate's own
#                 sounds that go lower (a fading "um", a soft last word) are kept by the rules
MIN_S = 0.3  # shortest stretch taken out: the shortest pause (`silence.min_gap_s`); shorter
#              faint runs are the dips between the candidate's own syllables
MIN_WORDS = 8  # the speaker's level needs at least this many recognised words
SMOOTH_FRAMES = 5  # levels are 50 ms medians (no click decides a word's peak)
MIN_MOD_DB = 3.0  # a faint stretch this steady (spread under this) is a held or fading sound of
#                   the candidate's ("um…"), not another voice's syllables, which come and go
#                   (`analysis.quiet.MIN_MOD_DB`)
WORDS_OVER_SHARE = 0.8  # a faint stretch this much under the candidate's words (louder ones and
#                         the soft ones next to them) is a soft syllable inside their speech
ATTACH_S = 0.5  # a faint word this close to a louder word is the candidate's own soft word
WORD_MARGIN_S = 0.05  # … and keeps its time span widened by this
EDGE_S = 0.03  # a stretch starts and ends this far inside its faint run: the candidate's own
#                word decays into it, and the VAD's energy edge sits on that decay
EVIDENCE_S = 1.0  # another voice heard this long by the rules above is known to be on the mic
VOICE_PERCENTILE = 90  # that voice's level: this percentile of its found stretches' levels
VOICE_MARGIN_DB = 3.0  # quiet speech or a soft word no louder than that voice + this is its
DECAY_S = 0.1  # with another voice known, a pause starts this far into its faint run: the
#                candidate's last sound decays under the other voice


def speaker_level_db(levels_db: np.ndarray, words: Sequence[object],
                     regions: Sequence[SpeechRegion] = ()) -> float | None:
    """The candidate's typical word level, dB: the median over recognised words (their time
    span overlapping `regions`, when given) of each word's loudest 50 ms-median frame. None
    with fewer than `MIN_WORDS` words."""
    from scipy.ndimage import median_filter

    n = levels_db.shape[0]
    if n == 0:
        return None
    smooth = median_filter(levels_db, size=SMOOTH_FRAMES, mode="nearest")
    peaks = []
    for w in words:
        s, e = float(w.start), max(float(w.start), float(w.end))
        if regions and not any(s < r.end_s and e > r.start_s for r in regions):
            continue
        a = int(s / ENERGY_FRAME_S)
        b = min(n, max(a + 1, int(np.ceil(e / ENERGY_FRAME_S))))
        if a < n:
            peaks.append(float(smooth[a:b].max()))
    return float(np.median(peaks)) if len(peaks) >= MIN_WORDS else None


def background_voice(levels_db: np.ndarray, regions: Sequence[SpeechRegion],
                     words: Sequence[object], quiet: Sequence[SpeechRegion] = (), *,
                     drop_db: float = DROP_DB, min_s: float = MIN_S) -> list[SpeechRegion]:
    """Stretches of the VAD's `regions` that are a quieter background voice, seconds.

    A frame is *faint* when its 50 ms-median level stays `drop_db` below the speaker's word
    level (`speaker_level_db`); outside `regions` every frame counts as faint. A faint run of at
    least `min_s` is a pause's worth of time without the candidate's voice at its own level;
    its parts inside `regions` (trimmed by `EDGE_S` where the candidate's louder sound borders
    them) are background when they are a whole region, or at least `min_s` long themselves
    (a shorter faint part next to louder sound is the soft end or onset of a word beside a
    pause), unless:

    - it borders louder sound and its level is steady (spread under `MIN_MOD_DB`): a held or
      fading sound of the candidate's ("um…" fading, a held vowel), not syllables that come
      and go, or
    - it shares time with the candidate's quiet speech (`quiet`, `analysis.quiet`), or
    - the candidate's words (louder ones, and soft ones next to them) span at least
      `WORDS_OVER_SHARE` of it: Whisper heard them speak all through it (a soft syllable) —
      except before the candidate's first frame at their own level inside `regions`: nothing
      of theirs was heard yet, and a first word stamped from 0.0 s proves nothing;

    and a faint word Whisper wrote within `ATTACH_S` of a louder word (the candidate's own soft
    word: a sentence trailing off) keeps its own time span. A faint word far from the
    candidate's louder words is another voice that Whisper wrote down: not kept.

    Once these rules find another voice heard for at least `EVIDENCE_S` (`_heard_s`: found
    stretches with only faint frames between them span one stretch of it), it is known to be on
    the microphone, and its own level is known: the 90th percentile of the found stretches'
    levels (`voice_db`). A faint run of `min_s` is then the candidate's pause whatever fills
    it, so the second look (`_stretches` with `voice_db`) also cuts:

    - a faint part shorter than `min_s` next to louder sound, past the candidate's own decay
      (`DECAY_S` after their sound ends, `EDGE_S` before it starts): the other voice carried
      on where the candidate stopped (a pause's start or end had stayed on it);
    - faint time no louder than the other voice (its `VOICE_PERCENTILE` level within
      `VOICE_MARGIN_DB` of `voice_db`) even when it is steady next to louder sound, or under
      Whisper's words (a word stamped across a pause, a first word stamped early over the
      other voice), or found as quiet speech; and faint words next to louder ones no louder
      than that voice keep no span: level cannot tell them from it, and a found other voice is
      the likelier. The candidate's own soft word or quiet sentence louder than it stays.

    Args:
        levels_db: 10 ms frame levels (`analysis.vad.frame_levels_db`).
        regions: the VAD's speech regions (quiet speech merged in).
        words: Whisper's words of the first pass (`Word`s: start, end).
        quiet: the candidate's quiet speech (`analysis.quiet`); never background unless no
            louder than a found background voice.
        drop_db, min_s: see the module docstring.

    Returns:
        Sorted stretches inside `regions`.
    """
    from scipy.ndimage import median_filter

    level = speaker_level_db(levels_db, words, regions)
    if level is None or not regions:
        return []
    smooth = median_filter(levels_db, size=SMOOTH_FRAMES, mode="nearest")
    found = _stretches(smooth, level, regions, words, quiet, drop_db, min_s, None)
    if _heard_s(found, smooth < level - drop_db) < EVIDENCE_S:
        return found
    f = ENERGY_FRAME_S
    frames = np.concatenate([smooth[int(round(b.start_s / f)):int(round(b.end_s / f))]
                             for b in found])
    voice_db = float(np.percentile(frames, VOICE_PERCENTILE))
    return _stretches(smooth, level, regions, words, quiet, drop_db, min_s, voice_db)


def _stretches(smooth: np.ndarray, level: float, regions: Sequence[SpeechRegion],
               words: Sequence[object], quiet: Sequence[SpeechRegion], drop_db: float,
               min_s: float, voice_db: float | None) -> list[SpeechRegion]:
    """`background_voice`'s rules on 50 ms-median levels `smooth` and the speaker's word
    `level`; `voice_db`: the level of a background voice already found (None: not known)."""
    n = smooth.shape[0]
    f = ENERGY_FRAME_S
    inside = np.zeros(n, dtype=bool)
    for r in regions:
        inside[int(round(r.start_s / f)):min(n, int(round(r.end_s / f)))] = True
    faint_frame = smooth < level - drop_db
    spans = []  # (start, end, faint, peak dB) of every word
    for w in words:
        ws, we = float(w.start), max(float(w.start), float(w.end))
        if we - ws > WORD_MAX_S:
            # a failed span, longer than any word's sound (Whisper's "30" stamped 17.5-20.7 s
            # over the pause before it is said: QA148 F1), is no sign the candidate spoke all
            # through it
            continue
        a = int(ws / f)
        b = min(n, max(a + 1, int(np.ceil(we / f))))
        peak = float(smooth[a:b].max()) if a < n else -np.inf
        spans.append((ws, we, a < n and peak < level - drop_db, peak))
    known = voice_db is not None
    above_voice = (lambda db: not known or db > voice_db + VOICE_MARGIN_DB)
    edge = int(round(EDGE_S / f))
    decay = int(round(DECAY_S / f)) if known else edge
    loud_spans = [(ws, we) for ws, we, fa, _ in spans if not fa]
    # a faint word next to a louder one (within ATTACH_S) is the candidate's own soft word: the
    # end of a sentence trailing off, a soft onset; one far from any is another voice's
    kept_words = [(ws - WORD_MARGIN_S, we + WORD_MARGIN_S) for ws, we, fa, pk in spans
                  if fa and above_voice(pk) and any(ls - ATTACH_S <= we and ws <= le + ATTACH_S
                                                    for ls, le in loud_spans)]
    own = union([*loud_spans, *kept_words])  # the time the candidate's words take
    # the candidate's first sound at their own level: before it nothing of theirs was heard, and
    # Whisper stamps an answer's first word from the start of its window, not from its sound
    at_level = np.flatnonzero(inside & ~faint_frame)
    first_sound = int(at_level[0]) if at_level.size else n
    out: list[SpeechRegion] = []
    for a, b in _runs(faint_frame | ~inside):
        if (b - a) * f < min_s:
            continue
        for pa, pb in _runs(inside[a:b]):
            pa, pb = a + pa, a + pb
            after_loud, before_loud = pa > 0 and inside[pa - 1], pb < n and inside[pb]
            if after_loud:
                pa += decay  # the candidate's louder sound ends here: keep its decay
            if before_loud:
                pb -= edge
            if pb <= pa:
                continue
            s, e = pa * f, pb * f
            # with another voice known, faint time no louder than it is its
            theirs = known and not above_voice(_peak_db(smooth, SpeechRegion(s, e)))
            if not theirs and ((after_loud or before_loud)
                               and float(smooth[pa:pb].std()) < MIN_MOD_DB):
                continue  # steady next to louder sound: the candidate's held or fading sound
            if any(q.start_s < e and q.end_s > s and above_voice(_peak_db(smooth, q))
                   for q in quiet):
                continue
            if (not theirs and pb > first_sound
                    and overlap_s(own, s, e) >= WORDS_OVER_SHARE * (e - s)):
                continue  # Whisper heard the candidate's words all through it: a soft syllable
            for ps, pe in subtract([(s, e)], kept_words):
                whole = (ps, pe) == (s, e) and (known or not (after_loud or before_loud))
                if pe - ps >= min_s or (whole and pe > ps):
                    out.append(SpeechRegion(round(ps, 3), round(pe, 3)))
    return out


def _heard_s(found: Sequence[SpeechRegion], faint_frame: np.ndarray) -> float:
    """How long the other voice of the stretches `found` was heard, seconds: stretches with
    only faint frames between them are one stretch of it (the VAD splits a faint voice at the
    dips between its words), so its time is their span, not only the VAD's parts."""
    f = ENERGY_FRAME_S
    spans: list[list[float]] = []
    for b in found:
        if spans and faint_frame[int(round(spans[-1][1] / f)):int(round(b.start_s / f))].all():
            spans[-1][1] = b.end_s
        else:
            spans.append([b.start_s, b.end_s])
    return sum(e - s for s, e in spans)


def _peak_db(smooth: np.ndarray, r: SpeechRegion) -> float:
    """The `VOICE_PERCENTILE` level of `smooth` over `r`."""
    f = ENERGY_FRAME_S
    seg = smooth[int(round(r.start_s / f)):int(round(r.end_s / f))]
    return float(np.percentile(seg, VOICE_PERCENTILE)) if seg.size else -np.inf


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) index pairs of the True runs of `mask`."""
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


def without_background(regions: Sequence[SpeechRegion], background: Sequence[SpeechRegion]
                       ) -> list[SpeechRegion]:
    """`regions` with the background stretches cut out (sorted, non-empty)."""
    if not background:
        return list(regions)
    return [SpeechRegion(s, e) for s, e in subtract(((r.start_s, r.end_s) for r in regions),
                                                    ((b.start_s, b.end_s) for b in background))
            if e > s]
