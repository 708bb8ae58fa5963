"""analysis.delivery: one filler counted once when Whisper writes it off its sound (issue #12
item 2, session 24): a hesitation's time is its sound (`fit_to_sound`), an acoustic find and a
soundless Whisper hesitation next to it are one filler, a find Whisper's late-timed word sits
on is that word (`merge_acoustic`)."""

from __future__ import annotations

import pytest

from voice_coach.analysis.acoustic_fillers import AcousticFiller
from voice_coach.analysis.delivery import (
    CONFIRMED,
    analyze_delivery,
    fit_to_sound,
    merge_acoustic,
)
from voice_coach.analysis.fillers import Filler
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.config import Config
from voice_coach.transcriber import Word

ON = Config().with_value("fillers.acoustic", True)


def test_a_hesitation_stretched_over_the_pause_after_it_keeps_its_sound():
    """"in, um, twenty": Whisper writes the "um" from its onset to the next word 1.9 s later;
    its time is the 0.4 s of speech it starts on, not the middle of the silence."""
    regions = [SpeechRegion(0.0, 0.6), SpeechRegion(0.8, 1.2), SpeechRegion(2.7, 3.3)]
    fitted = fit_to_sound([Filler("um", 0.8, 2.7)], regions)
    assert [(f.start, f.end) for f in fitted] == [(0.8, 1.2)]


def test_fit_to_sound_leaves_lexical_fillers_and_soundless_hesitations():
    regions = [SpeechRegion(0.0, 0.6), SpeechRegion(2.7, 3.3)]
    kept = [Filler("like", 0.4, 2.7), Filler("uh", 1.0, 2.72), Filler("uh", 1.5, 1.5),
            Filler("um", 0.4, 2.7, CONFIRMED)]  # the detector's find gave it the sound's time
    assert fit_to_sound(kept, regions) == kept  # a 20 ms graze of speech is no sound of its own


def _delivery(words, regions, finds):
    return analyze_delivery(regions, words, 5.0, ON, finds)


@pytest.mark.parametrize("find, uh_at, next_region, next_word", [
    # "for, uh, five": the "uh" sounds at 1.0-1.35 s; Whisper writes it at 1.75-1.8 s, in the
    # silence before "five"; the detector hears the sound
    ((1.0, 1.35), (1.75, 1.8), (1.9, 2.4), (1.9, 2.4)),
    # "about, uh, synthetic data": Whisper times the "uh" late, over the onset of the region
    # that holds the next words (hear29: "uh," 3.97-4.58 s on the 3.97-5.69 s region of
    # "synthetic training data", its sound 3.53-3.77 s); that region is not its sound
    ((1.0, 1.3), (1.45, 1.7), (1.45, 2.5), (1.8, 2.5)),
])
def test_a_find_and_whisper_hesitation_written_late_are_one_filler(find, uh_at, next_region,
                                                                    next_word):
    """One filler, at the find's sound."""
    regions = [SpeechRegion(0.2, 0.8), SpeechRegion(*find), SpeechRegion(*next_region)]
    words = [Word("for,", 0.2, 1.0, 0.9), Word("uh,", *uh_at, 0.8),
             Word("five", *next_word, 0.9)]
    d = _delivery(words, regions, [AcousticFiller(*find, 0.9)])
    assert [(f.text, f.source) for f in d.fillers] == [("uh", CONFIRMED)]
    assert abs(d.fillers[0].start - 1.0) < 1e-6


@pytest.mark.parametrize("find, uh_at", [
    # "for, uh, uh, five": the second "uh" has its sound (1.75-2.1 s) under Whisper's word
    ((1.0, 1.35), (1.75, 2.1)),
    # "first, uh, uh, the" with the first "uh" dropped by Whisper (hear29: the find 37.27-37.63
    # s, Whisper's "uh" on its own 37.79-38.15 s sound, 0.16 s later): two sounds, each a speech
    # region no word starts in — two fillers, though they lie closer than `ACOUSTIC_SAME_S`
    # (session 30; before, one)
    ((1.0, 1.3), (1.45, 1.8)),
])
def test_a_written_hesitation_on_its_own_sound_next_to_a_find_is_a_second_filler(find, uh_at):
    regions = [SpeechRegion(0.2, 0.8), SpeechRegion(*find), SpeechRegion(*uh_at),
               SpeechRegion(uh_at[1] + 0.2, uh_at[1] + 0.6)]
    words = [Word("for,", 0.2, 1.0, 0.9), Word("uh,", *uh_at, 0.8),
             Word("five", uh_at[1] + 0.2, uh_at[1] + 0.6, 0.9)]
    d = _delivery(words, regions, [AcousticFiller(*find, 0.9)])
    assert sorted(f.source for f in d.fillers) == ["acoustic", "whisper"]


def test_a_soundless_hesitation_with_a_word_between_it_and_the_find_is_not_merged():
    """"uh, so, um": a word between the two is said between two hesitations."""
    regions = [SpeechRegion(0.2, 0.8), SpeechRegion(1.0, 1.35), SpeechRegion(1.5, 1.7),
               SpeechRegion(2.4, 2.9)]
    words = [Word("for,", 0.2, 0.8, 0.9), Word("so", 1.45, 1.7, 0.9),
             Word("so", 1.75, 1.8, 0.9), Word("um,", 2.2, 2.25, 0.8),
             Word("five", 2.4, 2.9, 0.9)]
    d = _delivery(words, regions, [AcousticFiller(1.0, 1.35, 0.9)])
    assert sorted(f.source for f in d.fillers) == ["acoustic", "whisper"]


def test_a_find_under_a_word_whisper_timed_late_onto_the_hesitation_is_that_word():
    """"weekend. And, um, the": the sound at 1.0-1.3 s is "And"; Whisper times "And" on the
    "um"'s sound (1.6-1.9 s) and the "um" after it. The find is the word: one filler."""
    merged = merge_acoustic(
        [Filler("um", 2.0, 2.2)], [AcousticFiller(1.0, 1.3, 0.9)],
        words=[Word("weekend.", 0.2, 0.8, 0.9), Word("And,", 1.6, 1.9, 0.9),
               Word("um,", 2.0, 2.2, 0.9), Word("the", 2.5, 2.7, 0.9)],
        regions=[SpeechRegion(0.2, 0.8), SpeechRegion(1.0, 1.3), SpeechRegion(1.6, 2.2),
                 SpeechRegion(2.5, 2.7)])
    assert [(f.text, f.source) for f in merged] == [("um", "whisper")]


def test_a_find_two_words_before_a_written_hesitation_is_kept():
    merged = merge_acoustic(
        [Filler("um", 2.3, 2.5)], [AcousticFiller(1.0, 1.3, 0.9)],
        words=[Word("weekend.", 0.2, 0.8, 0.9), Word("and", 1.6, 1.8, 0.9),
               Word("then,", 1.8, 2.1, 0.9), Word("um,", 2.3, 2.5, 0.9)],
        regions=[SpeechRegion(0.2, 0.8), SpeechRegion(1.0, 1.3), SpeechRegion(1.6, 2.5)])
    assert [f.source for f in merged] == ["acoustic", "whisper"]


def test_without_words_and_regions_merge_acoustic_is_as_before():
    merged = merge_acoustic([Filler("uh", 1.75, 1.8)], [AcousticFiller(1.0, 1.35, 0.9)])
    assert [f.source for f in merged] == ["acoustic", "whisper"]


def test_a_sound_said_between_the_find_and_a_soundless_hesitation_keeps_both():
    """"change or, er, uh, after": a sound of its own (1.45-1.65 s, under the stretched "or,")
    lies between the find and Whisper's soundless "uh": that "uh" may be that sound's, not the
    find's; nothing is merged."""
    regions = [SpeechRegion(0.2, 0.8), SpeechRegion(1.0, 1.3), SpeechRegion(1.45, 1.65),
               SpeechRegion(2.1, 2.6)]
    words = [Word("or,", 0.2, 1.7, 0.9), Word("uh,", 1.9, 1.95, 0.8),
             Word("after", 2.1, 2.6, 0.9)]
    merged = merge_acoustic([Filler("uh", 1.9, 1.95)], [AcousticFiller(1.0, 1.3, 0.9)],
                            words=words, regions=regions)
    assert [f.source for f in merged] == ["acoustic", "whisper"]
