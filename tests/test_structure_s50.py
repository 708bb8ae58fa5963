"""Session 50: number roles on the spent rounds 57-59 and QA96 (issue #13), each a mechanism
rather than one phrasing: "it'd been" is "it had been"; money in any currency said as a word
(or "£") is a level as "$" is; a level said beside one named as the old thing's is the after;
a space between thousands ("3 900 euros"); a level tagged "before" a few words on (QA96 F1)."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import normalize_numbers
from tests.tools import triad_of


def _roles(text: str, qid: str = "lp-deliver-results-1") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for role, span in triad_of(text, qid).slots:
        out.setdefault(role, []).append(span)
    return out


@pytest.mark.parametrize("had", ["it'd been", "it\u2019d been", "it had been"])
def test_a_level_said_with_it_d_been_is_the_baseline(had):
    roles = _roles("I rebuilt the checker. Factual slips got down to under half a percent, "
                   f"{had} around three.")
    said = " ".join(roles.get("baseline", []) + roles.get("pair", []))
    assert "3%" in said and "0.5%" in said, roles


@pytest.mark.parametrize("currency", ["pounds", "pesos", "rupees", "naira", "NZD"])
def test_money_in_a_currency_said_as_a_word_is_a_level(currency):
    roles = _roles("I moved the training to CPU boxes. The training was costing about 8000 "
                   f"{currency} a month. It is about 2000 {currency} a month now.",
                   "lp-frugality-2")
    assert any("8000" in b for b in roles.get("baseline", [])), roles
    assert any("2000" in a for a in roles.get("after", [])), roles


def test_money_in_pounds_sign_is_a_level():
    roles = _roles("I moved the training to CPU boxes. The training was costing about £8000 a "
                   "month. It is about £2000 a month now.", "lp-frugality-2")
    assert roles.get("baseline") and roles.get("after"), roles


@pytest.mark.parametrize("text", [
    "Result was word error rate 18.4 percent on the archive test set, the old system had 23.",
    "First proper fine-tune got a ROUGE-L of about point four two, the prompted baseline was "
    "around point three one.",
    "Fine-tuned with retrieval was correct in 81 percent, prompt-only baseline 58.",
])
def test_a_level_beside_the_old_things_is_the_after(text):
    roles = _roles("I trained on short utterances first and used mixed precision. " + text,
                   "lp-frugality-1")
    assert roles.get("baseline") and roles.get("after"), roles


def test_a_count_beside_the_old_thing_is_no_after():
    roles = _roles("I changed the model. The new model is at 0.42, the old one had 3 engineers.",
                   "lp-frugality-1")
    assert "baseline" not in roles, roles


@pytest.mark.parametrize("said, canonical", [
    ("it cost about 3 900 euros per month", "€3900 per month"),
    ("about 3 000 question answer pairs", "3000 question answer pairs"),
    ("12 345 678 users", "12345678 users"),
    ("the scores were 1 2 3", "1 2 3"),
    ("version 1.2 300 users", "1.2 300 users"),
])
def test_a_space_between_thousands(said, canonical):
    assert canonical in normalize_numbers(said)


@pytest.mark.parametrize("level", ["Fifteen percent, that was the level before.",
                                   "15 % that was the level before."])
def test_f1_a_level_tagged_before_a_few_words_on_is_the_baseline(level):
    """QA96 F1: the baseline said after the result, tagged "before" four words on."""
    roles = _roles("I rebuilt the gate forecast. The no-shows at the gate fell to six percent. "
                   + level)
    assert any("15%" in b for b in roles.get("baseline", [])), roles


def test_f10_a_baseline_after_a_relative_change_in_one_clause():
    """QA100 F10: "became two times less, it was eighteen percent before": the change's amount
    is guarded, and the level a later part of the clause tags "before" is still read."""
    roles = _roles("I replaced the old reserving method with a model. The reserve error became "
                   "two times less, it was eighteen percent before.", "lp-invent-simplify-1")
    assert any("18%" in b for b in roles.get("baseline", [])), roles
