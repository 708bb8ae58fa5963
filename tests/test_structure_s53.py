"""Session 53: new users' answers (QA116, QA117) in their own wordings — a lesson said as advice
("what I'd tell my younger self is …") is the Learning, not a hypothetical; a check of the
model's residuals is how it is measured; a figure said in the negative and put right at once
("the waste was not 11%. It was 12%") is dropped, across a sentence end too; "before the money
left" dates a process, it opens no baseline; the Samoan tala is money; a weight in kilos is a
metric's level, no count of things."""

from __future__ import annotations

import pytest

from voice_coach.analysis.facts import quantity_kind
from voice_coach.analysis.numbers import figure_corrections, normalize_numbers
from voice_coach.analysis.structure import key_point_hits

from tests.tools import one_story, report_of, triad_of

STORY = ("At the building society I was asked to build a complaints letter classifier. I was the "
         "one who had to make it work on an old server. I built a simple model on word counts "
         "first. Routing a letter used to take a fortnight, now it's two days. ")


@pytest.mark.parametrize("lesson", [
    "What I'd tell my younger self is try the boring model first.",
    "What I'd tell my younger self is, um, pin everything.",
    "My advice to anyone in that spot would be to try the boring model first.",
])
def test_a_lesson_said_as_advice_is_the_learning(lesson):
    star = report_of(STORY + lesson, "lp-frugality-1").structure.star
    assert star["learning"].present


def test_a_story_without_a_lesson_has_none():
    star = report_of(STORY, "lp-frugality-1").structure.star
    assert not star["learning"].present


SEASON = ("Trend is the slow long term drift of a series, and seasonality is a pattern that "
          "repeats on a fixed period. To detect them I'd plot the series first, then look at the "
          "autocorrelation, which shows spikes at the seasonal lag. Then I'd do a seasonal "
          "decomposition like STL. To model it you can use a seasonal ARIMA or Fourier terms. ")


def _asks_to_measure(text: str) -> bool:
    return any(f.fact == "measurement" for f in report_of(text, "forecast-seasonality-1").feedback)


def test_checking_the_residuals_is_a_measurement():
    assert not _asks_to_measure(SEASON + "Then I'd check the residuals have no seasonal pattern "
                                "left.")


def test_an_explanation_without_any_check_is_asked_how_to_measure_it():
    assert _asks_to_measure(SEASON)


@pytest.mark.parametrize("said, dropped", [
    ("The waste was not eleven percent, it was twelve percent of our stock.", "eleven percent,"),
    ("The waste was not 11%. It was 12% of our fresh stock.", "11%."),
    ("It was not 400 kilos but 450 kilos per flight.", "400"),
    ("It is not 5% it is more like 7% now.", "5%"),
])
def test_a_figure_said_in_the_negative_and_put_right_is_dropped(said, dropped):
    words = said.split()
    assert [" ".join(words[c.start:c.end]) for c in figure_corrections(words)] == [dropped]


@pytest.mark.parametrize("said", [
    "We did not have 2 weeks, we had 3 days.",
    "It did not go below 5%. But it rose to 9% later.",
    "We were not 2 people. It was a big team of 9.",
])
def test_a_negated_number_that_is_not_put_right_stays(said):
    assert figure_corrections(said.split()) == [] and normalize_numbers(said).count(" ") >= \
        said.count(" ") - 1


def test_a_correction_over_a_sentence_end_reads_the_right_baseline():
    tri = triad_of("I lead machine learning at a supermarket chain. First, I need to correct a "
                   "figure I gave last time. The waste was not 11%. It was 12% of our fresh "
                   "stock. I built the store by product forecast myself. Waste came down to about "
                   "six and a half percent, and the saving is about 900000 dollars a year.",
                   "lp-frugality-1")
    assert tri.baseline and any(s.startswith("12%") for r, s in tri.slots if r == "pair"), \
        tri.slots
    assert not any("11%" in s for _, s in tri.slots), tri.slots


def test_before_what_others_did_is_no_baseline():
    tri = triad_of("Nobody owned the duplicate payments. I wrote some rules plus a small model "
                   "and checked every flag for two weeks. After that, we were catching about "
                   "ninety four percent of the duplicates before the money left. The firm "
                   "stopped losing around two hundred thousand dollars a year.",
                   "lp-ownership-1")
    assert not tri.baseline and tri.after, tri.slots


def test_before_the_work_itself_is_still_a_baseline():
    tri = triad_of("The error was about 12% before we shipped the model. I retrained it on the "
                   "new labels. Now it is 4%.", "lp-ownership-1")
    assert tri.baseline and tri.after, tri.slots


def test_the_tala_is_money():
    tri = triad_of("I built a duplicate payment flag at the remittance firm. After that, the firm "
                   "stopped losing around two hundred thousand tala a year.", "lp-ownership-1")
    assert tri.business_outcome and any("tala" in s and "currency?" not in s
                                        for r, s in tri.slots if r == "outcome"), tri.slots


def test_a_weight_is_a_level_not_a_count():
    assert quantity_kind("about 450 kilos") == quantity_kind("150 kilos") == "weight"
    assert quantity_kind("400 stores") == "count"


def test_the_bank_shows_a_pair_of_weights_its_report_read(tmp_path):
    text = ("The metric that looked fine was the average cargo weight. The cargo planners in "
            "Auckland kept holding back freight on the flights to the islands. The error was "
            "about 450 kilos per flight. I pulled the load sheets by route and gave each route "
            "its own model. The error came down to about 150 kilos per flight, and the extra "
            "cargo we could sell was worth about 300000 dollars a year.")
    _, story = one_story(tmp_path, ("lp-dive-deep-2", text))
    assert story.triad.baseline and "450" in story.triad.baseline, story.triad
    assert "unclear" not in story.triad.baseline, story.triad


@pytest.mark.parametrize("ending", [
    "Now five teams are using it, and the planners still use my sheet.",
    "No seller complaint came about wrong payment info after that.",
])
def test_an_outcome_said_in_words_after_the_work(ending):
    tri = triad_of("Nobody owned the payment answers of the seller bot. I added retrieval with "
                   "the exact policy text and made it quote the policy, and I ran it in shadow "
                   "for a month. " + ending, "lp-ownership-1")
    assert tri.business_outcome, tri.slots


@pytest.mark.parametrize("text", [
    "Before my work there were no complaints about speed, but the reports were wrong. I rebuilt "
    "the pipeline and added checks. The reports matched the ledger after that.",
    "We used a random forest for the scoring. I tuned it and added features. It worked well.",
])
def test_no_outcome_in_words_from_the_set_up_or_our_own_tools(text):
    assert not triad_of(text, "lp-ownership-1").business_outcome


@pytest.mark.parametrize("said, point", [
    ("and I told the title editors what had happened", "how you communicated it"),
    ("I rolled it back to the old version within the hour", "immediate mitigation"),
])
def test_a_point_said_in_everyday_words_is_heard(said, point):
    hits, units = key_point_hits(said, point)
    assert units and hits == units


def test_an_unrelated_sentence_makes_no_such_point():
    hits, units = key_point_hits("we trained a gradient boosted model on the logs",
                                 "how you communicated it")
    assert hits < units


def test_a_principle_said_as_a_trait_of_others_is_not_named():
    s = report_of("The station staff had a real bias for action, so they reported every alarm. "
                  "I owned the alarm model and rebuilt it. This story is about Ownership.",
                  "lp-ownership-1").structure
    assert s.leadership_principles == ["Ownership"] or list(s.leadership_principles) == ["Ownership"]


def test_the_speakers_own_bias_for_action_is_named():
    s = report_of("I have a bias for action, so I shipped the fix that night. That was Bias for "
                  "Action for me.", "lp-bias-for-action-1").structure
    assert "Bias for Action" in s.leadership_principles


def test_delays_of_a_service_are_felt_by_its_people():
    tri = triad_of("I owned the track vibration alarm. I added a check that compares the sampling "
                   "rate with the expected value and blocks the model if they do not match. The "
                   "false alarms went from about eleven per week to one per week, and the train "
                   "delays from alarms became almost zero.", "lp-ownership-1")
    assert tri.business_outcome, tri.slots


def test_money_the_work_stopped_losing_is_the_outcome_not_a_baseline():
    tri = triad_of("I built the SIM box fraud rule and tuned it with the fraud team for two "
                   "months. The money we stopped losing was around 700,000 KM a year, so 350,000 "
                   "euros.", "lp-ownership-1")
    assert not tri.baseline and tri.business_outcome, tri.slots


def test_losses_said_before_and_after_are_still_a_pair():
    tri = triad_of("The fraud losses were about 2 million euros a year before my rule. After it "
                   "they were 800,000 euros.", "lp-ownership-1")
    assert tri.baseline and tri.after, tri.slots
