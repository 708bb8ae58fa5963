"""The one word-error count the robustness and guard benchmarks share (bench/robustness.py):
errors and reference words after normalising both sides, the rate from them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from robustness import wer, word_errors  # noqa: E402


@pytest.mark.parametrize("ref,hyp,errors,words", [
    ("the cat sat on the mat", "the cat sat on the mat", 0, 6),
    ("the cat sat on the mat", "the cat sat on mat", 1, 6),  # one deletion
    ("the cat sat on the mat", "a cat sat on the red mat", 2, 6),  # a substitution, an insertion
    ("", "um so", 2, 0),  # every word against an empty reference
    ("", "", 0, 0),
])
def test_word_errors_count_against_the_reference(ref, hyp, errors, words):
    assert word_errors(ref, hyp, str.lower) == (errors, words)


def test_rate_is_errors_over_reference_words():
    assert wer("The cat sat on the mat", "the cat sat on mat", str.lower) == pytest.approx(1 / 6)
    assert wer("", "um so", str.lower) == 1.0 and wer("", "", str.lower) == 0.0
