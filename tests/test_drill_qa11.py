"""QA11 F09/F10: a think-aloud drill's report ticks a reasoning marker only with the span that
says it (no "✓ — \"\"", the check quotes the test sentence, not the edge-case one), and its
narration coverage is one value, rounded once, printed the same in the summary, the table, the
feedback and report.md.

Real audio (espeak-ng, the QA11 trial's voice en-gb+f3: an explanation, a 22 s silence, the
rest), real tiny.en, the real `drill think-aloud` CLI with its prompt really spoken by pyttsx3
into the virtual microphone's null sink."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from tools import require_tool

from voice_coach.analysis.facts import MARKER_FACTS, _fact_in_clause
from voice_coach.analysis.think_aloud import find_markers
from voice_coach.coach import said_in_clause
from voice_coach.questions import load_bank

SR = 16000
GAP_S = 22.0
QUESTION = "code-linear-regression-1"
PART1 = ("Okay. So I need to write linear regression from scratch. Let me clarify: the input is "
         "a matrix X with n rows and d features and a vector y. I will use gradient descent. "
         "First I initialize the weights to zero and the bias to zero. Then for each epoch I "
         "compute the predictions, X times w plus b, then the error, predictions minus y.")
PART2 = ("The gradient for w is two over n times X transpose times the error. The gradient for b "
         "is the mean of the error times two. I update with the learning rate. The complexity is "
         "O of n times d per epoch. To test, I generate y equals 3 x plus 2 with noise and check "
         "I recover 3 and 2. Edge case: if features have very different scales, I normalize "
         "first. That's my answer.")


def _espeak(text: str, tmp: Path) -> np.ndarray:
    from voice_coach.audio import load_audio

    out = tmp / "part.wav"
    subprocess.run(["espeak-ng", "-v", "en-gb+f3", "-s", "150", "-w", str(out), text],
                   check=True, capture_output=True, timeout=60)
    return load_audio(out)


@pytest.fixture(scope="module")
def drilled(tmp_path_factory, virtual_mic):
    from voice_coach.audio import write_wav
    from voice_coach.cli import main

    require_tool("espeak-ng", install="apt-get install -y espeak-ng")
    tmp = tmp_path_factory.mktemp("qa11-drill")
    audio = np.concatenate([_espeak(PART1, tmp), np.zeros(int(GAP_S * SR), np.float32),
                            _espeak(PART2, tmp), np.zeros(SR, np.float32)])
    path = write_wav(tmp / "drill.wav", audio)
    rec = tmp / "rec"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(["drill", "think-aloud", "--recordings", str(rec), "--input", str(path),
                   "--question", QUESTION, "--prompt-after", "8"])
    [session] = [p for p in rec.iterdir() if p.is_dir()]
    return {"rc": rc, "out": " ".join(out.getvalue().split()),
            "report": json.loads((session / "answer-01.json").read_text()),
            "md": " ".join((session / "report.md").read_text().split())}


def _plain(text: str) -> str:
    from voice_coach.analysis.numbers import normalize_numbers

    return " ".join(normalize_numbers(text).split()).lower()


@pytest.mark.slow
@pytest.mark.virtual_mic
def test_every_ticked_marker_quotes_the_span_that_says_it(drilled):
    assert drilled["rc"] == 0
    report = drilled["report"]
    [prompt] = report["think_aloud"]["prompts"]
    assert prompt["spoken"] is True
    question = load_bank().get(QUESTION)
    markers = report["think_aloud"]["markers"]
    transcript = report["transcript"]["text"].lower()
    facts = dict(MARKER_FACTS)
    for name, m in markers.items():
        if not m["present"]:
            assert not m["evidence"], (name, m)
            continue
        # a tick has its quote and its time, and the quote is the candidate's words …
        assert m["evidence"] and all(e.strip() for e in m["evidence"]), (name, m)
        assert m["first_at_s"] is not None, (name, m)
        quote = m["evidence"][0]
        assert quote.lower() in transcript, (name, quote)
        # … that say the marker by themselves: the span that triggered it
        fact = facts.get(name)
        assert (find_markers(quote.split())[name].present
                or fact is not None and (_fact_in_clause(fact, quote.lower())
                                         or said_in_clause(fact, _plain(quote), question))), \
            (name, quote)
    # the check is the test sentence, not the edge case
    check = markers["checking_testing"]
    assert check["present"], markers
    assert "test" in check["evidence"][0].lower() and "edge" not in check["evidence"][0].lower()
    # one verdict: the summary's "trade-offs ✓" is the marker table's T
    assert report["structure"]["tradeoffs"] == markers["tradeoffs"]["present"]
    assert '— ""' not in drilled["out"] and '— ""' not in drilled["md"]


@pytest.mark.slow
@pytest.mark.virtual_mic
def test_narration_coverage_is_one_number_everywhere(drilled):
    cov = drilled["report"]["think_aloud"]["narration_coverage"]
    assert cov == round(cov, 2), cov  # kept once, in whole percent
    pct = f"{round(cov * 100)}%"
    out, md = drilled["out"], drilled["md"]
    shown = (re.findall(r"narration coverage (\d+%)", out)
             + re.findall(r"You narrated (\d+%)", out)
             + re.findall(r"narration coverage \|? ?(\d+%)", md)
             + [f["message"].split()[2] for f in drilled["report"]["feedback"]
                if f["message"].startswith("You narrated")])
    assert len(shown) >= 4, (shown, out)
    assert set(shown) == {pct}, shown
