"""Session 53 (issue #12, QA115 F1): a short word Whisper stamped over seconds of speech
hides the words said under it ("new" 33.7-38.9 s over "item to five percent of relevant
traffic") — so its span covers only as much speech as such a word can take
(`coverage.word_max_s`), and the rest is lost speech to decode again. A word added to a
transcript whose segment times collapsed is put in the text at its time, not at the end of the
segment that took it."""

from __future__ import annotations

from voice_coach.analysis.coverage import uncovered_stretches, word_max_s
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.transcriber import Segment, Transcript, Word, edit_words, ordered_text


def test_a_word_covers_what_its_letters_can_take():
    assert word_max_s("a") < 1.2 < word_max_s("collaborative") <= 2.0
    assert word_max_s("uh,") == 2.0  # a held hesitation can take 2 s


def test_speech_under_a_short_word_stretched_over_it_is_lost():
    """"new" stamped 33.7-38.9 s over the words said after it (QA115 F1)."""
    words = [Word("shows", 32.6, 33.0, 0.9), Word("the", 33.0, 33.7, 0.9),
             Word("new", 33.7, 38.9, 0.6), Word("product,", 38.9, 39.4, 0.9)]
    lost = uncovered_stretches([SpeechRegion(32.5, 39.5)], words)
    assert lost and lost[0].start_s < 36.0 < lost[0].end_s, lost


def test_a_long_word_over_its_own_sound_is_not_lost():
    words = [Word("so", 1.0, 1.2, 0.9), Word("collaborative", 1.2, 2.6, 0.9),
             Word("filtering", 2.6, 3.2, 0.9)]
    assert uncovered_stretches([SpeechRegion(1.0, 3.2)], words) == []


def test_words_recovered_under_a_collapsed_segment_are_read_at_their_time():
    """Whisper's segment "To make new product, To measure" spans 30-48.5 s with its times
    collapsed; the words recovered at 40 s make a segment of their own that sorts after it."""
    whisper = (Word("To", 30.0, 30.4, 0.9), Word("make", 30.4, 32.0, 0.9),
               Word("new", 33.7, 38.9, 0.9), Word("product,", 38.9, 47.7, 0.9),
               Word("To", 47.7, 48.0, 0.9), Word("measure", 48.0, 48.5, 0.9))
    found = (Word("quickly.", 40.0, 40.5, 0.9),)
    segments = [Segment(30.0, 48.5, "To make new product, To measure", whisper),
                Segment(40.0, 40.5, "quickly.", found)]
    text = ordered_text(segments, [*whisper, *found])
    assert text.split() == ["To", "make", "new", "product,", "quickly.", "To", "measure"]


def test_segments_in_order_keep_their_own_text():
    """Whisper's own segment text ("fold-up") is kept when nothing is out of order."""
    a = (Word("a", 1.0, 1.2, 0.9), Word("fold", 1.2, 1.5, 0.9), Word("-up", 1.5, 1.8, 0.9))
    b = (Word("done.", 2.0, 2.4, 0.9),)
    t = Transcript(text="a fold-up done.", words=[*a, *b],
                   segments=[Segment(1.0, 1.8, "a fold-up", a), Segment(2.0, 2.4, "done.", b)],
                   backend="test", model="test")
    assert edit_words(t, [3], []).text == "a fold-up"
