"""No module of the package binds one top-level name twice: a second `_OBJECT_AFTER = …` far
below the first silently replaced it for every function reading it (session 48: a principle
named before "our camera system" was read as a verb's object, QA85 F5)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "voice_coach"


def _bound_twice(path: Path) -> list[str]:
    lines: dict[str, list[int]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                and node.value is not None:
            names = [node.target.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        else:
            names = []
        for name in names:
            lines.setdefault(name, []).append(node.lineno)
    return [f"{name} (lines {', '.join(map(str, at))})" for name, at in lines.items()
            if len(at) > 1 and name != "__all__"]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_no_top_level_name_bound_twice(path):
    assert not _bound_twice(path), f"{path.relative_to(PACKAGE.parent)}: {_bound_twice(path)}"


def test_the_check_finds_a_name_bound_twice(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("import re\nA = re.compile('a')\ndef f():\n    return A\nA = re.compile('b')\n")
    assert _bound_twice(src) == ["A (lines 2, 5)"]
