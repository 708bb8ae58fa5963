"""Whisper's hesitations counted by their sounds: one written twice for one sound counts once,
every sound of a run counts ("uh, uh, uh" said three times is three, however many Whisper wrote).

Under the filler prompt Whisper sometimes writes a hesitation twice for one vocalisation (the
second "uh" timed over the silence after the first one, or over its fading tail), and sometimes
writes fewer than were said ("Uh, uh, so" for three "uh" the VAD heard as three separate
sounds, QA7 F05). The text cannot tell either from the truth; the sound can:

1. `sound_bursts`: the speaker's sounds — runs of 10 ms frames that the VAD's energy rule calls
   the speaker's speech (`analysis.vad.energy_mask`) inside VAD speech regions, with gaps
   shorter than `BURST_BRIDGE_S` joined (a stop closure inside one sound);
2. `check_fillers`: each burst is the sound of the word whose time span overlaps it most (a
   hesitation takes at most one), except a sound a word was stretched over when Whisper timed the
   hesitation after it one sound late: the word has its sound before, the stretched-over
   hesitation-length sound is the hesitation's (`_stretched_over`, session 30); a hesitation
   Whisper wrote confidently and left without one (unless Whisper timed it over a word's burst:
   said joined to that word, `SHARED_MIN_S`, it has that sound) takes the nearest burst within
   `REACH_S` that no word's span touches, between the words around it that are no hesitations —
   first a burst the VAD heard as a region of its own (Whisper times hesitations loosely: "Um," 0.5
   s after its sound); one stamped with no length never takes the sound that opens a region before
   the region's first word (that is the word's onset: Whisper starts the first word after a pause
   late). Then:
   - an **echo**: a hesitation Whisper timed with a length, with no sound of its own, next to
     a hesitation that has one, is the same sound emitted twice (dropped);
   - a **repeat**: a burst in the same stretch that no word's span touches, that the VAD heard
     as a region of its own, `REPEAT_MIN_S`-`REPEAT_MAX_S` long, within `REACH_S` of the
     run's sounds, is a hesitation Whisper did not write (added with the text of the run's
     first hesitation), once the run's hesitations without a sound have taken theirs;
   - a hesitation stamped with no length, or timed over silence, that took a separate sound is
     **placed** on it (one over silence may take a sound of its stretch beyond `REACH_S`); so is
     one timed over the sound it owns when Whisper's times are off it and no word reaches into
     it (`_own_sound_off`, session 30: "um" timed from the end of "because" over its own
     later sound is counted there, not on "because"'s tail); the word a hesitation took its
     stretched-over sound from ends where that sound starts.

A hesitation stamped with no length (or timed shorter than `fillers.SHORT_WORD_S`: no
usable span, QA9 F07) keeps its count unless it is one more than the sounds of its run: it has
no sound of its own and every other hesitation of the run has one (then it is an echo too:
"Uh. Uh. Uh." written with a fourth "uh" stamped on the next word's onset) — unless the sound of
the word before the run goes on past that word's span by a hesitation's length, where a
hesitation said joined to it can be ("montreal uh" as one burst).
A lone hesitation (no neighbouring hesitation) over silence is kept: its sound may be too soft
for the VAD.
Improbable hesitations (below `fillers.MIN_FILLER_PROBABILITY`) take no sound in the steps
above; afterwards one whose span lies on a sound of its own (a hesitation-length sound the VAD
heard as a region of its own, that no word touches and no hesitation took), or that ends
just before it (`LATE_GUESS_S`) after the word before, is a **sounded guess**: Whisper was
unsure of the spelling, not of the sound, and it counts (QA8 F27: every
"(uh?)" of the trial was a filler really said; Whisper's inventions under the filler prompt lie
over silence or over other words' speech). Lexical fillers ("like", "you know") are words and
are not judged here; nothing is added where Whisper wrote no hesitation (that is
`analysis.acoustic_fillers`' job).

The pipeline applies the result to the transcript before the report is saved
(`pipeline.fillers_by_sound`), so a re-score without audio counts what was decided here. Pure
functions, no I/O; times in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from voice_coach.analysis.fillers import MIN_FILLER_PROBABILITY, SHORT_WORD_S, is_hesitation
from voice_coach.analysis.intervals import Interval, overlap_s, subtract
from voice_coach.analysis.levels import ENERGY_FRAME_S, WORD_SOUND_MIN_S, SpeechRegion
from voice_coach.analysis.vad import energy_mask
from voice_coach.transcriber import Word

BURST_BRIDGE_S = 0.05  # quiet shorter than this inside a sound does not split it (a stop
#                        closure; the acoustic detector's QUIET_FLANK_S)
REPEAT_MIN_S, REPEAT_MAX_S = 0.08, 0.9  # a repeat's sound is as long as a hesitation is
#                                        (acoustic_fillers.MIN/MAX_CANDIDATE_S)
SHARED_MIN_S = 0.2  # a hesitation timed this far (or half its length) over a word's sound was
#                     said joined to that word ("montreal uh" as one burst): it has a sound
GRAZE_S = 0.02  # Whisper's timestamp step: a word's span reaching this little into a sound
#                 is timing noise, not the word's sound ("Uh" 10.40-10.68 s over the end of a
#                 10.20-10.41 s "uh" and the next one: the first is a sound of its own)
ONSET_GAP_S = 0.15  # a sound ending this close before a word's span is that word's onset
GUESS_REACH_S = 0.1  # an improbable hesitation's own sound overlaps its span (± this) …
LATE_GUESS_S = 0.4  # … or ends this little before it, after the word before (Whisper's late times)
GUESS_GRAZE_S = GRAZE_S + ENERGY_FRAME_S  # … into which the word before may reach this far
SAME_P = 5e-4  # two hesitations written with probabilities this close are one token emitted twice
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


class SoundCheck(NamedTuple):
    """What the sound says about Whisper's hesitations: `echoes`, indices into the words of
    hesitations written twice for one sound (to drop); `repeats`, hesitations said but not
    written (to add: one `Word` per sound, with the text and probability of the run's first
    hesitation); `placed`, stamped hesitations put on their sound."""

    echoes: list[int]
    repeats: list[Word]
    placed: list[tuple[int, Word]]  # a hesitation (index) and the same word timed on the
    #   separate sound it took; and a word a hesitation took its stretched-over sound from,
    #   ending where that sound starts
    sounded_guesses: list[tuple[int, Word]] = []  # an improbable hesitation (index) over a
    #   sound of its own, and the same word timed on that sound with probability
    #   `MIN_FILLER_PROBABILITY`: counted


def _overlaps(timed: set[int], span: dict[int, Interval], bursts: Sequence[Interval]
              ) -> dict[tuple[int, int], float]:
    """Seconds each timed word's span (index i) shares with each burst (index k), for the pairs
    that share any: one array operation instead of a word × burst loop (`overlap_s` per pair)."""
    index = sorted(timed)
    if not index or not bursts:
        return {}
    w = np.array([span[i] for i in index], dtype=np.float64)
    b = np.array([(s, e) for s, e in bursts], dtype=np.float64)
    ov = np.minimum(w[:, 1:2], b[None, :, 1]) - np.maximum(w[:, 0:1], b[None, :, 0])
    return {(index[r], int(k)): float(ov[r, k]) for r, k in zip(*np.nonzero(ov > 0))}


def _own_sound_off(span: Interval, burst: Interval, word_touched: bool) -> bool:
    """A timed hesitation over the sound it owns is put on it when that sound is its alone (no
    word's span reaches into it, hesitation-length) and Whisper's times are off it: "um"
    55.24-56.62 s over "because"'s tail and its own 55.98-56.52 s sound is counted there."""
    return (not word_touched and REPEAT_MIN_S <= burst[1] - burst[0] <= REPEAT_MAX_S
            and max(abs(span[0] - burst[0]), abs(span[1] - burst[1])) > GRAZE_S + 1e-9)


def _stretched_over(heard: Sequence[int], is_hes: set[int], timed: set[int],
                    owner: dict[int, int],
                    span: dict[int, Interval], shared_s: dict[tuple[int, int], float],
                    bursts: Sequence[Interval], alone: set[int], in_pause: set[int],
                    touched: set[int]) -> dict[int, int]:
    """Sounds a word was stretched over that are the hesitation after it (burst index →
    hesitation index). Whisper's times around a hesitation it wrote late are one sound late:
    the word before runs on over the hesitation's sound and the hesitation is timed after it,
    over the pause or the next word's onset ("at, um, hundreds": "at" 38.36-39.06 s over the
    38.69-39.05 s "um", "um" 39.06-39.54 s). A word has one sound (as in
    `acoustic_fillers.unclaimed_regions`): when the word right before a hesitation that owns no
    sound has its sound in an earlier burst (reaching `WORD_SOUND_MIN_S` into it, or starting
    in it: Whisper stretches a word's end over the pause after it) and also owns
    the last burst under its span, a hesitation-length sound the VAD heard as a region of its
    own that starts before the hesitation, that burst is the hesitation's — for one Whisper
    stamped with no length in the pause after it too (`in_pause`: "that, | um." stamped in the
    pause after the sound "that," was stretched over, QA115 F3). A sound inside a longer VAD
    region, or one for a stamp inside speech, is the hesitation's only when no sound after it
    that nobody has lies within `REACH_S` of the hesitation (that one is its sound, taken in
    `check_fillers`): a faint second voice keeps the VAD on between the speaker's sounds."""
    out: dict[int, int] = {}
    owns = set(owner.values())
    for n, i in enumerate(heard):
        if i not in is_hes or i in owns or n == 0 or heard[n - 1] in is_hes:
            continue
        p = heard[n - 1]
        mine = sorted(k for k, j in owner.items() if j == p)
        if not mine:
            continue
        k = mine[-1]
        b = bursts[k]
        # … or starts in it: Whisper starts a word where it is said and stretches its end over
        # the pause after it ("it." 40.44-41.16 s from the end of its sound over the 40.94 s
        # "uh" after a 0.4 s silence, QA130 F2)
        earlier = any((o >= WORD_SOUND_MIN_S or bursts[q][0] <= span[p][0] <= bursts[q][1] - GRAZE_S)
                      for (j, q), o in shared_s.items() if j == p and bursts[q][1] <= b[0])
        if not (earlier and REPEAT_MIN_S <= b[1] - b[0] <= REPEAT_MAX_S
                and b[0] < span[i][0] and k not in out):
            continue
        # a sound the VAD heard on its own, for a hesitation timed or stamped in the pause;
        # else (a long region: a faint second voice keeps the VAD on between sounds; a stamp
        # inside speech) only when no sound after it that nobody has is near the hesitation,
        # which is its sound then ("needs, uh, a range" with "uh," stamped on "a range")
        if not (k in alone and (i in timed or i in in_pause)) and any(
                q not in owner and REPEAT_MIN_S <= c[1] - c[0] <= REPEAT_MAX_S and c[0] >= b[1]
                and _gap_s(c, span[i]) <= REACH_S and q not in touched
                for q, c in enumerate(bursts)):
            continue
        out[k] = i
    return out


def _run_tails(heard: Sequence[int], is_hes: set[int], owner: dict[int, int],
               span: dict[int, Interval], shared_s: dict[tuple[int, int], float],
               bursts: Sequence[Interval], alone: set[int]) -> dict[int, int]:
    """Sounds the word before a run of hesitations was stretched over, when the run's
    hesitations have sounds of their own (burst index → the word's index). A word has one
    sound (`_stretched_over`): when the word right before a run has its sound in an earlier
    burst and its span runs on over a later hesitation-length sound the VAD heard as a region
    of its own, before the run's first hesitation, that sound is one more hesitation of the run
    that Whisper wrote once ("Okay, so, uh, uh, the assign step" written "so, uh," with "so,"
    37.48-38.10 s over the first "uh" 37.85-38.08 s: QA145 F1; "path is, uh, uh" with "is,"
    over the first: QA142 F3)."""
    out: dict[int, int] = {}
    for n, i in enumerate(heard):
        if i not in is_hes or n == 0 or heard[n - 1] in is_hes:
            continue
        p = heard[n - 1]
        mine = sorted(k for k, j in owner.items() if j == p)
        if len(mine) < 2:
            continue
        k = mine[-1]
        b = bursts[k]
        earlier = any(o >= WORD_SOUND_MIN_S for (j, q), o in shared_s.items()
                      if j == p and q != k and bursts[q][1] <= b[0])
        # … and the hesitation's own sound is a region of its own too, no word's onset (a
        # hesitation Whisper timed on the next word's onset took that word's sound: "is, uh,
        # classic" with "uh," on "classic" has one hesitation, stretched over by "is,": that is
        # `_stretched_over`'s, hear57)
        heard_own = any(j == i and q in alone for q, j in owner.items())
        if earlier and heard_own and k in alone and REPEAT_MIN_S <= b[1] - b[0] <= REPEAT_MAX_S \
                and b[1] <= span[i][0] + GRAZE_S:
            out[k] = p
    return out


def own_regions(bursts: Sequence[Interval], regions: Sequence[SpeechRegion]) -> set[int]:
    """Indices of the sounds the VAD heard as a region of their own (edges within
    `BURST_BRIDGE_S`)."""
    return {k for k, b in enumerate(bursts) if any(
        abs(b[0] - r.start_s) <= BURST_BRIDGE_S + 1e-6
        and abs(b[1] - r.end_s) <= BURST_BRIDGE_S + 1e-6
        for r in regions)}


def check_fillers(words: Sequence[Word], bursts: Sequence[Interval],
                  regions: Sequence[SpeechRegion] = ()) -> SoundCheck:
    """Echoes and repeats of the hesitations in `words` (see the module docstring).
    `bursts`: `sound_bursts`; `regions`: the VAD regions they were found in (a repeat is only a
    sound the VAD heard as a region of its own)."""
    heard = [i for i, w in enumerate(words)
             if not (is_hesitation(w.text) and float(w.probability) < MIN_FILLER_PROBABILITY)]
    span = {i: (float(words[i].start), max(float(words[i].start), float(words[i].end)))
            for i in heard}
    hes = [i for i in heard if is_hesitation(words[i].text)]
    is_hes = set(hes)
    # a hesitation Whisper timed shorter than SHORT_WORD_S has no usable span: stamped (QA9 F07:
    # "uh" 5.016-5.036 s over the onset of "the project" otherwise counted as said joined to it)
    timed = {i for i in heard if span[i][1] - span[i][0] > (SHORT_WORD_S if i in is_hes else 0)}
    owner: dict[int, int] = {}  # burst index → the word whose sound it is
    shared_s = _overlaps(timed, span, bursts)
    for neg_overlap, i, k in sorted((-o, i, k) for (i, k), o in shared_s.items()):
        # largest overlap first; ties: the earlier word
        if k not in owner and not (i in is_hes and i in owner.values()):
            owner[k] = i
    alone = own_regions(bursts, regions)
    in_pause = {i for i in hes if i not in timed
                and not any(r.start_s <= span[i][0] <= r.end_s for r in regions)}
    touched = {k for (_, k), o in shared_s.items() if o > GRAZE_S + 1e-9}
    stretched = _stretched_over(heard, is_hes, timed, owner, span, shared_s, bursts, alone,
                                in_pause, touched)
    for k, i in stretched.items():
        owner[k] = i
    word_touched = {k for (i, k), o in shared_s.items() if o > GRAZE_S + 1e-9 and i not in is_hes}

    def stretch(i: int) -> tuple[float, float]:
        """From the end of the word before `i` that is no hesitation to the start of the one
        after it."""
        lo = max((span[j][1] for j in heard if j < i and j not in is_hes), default=-np.inf)
        hi = min((span[j][0] for j in heard if j > i and j not in is_hes), default=np.inf)
        return lo, hi

    words_at = sorted(span[j] for j in timed if j not in is_hes)
    onset = {k for k, b in enumerate(bursts) if k not in alone and any(
        r.start_s <= b[0] <= r.end_s
        and not any(s < b[0] and e > r.start_s for s, e in words_at)
        and any(b[1] - BURST_BRIDGE_S <= s < r.end_s for s, _ in words_at)
        for r in regions)}  # the sound opening a region before its first word: that word's
    #                         onset (Whisper starts the first word after a pause late)
    for k, i in [(k, i) for k, i in owner.items() if i in is_hes and k in onset]:
        # a hesitation timed over the sound that opens a region right before the next word
        # (Whisper's "um," 12.06-12.16 s on the onset of "three") is that word's onset when a
        # sound of its own lies in its stretch that no word or hesitation has (QA121 F1)
        lo, hi = stretch(i)
        if not 0.0 <= hi - bursts[k][1] < ONSET_GAP_S:
            continue
        own = [q for q, b in enumerate(bursts) if q in alone and q not in owner
               and q not in word_touched and lo - GRAZE_S <= b[0] and b[1] <= hi
               and REPEAT_MIN_S <= b[1] - b[0] <= REPEAT_MAX_S and _gap_s(b, span[i]) <= REACH_S]
        if own:
            del owner[k]
            owner[min(own, key=lambda q: _gap_s(bursts[q], span[i]))] = i
    shared = {i for i in hes if i in timed and i not in owner.values() and any(
        shared_s.get((i, k), 0.0) >= min(SHARED_MIN_S, (span[i][1] - span[i][0]) / 2)
        for k, j in owner.items() if j not in is_hes and j < i)}  # said joined to the word
    #   before it; a hesitation timed over the next word's sound was written late on its onset
    #   (QA111 F1: "uh, uh" stamped on "trained" after the run's sounds), it has none there
    def taken_by_touch() -> set[int]:
        """Sounds a word's span reaches into, but not one only a hesitation reaches into that
        has a sound of its own already ("uh," 58.40-58.88 s over the ends of both "uh" said:
        the second is free for the next "uh" of the run)."""
        owning = {j for j in owner.values() if j in is_hes}
        return {k for (j, k), o in shared_s.items()
                if o > GRAZE_S + 1e-9 and not (j in owning and owner.get(k) != j)}

    for i in hes:  # a hesitation timed off its sound takes the nearest sound no word has (one
        if i in owner.values() or i in shared:  # the VAD heard on its own first, not a word's
            continue  # onset)
        lo, hi = stretch(i)
        # timed over silence (no sound under its span): any sound of its stretch the VAD heard
        # on its own, or the sound opening a region, may be it — after a long pause Whisper
        # stretches the words around it over the silence, so it can lie seconds from its sound
        # (QA8 F11: "Um" after 12 s of silence)
        # … and so may one stamped with no length that has none near its stamp: Whisper wrote
        # a run's hesitations at one instant after the run ("uh" ×8 stamped on "a credit" for
        # seven said before it, QA97 F1), so a sound of the run no one has is its own
        silent = (i in timed and not any(j == i for j, _ in shared_s)) or i not in timed
        reached = taken_by_touch()
        free = [k for k, b in enumerate(bursts) if k not in owner and k not in reached
                and b[1] > lo and b[0] < hi and (i in timed or k not in onset)
                and (_gap_s(b, span[i]) <= REACH_S + 1e-6
                     or (silent and (k in alone or k in onset)
                         and REPEAT_MIN_S <= b[1] - b[0] <= REPEAT_MAX_S))]
        if free:
            owner[min(free, key=lambda k: (k not in alone, _gap_s(bursts[k], span[i])))] = i
    for k, i in [(k, i) for k, i in owner.items() if i in is_hes and k in onset]:
        # a copy: the hesitation right before it, with a sound of its own, was written with the
        # very same probability — one token Whisper emitted twice, the copy timed on the next
        # word's onset ("Uh," 32.42-32.60 s and "Uh," 32.87-32.95 s on "then", both p 0.175:
        # QA148 F2; "um, um" p 0.281 twice, QA142 F3): that sound is the word's, not the copy's
        j = max((j for j in hes if j < i), default=None)
        if j is not None and stretch(j) == stretch(i) and any(
                o == j and q not in onset for q, o in owner.items()) \
                and abs(float(words[j].probability) - float(words[i].probability)) < SAME_P:
            del owner[k]
    sounded = {i for i in owner.values() if i in is_hes} | shared

    def room(i: int) -> bool:
        """Whether the sound of the word before `i`'s stretch runs on into it by a hesitation's
        length beyond every word's span: a hesitation said joined to that word ("montreal uh"
        as one burst) that Whisper wrote elsewhere, not one written twice. (The word after the
        stretch does not count: Whisper starts it late, so its onset is always "free" — QA8
        F11's fourth "uh" stamped there, QA9 F07's grazing it.)"""
        lo, hi = stretch(i)
        inside = [(max(lo, b[0]), min(hi, b[1])) for k, b in enumerate(bursts)
                  if k in owner and owner[k] not in is_hes and span[owner[k]][1] <= lo
                  and b[1] > lo and b[0] < hi]
        return any(e - s_ >= REPEAT_MIN_S
                   for s_, e in subtract(inside, [span[j] for j in heard]))
    echoes = []
    for i in heard:
        if i not in is_hes or i in sounded:
            continue
        # next to a hesitation with a sound: one of its run (the hesitations between the same
        # two words), an echo between them aside ("uh" ×6 written for 5 sounds, the last two
        # stamped on the next word's onset: QA110 F4)
        if not any(j != i and j in sounded and stretch(j) == stretch(i) for j in hes):
            continue
        if i in timed:
            echoes.append(i)
            continue
        # stamped with no length: an echo only when every other hesitation of its run has a
        # sound of its own (QA8 F11: "Uh. Uh. Uh." written with a fourth "uh" stamped on the
        # onset of the next word)
        run = [j for j in hes if stretch(j) == stretch(i) and j != i]
        if run and all(j in sounded for j in run) and not room(i):
            echoes.append(i)
            continue
        # … or when the run's stamped hesitations without a sound outnumber the sounds of its
        # stretch no word or hesitation has (each one said is a sound; QA97 F1: "uh" written
        # eight times for seven)
        lo, hi = stretch(i)
        unsounded = [j for j in run + [i] if j not in sounded and j not in timed
                     and j not in echoes]
        spare = [k for k, b in enumerate(bursts) if k not in owner and k not in touched
                 and b[1] > lo and b[0] < hi and b[1] - b[0] >= REPEAT_MIN_S]
        if len(unsounded) > len(spare) and unsounded.index(i) >= len(spare) and not room(i):
            echoes.append(i)
    repeats = []
    tails = _run_tails(heard, is_hes, owner, span, shared_s, bursts, alone)
    ends: list[tuple[int, float]] = []  # (word, new end) for a tail sound taken as a repeat
    groups: dict[tuple[float, float], list[int]] = {}
    for i in hes:
        groups.setdefault(stretch(i), []).append(i)
    for (lo, hi), members in groups.items():
        mine = [bursts[k] for k, j in owner.items() if j in members and j in sounded]
        if not mine:
            continue
        before_run = max((j for j in heard if j < min(members)), default=-1)
        extra: list[int] = []  # burst indices
        for k in sorted(range(len(bursts)), key=lambda k: min(_gap_s(bursts[k], m) for m in mine)):
            b = bursts[k]
            tail = tails.get(k) == before_run
            if (tail or k not in owner and k not in touched and k in alone and lo < b[0] < b[1] < hi
                    and REPEAT_MIN_S <= b[1] - b[0] <= REPEAT_MAX_S) \
                    and min(_gap_s(b, m) for m in mine + [bursts[q] for q in extra]) <= REACH_S:
                extra.append(k)
        # hesitations written here without a sound of their own stand for some of them
        unsounded = sum(1 for i in members if i not in sounded and i not in echoes)
        near = min(members, key=lambda i: span[i][0])
        added = extra[unsounded:]
        repeats += [Word(words[near].text, bursts[k][0], bursts[k][1],
                         float(words[near].probability)) for k in added]
        # the word stretched over a tail sound taken ends where that sound starts
        ends += [(tails[k], bursts[k][0]) for k in added if tails.get(k) == before_run]
    def next_onset(i: int, k: int) -> bool:
        """Sound `k` runs up to the span of the next word that is no hesitation: that word's
        onset, which Whisper timed late ("and, er, maybe": the sound right before "maybe" is
        "maybe"), no sound to put a stamped hesitation on inside a longer region."""
        nxt = min((span[j][0] for j in heard if j > i and j not in is_hes), default=np.inf)
        return 0.0 <= nxt - bursts[k][1] < ONSET_GAP_S

    placed = [(i, words[i]._replace(start=bursts[k][0], end=bursts[k][1]))
              for k, i in owner.items() if i in is_hes
              and ((i not in timed and (k in alone or REPEAT_MIN_S <= bursts[k][1] - bursts[k][0]
                                         <= REPEAT_MAX_S and not next_onset(i, k)))
                   or (i in timed and ((i, k) not in shared_s or _own_sound_off(
                       span[i], bursts[k], k in word_touched))))]
    for k, i in stretched.items():  # the word stretched over it ends where its sound starts
        p = max(j for j in heard if j < i)
        placed.append((p, words[p]._replace(end=max(float(words[p].start), bursts[k][0]))))
    for p, at in ends:
        placed.append((p, words[p]._replace(end=max(float(words[p].start), at))))
    taken = set(owner) | {k for k, b in enumerate(bursts) for w in repeats
                          if overlap_s([(w.start, w.end)], *b) > 0}
    guesses = []
    grazed = {k for k, j in owner.items() if j not in is_hes and k not in stretched
              and shared_s.get((j, k), 0.0) <= GUESS_GRAZE_S}  # a word's by timing noise only
    for i, w in enumerate(words):
        if not is_hesitation(w.text) or float(w.probability) >= MIN_FILLER_PROBABILITY:
            continue
        # … or a sound before it, back to the word before: Whisper times a hesitation late, on
        # the next word's onset ("flat, um, that is" with "um" 0.28 s after its own sound,
        # QA142 F4)
        # (the word before may end inside the sound by timing noise: Whisper's 20 ms step and
        # the sound's 10 ms frame — "third." ending 25 ms into "hmm"'s own region, QA148 F3)
        before = max((span[j][1] for j in heard if j < i and j not in is_hes), default=-np.inf)
        own = [k for k, b in enumerate(bursts) if k in alone and (k not in taken or k in grazed)
               and not any(o > GUESS_GRAZE_S for (_, q), o in shared_s.items() if q == k)
               and REPEAT_MIN_S <= b[1] - b[0] <= REPEAT_MAX_S
               and (_gap_s(b, (float(w.start), max(float(w.start), float(w.end)))) <= GUESS_REACH_S
                    or before - GUESS_GRAZE_S <= b[0]
                    and 0.0 <= float(w.start) - b[1] <= LATE_GUESS_S)]
        if own:
            taken.add(own[0])
            guesses.append((i, w._replace(start=bursts[own[0]][0], end=bursts[own[0]][1],
                                          probability=MIN_FILLER_PROBABILITY)))
    return SoundCheck(echoes, sorted(repeats, key=lambda w: w.start), sorted(placed), guesses)


# Whisper's spellings of a hesitation as a short word ("Uh, uh, uh, honestly" written "Or, or, or,
# honestly"; a run of "uh" written "ooh, ooh, ooh" or "up, up, up": QA115 F2, QA110 F2/F6)
SPELLED_AS = frozenset(("or", "oh", "ooh", "ohh", "oooh", "a", "up", "huh", "ugh", "aah", "uhm"))
RUN_SOUNDS_MIN = 2  # separate hesitation-length sounds a run needs to be read as hesitations


def spelled_hesitations(words: Sequence[Word], bursts: Sequence[Interval],
                        regions: Sequence[SpeechRegion] = ()) -> list[int]:
    """Indices of `words` that are hesitations Whisper spelled as a word: a run of words each a
    hesitation or one of `SPELLED_AS`, two or more of them spelled ("or, or, or"; never one "or"
    beside an "um": "or, um, get more data" says the word), whose stretch
    (between the words around the run) holds at least as many separate hesitation-length
    sounds — each a VAD region of its own that no other word's span touches — as the run has
    real hesitations plus one, and at least `RUN_SOUNDS_MIN`. The sound is the evidence: a
    real "or" is said joined to the words around it, not as a run of separate vocalisations."""
    out: list[int] = []
    alone = [bursts[k] for k in sorted(own_regions(bursts, regions))
             if REPEAT_MIN_S <= bursts[k][1] - bursts[k][0] <= REPEAT_MAX_S]
    i, n = 0, len(words)
    while i < n:
        j = i
        while j < n and (is_hesitation(words[j].text) or _spelled(words[j].text)):
            j += 1
        spelled = [k for k in range(i, j) if not is_hesitation(words[k].text)]
        if len(spelled) >= 2:  # one "or" beside an "um" may be the word said ("or, um, get")
            lo = float(words[i - 1].end) if i > 0 else -np.inf
            hi = float(words[j].start) if j < n else np.inf
            others = [(float(w.start), float(w.end)) for k, w in enumerate(words)
                      if not i <= k < j and float(w.end) > float(w.start)]
            sounds = [b for b in alone if lo - GRAZE_S <= b[0] and b[1] <= hi + GRAZE_S
                      and overlap_s(others, *b) <= GRAZE_S]
            real = j - i - len(spelled)
            if len(sounds) >= max(RUN_SOUNDS_MIN, real + 1):
                # … as many as the stretch has sounds for, the ones timed closest to a sound:
                # "forecast, or, or, or, the mobile" over two "uh" sounds is two hesitations,
                # the third "or" is the next word's onset (QA121 F1)
                out += sorted(sorted(spelled, key=lambda k: min(
                    abs((float(words[k].start) + float(words[k].end)) / 2 - (s + e) / 2)
                    for s, e in sounds))[:len(sounds) - real])
        i = max(j, i + 1)
    return out


def _spelled(text: str) -> bool:
    return text.strip(" ,.;:!?…-").lower() in SPELLED_AS


def echo_fillers(words: Sequence[Word], bursts: Sequence[Interval]) -> list[int]:
    """Indices into `words` of the hesitations that are a neighbouring hesitation's sound
    written a second time (see the module docstring), in order. `bursts`: `sound_bursts`."""
    return check_fillers(words, bursts).echoes
