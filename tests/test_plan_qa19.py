"""QA19 F10: the plan never asks to "retell" a story at a question it was already told for
("lp-customer-obsession-1 — retell story 1 … (first told for lp-customer-obsession-1)"): a
retelling is the story at a question it has not met yet. Real pipeline, real `Store`, the real
`plan` CLI; the answers are stories of my own wording (a logistics analyst)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

ROUTES = ("At the courier firm in Leeds I owned the route planner for the vans. Drivers were "
          "finishing late and customers complained about missed slots. My task was to cut the "
          "late deliveries before the winter peak. I rebuilt the travel time model with road "
          "speed data by hour, and I tested it on one depot for two weeks. Late deliveries fell "
          "from eleven percent to four percent, and complaints about missed slots halved. This "
          "shows Customer Obsession. I learned to ride with the drivers before changing their "
          "routes.")
FORECAST = ("Our parcel volume forecast broke during a heatwave. I owned it, so I took it on "
            "myself to find out why. The weather feature was joined on the wrong date. I fixed "
            "the join, added a check that compares feature dates with the target date, and "
            "backfilled two years. Forecast error went from nineteen percent to seven percent. "
            "This is Ownership. I learned to test joins, not only models.")


@pytest.fixture(scope="module")
def recordings(tmp_path_factory):
    root = tmp_path_factory.mktemp("qa19-plan") / "recordings"
    store = Store(root)
    _save(store, datetime(2026, 11, 30, 9), "lp-customer-obsession-1", ROUTES)
    _save(store, datetime(2026, 11, 30, 10), "lp-ownership-1", FORECAST)
    _save(store, datetime(2026, 11, 30, 11), "lp-invent-simplify-1", ROUTES)  # retold
    return root


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_story_is_never_retold_at_a_question_it_was_told_for(recordings, capsys, seed):
    today = datetime.now().date().isoformat()
    out = " ".join(main_stdout(capsys, "plan", "--recordings", str(recordings), "--days", "4",
                               "--start", today, "--seed", str(seed)).split())
    data = json.loads((recordings / "plan.json").read_text())
    retold = [q for d in data["days"] for q in d["questions"] if q.get("story")]
    assert retold, out  # the stories are still retold in the block
    by_story = {}
    for q in retold:
        by_story.setdefault(q["story"], set()).add(q["question_id"])
    assert len(by_story) == 2, by_story  # both stories get a retelling
    asked = set().union(*by_story.values())
    # neither story is planned at any question one of its tellings answered
    assert not asked & {"lp-customer-obsession-1", "lp-ownership-1", "lp-invent-simplify-1"}, out
    # the principles they carry are still what the retellings ask for
    bank = load_bank()
    assert all(bank.get(q).category == "leadership" for q in asked)
