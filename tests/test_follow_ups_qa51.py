"""Session 41, QA51 (issue #13, persona Hamid; texts in tests/data/spent_session41/qa51): a report
with its follow-up reply never disagrees with itself. F8: a key point not clearly heard that the
reply made is listed "not clearly heard → ✓", never "✗ → ✓"; F11: with the principle named in
the reply, the Learning tip asks for the lesson alone (no "… or which principle the story
shows" beside "principle ✓ with the follow-up"); the missed key points' feedback line and the
covered point's wishes carry no gap mark for a fact the reply supplied."""

from __future__ import annotations

from datetime import datetime

from voice_coach.report import feedback_lines, structure_lines
from voice_coach.store import Store
from tests.tools import save_practice

ANSWER = ("Our fraud alerts stopped firing one night. I was the on-call lead, so it was on me. I "
          "paused the queue, fixed the parser and reran the batch. By morning the queue was back "
          "to normal and the misses dropped from 12 to 0.")


def _saved(tmp_path, answer: str, reply: str, kind: str):
    first, _ = save_practice(Store(tmp_path / "recordings"), datetime(2026, 11, 20, 9),
                             "lp-ownership-3", answer, reply, kind)
    return first


def test_f11_with_the_principle_named_in_the_reply_only_the_lesson_is_asked_for(tmp_path):
    first = _saved(tmp_path, ANSWER, "I think this shows Ownership, because I took the outage as "
                   "mine even though the parser was not my code.", "no_principle")
    said = [f.message for f in feedback_lines(first)]
    assert any(m.startswith("principle ✓ with the follow-up") for m in said), said
    learning = [m for m in said if m.startswith("No Learning")]
    assert learning and not any("principle" in m for m in learning), said
    # the STAR-L letters stay the answer's (a reply fills what its follow-up asked for)
    assert any(x.startswith("STAR-L:") and x.endswith("L ✗") for x in structure_lines(first))


def test_f11_near_case_without_a_reply_the_tip_offers_the_principle(tmp_path):
    from tests.tools import report_of

    said = [f.message for f in report_of(ANSWER, "lp-ownership-3").feedback]
    assert any(m.startswith("No Learning") and "which principle" in m for m in said), said


def test_a_reply_that_gave_the_baseline_leaves_no_baseline_mark_anywhere(tmp_path):
    answer = ANSWER.replace("the misses dropped from 12 to 0", "the misses were down to 0")
    first = _saved(tmp_path, answer, "Before the fix we missed about 12 suspicious transfers a "
                   "night.", "no_baseline")
    lines = structure_lines(first)
    assert any("baseline ✗ → ✓ with the follow-up" in x for x in lines), lines
    shown = lines + [f.message for f in feedback_lines(first)]
    assert not any("(baseline ✗)" in x or "ideally also: baseline" in x for x in shown), shown


def test_f5_a_hypothetical_story_lists_its_points_as_not_counted_never_missed():
    from pathlib import Path

    from tests.tools import report_of

    text = (Path(__file__).parent / "data/spent_session41/qa51/run1/a3_hypo.txt").read_text()
    lines = structure_lines(report_of(text, "lp-bias-for-action-1"))
    assert any(x.startswith("told as a hypothetical") for x in lines), lines
    assert not any(x.startswith("key points missed") for x in lines), lines
    assert any(x.startswith("key points not counted (told as what you would do") for x in lines)


def test_qa53_f8_a_trade_off_whose_gain_is_said_as_more_accurate_is_answered():
    # QA53 F8 (tiny.en / base transcripts): "… is more accurate, but it costs around 30
    # milliseconds per query, so I … give up some recall from the tail" names both sides
    from pathlib import Path

    from voice_coach import pipeline
    from voice_coach.analysis.reply_fit import gain_said
    from tests.tools import report_of

    answer = (Path(__file__).parent / "data/spent_session41/qa53/run1/a6_tech_search.txt"
              ).read_text()
    reply = ("The main trade off is latency against relevance. The cross encoder reranker is "
             "more accurate, but it costs around 30 milliseconds per query, so I only rank the "
             "top 100 candidates and give up some recall from the tail.")
    first = report_of(answer, "nlp-product-search-1")
    second = report_of(reply, "nlp-product-search-1",
                       follow_up=pipeline.FollowUpOf("no_tradeoff", first))
    assert second.follow_up_check.supplied, second.follow_up_check
    assert not gain_said(["it is more expensive and we gave up some recall."])  # near case


def test_qa80_f8_a_hypothetical_storys_points_stay_not_counted_beside_a_real_time_reply(tmp_path):
    """QA80 F8: after a real-time reply, the points the reply made are "not counted → ✓", never
    "✗ → ✓"; the others never silently turn "missed": they are missed in the real time told,
    and said so (QA90 F8: never "told as what you would do" beside "one real time ✓")."""
    from pathlib import Path

    run = Path(__file__).parent / "data/spent_session47/qa80/run1"
    first, _ = save_practice(Store(tmp_path / "recordings"), datetime(2026, 12, 6, 16),
                             "lp-bias-for-action-1", (run / "a3_hypothetical.txt").read_text(),
                             (run / "r5_realtime.txt").read_text(), None)
    lines = structure_lines(first)
    assert not any(x.startswith(("key points missed:", "key points ✗")) for x in lines), lines
    assert any(x.startswith("key points not counted → ✓") for x in lines), lines
