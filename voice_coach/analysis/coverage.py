"""Word coverage of detected speech: which VAD speech has a recognised word near it.

Pure functions, no I/O. A moment of VAD speech is *covered* when it lies within `NEAR_S` of a
recognised word (Whisper's word edges are 0.1-0.3 s off, so a tolerance is needed). A word
Whisper stamped with (almost) no length — its timing failed on an elongated or hesitated sound
("uh," at 2.90-2.90 inside "montreal uh forced") — covers the speech of its VAD region between
its timed neighbours, up to `STAMP_CLAIM_S` each side: that speech is the word's sound, not
speech the transcriber lost (the same rule times stamped fillers in `delivery`). A word stamped
longer than `WORD_MAX_S` has a failed span too — Whisper's timestamps collapsed (issue #12, the
unseen robustness set: "to" stamped 27.5-43.3 s over 15 s of reverberant speech it never
decoded, the rest of its text stamped at the end of the audio): no word takes that much speech,
so it covers the speech such a word can take from its start (`word_max_s`: `WORD_MAX_S` for a
hesitation, less for a short word; a hesitated word stamped across the silence after it still
covers its sound) and the speech near its end; the rest under it is lost. Uncovered
speech is grouped into stretches: consecutive uncovered pieces separated only by silence (no
word in between) shorter than `BRIDGE_S` form one stretch. A stretch with at least `LOST_S`
of uncovered speech is speech the transcriber lost: `voice_coach.recovery` re-decodes it, and
what stays lost is reported as `transcript.unrecognised`.

Times are float seconds from the start of the recording.
"""

from __future__ import annotations

from collections.abc import Sequence

from voice_coach.analysis.fillers import is_hesitation
from voice_coach.analysis.intervals import Interval, overlap_s, subtract, union
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.report_model import is_spoken
from voice_coach.transcriber import UnrecognisedStretch, Word

NEAR_S = 0.35  # speech within this of a recognised word counts as covered
LOST_S = 1.0  # a stretch with at least this much uncovered speech is lost speech
BRIDGE_S = 1.0  # uncovered pieces this close, with no word between, are one stretch
STAMP_S = 0.05  # a word shorter than this has no usable time span …
STAMP_CLAIM_S = 1.0  # … and covers the speech of its region up to this far from it
WORD_MAX_S = 2.0  # a word covers at most this much speech from its start, and its end (a held
#                   word or filler of the test clips takes well under 2 s of speech) …
WORD_BASE_S, LETTER_S = 1.0, 0.1  # … and a word that is no hesitation at most this much plus
#   this per letter ("so" 1.2 s, a held "so..." included; "product" 1.7 s): a short word stamped
#   over seconds of speech hides the words said under it ("new" 33.7-38.9 s over "item to five
#   percent of relevant traffic, so we collect clicks": QA115 F1)


def word_max_s(text: str) -> float:
    """The most speech one word's sound can take, seconds (see `WORD_MAX_S`)."""
    if is_hesitation(text):
        return WORD_MAX_S
    letters = sum(ch.isalnum() for ch in text)
    return min(WORD_MAX_S, WORD_BASE_S + LETTER_S * letters)
# The answer's last words are where Whisper stops early: greedy tiny.en ends its last window
# with "end of text" when speech runs to the very end of the audio, as in an answer cut by
# Enter ("…before touching the model." came back as "…before", QA15 F11). Nothing after them
# can cover that speech, so a final uncovered stretch is lost speech from this much on.
TAIL_LOST_S = 0.3


def covered_intervals(words: Sequence[Word], near_s: float = NEAR_S,
                      regions: Sequence[SpeechRegion] = ()) -> list[Interval]:
    """Times within `near_s` of a recognised word, plus the speech a stamped word claims in its
    region (see the module docstring), merged. A punctuation token ("." over noise) is no word
    recognised and covers nothing (`is_spoken`)."""
    spoken = [w for w in words if is_spoken(str(w.text))]
    spans = [(float(w.start), max(float(w.start), float(w.end))) for w in spoken]
    speech = _speech(regions)
    out = []
    for w, (s, e) in zip(spoken, spans):
        cap = word_max_s(str(w.text))
        end = _after_speech(speech, s, e, cap) if e - s > cap else e
        if end < e:  # a failed span: its word's sound and its end
            out += [(s - near_s, end + near_s), (e - near_s, e + near_s)]
        else:
            out.append((s - near_s, e + near_s))
    timed = sorted((s, e) for s, e in spans if e - s >= STAMP_S)
    for s, e in spans:
        if e - s >= STAMP_S:
            continue
        r = next((r for r in regions if r.start_s - near_s <= s <= r.end_s + near_s), None)
        if r is None:
            continue
        lo = max([r.start_s, s - STAMP_CLAIM_S] + [te for ts, te in timed if te <= s])
        hi = min([r.end_s, e + STAMP_CLAIM_S] + [ts for ts, te in timed if ts >= e])
        out.append((min(lo, s), max(hi, e)))
    return union(out)


def sound_spans(words: Sequence[Word], regions: Sequence[SpeechRegion] = ()) -> list[Interval]:
    """The time each word's sound can take, one (start, end) per word: its span, or, for a
    failed span longer than `WORD_MAX_S`, its first `WORD_MAX_S` of speech (`regions`) and no
    more — the speech after that under the span is not the word's (see the module docstring).
    No `near_s` tolerance, no stamped-word claim: the word's own time only."""
    speech = _speech(regions)
    out = []
    for w in words:
        s, e = float(w.start), max(float(w.start), float(w.end))
        cap = word_max_s(str(w.text))
        out.append((s, _after_speech(speech, s, e, cap) if e - s > cap else e))
    return out


def _speech(regions: Sequence[SpeechRegion]) -> list[Interval]:
    return union((float(r.start_s), float(r.end_s)) for r in regions)


def _after_speech(speech: Sequence[Interval], start: float, end: float, amount_s: float) -> float:
    """The time by which `amount_s` of `speech` has passed from `start` (at most `end`; with no
    speech known, `start + amount_s`)."""
    if not speech:
        return min(end, start + amount_s)
    left = amount_s
    for s, e in speech:
        s, e = max(s, start), min(e, end)
        if e <= s:
            continue
        if e - s >= left:
            return s + left
        left -= e - s
    return end


def word_coverage(regions: Sequence[SpeechRegion], words: Sequence[Word],
                  near_s: float = NEAR_S) -> float | None:
    """Share of VAD speech time within `near_s` of a word (None when there is no speech)."""
    speech = _speech(regions)
    total = sum(e - s for s, e in speech)
    if total <= 0:
        return None
    lost = sum(e - s for s, e in subtract(speech, covered_intervals(words, near_s, regions)))
    return 1.0 - lost / total


def uncovered_stretches(regions: Sequence[SpeechRegion], words: Sequence[Word], *,
                        min_speech_s: float = LOST_S, near_s: float = NEAR_S,
                        bridge_s: float = BRIDGE_S) -> list[UnrecognisedStretch]:
    """Stretches of VAD speech with no word near them holding ≥ `min_speech_s` of speech.

    A stretch runs from the start of its first uncovered piece to the end of its last; pieces
    join when the silence between them is shorter than `bridge_s` and holds no word.
    """
    return [UnrecognisedStretch(g[0][0], g[-1][1])
            for g in _lost_groups(regions, words, near_s, bridge_s)
            if sum(e - s for s, e in g) >= min_speech_s]


def tail_stretch(regions: Sequence[SpeechRegion], words: Sequence[Word], *,
                 min_speech_s: float = TAIL_LOST_S, near_s: float = NEAR_S,
                 bridge_s: float = BRIDGE_S) -> UnrecognisedStretch | None:
    """The last stretch of uncovered speech when no word starts after it and it holds at least
    `min_speech_s` of speech (the answer's final words, lost: see `TAIL_LOST_S`), else None."""
    groups = _lost_groups(regions, words, near_s, bridge_s)
    if not groups:
        return None
    g = groups[-1]
    if any(float(w.start) >= g[0][0] for w in words if is_spoken(str(w.text))):
        return None
    if g[-1][1] < max(float(r.end_s) for r in regions) - 1e-6:
        return None  # speech after it is covered: not the end of the answer
    if sum(e - s for s, e in g) < min_speech_s:
        return None
    return UnrecognisedStretch(g[0][0], g[-1][1])


def tail_coverage(regions: Sequence[SpeechRegion], words: Sequence[Word], last_s: float = 1.0,
                  near_s: float = NEAR_S) -> float | None:
    """Word coverage (`word_coverage`) of the last `last_s` seconds of VAD speech, counted back
    from the end of the last region (None when there is no speech)."""
    speech = _speech(regions)
    if not speech:
        return None
    left, clipped = last_s, []
    for s, e in reversed(speech):
        take = min(left, e - s)
        if take <= 0:
            break
        clipped.append(SpeechRegion(e - take, e))
        left -= take
    return word_coverage(clipped[::-1], words, near_s)


def longest_uncovered_s(regions: Sequence[SpeechRegion], words: Sequence[Word], *,
                        near_s: float = NEAR_S, bridge_s: float = BRIDGE_S) -> float:
    """Uncovered speech in the worst stretch, seconds (0.0 when every word came back)."""
    return max((sum(e - s for s, e in g) for g in _lost_groups(regions, words, near_s, bridge_s)),
               default=0.0)


def _lost_groups(regions: Sequence[SpeechRegion], words: Sequence[Word], near_s: float,
                 bridge_s: float) -> list[list[Interval]]:
    """Uncovered speech pieces, grouped into stretches (see `uncovered_stretches`)."""
    covered = covered_intervals(words, near_s, regions)
    groups: list[list[Interval]] = []
    for s, e in subtract(_speech(regions), covered):
        if groups:
            prev_end = groups[-1][-1][1]
            if s - prev_end < bridge_s and overlap_s(covered, prev_end, s) == 0.0:
                groups[-1].append((s, e))
                continue
        groups.append([(s, e)])
    return groups


def speech_in_s(regions: Sequence[SpeechRegion],
                stretches: Sequence[UnrecognisedStretch]) -> float:
    """VAD speech time inside the stretches, seconds."""
    speech = _speech(regions)
    return sum(overlap_s(speech, st.start_s, st.end_s) for st in stretches)
