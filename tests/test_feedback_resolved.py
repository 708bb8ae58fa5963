"""A feedback line coaching a fact the follow-up reply supplied is shown resolved in every view
(`report.feedback_lines`), never still open next to "✗ → ✓ with the follow-up" (session 31,
QA33 F6: "A ✗ → ✓ with the follow-up" beside "! No Action")."""

import dataclasses

from tests.follow_up_answers import CFG, follow_up_reply, main_answer
from voice_coach.pipeline import merge_follow_up
from voice_coach.report import feedback_lines, structure_lines
from voice_coach.report_model import AnswerReport, FeedbackItem

STORY = ("Last year our nightly scoring job cost too much and I owned the bill. I moved it to "
         "spot machines and I cut the feature set. The monthly cost dropped to thirty five "
         "thousand dollars.")
REPLY = "Before my change it was ninety thousand dollars a month."


def _merged() -> tuple[AnswerReport, AnswerReport]:
    main, q = main_answer(STORY, "lp-frugality-2")
    assert main.follow_up_key == "no_baseline", main.follow_up_key
    reply = follow_up_reply(REPLY, main, q, "no_baseline")
    return main, merge_follow_up(main, reply, CFG, q)


def test_the_line_a_follow_up_resolved_is_shown_resolved():
    main, merged = _merged()
    before = [x for x in feedback_lines(main) if "not the baseline" in x.message]
    assert before and before[0].severity == "warn"
    assert "baseline ✗ → ✓ with the follow-up" in " ".join(structure_lines(merged))
    lines = [x for x in feedback_lines(merged) if "not the baseline" in x.message]
    assert lines and all(x.severity == "good" for x in lines), lines
    assert lines[0].message.startswith("baseline ✓ with the follow-up"), lines


def test_lines_of_facts_the_follow_up_did_not_give_stay_open():
    _, merged = _merged()
    open_ = [x for x in feedback_lines(merged) if x.severity != "good"]
    assert open_  # e.g. no Situation, no principle: still coached
    assert not any("✓ with the follow-up" in x.message for x in open_)


def test_the_fact_is_saved_with_the_line_and_read_back():
    item = FeedbackItem("star", "warn", None, "No Action: say what you did.", fact="action")
    assert item.to_dict()["fact"] == "action"
    assert "fact" not in FeedbackItem("pace", "info", 3.0, "Slow down.").to_dict()
    main, _ = _merged()
    back = AnswerReport.from_json(main.to_json())
    assert [f.fact for f in back.feedback] == [f.fact for f in main.feedback]
    assert dataclasses.replace(main, feedback=back.feedback).feedback == main.feedback


def test_a_report_saved_before_the_field_is_shown_resolved_too():
    """A session on disk from before `FeedbackItem.fact`: the line's fact is read from the
    coach's own wording, so `review` of an old session agrees with its STAR-L / triad line."""
    from voice_coach.coach import fact_of_message

    _, merged = _merged()
    data = merged.to_json()
    for item in data["feedback"]:
        item.pop("fact", None)
    old = AnswerReport.from_json(data)
    assert all(f.fact is None for f in old.feedback)
    lines = [x for x in feedback_lines(old) if "not the baseline" in x.message]
    assert lines and lines[0].severity == "good", lines
    assert [fact_of_message(f.message) for f in merged.feedback if f.fact] == \
        [f.fact for f in merged.feedback if f.fact]
