"""QA72 (#17, persona Obinna) and QA73 (#13, persona Mariana): numbers read as said."""
import pytest

from voice_coach.analysis.structure import detect_clarifying_question
from voice_coach.analysis.triad_said import metric_label
from tests.tools import triad_of

PROBES = "tests/data/spent_session45/qa72/run1/probe"


def test_a_number_glued_to_a_word_by_a_hyphen_is_no_level():
    """F2: "from a 40 -page document" is no baseline 40."""
    tri = triad_of("When a recall came in, staff had to dig from a 40 -page document from head "
                   "office. I built an assistant. I learned a lot.", "lp-customer-obsession-1")
    assert not tri.baseline, tri


def test_an_idiom_names_no_metric():
    """F4: "we moved the needle from 11% to 6.5%" names no "needle" metric."""
    assert metric_label("needle") is None and metric_label("the needle") is None
    assert metric_label("default rate") == "default rate"


@pytest.mark.slow
def test_a_level_named_after_it_as_before_is_the_baseline_after_the_work_too():
    """F6: "Twenty six percent. That was our produce spoilage before the pilot." """
    tri = triad_of("I built a markdown model for the stores. Twenty six percent. That was our "
                   "produce spoilage before the pilot. After it, things got a lot better.",
                   "lp-customer-obsession-2")
    assert ("baseline", "26%") in tri.slots, tri.slots


def test_a_tag_question_is_no_clarifying_question():
    """QA73 F6: "… as labels, right?" asks the listener to agree, not about the problem."""
    assert not detect_clarifying_question("so we use the clicks as labels, right? then we train.")
    assert detect_clarifying_question("is that right? do you mean the nightly batch job?")


@pytest.mark.slow
def test_a_result_told_first_is_the_result():
    """QA73 F1: "R ✗" and "No Result" beside "Impact is anchored" for a result told first."""
    from voice_coach.config import Config
    from voice_coach.pipeline import analyze_text
    from voice_coach.questions import load_bank

    text = ("So basically the result I'm proudest of is the claim fraud triage model. The false "
            "alarm rate on flagged claims dropped by eleven points, it landed at nine percent, and "
            "before, the investigators were drowning at twenty percent false alarms. The situation "
            "was that the old rules engine flagged almost everything. My job was to own the "
            "model. So I sat with two investigators for a week and I built a labelling form.")
    r = analyze_text(text, cfg=Config(), question=load_bank().get("lp-deliver-results-1"))
    assert r.structure.metric_triad.after and r.structure.star["result"].present
    assert not any(f.message.startswith("No Result") for f in r.feedback), r.feedback


@pytest.mark.slow
def test_a_level_said_to_be_where_it_stood_before_is_the_baseline_of_the_level_said_last():
    """QA73 F3: "ended at 81, it improved 3 points, and 78 was where it was stuck before" is
    78 → 81, never "78 was where" as the business outcome, nor the 3 points."""
    tri = triad_of("I rebuilt the reply assistant. The member satisfaction score ended at eighty "
                   "one, it improved like three points, and honestly, seventy eight was where it "
                   "was stuck before. What I learned is to check what customers do.",
                   "lp-customer-obsession-3")
    assert ("pair", "78 to 81") in tri.slots, tri.slots
    assert not any(role == "outcome" for role, _ in tri.slots), tri.slots


def test_a_principle_chosen_as_a_value_is_named():
    """QA75 F1: "I chose Customer Obsession over the literal request" names the principle."""
    from voice_coach.analysis.structure import detect_named_principles

    assert detect_named_principles(["i chose customer obsession over the literal request."]) \
        == ["Customer Obsession"]
    assert detect_named_principles(["i took ownership of the pipeline."]) == []


def test_money_said_with_a_country_alone_is_that_country_s_dollars():
    """QA74 F1: "1.2 million NZ a year" is NZ$1.2M a year, never scale; QA75 F5: złoty."""
    from voice_coach.analysis.numbers import currency_word_after, normalize_numbers

    assert "1.2M NZD a year" in normalize_numbers("it saved about 1.2 million NZ a year")
    assert "2000 NZ customers" in normalize_numbers("we had 2000 NZ customers")
    text = normalize_numbers("we saved about two million złoty a year").lower()
    assert currency_word_after(text, text.index("2m") + 2) == " złoty"


@pytest.mark.slow
def test_a_change_for_the_people_a_service_serves_is_an_outcome():
    """QA74 F5: "fewer families got cut off, about thirty fewer disconnections every month"."""
    tri = triad_of("Families in hardship wrote to us. I rebuilt the drafting assistant so the "
                   "replies now go out in under two days. Fewer families got cut off, about thirty "
                   "fewer disconnections every month.", "lp-earn-trust-1")
    assert ("outcome", "30 fewer disconnections every month") in tri.slots, tri.slots
