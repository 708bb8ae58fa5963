"""Story titles on real audio: speak tuning-set tellings with espeak-ng in two voices, answer
each as a `voice-coach practice` session (the real pipeline: Whisper tiny.en, word
probabilities saved), so `voice-coach stories` can be compared before/after on them.

The tellings are from tests/data/stories_tuning.toml (tuning material, never the frozen sets).
Each telling is one session, in the set's session order; a voice is one recordings folder.

Usage: python bench/story_titles_audio.py OUT_DIR [--ids u01,u02,...]
Then:  python bench/story_titles.py --audio OUT_DIR/en-us=tests/data/stories_tuning.toml …
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TELLINGS = ROOT / "tests" / "data" / "stories_tuning.toml"
VOICES = ("en-us", "en-gb-scotland+f2")
RATE_WPM = 165
DEFAULT_IDS = "u01,u02,u04,u05,u07,u08"  # three stories, each told twice


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--ids", default=DEFAULT_IDS)
    args = ap.parse_args()
    data = tomllib.loads(TELLINGS.read_text(encoding="utf-8"))
    wanted = args.ids.split(",")
    tellings = sorted((t for t in data["telling"] if t["id"] in wanted),
                      key=lambda t: (t["session"], t["id"]))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for voice in VOICES:
        rec = args.out / voice.replace("+", "_")
        wav_dir = args.out / "wav" / voice.replace("+", "_")
        wav_dir.mkdir(parents=True, exist_ok=True)
        for t in tellings:
            wav = wav_dir / f"{t['id']}.wav"
            if not wav.exists():
                subprocess.run(["espeak-ng", "-v", voice, "-s", str(RATE_WPM), "-w", str(wav),
                                " ".join(t["text"].split())], check=True)
            done = rec / f".done_{t['id']}"
            if done.exists():
                continue
            subprocess.run([sys.executable, "-m", "voice_coach", "practice", "--recordings",
                            str(rec), "--question", t["question_id"], "--input", str(wav),
                            "--no-voice", "--no-follow-up"], check=True, env=env,
                           stdout=subprocess.DEVNULL)
            done.write_text(t["id"] + "\n")
            print(voice, t["id"], "done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
