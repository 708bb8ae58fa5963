"""Session 50: QA97 F1 (issue #12) — a run of hesitations Whisper wrote more times than they
were said, most of them stamped with no length after the run. The words, the speaker's sounds
(`sound_bursts`) and the VAD regions are those of the trial's espeak-ng answer ("my first
project was, uh, uh, uh, uh, uh, uh, uh, a credit limit model", seven "uh" said; tiny.en wrote
eight, five of them stamped on "a credit") as the pipeline saw them."""

from __future__ import annotations

import pytest

from voice_coach.analysis.echoes import check_fillers
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.transcriber import Word

WORDS = [Word("project", 5.56, 6.12, 0.99), Word("was,", 6.12, 7.38, 0.98),
         Word("uh,", 7.38, 7.38, 0.38), Word("uh,", 9.24, 9.24, 0.72),
         Word("uh,", 9.74, 9.74, 0.79), Word("uh,", 10.08, 10.1, 0.83),
         Word("uh,", 10.1, 10.12, 0.86), Word("uh,", 10.12, 10.18, 0.78),
         Word("uh,", 10.22, 10.22, 0.66), Word("uh,", 10.22, 10.22, 0.5),
         Word("credit", 10.44, 10.44, 0.05), Word("limit", 10.44, 10.96, 0.85),
         Word("model.", 10.96, 11.82, 0.94)]
BURSTS = [(6.04, 6.36), (6.56, 6.84), (7.04, 7.32), (7.52, 7.8), (7.99, 8.28), (8.47, 8.75),
          (8.95, 9.23), (9.43, 9.71), (9.91, 10.0), (10.05, 10.42), (10.47, 10.77),
          (10.82, 11.29)]
REGIONS = [SpeechRegion(4.63, 6.36), *(SpeechRegion(a, b) for a, b in BURSTS[1:8]),
           SpeechRegion(9.91, 11.29)]


def test_stamped_hesitations_take_the_free_sounds_of_their_run():
    """Two of the "uh" stamped on "a credit" take the run's sounds nobody had (7.99 s and
    8.47 s, said between the three Whisper timed) instead of counting beside them."""
    found = check_fillers(WORDS, BURSTS, REGIONS)
    starts = sorted(w.start for _, w in found.placed)
    assert 7.99 in starts and 8.47 in starts, found.placed


def test_more_stamps_than_sounds_are_echoes():
    """Eight written for a stretch with seven sounds: no more hesitations are kept than the run
    has sounds for (placed ones plus stamps with a sound to spare)."""
    found = check_fillers(WORDS, BURSTS, REGIONS)
    hes = [i for i, w in enumerate(WORDS) if w.text.startswith("uh")]
    kept = [i for i in hes if i not in found.echoes]
    assert len(found.echoes) >= 1 and len(kept) <= 7, (found.echoes, found.placed)


# QA99 F1: "The assessors were, uh, uh, uh, drowning in work" — tiny.en wrote two "uh", the
# first timed over the second and third sounds (15.06-15.60 s), the second stamped on the onset
# of "drowning"; words, sounds and regions as the pipeline saw them
WORDS_99 = [Word("The", 13.48, 13.66, 0.73), Word("assessors", 13.66, 14.22, 0.8),
            Word("were,", 14.22, 15.06, 0.97), Word("uh,", 15.06, 15.6, 0.98),
            Word("uh,", 16.0, 16.04, 0.93), Word("drowning", 16.28, 16.28, 0.14),
            Word("in", 16.28, 16.58, 0.99), Word("work", 16.58, 16.98, 1.0),
            Word("and", 16.98, 17.42, 0.69)]
BURSTS_99 = [(13.41, 14.32), (14.56, 14.83), (15.02, 15.29), (15.48, 15.75), (15.95, 16.76),
             (16.9, 17.12)]
REGIONS_99 = [SpeechRegion(a, b) for a, b in BURSTS_99[:5]] + [SpeechRegion(16.9, 20.41)]


@pytest.mark.xfail(strict=True, reason="known miss (QA99 F1): a second sound under a hesitation's "
                   "span may be a dropped word (mfa_crossword's 'but' under 'um,' 5.92-7.82 s), "
                   "so it is not counted without an acoustic check: see docs/accuracy.md")
def test_a_hesitation_timed_over_two_sounds_owns_one():
    """The "uh" timed over two sounds of their own owns the first; the second is a hesitation
    Whisper did not write (a repeat), as a sound no word touches is."""
    found = check_fillers(WORDS_99, BURSTS_99, REGIONS_99)
    assert [round(w.start, 2) for w in found.repeats] == [15.48], found
