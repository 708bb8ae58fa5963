"""Interval arithmetic on (start_s, end_s) pairs in seconds: union, difference, overlap.

Pure functions, no I/O; the one implementation used by word coverage, filler retiming and the
think-aloud view.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

Interval = tuple[float, float]


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, merged intervals (empty ones dropped; touching ones joined)."""
    out: list[Interval] = []
    for s, e in sorted((s, e) for s, e in intervals if e > s):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def subtract(spans: Iterable[Interval], cut: Iterable[Interval]) -> list[Interval]:
    """The parts of each of `spans` (in their order) not covered by any of `cut`."""
    holes = union(cut)
    hole_ends = [e for _, e in holes]
    out: list[Interval] = []
    for s, e in spans:
        cur = s
        k = bisect.bisect_right(hole_ends, cur)  # the first hole ending after `cur`
        while k < len(holes) and holes[k][0] < e:
            if holes[k][0] > cur:
                out.append((cur, holes[k][0]))
            cur = max(cur, holes[k][1])
            k += 1
        if cur < e:
            out.append((cur, e))
    return out


def overlap_s(intervals: Sequence[Interval], start_s: float, end_s: float) -> float:
    """Total length of (disjoint) `intervals` inside [start_s, end_s], seconds."""
    return sum(max(0.0, min(e, end_s) - max(s, start_s)) for s, e in intervals)


__all__ = ["Interval", "overlap_s", "subtract", "union"]
