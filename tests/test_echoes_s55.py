"""Session 55 (issue #12, QA130 F2): a word that starts in its own sound and is stretched over the
pause after it, over the first "uh" of a run. The words, the speaker's sounds (`sound_bursts`) and
the VAD regions are those the pipeline saw for a new user's espeak-ng answer (QA130 a3, tiny.en,
default settings): "…the points assigned to it. Uh, uh, what if a cluster is empty?" — two "uh"
sounds (40.94, 41.37 s), each a VAD region of its own; Whisper wrote "it." 40.44-41.16 s (from
the last 0.07 s of the sound before the pause over the first "uh") and one "Uh," stamped in the
pause after the second. One was counted for two."""

from __future__ import annotations

from voice_coach.analysis.echoes import check_fillers
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.transcriber import Word

WORDS = [Word("assign", 39.64, 40.16, 0.16), Word("to", 40.16, 40.44, 0.99),
         Word("it.", 40.44, 41.16, 0.99), Word("Uh,", 41.68, 41.68, 0.19),
         Word("what", 42.0, 42.18, 0.94), Word("if", 42.18, 42.34, 0.45)]
BURSTS = [(39.19, 40.51), (40.94, 41.16), (41.37, 41.6), (41.86, 42.33)]
REGIONS = [SpeechRegion(37.15, 40.51), SpeechRegion(40.94, 41.16), SpeechRegion(41.37, 41.6),
           SpeechRegion(41.86, 43.17)]


def test_a_word_started_in_its_sound_and_stretched_over_a_hesitation_gives_it_up():
    found = check_fillers(WORDS, BURSTS, REGIONS)
    assert [(w.start, w.end) for w in found.repeats] == [(41.37, 41.6)], found
    placed = dict(found.placed)
    assert (placed[3].start, placed[3].end) == (40.94, 41.16), found
    assert placed[2].end == 40.94, found  # "it." ends where the "uh" it ran over starts
    assert found.echoes == []


def test_a_word_whose_span_only_grazes_the_sound_before_keeps_the_later_one():
    """A span that starts at the very end of the sound before (within Whisper's timestamp step)
    has its sound after the pause: the "uh" run is counted as written."""
    words = [*WORDS[:2], Word("it.", 40.50, 41.16, 0.99), *WORDS[3:]]
    found = check_fillers(words, BURSTS, REGIONS)
    assert found.repeats == [], found
