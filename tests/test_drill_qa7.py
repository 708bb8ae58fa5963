"""QA7 F22/F23: a candidate who starts talking while the interviewer's nudge is still on screen
(or playing) keeps every word, and the silence is measured to their first word; the pauses
feedback line agrees with the delivery table. Real espeak-ng audio (the tester's three drill
sentences, tests/data/audio/qa7_drill_dr*.flac), real tiny.en, the real `drill think-aloud` CLI."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import numpy as np
import pytest
from tools import trimmed_clip

from voice_coach.analysis.think_aloud import PromptEvent
from voice_coach.drill import PROMPTS, interviewer_words, trim_prompts
from voice_coach.transcriber import Word

DATA = Path(__file__).parent / "data" / "audio"
SR = 16000
GAP_S = 12.0  # the tester's freeze after "assuming yes"
SHORT_GAP_S = 4.0  # the pause after the complexity sentence
PROMPT_AFTER_S = 10.0


def _trimmed(name: str) -> np.ndarray:
    """A QA7 drill clip without its leading / trailing silence."""
    return trimmed_clip(DATA / f"qa7_drill_{name}.flac")


@pytest.fixture(scope="module")
def answer(tmp_path_factory):
    from voice_coach.audio import write_wav

    a, b, c = (_trimmed(n) for n in ("dr1", "dr2", "dr3"))
    audio = np.concatenate([a, np.zeros(int(GAP_S * SR), np.float32), b,
                            np.zeros(int(SHORT_GAP_S * SR), np.float32), c,
                            np.zeros(SR, np.float32)])
    path = write_wav(tmp_path_factory.mktemp("qa7-drill") / "drill.wav", audio)
    gap = a.size / SR
    return {"path": path, "gap": (gap, gap + GAP_S),
            "short_gap": (gap + GAP_S + b.size / SR, gap + GAP_S + b.size / SR + SHORT_GAP_S)}


def _drill(path: Path, rec: Path, prompt_after: float) -> dict:
    from voice_coach.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(["drill", "think-aloud", "--recordings", str(rec), "--input", str(path),
                   "--no-voice", "--question", "code-top-k-stream-1",
                   "--prompt-after", f"{prompt_after:g}"])
    [session] = [p for p in rec.iterdir() if p.is_dir()]
    return {"rc": rc, "out": out.getvalue(),
            "report": json.loads((session / "answer-01.json").read_text())}


@pytest.fixture(scope="module")
def prompted(answer, tmp_path_factory):
    return _drill(answer["path"], tmp_path_factory.mktemp("rec-prompted"), PROMPT_AFTER_S)


@pytest.mark.slow
def test_words_said_under_the_nudge_are_kept_and_the_silence_is_the_true_one(prompted, answer):
    report = prompted["report"]
    assert prompted["rc"] == 0
    [prompt] = report["think_aloud"]["prompts"]
    g0, g1 = answer["gap"]
    # the prompt fired 10 s into the 12 s freeze; its estimated interval ran past the moment
    # the candidate started again, so it is trimmed back to their first word
    assert prompt["at_s"] == pytest.approx(g0 + PROMPT_AFTER_S, abs=0.5)
    assert prompt["at_s"] < g1 <= prompt["at_s"] + 3.0
    assert prompt["end_s"] <= g1 + 0.3
    # the key sentence ("I'll keep a min heap of size k") is in the transcript
    first = [w["text"] for w in report["transcript"]["words"] if w["start"] >= g1 - 0.5][:4]
    assert first and first[0].lower().startswith("i"), first
    assert "keep" in " ".join(first).lower(), first
    assert report["transcript"]["unrecognised"] == []
    # the pause is the true silence (12.0 s between the clips), not stretched to the
    # end of the prompt's estimated interval
    assert report["delivery"]["longest_pause_s"] == pytest.approx(GAP_S, abs=0.4)
    [long] = [s for s in report["think_aloud"]["silent_stretches"]["items"] if s["prompted"]]
    assert long["end"] == pytest.approx(g1, abs=0.4)
    assert long["end"] - long["start"] == pytest.approx(report["delivery"]["longest_pause_s"],
                                                        abs=0.05)


@pytest.mark.slow
def test_pauses_line_agrees_with_the_delivery_table(prompted):
    report = prompted["report"]
    d = report["delivery"]
    assert (d["long_pause_count"], d["silence_count"]) == (2, 1)
    [line] = [f["message"] for f in report["feedback"] if f["area"] == "pauses"]
    # the table says 2 long pauses and a longest of ~12 s: so does the line
    assert line.startswith(f"{d['long_pause_count']} long pauses"), line
    assert f"{d['longest_pause_s']:.1f} s" in line, line
    assert "4." in line.split(" and ")[-1], line


def test_interviewer_words_are_the_prompts_own_words_only():
    p = PromptEvent(19.0, 22.6, PROMPTS[0])  # "What are you weighing right now?"
    words = [Word("yes.", 8.5, 8.9, 0.9),
             Word("What", 19.3, 19.5, 0.9), Word("are", 19.5, 19.6, 0.9),
             Word("you", 19.6, 19.7, 0.9), Word("waiting", 19.7, 20.1, 0.6),  # misheard
             Word("right", 20.1, 20.3, 0.9), Word("now?", 20.3, 20.6, 0.9),
             Word("I'll", 21.4, 21.6, 0.9), Word("keep", 21.6, 21.8, 0.9),
             Word("a", 21.8, 21.9, 0.9), Word("heap", 21.9, 22.2, 0.9)]
    theirs = interviewer_words(words, [p])
    assert sorted(theirs) == [1, 2, 3, 4, 5, 6]
    [trimmed] = trim_prompts([p], words, theirs)
    assert trimmed.end_s == pytest.approx(21.2) and trimmed.at_s == p.at_s
    # nothing of the candidate inside: the interval is left as it was
    assert trim_prompts([p], words[:7], theirs) == [p]
    # only the candidate talked (the prompt was shown, not heard): trimmed to their first word
    alone = words[:1] + words[7:]
    assert interviewer_words(alone, [p]) == set()
    assert trim_prompts([p], alone, set())[0].end_s == pytest.approx(21.2)
    # the candidate's own words that happen to be words of the prompt stay theirs
    own = [Word("Right", 20.0, 20.2, 0.9), Word("now", 20.2, 20.4, 0.9),
           Word("I'm", 20.4, 20.6, 0.9), Word("weighing", 20.6, 21.0, 0.9),
           Word("a", 21.0, 21.1, 0.9), Word("heap", 21.1, 21.4, 0.9)]
    assert interviewer_words(own, [p]) == set()
    assert trim_prompts([p], own, set())[0].end_s == pytest.approx(19.8)
