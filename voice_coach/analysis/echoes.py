"""Whisper hesitations that are one sound written twice ("uh, uh" over one "uh").

Under the filler prompt Whisper sometimes writes a hesitation twice for one vocalisation: the
second "uh" is timed over the silence after the first one, or over the first one's fading tail.
A person counts one there; a person counts three in "uh, uh, uh" said three times. The text
cannot tell the two apart, the sound can, so the test is made from the sound:

1. `sound_bursts`: the speaker's sounds — runs of 10 ms frames that the VAD's energy rule calls
   the speaker's speech (`analysis.vad.energy_mask`) inside VAD speech regions, with gaps
   shorter than `BURST_BRIDGE_S` joined (a stop closure inside one sound);
2. `echo_fillers`: every hesitation Whisper wrote confidently gets a sound of its own if it has
   one — each burst goes to at most one hesitation and each hesitation takes at most one burst,
   by largest overlap of its time span with the burst first; a hesitation left without one
   takes the nearest burst within `REACH_S` that no other word's span touches (Whisper times
   hesitations loosely: "Um," 0.5 s after its sound). A hesitation Whisper timed with a
   length, with no sound of its own, next to a hesitation that has one, is the same sound
   emitted twice: an echo. One burst is one sound: a long "uhhh" that Whisper splits into
   "uh, uh" counts once; "uh, uh" with less than `BURST_BRIDGE_S` of quiet between also
   counts once (a limit of the energy rule, docs/accuracy.md).

Hesitations stamped with no length are never echoes: they keep their count and are timed from
the speech around them (`analysis.delivery.retime_fillers`). Improbable hesitations (below
`fillers.MIN_FILLER_PROBABILITY`) are not counted anyway and take no sound. Lexical fillers
("like", "you know") are words and are not judged here.

The pipeline removes echoes from the transcript before the report is saved, so a re-score
without audio counts what was decided here. Pure functions, no I/O; times in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from voice_coach.analysis.fillers import MIN_FILLER_PROBABILITY, is_hesitation
from voice_coach.analysis.intervals import Interval, overlap_s
from voice_coach.analysis.levels import ENERGY_FRAME_S, SpeechRegion
from voice_coach.analysis.vad import energy_mask
from voice_coach.transcriber import Word

BURST_BRIDGE_S = 0.05  # quiet shorter than this inside a sound does not split it (a stop
#                        closure; the acoustic detector's QUIET_FLANK_S)
REACH_S = 1.0  # a hesitation's sound may lie this far from where Whisper timed it (its times for
#                hesitations are 0.1-0.6 s off on the shared clips; delivery.FILLER_SNAP_MAX_S)


def sound_bursts(levels_db: np.ndarray, regions: Sequence[SpeechRegion]) -> list[Interval]:
    """The speaker's separate sounds: runs of loud frames (`vad.energy_mask` of the 10 ms frame
    levels `vad.frame_levels_db`) inside `regions`, gaps under `BURST_BRIDGE_S` joined. A region
    with no loud frame (quiet speech) is one sound."""
    f = ENERGY_FRAME_S
    loud = energy_mask(np.asarray(levels_db, dtype=np.float64))
    out: list[Interval] = []
    for r in regions:
        a, b = max(0, int(round(r.start_s / f))), min(loud.shape[0], int(round(r.end_s / f)))
        on = np.flatnonzero(loud[a:b]) + a if b > a else np.zeros(0, dtype=int)
        if on.size == 0:
            out.append((r.start_s, r.end_s))
            continue
        cuts = np.flatnonzero(np.diff(on) * f > BURST_BRIDGE_S + 1e-9)
        starts = np.concatenate([[on[0]], on[cuts + 1]])
        ends = np.concatenate([on[cuts], [on[-1]]]) + 1
        out += [(round(float(s * f), 6), round(float(e * f), 6)) for s, e in zip(starts, ends)]
    return out


def _gap_s(a: Interval, b: Interval) -> float:
    return max(0.0, a[0] - b[1], b[0] - a[1])


def echo_fillers(words: Sequence[Word], bursts: Sequence[Interval]) -> list[int]:
    """Indices into `words` of the hesitations that are a neighbouring hesitation's sound
    written a second time (see the module docstring), in order. `bursts`: `sound_bursts`."""
    heard = [i for i, w in enumerate(words)
             if not (is_hesitation(w.text) and float(w.probability) < MIN_FILLER_PROBABILITY)]
    span = {i: (float(words[i].start), max(float(words[i].start), float(words[i].end)))
            for i in heard}
    hes = [i for i in heard if is_hesitation(words[i].text)]
    is_hes = set(hes)
    timed = {i for i in heard if span[i][1] > span[i][0]}
    owner: dict[int, int] = {}  # burst index → the hesitation whose sound it is
    pairs = sorted((-overlap_s([span[i]], *b), i, k) for i in hes if i in timed
                   for k, b in enumerate(bursts))
    for neg_overlap, i, k in pairs:  # largest overlap first; ties: the earlier word
        if neg_overlap < 0 and k not in owner and i not in owner.values():
            owner[k] = i
    word_spans = [span[i] for i in timed if i not in is_hes]
    for i in hes:  # a hesitation timed off its sound takes the nearest sound no word has
        if i in owner.values():
            continue
        lo = max((span[j][1] for j in heard if j < i and j not in is_hes), default=-np.inf)
        hi = min((span[j][0] for j in heard if j > i and j not in is_hes), default=np.inf)
        free = [k for k, b in enumerate(bursts) if k not in owner and b[1] > lo and b[0] < hi
                and _gap_s(b, span[i]) <= REACH_S
                and not any(overlap_s([w], *b) > 0 for w in word_spans)]
        if free:
            owner[min(free, key=lambda k: _gap_s(bursts[k], span[i]))] = i
    sounded = set(owner.values())
    out = []
    for n, i in enumerate(heard):
        if i not in is_hes or i in sounded or i not in timed:
            continue
        if any(heard[m] in is_hes and heard[m] in sounded for m in (n - 1, n + 1)
               if 0 <= m < len(heard)):
            out.append(i)
    return out
