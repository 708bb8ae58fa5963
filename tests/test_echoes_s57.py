"""Session 57 (issue #12, QA142 F4): an "um" Whisper wrote unsure (p 0.035) and timed late, on the
next word's onset, 0.13 s after a hesitation-length sound of its own that the VAD heard as a region
of its own ("too slow, hmm, I would": "um," 38.84 s, its region 38.40-38.71 s), is a sounded
guess: counted on that sound. The words are Whisper's for the tester's A9.wav (run1/A9_review.json);
the sounds are the regions the tester measured."""

from __future__ import annotations

from voice_coach.analysis.echoes import check_fillers
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.transcriber import Word

WORDS = [Word("is", 37.66, 37.9, 0.986), Word("too", 37.9, 38.04, 0.996),
         Word("slow,", 38.04, 38.4, 0.988), Word("um,", 38.84, 38.9, 0.035),
         Word("I", 39.04, 39.04, 0.956), Word("would", 39.04, 39.2, 0.424),
         Word("use", 39.2, 39.38, 0.697)]
BURSTS = [(37.6, 38.3), (38.40, 38.71), (38.95, 39.4)]
REGIONS = [SpeechRegion(37.6, 38.3), SpeechRegion(38.40, 38.71), SpeechRegion(38.95, 39.4)]


def test_an_unsure_hesitation_timed_late_takes_its_own_sound_before():
    found = check_fillers(WORDS, BURSTS, REGIONS)
    assert [(i, w.start, w.end) for i, w in found.sounded_guesses] == [(3, 38.40, 38.71)], found


def test_no_sound_of_its_own_before_it_no_guess():
    bursts = [(37.6, 38.71), (38.95, 39.4)]  # "slow" said on through the gap: no separate sound
    regions = [SpeechRegion(37.6, 38.71), SpeechRegion(38.95, 39.4)]
    assert check_fillers(WORDS, bursts, regions).sounded_guesses == []


def test_a_sound_before_the_word_before_is_not_taken():
    words = [*WORDS[:3], Word("um,", 38.84, 38.9, 0.035), *WORDS[4:]]
    bursts = [(37.0, 37.3), (37.6, 38.3), (38.95, 39.4)]  # a free sound, but before "is"
    regions = [SpeechRegion(37.0, 37.3), SpeechRegion(37.6, 38.3), SpeechRegion(38.95, 39.4)]
    assert check_fillers(words, bursts, regions).sounded_guesses == []
