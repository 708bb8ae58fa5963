"""Frame-level vocabulary shared by the speech detector (`analysis.vad`) and the quiet-speech
finder (`analysis.quiet`): the speech-region type and the frame-energy constants both read levels
with; and how far a word reaches into a region to have its sound there, shared by the acoustic
filler detector (`analysis.acoustic_fillers`) and the echo counter (`analysis.echoes`). Kept
apart so those stages import it rather than each other."""

from __future__ import annotations

from typing import NamedTuple

ENERGY_FRAME_S = 0.01  # energy frame length
ENERGY_LOUD_PCT = 95  # percentile of frame levels taken as "speech level"
ENERGY_FLOOR_PCT = 10  # percentile taken as the noise floor
LOCAL_RANGE_DB = 25.0  # a sound is kept only within this of the loudest speech nearby
WORD_SOUND_MIN_S = 0.1  # a word whose span reaches this far into another speech region has its
#                         sound there (a stretched end or a late start grazes a region by less)


class SpeechRegion(NamedTuple):
    """One stretch of speech, seconds from the start of the audio."""

    start_s: float
    end_s: float
