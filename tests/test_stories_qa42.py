"""Session 37: QA42 (issue #17) in own wordings — a level said at the end of a clause and then
named ("…, 17%. That was the share of …"), a threshold in a metric's name ("the share of bags
delayed by more than 30 minutes"), a number the speaker corrects at once ("to 6%, sorry, to
5.5%"), and a past verb Whisper wrote for another ("felt" for "fell") as no metric name."""

from __future__ import annotations

from voice_coach.analysis.numbers import name_ranges, normalize_numbers
from tests.tools import one_story, triad_of

TEXT = ("In 2021 I ran the baggage analytics team at the airport, 17%. That was the share of "
        "bags delayed by more than 30 minutes at the belt, and the handlers had stopped "
        "believing our dashboard. I pulled a month of scanner logs and matched them bag by bag. "
        "I found that two carousels reported their scans in local time. I fixed the feed and "
        "added a check. In the next season the share of bags delayed by more than 30 minutes "
        "felt at 6%, sorry, to 5.5%, and we paid about 210,000 euro less per year in "
        "compensation.")


def test_a_self_correction_keeps_the_number_meant():
    assert normalize_numbers("it fell to 6%, sorry, to 5.5% in the end") == "it fell to 5.5% in the end"
    assert normalize_numbers("we had 3, no, 4 incidents") == "we had 4 incidents"
    assert normalize_numbers("it was 20 percent, sorry about that") == "it was 20%, sorry about that"


def test_a_threshold_in_the_name_is_no_level():
    text = normalize_numbers("the share of bags delayed by more than 30 minutes fell to 5.5%")
    (span,) = name_ranges(text)
    assert text[span[0]:span[1]] == "more than 30 minutes"


def test_the_level_said_then_named_and_the_corrected_after():
    tri = triad_of(TEXT, "lp-dive-deep-1")
    assert ("baseline", "17%") in tri.slots, tri.slots
    afters = [span for role, span in tri.slots if role == "after"]
    assert afters and "5.5%" in afters[0] and not any("30 minutes" in s for s in afters), tri.slots


def test_the_bank_names_the_level_by_the_sentence_after_it(tmp_path):
    _, story = one_story(tmp_path, ("lp-dive-deep-1", TEXT))
    assert (story.triad.baseline, story.triad.after) == ("17%", "5.5%"), story.triad
    assert story.triad.metric and story.triad.metric.startswith("share of bags"), story.triad


def test_money_paid_less_is_the_outcome_not_a_cost(tmp_path):
    tri = triad_of(TEXT, "lp-dive-deep-1")
    assert ("outcome", "€210000 less per year") in tri.slots, tri.slots
    _, story = one_story(tmp_path, ("lp-dive-deep-1", TEXT))
    assert story.triad.outcome and "210K" in story.triad.outcome, story.triad
    assert not story.costs, story.costs


def test_a_share_stated_with_its_verb_is_a_level_not_a_threshold():
    text = normalize_numbers("since then the share of mispriced tickets is under 0.2%")
    assert name_ranges(text) == []
