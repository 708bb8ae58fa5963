"""Copy a labelled round's key-point labels into the project as tuning data, answer text merged in.

Usage: python scripts/import_key_point_labels.py ROUND_DIR OUT_DIR VOICE [VOICE ...]

Reads ROUND_DIR/VOICE.toml (`[[answer]]` id, question_id, text) and ROUND_DIR/keypoints_VOICE.toml
(`[[answer]]` id, question, covered, missed, note) for each voice and writes OUT_DIR/key_points.toml
in the format of tests/data/key_points_tuning.toml, plus the voice of each answer. Stops with one
line when a label file does not list every key point of its question exactly once.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_coach.questions import load_bank  # noqa: E402


def merged(round_dir: Path, voice: str) -> list[dict[str, object]]:
    """The answers of one voice with their key-point labels; raises ValueError on a bad label."""
    bank = load_bank()
    texts = {a["id"]: a for a in tomllib.loads((round_dir / f"{voice}.toml").read_text())["answer"]}
    out = []
    for lab in tomllib.loads((round_dir / f"keypoints_{voice}.toml").read_text())["answer"]:
        answer = texts[lab["id"]]
        points = bank.get(lab["question"]).key_points
        said = list(lab["covered"]) + list(lab["missed"])
        if answer["question_id"] != lab["question"] or sorted(said) != sorted(points):
            raise ValueError(f"{lab['id']}: labels do not match the key points of "
                             f"{lab['question']}")
        out.append({"id": lab["id"], "voice": voice, "question": lab["question"],
                    "text": answer["text"], "covered": list(lab["covered"]),
                    "missed": list(lab["missed"]), "note": lab.get("note", "")})
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__.split("\n\n")[1])
        return 2
    round_dir, out_dir, voices = Path(argv[0]), Path(argv[1]), argv[2:]
    try:
        answers = [a for v in voices for a in merged(round_dir, v)]
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as e:
        print(f"cannot import {round_dir}: {e}")
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    header = (f"# Key-point labels of {round_dir.name} ({', '.join(voices)}), merged with the "
              f"answers by scripts/import_key_point_labels.py; see README.md here.\n")
    (out_dir / "key_points.toml").write_text(header + tomli_w.dumps({"answer": answers},
                                                                    multiline_strings=True))
    print(f"{out_dir / 'key_points.toml'}: {len(answers)} answers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
