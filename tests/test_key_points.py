"""Key-point coverage by meaning, read three ways (covered / not clearly heard / missed), on real
answers with the real model (issue #13 deliverable 1(b), QA4 F11)."""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from voice_coach.analysis.embed import token_windows
from voice_coach.analysis.facts import ownership_voice, reconcile
from voice_coach.analysis.point_facts import key_point_facts
from voice_coach.analysis.key_points import (
    FEATURES, QUOTE_WORDS, SPAN_WINDOWS, point_evidence, question_clauses, quote_words,
    span_words,
)
from voice_coach.analysis.structure import (
    analyze_structure, answer_key_point_evidence, is_definition,
)
from voice_coach.analysis.vocabulary import KEY_POINT_ABSENCE_UNSURE
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank()
CFG = Config()

# QA4 F11: the answers a new user tried (lp-ownership-3, lp-dive-deep-1)
OUTAGE = (
    "In twenty twenty four I owned the recommendation service for our streaming app. One Friday "
    "the model started serving the same ten titles to everyone, because a feature pipeline had "
    "silently stopped updating. I was on call, so it was my job to fix it and make sure it never "
    "happened again. I rolled back to the previous model within forty minutes, then I traced the "
    "problem to an upstream schema change that turned a column into nulls. I added a data "
    "validation check that blocks a model push when more than five percent of a feature is "
    "missing, and I wrote the postmortem myself. After the fix, watch time recovered to normal by "
    "Monday, and we have had zero silent feature outages in the nine months since. I learned "
    "that owning a model means owning its inputs too.")
RETELL = (
    "Let me tell you about the search relevance problem at the retailer. Customers were giving "
    "up on search, and I owned finding the root cause. I replayed one hundred thousand logged "
    "queries and saw that the null result rate for long queries had spiked. I suspected the "
    "tokenizer, the synonym table, or index lag, and I ruled them out one by one until I proved "
    "the new tokenizer was breaking product codes apart. I fixed the tokenizer and shipped it "
    "behind an A B test. Null results fell from thirteen percent to five percent, and conversion "
    "on search rose twenty five percent, worth around a quarter of a million dollars a month. For "
    "me this was about Dive Deep: I did not trust the dashboard average, I went into the raw "
    "queries. What I learned is to slice metrics by segment before concluding anything.")


def test_token_windows_cover_every_word_piece_once_or_more():
    assert token_windows(5, 10, 5) == [(1, 4)]  # [CLS] a b c [SEP]: one window, no specials
    wins = token_windows(32, 10, 5)  # 30 word pieces
    assert wins[0] == (1, 11) and wins[-1][1] == 31
    assert all(b - a == 10 for a, b in wins)
    assert set().union(*(range(a, b) for a, b in wins)) == set(range(1, 31))
    assert token_windows(2, 10, 5) == [(0, 2)]  # an empty text still has one span


def test_span_words_are_whole_words():
    text = "i rolled back to the previous model within forty minutes"
    assert span_words(text, 4, 22) == "rolled back to the previous"
    assert span_words(text, 0, len(text)) == text


def test_the_closest_span_is_quoted_in_its_clause():
    """QA7 F15/F17: "(closest: "What I want next is a job where I own")" cannot be judged; the
    clause it sits in can."""
    clause = ("What I want next is a job where I own the modelling from the data to the launch, "
              "on a much larger catalogue.")
    assert quote_words(clause, 0, 37) == clause
    long = " ".join(f"w{i}" for i in range(60))
    start = long.index("w30")
    quoted = quote_words(long, start, start + len("w30 w31 w32")).split()
    assert len(quoted) == QUOTE_WORDS and {"w30", "w31", "w32"} <= set(quoted)
    assert quoted == long.split()[quoted and int(quoted[0][1:]):int(quoted[-1][1:]) + 1]
    assert quote_words(long, 0, 2).split()[0] == "w0"  # a span at the start keeps the start
    assert quote_words(long, len(long) - 3, len(long)).split()[-1] == "w59"


@pytest.fixture(scope="module")
def model():
    from voice_coach import embedder

    return embedder.load_meaning_model()


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _judged(model, text: str, qid: str):
    q = BANK.get(qid)
    return reconcile(analyze_structure(text, kind=q.kind, key_points=q.key_points, model=model,
                                       question=q.text),
                     kind=q.kind, category=q.category).key_points


@pytest.mark.slow
def test_spans_come_from_the_same_run_as_the_vectors(model):
    texts = ["I rolled back to the previous model within forty minutes, then I traced the "
             "problem to an upstream schema change", "immediate mitigation"]
    run = model.embedder.embed_spans(texts, [(10, 5)])
    assert np.allclose(run.vectors, model.embedder.embed(texts), atol=1e-5)
    assert set(run.span_rows.tolist()) == {0, 1} and set(run.span_widths.tolist()) == {10}
    assert np.allclose(np.linalg.norm(run.span_vectors, axis=1), 1.0, atol=1e-5)
    first = [span_words(texts[0], a, b) for (a, b), r in zip(run.span_chars, run.span_rows)
             if r == 0]
    assert first[0].startswith("I rolled back") and first[-1].endswith("schema change")


@pytest.mark.slow
def test_the_head_file_is_built_from_the_current_sets(model):
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_key_points

    with np.load(ROOT / "voice_coach/data/key_points.npz") as d:
        assert str(d["source_sha256"]) == train_key_points.source_digest(), \
            "a key-point set changed: run scripts/train_key_points.py"
    assert model.points.features == FEATURES
    assert 0 < model.points.missed_below < model.points.covered_from < 1


@pytest.mark.slow
def test_concrete_steps_are_not_called_missed_for_abstract_points(model):
    """F11: "I replayed one hundred thousand logged queries" is "the data and tools you used";
    "I added a data validation check that blocks a model push" is the lasting fix. ("I rolled
    back … within forty minutes" for "immediate mitigation" sits on the "missed" limit: 0.219
    against 0.21 with the head of rounds 5–6, 0.205 with round 7 added — docs/structure.md,
    "Round 7 and definitions".)"""
    retell = _judged(model, RETELL, "lp-dive-deep-1")
    assert "the data and tools you used" in retell.covered
    assert "the root cause" in retell.covered
    outage = _judged(model, OUTAGE, "lp-ownership-3")
    assert "the lasting fix so it cannot happen again" in outage.covered
    assert "immediate mitigation" not in outage.covered


@pytest.mark.slow
def test_a_point_not_clearly_heard_is_shown_with_the_closest_words():
    r = analyze_text(OUTAGE, cfg=CFG, question=BANK.get("lp-ownership-3"))
    kp = r.structure.key_points
    assert kp.unclear and len(kp.closest) == len(kp.unclear)
    assert all(words and _plain(words) in _plain(OUTAGE) for words in kp.closest)
    messages = [f.message for f in r.feedback if f.area == "key_points"]
    heard = [m for m in messages if m.startswith("Not clearly heard")]
    assert heard and all(point in heard[0] for point in kp.unclear[:3])
    missed_line = " ".join(m for m in messages if m.startswith("Not covered"))
    assert not any(point in missed_line for point in kp.unclear)


# QA7 F15 in other words: the root cause said as one ("because the model was promoting …")
ROOT_CAUSE = (
    "At the food delivery app our new ranking model won the offline test, but in the A B test "
    "orders per session went down by two percent. I owned the evaluation, so I dug into it. I "
    "split the results by city and by time of day and saw that the drop was all at lunch, "
    "because the model was promoting restaurants that were far away and slow to deliver. I added "
    "the delivery time estimate as a feature and reran the test for two weeks, and orders per "
    "session came back to the old level while clicks stayed up. I learned to check the metric "
    "that pays, not only the one the model optimises.")


@pytest.mark.slow
def test_a_point_not_clearly_heard_is_quoted_as_a_whole_clause(model):
    kp = _judged(model, ROOT_CAUSE, "lp-dive-deep-1")
    assert kp.unclear
    for words in kp.closest:
        # the answer's own words, up to a clause's end or QUOTE_WORDS of a longer clause
        assert words in ROOT_CAUSE and len(words.split()) <= QUOTE_WORDS
        assert words[-1] in ".," or len(words.split()) == QUOTE_WORDS, words
    if "the root cause" in kp.unclear:
        quote = kp.closest[kp.unclear.index("the root cause")]
        assert quote == ("because the model was promoting restaurants that were far away and "
                         "slow to deliver.")


@pytest.mark.slow
def test_an_answer_about_something_else_covers_no_content_point(model):
    kp = _judged(model, "I spend most weekends hiking with my dog and my sister, and in the "
                 "evenings I bake bread.", "lp-ownership-3")
    content = [k for k in BANK.get("lp-ownership-3").key_points if not key_point_facts(k)]
    assert not set(content) & set(kp.covered)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "qid"), [(OUTAGE, "lp-ownership-3"), (RETELL, "lp-dive-deep-1")])
def test_facts_are_unclear_only_when_their_absence_is_no_evidence(model, text, qid):
    """A key point that restates a fact is that fact (one set of facts): covered or missed,
    "not clearly heard" only when a fact it lacks is one whose absence is no evidence
    (`vocabulary.KEY_POINT_ABSENCE_UNSURE`: Task)."""
    kp = _judged(model, text, qid)
    q = BANK.get(qid)
    assert not [k for k in kp.unclear
                if key_point_facts(k) and not set(key_point_facts(k)) & KEY_POINT_ABSENCE_UNSURE]
    assert sorted(kp.covered + kp.missed + kp.unclear) == sorted(q.key_points)


BIAS_VARIANCE = ("Roughly, bias is error from the model being too simple for the true "
                 "relationship, variance is error from being sensitive to the particular "
                 "training sample, and making the model more flexible tends to lower the first "
                 "and raise the second.")


@pytest.mark.slow
def test_a_definition_said_in_other_words_is_not_called_missed(model):
    """The definition rule needs the term's own words; "bias is error from the model being too
    simple" for "bias is error from overly simple assumptions" is not found by it but reads as
    covered by the head: not clearly heard, never missed (session 9: 8 of 11 such points were
    made in the tuning rounds). An answer that never defines it still has it missed."""
    point = "bias is error from overly simple assumptions"
    kp = _judged(model, BIAS_VARIANCE, "ml-bias-variance-1")
    assert point in kp.unclear
    other = _judged(model, "I like gradient boosting because it is fast. We used it for the "
                    "churn model and it worked well.", "ml-bias-variance-1")
    assert point in other.missed


@pytest.mark.slow
def test_a_hypothetical_story_has_every_point_missed_none_unclear(model):
    kp = _judged(model, "If an outage happened I would roll back first, and then I would look "
                 "for the root cause and I would tell the stakeholders.", "lp-ownership-3")
    assert not kp.covered and not kp.unclear
    assert len(kp.missed) == len(BANK.get("lp-ownership-3").key_points)


@pytest.mark.slow
def test_bench_reads_every_set_and_the_head_calls_fewer_false_misses():
    sys.path.insert(0, str(ROOT))
    from bench import key_points_accuracy

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert key_points_accuracy.main(["--set", "tuning"]) == 0
    rows = {}
    for line in out.getvalue().splitlines():
        m = re.match(r"\| tuning \(all\) \| (.+?) \| [\d.]+ \((\d+)/(\d+)\) \| (\d+) \| (\d+) \|"
                     r" .*\| (\d+)(?: \((\d+) covered\))? \|$", line)
        if m:
            rows[m.group(1)] = [int(x or 0) for x in m.groups()[1:]]
    assert set(rows) == {"words only", "rules, no head", "report, head in-sample"}
    for ok, decided, false_credits, misses, unclear, _ in rows.values():
        assert ok + false_credits + misses == decided and decided + unclear == 104
    assert rows["report, head in-sample"][3] < rows["rules, no head"][3]


def test_a_definition_is_of_a_term_the_question_names():
    """The definition rule judges a point about a term the question asks about (MiniLM cannot
    tell precision from recall); a statement about something the question does not name is a
    content point like any other; without the question every such shape is a definition."""
    metrics, lora = BANK.get("ml-metrics-1"), BANK.get("llm-lora-mechanics-1")
    precision = "precision is the share of positive predictions that are right"
    frozen = "the base weights are frozen"
    assert precision in metrics.key_points and frozen in lora.key_points
    assert is_definition(precision, metrics.text) and is_definition(precision)
    assert not is_definition(frozen, lora.text) and is_definition(frozen)
    assert not is_definition("adapters train a small fraction of the parameters", lora.text)


@pytest.mark.slow
def test_a_statement_said_in_other_words_is_not_called_missed(model):
    """"the base weights are frozen" said as "the pretrained weights stay frozen" (no "base")
    and "the weight update is a product of two small low rank matrices" as "two skinny
    matrices whose product you add" were missed by the definition rule, which needs the term's
    own words; judged by meaning they are not. A definition of a term the question names still
    needs the term and the definition to be credited: naming precision is not defining it."""
    lora = ("So LoRA, the idea is the pretrained weights stay frozen, you don't touch the big "
            "network at all. Instead you learn a low rank update, two skinny matrices whose "
            "product you add on top of each layer. I'd tune the rank first and then the learning "
            "rate, and maybe which layers get adapters.")
    q = BANK.get("llm-lora-mechanics-1")
    kp = _judged(model, lora, q.id)
    assert {"the base weights are frozen",
            "the weight update is a product of two small low rank matrices"} <= set(kp.covered)
    without_question = reconcile(analyze_structure(lora, kind=q.kind, key_points=q.key_points,
                                                   model=model), kind=q.kind).key_points
    assert "the base weights are frozen" not in without_question.covered  # definition rule
    named = ("Precision and recall are the classic pair, and which one matters depends on the "
             "cost of errors. For fraud I'd go with one, for spam filtering the other.")
    kp = _judged(model, named, "ml-metrics-1")
    # never credited; MiniLM reads the pair as close to the definition, so it is not clearly
    # heard rather than missed (a definition the rule does not find: session 9)
    assert "precision is the share of positive predictions that are right" not in kp.covered


# QA7 F02: a two-sentence situation and "My job was to fix …" (S ✓ T ✓), set-up a bit long
DEADLINE = (
    "So, uh, at the marketplace I was the applied scientist on sponsored listings ranking. We had "
    "six weeks before the holiday season and the click model was badly calibrated, uh, it "
    "over-predicted on new sellers. My job was to fix the calibration before the code freeze. So "
    "I, um, I built a per-segment isotonic calibration layer, I wrote the offline replay and I "
    "ran a two week A B test on ten percent of traffic. Click-through rate was one point eight "
    "percent before, and after the launch it was two point one percent. That was roughly four "
    "hundred k dollars a month in extra ad revenue. What I learned is to check calibration per "
    "segment, not only globally, before any launch.")


@pytest.mark.slow
def test_a_long_set_up_is_coached_not_called_missing():
    """F02: "Situation and Task took 51 % — keep the set-up to about a quarter" next to "Not
    covered: short situation and your own responsibility" said the set-up was both too long
    and missing; the key point follows the S and T facts, the length has its own line."""
    r = analyze_text(DEADLINE, cfg=CFG, question=BANK.get("lp-deliver-results-2"))
    s = r.structure
    assert s.star["situation"].present and s.star["task"].present
    assert "short situation and your own responsibility" in s.key_points.covered
    missed_line = " ".join(f.message for f in r.feedback if f.message.startswith("Not covered"))
    assert "short situation" not in missed_line


@pytest.mark.slow
def test_bench_leaves_the_measured_set_out_of_the_head():
    """`--cv set`: the head that judges a set is trained on other sets only (here round 7), so
    its verdicts on the tuning set differ from the shipped head's, which has seen it."""
    sys.path.insert(0, str(ROOT))
    from bench import key_points_accuracy

    def tuning_row(argv: list[str]) -> list[int]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert key_points_accuracy.main(argv) == 0
        for line in out.getvalue().splitlines():
            m = re.match(r"\| tuning \(all\) \| report, head (?:in-sample|left out \(CV by set\))"
                         r" \| [\d.]+ \((\d+)/(\d+)\) \| (\d+) \| (\d+) \| .*\| (\d+)", line)
            if m:
                return [int(x) for x in m.groups()]
        raise AssertionError("no report row for the tuning set")

    held_out = tuning_row(["--set", "tuning", "--cv", "set", "--train", "round7"])
    ok, decided, false_credits, misses, unclear = held_out
    assert ok + false_credits + misses == decided and decided + unclear == 104
    assert held_out != tuning_row(["--set", "tuning"])


def test_the_question_is_split_into_the_clauses_that_ask_for_parts():
    q = BANK.get("lp-deliver-results-1").text
    assert question_clauses(q) == [
        "Tell me about the most important result you delivered in the last couple of years.",
        "What got in the way,", "and how did you get past it?"]
    assert question_clauses(None) == [] and question_clauses("  ") == []


def _unit(*rows: list[float]) -> np.ndarray:
    m = np.array(rows, float)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_a_span_taking_up_a_points_question_clause_is_evidence_for_that_point_only():
    """Two key points, each closest to one clause of the question; the answer's one span is the
    first clause's words ("What got in the way was …"): the first point's ask evidence is that
    cosine and a positive lead over the other clause, the second point's a negative lead; without
    the question's clauses both stay 0 and nothing else changes."""
    points = _unit([1, 0.2, 0], [0.2, 1, 0])
    asks = _unit([1, 0, 0.3], [0, 1, 0.3])
    spans = _unit(*[[1, 0, 0.5]] * len(SPAN_WINDOWS))  # the same stretch at every width
    widths = np.array([w for w, _ in SPAN_WINDOWS])
    with_ask = point_evidence(points, spans, widths, [0.0, 0.0], [False, False], asks).features
    col = FEATURES.index("ask_cosine")
    assert with_ask[0, col] == pytest.approx(float(asks[0] @ spans[0]))
    assert with_ask[0, col + 1] > 0 > with_ask[1, col + 1]
    assert with_ask[1, col] == pytest.approx(float(asks[1] @ spans[0]))
    plain = point_evidence(points, spans, widths, [0.0, 0.0], [False, False]).features
    assert not plain[:, col:col + 2].any()
    assert np.array_equal(np.delete(plain, [col, col + 1], axis=1),
                          np.delete(with_ask, [col, col + 1], axis=1))
    lone = point_evidence(points, spans, widths, [0.0, 0.0], [False, False], asks[:1]).features
    assert not lone[:, col:col + 2].any()  # one clause asks for everything: no evidence


HIRE = (  # QA8 F30 (lp-hire-develop-2), as the user said it
    "In twenty twenty four, euh, I was on the hiring panel for a data scientist at the bank. I "
    "interviewed eight candidates. One candidate was the strongest coder, but when I asked him to "
    "walk me through his own error analysis he could not explain it. I pushed back in the "
    "debrief, uh, even though two colleagues wanted to hire him, and I proposed a second "
    "candidate with a better evaluation mindset. We hired her, and one year later she owns our "
    "evaluation set and she trained two juniors. I learned that the bar is about judgement, not "
    "only about code. I think this is Hire and Develop the Best.")


@pytest.mark.slow
def test_the_question_clauses_reach_the_head_and_a_hires_outcome_is_not_called_missed(model):
    """QA8 F30: "one year later she owns our evaluation set and she trained two juniors" was
    "missed" for "how the people you chose performed" (session 9's head, without the question's
    clauses); it is at least not called missed. The report computes the evidence with the
    question's clauses exactly as the head was trained (`answer_key_point_evidence`). The point
    sits in the head's blind tail (p 0.19, among the lowest 1–1.4 % of made training points:
    an abstract point made concretely); it stays out of "missed" because the "missed" limit
    leaves at most 1 % of made points below it (`train_key_points.MAX_MISS_RATE`, session 16;
    at 1.5 % the eleven-set head's limit rose to 0.20, above it — docs/structure.md)."""
    q = BANK.get("lp-hire-develop-2")
    kp = _judged(model, HIRE, q.id)
    assert "how the people you chose performed" not in kp.missed
    col = FEATURES.index("ask_margin")
    with_question = answer_key_point_evidence(HIRE, q.key_points, model, q.text).features
    without = answer_key_point_evidence(HIRE, q.key_points, model).features
    assert with_question[:, col].any() and not without[:, col].any()
    assert np.allclose(np.delete(with_question, [col - 1, col], axis=1),
                       np.delete(without, [col - 1, col], axis=1))


OVERFIT = (
    "First I would check the split, whether the same users or duplicated rows sit in both train "
    "and validation, because that alone can explain the gap. Then I would check that validation "
    "looks like production traffic. If the split is fine, the model is too big for the data, so "
    "I would try a smaller model, fewer trees and shallower depth, and add L2 regularisation. "
    "Getting more labelled data helps too. I would change one thing at a time and re-measure "
    "the validation score after each change.")


def test_a_models_complexity_is_no_algorithms_complexity():
    """"reduce model complexity" (an overfitting remedy: a smaller model) restates no fact: the
    complexity fact is an algorithm's cost ("complexity of each update and each query"). As a
    fact it was ✗ in every technical answer that never gave a Big-O, so the point was called
    missed next to "a smaller model, fewer trees and shallower depth" (10 of 10 labelled made)."""
    assert key_point_facts("reduce model complexity") == ()
    assert key_point_facts("complexity of each update and each query") == ("complexity",)
    assert key_point_facts("the time and memory complexity") == ("complexity",)


@pytest.mark.slow
def test_a_smaller_model_is_not_missed_for_want_of_a_big_o(model):
    kp = _judged(model, OVERFIT, "ml-overfitting-2")
    assert "reduce model complexity" in kp.covered  # a fact ✗ never credits its point


TOLD_WITH_I = (
    "I owned the fraud scoring service at the bank, so when the false decline rate doubled after "
    "a release, it was my problem to find out why. The team pulled the logs of "
    "the declined payments, we compared them with the week before, and we found that a currency "
    "field had started arriving empty. We rolled the feature back the same afternoon and we added "
    "a check that blocks a release when a field goes empty. False declines went from two percent "
    "back to under one percent. I learned that I should never trust a feature I have not checked "
    "myself.")
NEVER_I = (
    "The fraud scoring service at the bank had its false decline rate double after a release. "
    "The team pulled the logs of the declined payments, compared them with the week before, and "
    "found that a currency field had started arriving empty. The feature was rolled back the same "
    "afternoon and a check was added that blocks a release when a field goes empty. False "
    "declines went from two percent back to under one percent.")


@pytest.mark.slow
def test_a_story_told_with_i_is_not_called_missing_its_i_when_the_actions_say_we(model):
    """The ownership fact counts "I" in the clauses read as the Action; when those say only "we"
    but the answer says "I" three times or more and at least as often as "we" ("I owned the
    service … it was my problem … I learned"), the reading of the Action missed the clauses told
    with "I": "what you personally did, said with I" is not clearly heard, not missed (session
    13; never credited, the ownership fact stays ✗). A story that never says "I" keeps it
    missed."""
    kp = "what you personally did, said with I"
    q = BANK.get("lp-ownership-3")
    s = reconcile(analyze_structure(TOLD_WITH_I, kind=q.kind, key_points=q.key_points,
                                    model=model, question=q.text), kind=q.kind,
                  category=q.category)
    v = ownership_voice(s)
    assert s.star_present["action"] and v.scope == "what you did" and v.i_count == 0
    assert s.i_count >= max(3, s.we_count)
    assert kp in s.key_points.unclear and kp not in s.key_points.covered
    assert kp in _judged(model, NEVER_I, q.id).missed
