"""QA10 findings F03, F08, F10, F14, F15, F16: each replayed on real files, real SQLite and the
real analysis (no mocks)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import datetime
from pathlib import Path

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_cli import HALLUCINATION, MENTOR
from tests.test_stories_followed_up import _report, _save
from tests.tools import main_stdout

ROOT = Path(__file__).resolve().parents[1]
V1_DEMO = next((ROOT / "tests" / "data" / "report_v1" / "sessions").glob("*_demo-round"))
QA10 = Path("/work/wt/qa10_inputs")


# --- F03: the demo's synthesized candidate is not the user -------------------------------------

def test_demo_sessions_stay_out_of_the_bank_brief_plan_and_next(tmp_path, capsys):
    rec = tmp_path / "rec"
    store = Store(rec)
    _save(store, datetime(2026, 11, 28, 9, 0), "lp-ownership-1", HALLUCINATION)
    # an older demo on disk (saved before the `demo` flag) and a new one
    shutil.copytree(V1_DEMO, rec / V1_DEMO.name)
    new_demo = store.new_session("demo", "demo-round", {}, now=datetime(2026, 11, 29, 9, 0))
    new_demo.save_answer(1, dataclasses.replace(_report("lp-earn-trust-1", MENTOR), n=1))
    new_demo.finish()
    assert json.loads((new_demo.path / "session.json").read_text())["demo"] is True

    demo_ids = {V1_DEMO.name, new_demo.path.name}
    bank = load_story_bank(store, Config(), load_bank())
    told = {t.session_id for s in bank.stories for t in s.tellings}
    assert told and not told & demo_ids
    assert not {r.session_id for r in store.answer_records()} & demo_ids  # plan, next, progress
    assert {r.session_id for r in store.answer_records(include_demo=True)} >= demo_ids
    brief = main_stdout(capsys, "brief", "--recordings", str(rec))
    assert "Tomás" not in brief and "mentor" not in brief.lower()
    listing = main_stdout(capsys, "review", "--recordings", str(rec))
    assert listing.count("demo*") >= 3  # two rows and the note
    assert "not your answers" in listing
    shown = main_stdout(capsys, "review", V1_DEMO.name, "--recordings", str(rec))
    assert "not your answers" in shown
