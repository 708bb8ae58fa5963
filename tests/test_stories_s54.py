"""Session 54: new users' story banks (QA125, QA126) — an amount said again in another currency
is no cost of the work; a change of counts the report read as the outcome is shown, never "said
in words, no number"; one metric retold under another name is never "another metric"."""

from __future__ import annotations

from voice_coach.stories import _pair_in, said_as_cost

from tests.tools import one_story


def test_an_amount_said_again_in_another_currency_is_no_cost():
    text = ("For the port, this one around 25M lek per year less in paid claims which is about "
            "€210000.")
    assert not said_as_cost(text, "€210000")
    assert said_as_cost("We paid about €210000 for the vendor licence.", "€210000")


def test_one_metric_retold_under_another_name_is_one_pair():
    assert _pair_in("15 days", "3 days", "credit decision 15 days → 3 days")
    assert not _pair_in("15 days", "4 days", "credit decision 15 days → 3 days")
    assert not _pair_in("15 days", "3 days", "credit decision −20%")


NOTICES = ("At the distributor, every planned outage needs a public notice, and the dispatchers "
           "wrote each one from zero. I saw that all notices have the same five parts, so I made a "
           "template, plus a language model that fills it from the outage ticket, and a person "
           "who approves. The writing time went from 40 minutes to about six minutes for one "
           "notice. For the customers, the calls to our call center about outages without "
           "warning went down from about 1100 to 700 per month. What I learned is that the "
           "simple tool is used every day.")


def test_a_change_of_counts_read_as_the_outcome_is_shown(tmp_path):
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", NOTICES))
    assert story.triad.effect and "1100" in story.triad.effect and "700" in story.triad.effect, \
        story.triad
    assert "no number" not in story.triad.effect, story.triad
