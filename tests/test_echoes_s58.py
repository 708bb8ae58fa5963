"""Session 58 (issue #12, QA145 F1): "Okay, so, uh, uh, the assign step" written "so, uh," with
"so," stretched 37.48-38.10 s over the first "uh" (its own sound 37.85-38.08 s, a VAD region of
its own) and the written "uh," on the second (38.28-38.51 s): a word has one sound, so the
hesitation-length sound it was stretched over after its own is one more hesitation of the run.
Words are Whisper's for the tester's a3.wav; sounds are its VAD regions."""

from __future__ import annotations

from voice_coach.analysis.echoes import check_fillers
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.transcriber import Word

WORDS = [Word("Okay,", 36.26, 36.98, 0.501), Word("so,", 37.48, 38.1, 0.971),
         Word("uh,", 38.28, 38.51, 0.427), Word("the", 38.92, 39.06, 0.793),
         Word("assigned", 39.06, 39.38, 0.293), Word("step.", 39.38, 40.06, 0.982)]
SOUNDS = [(36.55, 37.04), (37.26, 37.64), (37.85, 38.08), (38.28, 38.51), (38.73, 39.67)]
REGIONS = [SpeechRegion(a, b) for a, b in SOUNDS]


def test_the_sound_a_word_was_stretched_over_before_a_run_is_one_more_hesitation():
    found = check_fillers(WORDS, SOUNDS, REGIONS)
    assert [(w.text, w.start, w.end) for w in found.repeats] == [("uh,", 37.85, 38.08)], found
    # … and the word stretched over it ends where that sound starts
    assert (1, 37.85) in [(i, w.end) for i, w in found.placed], found.placed


def test_a_word_said_on_over_its_one_sound_keeps_it():
    """Near case: "so" said long, one sound under its whole span: no hesitation added."""
    sounds = [(36.55, 37.04), (37.26, 38.08), (38.28, 38.51), (38.73, 39.67)]
    regions = [SpeechRegion(a, b) for a, b in sounds]
    assert check_fillers(WORDS, sounds, regions).repeats == []


def test_the_stretched_over_sound_inside_a_longer_region_is_not_taken():
    """Near case: the VAD did not hear it as a region of its own (a faint second voice or the
    word's own tail): the text is kept as written."""
    regions = [SpeechRegion(36.55, 37.04), SpeechRegion(37.26, 38.08), SpeechRegion(38.28, 38.51),
               SpeechRegion(38.73, 39.67)]
    assert check_fillers(WORDS, SOUNDS, regions).repeats == []


# QA148 F2: one "Uh," said (32.42-32.60 s), 0.2 s of silence, then "then" (its region opens at
# 32.81 s; Whisper starts the word at 32.99 s). Whisper wrote "Uh," twice with the very same
# probability, the copy on the onset of "then". Words as Whisper wrote them for the tester's a2.wav.
COPY_WORDS = [Word("managed.", 31.95, 32.41, 0.192), Word("Uh,", 32.42, 32.6, 0.175),
              Word("Uh,", 32.87, 32.95, 0.175), Word("then", 32.99, 33.07, 0.563),
              Word("I", 33.07, 33.27, 0.985), Word("choose", 33.27, 33.49, 0.968)]
COPY_SOUNDS = [(31.6, 32.38), (32.42, 32.6), (32.81, 33.1), (33.15, 34.94)]
COPY_REGIONS = [SpeechRegion(31.6, 32.38), SpeechRegion(32.42, 32.6), SpeechRegion(32.81, 34.94)]


def test_a_hesitation_copied_onto_the_next_words_onset_is_an_echo():
    assert check_fillers(COPY_WORDS, COPY_SOUNDS, COPY_REGIONS).echoes == [2]


def test_a_second_hesitation_heard_with_its_own_probability_keeps_its_count():
    """Near case: the same times, but Whisper was surer of the second: two tokens, two sounds
    possible (said joined to the next word) — nothing is dropped."""
    words = [*COPY_WORDS[:2], COPY_WORDS[2]._replace(probability=0.61), *COPY_WORDS[3:]]
    assert check_fillers(words, COPY_SOUNDS, COPY_REGIONS).echoes == []


# QA148 F3: "… a third. Hmm, for serving …": the "hmm" is a sound and a VAD region of its own
# (73.98-74.38 s); Whisper wrote "Um," late and unsure (74.405-74.705 s, p 0.04), and stretched
# "third." 25 ms into the hmm's sound — timing noise (a 20 ms step, a 10 ms frame), no claim on it
GUESS_WORDS = [Word("of", 73.045, 73.305, 0.189), Word("third.", 73.305, 74.005, 0.485),
               Word("Um,", 74.405, 74.705, 0.04), Word("for", 74.805, 75.005, 0.864),
               Word("serving", 75.005, 75.485, 0.973)]
GUESS_SOUNDS = [(72.6, 73.7), (73.98, 74.38), (74.62, 75.46)]
GUESS_REGIONS = [SpeechRegion(72.6, 73.7), SpeechRegion(73.98, 74.38), SpeechRegion(74.62, 75.46)]


def test_a_late_unsure_hesitation_takes_its_sound_the_word_before_grazes():
    found = check_fillers(GUESS_WORDS, GUESS_SOUNDS, GUESS_REGIONS)
    assert [(i, w.start, w.end) for i, w in found.sounded_guesses] == [(2, 73.98, 74.38)], found


def test_a_sound_the_word_before_reaches_well_into_stays_that_words():
    """Near case: "third." said on 0.15 s into the sound: it is the word's own tail."""
    words = [GUESS_WORDS[0], GUESS_WORDS[1]._replace(end=74.13), *GUESS_WORDS[2:]]
    assert check_fillers(words, GUESS_SOUNDS, GUESS_REGIONS).sounded_guesses == []
