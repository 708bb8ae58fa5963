"""Tuning material for `analysis.hearing` (QA14 F09): how confident Whisper is, how loud the
speech is and how much of it has a pitch, on clean answers and on the same answers made quiet
and noisy.

Clips: every tuning clip in tests/data/audio (clean: never to be flagged) and the espeak-ng
answers of bench/espeak_answers.toml said clean, then made quiet and noisy with sox the way a
bad microphone would (`vol V` then white noise at `N` mixed in). Nothing is stored but the
features (one JSON line per clip, `--out`); the table is printed with the verdict of
`analysis.hearing.transcript_unreliable` for each clip.

    PYTHONPATH=$PWD .venv/bin/python bench/transcript_reliability.py --out /tmp/rel.jsonl
    PYTHONPATH=$PWD .venv/bin/python bench/transcript_reliability.py --table /tmp/rel.jsonl
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AUDIO = ROOT / "tests" / "data" / "audio"
VOICES = ("en-gb", "en-us+m3", "en-gb+f3", "en-us", "en-gb-x-rp")
# (name, speech gain, white-noise amplitude): the QA14 recording was vol 0.05 + noise 0.02
DEGRADED = (("quiet_noisy", 0.05, 0.02), ("quiet_hiss", 0.1, 0.01), ("very_quiet", 0.03, 0.005),
            ("loud_noise", 1.0, 0.15))


def sox(*args: str) -> None:
    subprocess.run(["sox", *args], check=True, capture_output=True)


def espeak_answers(tmp: Path) -> list[tuple[str, Path, str]]:
    """(name, wav, condition): each espeak answer clean and (every second one) degraded."""
    data = tomllib.loads((ROOT / "bench" / "espeak_answers.toml").read_text())
    out = []
    for i, a in enumerate(data["answer"]):
        voice = VOICES[i % len(VOICES)]
        raw = tmp / f"{a['id']}_raw.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(160 + 10 * (i % 3)), "-w", str(raw),
                        " ".join(a["sentences"])], check=True, capture_output=True)
        clean = tmp / f"{a['id']}.wav"
        sox(str(raw), "-r", "16000", "-c", "1", str(clean))
        out.append((a["id"], clean, "clean"))
        name, gain, noise = DEGRADED[i % len(DEGRADED)]
        out.append((f"{a['id']}:{name}", degrade(clean, gain, noise, tmp), name))
    return out


def degrade(clean: Path, gain: float, noise: float, tmp: Path) -> Path:
    """`clean` at `gain` with white noise of amplitude `noise` mixed in (16 kHz mono WAV)."""
    quiet = tmp / f"{clean.stem}_q{gain}.wav"
    sox(str(clean), "-r", "16000", str(quiet), "vol", str(gain))
    dur = subprocess.run(["soxi", "-D", str(clean)], check=True, capture_output=True,
                         text=True).stdout.strip()
    hiss = tmp / f"{clean.stem}_n{noise}.wav"
    sox("-n", "-r", "16000", "-c", "1", str(hiss), "synth", dur, "whitenoise", "vol", str(noise))
    out = tmp / f"{clean.stem}_q{gain}_n{noise}.wav"
    sox("-m", str(quiet), str(hiss), str(out))
    return out


def features(path: Path, cfg, tr, vad) -> dict:
    from voice_coach.analysis.hearing import hearing_signals
    from voice_coach.pipeline import analyze_file

    r = analyze_file(path, cfg=cfg, transcriber=tr, vad_model=vad)
    sig = hearing_signals(r.words, r.prosody, r.delivery)
    return {"words": len(r.words), **sig._asdict(), "text": r.transcript.text[:100]}


def run(out: Path) -> None:
    from voice_coach.analysis.vad import load_vad_model
    from voice_coach.config import Config
    from voice_coach.transcriber import load_transcriber

    cfg = Config()
    tr = load_transcriber(cfg.transcriber.backend, cfg.transcriber.model,
                          beam_size=cfg.transcriber.beam_size)
    vad = load_vad_model()
    with tempfile.TemporaryDirectory() as d, out.open("w") as fh:
        tmp = Path(d)
        clips = [(p.stem, p, "clean") for p in sorted(AUDIO.glob("*.flac"))]
        for stem in ("jfk", "librispeech_2412_153948_0000"):
            wav = tmp / f"{stem}.wav"
            sox(str(AUDIO / f"{stem}.flac"), "-r", "16000", "-c", "1", str(wav))
            clips.append((f"{stem}:quiet_noisy", degrade(wav, 0.05, 0.02, tmp), "quiet_noisy"))
        clips += espeak_answers(tmp)
        for name, path, cond in clips:
            row = {"clip": name, "condition": cond, **features(path, cfg, tr, vad)}
            fh.write(json.dumps(row) + "\n")
            fh.flush()
            print(name, cond, {k: row[k] for k in row if k not in ("text", "clip")}, flush=True)


def table(path: Path) -> None:
    from voice_coach.analysis.hearing import HearingSignals, transcript_unreliable

    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    fields = HearingSignals._fields
    print("| clip | condition | words | " + " | ".join(fields) + " | unreliable |")
    print("|---" * (len(fields) + 4) + "|")
    wrong = {"clean": 0, "degraded": 0}
    n = {"clean": 0, "degraded": 0}
    for r in rows:
        sig = HearingSignals(*(r[f] for f in fields))
        flag = transcript_unreliable(sig) is not None
        key = "clean" if r["condition"] == "clean" else "degraded"
        n[key] += 1
        wrong[key] += flag if key == "clean" else 0
        cells = [f"{r[f]:.2f}" if isinstance(r[f], float) else str(r[f]) for f in fields]
        print(f"| {r['clip']} | {r['condition']} | {r['words']} | " + " | ".join(cells)
              + f" | {'yes' if flag else ''} |")
    print(f"\nclean clips flagged: {wrong['clean']} of {n['clean']}; degraded clips: "
          f"{sum(1 for r in rows if r['condition'] != 'clean')} (flag shown per row)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="run the clips, write features (JSON lines)")
    ap.add_argument("--table", type=Path, help="print the table of a features file")
    a = ap.parse_args()
    if a.out:
        run(a.out)
    if a.table:
        table(a.table)


if __name__ == "__main__":
    main()
