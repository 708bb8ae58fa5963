"""QA84 (#13 trial, persona Fatou, Dakar) F2: a result told in words is asked for its number
("You said how it ended — what number shows it?"), so a reply is judged on a number: a reply
about something else with no number supplies nothing; one with the numbers does."""

import pytest

from voice_coach import pipeline
from voice_coach.questions import RESULT_NUMBER_FOLLOW_UP
from tests.tools import report_of

FIRST = ("When we launched the assistant that answers merchants in French, Wolof and English, "
         "nobody was watching the Wolof answers. My job was the model, not the quality review, but "
         "a wrong answer can make a merchant lose money. So I took it. I wrote a small review "
         "sheet, I asked two colleagues who speak Wolof to read a sample every week and I added "
         "the bad answers to our test set. After some weeks the Wolof answers became much better "
         "and customer care stopped forwarding those complaints to us.")


@pytest.mark.parametrize("reply, supplied", [
    ("Well, the most important thing for me was the relationship with customer care. Before we "
     "did not really talk and now we have a coffee together every Friday. It changed the "
     "atmosphere a lot.", False),
    ("The share of wrong Wolof answers in the weekly sample went from about 20 percent to 6 "
     "percent, and the complaints forwarded to us fell from 40 a month to 5.", True),
])
def test_a_reply_to_what_number_shows_it_is_judged_on_a_number(reply, supplied):
    first = report_of(FIRST, "lp-ownership-1")
    assert (first.follow_up_key, first.follow_up) == ("no_result", RESULT_NUMBER_FOLLOW_UP)
    check = report_of(reply, "lp-ownership-1",
                      follow_up=pipeline.FollowUpOf("no_result", first)).follow_up_check
    assert check.supplied is supplied, check


def test_the_reply_to_what_number_shows_it_is_named_as_asked():
    """QA88 F10: "follow-up asked for a number that shows how it ended: result number ✗", never
    "result ✗" beside the answer's R ✓."""
    first = report_of(FIRST, "lp-ownership-1")
    check = report_of("We had coffee with customer care every Friday.", "lp-ownership-1",
                      follow_up=pipeline.FollowUpOf("no_result", first)).follow_up_check
    assert (check.label, check.asks) == ("result number", "a number that shows how it ended")
