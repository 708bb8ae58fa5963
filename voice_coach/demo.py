"""A synthesized candidate for `voice-coach demo`: scripted answers spoken by espeak-ng.

Each answer script is a list of (sentence, pause_after_s) pairs. Sentences are rendered one by
one with espeak-ng, trimmed to their own speech, spliced with silences of the scripted length
and laid over a quiet noise bed (so silences are not digital zeros), then written as 16 kHz WAV
and cached. The files are fed to the recorder through `FileSource`, exactly like a microphone.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voice_coach.audio import SAMPLE_RATE, load_audio, write_wav
from voice_coach.errors import VoiceCoachError

log = logging.getLogger(__name__)

LEAD_IN_S = 1.2  # silence before the candidate's first word
TAIL_S = 1.0  # silence after the last word
TRIM_DBFS = -45.0  # frame level that counts as the edge of a rendered sentence
FRAME_S = 0.01
NOISE_DBFS = -60.0  # RMS of the noise bed
SPEECH_PEAK = 0.5  # peak amplitude the speech is scaled to
ESPEAK_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class ScriptedAnswer:
    """What the synthesized candidate says: (sentence, silence after it in seconds) pairs."""

    lines: tuple[tuple[str, float], ...]
    voice: str = "en-us"
    rate_wpm: int = 160


def _espeak() -> str:
    exe = shutil.which("espeak-ng") or shutil.which("espeak")
    if exe is None:
        raise VoiceCoachError("espeak-ng is not installed — run `make demo` (it installs it) "
                              "or `sudo apt-get install espeak-ng`")
    return exe


def _render_sentence(text: str, voice: str, rate_wpm: int, tmp: Path) -> np.ndarray:
    out = tmp / "sentence.wav"
    try:
        subprocess.run([_espeak(), "-v", voice, "-s", str(rate_wpm), "-w", str(out), text],
                       check=True, capture_output=True, timeout=ESPEAK_TIMEOUT_S)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        raise VoiceCoachError(f"espeak-ng failed to render the demo candidate: {e}") from e
    return _trim(load_audio(out))


def _trim(audio: np.ndarray) -> np.ndarray:
    """Cut leading/trailing frames quieter than TRIM_DBFS."""
    frame = int(SAMPLE_RATE * FRAME_S)
    n = len(audio) // frame
    if n == 0:
        return audio
    rms = np.sqrt(np.mean(audio[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(20 * np.log10(rms) > TRIM_DBFS)
    if loud.size == 0:
        return audio[:0]
    return audio[loud[0] * frame: (loud[-1] + 1) * frame]


def synthesize(script: ScriptedAnswer, out_path: Path, *, seed: int = 0) -> Path:
    """Render `script` to a 16 kHz WAV at `out_path`."""
    rng = np.random.default_rng(seed)
    parts: list[np.ndarray] = [np.zeros(int(LEAD_IN_S * SAMPLE_RATE), np.float32)]
    with tempfile.TemporaryDirectory(prefix="voice-coach-demo-") as tmp:
        for text, pause_s in script.lines:
            speech = _render_sentence(text, script.voice, script.rate_wpm, Path(tmp))
            peak = float(np.max(np.abs(speech))) if speech.size else 0.0
            if peak > 0:
                speech = speech * (SPEECH_PEAK / peak)
            parts.append(speech.astype(np.float32))
            parts.append(np.zeros(int(pause_s * SAMPLE_RATE), np.float32))
    parts.append(np.zeros(int(TAIL_S * SAMPLE_RATE), np.float32))
    audio = np.concatenate(parts)
    noise_rms = 10 ** (NOISE_DBFS / 20)
    audio = audio + rng.normal(0.0, noise_rms, audio.shape).astype(np.float32)
    return write_wav(out_path, audio)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "voice-coach" / "demo"


def cached_answer(script: ScriptedAnswer) -> Path:
    """The WAV for `script`, synthesized once and reused (keyed by its content)."""
    key = hashlib.sha256(repr(script).encode()).hexdigest()[:16]
    path = cache_dir() / f"answer-{key}.wav"
    if not path.exists():
        synthesize(script, path)
    return path


# The demo round: which bank questions are asked and how the candidate answers them.
# Strong and weak answers on purpose, with real pauses and one long silence, so every kind of
# feedback shows up. Follow-up answers are short and supply what the coach asks for (each is
# judged by its follow-up's rubric); GENERIC_FOLLOW_UP answers any other follow-up.

@dataclass(frozen=True)
class DemoTurn:
    question_id: str
    answer: ScriptedAnswer
    follow_up_answer: ScriptedAnswer | None = None


def _turn(question_id: str, answer: tuple[tuple[str, float], ...],
          follow_up_answer: tuple[tuple[str, float], ...], *, voice: str = "en-us",
          rate_wpm: int = 160) -> DemoTurn:
    """A turn whose answer and follow-up answer the same synthesized candidate speaks."""
    return DemoTurn(question_id, ScriptedAnswer(answer, voice, rate_wpm),
                    ScriptedAnswer(follow_up_answer, voice, rate_wpm))


DEMO_ROUND: tuple[DemoTurn, ...] = (
    _turn(
        "intro-tell-me-about-yourself-1",
        (("I'm a machine learning engineer with five years of experience building ranking and "
          "forecasting models.", 0.6),
         ("Most recently I led the demand forecasting work for a grocery delivery service.", 0.5),
         ("Before that I built search ranking features at a travel startup.", 0.8),
         ("I'm interested in this role because I want to ship models that serve millions of "
          "customers.", 0.0)),
        (("The demand forecasting work had the biggest effect.", 0.4),
         ("It cut late deliveries from twelve percent to three percent.", 0.0)),
    ),
    _turn(
        "ml-overfitting-1",
        (("Overfitting is when a model learns the noise in the training data instead of the "
          "signal.", 0.7),
         ("You detect it when the training error keeps falling but the validation error starts "
          "to rise.", 2.6),
         ("To fix it you can add regularization, simplify the model, or get more data.", 0.6),
         ("Underfitting is the opposite, the model is too simple and both errors stay high.",
          0.0)),
        (("Yes. On a churn model at my last job, training accuracy reached ninety nine percent "
          "while validation accuracy fell to seventy percent.", 0.4),
         ("So I added dropout and stopped training early.", 0.0)),
        voice="en-gb", rate_wpm=150,
    ),
    _turn(
        "code-kmeans-1",
        (("Okay, so let me restate the problem. We want to cluster points into k groups.", 0.8),
         ("My plan is to pick k random points as the first centroids.", 0.6),
         ("Then I assign every point to its nearest centroid.", 6.5),
         ("Sorry, I was thinking about the empty cluster edge case. If a cluster gets no points "
          "I re-seed it with a random point.", 0.7),
         ("Then I recompute each centroid as the mean of its points, and repeat until the "
          "assignments stop changing.", 0.6),
         ("Each iteration is O of n times k times d.", 0.5),
         ("To test it I would use two well separated blobs and check it finds them.", 0.0)),
        (("The time complexity of one round is n times k times d, because every point is "
          "compared with every centroid.", 0.4),
         ("The memory is n times d for the points.", 0.0)),
        voice="en-us+m3", rate_wpm=155,
    ),
    _turn(
        "lp-dive-deep-1",
        (("In my last role our delivery time predictions were getting worse every week.", 0.5),
         ("I owned the forecasting model, so it was my job to find out why.", 0.6),
         ("I dug into the raw logs and found that a new warehouse was sending timestamps in the "
          "wrong time zone.", 0.5),
         ("I wrote a validation check for the pipeline and retrained the model on cleaned "
          "data.", 0.7),
         ("The late delivery rate dropped from twelve percent to three percent, which saved "
          "about one point two million dollars per quarter.", 0.6),
         ("It taught me to dive deep into the data before touching the model.", 0.0)),
        (("It shows Dive Deep and Ownership.", 0.4),
         ("I owned the model and I went into the raw data myself.", 0.0)),
    ),
    _turn(
        "lp-bias-for-action-1",
        (("So um, we had a launch coming up and we were not sure about the data.", 1.0),
         ("We kind of talked about it a lot and we decided to go ahead.", 2.4),
         ("We basically just shipped it and it was fine I think.", 0.0)),
        (("First I checked a sample of the data myself.", 0.4),
         ("Then I shipped the launch behind a switch I could turn off.", 0.4),
         ("It went out two weeks early.", 0.0)),
        voice="en-us+f3", rate_wpm=145,
    ),
)


GENERIC_FOLLOW_UP = ScriptedAnswer((
    ("Good question. I would measure it against the baseline we had before the change, and I "
     "would check the effect on customers, not only the model metric.", 0.0),))


def demo_answer_paths(turns: Sequence[DemoTurn] = DEMO_ROUND) -> list[tuple[Path, Path | None]]:
    """Synthesize (or reuse) every scripted answer; returns (answer, follow-up answer) paths."""
    return [(cached_answer(t.answer),
             cached_answer(t.follow_up_answer) if t.follow_up_answer else None) for t in turns]
