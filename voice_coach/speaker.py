"""The interviewer's voice: text-to-speech with pyttsx3 that can never hang the program.

pyttsx3 is known to hang on some systems, so every engine call runs in a child process
(`python -m voice_coach.speaker`) that the parent abandons and kills after
`words ÷ rate + timeout_margin_s`. The child renders the text with pyttsx3 to a WAV file and,
for `say`, plays it with sounddevice (the same audio library the microphone uses) and waits
for the end, so recording starts only after the question has been spoken.

`say` returns False (the caller then shows the text — it shows it anyway) when voice is
disabled, no output device exists or TTS fails; it never raises for a missing espeak.
`render_to_file` is for tests and the demo: it raises `TtsError` with a one-line fix.

Blocks: `say` and `render_to_file` block the calling thread up to the timeout.
"""

from __future__ import annotations

import logging
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from voice_coach.audio import load_audio, write_wav
from voice_coach.config import VoiceOptions
from voice_coach.errors import AudioError, VoiceCoachError

log = logging.getLogger(__name__)

# Test hook (timeout path only): a shell-style command that replaces the TTS child process.
CHILD_COMMAND_ENV = "VOICE_COACH_TTS_COMMAND"
SECONDS_PER_MINUTE = 60.0
CHECK_TIMEOUT_S = 10.0  # starting Python + initialising the engine for `available()`

# Child exit codes.
EXIT_OK = 0
EXIT_NO_OUTPUT = 3  # no audio output device / playback failed
EXIT_TTS_FAILED = 4  # pyttsx3 or its engine (espeak-ng) is missing or failed

TTS_FIX = ("install a speech engine: sudo apt-get install espeak-ng "
           "(or run with --no-voice to read the questions instead)")


class TtsError(VoiceCoachError):
    """Text-to-speech is missing, failed or hung."""


class Speaker:
    """Speaks interview questions (or renders them to WAV) with pyttsx3 in a child process.

    Args:
        opts: `[voice]` config: enabled, rate_wpm, voice (id or name substring; "" = default),
            timeout_margin_s.
    """

    def __init__(self, opts: VoiceOptions):
        self.opts = opts
        self._available: bool | None = None
        self._output_missing = False

    def timeout_s(self, text: str) -> float:
        """How long the engine may take for `text`: words ÷ rate + margin, seconds."""
        words = max(1, len(text.split()))
        return words / self.opts.rate_wpm * SECONDS_PER_MINUTE + self.opts.timeout_margin_s

    def available(self) -> bool:
        """True if pyttsx3 and its engine initialise (checked once, in a child process)."""
        if self._available is None:
            code, err = self._run_child(["check"], "", CHECK_TIMEOUT_S)
            self._available = code == EXIT_OK
            if not self._available:
                log.info("text-to-speech unavailable: %s", err)
        return self._available

    def say(self, text: str) -> bool:
        """Speak `text` and wait until it has been played. False if it could not be spoken."""
        if not self.opts.enabled or self._output_missing or not text.strip():
            return False
        code, err = self._run_child(["say"], text, self.timeout_s(text))
        if code == EXIT_NO_OUTPUT:
            self._output_missing = True  # don't try again for every question
        if code != EXIT_OK:
            log.info("could not speak the question (%s); showing it instead", err)
            return False
        return True

    def render_to_file(self, text: str, wav_path: Path) -> Path:
        """Render `text` as speech to a 16 kHz mono 16-bit WAV at `wav_path` (written atomically).

        Raises:
            TtsError: TTS is missing, failed, hung, or produced no audio.
        """
        if not text.strip():
            raise TtsError("nothing to say: the text is empty")
        with tempfile.TemporaryDirectory(prefix="voice-coach-tts-") as tmp:
            raw = Path(tmp) / "tts.wav"
            code, err = self._run_child(["save", "--out", str(raw)], text, self.timeout_s(text))
            if code is None:
                raise TtsError(f"text-to-speech did not finish within {self.timeout_s(text):.0f} s "
                               f"— {TTS_FIX}")
            if code != EXIT_OK:
                raise TtsError(f"text-to-speech failed ({err}) — {TTS_FIX}")
            try:
                audio = load_audio(raw)
            except AudioError as e:
                raise TtsError(f"text-to-speech produced no usable audio ({e}) — {TTS_FIX}") from e
        return write_wav(wav_path, audio)

    def _child_command(self, args: list[str]) -> list[str]:
        override = os.environ.get(CHILD_COMMAND_ENV)
        base = shlex.split(override) if override else [sys.executable, "-m", "voice_coach.speaker"]
        opts = ["--rate", str(self.opts.rate_wpm)]
        if self.opts.voice:
            opts += ["--voice", self.opts.voice]
        return base + args + opts

    def _run_child(self, args: list[str], text: str, timeout_s: float) -> tuple[int | None, str]:
        """Run the TTS child with `text` on stdin. Returns (exit code or None on timeout, error)."""
        cmd = self._child_command(args)
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, start_new_session=True)
        except OSError as e:
            return EXIT_TTS_FAILED, f"cannot start {cmd[0]}: {e.strerror}"
        try:
            _, err = proc.communicate(text.encode("utf-8"), timeout=timeout_s)
        except subprocess.TimeoutExpired:
            log.warning("text-to-speech did not finish in %.1f s; abandoning it", timeout_s)
            return None, f"timed out after {timeout_s:.1f} s"
        finally:
            if proc.poll() is None:  # timeout or Ctrl-C: kill the child's whole process group
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        lines = err.decode("utf-8", "replace").strip().splitlines()
        return proc.returncode, (lines[-1] if lines else f"exit code {proc.returncode}")


# --------------------------------------------------------------------------------------------
# Child process: python -m voice_coach.speaker {check|save|say} [--out F] [--rate N] [--voice V]
# --------------------------------------------------------------------------------------------


def _engine(rate_wpm: int, voice: str):
    import pyttsx3

    engine = pyttsx3.init()
    if voice:
        wanted = voice.lower()
        voices = engine.getProperty("voices") or []
        match = (next((v for v in voices if v.id.lower() == wanted), None)  # "gmw/en-us"
                 or next((v for v in voices if v.id.lower().rsplit("/", 1)[-1] == wanted),
                         None)  # "en-us"
                 or next((v for v in voices if wanted in (v.name or "").lower()), None))
        if match is None:
            log.warning("voice %r not found; using the default voice", voice)
        else:
            engine.setProperty("voice", match.id)
    # after the voice: espeak may reset the rate when the voice changes
    engine.setProperty("rate", rate_wpm)
    return engine


def _render(text: str, out: Path, rate_wpm: int, voice: str) -> None:
    import threading

    engine = _engine(rate_wpm, voice)
    done = threading.Event()
    engine.connect("finished-utterance", lambda **_: done.set())
    engine.save_to_file(text, str(out))
    engine.runAndWait()
    # pyttsx3 2.99's espeak driver can return from runAndWait while espeak is still
    # synthesising on its own thread; the file is complete once "finished-utterance" fires.
    # No timeout here: the parent kills this process when its time is up.
    done.wait()
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError("the engine wrote no audio")


def _play(path: Path) -> int:
    import soundfile as sf

    try:
        import sounddevice as sd
    except OSError as e:
        print(f"PortAudio missing: {e}", file=sys.stderr)
        return EXIT_NO_OUTPUT
    if not any(d["max_output_channels"] > 0 for d in sd.query_devices()):
        print("no audio output device", file=sys.stderr)
        return EXIT_NO_OUTPUT
    data, rate = sf.read(str(path), dtype="float32")
    try:
        sd.play(data, rate)
        sd.wait()
    except sd.PortAudioError as e:
        print(f"playback failed: {e}", file=sys.stderr)
        return EXIT_NO_OUTPUT
    return EXIT_OK


def _child_main(argv: list[str]) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m voice_coach.speaker",
                                description="TTS child process (text on stdin)")
    p.add_argument("mode", choices=("check", "save", "say"))
    p.add_argument("--out", type=Path)
    p.add_argument("--rate", type=int, default=VoiceOptions.rate_wpm)
    p.add_argument("--voice", default="")
    args = p.parse_args(argv)
    try:
        if args.mode == "check":
            _engine(args.rate, args.voice)
            return EXIT_OK
        text = sys.stdin.read()
        if args.mode == "save":
            _render(text, args.out, args.rate, args.voice)
            return EXIT_OK
        with tempfile.TemporaryDirectory(prefix="voice-coach-say-") as tmp:
            wav = Path(tmp) / "say.wav"
            _render(text, wav, args.rate, args.voice)
            return _play(wav)
    except (ImportError, OSError, RuntimeError, ValueError, KeyError) as e:
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_TTS_FAILED


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
