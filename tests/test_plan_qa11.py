"""QA11 F11: the plan's principle coverage is the story bank's coverage plus the retellings the
plan itself asks for — a principle a planned retelling answers is never also "no story yet" on
another day (Backbone retold on day 1, "no story yet for Have Backbone" on day 2). Real
pipeline (`analyze_text`), real `Store`/SQLite, the real `plan` CLI; the answers are the QA11
trial's spoken texts (a non-native speaker's stories)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from voice_coach.plan import NO_STORY_YET
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

DELIVER = ("So, in twenty twenty three I was the lead data scientist for the credit scoring at "
           "our fintech in Sao Paulo. The problem was that our scorecard for personal loans was "
           "old and the default rate was growing. My responsibility was to rebuild the model "
           "before the December campaign. The main obstacle was that the data from the bureau "
           "arrived with three weeks of delay, so I could not use it. I built a gradient boosting "
           "model with our own transaction features, I did the validation out of time, and I "
           "convinced the risk committee with a shadow test of two months. From zero point seventy "
           "one of AUC we went to zero point seventy eight. The default rate fell by one third, "
           "and this is around R dollar two million per month less in losses. What I learned is "
           "that I must to involve the risk committee from the first week, not at the end. This "
           "shows Deliver Results.")
ASSISTANT = ("At the fintech I owned the collections assistant, an LLM that suggests what the agent "
             "says to the customer. Before me, the agents were closing agreements in something "
             "like one of each five calls. My task was to make the assistant useful for the "
             "agents. I collected two thousand real call transcripts, I fine tuned a small model "
             "with LoRA, and I put a guard rail so it never promises a discount that is not "
             "allowed. After three months, the agents close one of each three calls. We have "
             "forty agents using it every day. I learned that the agents must be in the loop from "
             "the start.")
OWNERSHIP = ("Last year our collections model failed in production. I owned that model. On a "
             "Monday the score distribution moved a lot, and the model was sending the wrong "
             "customers to the agents. I found that a upstream team changed the format of the "
             "days past due field. I rolled back to the previous version the same day, I wrote a "
             "data contract with the upstream team, and I put a monitor on the feature "
             "distributions. After the fix, the recovery rate came back to eighteen percent. I "
             "learned to never trust a feature without a contract.")


@pytest.fixture(scope="module")
def recordings(tmp_path_factory):
    root = tmp_path_factory.mktemp("qa11-plan") / "recordings"
    store = Store(root)
    _save(store, datetime(2026, 11, 29, 9), "lp-deliver-results-1", DELIVER)
    _save(store, datetime(2026, 11, 29, 10), "lp-invent-simplify-2", ASSISTANT)
    _save(store, datetime(2026, 11, 29, 11), "lp-ownership-3", OWNERSHIP)
    return root


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_principle_a_planned_retelling_asks_for_is_never_no_story_yet(recordings, capsys,
                                                                         seed):
    bank = load_bank()
    today = datetime.now().date().isoformat()
    out = " ".join(main_stdout(capsys, "plan", "--recordings", str(recordings), "--days", "3",
                               "--start", today, "--seed", str(seed)).split())
    data = json.loads((recordings / "plan.json").read_text())
    planned = [(d["day"], q) for d in data["days"] for q in d["questions"]]
    retold = {p: day for day, q in planned if q.get("story")
              for p in bank.get(q["question_id"]).principles}
    assert retold, out  # the stories are retold in the block
    gaps = [(day, q["principle"]) for day, q in planned if q.get("principle")]
    assert gaps, out  # principles without a story are planned too
    for day, principle in gaps:
        # the plan does not give a principle a story on one day and call it storyless on another
        assert principle not in retold, (principle, day, retold[principle], out)
        assert f"{NO_STORY_YET}{principle}" in out
    # one slot per principle without a story
    assert len({p for _, p in gaps}) == len(gaps), gaps
    # what the plan prints agrees with plan.json: no "no story yet" for a retold principle
    for principle in retold:
        assert f"{NO_STORY_YET}{principle}" not in out, (principle, out)
