"""Tools the tests need from the system (Chromium, espeak-ng, PulseAudio) and shared helpers."""

from __future__ import annotations

import os
import re
import shutil

import jiwer
import pytest


def require_tool(*names: str, install: str) -> str:
    """Path of the first of `names` on PATH. Missing: skip on a developer's machine, but fail
    under CI=true, where `make test`'s set-up installs every tool — a test must not quietly stop
    running there."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    msg = f"{names[0]} is not installed ({install})"
    if os.environ.get("CI") == "true":
        pytest.fail(msg + " — `make test` should have installed it", pytrace=False)
    pytest.skip(msg)


def normalise(text: str) -> str:
    """Lower case, punctuation dropped, single spaces: what word error rates compare."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of `hypothesis` against `reference`, both `normalise`d."""
    return jiwer.wer(normalise(reference), normalise(hypothesis))
