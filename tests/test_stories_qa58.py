"""Session 43, QA58 (issue #17, persona Siosaia; outputs in tests/data/spent_session43/qa58):
F4 a story retold with corrected figures ("14 per thousand loans … down to 9" told again as "15
per thousand … 8 per thousand") is one metric whose numbers need a check, never "another
metric, said in another telling", even when Whisper heard its name differently each time; the
rate keeps its unit ("per 1000") in every telling."""

from __future__ import annotations

import re
from pathlib import Path

from tests.tools import story_bank

RUN = Path(__file__).parent / "data" / "spent_session43" / "qa58" / "run1"


def heard(name: str) -> str:
    """The transcript a practice run printed (its first answer's box), pause marks removed."""
    out = (RUN / f"practice_{name}.out").read_text()
    box = out.split("transcript", 1)[1].split("pauses ≥", 1)[0]
    lines = [ln.strip(" │╭╮╰╯─") for ln in box.splitlines()[1:]]
    return re.sub(r"\[\d+(?:\.\d+)? s\] ", "", " ".join(ln for ln in lines if ln)).strip()


def test_f4_corrected_figures_are_checked_not_a_second_metric(tmp_path):
    _, bank = story_bank(tmp_path, ("lp-customer-obsession-1", heard("a1")),
                         ("lp-dive-deep-1", heard("a2")), ("lp-ownership-1", heard("a3")))
    (story,) = bank.stories
    checked = {c.part: c.values for c in story.conflicts}
    assert set(checked.get("baseline", ())) == {"about 14 per 1000", "15 per 1000"}, story.conflicts
    assert set(checked.get("after", ())) == {"9 per 1000", "8 per 1000"}, story.conflicts
    assert not any(x.part == "pair" for x in story.elsewhere), story.elsewhere
    assert (story.triad.baseline, story.triad.after) == ("15 per 1000", "8 per 1000"), story.triad


def test_qa62_f11_reading_the_bank_never_creates_the_folder(tmp_path, capsys):
    from tests.tools import main_stdout

    root = tmp_path / "typo"
    assert "No stories yet" in main_stdout(capsys, "brief", "--recordings", str(root))
    out = main_stdout(capsys, "stories", "--markdown", "--recordings", str(root))
    assert "No stories yet." in out and "No story yet for Customer Obsession" in out, out
    out = main_stdout(capsys, "brief", "--html", "--recordings", str(root))
    assert "nothing is saved" in out, out
    assert not root.exists()
