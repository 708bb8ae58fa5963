"""Bad input: every user mistake is ONE stderr line "voice-coach: error: …", exit code 2, no
traceback, and no earlier session or config is damaged.

Commands run as real subprocesses (`python -m voice_coach`), so the check covers everything
the user would see on stderr (log lines included). Inputs are generated here: tiny WAVs made
with soundfile from a 1.9 s bundled clip, a 1-hour file written in blocks, broken TOML files,
a read-only and a full tmpfs (root, as in CI). Odd-but-valid audio (8 kHz, 48 kHz stereo,
32-bit float, clipped, OGG/FLAC/MP3 named .wav, truncated) must be analysed, not refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voice_coach import config as config_mod
from voice_coach.audio import MAX_AUDIO_S, list_input_devices, resample
from voice_coach.errors import DeviceError

REPO = Path(__file__).resolve().parents[1]
PRACTICE_Q = "ml-overfitting-1"
SR = 16000
ONE_HOUR_S = 3600
RSS_LIMIT_MB = 1500  # the 1-hour file must be handled in bounded memory


# ---------------------------------------------------------------------------------- helpers

def run_cli(*argv: str, env: dict | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "voice_coach", *argv], capture_output=True,
                          text=True, timeout=timeout, cwd=REPO, env=full_env)


def assert_one_line_error(out: subprocess.CompletedProcess, *needles: str) -> str:
    """Exit 2, no traceback, exactly one stderr line starting 'voice-coach: error:'."""
    assert "Traceback" not in out.stderr, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one stderr line, got:\n{out.stderr}"
    assert lines[0].startswith("voice-coach: error: "), lines[0]
    assert out.returncode == 2, (out.returncode, out.stderr)
    for needle in needles:
        assert needle.lower() in lines[0].lower(), (needle, lines[0])
    return lines[0]


def session_dirs(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.exists() else []


def snapshot(root: Path, config: Path | None = None) -> dict[str, str]:
    """sha256 of every file of every session folder (and the config); the index is a cache."""
    out = {}
    for folder in session_dirs(root):
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
    if config is not None and config.exists():
        out["<config>"] = hashlib.sha256(config.read_bytes()).hexdigest()
    return out


def seed_session(root: Path) -> str:
    """An earlier, complete session made with the real store and the text pipeline (no model)."""
    from voice_coach.pipeline import analyze_text
    from voice_coach.store import Store

    cfg = config_mod.Config()
    store = Store(root)
    s = store.new_session("practice", "earlier answer", cfg.to_dict())
    s.add_question(1, {"id": PRACTICE_Q, "text": "Overfitting?", "kind": "technical",
                       "category": "core-ml", "follow_up": False})
    s.save_answer(1, analyze_text("Overfitting means the model memorises noise; I compare "
                                  "training and validation error.", cfg=cfg))
    s.finish("complete")
    return s.id


@pytest.fixture
def earlier(_private_recordings: Path, tmp_path: Path):
    """An earlier session and a custom config; yields a checker that both are unchanged."""
    root = Path(_private_recordings)
    sid = seed_session(root)
    cfg_path = root / config_mod.CONFIG_FILENAME
    config_mod.save(config_mod.Config().with_value("silence.pause_s", 1.5), cfg_path)
    before = snapshot(root, cfg_path)

    def check() -> None:
        assert (root / sid / "session.json").is_file()
        after = snapshot(root, cfg_path)
        assert {k: v for k, v in after.items() if k in before} == before
        leftovers = [p for p in root.rglob("*.tmp")]
        assert not leftovers, leftovers

    check.root, check.sid, check.config = root, sid, cfg_path
    return check


@pytest.fixture(scope="module")
def audio_dir(tmp_path_factory, clip) -> Path:
    """Bad and odd audio files, all derived from a 1.9 s clip ("Mary rolled the barrel")."""
    d = tmp_path_factory.mktemp("bad-audio")
    a, sr = sf.read(str(clip("praatio_mary")), dtype="float32")
    assert sr == SR
    rng = np.random.default_rng(8)
    sf.write(d / "good.wav", a, SR)
    good = (d / "good.wav").read_bytes()
    (d / "empty.wav").write_bytes(b"")
    (d / "truncated.wav").write_bytes(good[: len(good) // 2])  # header says 1.9 s, holds 0.9 s
    (d / "header-only.wav").write_bytes(good[:44])
    (d / "random-bytes.wav").write_bytes(rng.integers(0, 256, 4096, dtype=np.uint8).tobytes())
    (d / "text.wav").write_text("these are my notes, not a recording\n")
    sf.write(d / "ogg-named.wav", a, SR, format="OGG", subtype="VORBIS")
    sf.write(d / "flac-named.wav", a, SR, format="FLAC")
    sf.write(d / "mp3-named.wav", a, SR, format="MP3", subtype="MPEG_LAYER_III")
    sf.write(d / "8k.wav", resample(a, SR, 8000), 8000)
    s48 = resample(a, SR, 48000)
    sf.write(d / "48k-stereo.wav", np.stack([s48, 0.5 * s48], axis=1), 48000)
    sf.write(d / "float32.wav", a, SR, subtype="FLOAT")
    sf.write(d / "clipped.wav", np.clip(a * 20, -1, 1), SR)
    nan = a.copy()
    nan[1000] = np.nan
    sf.write(d / "nan.wav", nan, SR, subtype="FLOAT")
    sf.write(d / "500hz-rate.wav", a[:2000], 500)
    sf.write(d / "zeros.wav", np.zeros(3 * SR, np.float32), SR)
    sf.write(d / "one-sample.wav", a[8000:8001], SR)
    sf.write(d / "low-noise.wav", (rng.standard_normal(3 * SR) * 1e-3).astype(np.float32), SR)
    sf.write(d / "noise.wav", np.clip(rng.standard_normal(3 * SR) * 0.3, -1, 1), SR)
    return d


@pytest.fixture(scope="module")
def one_hour_wav(tmp_path_factory) -> Path:
    """A 1-hour 16 kHz low-noise WAV (115 MB), written block by block."""
    path = tmp_path_factory.mktemp("long") / "one-hour.wav"
    rng = np.random.default_rng(60)
    block = (rng.standard_normal(60 * SR) * 1e-3).astype(np.float32)  # one minute, reused
    with sf.SoundFile(str(path), "w", SR, 1, "PCM_16") as f:
        for _ in range(ONE_HOUR_S // 60):
            f.write(block)
    return path


# ------------------------------------------------------------------------ audio → analyze

AUDIO_ERRORS = [
    ("missing.wav", "not found"),
    ("empty.wav", "empty"),
    ("header-only.wav", "no audio samples"),
    ("random-bytes.wav", "cannot read"),
    ("text.wav", "is a text file, not audio"),
    ("nan.wav", "invalid samples"),
    ("500hz-rate.wav", "sample rate"),
    (".", "folder"),
]


@pytest.mark.parametrize("name, needle", AUDIO_ERRORS, ids=[n for n, _ in AUDIO_ERRORS])
def test_analyze_bad_audio(audio_dir, earlier, name, needle):
    out = run_cli("analyze", str(audio_dir / name), "--json")
    assert_one_line_error(out, needle)
    assert out.stdout == ""
    earlier()


@pytest.mark.parametrize("name", ["missing.wav", "empty.wav", "random-bytes.wav"])
def test_practice_bad_input_fails_before_a_session_exists(audio_dir, earlier, name):
    before = session_dirs(earlier.root)
    out = run_cli("practice", "--question", PRACTICE_Q, "--input", str(audio_dir / name),
                  "--no-voice", "--no-follow-up")
    assert_one_line_error(out)
    assert session_dirs(earlier.root) == before
    earlier()


def _peak_rss_mb(argv: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    """Run the CLI in a child of a fresh wrapper and return the CLI's peak RSS, MB."""
    code = ("import json, resource, subprocess, sys\n"
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
            "print(json.dumps([rss, p.returncode, p.stdout, p.stderr]))\n")
    wrapper = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "voice_coach",
                              *argv], capture_output=True, text=True, timeout=600, cwd=REPO,
                             check=True)
    rss, rc, stdout, stderr = json.loads(wrapper.stdout)
    return rss, subprocess.CompletedProcess(argv, rc, stdout, stderr)


@pytest.mark.slow
def test_one_hour_file_in_bounded_memory(one_hour_wav, earlier):
    """A 1-hour file of room noise: refused from its header (answers are capped at 20 min) or
    streamed through in windows — either way one line, and peak RSS stays bounded."""
    assert one_hour_wav.stat().st_size > ONE_HOUR_S * SR * 2
    rss_mb, out = _peak_rss_mb(["analyze", str(one_hour_wav), "--json"])
    line = assert_one_line_error(out)
    assert "longer than" in line or "no speech found" in line, line
    assert rss_mb < RSS_LIMIT_MB, rss_mb
    before = session_dirs(earlier.root)
    rss_mb, out = _peak_rss_mb(["practice", "--question", PRACTICE_Q, "--input",
                                str(one_hour_wav), "--no-voice", "--no-follow-up"])
    assert_one_line_error(out, "longer than 20:00")
    assert rss_mb < 400, f"the refusal should not decode the file ({rss_mb:.0f} MB)"
    assert session_dirs(earlier.root) == before
    earlier()


def test_long_file_limit_is_checked_while_decoding(tmp_path):
    """Formats whose header gives no length are still cut off at the limit, not read whole."""
    from voice_coach.audio import load_audio
    from voice_coach.errors import AudioError

    path = tmp_path / "three-seconds.wav"
    sf.write(path, np.zeros(3 * SR, np.float32), SR)
    with pytest.raises(AudioError, match="longer than 0:02"):
        load_audio(path, max_duration_s=2.0)
    assert load_audio(path, max_duration_s=3.0).size == 3 * SR
    assert MAX_AUDIO_S == config_mod.MAX_RECORDING_S == 1200


@pytest.mark.slow
@pytest.mark.parametrize("name", ["8k.wav", "48k-stereo.wav", "float32.wav", "clipped.wav",
                                  "ogg-named.wav", "flac-named.wav", "mp3-named.wav",
                                  "truncated.wav"])
def test_odd_but_valid_audio_is_analysed(audio_dir, name, capsys):
    """Decided: these are real recordings, so they are analysed (resampled, mixed to mono)."""
    from voice_coach.cli import main

    assert main(["analyze", str(audio_dir / name), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    text = report["transcript"]["text"].lower()
    assert "mary" in text or "rolled" in text, text
    assert report["audio"]["sample_rate"] == SR
    expected_s = 0.93 if name == "truncated.wav" else 1.87
    assert report["audio"]["duration_s"] == pytest.approx(expected_s, abs=0.05)


@pytest.mark.slow
def test_truncated_wav_warns_in_one_line(audio_dir):
    out = run_cli("analyze", str(audio_dir / "truncated.wav"))
    assert out.returncode == 0 and "Traceback" not in out.stderr
    warnings = [x for x in out.stderr.splitlines() if x.startswith("voice-coach: warning:")]
    assert len(warnings) == 1 and "truncated" in warnings[0], out.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", ["zeros.wav", "low-noise.wav", "noise.wav", "one-sample.wav"])
def test_no_speech_is_one_clear_line(audio_dir, earlier, name, capsys):
    """Decided: `analyze` of silence or noise is an error ("no speech found"), not a report.

    One case runs as a subprocess (everything on stderr counted), the others in-process."""
    if name == "zeros.wav":
        out = run_cli("analyze", str(audio_dir / name), "--json")
    else:
        from voice_coach.cli import main

        code = main(["analyze", str(audio_dir / name), "--json"])
        stdout, stderr = capsys.readouterr()
        stderr = "\n".join(x for x in stderr.splitlines() if not x.startswith("analysed in"))
        out = subprocess.CompletedProcess([], code, stdout, stderr)
    assert_one_line_error(out, "no speech found")
    assert out.stdout == ""
    earlier()


@pytest.mark.slow
def test_silent_practice_answer_says_no_speech(audio_dir, _private_recordings):
    out = run_cli("practice", "--question", PRACTICE_Q, "--input", str(audio_dir / "zeros.wav"),
                  "--no-voice", "--no-follow-up")
    assert out.returncode == 0, out.stderr
    [report_path] = Path(_private_recordings).glob("*/answer-01.json")
    report = json.loads(report_path.read_text())
    messages = " ".join(f["message"].lower() for f in report["feedback"])
    assert "no speech" in messages or "nothing was said" in messages, messages
    assert report["scores"]["delivery"] is None or report["scores"]["delivery"] < 50


# ---------------------------------------------------------------------- transcripts (.txt)

TRANSCRIPTS = [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (b"\xff\xfe\x00b\xc3(", "not UTF-8"),
    (b"\x00" * 64, "binary"),
    (b"word " * 220_000, "limited to 1 MB"),
]


@pytest.mark.parametrize("data, needle", TRANSCRIPTS,
                         ids=["empty", "blank", "latin", "nul", "huge"])
def test_analyze_bad_transcript(tmp_path, earlier, data, needle):
    path = tmp_path / "answer.txt"
    path.write_bytes(data)
    assert_one_line_error(run_cli("analyze", str(path)), needle)
    earlier()


# --------------------------------------------------------------------------- question bank

def _bank(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    d = tmp_path / "prompts"
    d.mkdir()
    for name, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        (d / name).write_bytes(data)
    return d


GOOD_Q = """[[question]]
id = "my-q-1"
category = "core-ml"
kind = "technical"
text = "What is overfitting?"
target_s = 60
"""

PROMPTS = {
    "malformed": ({"a.toml": "[[question]\nid = 'x'\n"}, "a.toml"),
    "empty-file": ({"a.toml": ""}, "a.toml"),
    "no-toml": ({"notes.txt": "hello"}, "no *.toml"),
    "duplicate-id": ({"a.toml": GOOD_Q, "b.toml": GOOD_Q}, "duplicate question id"),
    "huge": ({"a.toml": GOOD_Q + "# " + "x" * 1_100_000 + "\n"}, "limited to 1 MB"),
    "binary": ({"a.toml": b"\x00\xff\xfe" * 100}, "a.toml"),
    "missing-field": ({"a.toml": GOOD_Q.replace('kind = "technical"\n', "")}, "kind"),
}


@pytest.mark.parametrize("case", list(PROMPTS))
def test_bad_question_bank(tmp_path, earlier, case):
    files, needle = PROMPTS[case]
    bank = _bank(tmp_path, files)
    assert_one_line_error(run_cli("questions", "--prompts", str(bank)), needle)
    earlier()


def test_bad_question_bank_stops_practice_before_a_session(tmp_path, earlier, audio_dir):
    bank = _bank(tmp_path, {"a.toml": GOOD_Q, "b.toml": GOOD_Q})
    before = session_dirs(earlier.root)
    out = run_cli("practice", "--prompts", str(bank), "--question", "my-q-1", "--input",
                  str(audio_dir / "good.wav"), "--no-voice")
    assert_one_line_error(out, "duplicate")
    assert session_dirs(earlier.root) == before
    earlier()


@pytest.mark.parametrize("argv, needle", [
    (["questions", "--show", "no-such-question"], "unknown question id"),
    (["practice", "--question", "no-such-question", "--no-voice"], "unknown question id"),
    (["analyze", "ANSWER", "--question", "no-such-question"], "unknown question id"),
    (["interview", "--round", "no-such-round", "--no-voice"], "no-such-round"),
    (["questions", "--prompts", "/nonexistent/prompts"], "not found"),
])
def test_unknown_question_or_round(tmp_path, earlier, argv, needle):
    answer = tmp_path / "answer.txt"
    answer.write_text("I would compare training and validation error.")
    argv = [str(answer) if a == "ANSWER" else a for a in argv]
    assert_one_line_error(run_cli(*argv), needle)
    earlier()


# ------------------------------------------------------------------------------- config

CONFIGS = {
    "unknown-key": ("[silence]\npause_seconds = 2\n", "silence.pause_seconds"),
    "unknown-section": ("[colour]\nred = 1\n", "[colour]"),
    "wrong-type": ('[silence]\npause_s = "two"\n', "silence.pause_s"),
    "negative": ("[pace]\nmin_wpm = -5\n", "pace.min_wpm"),
    "inverted": ("[pace]\nmin_wpm = 180\nmax_wpm = 120\n", "pace.max_wpm"),
    "inverted-silence": ("[silence]\npause_s = 6\nlong_silence_s = 5\n", "long_silence_s"),
    "too-long-answer": ("[answer]\nmax_s = 7200\n", "answer.max_s"),
    "nan": ("[silence]\npause_s = nan\n", "finite"),
    "bad-backend": ('[transcriber]\nbackend = "cloud"\n', "transcriber.backend"),
    "not-toml": ("silence.pause_s == 2\n", "invalid TOML"),
    "not-utf8": (b"[silence]\n# \xff\xfe\n", "not UTF-8"),
    "section-not-table": ("silence = 3\n", "silence"),
}


@pytest.mark.parametrize("case", list(CONFIGS))
def test_bad_config_file(tmp_path, earlier, case):
    content, needle = CONFIGS[case]
    path = tmp_path / "bad.toml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    line = assert_one_line_error(run_cli("config", "show", "--config", str(path)), needle)
    assert str(path) in line, "the message names the file"
    assert path.read_bytes() == (content.encode() if isinstance(content, str) else content)
    earlier()


def test_bad_config_stops_every_command(tmp_path, earlier, audio_dir):
    path = tmp_path / "bad.toml"
    path.write_text("[pace]\nmin_wpm = 180\nmax_wpm = 120\n")
    for argv in (["analyze", str(audio_dir / "good.wav")], ["tune"],
                 ["practice", "--question", PRACTICE_Q, "--input", str(audio_dir / "good.wav")]):
        assert_one_line_error(run_cli(*argv, "--config", str(path)), "pace.max_wpm")
    assert_one_line_error(run_cli("config", "show", "--config", str(tmp_path / "none.toml")),
                          "not found")
    earlier()


@pytest.mark.parametrize("key, value, needle", [
    ("silence.pause_s", "-1", "negative"),
    ("silence.pause_s", "abc", "must be float"),
    ("pace.min_wpm", "500", "pace.max_wpm"),
    ("no.such_key", "1", "unknown config key"),
    ("answer.max_s", "99999", "at most 1200"),
])
def test_config_set_bad_value_keeps_the_file(earlier, key, value, needle):
    assert_one_line_error(run_cli("config", "set", key, value), needle)
    assert config_mod.load(earlier.config).silence.pause_s == 1.5
    earlier()


# ----------------------------------------------------------------------------- session ids

BAD_IDS = ["../etc", "../../etc/passwd", "/etc", "a/../b", "..", ".", "no-such-session", "x" * 300]


@pytest.mark.parametrize("command", ["review", "delete", "recover"])
@pytest.mark.parametrize("sid", BAD_IDS, ids=lambda s: s[:20])
def test_bad_session_ids(earlier, command, sid):
    argv = [command, sid] + (["--yes"] if command == "delete" else [])
    assert_one_line_error(run_cli(*argv), "session")
    earlier()


@pytest.mark.parametrize("command", ["review", "delete", "recover"])
def test_absolute_path_of_a_real_session_is_refused(earlier, command):
    path = str(earlier.root / earlier.sid)
    argv = [command, path] + (["--yes"] if command == "delete" else [])
    assert_one_line_error(run_cli(*argv), "invalid session id")
    earlier()


def test_delete_needs_confirmation_when_not_a_terminal(earlier):
    assert_one_line_error(run_cli("delete", earlier.sid), "--yes")
    earlier()


# --------------------------------------------------------------- read-only and full disks

@contextlib.contextmanager
def tmpfs(path: Path, size: str):
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                        str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        msg = f"cannot mount a tmpfs (needs root, as in CI): {r.stderr.strip()}"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _remount_ro(path: Path) -> None:
    r = subprocess.run(["mount", "-o", "remount,ro", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_read_only_recordings(tmp_path, audio_dir):
    with tmpfs(tmp_path / "ro", "1m") as root:
        sid = seed_session(root)
        before = snapshot(root)
        _remount_ro(root)
        env = {"VOICE_COACH_RECORDINGS": str(root)}
        out = run_cli("practice", "--question", PRACTICE_Q, "--input",
                      str(audio_dir / "good.wav"), "--no-voice", "--no-follow-up", env=env)
        assert_one_line_error(out, "read-only")
        assert_one_line_error(run_cli("config", "set", "silence.pause_s", "1.5", env=env),
                              "read-only")
        assert_one_line_error(run_cli("delete", sid, "--yes", env=env), "cannot")
        listed = run_cli("review", env=env)  # reading still works on a read-only disk
        assert listed.returncode == 0 and sid in listed.stdout, listed.stderr
        shown = run_cli("review", sid, env=env)
        assert shown.returncode == 0, shown.stderr
        assert snapshot(root) == before


@pytest.mark.slow
def test_full_disk_keeps_earlier_sessions_and_leaves_valid_files(tmp_path, clip):
    with tmpfs(tmp_path / "full", "160k") as root:
        sid = seed_session(root)
        before = snapshot(root)
        env = {"VOICE_COACH_RECORDINGS": str(root)}
        out = run_cli("practice", "--question", PRACTICE_Q, "--input", str(clip("jfk")),
                      "--no-voice", "--no-follow-up", env=env)
        assert_one_line_error(out, "disk is full")
        assert {k: v for k, v in snapshot(root).items() if k in before} == before
        assert not list(root.rglob("*.tmp")), "no temp file left behind"
        for p in root.rglob("*.json"):
            json.loads(p.read_text())  # atomic writes: every JSON there is whole
        new = [d for d in session_dirs(root) if d.name != sid]
        for d in new:
            assert json.loads((d / "session.json").read_text())["status"] == "interrupted"


def _fill(root: Path) -> None:
    """Fill the file system under `root` to the last byte."""
    with open(root / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        except OSError:
            pass


def test_review_on_a_full_disk(tmp_path):
    with tmpfs(tmp_path / "full", "160k") as root:
        sid = seed_session(root)
        (root / "index.sqlite3").unlink()  # the index must be rebuilt…
        _fill(root)  # …on a disk with no room left
        out = run_cli("review", env={"VOICE_COACH_RECORDINGS": str(root)})
        assert "Traceback" not in out.stderr, out.stderr
        if out.returncode == 0:
            assert sid in out.stdout
        else:
            assert_one_line_error(out, "full")


# ----------------------------------------------------------------- microphone and speaker

def test_no_microphone_names_the_fix(earlier):
    try:
        if list_input_devices():
            pytest.skip("this machine has an input device")
    except DeviceError:
        pass  # PortAudio missing: the command must say so in one line too
    out = run_cli("practice", "--question", PRACTICE_Q, "--no-voice")
    line = assert_one_line_error(out)
    assert "voice-coach devices" in line or "PortAudio" in line, line
    assert "--input" in line or "PortAudio" in line, line
    earlier()


def _tts_config(tmp_path: Path) -> Path:
    path = tmp_path / "tts.toml"
    # 20 words at 400 wpm + 0.5 s: a stuck engine is abandoned after 3.5 s
    path.write_text("[voice]\nenabled = true\nrate_wpm = 400\ntimeout_margin_s = 0.5\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("tts", ["missing", "hanging"])
def test_practice_without_working_tts_shows_the_question(tmp_path, audio_dir, _private_recordings,
                                                         tts):
    """TTS missing or stuck: the question is printed and the answer is still coached."""
    command = "/nonexistent/espeak-ng" if tts == "missing" else "sh -c \"sleep 600\""
    out = run_cli("practice", "--question", PRACTICE_Q, "--input", str(audio_dir / "good.wav"),
                  "--no-follow-up", "--config", str(_tts_config(tmp_path)),
                  env={"VOICE_COACH_TTS_COMMAND": command}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "overfitting and underfitting" in " ".join(out.stdout.split())
    assert "read it" in out.stdout  # the question panel says it was not spoken
    [report] = Path(_private_recordings).glob("*/answer-01.json")
    assert json.loads(report.read_text())["transcript"]["text"]


class _QuietUI:
    """The `RoundUI` surface, drawing nothing (the thing under test is the interview loop)."""

    def question(self, n, text, *, follow_up, spoken):
        self.spoken = spoken

    def recording_started(self, n): ...
    def status(self, status): ...
    def recording_finished(self, recording): ...
    def answer_report(self, report): ...
    def summary(self, session_id, reports, path): ...


@pytest.mark.slow
def test_demo_question_render_without_tts_goes_on(tmp_path, clip, monkeypatch):
    from voice_coach.audio import FileSource
    from voice_coach.interview import ask_and_record
    from voice_coach.questions import load_bank
    from voice_coach.speaker import Speaker
    from voice_coach.store import Store
    from voice_coach.transcriber import load_transcriber

    monkeypatch.setenv("VOICE_COACH_TTS_COMMAND", "/nonexistent/espeak-ng")
    cfg = config_mod.Config()
    session = Store(tmp_path / "rec").new_session("demo", "demo-round", cfg.to_dict())
    q = load_bank().get(PRACTICE_Q)
    ui = _QuietUI()
    report = ask_and_record(n=1, question=q, text=q.text, follow_up=False, session=session,
                            cfg=cfg, transcriber=load_transcriber(), speaker=Speaker(cfg.voice),
                            source=FileSource(clip("praatio_mary")), ui=ui,
                            prompt_wav=session.path / "question-01.wav")
    assert ui.spoken is False
    assert report.transcript.text


# ------------------------------------------------------------------- more commands, damage

@pytest.mark.parametrize("argv, needle", [
    (["drill", "think-aloud", "--input", "AUDIO/missing.wav", "--no-voice"], "not found"),
    (["interview", "--input", "AUDIO/empty.wav", "--no-voice"], "empty"),
    (["calibrate", "--input", "AUDIO/random-bytes.wav"], "cannot read"),
    (["tune", "--set", "silence.pause_s"], "KEY=VALUE"),
    (["tune", "--set", "silence.pause_s=-3"], "negative"),
    (["progress", "--since", "2026-13-45"], "--since"),
    (["practice", "--category", "no-such-category", "--no-voice"], "unknown category"),
    (["analyze", "AUDIO/good.wav", "--model", "/nonexistent/model"], "model"),
    (["analyze", "AUDIO/good.wav", "--model", "huge-v9"], "unknown Whisper model"),
    (["analyze", "AUDIO/good.wav", "--backend", "cloud"], "transcriber.backend"),
    (["analyze"], "required"),
    (["practice", "--no-such-option"], "unrecognized arguments"),
    (["no-such-command"], "invalid choice"),
])
def test_other_commands_bad_arguments(audio_dir, earlier, argv, needle):
    argv = [a.replace("AUDIO", str(audio_dir)) for a in argv]
    assert_one_line_error(run_cli(*argv), needle)
    earlier()


def test_damaged_session_and_index_do_not_break_review(earlier):
    """A session.json overwritten with garbage (outside voice-coach) and a corrupt index."""
    root = earlier.root
    broken = seed_session(root)
    (root / broken / "session.json").write_bytes(b"\x00garbage{")
    (root / "index.sqlite3").write_bytes(b"not a database at all")
    listed = run_cli("review")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    assert earlier.sid in listed.stdout
    assert_one_line_error(run_cli("review", broken), "unreadable")
    shown = run_cli("review", earlier.sid)
    assert shown.returncode == 0, shown.stderr
    earlier()


def test_a_transcript_given_as_a_recording_points_to_analyze(tmp_path, earlier):
    """QA4 F41: `practice --input answer.txt` names `analyze`, not an ffmpeg conversion."""
    text = tmp_path / "answer.txt"
    text.write_text("I led the migration and cut latency by half.\n", encoding="utf-8")
    for argv in (["practice", "--question", PRACTICE_Q, "--input", str(text), "--no-voice"],
                 ["drill", "think-aloud", "--input", str(text), "--no-voice"]):
        line = assert_one_line_error(run_cli(*argv), "voice-coach analyze answer.txt")
        assert "ffmpeg" not in line
    earlier()


@pytest.mark.parametrize("command", ["brief", "stories"])
def test_html_into_a_missing_folder_is_refused_and_creates_nothing(tmp_path, earlier, command):
    """QA4 F42: `brief --html /nonexistent/dir/b.html` wrote a whole folder tree; a typo in a
    path is one clear line and nothing is created."""
    missing = tmp_path / "no-such" / "dir"
    out = run_cli(command, "--html", str(missing / "b.html"))
    assert_one_line_error(out, f"folder {missing} does not exist")
    assert not (tmp_path / "no-such").exists()
    earlier()
