"""Session 41, QA50 (issue #17, persona Eleni; transcripts in tests/data/spent_session41/qa50):
F1 a limit the work set ("an automatic stop if conversion drops more than 5%") fills no slot and
the time a recovery took ("conversion came back in about 40 minutes") is no outcome; F3 a figure
corrected across the sentence break Whisper writes ("71. No, sorry, 74 %") is the second; F7
"retrain the model from zero" is from scratch, no baseline."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import normalize_numbers
from tests.tools import triad_of


@pytest.mark.parametrize("limit", [
    "with an automatic stop if conversion drops more than 5%",
    "with an alert whenever the error rate goes above 2%",
])
def test_f1_a_limit_the_work_set_fills_no_slot(limit):
    tri = triad_of(f"I fixed the feature, and added a shadow test before every release, {limit}.",
                   "lp-ownership-3")
    assert tri.slots == (), tri.slots


def test_f1_near_case_a_change_said_of_the_metric_is_one():
    tri = triad_of("I fixed the feature, and after that conversion went up by 5%.",
                   "lp-ownership-3")
    assert tri.after, tri


def test_f1_the_time_a_recovery_took_is_no_outcome():
    tri = triad_of("In the first hour I rolled back to the previous version myself, and "
                   "conversion came back in about 40 minutes.", "lp-ownership-3")
    assert not any("40 minutes" in span for _, span in tri.slots), tri.slots


@pytest.mark.parametrize("said, heard", [
    ("The share closing alone is 71. No, sorry, 74 % after the update.",
     "The share closing alone is 74% after the update."),
    ("We had 71. No one expected that.", "We had 71. No one expected that."),  # near case
    ("it was 12. Sorry for the noise.", "it was 12. Sorry for the noise."),
])
def test_f3_a_figure_corrected_across_a_sentence_break(said, heard):
    assert normalize_numbers(said) == heard


def test_f3_the_corrected_figure_is_the_after():
    tri = triad_of("I built the assistant on the real hotel policy. The share of questions the "
                   "assistant closes alone is 71. No, sorry, 74 % after the last update.",
                   "lp-customer-obsession-3")
    assert any("74%" in span for role, span in tri.slots if role == "after"), tri.slots


@pytest.mark.parametrize("text, has_baseline", [
    ("The team lead wanted to retrain the model from zero, which is too much work. I fixed "
     "the mapping instead.", False),
    ("I rebuilt the pipeline from zero.", False),
    ("Complaints went from zero to 40 a week after the launch.", True),  # near cases
    ("We grew it from zero users to 2 million.", True),
])
def test_f7_from_zero_is_from_scratch_unless_it_has_an_end(text, has_baseline):
    assert triad_of(text, "lp-are-right-a-lot-1").baseline is has_baseline


@pytest.mark.parametrize("text, scale", [
    ("We already have thousands of these documents typed by our own people, this is training "
     "data.", []),
    ("We labelled 20000 documents as training data.", []),
    ("We trained it on 2 million reviews. Today it scores 3 million reviews a day.",
     ["3M reviews a day"]),  # near cases: the volume served, in its own sentence
    ("The system now reads thousands of these documents every day.",
     ["thousands of these documents every day"]),
    ("We trained it on 2 million reviews, and it runs in production.", ["in production"]),
])
def test_f6_a_count_said_as_training_data_is_no_scale(text, scale):
    from voice_coach.analysis.structure import detect_scale

    assert detect_scale(normalize_numbers(text)) == scale


INCIDENT = ("At the travel site I own the hotel ranking model. One Friday I released a new "
            "version, and around two hours later I saw on the dashboard that the booking "
            "conversion was dropping. It went from 3.4% to 2.7% on the search page. This was my "
            "model, so I took it. In the first hour I rolled back to the previous version myself. "
            "Then I looked for the root cause. I fixed the feature and added a shadow test "
            "before every release.")


def test_f1_a_change_the_speaker_saw_happen_after_their_own_step_is_the_damage():
    # "I released …, and later I saw that conversion was dropping. It went from 3.4% to 2.7%":
    # the release caused it; the change is the problem, never the result of the work
    tri = triad_of(INCIDENT, "lp-ownership-3")
    assert not any(role in ("pair", "after") and "2.7%" in span for role, span in tri.slots), \
        tri.slots


def test_f1_near_case_a_change_told_as_the_result_stays_the_result():
    text = ("One Friday I released a new version of the ranking model. Two weeks later the "
            "booking conversion went from 3.4% to 3.9% on the search page. I learned to ship "
            "behind a shadow test.")
    tri = triad_of(text, "lp-ownership-3")
    assert any(role == "pair" and "3.4% to 3.9%" in span for role, span in tri.slots), tri.slots


# QA50 A1 as tiny.en wrote it: "The principle here is Frugality" heard as "through the quality"
A1_HEARD = ("So, this was in my first job at a marine insurance company. We received bills of "
            "lading from the shipping clients, very messy, and the operations team was typing "
            "them by hand into the claims system. Each document took around 14 minutes of manual "
            "keying. My manager asked me to automate it, but we had no budget for the big ocr "
            "vendor. So, I took an open source layout model and fine tuned it on documents the "
            "team had already typed. I built a small review screen. In the end, the keying time "
            "went down from 14 minutes to 3 minutes per document, and the company saved around "
            "380000 euros per year. The principle here is through the quality. I learned that "
            "the labels you need are often already inside the company.")


def test_f9_a_principle_said_but_misheard_is_never_not_named_in_the_bank(tmp_path):
    from voice_coach.questions import load_bank
    from voice_coach.stories import principle_gaps
    from voice_coach.story_report import gap_sentences
    from tests.tools import story_bank

    _, bank = story_bank(tmp_path, ("lp-frugality-1", A1_HEARD))
    said = " ".join(gap_sentences(principle_gaps(bank, load_bank())))
    assert "Only a weak story for Frugality" in said, said
    assert "its name said but not clearly heard" in said and "not named" not in said, said


def test_f9_near_case_a_principle_never_said_is_not_named(tmp_path):
    from voice_coach.questions import load_bank
    from voice_coach.stories import principle_gaps
    from voice_coach.story_report import gap_sentences
    from tests.tools import story_bank

    text = A1_HEARD.replace(" The principle here is through the quality.", "")
    _, bank = story_bank(tmp_path, ("lp-frugality-1", text))
    said = " ".join(gap_sentences(principle_gaps(bank, load_bank())))
    assert "Frugality (story 1: told for it, not named with a result)" in said, said


# the tool's own transcript of QA50's answer 7 (spent_session41/qa50/run1/review_a7.json)
A7 = ("I want to tell you again about the fraud scoring model because the green seat here is "
      "dive deep and I think the answer is in the details. We had a release and after it "
      "invested in that was what was running in false alarms. 29% of the flat claims were "
      "honest claims. I did not accept the easy story that the model was all. I took the flat "
      "claims of six weeks. I split them by broker. I corrected the mapping. I put a data "
      "checking the pipeline and the false alarms came down to 11%. And for the business, this "
      "was important. The investing at all got a current $1,200 per year.")


def test_f2_a_ticked_baseline_is_always_quoted():
    """A level said after a pause ("… running in false alarms. | 29% of the flagged claims …")
    is read with its clause by the slot detector and by the report's settling alike: the
    baseline it ticks is the pair it quotes, never "number unclear". Session 42."""
    tri = triad_of(A7, "lp-are-right-a-lot-1")
    assert tri.baseline and ("pair", "29% to 11%") in tri.slots, tri.slots
    assert not any(role == "after" for role, _ in tri.slots), tri.slots
