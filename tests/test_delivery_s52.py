"""Session 52: a stray word that is the sound of a filler the acoustic detector already counted
("*uh* Who," for one long "uhhh", QA111 F6) is no sign of fillers missed."""

from __future__ import annotations

from voice_coach.analysis.delivery import COUNTED_SOUND_S, _sound_counted
from voice_coach.analysis.fillers import Filler
from voice_coach.report_model import Word


def test_a_stray_word_over_an_acoustic_filler_is_that_filler():
    counted = [Filler("uh", 12.0, 12.4, "acoustic")]
    assert _sound_counted(Word("Who,", 12.45, 12.7, 0.3), counted)


def test_a_stray_word_away_from_any_counted_sound_stays_a_possible_filler():
    counted = [Filler("uh", 12.0, 12.4, "acoustic"), Filler("um", 20.0, 20.3, "whisper")]
    assert not _sound_counted(Word("Ha,", 12.4 + COUNTED_SOUND_S + 0.2, 13.0, 0.4), counted)
    assert not _sound_counted(Word("A,", 20.1, 20.2, 0.4), counted)  # whisper's own word
