"""scripts/retell.py: past-tense clauses retold in the historic present and the present
continuous, as the clause head's training (scripts/train_meaning.py) uses them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from retell import retell, told_in_present  # noqa: E402

CASES = [
    # (past, historic present, present continuous)
    ("I rewrote the parser and we shipped it on Friday.",
     "I rewrite the parser and we ship it on Friday.",
     "I am rewriting the parser and we are shipping it on Friday."),
    # irregular verbs, a third person singular subject
    ("The error rate went up and nobody knew why.",
     "The error rate goes up and nobody knows why.",
     "The error rate is going up and nobody knows why."),
    # a plural noun subject; "was" and "were"; "there were"
    ("our dashboards were stale and there were two owners",
     "our dashboards are stale and there are two owners",
     "our dashboards are stale and there are two owners"),
    # verbs in a series keep the first verb's subject
    ("i traced the spike, found a bad join and fixed it",
     "i trace the spike, find a bad join and fix it",
     "i am tracing the spike, finding a bad join and fixing it"),
    # a participle after an auxiliary or an article stays; "had" + participle is the perfect
    ("We had already deployed a retrained ranker that was tuned for mobile.",
     "We have already deployed a retrained ranker that is tuned for mobile.",
     "We have already deployed a retrained ranker that is tuned for mobile."),
    # negations and "could"
    ("I didn't wait, I couldn't reach her and she wasn't online",
     "I don't wait, I can't reach her and she isn't online",
     "I don't wait, I can't reach her and she isn't online"),
    # "I was" and a stative verb in the continuous
    ("I was asked to own it because I knew the data",
     "I am asked to own it because I know the data",
     "I am asked to own it because I know the data"),
]


@pytest.mark.parametrize("past, present, continuous", CASES)
def test_retell_past_clauses(past: str, present: str, continuous: str) -> None:
    assert retell(past, "present") == present
    assert retell(past, "continuous") == continuous


@pytest.mark.parametrize("text", [
    "I think we should move the features to a cache",  # already present, a modal
    "We cut the budget and set a new target",  # same form in both tenses
    "to be honest the ranking model needs a rewrite",
    "",
])
def test_nothing_to_retell(text: str) -> None:
    assert retell(text, "present") is None
    assert retell(text, "continuous") is None


def test_unknown_tense_is_an_error() -> None:
    with pytest.raises(ValueError, match="tense"):
        retell("I moved it", "future")


@pytest.mark.parametrize("text, present", [
    ("So I open the dashboard and I see the queue is growing, we restart the workers.", True),
    ("I'm looking at the logs and we're finding the cache is cold.", True),
    ("I opened the dashboard and saw the queue growing, so we restarted the workers.", False),
    ("We had no tests. I wrote them and I think it helped.", False),
])
def test_told_in_present(text: str, present: bool) -> None:
    assert told_in_present(text) is present
