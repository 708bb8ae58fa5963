"""Delivery metrics from VAD speech regions + Whisper words: pauses, lead-in, pace, fillers.

Pure functions, no I/O. Definitions (DESIGN.md "Analysis definitions"):

- speech span: from the start of the first to the end of the last VAD speech region.
  lead-in = speech start (the recording starts when the question ends).
- words: Whisper words that overlap VAD speech; words wholly inside silence are Whisper
  hallucinations (it writes "uh, uh" or "Thank you." into silence) and are ignored, as are
  the words it appends after the last real one (`invented_tail`: "Okay.", "Really good.").
- pause: a silence of at least `silence.min_gap_s` strictly between two VAD speech regions;
  silence before the first and after the last region is never a pause. Whisper word gaps are
  never used for silences (they stretch across pauses). Where the word before it ends in a soft
  release the VAD measured past the region's end (`releases`, `analysis.vad.releases_after`:
  a silent room), the pause starts at the release's end; the regions, and so the speech span,
  the pace and the answer's end, keep the region's end. Likewise where the word after it
  starts with a soft onset before the region's start (`onsets`, `analysis.vad.onsets_before`),
  the pause ends at the onset's start.
- long pause ≥ `silence.pause_s`; silence ≥ `silence.long_silence_s`.
- word count: transcript tokens, fillers and pure punctuation excluded; "30%" counts as the
  two words spoken ("thirty percent").
- wpm = words / span minutes; articulation wpm = words / (span − pauses) minutes, the pauses
  as the regions give them (without the releases);
  pace timeline = wpm in sliding windows of `pace.window_s` every `pace.step_s`.
- unrecognised speech (`transcript.unrecognised`: VAD speech the transcriber returned no words
  for) is left out of every rate: its time is taken off the span (and off the articulation
  span), a pace window less than half recognised is left out of the timeline, and with under
  `MIN_RECOGNISED_S` of recognised span the rates are None. Lost words never count as slow.
- fillers: `voice_coach.analysis.fillers.find_fillers` (every repeat counts); a filler Whisper
  stamped with no length gets its time from the speech around it (`retime_fillers`); with
  `fillers.acoustic`, hesitations found in the sound (`analysis.acoustic_fillers`, passed in as
  `acoustic`) are added with source "acoustic"; rate per minute of recognised speech span.

Undefined values (no speech, zero-length span) are None, never NaN or a division by zero.
Times are seconds from the start of the recording.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, get_type_hints

from voice_coach.analysis.coverage import speech_in_s
from voice_coach.analysis.fillers import (
    Filler,
    filler_mask,
    find_fillers,
    improbable_fillers,
    is_hesitation,
    normalize,
    unspelled_fillers,
)
from voice_coach.analysis.intervals import overlap_s, subtract
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.config import Config
from voice_coach.report_model import ROUND_DIGITS, DeliveryInfo, FillerMark, Span, dump, rounded
from voice_coach.report_model import PaceWindow, Pause  # re-exported
from voice_coach.transcriber import UnrecognisedStretch, Word

SECONDS_PER_MINUTE = 60.0
FILLER_SNAP_MAX_S = 1.0  # a filler that opens a speech region moves to the region's VAD onset
#                          when Whisper placed it at most this far away (Whisper's start times
#                          for the first word after a pause are often 0.1-0.6 s off)
ACOUSTIC_SAME_S = 0.3  # an acoustic find this close to a Whisper hesitation is that hesitation
ACOUSTIC_NEAR_S = 1.2  # … and a Whisper hesitation with no sound of its own this close to an
#   acoustic find, with no word between them, is that find's sound: Whisper writes a hesitation
#   it heard at the end of the pause after it, 0.3-1.0 s late (the hesitant sets of sessions
#   21-22: 11 of 12 such pairs were one filler counted twice)
OWN_SOUND_MIN_S = 0.08  # a hesitation's span holds its own sound when this much of it is VAD
#   speech (acoustic_fillers.MIN_CANDIDATE_S: the shortest vocalisation)
CONFIRMED = "whisper+acoustic"  # source of a Whisper hesitation the acoustic detector also heard
ACOUSTIC_TEXT = "uh?"  # report text of a hesitation heard but not transcribed
MIN_RETIME_SPEECH_S = 0.05  # less uncovered speech than this cannot hold a stamped filler
MIN_SPAN_S = 1e-6  # spans shorter than this have no defined rate
MIN_RECOGNISED_S = 1.0  # with less recognised speaking span than this, rates are None
MIN_RECOGNISED_WINDOW = 0.5  # a pace window needs at least this share of recognised time
WORD_GATE_S = 0.3  # a word counts when it overlaps VAD speech widened by this much (Whisper puts
#                   some real words up to ~0.25 s off, e.g. zero-length words at a chunk edge);
#                   words wholly inside longer silence are hallucinations
MIN_TRAILING_WORD_PROBABILITY = 0.05  # Whisper's end-of-audio inventions ("Okay.", "Thank you.")
#   carry word probability 0.005-0.025 on the shared clips; real last words score far higher
TAIL_MAX_PROBABILITY = 0.5  # a closing sentence Whisper wrote below this in every word …
TAIL_SPEECH_PER_WORD_S = 0.15  # … over less VAD speech than this per word was never said (QA8
#   F28: "Really good." at p 0.10 / 0.28 over 0.18 s, the fading end of the word before it;
#   a spoken word holds ≥ 0.15 s of sound even said fast — 190 wpm is 0.3 s a word)
_SENTENCE_END = re.compile(r"[.?!…][\"')\]]*$")
_NON_SPEECH = re.compile(r"^[\[(<].*[\])>]\W*$")  # "[cough]", "(laughs)", "<unk>": not words


@dataclass(frozen=True)
class Delivery(DeliveryInfo):
    """The report's `delivery` block (`report_model.DeliveryInfo`, its fields unrounded) plus
    what only the coach reads: the unrecognised speech it was measured without."""

    unrecognised: tuple[UnrecognisedStretch, ...] = ()  # reported in `transcript`
    unrecognised_speech_s: float = 0.0  # VAD speech inside `unrecognised`, seconds
    # one per pause: True when the word heard last before it ends a sentence ("…ranking." |),
    # False inside a sentence, None with no word before it; () when not computed
    after_sentence: tuple[bool | None, ...] = ()
    # one-letter clause openers set off by punctuation ("A,", "S,"): sounds Whisper could not
    # spell, typically fillers in the speaker's first language (`fillers.unspelled_fillers`)
    unspelled: tuple[str, ...] = ()

    def info(self) -> DeliveryInfo:
        """The report's `delivery` block: floats rounded to `report_model.ROUND_DIGITS`, None where
        undefined (never NaN); the counts (int fields) as they are."""
        return DeliveryInfo(**{f.name: (value if f.name in _COUNTS else _rounded(value))
                               for f in fields(DeliveryInfo) for value in [getattr(self, f.name)]})

    def to_dict(self) -> dict[str, Any]:
        """Schema JSON of `info()`."""
        return dump(self.info())


_COUNTS = frozenset(name for name, tp in get_type_hints(DeliveryInfo).items() if tp is int)


def _rounded(value: Any) -> Any:
    """A `DeliveryInfo` field's value with every number a float rounded by
    `report_model.rounded` (records and sequences rounded inside, sequences as tuples)."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(_rounded(v) for v in value))
    if isinstance(value, (tuple, list)):
        return tuple(_rounded(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return rounded(value)
    return value


def _rate_per_min(count: int, span_s: float) -> float | None:
    return count / (span_s / SECONDS_PER_MINUTE) if span_s > MIN_SPAN_S else None


def clean_regions(regions: Sequence[SpeechRegion], duration_s: float) -> list[SpeechRegion]:
    """Regions clipped to [0, duration], empty ones dropped, sorted, overlaps merged."""
    out: list[SpeechRegion] = []
    for r in sorted(regions, key=lambda r: (r.start_s, r.end_s)):
        s, e = max(0.0, float(r.start_s)), min(float(duration_s), float(r.end_s))
        if not (math.isfinite(s) and math.isfinite(e)) or e <= s:
            continue
        if out and s <= out[-1].end_s:
            out[-1] = SpeechRegion(out[-1].start_s, max(out[-1].end_s, e))
        else:
            out.append(SpeechRegion(s, e))
    return out


def find_pauses(regions: Sequence[SpeechRegion], min_gap_s: float,
                releases: Sequence[SpeechRegion] = (),
                onsets: Sequence[SpeechRegion] = ()) -> list[Pause]:
    """Silences of at least `min_gap_s` strictly between consecutive (clean) speech regions.

    A region's end that a release starts at (`analysis.vad.releases_after`: the word's soft
    release in a silent room, past the region's end) starts the silence at the release's end,
    at most at the next region's start; a region's start that an onset ends at
    (`analysis.vad.onsets_before`: the word's soft onset before it) ends the silence at the
    onset's start, at least at the silence's start; the regions themselves are not changed.

    The duration is the edges' difference rounded to the report's precision
    (`report_model.ROUND_DIGITS`), so it is the number the saved report holds and every view
    prints one length (QA8 F13: 23.02 → 29.07 s is 6.05 in the report but 6.050000000000001 as
    computed: "6.0 s" in the transcript, "6.1 s" in the feedback)."""
    released = {round(r.start_s, ROUND_DIGITS): r.end_s for r in releases}
    onset = {round(r.end_s, ROUND_DIGITS): r.start_s for r in onsets}
    out: list[Pause] = []
    for a, b in zip(regions, regions[1:]):
        start, stop = a.end_s, b.start_s
        end = released.get(round(start, ROUND_DIGITS))
        if end is not None:
            start = min(max(start, end), b.start_s)
        begin = onset.get(round(stop, ROUND_DIGITS))
        if begin is not None:
            stop = max(min(stop, begin), start)
        if stop - start >= min_gap_s:
            out.append(Pause(start, stop, round(stop - start, ROUND_DIGITS)))
    return out


MIN_SPEECH_REGION_S = 0.1  # a "speech" region shorter than this holds no syllable (QA14 F10:
#                           a 20 ms blip in hiss split a 8.2 s silence into 6.0 s and 2.2 s)


def pause_regions(regions: Sequence[SpeechRegion], words: Sequence[Word]) -> list[SpeechRegion]:
    """`regions` without the blips no word can be in: shorter than `MIN_SPEECH_REGION_S`, no
    word's time span touching them, and not the first or last region. The silences on both
    sides of a blip are one pause, counted once (QA14 F10: "[6.0 s] [2.2 s]" with no word
    between, flagged as two long pauses)."""
    spans = [(float(w.start), float(w.end)) for w in words]

    def blip(r: SpeechRegion) -> bool:
        return (r.end_s - r.start_s < MIN_SPEECH_REGION_S
                and not any(s <= r.end_s and e >= r.start_s for s, e in spans))

    return [r for i, r in enumerate(regions)
            if i in (0, len(regions) - 1) or not blip(r)]


def gate_words(words: Sequence[Word], regions: Sequence[SpeechRegion]) -> list[Word]:
    """Words that overlap VAD speech (widened by `WORD_GATE_S`); the rest lie in silence.

    Whisper invents text in long silences — with a filler prompt it writes "uh, uh, uh" there —
    so words with no speech under them are dropped from every metric (the transcript keeps them).
    """
    out = []
    for w in words:
        s, e = float(w.start), max(float(w.start), float(w.end))
        if any(s < r.end_s + WORD_GATE_S and e > r.start_s - WORD_GATE_S for r in regions):
            out.append(w)
    return out


def invented_tail(words: Sequence[Word], regions: Sequence[SpeechRegion]) -> list[Word]:
    """The words Whisper appended after the answer ended (it writes "Okay.", "Thank you.",
    "Really good." at the end of the audio), in order; none of them is counted.

    From the end of the words that overlap speech (`gate_words`): an improbable last word
    (p < `MIN_TRAILING_WORD_PROBABILITY`), and a closing sentence after another one that Whisper
    was unsure of in every word (p < `TAIL_MAX_PROBABILITY`) and that has less VAD speech under
    its time span than `TAIL_SPEECH_PER_WORD_S` per word — the words before it already own the
    sound. `words` sorted by time; `regions` clean VAD speech.
    """
    kept = gate_words(words, regions)
    k = len(kept)
    while k:
        if float(kept[k - 1].probability) < MIN_TRAILING_WORD_PROBABILITY:
            k -= 1
            continue
        j = max((i + 1 for i in range(k - 1) if _SENTENCE_END.search(kept[i].text.strip())),
                default=0)
        tail = kept[j:k]
        span = (float(tail[0].start), max(float(w.end) for w in tail))
        heard = overlap_s([(r.start_s, r.end_s) for r in regions], *span)
        if j == 0 or max(float(w.probability) for w in tail) >= TAIL_MAX_PROBABILITY \
                or heard >= TAIL_SPEECH_PER_WORD_S * len(tail):
            break
        k = j
    return kept[k:]


def snap_fillers(fillers: Sequence[Filler], words: Sequence[Word],
                 regions: Sequence[SpeechRegion]) -> list[Filler]:
    """Fillers that are the first word of a speech region get the region's VAD onset as start."""
    out = []
    starts = sorted(float(w.start) for w in words)
    for f in fillers:
        if f.start is None:
            out.append(f)
            continue
        r = next((r for r in regions if r.end_s > f.start), None)
        if r is None or abs(f.start - r.start_s) > FILLER_SNAP_MAX_S:
            out.append(f)
            continue
        lo = min(r.start_s, f.start) - WORD_GATE_S
        earlier = [t for t in [*starts, *(o.start for o in out if o.start is not None)]
                   if lo <= t < f.start]
        prev_end = max((q.end_s for q in regions if q.end_s <= r.start_s), default=-math.inf)
        if not earlier and f.start >= prev_end:
            out.append(f._replace(start=r.start_s))
        else:
            out.append(f)
    return out


def _nearest_pieces(pieces: Sequence[tuple[float, float]], t: float, k: int
                    ) -> list[tuple[float, float]]:
    """The pieces (start, end seconds) nearest `t` first, until there are `k` of them holding
    at least `MIN_RETIME_SPEECH_S` in all; returned in time order."""
    taken: list[tuple[float, float]] = []
    for p in sorted(pieces, key=lambda p: max(p[0] - t, t - p[1], 0.0)):
        if len(taken) >= k and sum(e - s for s, e in taken) >= MIN_RETIME_SPEECH_S:
            break
        taken.append(p)
    return sorted(taken)


def retime_fillers(fillers: Sequence[Filler], words: Sequence[Word],
                   regions: Sequence[SpeechRegion]) -> list[Filler]:
    """Fillers Whisper stamped with no length (or squeezed onto the previous word) keep their
    count and get a time from the speech around them.

    The k fillers stamped at one instant share the speech between the neighbouring timed words
    that no timed word covers, taken piece by piece nearest the stamp first until there are k
    pieces (each filler is a sound of its own; Whisper's stamp marks where the stack was, and a
    farther piece is often the held tail of the word before): filler j starts at fraction j/k of
    the pieces taken, in time order. With no such speech (less than `MIN_RETIME_SPEECH_S`), each
    takes the nearest point of the nearest speech region."""
    timed = [(float(w.start), float(w.end)) for w in words if float(w.end) > float(w.start)]
    out = list(fillers)
    stacks: dict[float, list[int]] = {}
    for i, f in enumerate(fillers):
        if f.start is not None and f.end is not None and f.end <= f.start:
            stacks.setdefault(round(f.start, 3), []).append(i)
    for t, idx in stacks.items():
        lo = max((e for s, e in timed if e <= t), default=0.0)
        hi = min((s for s, e in timed if s >= t), default=math.inf)
        inside = [(max(r.start_s, lo), min(r.end_s, hi)) for r in regions
                  if r.end_s > lo and r.start_s < hi]
        free = _nearest_pieces(subtract(inside, timed), t, len(idx))
        total = sum(e - s for s, e in free)
        for j, i in enumerate(idx):
            if total >= MIN_RETIME_SPEECH_S:
                pos, at = total * j / len(idx), free[0][0]
                for s, e in free:
                    if pos <= e - s:
                        at = s + pos
                        break
                    pos -= e - s
            elif regions:
                r = min(regions, key=lambda r: max(r.start_s - t, t - r.end_s, 0.0))
                at = min(max(t, r.start_s), r.end_s)
            else:
                continue
            out[i] = fillers[i]._replace(start=at, end=at)
    return out


def fit_to_sound(fillers: Sequence[Filler], regions: Sequence[SpeechRegion]) -> list[Filler]:
    """Hesitations only Whisper found (source "whisper") timed over more than their sound keep
    only it: the first stretch of VAD speech inside the span at least `OWN_SOUND_MIN_S` long.
    Whisper stretches a hesitation's end over the pause after it (an "um" of 0.4 s written
    14.2-16.1 s), which put its time in the middle of the silence. A hesitation over no such
    speech, a lexical filler, one with no times, and one the acoustic detector confirmed (it
    has the sound's time; `merge_acoustic` runs first) are kept as written."""
    out = []
    for f in fillers:
        if f.start is None or f.end is None or f.end <= f.start or not is_hesitation(f.text) \
                or f.source != "whisper":
            out.append(f)
            continue
        pieces = [(max(r.start_s, f.start), min(r.end_s, f.end)) for r in regions
                  if min(r.end_s, f.end) - max(r.start_s, f.start) >= OWN_SOUND_MIN_S]
        out.append(f._replace(start=pieces[0][0], end=pieces[0][1]) if pieces else f)
    return out


def merge_acoustic(fillers: Sequence[Filler], acoustic: Sequence[Any],
                   low_probability: Sequence[Filler] = (), *, words: Sequence[Word] = (),
                   regions: Sequence[SpeechRegion] = ()) -> list[Filler]:
    """Whisper's fillers plus hesitations found in the sound (`AcousticFiller`s).

    An acoustic find within `ACOUSTIC_SAME_S` of a Whisper hesitation is that hesitation (its
    start becomes the sound's onset, its source `CONFIRMED`) — unless the hesitation is timed
    on a sound of its own apart from the find (a speech region no word starts in: "uh, uh"
    with the first dropped by Whisper, session 30). So is one within `ACOUSTIC_NEAR_S`
    of a Whisper hesitation that has no sound of its own (less than `OWN_SOUND_MIN_S` of its
    span is speech in `regions`) with no recognised word of `words` starting between them: one
    sound Whisper wrote off its time, not two fillers (it then takes the sound's time). A
    hesitation on a sound of its own next to a find is a second filler ("uh, uh"). Otherwise
    the find is added with source "acoustic" and text `ACOUSTIC_TEXT`, or the text of an
    improbable Whisper filler over it ("um")."""
    out = list(fillers)
    speech = [(r.start_s, r.end_s) for r in regions]
    starts = [float(w.start) for w, is_f in zip(words, filler_mask(words)) if not is_f]

    def written(f: Filler) -> bool:
        return f.source not in ("acoustic", CONFIRMED) and f.start is not None \
            and is_hesitation(f.text)

    def silent(lo: float, hi: float) -> bool:
        """Less than `OWN_SOUND_MIN_S` of speech between lo and hi."""
        return hi <= lo or overlap_s(speech, lo, hi) < OWN_SOUND_MIN_S

    def nothing_said(lo: float, hi: float) -> bool:
        """No speech region (`OWN_SOUND_MIN_S` or longer) lies wholly between lo and hi (the
        onset of a word Whisper timed late may reach into the gap)."""
        return not any(lo <= s and e <= hi and e - s >= OWN_SOUND_MIN_S for s, e in speech)

    def off_its_time(f: Filler, a: Any) -> bool:
        """f has no sound of its own (a stamp's sound is the speech its point lies in, unless a
        recognised word starts in that speech after it: then the sound is the word's onset,
        where Whisper stamps a hesitation it heard earlier — QA97 F6) and lies near the find a
        with nothing said between them."""
        if not speech or f.end is None:
            return False
        if f.end <= f.start:
            if any(s <= f.start <= e and not any(f.start <= t < e for t in starts)
                   for s, e in speech):
                return False
        elif not silent(f.start, f.end):
            return False
        lo, hi = (a.end_s, f.start) if f.start >= a.end_s else (f.end, a.start_s)
        return hi - lo <= ACOUSTIC_NEAR_S and nothing_said(lo, hi) \
            and not any(lo < t < hi for t in starts)

    def word_late(f: Filler, a: Any) -> bool:
        """f starts within `ACOUSTIC_NEAR_S` after the find a with exactly one recognised word
        starting between them, and nothing said between the find and that word: Whisper timed
        the word late, on the hesitation's sound, and the find is the word's own sound."""
        between = [t for t in starts if a.end_s - ACOUSTIC_SAME_S < t < f.start]
        return (a.end_s <= f.start <= a.end_s + ACOUSTIC_NEAR_S and len(between) == 1
                and nothing_said(a.end_s, between[0]))

    def apart(f: Filler, a: Any) -> bool:
        """f is timed on a sound of its own that does not overlap the find a: a speech region
        no recognised word starts in, `OWN_SOUND_MIN_S` of it under f's span: two sounds, two
        fillers ("uh, uh", the first dropped by Whisper). A hesitation timed over the onset of
        the words after it (Whisper times it late) has no sound of its own there."""
        if f.end is None or f.end <= f.start or not (f.end <= a.start_s or f.start >= a.end_s):
            return False
        return any(min(e, f.end) - max(s, f.start) >= OWN_SOUND_MIN_S
                   and not any(s <= t < e for t in starts) for s, e in speech)

    for a in acoustic:
        same = [i for i, f in enumerate(out) if written(f) and not apart(f, a)
                and a.start_s - ACOUSTIC_SAME_S <= f.start <= a.end_s + ACOUSTIC_SAME_S]
        if same:
            i = min(same, key=lambda i: abs(out[i].start - a.start_s))
            out[i] = out[i]._replace(start=min(out[i].start, a.start_s), source=CONFIRMED)
            continue
        if any(written(f) and word_late(f, a) for f in out):
            continue
        off = [i for i, f in enumerate(out) if written(f) and off_its_time(f, a)]
        if off:
            i = min(off, key=lambda i: abs(out[i].start - a.start_s))
            out[i] = out[i]._replace(start=a.start_s, end=a.end_s, source=CONFIRMED)
            continue
        heard = next((f.text for f in low_probability if f.start is not None
                      and f.end is not None and f.start < a.end_s + ACOUSTIC_SAME_S
                      and f.end > a.start_s - ACOUSTIC_SAME_S), ACOUSTIC_TEXT)
        out.append(Filler(heard, a.start_s, a.end_s, "acoustic"))
    return sorted(out, key=lambda f: (math.inf if f.start is None else f.start))


def countable_words(words: Sequence[Word], extra: Sequence[str] = ()) -> list[Word]:
    """Words that count for pace: not fillers (`extra`: the user's own, `fillers.words`), not
    pure punctuation, not "[noise]" tags."""
    mask = filler_mask(words, extra)
    return [w for w, is_f in zip(words, mask)
            if not is_f and normalize(w.text) and not _NON_SPEECH.match(w.text.strip())]


_WORD_FRAGMENT = re.compile(r"-[^\W\d_]")  # "-fitting": the rest of the word before it


def spoken_words(text: str) -> int:
    """How many spoken words one Whisper token stands for: "30%" is "thirty percent" (2),
    "$5" is "five dollars" (2), a fragment Whisper split off the word before ("Over -fitting",
    "C -temperature": QA133 F4) 0, anything else 1."""
    t = text.strip()
    if _WORD_FRAGMENT.match(t):
        return 0
    n = 1
    if "%" in t:
        n += 1
    if t.startswith(("$", "€", "£")):
        n += 1
    return n


def _word_mid(w: Word) -> float:
    return (float(w.start) + float(w.end)) / 2


def pauses_after_sentence(pauses: Sequence[Pause], words: Sequence[Word]
                          ) -> tuple[bool | None, ...]:
    """For each pause: does the last word before it end a sentence? A word is before the pause
    when its midpoint is before the pause's (Whisper stretches word edges into pauses). None
    for a pause with no word before it."""
    mids = sorted((_word_mid(w), w.text.strip()) for w in words if w.text.strip())
    out: list[bool | None] = []
    for p in pauses:
        middle = (p.start + p.end) / 2
        before = [t for m, t in mids if m < middle]
        out.append(bool(_SENTENCE_END.search(before[-1])) if before else None)
    return tuple(out)


def pace_timeline(words: Sequence[Word], start_s: float, end_s: float,
                  window_s: float, step_s: float,
                  unrecognised: Sequence[UnrecognisedStretch] = ()) -> list[PaceWindow]:
    """wpm in windows of `window_s` every `step_s` over [start_s, end_s].

    Windows are full length; the last one is aligned to end at `end_s` so the end of the
    answer is covered. A span shorter than one window gives a single window over the span.
    A word belongs to the window holding its midpoint. Time in `unrecognised` stretches is
    not in a window's length; a window less than `MIN_RECOGNISED_WINDOW` recognised is left out.
    """
    span = end_s - start_s
    if span <= MIN_SPAN_S:
        return []
    mids = sorted((_word_mid(w), spoken_words(w.text)) for w in words)
    if span <= window_s:
        bounds = [(start_s, end_s)]
    else:
        bounds = []
        k = 0
        while start_s + k * step_s + window_s < end_s:
            s = start_s + k * step_s
            bounds.append((s, s + window_s))
            k += 1
        bounds.append((end_s - window_s, end_s))
    lost = [(u.start_s, u.end_s) for u in unrecognised]
    out = []
    for s, e in bounds:
        heard_s = (e - s) - overlap_s(lost, s, e)
        if heard_s < MIN_RECOGNISED_WINDOW * (e - s):
            continue
        n = sum(k for m, k in mids if s <= m < e or (e == end_s and m == e))
        out.append(PaceWindow(s, e, n / (heard_s / SECONDS_PER_MINUTE)))
    return out


def analyze_delivery(regions: Sequence[SpeechRegion], words: Sequence[Word], duration_s: float,
                     cfg: Config, acoustic: Sequence[Any] = (), *,
                     unrecognised: Sequence[UnrecognisedStretch] = (),
                     quiet: Sequence[SpeechRegion] = (),
                     background: Sequence[SpeechRegion] = (),
                     releases: Sequence[SpeechRegion] = (),
                     onsets: Sequence[SpeechRegion] = ()) -> Delivery:
    """Delivery metrics for one recorded answer.

    Args:
        regions: VAD speech regions (seconds).
        words: Whisper words with timestamps (fillers included, as transcribed); words that
            do not overlap any speech region are ignored.
        duration_s: recording length, seconds.
        cfg: thresholds from `cfg.silence`, `cfg.pace`, `cfg.fillers`.
        acoustic: `AcousticFiller`s from `analysis.acoustic_fillers.detect_acoustic_fillers`
            on the same audio; counted only when `cfg.fillers.acoustic` is on.
        unrecognised: speech the transcriber returned no words for; left out of the rates.
        quiet: quiet speech (`analysis.quiet`), already part of `regions`; kept for the coach.
        background: a quieter background voice (`analysis.background`), already cut out of
            `regions`; kept for the report, which says it was not counted.
        releases: soft word releases past a region's end (`analysis.vad.releases_after`):
            the pause after that region starts at the release's end; speech segments, the
            speech span (pace) and the answer's end are the regions'.
        onsets: soft word onsets before a region's start (`analysis.vad.onsets_before`): the
            pause before that region ends at the onset's start; the regions are unchanged;
            an onset that overlaps `background` is dropped (the other voice is no onset).

    Returns:
        A `Delivery`; rates are None when the speaking span is empty.
    """
    duration_s = max(0.0, float(duration_s)) if math.isfinite(duration_s) else 0.0
    # the regions as the report keeps them (`speech_segments`): the pauses and the lead-in every
    # view prints are the saved ones, not a float a hair away from them (QA8 F13)
    segs = clean_regions([SpeechRegion(round(r.start_s, ROUND_DIGITS),
                                       round(r.end_s, ROUND_DIGITS)) for r in regions],
                         duration_s)
    words = gate_words(sorted(words, key=lambda w: (w.start, w.end)), segs)
    tail = invented_tail(words, segs)
    words = words[:len(words) - len(tail)]
    if segs:
        start, end = segs[0].start_s, segs[-1].end_s
    else:  # no speech: any words Whisper wrote were heard in silence
        start = end = None

    released = [SpeechRegion(round(r.start_s, ROUND_DIGITS), round(r.end_s, ROUND_DIGITS))
                for r in releases]
    kept = pause_regions(segs, words)
    # an onset the other voice is heard in is that voice, not the word's start
    onset = [SpeechRegion(round(r.start_s, ROUND_DIGITS), round(r.end_s, ROUND_DIGITS))
             for r in onsets
             if not any(v.start_s < r.end_s and v.end_s > r.start_s for v in background)]
    pauses = find_pauses(kept, cfg.silence.min_gap_s, released, onset)
    counted = countable_words(words, cfg.fillers.words)
    word_count = sum(spoken_words(w.text) for w in counted)
    fillers_found = retime_fillers(find_fillers(words, cfg.fillers.words), words, segs)
    if cfg.fillers.acoustic and acoustic:
        fillers_found = merge_acoustic(fillers_found, acoustic, improbable_fillers(words),
                                       words=words, regions=segs)
    fillers_found = fit_to_sound(fillers_found, segs)
    fillers_found = snap_fillers(fillers_found, words, segs)
    span = (end - start) if start is not None and end is not None else 0.0
    # pace reads the speech regions' own silences: a soft release moves where a pause starts,
    # not the speech time (session 26)
    paused = sum(p.duration for p in find_pauses(kept, cfg.silence.min_gap_s))
    lost = sorted(unrecognised, key=lambda u: (u.start_s, u.end_s))
    lost_span_s = (overlap_s([(u.start_s, u.end_s) for u in lost], start, end)
                   if start is not None and end is not None else 0.0)
    lost_speech_s = speech_in_s(segs, lost)
    heard_span = span - lost_span_s
    articulation_span = span - paused - lost_speech_s
    if lost and heard_span < MIN_RECOGNISED_S:
        heard_span = articulation_span = 0.0
    timeline = (pace_timeline(counted, start, end, cfg.pace.window_s, cfg.pace.step_s, lost)
                if start is not None and end is not None else [])
    return Delivery(
        speech_start_s=start,
        speech_end_s=end,
        lead_in_s=start,
        pauses=tuple(pauses),
        long_pause_count=sum(1 for p in pauses if p.duration >= cfg.silence.pause_s),
        silence_count=sum(1 for p in pauses if p.duration >= cfg.silence.long_silence_s),
        longest_pause_s=(max((p.duration for p in pauses), default=0.0)
                         if start is not None else None),
        word_count=word_count,
        wpm=_rate_per_min(word_count, heard_span),
        articulation_wpm=_rate_per_min(word_count, articulation_span),
        pace_timeline=tuple(timeline),
        fillers=tuple(FillerMark(*f) for f in fillers_found),
        filler_count=len(fillers_found),
        fillers_per_min=_rate_per_min(len(fillers_found), heard_span),
        speech_segments=tuple(Span(r.start_s, r.end_s) for r in segs),
        duration_s=duration_s,
        quiet_speech=tuple(Span(r.start_s, r.end_s) for r in quiet),
        background_voice=tuple(Span(r.start_s, r.end_s) for r in background),
        releases=tuple(Span(r.start_s, r.end_s) for r in released
                       if r.start_s in {q.end_s for q in segs[:-1]}),
        onsets=tuple(Span(r.start_s, r.end_s) for r in onset
                     if r.end_s in {q.start_s for q in segs[1:]}),
        unrecognised=tuple(lost),
        unrecognised_speech_s=lost_speech_s,
        after_sentence=pauses_after_sentence(pauses, words),
        unspelled=tuple(words[i].text for i in unspelled_fillers(words, cfg.fillers.words)
                        if not _sound_counted(words[i], fillers_found)),
    )


COUNTED_SOUND_S = 0.3  # a stray word this close to a filler the detector counted is that sound


def _sound_counted(word: Word, fillers: Sequence[Filler]) -> bool:
    """`word` ("Who,") is the sound of a filler the acoustic detector already counted right
    before or over it (QA111 F6: "*uh* Who," is one "uhhh"), no filler missed."""
    return any("acoustic" in f.source and f.start is not None and f.end is not None
               and f.start - COUNTED_SOUND_S <= word.start <= f.end + COUNTED_SOUND_S
               for f in fillers)
