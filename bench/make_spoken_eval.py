"""Speak part of the frozen structure evaluation set with espeak-ng and transcribe it with the
default backend, so real recognition errors are in the set.

Usage: python bench/make_spoken_eval.py [--every N]

Reads tests/data/structure_eval/answers/*.toml, speaks every Nth answer of each file (voices and
rates rotate), runs `voice-coach analyze FILE --json` (the product's own path: VAD, faster-whisper
tiny.en, the filler prompt) and writes tests/data/structure_eval/spoken.toml: one answer per
spoken copy, with `source_id` naming the written answer whose labels it shares. Run once, when the
set is frozen; the output is committed and never regenerated for tuning.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests/data/structure_eval"
VOICES = ("en-us", "en-gb", "en-gb-scotland", "en-029", "en-us+f3", "en-gb+m3", "en-us+m2")
RATES = (140, 155, 170, 185)


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=5, help="speak every Nth answer of each file")
    args = ap.parse_args()
    chosen = []
    for f in sorted((EVAL / "answers").glob("*.toml")):
        answers = tomllib.loads(f.read_text())["answer"]
        chosen += answers[::args.every]
    out = ["# Spoken copies of written answers: espeak-ng voice/rate as noted, transcribed by",
           "# `voice-coach analyze` (faster-whisper tiny.en). Labels: those of `source_id`.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        for i, a in enumerate(chosen):
            voice, rate = VOICES[i % len(VOICES)], RATES[i % len(RATES)]
            wav = Path(tmp) / f"{a['id']}.wav"
            subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(wav), a["text"]],
                           check=True, capture_output=True)
            proc = subprocess.run([sys.executable, "-m", "voice_coach", "analyze", str(wav),
                                   "--json", "--recordings", tmp],
                                  capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                print(f"{a['id']}: analyze failed: {proc.stderr.strip()}", file=sys.stderr)
                continue
            text = json.loads(proc.stdout)["transcript"]["text"].strip()
            print(f"{a['id']} ({voice}, {rate} wpm): {len(text.split())} words", file=sys.stderr)
            out += ["[[answer]]", f'id = "{a["id"]}-spoken"', f'source_id = "{a["id"]}"',
                    f'question_id = "{a["question_id"]}"', f'voice = "{voice}"', f"rate_wpm = {rate}",
                    f"text = {toml_str(text)}", ""]
    (EVAL / "spoken.toml").write_text("\n".join(out))
    print(f"wrote {len(chosen)} spoken answers to {EVAL / 'spoken.toml'}", file=sys.stderr)


if __name__ == "__main__":
    main()
