"""How the triad's numbers and changes are said aloud, by mechanism (session 13, issue #13 item 1).

Every wording here is written for its mechanism, not copied from a tuning or unseen answer."""

import pytest

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.structure import _norm, analyze_structure, detect_metric_triad


def _triad(*clauses: str, labels: tuple[str, ...] = ()):
    return detect_metric_triad([_norm(c) for c in clauses], list(labels) or ["result"] * len(clauses),
                               roles=True)


# --- ratios with the noun inside ------------------------------------------------------------

@pytest.mark.parametrize("said, written", [
    ("Maybe one invoice in twenty was flagged.", "Maybe 1 in 20 invoice was flagged."),
    ("two refunds out of every five came back", "2 out of every 5 refunds came back"),
    ("roughly one lookup in a thousand", "roughly 1 in 1000 lookup"),
    # a count over a span, a place, a year or a population: no ratio
    ("we onboarded three analysts in two weeks", "we onboarded 3 analysts in 2 weeks"),
    ("four servers in three regions", "4 servers in 3 regions"),
    ("one hire in 2021", "one hire in 2021"),
    ("it was one person in ten people", "it was one person in 10 people"),
    ("six bugs in ten thousand lines", "6 bugs in 10000 lines"),
])
def test_ratio_with_its_noun_inside(said, written):
    assert normalize_numbers(said) == written


def test_ratio_with_its_noun_inside_fills_both_slots():
    t = _triad("Before my change maybe four invoices out of ten needed a manual fix.",
               "After the matcher went live it was one invoice in ten.")
    assert t.baseline and t.after, t


# --- a change from a fraction of a whole ----------------------------------------------------

def test_a_fraction_of_a_whole_is_the_from_level():
    assert normalize_numbers("went from about half of the orders to under ten percent") \
        == "went from about 50% of the orders to under 10%"
    assert normalize_numbers("from half of the team") == "from half of the team"  # no change
    assert _triad("Manual review went from a quarter of all claims to about six percent.").baseline


# --- changes said as multiples, or as a share taken off --------------------------------------

def test_halved_doubled_cut_in_half_are_the_after_in_the_outcome():
    assert _triad("After the dedup rule the nightly alerts halved.").after
    assert _triad("We cut the retry storms in half once the backoff shipped.").after
    assert _triad("The new onboarding flow doubled the activation rate.").after
    # told in the set-up it is where the work started, not what it brought
    t = _triad("Our storage bill had roughly doubled over the year.", "So I looked at retention.",
               labels=("situation", "action"))
    assert not t.after, t


def test_a_share_taken_off_is_a_change_and_money_an_outcome():
    t = _triad("So we moved the batch jobs to spot machines.",
               "In the end we took about forty percent off the compute spend.",
               labels=("action", "result"))
    assert t.after and t.business_outcome, t


def test_a_fraction_the_level_became_after_the_level_said():
    t = _triad("Hosting was the pain, we paid about three million won a month.",
               "After the migration it became a third.", labels=("situation", "result"))
    assert t.baseline and t.after, t


# --- a change's amount said after an aside ----------------------------------------------------

@pytest.mark.parametrize("said, written", [
    ("renewals went up, I think it was about twelve percent relative",
     "renewals went up by about 12% relative"),
    ("the backlog came down, I'd say roughly by a fifth", "the backlog came down by roughly a fifth"),
    ("it dropped, I think, to four percent", "it dropped to 4%"),  # a level stays a level
])
def test_change_amount_after_an_aside(said, written):
    assert normalize_numbers(said) == written


def test_an_amount_restated_as_a_reduction_is_no_baseline():
    t = _triad("After that the abandoned-search rate fell by almost a third, I think it was around "
               "thirty percent reduction.")
    assert t.after and not t.baseline, t


# --- what is not a measured level ------------------------------------------------------------

def test_a_counterfactual_would_have_is_no_after():
    t = _triad("A canary would have caught it in ten minutes instead of four hours.",
               labels=("learning",))
    assert not t.after, t


def test_a_duration_after_after_says_when():
    t = _triad("I left consulting after five years.", "I was promoted after about two years.",
               labels=("situation", "situation"))
    assert not t.after, t
    assert _triad("The export now finishes in about twelve minutes, it used to take two hours.").after


# --- a number said after a pause (QA12 F08) --------------------------------------------------

def test_a_level_verbs_number_said_after_a_pause():
    t = _triad("The checkout latency was the problem.", "It used to be, before the rewrite.",
               "Two hundred forty milliseconds.", "On launch day, ninety.",
               labels=("situation", "situation", "situation", "result"))
    assert t.baseline and t.after, t
    # a bare number with no baseline said before is no after
    assert not _triad("On launch day, ninety.").after


# --- by meaning: technical explanations and click-through ------------------------------------

@pytest.fixture(scope="module")
def model():
    from voice_coach.embedder import load_meaning_model
    return load_meaning_model()


@pytest.mark.slow
def test_a_technical_explanation_fills_no_triad_slot(model):
    text = ("So for a billion vectors you can't keep them all in memory. You'd use product "
            "quantization, which compresses them from about four terabytes down to a few hundred "
            "gigs, and then you re-rank the top hundred with full vectors. Then canary it at 1%, "
            "then 10, 50, 100.")
    t = analyze_structure(text, kind="technical", model=model, method="meaning").metric_triad
    assert not (t.baseline or t.after or t.business_outcome), t


@pytest.mark.slow
def test_a_technical_answer_keeps_the_project_it_tells(model):
    text = ("We built an attribute extractor for product titles. The old rule system was around "
            "0.6 F1 and the fine-tuned model got to about 0.8. Online, the click-through on "
            "filtered results went up, I think around eight percent after we launched.")
    t = analyze_structure(text, kind="technical", model=model, method="meaning").metric_triad
    assert t.baseline and t.after, t


@pytest.mark.slow
def test_click_through_after_the_work_is_a_customer_outcome(model):
    text = ("Shoppers kept getting offers for things they had just bought. I moved the purchase "
            "features to the streaming path so they refresh within a minute. Click-through on the "
            "offers went up, I think it was about fifteen percent relative.")
    t = analyze_structure(text, kind="behavioral", model=model, method="meaning").metric_triad
    assert t.after and t.business_outcome, t


def test_a_multiple_in_a_backstory_is_no_after():
    t = _triad("It turned out that a year back another team had shipped a model which doubled "
               "the error rate.", labels=("result",))
    assert not t.after, t
