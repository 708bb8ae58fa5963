"""QA17 F21: once a follow-up reply supplied the numbers an answer lacked, every view lists the
key points that restate those numbers as made with the follow-up ("key points ✗ → ✓ with the
follow-up: …"), like the triad line's "after ✗ → ✓ with the follow-up" — never still as missed
or not clearly heard in the same answer block. Points on content of their own, or on a fact
the reply did not supply, stay open; an answer whose own scores stand moves nothing."""

from __future__ import annotations

import dataclasses

import pytest

from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank
from voice_coach.report import follow_up_points, structure_lines
from voice_coach.report_model import Scores, WithFollowUp

CFG = Config()
BANK = load_bank()
ALL_NUMBERS = {"result_number": True, "baseline": True, "after": True, "business_outcome": True}

# stories with a result but no number, to questions whose key points restate the numbers in
# different words (QA17 a02 is the first)
STORIES = {
    "lp-customer-obsession-3": (
        "So we had recommendation project for e-commerce site. We planned to improve click "
        "through rate. Then we got feedback from customers that recommendations were too "
        "similar. We discussed as a team and we decided to add diversity. We changed the ranking "
        "and we did A/B test. The result was good and the customers were happy. We learned a lot "
        "from this project.",
        ("the customer metric after the change",
         "a measurable result, ideally with a before and after number")),
    "lp-deliver-results-3": (
        "Our checkout had too many abandoned carts. I owned the payment page and I wanted fewer "
        "people to give up. I shortened the form and I added saved cards. "
        "After the launch abandonment went down a lot and finance was pleased. I learned to "
        "measure the funnel step by step.",
        ("the baseline number", "the number after")),
    "lp-deliver-results-1": (
        "The most important result was the new fraud model for our marketplace. The main "
        "obstacle was that labels arrived weeks late. I built a proxy label from chargebacks and "
        "I retrained every week. In the end fraud losses went down clearly and the risk team "
        "adopted it. I learned that a good proxy beats waiting.",
        ("the result with a before and after number",)),
}


def _with_reply(qid: str, facts: dict[str, bool], counted: bool = True):
    text, _ = STORIES[qid]
    r = analyze_text(text, cfg=CFG, question=BANK.get(qid))
    block = WithFollowUp(kind="no_result", label="result", supplied=True,
                         evidence=("0.03", "0.04"), scores=Scores(None, 80, 60, 70),
                         facts=facts, n=2, counted=counted)
    return r, dataclasses.replace(r, with_follow_up=block)


def _open_lines(lines: list[str]) -> str:
    return "\n".join(x for x in lines if x.startswith(("key points missed",
                                                        "key points not clearly heard"))
                     and "→ ✓" not in x)


@pytest.mark.parametrize("qid", sorted(STORIES))
def test_key_points_the_reply_supplied_are_not_left_open(qid):
    own, merged = _with_reply(qid, ALL_NUMBERS)
    points = STORIES[qid][1]
    kp = own.structure.key_points
    assert all(p in kp.missed + kp.unclear for p in points)  # open in the answer's own reading
    lines = structure_lines(merged)
    supplied = [x for x in lines if x.startswith(("key points ✗ → ✓ with the follow-up",
                                                  "key points not clearly heard → ✓ with the"))]
    assert 1 <= len(supplied) <= 2 and all(any(p in x for x in supplied) for p in points)
    # each point from the mark it had in the answer's own reading (QA51 F8)
    assert all(not x.startswith("key points ✗") or all(
        p in kp.missed for p in x.split(": ", 1)[1].split("; ")) for x in supplied)
    assert not any(p in _open_lines(lines) for p in points)
    # what no number says stays open ("what you learned" is no number)
    assert set(follow_up_points(merged)) <= set(kp.missed + kp.unclear)
    assert "what you personally did, said with I" not in follow_up_points(merged)


def test_a_reply_that_gave_only_the_baseline_leaves_the_after_open():
    _, merged = _with_reply("lp-deliver-results-3", {"baseline": True})
    got = follow_up_points(merged)
    assert "the baseline number" in got and "the number after" not in got
    assert "the number after" in _open_lines(structure_lines(merged))


def test_an_answer_whose_own_scores_stand_moves_no_key_point():
    own, merged = _with_reply("lp-customer-obsession-3", ALL_NUMBERS, counted=False)
    assert follow_up_points(merged) == ()
    lines = structure_lines(merged)
    assert not any("key points ✗ → ✓" in x for x in lines)
    assert _open_lines(lines) == _open_lines(structure_lines(own))
