"""A principle named in a frame the speaker opens with "for me" / "I would say", or followed by
more of the clause, and misheard by the transcriber, is said but not clearly heard — never "No
Leadership Principle named" (session 31, QA33 F3). Wordings written for the mechanism."""

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.analysis.principle_heard import heard_principles


@pytest.mark.parametrize("clause, target", [
    ("for me this was about time deep, i did not stop at the first number", "Dive Deep"),
    ("i would say this story shows dilemma results", "Deliver Results"),
    ("to me that was about five deep", "Dive Deep"),
])
def test_a_framed_name_heard_nearly_is_not_clearly_heard(clause, target):
    (heard,) = heard_principles([clause], targeted=(target,))
    assert heard.name == target and not heard.credited


@pytest.mark.parametrize("clause", [
    "for me this was about the weather, we got lucky",
    "for me this is important",
    "i would say this was the hardest part, honestly",
    "to me that was a surprise",
])
def test_an_ordinary_framed_clause_is_no_principle(clause):
    assert heard_principles([clause], targeted=("Dive Deep", "Deliver Results")) == ()


STORY = ("Our price forecast for the power market started to miss the evening spikes. It was my "
         "model, so finding the cause was on me. I went through the residuals hour by hour and "
         "found the weather feed had switched its time zone. I fixed the join and added a check. "
         "Recall on the spikes went from sixty percent to seventy eight percent. "
         "For me this was about time deep, I did not stop at the first answer.")


def test_the_report_never_says_not_named_over_a_misheard_frame():
    r, _ = main_answer(STORY, "lp-dive-deep-1")
    lines = [f.message for f in r.feedback if f.area == "principles"]
    assert r.structure.principles_unclear
    assert lines and not any("No Leadership Principle" in m for m in lines), lines
    assert r.follow_up_key != "no_principle"


def test_a_reply_naming_a_misheard_principle_is_not_called_silent():
    r, q = main_answer(STORY.replace("For me this was about time deep, I did not stop at the "
                                     "first answer.", ""), "lp-dive-deep-1")
    reply = follow_up_reply("I would say this story shows time deep, because I kept asking why.",
                            r, q, "no_principle")
    text = " ".join(f.message for f in reply.feedback)
    assert "did not give it" not in text and "not clearly heard" in text, text
    assert reply.follow_up_check.not_checked  # not scored as "not answered"
