"""The learned switch decision (session 16, docs/follow_ups.md): whether a follow-up reply tells
another story is an L2 logistic regression over the rubric mechanisms (`follow_ups.switch_features`,
`learned_switch`, data/follow_up_switch.npz), trained on follow-up tuning sets 1-8 only and
shipped after its one held-out check on the then-unseen set 7 (now follow_ups_tuning_9)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def _judged(set_name: str, item_id: str):
    from bench.follow_ups_accuracy import load_set
    from voice_coach.config import Config
    from voice_coach.pipeline import FollowUpOf, analyze_text
    from voice_coach.questions import load_bank

    items, _ = load_set(DATA / set_name)
    it = next(i for i in items if i["id"] == item_id)
    q = load_bank().get(it["question_id"])
    cfg = Config()
    main = dataclasses.replace(analyze_text(it["answer"], cfg=cfg, question=q), n=1)
    reply = analyze_text(it["reply"], cfg=cfg, question=q, follow_up=FollowUpOf(
        it["follow_up_key"], main, (), (q.text, it["follow_up"])))
    return reply.follow_up_check


def test_the_shipped_switch_was_trained_on_sets_one_to_eight_only():
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_follow_up_head as th
    from voice_coach.follow_ups import SWITCH_HEAD_PATH

    eight = [DATA / ("follow_ups_tuning" + ("" if k == 1 else f"_{k}")) for k in range(1, 9)]
    with np.load(SWITCH_HEAD_PATH) as z:
        assert str(z["source_sha256"]) == th.source_digest(eight)
        assert "key:no_learning" in set(z["features"].tolist())
        assert not {"cos_question", "cos_first"} & set(z["features"].tolist())


def test_a_reply_the_rules_took_for_another_story_stays_in_the_story():
    """Set 9 g53 (a no_learning reply that says the lesson of the same story, labelled supplied):
    the rules' switch signals called it another story, so it supplied nothing; the learned
    decision weighs the missing switch cue and the shared content and keeps it."""
    check = _judged("follow_ups_tuning_9", "g53")
    assert not check.switched_story
    assert check.supplied
