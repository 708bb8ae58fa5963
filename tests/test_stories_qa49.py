"""QA49 (issue #17, transcripts in tests/data/spent_session40/qa49). Session 40, F2: an after
equal to its baseline ("rate 5 → 5", read twice from Whisper's "came down to one point to five
and before") was shown as a plainly said pair; it is shown as heard, to be checked. Session 41:
F3 a "-boosted model" is no change (a count in that Action was the outcome) and money heard with
a garbled currency code ("900K SDD a year") is money, not scale; F4 a follow-up reply's whole
pair is the pair; F6 a figure the speaker says they said earlier is no baseline; F7 an outcome
said only in words is a gap in the brief."""

from __future__ import annotations

import pytest

from voice_coach.stories import _checked
from tests.tools import one_story, save_practice, story_bank, triad_of

HEARD = ("I built a test set of two thousand dishes with ingredient lists, and the made up "
         "ingredient rate was high in percent. I refused to launch at that level. I added "
         "ingredient rounding and an allergen check, and the rate came down to one point to five "
         "and before we shipped to all merchants.")


def test_an_after_equal_to_its_baseline_is_to_be_checked():
    assert _checked("after", "5", "5").endswith("check this number")
    assert _checked("after", "4%", "9%") == "4%"
    assert _checked("baseline", "5", "5") == "5"  # one end marked, once


def test_the_bank_shows_a_pair_heard_twice_as_heard(tmp_path):
    _, story = one_story(tmp_path, ("lp-highest-standards-2", HEARD))
    assert story.triad.after is not None and story.triad.after.endswith("check this number"), \
        story.triad


WORDS_ONLY = ("Our claims model flagged too many honest customers. I retrained it on the new "
              "labels and the precision went from 40% to 75%. Afterwards the honest customers "
              "stopped complaining to the call centre.")


def test_f7_an_outcome_said_only_in_words_is_a_gap_in_the_brief(tmp_path):
    # QA49 F7: "outcome said in words, no number" was plain text: no red mark, nothing to practise
    from voice_coach.questions import load_bank
    from voice_coach.stories import SAID_IN_WORDS, brief_entries
    from voice_coach.story_report import brief_html, brief_markdown, gap_line

    _, bank = story_bank(tmp_path, ("lp-customer-obsession-1", WORDS_ONLY))
    (entry,) = brief_entries(bank, load_bank())
    assert entry.triad.effect == SAID_IN_WORDS and entry.triad.outcome is None, entry.triad
    assert any(g.part == "outcome" for g in entry.gaps), entry.gaps
    md = brief_markdown([entry])
    assert f"{SAID_IN_WORDS} [outcome?]" in md and "[outcome?] say what it was worth" in md, md
    assert "[outcome?]" in gap_line(entry)
    assert '<span class="gap">[outcome?]</span>' in brief_html([entry])


def test_f7_an_outcome_number_said_in_another_telling_is_no_gap(tmp_path):
    # near case: another telling said what it was worth: shown as said there, nothing to fill
    money = WORDS_ONLY + " That saved the insurer about two hundred thousand dollars a year."
    _, bank = story_bank(tmp_path, ("lp-customer-obsession-1", WORDS_ONLY),
                         ("lp-earn-trust-1", money))
    from voice_coach.questions import load_bank
    from voice_coach.stories import brief_entries
    from voice_coach.story_report import brief_markdown

    (entry,) = brief_entries(bank, load_bank())
    assert not any(g.part == "outcome" for g in entry.gaps), entry.gaps
    assert "[outcome?]" not in brief_markdown([entry])


# QA49 A2 as tiny.en wrote it (Whisper's "calculated 2 %" for "catches eighty two percent",
# "SDD" for "SGD", "radiant -boosted" for "gradient boosted"), and its follow-up reply
A2_HEARD = ("My task was to ship a detector before the Chinese New Year Peak in six weeks. What "
            "got in the way was labels. We had very few confirmed fraud cases, and the ops team "
            "was too busy to label more. So, I built a week labeling pipeline from reference "
            "disputes and devised fingerprints, trained and radiant -boosted model on that, and "
            "had not reviewed only the top 200 cases every week. We shipped on time, now the "
            "detector calculated 2 % on the fraud rings, and it handles about 3 million orders a "
            "day. The business result was charging up and incentive leakage around 900k SDD a "
            "year. This one is delivered results.")
A2_REPLY = ("Before the detector, we only had handwritten rules from the op -team and they "
            "caught 45 % on the floor rings. So, it went from 45 % up to 82%.")


def test_f3_a_count_in_an_action_is_no_outcome_and_money_heard_with_a_garbled_code_is():
    from voice_coach.analysis.numbers import normalize_numbers
    from voice_coach.analysis.structure import detect_scale

    tri = triad_of(A2_HEARD, "lp-deliver-results-1")
    assert not any("200 cases" in span for _, span in tri.slots), tri.slots
    assert ("outcome", "900K [currency?] a year") in tri.slots, tri.slots
    assert detect_scale(normalize_numbers(A2_HEARD)) == ["3M orders a day"]


@pytest.mark.parametrize("text", [
    "We trained a gradient-boosted model on that, and ops reviewed 200 cases every week.",
    "We trained a gradient boosted model on that, and ops reviewed 200 cases every week.",
])
def test_f3_a_boosted_model_is_no_change(text):
    assert not triad_of("The chargebacks were a problem. " + text,
                        "lp-deliver-results-1").business_outcome


def test_f3_near_case_a_boost_said_as_a_change_is_one():
    tri = triad_of("I retrained the ranker with the new labels, and it boosted the conversion "
                   "by about 3% in the test.", "lp-deliver-results-1")
    assert tri.business_outcome, tri


def test_f4_a_replys_whole_pair_is_the_pair_never_its_baseline_on_another_after(tmp_path):
    from datetime import datetime

    from voice_coach.cli.stories import load_story_bank
    from voice_coach.config import Config
    from voice_coach.questions import load_bank
    from voice_coach.store import Store

    root = tmp_path / "recordings"
    save_practice(Store(root), datetime(2026, 11, 20, 9), "lp-deliver-results-1", A2_HEARD,
                  A2_REPLY, "no_baseline")
    (story,) = load_story_bank(Store(root), Config(), load_bank()).stories
    assert (story.triad.baseline, story.triad.after) == ("45%", "82%"), story.triad


@pytest.mark.parametrize("said", ["I said 14 before", "I told you 14 hours before"])
def test_f6_a_figure_the_speaker_said_earlier_is_no_baseline(said):
    text = ("I wrote the feed as a streaming job and added an alert. After the fix, the "
            f"prediction error came down from 12 hours to 6 hours. Sorry, {said}, 12 hours is "
            "the correct baseline. For me this is Ownership.")
    tri = triad_of(text, "lp-ownership-1")
    assert not any("14" in span for _, span in tri.slots), tri.slots
    assert any(role == "pair" and "12 hours to 6 hours" in span for role, span in tri.slots)


def test_f6_near_case_a_level_said_before_the_change_is_the_baseline():
    tri = triad_of("The weekly review took 14 hours before. I automated the report and now it "
                   "takes 2 hours.", "lp-invent-simplify-1")
    assert tri.baseline and any(span.startswith("14 hours") for role, span in tri.slots
                                if role in ("baseline", "pair")), tri.slots


@pytest.mark.parametrize("text, said", [
    ("around 900k SDD a year", " [currency?]"),  # Whisper's "SDD" for "SGD"
    ("about 1.2 million SDD a year", " [currency?]"),
    ("about 2 million GBP a year", " gbp"),
    ("we logged 2000 hrs a year", ""),  # a unit's letters are no currency (near cases)
    ("it peaks at 5000 qps a day", ""),
    ("the trucks drove 1200 kms a week", ""),
])
def test_f3_a_currency_code_heard_as_letters_no_word_is_made_of(text, said):
    import re

    from voice_coach.analysis.numbers import currency_word_after, normalize_numbers

    n = normalize_numbers(text)
    amount = re.search(r"\d+(?:\.\d+)?[MBK]?", n)
    assert currency_word_after(n, amount.end()) == said, n


def test_f10_a_multiple_said_of_another_topic_works_out_no_level():
    # "Turn around on the busy bus, it came two times faster" (Whisper's "became") is said of the
    # turnaround: never "40 minutes to about 20 minutes (worked out)" from the solver's run time
    from voice_coach.analysis.numbers import said_changes

    pairs = said_changes(["key crane plans came from a model that needed 40 minutes per run.",
                          "turn around on the busy bus, it came 2 times faster."]).pairs
    assert pairs == [], pairs
    near = said_changes(["the report took 9 hours.", "then it was 3 times faster."]).pairs
    assert [(p.before.text, p.after.text) for p in near] == [("9 hours", "3 hours")]
