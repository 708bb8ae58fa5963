"""Tools the tests need from the system (Chromium, espeak-ng, PulseAudio) and shared helpers."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import shutil
import signal
import time
from pathlib import Path

import jiwer
import numpy as np
import pytest

from voice_coach.cli import main
from voice_coach.clock import SAMPLE_RATE


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


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    """`voice-coach argv…` run in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def main_stdout(capsys, *argv: str) -> str:
    """stdout of `voice-coach argv…` run in this process; it must exit 0 (else its stderr is
    the failure message)."""
    code, out, err = run_main(capsys, *argv)
    assert code == 0, err
    return out


def rms(x: np.ndarray) -> float:
    """Root mean square of samples (full scale 1.0)."""
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def normalise(text: str) -> str:
    """Lower case, punctuation dropped, single spaces: what word error rates compare."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of `hypothesis` against `reference`, both `normalise`d."""
    return jiwer.wer(normalise(reference), normalise(hypothesis))


class FakeClock:
    """A clock that moves only when waited on (`now`, `wait` for a real-time `FileSource`), so
    real-time pacing is tested without sleeping or timing windows."""

    def __init__(self, start_s: float = 0.0) -> None:
        self.t = start_s
        self.waits: list[float] = []

    def now(self) -> float:
        return self.t

    def wait(self, timeout_s: float) -> bool:
        self.waits.append(timeout_s)
        self.t += timeout_s
        return False


WAV_HEADER_BYTES = 44  # a 16-bit PCM WAV's header before its samples


def wait_for_recording(root: Path, seconds: float, *, timeout_s: float = 300.0,
                       pattern: str = "*/answer-01.wav") -> Path:
    """The WAV under `root` once it holds at least `seconds` of 16 kHz 16-bit mono audio — the
    event a test waits for before interrupting a recording (fails after `timeout_s`)."""
    want = WAV_HEADER_BYTES + int(seconds * SAMPLE_RATE) * 2
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = sorted(root.glob(pattern)) if root.exists() else []
        if found and found[0].stat().st_size >= want:
            return found[0]
        time.sleep(0.1)
    pytest.fail(f"no recording of {seconds:g} s under {root} after {timeout_s:g} s")


def sigint_default() -> None:
    """`preexec_fn` for a child the test will Ctrl+C: SIGINT raises KeyboardInterrupt there even
    when the test runner was started with SIGINT ignored (a background job in a script)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def trimmed_clip(path: Path) -> np.ndarray:
    """A clip without its leading / trailing silence (10 ms frames under -45 dBFS)."""
    from voice_coach.audio import load_audio

    a = load_audio(path)
    frame = SAMPLE_RATE // 100
    n = a.size // frame
    rms = np.sqrt(np.mean(a[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(20 * np.log10(rms) > -45.0)
    return a[loud[0] * frame:(loud[-1] + 1) * frame]


@functools.cache
def _bank():
    from voice_coach.questions import load_bank

    return load_bank()


def report_of(text: str, qid: str | None = None, *, follow_up=None, **fields):
    """A real report of a typed answer (`pipeline.analyze_text`, default config) to question
    `qid` (None: no question given); `fields` replace the report's own (n, attempt, …)."""
    from voice_coach import pipeline
    from voice_coach.config import Config

    report = pipeline.analyze_text(text, cfg=Config(), question=_bank().get(qid) if qid else None,
                                   follow_up=follow_up)
    return dataclasses.replace(report, **fields) if fields else report


def triad_of(text: str, qid: str | None = None):
    """The metric triad the report of `text` (answering `qid`) reads."""
    return report_of(text, qid).structure.metric_triad


def score_matrix(n: int, pairs: dict[tuple[int, int], float], rest: float = -10.0) -> np.ndarray:
    """A symmetric n × n story-similarity matrix (log-odds): `pairs` set, every other pair at
    `rest`, each unit with itself at 20."""
    sim = np.full((n, n), rest)
    for (a, b), v in pairs.items():
        sim[a, b] = sim[b, a] = v
    np.fill_diagonal(sim, 20.0)
    return sim


def save_practice(store, when, qid: str, text: str, reply: str | None = None,
                  kind: str | None = None):
    """One practice session saved in `store` at `when` (a datetime): the answer to `qid` and
    (optionally) its reply to the follow-up `kind`, the answer saved with its "with the follow-up"
    block as `practice` saves it; returns (answer report, reply report or None)."""
    from voice_coach import pipeline
    from voice_coach.config import Config
    from voice_coach.questions import load_bank

    stamp = when.astimezone().isoformat(timespec="seconds")
    session = store.new_session("practice", "practice", {}, now=when)
    first = dataclasses.replace(report_of(text, qid), n=1, created_at=stamp)
    second = None
    if reply is not None:
        follow_up = pipeline.FollowUpOf(kind or first.follow_up_key, first)
        second = dataclasses.replace(report_of(reply, qid, follow_up=follow_up),
                                     n=2, follow_up_of=1, created_at=stamp)
        first = pipeline.merge_follow_up(first, second, Config(), load_bank().get(qid))
    session.save_answer(1, first)
    if second is not None:
        session.save_answer(2, second)
    session.finish()
    return first, second


def story_bank(tmp_path: Path, *tellings: tuple[str, str]):
    """(recordings folder, story bank) of practice sessions saved under `tmp_path`, one a
    telling (question id, answer text), an hour apart from 2026-11-20 09:00."""
    from datetime import datetime

    from voice_coach.cli.stories import load_story_bank
    from voice_coach.config import Config
    from voice_coach.questions import load_bank
    from voice_coach.store import Store

    root = tmp_path / "recordings"
    for hour, (qid, text) in enumerate(tellings):
        save_practice(Store(root), datetime(2026, 11, 20, 9 + hour), qid, text)
    return root, load_story_bank(Store(root), Config(), load_bank())


def one_story(tmp_path: Path, *tellings: tuple[str, str]):
    """(recordings folder, the one story) `story_bank` groups `tellings` into; fails when the
    bank holds any other number of stories."""
    root, bank = story_bank(tmp_path, *tellings)
    (story,) = bank.stories
    return root, story
