"""Action and Result told the ways new voices tell them (issue #13, struct10b).

Two mechanisms of the meaning reading (`analysis/structure.py`), each checked on sentences
written for this test (not taken from any tuning round or trial):

- a story told in the present with "we" ("we dig into the traces, we cap the retries") is a real
  story when nothing in the answer is worded hypothetically: the clause head's `hypothetical`
  on top is the tense, and the clause's best story class counts (`told_in_present`);
- a consequence told after the work ("…, so the on-call folks stopped getting paged") is a
  Result, not the set-up (`consequence`).

The negatives keep their sense: an answer worded "I would …" stays hypothetical, and a "so"
clause before anything was done, or one where the speaker acts ("so we …"), is no Result.
"""

import pytest

from voice_coach import embedder
from voice_coach.analysis.structure import analyze_structure, consequence, told_in_present


@pytest.mark.parametrize(("clause", "said"), [
    ("so the on-call folks stopped getting paged overnight", True),
    ("which meant the planners stopped overriding the forecast", True),
    ("as a result refunds fell by about a fifth", True),
    ("so we stopped the rollout", False),  # the speaker's next step
    ("so the dashboard was red every morning", False),  # no change
    ("so it would probably cut the refunds in half", False),  # a hope
])
def test_a_consequence_opens_as_one_and_states_a_change(clause: str, said: bool) -> None:
    assert consequence(clause) is said


@pytest.mark.parametrize(("clauses", "story"), [
    (["we dig into the traces", "we cap the retries at 2"], True),
    (["i'd say about 40% of tickets were duplicates", "we merged them"], True),  # a hedge
    (["we shipped it", "next time i would test it on one region first"], True),  # a look back
    (["i would first look at the logs", "then we cap the retries"], False),
    (["usually we page the owner", "they fix it"], False),
])
def test_an_answer_is_told_in_the_present_only_without_hypothetical_wording(
        clauses: list[str], story: bool) -> None:
    assert told_in_present(clauses) is story


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "So the checkout service kept timing out every Friday. We dig into the traces and we find "
    "the retry storm, so we put a circuit breaker in front of the payment call and we cap the "
    "retries at two. After that the Friday timeouts basically disappear.",
    "ok so the warehouse scanners keep dropping orders at the end of shift. we pull the device "
    "logs and we see the batteries die around hour seven so we swap the batch upload for a "
    "streaming one and we add a low battery warning. dropped orders basically go away",
])
def test_a_we_story_in_the_historic_present_has_its_action_and_result(text: str) -> None:
    model = embedder.shared_meaning_model()
    assert model is not None
    s = analyze_structure(text, kind="behavioral", model=model, method="meaning")
    assert not s.hypothetical
    assert s.star_present["action"] and s.star_present["result"], s.star_present


@pytest.mark.slow
def test_an_answer_worded_hypothetically_stays_hypothetical() -> None:
    model = embedder.shared_meaning_model()
    s = analyze_structure("If a release broke checkout I would first roll it back. Then we look "
                          "at the traces and we find the cause. We fix it and we write it up.",
                          kind="behavioral", model=model, method="meaning")
    assert not s.star_present["result"], s.star_present


@pytest.mark.slow
def test_a_consequence_after_the_work_is_the_result_and_the_outcome() -> None:
    model = embedder.shared_meaning_model()
    s = analyze_structure("The pager went off most nights because of flapping disk alerts. I "
                          "rewrote the alert rules with a ten minute window and merged the "
                          "duplicates, so the on-call folks stopped getting paged overnight.",
                          kind="behavioral", model=model, method="meaning")
    assert s.star_present["action"] and s.star_present["result"], s.star_present
    assert s.metric_triad.business_outcome, s.metric_triad


@pytest.mark.parametrize(("said", "pieces"), [
    # QA9 F05: a filler and a short opener before the new "I"
    ("So I built a two tower model on query text plus ad titles and uh before the launch, I "
     "dug into the calibration plots and found the model was over predicting",
     ["So I built a two tower model on query text plus ad titles",
      "and uh before the launch, I dug into the calibration plots and found the model was over "
      "predicting"]),
    # no comma closing an opener: one piece, as before
    ("I talked to the sellers and before the launch we had agreed on a much simpler rollout plan",
     ["I talked to the sellers and before the launch we had agreed on a much simpler rollout "
      "plan"]),
])
def test_a_long_run_on_is_cut_before_a_new_subject_after_a_short_opener(
        said: str, pieces: list[str]) -> None:
    from voice_coach.analysis.structure import _sub_split

    tokens = said.split()
    assert [" ".join(tokens[a:b]) for a, b in _sub_split(tokens, 0, len(tokens))] == pieces


@pytest.mark.slow
def test_qa9_f05_an_i_led_run_on_in_the_middle_is_action() -> None:
    model = embedder.shared_meaning_model()
    s = analyze_structure(
        "We had a boosted tree model for ad clicks that could not read the query text, and my "
        "part was to build the neural replacement. So I built a two tower model on the query and "
        "the ad title and uh before the launch, I dug into the calibration plots and found the "
        "model was over predicting on new ads. So I added a calibration layer. We tested it on "
        "ten percent of traffic and the click through rate went from two point one to two point "
        "four percent.", kind="behavioral", model=model, method="meaning")
    assert s.star_present["action"] and s.star_share["action"] >= 0.25, s.star_share


@pytest.mark.parametrize("said", [
    "so I went to the product lead that same week and said, we won't have the model in time",
    "I built a check that compares every number with the catalogue and if it doesn't match, we "
    "fall back to a safe answer",
])
def test_reported_speech_and_a_condition_are_no_opener(said: str) -> None:
    from voice_coach.analysis.structure import _sub_split

    tokens = said.split()
    assert _sub_split(tokens, 0, len(tokens)) == [(0, len(tokens))]
