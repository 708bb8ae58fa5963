"""Stretches of a transcript that may be Whisper's inventions rather than what was said.

Pure functions, no I/O. Two kinds of suspect, both decided again by `voice_coach.recovery`,
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
# the video outros Whisper invents over speech it cannot make out, on normalised words
STOCK_PHRASES = re.compile(r"\b(?:thanks?(?: you)?(?: (?:very|so) much)? for (?:watching|"
                           r"listening|viewing)|see you (?:in|on) the next (?:video|one|episode)"
                           r"|(?:please |don't forget to )?(?:like and )?subscribe(?: to)?(?: the| my|"
                           r" our)? channel|subtitles? by|captions? by)\b")


class Suspect(NamedTuple):
    """A stretch whose words may be invented: `start_s`-`end_s` (seconds), why (`REPEAT`,
    `NO_SPEECH` or `STOCK`), and how many of its words triggered it."""

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


def stock_phrase(words: Sequence[Word]) -> bool:
    """`words` hold one of Whisper's video outros (`STOCK_PHRASES`)."""
    return STOCK_PHRASES.search(" ".join(normalize(w.text) for w in words)) is not None


def find_suspects(words: Sequence[Word], segments: Sequence[Segment],
                  regions: Sequence[SpeechRegion]) -> list[Suspect]:
    """Stretches to decode again: repeats of earlier words and segments over no speech, in
    time order, merged where they overlap."""
    out: list[Suspect] = []
    for first, last, n in repeat_groups(words):
        a, b = _widened(float(words[first].start), float(words[last].end), segments, regions)
        out.append(Suspect(a, b, REPEAT, n))
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
            reason = m.reason if m.reason == REPEAT else s.reason
            merged[-1] = Suspect(m.start_s, max(m.end_s, s.end_s), reason, m.words + s.words)
        else:
            merged.append(s)
    return merged
