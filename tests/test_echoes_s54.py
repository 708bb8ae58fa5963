"""Session 54 (issue #12): hesitations counted on a word's sound. The words, the speaker's sounds
(`sound_bursts`) and the VAD regions are those the pipeline saw for two espeak-ng answers of a
new user's trial (QA121, tiny.en, default settings), so each case is a real one.

- QA121 F1 (a5): "forecast, uh, uh, the model" — two "uh" sounds (4.71, 5.13 s), each a VAD
  region of its own, then "the model" from 5.59 s. Whisper wrote "or, or, or," and "the" with no
  length; all three "or" were read as hesitations (3 counted for 2).
- QA121 F1 (a8): "tag-check, um, three" — one "um" (11.33-11.74 s, a region of its own); Whisper
  wrote one "um," timed 12.06-12.16 s over the onset of "three" (12.0 s). The hesitation kept
  that onset and the real "um" sound was added as a second one (2 counted for 1).
"""

from __future__ import annotations

from voice_coach.analysis.echoes import check_fillers, spelled_hesitations
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.transcriber import Word

WORDS_A5 = [Word("delay", 3.38, 3.74, 0.83), Word("forecast", 3.74, 4.48, 0.97),
            Word("or,", 4.48, 5.32, 0.38), Word("or,", 5.32, 5.64, 0.91),
            Word("or,", 5.64, 5.78, 0.63), Word("the", 5.88, 5.88, 0.85),
            Word("mobile", 5.88, 6.14, 0.11), Word("one", 6.14, 6.5, 0.53),
            Word("time", 6.5, 6.82, 0.55)]
BURSTS_A5 = [(3.36, 3.62), (3.73, 3.94), (4.0, 4.16), (4.71, 4.93), (5.13, 5.36), (5.59, 5.82),
             (5.87, 6.04), (6.11, 6.22), (6.41, 6.67)]
REGIONS_A5 = [SpeechRegion(0.74, 4.25), SpeechRegion(4.71, 4.93), SpeechRegion(5.13, 5.36),
              SpeechRegion(5.59, 7.38)]


def test_a_run_spelled_as_words_is_as_many_hesitations_as_it_has_sounds():
    """Two separate sounds: two of the three "or" are hesitations, the ones timed nearest them;
    the third (over the onset of "the model") stays a word."""
    assert spelled_hesitations(WORDS_A5, BURSTS_A5, REGIONS_A5) == [2, 3]


def test_a_run_spelled_as_words_with_a_sound_for_each_is_all_hesitations():
    words = WORDS_A5[:5] + WORDS_A5[6:]
    bursts = [b for b in BURSTS_A5 if b != (5.59, 5.82)] + [(5.45, 5.55)]
    regions = REGIONS_A5[:3] + [SpeechRegion(5.45, 5.55), SpeechRegion(5.87, 7.38)]
    assert spelled_hesitations(words, sorted(bursts), regions) == [2, 3, 4]


WORDS_A8 = [Word("man,", 10.12, 10.44, 0.82), Word("tag", 10.78, 10.82, 0.22),
            Word("-check,", 10.82, 11.24, 0.5), Word("um,", 12.06, 12.16, 0.65),
            Word("free", 12.34, 12.46, 0.81), Word("trip", 12.46, 12.8, 0.9),
            Word("to", 12.8, 12.96, 0.11), Word("the", 12.96, 13.1, 0.6)]
BURSTS_A8 = [(8.57, 10.25), (10.31, 10.62), (10.69, 10.99), (11.33, 11.74), (12.0, 12.28),
             (12.33, 12.57), (12.62, 13.31)]
REGIONS_A8 = [SpeechRegion(7.28, 10.99), SpeechRegion(11.33, 11.74), SpeechRegion(12.0, 13.31)]


def test_a_hesitation_timed_on_the_next_words_onset_takes_its_own_sound():
    found = check_fillers(WORDS_A8, BURSTS_A8, REGIONS_A8)
    assert found.repeats == [], found
    assert [(i, w.start) for i, w in found.placed] == [(3, 11.33)], found


def test_a_hesitation_on_an_onset_with_no_sound_of_its_own_nearby_keeps_it():
    words = WORDS_A8[:3] + WORDS_A8[3:]
    bursts = [b for b in BURSTS_A8 if b != (11.33, 11.74)]
    regions = [REGIONS_A8[0], REGIONS_A8[2]]
    found = check_fillers(words, bursts, regions)
    assert found.repeats == [] and 3 not in found.echoes, found


# a faint second voice keeps the VAD on through the pauses (bench/robustness.py hear53,
# w-lucia-forecast, en-us+klatt, 120 wpm): "ordering stock needs, uh, a range" — the "uh" sound
# 7.57-8.0 s inside one long region; Whisper stretched "needs," over it and stamped "uh," short
# on the onset of "a range" (8.14 s)
WORDS_BG = [Word("ordering", 5.82, 6.32, 0.72), Word("stock", 6.32, 6.96, 0.97),
            Word("needs,", 6.96, 7.7, 0.5), Word("uh,", 8.18, 8.24, 0.41),
            Word("range", 8.7, 8.7, 0.51), Word("and", 8.7, 9.32, 0.66),
            Word("not", 9.32, 9.7, 0.99)]
BURSTS_BG = [(5.19, 7.51), (7.57, 8.0), (8.14, 8.81), (8.91, 10.94)]


def test_a_sound_a_word_was_stretched_over_is_the_hesitation_inside_one_long_region():
    found = check_fillers(WORDS_BG, BURSTS_BG, [SpeechRegion(1.46, 10.94)])
    placed = dict(found.placed)
    assert placed[3].start == 7.57 and placed[2].end == 7.57, found
