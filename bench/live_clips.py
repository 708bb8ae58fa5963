"""Answers of ≥ 60 s for comparing live (streaming) and batch transcription.

Eight or more clips, built once into bench/results/cache and reused:

* the two long bundled clips (syn_star_60s, syn_long_silence_90s);
* the real clips of tests/data joined into answers of ≥ 60 s (real voices; their manifest
  transcripts are the reference);
* espeak-ng answers in six voices at 130–190 wpm: two labelled answers of
  tests/data/structure_cases.toml each, sentence by sentence with seeded pauses of 0.3–2.5 s
  (`voice_coach.demo.synthesize`); the text spoken is the reference.

`clips()` returns (clip id, wav path, reference text) triples.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tomllib
from pathlib import Path

import numpy as np

from common import AUDIO, RESULTS

CACHE = RESULTS / "cache" / "live"
BUNDLED = ["syn_star_60s", "syn_long_silence_90s"]
MIN_ANSWER_S = 60.0
# (voice, rate wpm): American, British, Scottish, Caribbean English; female/male variants.
VOICES = [("en-us", 130), ("en-gb", 190), ("en-gb-scotland", 145), ("en-029", 175),
          ("en-us+f3", 160), ("en-gb-x-rp+m3", 150)]
PAUSE_RANGE_S = (0.3, 2.5)


def _manifest() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads((AUDIO.parent / "manifest.json").read_text())}


def _real_answers(manifest: dict[str, dict]) -> list[list[str]]:
    """Real clips, longest first, dealt into answers of ≥ MIN_ANSWER_S (a short rest is
    dropped)."""
    real = sorted((c for c in manifest.values() if c["kind"] == "real" and c["transcript"]),
                  key=lambda c: -c["duration_s"])
    answers: list[list[str]] = []
    current: list[str] = []
    total = 0.0
    for c in real:
        current.append(c["id"])
        total += c["duration_s"]
        if total >= MIN_ANSWER_S:
            answers.append(current)
            current, total = [], 0.0
    return answers


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def _espeak_texts(n: int) -> list[str]:
    """`n` answers of two labelled structure cases each (the longest written-out ones)."""
    cases = tomllib.loads((AUDIO.parent / "structure_cases.toml").read_text())["case"]
    usable = [c["text"] for c in cases if len(_sentences(c["text"])) >= 4
              and len(c["text"].split()) >= 80]
    usable.sort(key=lambda t: (-len(t.split()), t))
    return [usable[2 * i] + " " + usable[2 * i + 1] for i in range(n)]


def clips() -> list[tuple[str, Path, str]]:
    """Build (once) and list the clips: (id, 16 kHz wav path, reference transcript)."""
    from voice_coach.audio import load_audio, write_wav

    CACHE.mkdir(parents=True, exist_ok=True)
    manifest = _manifest()
    out = [(c, AUDIO / f"{c}.flac", manifest[c]["transcript"]) for c in BUNDLED]
    for i, ids in enumerate(_real_answers(manifest)):
        key = hashlib.sha256(" ".join(ids).encode()).hexdigest()[:10]
        path = CACHE / f"real-{key}.wav"
        if not path.exists():
            write_wav(path, np.concatenate([load_audio(AUDIO / f"{c}.flac") for c in ids]))
        out.append((f"real_{i + 1} ({len(ids)} clips)", path,
                    " ".join(manifest[c]["transcript"] for c in ids)))
    if shutil.which("espeak-ng") is None:
        print("espeak-ng missing: synthetic answers skipped")
        return out
    from voice_coach.demo import ScriptedAnswer, synthesize

    for k, ((voice, rate), text) in enumerate(zip(VOICES, _espeak_texts(len(VOICES)))):
        rng = np.random.default_rng(k)
        lines = tuple((s, float(round(rng.uniform(*PAUSE_RANGE_S), 2))) for s in _sentences(text))
        name = f"espeak_{voice}_{rate}"
        key = hashlib.sha256(repr(lines).encode()).hexdigest()[:10]
        path = CACHE / f"{name}-{key}.wav"
        if not path.exists():
            synthesize(ScriptedAnswer(lines, voice=voice, rate_wpm=rate), path, seed=k)
        out.append((name, path, text))
    return out


if __name__ == "__main__":
    from voice_coach.audio import audio_file_duration_s

    for cid, path, ref in clips():
        print(f"{cid}: {audio_file_duration_s(path):.1f} s, {len(ref.split())} words")
