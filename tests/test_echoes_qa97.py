"""Session 50: QA97 F1 (issue #12) — a run of hesitations Whisper wrote more times than they
were said, most of them stamped with no length after the run. The words, the speaker's sounds
(`sound_bursts`) and the VAD regions are those of the trial's espeak-ng answer ("my first
project was, uh, uh, uh, uh, uh, uh, uh, a credit limit model", seven "uh" said; tiny.en wrote
eight, five of them stamped on "a credit") as the pipeline saw them."""

from __future__ import annotations

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
