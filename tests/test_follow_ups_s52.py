"""Session 52: follow-up replies of a new user (QA108, issue #13) in own wordings. F1: a reply
that gives the result asked for, with a number the first answer's transcript lost ("2 cents"
after "2 small GPUs"), is no restatement; F2: how long someone had been somewhere ("for 20 years
already") is no number that shows how a story ended."""

from __future__ import annotations

from voice_coach import pipeline
from voice_coach.analysis.reply_fit import lasted_for, repeats, work_numbers

from tests.tools import report_of

FIRST = ("At the logistics firm I led the route planner. We had only three small servers. I "
         "reused the old traffic data and trained a light model. We covered all 900 routes in "
         "five weeks, and the fuel cost per route was compared to 40 dollars before.")
REPLY = ("In the end we covered all 900 routes in five weeks. The fuel cost per route went down "
         "from 40 dollars to 3 dollars per trip, and the drivers finished earlier.")


def test_f1_a_number_with_a_new_unit_is_no_restatement():
    assert not repeats(REPLY, FIRST + " We used 3 small servers.", ("900", "5 weeks", "40", "3"),
                       ("3", "900", "5 weeks", "40", "3"))


def test_f1_the_same_numbers_with_their_units_restate():
    again = "We covered all 900 routes in five weeks with three small servers."
    assert repeats(again, FIRST, ("900", "5 weeks", "3"), ("3", "900", "5 weeks", "40"))


def test_f2_a_span_said_with_for_is_no_work_number():
    plain = "he worked in that depot for 20 years already. the relationship became very good."
    assert lasted_for(plain, plain.index("20"))
    assert work_numbers(plain) == ()
    assert not lasted_for("we cut it to 20 years", len("we cut it to "))


def test_f2_a_tenure_does_not_answer_what_number_shows_it():
    first = report_of("At the depot the head mechanic did not trust my maintenance list. I went "
                      "to the workshop every week, asked him to choose the signals, and we "
                      "reviewed the list every Friday. In the end he presented the alarm himself "
                      "and the mechanics trusted it. I learned to ask before I build.",
                      "lp-earn-trust-1")
    reply = report_of("He is very experienced, he worked in that depot for 20 years already. "
                      "After the project he invited me to his family dinner. The relationship "
                      "became very good.", "lp-earn-trust-1",
                      follow_up=pipeline.FollowUpOf("no_result", first))
    assert reply.scores.content == 0, reply.feedback


CODE = ("For the metrics function I would take the true labels and the predicted labels as two "
        "lists. First I count true positives, false positives and false negatives per class in "
        "one pass, that is linear time. Then precision is true positives over predicted "
        "positives, recall is true positives over actual positives, and F1 the harmonic mean. "
        "If a class is never predicted I return zero instead of dividing by zero. I would test "
        "it with a perfect prediction, an all wrong one and an empty list.")
CODE_REPLY = ("Macro averaging computes F1 per class and takes the plain mean, so a small class "
              "counts as much as a big one. Micro averaging sums the counts over all classes "
              "first, so the big class dominates. On an imbalanced set with 90 percent of one "
              "class, micro F1 can be high while macro F1 shows the small classes fail.")


def test_f6_a_point_the_reply_made_leaves_no_open_line():
    """QA108 F6: a coding answer whose reply made the missing key point shows no "Not covered"
    nor "room for the missing detail" beside "✗ → ✓ with the follow-up"."""
    import dataclasses

    from voice_coach.config import Config
    from voice_coach.questions import load_bank
    from voice_coach.report import feedback_lines, follow_up_points
    first = dataclasses.replace(report_of(CODE, "code-metrics-1"), n=1)
    reply = dataclasses.replace(report_of(CODE_REPLY, "code-metrics-1", follow_up=pipeline.FollowUpOf(
        first.follow_up_key, first)), n=2, follow_up_of=1)
    merged = pipeline.merge_follow_up(first, reply, Config(), load_bank().get("code-metrics-1"))
    made = follow_up_points(merged)
    assert made, merged.with_follow_up
    lines = [f.message for f in feedback_lines(merged)]
    assert not any(any(p in m for p in made) and m.startswith("Not covered") for m in lines), lines
