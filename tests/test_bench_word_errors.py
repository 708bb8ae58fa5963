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


def test_reverb_clip_is_the_same_each_time_it_is_made(tmp_path):
    """The unseen set's reverb rows are synthesised afresh in every worktree (the clip cache is
    per checkout): sox's reverb writes 16-bit output through its automatic dither, random unless
    `-R`, so two makings of one clip differed and every reverb row's first Whisper pass with them
    (issue #12: a session-25 'regression' of 0.10 filler recall was a new draw of the dither)."""
    from robustness import _reverb

    from voice_coach.audio import load_audio

    clip = Path(__file__).parent / "data" / "audio" / "qa6_deadline_en-029.flac"
    audio = load_audio(clip)[:32000]  # 2 s of real speech
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, again = _reverb(audio, tmp_path / "a"), _reverb(audio, tmp_path / "b")
    assert first.shape == audio.shape
    assert (first == again).all()
