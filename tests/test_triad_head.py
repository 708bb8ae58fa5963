"""The triad head (`analysis.triad_head`): a learned mark only with its quoted number (issue #13).

Answers are real texts of the spent rounds (tests/data/spent_session*/), analysed as
`voice-coach analyze` does, with the real embedder and the shipped weights."""

import tomllib
from pathlib import Path

import numpy as np
import pytest

from voice_coach.analysis import triad_head as th
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

DATA = Path(__file__).parent / "data"


def _answer(path: str, answer_id: str) -> dict:
    answers = tomllib.loads((DATA / path).read_text())["answer"]
    return next(a for a in answers if a["id"] == answer_id)


def _triad(answer: dict, monkeypatch, head_on: bool) -> dict:
    monkeypatch.setenv(th.DISABLE_ENV, "0" if head_on else "1")
    th.shared_head.cache_clear()
    try:
        report = analyze_text(answer["text"], cfg=Config(),
                              question=load_bank().get(answer["question_id"]))
    finally:
        th.shared_head.cache_clear()
    return report.to_json()["structure"]["metric_triad"]


def test_paraphrased_outcome_gets_the_mark_with_its_number(monkeypatch):
    # "in money, for us, that's roughly two million cedis a year that stopped going to
    # fraudsters": worth said without a business word the rules read
    answer = _answer("spent_session24/round24/ghanapay.toml", "ghanapay-21")
    rules = _triad(answer, monkeypatch, head_on=False)
    assert not rules["business_outcome"]
    head = _triad(answer, monkeypatch, head_on=True)
    assert head["business_outcome"]
    assert ["outcome", "roughly 2m cedis a year"] in [list(s) for s in head["slots"]]
    assert head["baseline"] == rules["baseline"] and head["after"] == rules["after"]


def test_plain_after_number_is_no_business_outcome(monkeypatch):
    # "a new ranker, that was like three points better in NDCG offline": a model's metric
    answer = _answer("spent_session25/round25/bogcoffee.toml", "bogcoffee-19")
    head = _triad(answer, monkeypatch, head_on=True)
    assert head == _triad(answer, monkeypatch, head_on=False)
    assert not head["business_outcome"]


def test_every_outcome_mark_quotes_a_number(monkeypatch):
    answer = _answer("spent_session24/round24/ghanapay.toml", "ghanapay-21")
    head = _triad(answer, monkeypatch, head_on=True)
    assert all(any(ch.isdigit() for ch in span) for role, span in head["slots"]
               if role == "outcome")


def test_broken_weights_fail_clearly(tmp_path):
    missing = tmp_path / "missing_fields.npz"
    np.savez(missing, weights=np.zeros((2, 3)))
    with pytest.raises(th.TriadHeadError, match="cannot be read"):
        th.load_head(missing)
    d = dict(np.load(th.TRIAD_PATH))
    d["weights"] = d["weights"][:, :-1]
    wrong = tmp_path / "wrong_shape.npz"
    np.savez(wrong, **d)
    with pytest.raises(th.TriadHeadError, match="rebuild it with scripts/train_triad_head.py"):
        th.load_head(wrong)
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not a zip")
    with pytest.raises(th.TriadHeadError, match="cannot be read"):
        th.load_head(garbage)


def test_shipped_head_marks_business_outcome_only():
    head = th.load_head()
    assert head.thresholds[th.SLOTS.index("after")] >= 1.0
    assert 0.5 < head.thresholds[th.SLOTS.index("business_outcome")] < 1.0
