"""Key points of a story read as hypothetical: "missed" only when the answer says so in words.

Session 14 (issue 13, 1(b) and 2): meaning.npz rebuilt with round M12 read round 13's medml-07, a
real story told in the present tense by a Mandarin-L1 speaker ("So I write a small tool, use OCR
…, and then black it out"), as hypothetical — one clause more read as hypothetical than as a
story — and the report called all 7 of its key points the labeller marked made "missed". The
answer never says "I would" or "usually we": the reading rests on the clause head alone, so its
key points are not clearly heard, never missed. An answer that says it hypothetically keeps every
point missed. Real answers of the tuning material, real embedding model, real analysis; the
answer-level reading is set as a head that reads it hypothetical would set it.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from voice_coach.analysis.facts import reconcile
from voice_coach.analysis.structure import (
    _norm, analyze_structure, clean_clauses, hypothetical_said,
)
from voice_coach.questions import load_bank

DATA = Path(__file__).parent / "data"
ROUND13 = DATA / "key_points_round13" / "key_points.toml"
ROUND11 = DATA / "key_points_round11" / "key_points.toml"


def _answer(path: Path, answer_id: str) -> dict:
    return next(a for a in tomllib.loads(path.read_text())["answer"] if a["id"] == answer_id)


def _clauses(text: str) -> list[str]:
    return [_norm(c) for _, _, c in clean_clauses(text.split())]


@pytest.fixture(scope="module")
def model():
    from voice_coach.embedder import shared_meaning_model

    m = shared_meaning_model()
    if m is None:
        pytest.skip("the embedding model is not installed")
    return m


def _read_as_hypothetical(model, answer: dict):
    """The answer analysed for real, with the answer-level reading a head that reads it
    hypothetical gives (every STAR-L part ✗), then reconciled as the report does."""
    q = load_bank().get(answer["question"])
    s = analyze_structure(answer["text"], kind=q.kind, key_points=q.key_points, model=model,
                          question=q.text)
    # no clause counted hypothetical by its words: what a head reading the tense alone gives
    labels = ["other" if c.label is None else c.label for c in s.clauses]
    s = dataclasses.replace(s, hypothetical=True,
                            hypothetical_said=hypothetical_said(_clauses(answer["text"]), labels),
                            star={p: dataclasses.replace(v, present=False, share=0.0)
                                  for p, v in s.star.items()})
    return reconcile(s, kind=q.kind, category=q.category)


def test_a_present_tense_story_read_as_hypothetical_has_no_point_missed(model):
    answer = _answer(ROUND13, "medml-07")
    s = _read_as_hypothetical(model, answer)
    assert s.hypothetical and not s.hypothetical_said
    assert s.key_points.missed == ()
    assert s.key_points.covered == ()  # a story read as hypothetical is credited nothing
    assert set(s.key_points.unclear) == set(answer["covered"] + answer["missed"])


def test_the_shipped_reading_of_that_story_calls_no_point_missed(model):
    answer = _answer(ROUND13, "medml-07")
    q = load_bank().get(answer["question"])
    s = analyze_structure(answer["text"], kind=q.kind, key_points=q.key_points, model=model,
                          question=q.text)
    assert not (s.hypothetical and s.hypothetical_said)
    r = reconcile(s, kind=q.kind, category=q.category)
    if r.hypothetical:  # meaning.npz of abafe7f reads it so; its points stay not clearly heard
        assert r.key_points.missed == () and r.key_points.covered == ()


def test_an_answer_told_as_what_we_usually_do_keeps_its_points_missed(model):
    # "In fraud we do this more or less all the time, so I tell you how we usually do it."
    answer = _answer(ROUND11, "fraudbank-16")
    s = _read_as_hypothetical(model, answer)
    assert s.hypothetical_said
    assert s.key_points.unclear == () and s.key_points.covered == ()
    assert set(s.key_points.missed) == set(answer["covered"] + answer["missed"])


@pytest.mark.parametrize(("text", "said"), [
    # what the speaker would or usually does, in any clause
    ("We usually put the new model in shadow mode first. It scores everything.", True),
    ("I'd write down the number that makes me roll back. Then one percent.", True),
    ("If I had to deliver bad news I would explain it early.", True),
    # a generalisation in a lesson, a hedge on a number, a look back: not hypothetical wording
    ("So I write a small tool and I run it on the archive. Lesson for me is, usually that is "
     "where the risk is.", False),
    ("Latency went to, I'd say, 80 ms. I run the rollback drill every week.", False),
    ("Next time I would ask for the data first. I write the tool and I run it.", False),
])
def test_hypothetical_said_in_words(text, said):
    norm = _clauses(text)
    # every clause read as a story class: only the words can say it is hypothetical
    assert hypothetical_said(norm, ["action"] * len(norm)) is said


def test_a_clause_read_as_hypothetical_and_worded_so_says_it():
    norm = _clauses("Ideally the pipeline gets retrained every week. I write the tool.")
    assert hypothetical_said(norm, ["hypothetical", "action"])
    assert not hypothetical_said(norm, ["situation", "action"])


# --- a part left out on a borderline reading ---------------------------------------------------

def _with_learning_at(model, answer: dict, proba: float):
    """The answer analysed for real, Learning left out with answer-level probability `proba` (as
    a rebuilt part decision may read it), reconciled as the report does."""
    from voice_coach.analysis.structure import STAR_PARTS

    q = load_bank().get(answer["question"])
    s = analyze_structure(answer["text"], kind=q.kind, key_points=q.key_points, model=model,
                          question=q.text)
    probs = dict(zip(STAR_PARTS, s.star_proba or (0.9,) * len(STAR_PARTS)))
    probs["learning"] = proba
    star = dict(s.star) | {"learning": dataclasses.replace(s.star["learning"], present=False,
                                                           share=0.0)}
    s = dataclasses.replace(s, star=star, hypothetical=False,
                            star_proba=tuple(probs[p] for p in STAR_PARTS))
    return s, reconcile(s, kind=q.kind, category=q.category)


def test_what_you_learned_is_not_missed_on_a_borderline_learning(model):
    # medml-16 closes with a lesson the labeller marked made; the rebuilt heads read Learning at
    # 0.25-0.5 in such answers, where "missed" was right about half the time (tuning)
    from voice_coach.analysis.facts import borderline_parts

    answer = _answer(ROUND13, "medml-16")
    s, r = _with_learning_at(model, answer, 0.4)
    assert "learning" in borderline_parts(s)
    assert "what you learned" not in r.key_points.missed
    assert "what you learned" not in r.key_points.covered  # Learning ✗: never credited
    s, _ = _with_learning_at(model, answer, 0.05)
    assert "learning" not in borderline_parts(s)  # a clear absence stays evidence
