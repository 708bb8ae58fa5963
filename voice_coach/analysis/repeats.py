"""Stretches of a transcript that may be Whisper's inventions rather than what was said.

Pure functions, no I/O. Each kind of suspect is decided again by `voice_coach.recovery`,
which re-decodes the stretch on its own and keeps the words only when that decode, which cannot
see the answer's earlier text, hears them too:

- **repeat**: words that repeat an earlier stretch of the same answer. Whisper conditioned on
  its prompt and the text before (the filler prompt, the previous segments) sometimes writes
  the answer's opening sentence again, with high confidence, over the last seconds of speech.
  A word is *matched* when it is part of a run of `NGRAM` normalised words (fillers left out)
  that also occurs earlier, ending at least `MIN_GAP_S` before it starts. Matched words closer
  than `JOIN_WORDS` unmatched words form one group; a group with at least `MIN_REPEAT_WORDS`
  matched words is a suspect ("step by step" or one repeated 3-word phrase never is). The
  suspect stretch is widened to the Whisper segment that holds it (at most `WIDEN_MAX_S`
  earlier), because the decode goes wrong from some point of a segment on, and then to the
  edges of the VAD speech regions it touches, so the re-decode starts and ends in pauses.
- **no speech**: a Whisper segment whose words lie on almost no VAD speech that other
  segments' words do not already cover (less than `MIN_SPEECH_PER_WORD_S` per word): "Really
  good." written into the last 0.2 s of a region after "... feature engineering.". Another
  segment's word covers the time its sound can take (`coverage.sound_spans`): a word whose
  timestamps collapsed over seconds of speech (stamped longer than `coverage.WORD_MAX_S`, the
  speech under it lost and recovered by another segment) does not make that segment's words
  look as if they lay on no speech.
- **stock phrase**: a segment holding a closing line of the videos Whisper was trained on
  ("thank you for watching", "see you in the next video", "please subscribe"), which it writes
  over speech it cannot make out (a sentence in another language, mumbling): no candidate
  answers an interviewer with it, so the stretch is decoded again, and the phrase heard again
  there leaves it not recognised (QA47 F3).
- **loop**: the same few words written back to back again and again ("We'll read it again. We'll
  read it again. We'll read it again. …"), Whisper's repetition loop on speech it cannot make out
  (a quote in another language, mumbling) that is too short for its own gzip check
  (`transcriber.MAX_COMPRESSION_RATIO` looks at segments over 40 characters). A unit of
  `LOOP_UNIT_WORDS` words said `LOOP_TIMES` times in a row is a suspect when Whisper was unsure of
  its first telling (median word probability below `LOOP_UNSURE_P`; it grows sure as the loop
  goes on): a speaker who repeats a phrase on purpose is heard with confidence (QA127 F1).
- **squeezed**: `SQUEEZE_MIN_WORDS` or more words in a row (fillers left out) that Whisper stamps
  with no length at one instant (each shorter than `SQUEEZE_MAX_S`, all starting within
  `SQUEEZE_SPAN_S`) and is unsure of (median probability below `LOOP_UNSURE_P`): a sentence no
  one can say in no time, written beside a faint second voice ("and I just wanted to see how
  much of the messages I had to do." — 12 words at 29.98 s, p 0.03–0.28: QA142 F1). A speaker's
  quick words take time, and a filler Whisper stamps with no length is no content word.

Times are float seconds on the recording's timeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from voice_coach.analysis.coverage import sound_spans
from voice_coach.analysis.fillers import filler_mask, normalize
from voice_coach.analysis.intervals import overlap_s, subtract, union
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.transcriber import Segment, Word

NGRAM = 3  # words in a run that must occur earlier for its words to count as repeated
MIN_GAP_S = 4.0  # the earlier run ends at least this long before the repeated one starts
JOIN_WORDS = 3  # matched words with at most this many unmatched words between are one group
MIN_REPEAT_WORDS = 6  # a group needs this many matched words to be a suspect
WIDEN_MAX_S = 6.0  # a suspect starts at most this much earlier, at its segment's start
MIN_SPEECH_PER_WORD_S = 0.12  # a segment with less free VAD speech per word is a suspect
EDGE_S = 0.1  # VAD speech this close outside a segment still counts as under it

REPEAT = "repeat"
NO_SPEECH = "no speech"
STOCK = "stock phrase"
LOOP = "loop"
LOOP_UNIT_WORDS = (2, 8)  # words in the unit a loop repeats (one word repeated is a stutter)
LOOP_TIMES = 3  # … said this many times back to back
LOOP_UNSURE_P = 0.5  # median probability of the unit's first telling below this: a suspect
SQUEEZED = "squeezed"
SQUEEZE_MIN_WORDS = 3  # content words in a row stamped at one instant: a squeezed run
SQUEEZE_MAX_S = 0.02  # a word stamped shorter than this has no length
SQUEEZE_SPAN_S = 0.1  # … and the run's words all start within this of its first
# the video outros Whisper invents over speech it cannot make out, on normalised words
STOCK_PHRASES = re.compile(r"\b(?:thanks?(?: you)?(?: (?:very|so) much)? for (?:watching|"
                           r"listening|viewing)|see you (?:in|on) the next (?:video|one|episode)"
                           r"|(?:please |don't forget to )?(?:like and )?subscribe(?: to)?(?: the| my|"
                           r" our)? channel|subtitles? by|captions? by)\b")


class Suspect(NamedTuple):
    """A stretch whose words may be invented: `start_s`-`end_s` (seconds), why (`REPEAT`,
    `NO_SPEECH`, `STOCK`, `LOOP` or `SQUEEZED`), and how many of its words triggered it."""

    start_s: float
    end_s: float
    reason: str
    words: int


def _tokens(words: Sequence[Word]) -> list[tuple[int, str]]:
    """(index into `words`, normalised text) of every word that is not a filler."""
    mask = filler_mask(words)
    return [(i, t) for i, (w, f) in enumerate(zip(words, mask))
            if not f and (t := normalize(w.text))]


def repeated_words(words: Sequence[Word], *, ngram: int = NGRAM,
                   min_gap_s: float = MIN_GAP_S) -> list[bool]:
    """One flag per word: True when it belongs to a run of `ngram` words said earlier (the
    earlier run ending at least `min_gap_s` before this run starts)."""
    toks = _tokens(words)
    flags = [False] * len(words)
    seen: dict[tuple[str, ...], float] = {}  # n-gram → end of its earliest occurrence
    for k in range(len(toks) - ngram + 1):
        gram = tuple(t for _, t in toks[k:k + ngram])
        first, last = toks[k][0], toks[k + ngram - 1][0]
        earlier_end = seen.get(gram)
        if earlier_end is not None and float(words[first].start) - earlier_end >= min_gap_s:
            for i, _ in toks[k:k + ngram]:
                flags[i] = True
        seen.setdefault(gram, float(words[last].end))
    return flags


def repeat_groups(words: Sequence[Word], *, min_words: int = MIN_REPEAT_WORDS,
                  join_words: int = JOIN_WORDS) -> list[tuple[int, int, int]]:
    """(first word index, last word index, matched words) of every group of repeated words
    with at least `min_words` matched words (see the module docstring)."""
    flags = repeated_words(words)
    toks = _tokens(words)
    groups: list[list[int]] = []
    gap = 0
    for i, _ in toks:
        if flags[i]:
            if groups and gap <= join_words:
                groups[-1].append(i)
            else:
                groups.append([i])
            gap = 0
        else:
            gap += 1
    return [(g[0], g[-1], len(g)) for g in groups if len(g) >= min_words]


def _widened(start_s: float, end_s: float, segments: Sequence[Segment],
             regions: Sequence[SpeechRegion]) -> tuple[float, float]:
    """The stretch widened to its segment's start (≤ `WIDEN_MAX_S` earlier) and end, then to
    the edges of the VAD regions it touches."""
    for sg in segments:
        if sg.start <= start_s < sg.end and start_s - sg.start <= WIDEN_MAX_S:
            start_s = sg.start
        if sg.start < end_s <= sg.end:
            end_s = sg.end
    for r in regions:
        if r.start_s <= start_s <= r.end_s:
            start_s = r.start_s
        if r.start_s <= end_s <= r.end_s:
            end_s = r.end_s
    return start_s, end_s


class Loop(NamedTuple):
    """A unit of `unit` words (indices into the words) said `times` times back to back from
    word `first` to word `last`."""

    first: int
    last: int
    unit: int
    times: int


def loops(words: Sequence[Word], *, times: int = LOOP_TIMES) -> list[Loop]:
    """Every stretch where a unit of `LOOP_UNIT_WORDS` normalised words (fillers left out) is
    said `times` or more times back to back; where units of two lengths loop at one word, the
    one covering more words."""
    toks = _tokens(words)
    text = [t for _, t in toks]
    out: list[Loop] = []
    k = 0
    while k < len(toks):
        best = Loop(0, 0, 0, 0)
        for unit in range(LOOP_UNIT_WORDS[0], LOOP_UNIT_WORDS[1] + 1):
            reps = 1
            while text[k + reps * unit:k + (reps + 1) * unit] == text[k:k + unit]:
                reps += 1
            if reps >= times and reps * unit > best.unit * best.times:
                best = Loop(toks[k][0], toks[k + reps * unit - 1][0], unit, reps)
        if best.times:
            out.append(best)
            k += best.unit * best.times
        else:
            k += 1
    return out


def _unsure(words: Sequence[Word], loop: Loop) -> bool:
    """Whisper wrote the loop's first telling (its unit's words) with little confidence."""
    first = [i for i, _ in _tokens(words) if i >= loop.first][:loop.unit]
    probs = sorted(float(p) for i in first if (p := words[i].probability) is not None)
    return bool(probs) and probs[len(probs) // 2] < LOOP_UNSURE_P


def stock_phrase(words: Sequence[Word]) -> bool:
    """`words` hold one of Whisper's video outros (`STOCK_PHRASES`)."""
    return STOCK_PHRASES.search(" ".join(normalize(w.text) for w in words)) is not None


def squeezed_runs(words: Sequence[Word]) -> list[tuple[int, int]]:
    """(first, last) index into `words` of every squeezed run: see the module docstring."""
    toks = [i for i, _ in _tokens(words)]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        j = k
        t0 = float(words[toks[k]].start)
        while j < len(toks) and float(words[toks[j]].end) - float(words[toks[j]].start) < SQUEEZE_MAX_S \
                and float(words[toks[j]].start) - t0 <= SQUEEZE_SPAN_S:
            j += 1
        run = toks[k:j]
        probs = sorted(float(p) for i in run if (p := words[i].probability) is not None)
        if len(run) >= SQUEEZE_MIN_WORDS and probs and probs[len(probs) // 2] < LOOP_UNSURE_P:
            out.append((run[0], run[-1]))
        k = max(j, k + 1)
    return out


def find_suspects(words: Sequence[Word], segments: Sequence[Segment],
                  regions: Sequence[SpeechRegion]) -> list[Suspect]:
    """Stretches to decode again: repeats of earlier words and segments over no speech, in
    time order, merged where they overlap."""
    out: list[Suspect] = []
    for first, last, n in repeat_groups(words):
        a, b = _widened(float(words[first].start), float(words[last].end), segments, regions)
        out.append(Suspect(a, b, REPEAT, n))
    for lp in loops(words):
        if _unsure(words, lp):
            a, b = _widened(float(words[lp.first].start), float(words[lp.last].end), segments,
                            regions)
            out.append(Suspect(a, b, LOOP, lp.unit * lp.times))
    for first, last in squeezed_runs(words):
        a, b = _widened(float(words[first].start), float(words[last].end), segments, regions)
        out.append(Suspect(a, b, SQUEEZED, last - first + 1))
    speech = union((r.start_s, r.end_s) for r in regions)
    for k, sg in enumerate(segments):
        own = [w for w in sg.words if normalize(w.text)]
        if not own:
            continue
        if stock_phrase(own):
            out.append(Suspect(sg.start, sg.end, STOCK, len(own)))
            continue
        others = sound_spans([w for j, o in enumerate(segments) if j != k for w in o.words],
                             regions)
        free = subtract(speech, others)
        heard_s = overlap_s(free, sg.start - EDGE_S, sg.end + EDGE_S)
        if heard_s < MIN_SPEECH_PER_WORD_S * len(own):
            out.append(Suspect(sg.start, sg.end, NO_SPEECH, len(own)))
    out.sort()
    merged: list[Suspect] = []
    for s in out:
        if merged and s.start_s <= merged[-1].end_s:
            m = merged[-1]
            reason = m.reason if m.reason in (REPEAT, LOOP, SQUEEZED) else s.reason
            merged[-1] = Suspect(m.start_s, max(m.end_s, s.end_s), reason, m.words + s.words)
        else:
            merged.append(s)
    return merged
