"""Session 57: a naming frame names the one principle it frames — a loose use of another
principle's words in the same clause is no name (QA140 F7); a principle's word listed with
another thing ("the ownership and the warehouse building", QA134 F3) is a common noun."""

from __future__ import annotations

import pytest

from tests.tools import report_of, triad_of

STORY = ("At the forestry company the drone photos cost too much to label. I was responsible for "
         "the budget. I trained a small model on the old labels and we stopped paying the vendor. ")


@pytest.mark.parametrize("said, named", [
    # QA140 F7, in the trial's own words
    ("In fact, I would say this story is about Frugality, even if we also had to learn fast and "
     "be curious about the forest.", ("Frugality",)),
    ("For me this story is about Frugality, and we had to dive deep into the invoices.",
     ("Frugality",)),
    # the frame names one principle; the same principle's words used loosely stay named
    ("I took ownership of the budget, that was Ownership for me.", ("Ownership",)),
    # a loose use alone in a clause that reflects on it is still a name
    ("For me this was about being curious about the forest.", ("Learn and Be Curious",)),
])
def test_a_naming_frame_names_the_principle_it_frames(said, named):
    r = report_of(STORY + said, "lp-frugality-1")
    assert r.structure.leadership_principles == named


@pytest.mark.parametrize("said, named", [
    # QA134 F3, the tool's own transcript of the trial
    ("By the way, the ownership and the warehouse building I'm also changing at that time. "
     "For me this story is about Deliver Results.", ("Deliver Results",)),
    ("The ownership of the archive was unclear. For me this story is about Deliver Results.",
     ("Deliver Results",)),
    ("For me it is the Ownership and the Frugality of the team.", ("Ownership",)),
])
def test_a_principle_word_listed_with_a_thing_is_a_common_noun(said, named):
    r = report_of(STORY + said, "lp-deliver-results-2")
    assert r.structure.leadership_principles == named


@pytest.mark.parametrize("said", [
    "For the bank, that was around 80 million real a year of agent time.",  # QA144 F1 (riel)
    "That is about 36 million real a month, so around 9000 dollars.",
])
def test_an_amount_in_a_singular_unit_is_no_volume(said):
    from voice_coach.analysis.numbers import normalize_numbers
    from voice_coach.analysis.structure import detect_scale
    assert detect_scale(normalize_numbers(said.lower())) == []


@pytest.mark.parametrize("said, volume", [
    ("we get 40000 complaints a month", "40000 complaints a month"),
    ("it reads 2 million meter readings per day", "2M meter readings per day"),
    ("the app serves 3 million people a month", "3M people a month"),
])
def test_a_count_of_things_per_period_is_still_a_volume(said, volume):
    from voice_coach.analysis.numbers import normalize_numbers
    from voice_coach.analysis.structure import detect_scale
    assert detect_scale(normalize_numbers(said.lower())) == [volume]


ALARM = ("I put cheap moisture sensors on the intake, and I wrote a small alarm that sends a "
         "message to the shift leader when a truck is {} 14 % moisture. ")
BEFORE = "Before the alarm, around 11 % of the paddy in the silo was spoiled every season. "
AFTER = "After the alarm, it went down from 11 % to 4%. "


@pytest.mark.parametrize("word", ["above", "among"])  # "among": Whisper's, QA144 F2
def test_an_alarms_limit_is_no_after(word):
    tri = triad_of(ALARM.format(word) + BEFORE + AFTER, "lp-ownership-1")
    assert tri.slots == (("pair", "11% to 4%"),), tri


def test_a_limit_said_before_a_late_baseline_is_no_after():
    tri = triad_of(ALARM.format("above") + BEFORE, "lp-ownership-1")
    assert tri.baseline and not tri.after, tri


@pytest.mark.parametrize("said, pair", [
    ("Precision was at 91%. Before that, it was 78%.", "78% to 91%"),
    ("When I joined, churn was over 12%. After my work it was 7%.", "over 12% to 7%"),
])
def test_a_late_baseline_and_a_level_when_i_joined_still_pair(said, pair):
    tri = triad_of(said, "lp-deliver-results-1")
    assert ("pair", pair) in tri.slots, tri


@pytest.mark.parametrize("label", [
    "need to do what",  # Whisper's "the need to do what was 3.5 minutes" (QA144 F5)
    "wasn't exact number",  # a clause of the sentence before (QA144 F5)
])
def test_a_clause_heard_for_a_metric_name_names_nothing(label):
    from voice_coach.analysis.triad_said import metric_label
    assert metric_label(label) is None


@pytest.mark.parametrize("label", ["time to first response", "error rate", "late deliveries"])
def test_a_metric_name_is_kept(label):
    from voice_coach.analysis.triad_said import metric_label
    assert metric_label(label) == label


def test_who_did_the_work_is_no_outcome_in_words():
    # the tool's own transcript of QA144's ETA answer (F6): "I led a team of four people" heard
    # as "I went at team of four people"; the ETA error is a model metric, no business outcome
    text = ("When I joined the delivery app, the customers were angry about the arrival time in "
            "the app. My task was to fix the promise that we make to the customer. I went at "
            "team of four people. We retrained the model with rain data. Before, the average "
            "error of our ETA was around 9 minutes. After three months, it was 3.5 minutes.")
    tri = triad_of(text, "lp-customer-obsession-1")
    assert tri.baseline and tri.after and not tri.business_outcome, tri


def test_more_people_using_it_is_still_an_outcome():
    tri = triad_of("We rebuilt the app for the shops. Now 400 more people use the app every day.",
                   "lp-customer-obsession-1")
    assert tri.business_outcome, tri


def test_a_level_said_in_contrast_is_no_baseline():
    # QA143 F2, the tester's typed answer: the day-shift rate is a contrast, not the start
    text = ("At the steel mill we had a camera that detects cracks on the hot slabs, and on night "
            "shift it was raising an alarm on practically every fifth slab, while by day it was "
            "more or less one in fifty. I matched the bursts with the crane log and we put a "
            "polarising filter on the camera. Night false alarms fell to one in forty.")
    tri = triad_of(text, "lp-dive-deep-1")
    assert tri.slots == (("pair", "1 in 5 to 1 in 40"),), tri


@pytest.mark.parametrize("said, pair", [
    ("Precision was at 91%, whereas before it had been about 78%.", "about 78% to 91%"),
    ("Our churn was 12%, while the other shops were at 20%. After my work churn fell to 7%.",
     "12% to 7%"),
])
def test_a_baseline_said_with_whereas_before_still_pairs(said, pair):
    assert ("pair", pair) in triad_of(said, "lp-dive-deep-1").slots


def test_money_a_pair_moved_is_no_cost():
    # QA144 F4: the refunds before and after are the outcome's pair, never "cost $24K"
    from voice_coach.stories import _costs
    text = ("The ETA error went down from nine minutes to three and a half minutes. For the "
            "business, before we paid around twenty four thousand dollars a month in refunds for "
            "late orders, and after, it was about twelve thousand dollars a month, so we saved "
            "half.")
    tri = triad_of(text, "lp-deliver-results-3")
    assert ("pair", "around $24000 to about $12000") in tri.slots, tri
    assert _costs(text, tri) == ()


ANODE = ("I decided to build an alarm on the voltage noise. After three months, we caught 70% of "
         "cracks in time, up from 25%. ")


@pytest.mark.parametrize("said, outcome", [
    # the tool's own transcript of QA147's answer (F1): Whisper's "times" for "tenge"
    ("The business outcome was around 90 million times a year saved, so about $200,000.",
     "$200000 a year"),
    ("The business outcome was around 90 million tenge a year.", "90M tenge a year"),
    ("The savings were around 90 million tenge a year.", "90M tenge a year"),
])
def test_money_said_as_the_outcome_by_name_is_the_outcome(said, outcome):
    tri = triad_of(ANODE + said, "lp-dive-deep-1")
    assert ("outcome", outcome) in tri.slots, tri
    assert [s for r, s in tri.slots if r == "baseline"] == ["from 25%"], tri


def test_a_result_said_by_name_still_pairs_its_levels():
    tri = triad_of("The result was that churn was 12% before and 7% after.", "lp-dive-deep-1")
    assert tri.slots == (("pair", "12% to 7%"),), tri


def test_a_currency_heard_as_a_number_is_money_unheard_never_a_duration():
    # the tool's own transcript of QA147's answer (F3): "thirty million tenge a year"
    tri = triad_of("I built a tagger for customer messages. The share of messages sent to the "
                   "wrong team went from 17% to 6%. So the contact centre needed for fewer "
                   "operators per shift, and in around 30 million ten years.",
                   "lp-learn-be-curious-1")
    assert ("outcome", "30M [currency?]") in tri.slots, tri
    assert not any("years" in s for _, s in tri.slots), tri
