"""The one place a time in seconds becomes text ("m:ss"), used by feedback, reports and the CLI.

Times are truncated, not rounded, like a media player's position: a pause that starts at 59.6 s
is at "0:59" in the feedback, in the tables and on the plots alike.
"""

from __future__ import annotations

import math
from typing import Any

SAMPLE_RATE = 16000  # Hz: every audio array in the project (Whisper's input rate); s × this = samples
DASH = "—"  # shown for a time that could not be computed
SECONDS_PER_MINUTE = 60


def format_clock(t_s: Any) -> str:
    """Seconds from the start of the recording → "m:ss" (truncated); None/NaN → "—"."""
    if isinstance(t_s, bool) or not isinstance(t_s, (int, float)) or not math.isfinite(t_s):
        return DASH
    total = int(max(0.0, float(t_s)))
    return f"{total // SECONDS_PER_MINUTE}:{total % SECONDS_PER_MINUTE:02d}"


__all__ = ["format_clock"]
