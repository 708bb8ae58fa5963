"""QA88 (#13 trial, persona Ivan, Sofia) F2: a cost pair that is the business outcome is quoted as
the outcome's evidence, never "said in words, no number" beside the tip that quotes it."""

from voice_coach.report import structure_lines
from tests.tools import report_of

FRUGAL = ("At the marketplace we wanted an LLM that writes product titles from the sellers' "
          "photos, but we had no budget for a big GPU cluster. I was responsible for the model. I "
          "took the decision to fine-tune a small open model with LoRA on one rented GPU instead "
          "of paying for the big API, and I designed it to run in batches at night. The cost per "
          "thousand titles went from around four euro with the API to thirty cents. For me this "
          "is Frugality.")


def test_a_cost_pair_is_quoted_as_the_outcome():
    r = report_of(FRUGAL, "lp-frugality-1")
    line = next(x for x in structure_lines(r) if x.startswith("metric triad"))
    assert "business outcome ✓ (€4 to 30 cents)" in line and "said in words" not in line, line


def test_a_point_that_needs_a_number_is_not_made_without_one():
    """F1: "offline number versus online number" is never covered when no number was said."""
    from voice_coach.analysis.point_facts import key_point_verdict

    facts = {"any_number": False}
    assert not key_point_verdict("offline number versus online number", facts, True)
    assert key_point_verdict("offline number versus online number", {"any_number": True}, True)
    assert key_point_verdict("the evidence you gathered", facts, True)  # needs no number
    r = report_of("Offline it looked great, the ranking metric was clearly up, so I shipped it. "
                  "Online, in the A B test, clicks did not move at all. I compared the training "
                  "and serving features and found the serving features were a day stale. I fixed "
                  "the pipeline. What I learned is to check online before I trust offline.",
                  "lp-dive-deep-3")
    assert "offline number versus online number" not in r.structure.key_points.covered


def test_a_gloss_a_few_words_after_the_period_keeps_it():
    """F13: "around 200000 leva per year less in penalties to business clients, so about 100K
    euro" is €100K per year."""
    from voice_coach.analysis.numbers import glossed_period

    assert glossed_period("€100000", "around 200000 leva per year less in penalties to business "
                                     "clients, so about ") == " per year"
    assert glossed_period("€100000", "we paid 200000 leva per year. the team was happy, so "
                                     "about ") == ""  # another sentence
