"""A real microphone path without a microphone: a private PulseAudio server with a null sink.

Whatever is played into the sink `vmic` (`paplay -d vmic clip.wav`, or any program whose
default output is PulseAudio) comes back out of its monitor `vmic.monitor`, which
sounddevice/PortAudio records through the ALSA `pulse` device when `PULSE_SOURCE` names it.

The server runs in the foreground under its own runtime folder (`PULSE_RUNTIME_PATH`), so it
never touches a user's desktop PulseAudio or another test's server, and it is killed by pid
at teardown. PortAudio reads the environment only when it initialises, so the fixture
re-initialises it (in this process) after setting the variables and again after restoring
them. Child processes inherit the variables.

Fixtures (import them into a conftest or a test module):
    virtual_mic — module-scoped `VirtualMic`; the test is skipped only if `pulseaudio` is
    not installed (`make test` installs it).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tools import require_tool

SINK = "vmic"
SOURCE = f"{SINK}.monitor"
STARTUP_TIMEOUT_S = 10.0
POLL_S = 0.1


@dataclass
class VirtualMic:
    """A running virtual microphone."""

    runtime_dir: Path
    env: dict[str, str]  # the PULSE_* variables set while the fixture is active
    process: subprocess.Popen
    sink: str = SINK
    source: str = SOURCE
    device: str = "pulse"  # the PortAudio/ALSA input device name that records the monitor
    players: list[subprocess.Popen] = field(default_factory=list)

    def play(self, wav: str | os.PathLike) -> subprocess.Popen:
        """Start playing `wav` into the sink in real time (returns at once)."""
        paplay = shutil.which("paplay")
        assert paplay, "paplay is missing: apt-get install pulseaudio-utils"
        p = subprocess.Popen([paplay, "-d", self.sink, os.fspath(wav)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.players.append(p)
        return p


def _reinit_portaudio() -> None:
    """Make an already-imported sounddevice re-read the PULSE_* environment."""
    sd = sys.modules.get("sounddevice")
    if sd is not None:
        sd._terminate()
        sd._initialize()


def _wait_ready(proc: subprocess.Popen, env: dict[str, str], log: Path) -> None:
    """Poll `pactl info` until the server answers; fail with its log if it dies or stalls."""
    pactl = shutil.which("pactl")
    assert pactl, "pactl is missing: apt-get install pulseaudio-utils"
    for _ in range(int(STARTUP_TIMEOUT_S / POLL_S)):
        try:
            proc.wait(timeout=POLL_S)  # the wait between polls; returns only if it died
        except subprocess.TimeoutExpired:
            pass
        else:
            pytest.fail(f"pulseaudio exited with {proc.returncode}: {log.read_text()[-2000:]}")
        r = subprocess.run([pactl, "info"], env=env, capture_output=True, timeout=5)
        if r.returncode == 0:
            return
    pytest.fail(f"pulseaudio did not answer within {STARTUP_TIMEOUT_S} s: "
                f"{log.read_text()[-2000:]}")


# Held while a virtual microphone runs: under pytest-xdist (`make test`) the two workers never
# run two PulseAudio servers and record through them at the same time.
LOCK_PATH = Path(tempfile.gettempdir()) / "voice-coach-virtual-mic.lock"


@pytest.fixture(scope="module")
def virtual_mic():
    """Start a private PulseAudio server with the null sink `vmic`; yield a `VirtualMic`."""
    binary = require_tool("pulseaudio", install="apt-get install pulseaudio pulseaudio-utils "
                          "libasound2-plugins — needed for the virtual microphone")
    with open(LOCK_PATH, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, at teardown
        yield from _running_mic(binary)


def _running_mic(binary: str):
    runtime_dir = Path(tempfile.mkdtemp(prefix="vmic-"))
    pulse_env = {"PULSE_RUNTIME_PATH": str(runtime_dir), "PULSE_SOURCE": SOURCE,
                 "PULSE_SINK": SINK}
    env = {**os.environ, **pulse_env}
    env.pop("PULSE_SERVER", None)
    log = runtime_dir / "pulseaudio.log"
    cmd = [binary, "--daemonize=no", "--exit-idle-time=-1", "--system=false",
           "--disallow-exit", "-n", "--use-pid-file=no", "--load=module-native-protocol-unix",
           f"--load=module-null-sink sink_name={SINK}", "--load=module-always-sink"]
    with open(log, "wb") as log_file:
        proc = subprocess.Popen(cmd, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    mic = VirtualMic(runtime_dir, pulse_env, proc)
    with pytest.MonkeyPatch.context() as mp:
        try:
            _wait_ready(proc, env, log)
            for k, v in pulse_env.items():
                mp.setenv(k, v)
            mp.delenv("PULSE_SERVER", raising=False)
            _reinit_portaudio()
            yield mic
        finally:
            for p in mic.players:
                if p.poll() is None:
                    p.kill()
                p.wait()
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            mp.undo()
            _reinit_portaudio()
            shutil.rmtree(runtime_dir, ignore_errors=True)
