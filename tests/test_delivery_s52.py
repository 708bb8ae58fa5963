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


def test_fillers_of_one_kind_are_all_that_kind():
    """QA110 F8: "mostly "uh" ×3" when every filler is an "uh" reads oddly: "all "uh" ×3"."""
    from voice_coach.analysis.delivery import analyze_delivery
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.analysis.vad import SpeechRegion
    from voice_coach.coach import coach
    from voice_coach.config import Config
    from voice_coach.transcriber import Word as Said

    said = "so uh the uh baseline uh was two percent".split()
    words = [Said(w, 0.5 + i * 0.4, 0.5 + i * 0.4 + 0.3, 0.9) for i, w in enumerate(said)]
    d = analyze_delivery([SpeechRegion(0.4, words[-1].end + 0.1)], words, words[-1].end + 0.5,
                         Config())
    assert d.filler_count == 3
    c = coach(delivery=d, structure=analyze_structure(" ".join(said), kind="behavioral"),
              question=None, cfg=Config(), kind="behavioral")
    [line] = [f.message for f in c.feedback if f.area == "fillers"]
    assert '— all "uh" ×3;' in line, line
