"""Structure analysis: detector tables (phrase → finding) and per-label accuracy on labelled sets."""

import sys
import tomllib
from pathlib import Path

import pytest

from voice_coach.analysis import structure as st
from voice_coach.analysis.structure import STAR_PARTS, analyze_structure
from voice_coach.questions import LEADERSHIP_PRINCIPLES
from voice_coach.transcriber import Word

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.structure_accuracy import accuracy, load_cases, predictions  # noqa: E402

ACCURACY_MIN = 0.9
HOLDOUT_FLOOR = 0.85


def norm(text):
    return st._norm(text)


# --- detector tables ---------------------------------------------------------------------

# detector of `analysis.structure` → (normalised text, what it returns); the result must be
# equal and of the same type (a bool is `True`/`False`, never a count)
DETECTOR_TABLES = {
    "detect_principles": [
        ("This really shows Dive Deep.", ["Dive Deep"]),
        ("i took ownership of the migration", ["Ownership"]),
        ("that's customer obsession for me", ["Customer Obsession"]),
        ("I had to disagree and commit", ["Have Backbone; Disagree and Commit"]),
        ("it was a bias for action call", ["Bias for Action"]),
        ("we had to be frugal with gpus", ["Frugality"]),
        ("i think that's what are right a lot means", ["Are Right A Lot"]),
        ("Strive to be Earth's best employer", ["Strive to be Earth's Best Employer"]),
        ("success and scale bring broad responsibility", ["Success and Scale Bring Broad Responsibility"]),
        ("learn and be curious", ["Learn and Be Curious"]),
        ("insist on the highest standards", ["Insist on the Highest Standards"]),
        ("invent and simplify", ["Invent and Simplify"]),
        ("think big", ["Think Big"]),
        ("hire and develop the best", ["Hire and Develop the Best"]),
        ("earn trust", ["Earn Trust"]),
        ("deliver results", ["Deliver Results"]),
        ("we had to deliver the results by friday", []),
        ("I dug deep into the logs", ["Dive Deep"]),
        ("we did a deep-dive on the errors", ["Dive Deep"]),
        ("I disagreed but committed to the plan", ["Have Backbone; Disagree and Commit"]),
        ("it took months to earn the team's trust", ["Earn Trust"]),
        ("I was customer-obsessed about it", ["Customer Obsession"]),
        ("we raised the bar for launches", ["Insist on the Highest Standards"]),
        ("the customer was obsessed with price", []),
        ("I trust the data", []),
    ],
    "detect_scale": [  # no scale evidence (what is found is in `test_scale_evidence`)
        ("I wrote fifty notes", []),
        ("it took three hours of calls", []),
        ("we had 500 users in the beta", []),
        ("i like this team", []),
        ("a test of patience", []),
        # QA8 F33: an experiment run and a latency percentile named say how it was checked
        ("we ran a two week a/b test", []),
        ("the ab test ran for a week", []),
        ("p ninety nine latency stayed under forty milliseconds", []),
        ("we watched the p95 and the p 99.9 during the launch", []),
        # QA8 F09: a count that scopes the work is no traffic
        ("I shipped the fix for the top ten thousand queries first", []),
        ("we labelled a random sample of twenty thousand tickets", []),
        ("we started with the first fifteen thousand listings", []),
        # reach under a hundred people is a pilot
        ("in the end it was used by twelve analysts", []),
    ],
    "i_we_ratio": [  # (I-to-we ratio, None without a "we"; I count; we count)
        ("I built it and I shipped it", (None, 2, 0)),
        ("we built it and we shipped it", (0.0, 0, 2)),
        ("I built it, we shipped it, our team was happy and my manager too", (1.0, 2, 2)),
        ("", (None, 0, 0)),
    ],
    "detect_hedges": [
        ("I think maybe it was sort of slow", 2),
        ("it was probably fine, I guess", 2),
        ("the model was accurate", 0),
        ("I like this kind of problem", 0),  # names a type: no hedge (the filler rules agree)
        ("it was kind of slow and sort of late", 2),
    ],
    "detect_clarifying_question": [
        ("Before I start, can I assume the data fits in memory? Then I'd use a hash map.", True),
        ("just to clarify are we optimizing for latency or cost", True),
        ("Overfitting is when a model memorizes noise.", False),
        ("I'll assume we have labels for most users, so I'd start with a classifier.", True),
        (" ".join(["word"] * 60) + " can I assume this?", False),  # too late to be a clarification
    ],
    "detect_signposts": [
        ("First, I'd clarify. Second, I'd design. Finally, I'd test. In short, it works.", 4),
        ("it took a second to load", 0),
        ("there are three things to consider", 1),
    ],
    "detect_tradeoffs": [
        ("the trade-off is memory versus speed", True),
        ("LoRA is cheaper but full fine-tuning reaches higher quality", True),
        ("on the other hand it is harder to debug", True),
        ("we trained a model on the data", False),
    ],
}


@pytest.mark.parametrize(("detector", "text", "expected"), [
    pytest.param(name, text, expected, id=f"{name}:{text[:50]}")
    for name, table in DETECTOR_TABLES.items() for text, expected in table])
def test_detector_table(detector, text, expected):
    got = getattr(st, detector)(norm(text))
    assert got == expected and type(got) is type(expected), got


def test_every_principle_of_the_bank_is_heard_by_its_name():
    """One list of principles (`questions.LEADERSHIP_PRINCIPLES`): the detector has patterns for
    exactly those, and saying a principle's own name finds it."""
    assert tuple(st.PRINCIPLE_PATTERNS) == LEADERSHIP_PRINCIPLES
    for name in LEADERSHIP_PRINCIPLES:
        assert st.detect_principles(norm(f"For me this story shows {name}.")) == [name], name


@pytest.mark.parametrize(("text", "baseline", "after", "outcome"), [
    ("the error rate went from twelve to three percent", True, True, False),
    ("escalations went from twelve to three percent which saved one point two million dollars",
     True, True, True),
    ("latency dropped to 200 ms", False, True, False),  # the metric, not what it meant for people
    ("we reduced costs by 30%", False, True, True),
    ("accuracy went from 81% to 89%", True, True, False),
    ("the baseline was 40 minutes and now it takes 5 minutes for every agent", True, True, True),
    ("it was a big improvement for customers", False, False, False),
    ("two days before prime day we launched", False, False, False),
])
def test_metric_triad_on_one_clause(text, baseline, after, outcome):
    t = st.detect_metric_triad([norm(text)], ["result"])
    assert (t.baseline, t.after, t.business_outcome) == (baseline, after, outcome)
    assert t.complete == (baseline and after and outcome)


def test_metric_triad_baseline_from_earlier_clause():
    clauses = [norm("our manual review rate was 22%"), norm("it dropped to 9%, saving $480K a year")]
    t = st.detect_metric_triad(clauses, ["situation", "result"])
    assert t.complete
    assert any("9%" in e for e in t.evidence)


@pytest.mark.parametrize(("text", "found"), [
    ("we ran it on thirteen million requests a day", "13M requests a day"),
    ("we kept the sla", "sla"),
    ("regressions stayed under two percent", "regressions stayed under 2"),
    # QA6 F32/F03: data volume in the domain's units, and the whole roll-out phrase
    ("I retrained the language model on about two hundred thousand de-identified notes",
     "200000 de-identified notes"),
    ("we added three hundred hours of accented data", "300 hours of accented data"),
    ("we indexed four million files", "4M files"),
    ("we rolled it out to every hospital and it held", "rolled it out to every hospital"),
    # QA8 F03: a weekly or monthly volume said as such, and how many people a system reaches
    ("the pipeline handles roughly thirty thousand claims a month", "30000 claims a month"),
    ("we classify about twelve thousand emails a week", "12000 emails a week"),
    ("the assistant is used by about six hundred call centre agents",
     "used by about 600 call centre agents"),
    ("we rolled it out to four hundred stores in march", "rolled it out to 400 stores"),
    ("today fifteen hundred nurses use it on every shift", "1500 nurses use it"),
    ("it ended up serving two hundred and fifty branch managers", "serving 250 branch managers"),
])
def test_scale_evidence(text, found):
    assert any(found in e for e in st.detect_scale(norm(text)))


def test_technical_shape():
    shape = st.detect_technical_shape(norm(
        "Recall is the fraction of actual positives we catch. For example in fraud. The trade-off "
        "is precision. I would measure it on a holdout set. It runs in O of n and I'd test it with "
        "an empty list."))
    assert shape.to_dict() == {"definition": True, "example": True, "tradeoff": True,
                               "measurement": True, "complexity": True, "test": True,
                               "design": False}
    assert not any(st.detect_technical_shape(norm("I went home.")).to_dict().values())


@pytest.mark.parametrize(("text", "label"), [
    ("At my last job I was on the search team.", "situation"),
    ("My task was to cut latency.", "task"),
    ("I wrote a script and I deployed it.", "action"),
    ("As a result latency went from 300 ms to 80 ms.", "result"),
    ("What I learned is to measure first.", "learning"),
    ("I think this shows Dive Deep.", "learning"),
])
def test_clause_labels(text, label):
    s = analyze_structure(text, kind="behavioral")
    assert [c.label for c in s.clauses] == [label]


def test_unpunctuated_asr_text_splits_into_clauses():
    text = ("so at my last job the model was slow my task was to speed it up so i profiled it and "
            "i cached the features as a result latency went from three hundred to eighty "
            "milliseconds i learned to profile first")
    s = analyze_structure(text, kind="behavioral")
    labels = [c.label for c in s.clauses]
    assert labels[0] == "situation" and labels[-1] == "learning"
    assert all(s.star_present[p] for p in STAR_PARTS)


@pytest.mark.parametrize(("key_point", "covered"), [
    ("train/validation gap", True),
    ("regularisation", True),  # synonym: dropout
    ("more data", True),
    ("cold start for new items", False),
])
def test_key_point_coverage(key_point, covered):
    answer = norm("You see it when training error is low but validation error is high, a big gap. "
                  "Fix it with dropout or by collecting more data.")
    got, missed = st.key_point_coverage(answer, [key_point])
    assert (got == [key_point]) is covered and (missed == [key_point]) is (not covered)


# --- the whole analysis ------------------------------------------------------------------

def test_to_dict_is_exactly_the_schema_block():
    d = analyze_structure("I built it and latency went from 300 ms to 80 ms.").to_dict()
    assert set(d) == {"kind", "star", "metric_triad", "quantified_results", "scale_evidence",
                      "leadership_principles", "i_we_ratio", "hedges", "clarifying_question",
                      "signposts", "tradeoffs", "key_points", "hypothetical", "method",
                      "principles_unclear"}
    assert set(d["star"]) == set(STAR_PARTS)
    # QA9 F04 extends a part with "not_heard" (speech the transcriber lost)
    assert all(set(v) == {"present", "share", "not_heard"} for v in d["star"].values())
    assert set(d["metric_triad"]) == {"baseline", "after", "business_outcome", "complete",
                                      "evidence", "slots", "outcome_words"}
    assert set(d["key_points"]) == {"covered", "missed", "unclear", "closest", "not_heard"}


def test_empty_text():
    s = analyze_structure("")
    assert not any(s.star_present.values())
    assert s.i_we_ratio is None and s.to_dict()["metric_triad"]["complete"] is False


def test_shares_by_time_with_word_timings():
    # situation spoken slowly (0–10 s), action quickly (10–12 s)
    sit = "At my last job the search system was slow for customers.".split()
    act = "I rewrote the ranking service.".split()
    words = [Word(w, i * 1.0, i * 1.0 + 0.9, 0.9) for i, w in enumerate(sit)]
    words += [Word(w, 11 + i * 0.4, 11 + i * 0.4 + 0.3, 0.9) for i, w in enumerate(act)]
    by_time = analyze_structure("", words=words, kind="behavioral")
    by_words = analyze_structure(" ".join(sit + act), kind="behavioral")
    assert by_time.star_share["situation"] > by_words.star_share["situation"]
    assert by_time.star_share["situation"] == pytest.approx(10.9 / (10.9 + 1.9), abs=0.01)
    assert by_time.first_time_of("action") == pytest.approx(11.0)
    assert by_time.clauses[1].start_s == pytest.approx(11.0)


def test_spoken_numbers_become_metrics():
    s = analyze_structure("the escalation rate went from twelve to three percent which saved one "
                          "point two million dollars per quarter", kind="behavioral")
    assert s.metric_triad.complete
    assert "12% to 3%" in s.metric_triad.evidence
    assert any("$1.2M" in e for e in s.metric_triad.evidence)


# --- labelled sets -----------------------------------------------------------------------

CASES = load_cases(DATA / "structure_cases.toml")


def test_case_set_is_large_and_unique():
    assert len(CASES) >= 45
    assert len({c.id for c in CASES}) == len(CASES)


JUDGED_LABELS = ("star.situation", "star.task", "star.action", "star.result", "star.learning",
                 "metric_triad.complete", "leadership_principles")


@pytest.mark.parametrize(("path", "floor"), [
    ("structure_cases.toml", ACCURACY_MIN),
    # the hold-out is an estimate for unseen answers, never tuned on: a regression floor only
    ("structure_holdout.toml", HOLDOUT_FLOOR),
])
def test_per_label_accuracy(path, floor):
    cases = load_cases(DATA / path)
    assert len(cases) >= 20
    tally, misses = accuracy(cases, "rules")
    for label in JUDGED_LABELS:
        right, total = tally[label]
        assert right / total >= floor, (label, misses)


@pytest.mark.parametrize("case_id", [
    "lp-dive-deep-full", "llm-finetune-impact-words", "llm-finetune-asr-lowercase",
    "actions-only-we", "vague-weak", "tech-overfitting-good", "impact-triad-digits",
])
def test_clear_cases_exactly(case_id):
    case = next(c for c in CASES if c.id == case_id)
    pred, want = predictions(case, "rules", None), dict(case.labels)
    want.pop("kind")  # kind is scored without the question; the rules infer it poorly
    assert {k: pred[k] for k in want} == want


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as hst  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(hst.text(max_size=300))
def test_any_text_gives_a_valid_block(text):
    d = analyze_structure(text).to_dict()
    assert all(0.0 <= v["share"] <= 1.0 for v in d["star"].values())
    assert sum(v["share"] for v in d["star"].values()) <= 1.0 + 1e-9
    assert d["metric_triad"]["complete"] == all(
        d["metric_triad"][k] for k in ("baseline", "after", "business_outcome"))


# --- a before/after metric is not also the business outcome (QA2 N10) ----------------------

@pytest.mark.parametrize("roles", [False, True])
@pytest.mark.parametrize(("text", "outcome"), [
    # the metric itself, before and after: no business outcome
    ("latency from ninety to thirty milliseconds", False),
    ("p99 latency went from 900 ms to 250 ms after the rewrite", False),
    ("watch time went from forty one minutes to forty six minutes per user per day", False),
    ("session length grew from 12 minutes to 15 minutes per user", False),
    ("accuracy climbed from 81% to 89%", False),
    ("the nightly job went from nine hours to four hours", False),
    ("response times fell from 2 seconds to 400 ms", False),
    # a consequence for customers or the business: an outcome
    ("churn went from eight percent to six percent", True),
    ("support tickets went from 400 a week to 250 a week", True),
    ("latency went from 900 ms to 250 ms, which saved us $40000 a month", True),
    ("accuracy went from 81% to 89% and complaints dropped by a third", True),
    ("it saved the analysts ten hours a week", True),
    ("the review time per claim for our agents fell from forty minutes to ten minutes", True),
])
def test_a_metric_pair_is_not_the_business_outcome(text, outcome, roles):
    t = st.detect_metric_triad([norm(text)], ["result"], roles=roles)
    assert t.baseline and t.after or "saved" in text
    assert t.business_outcome == outcome


@pytest.mark.parametrize(("text", "pair"), [
    ("watch time went from forty one minutes to forty six minutes per user per day",
     "41 minutes to 46 minutes"),
    ("latency from ninety to thirty milliseconds", "90 to 30 milliseconds"),
])
def test_a_pair_is_quoted_once_not_again_as_the_outcome(text, pair):
    t = st.detect_metric_triad([norm(text)], ["result"], roles=True)
    assert t.evidence == (pair,)


# --- ML design answers are read as designs (QA2 K1) ----------------------------------------

DESIGNS = [
    "First I'd clarify the goal, are we optimizing for clicks or for retention. For data we have "
    "the purchase logs and the session history. I'd build features like device, category and "
    "time of day, and train a gradient boosted ranker. I'd measure NDCG offline and then run an A "
    "B test. The trade-off is freshness versus cost.",
    "the objective is to catch fraud before the money leaves so I would use six months of "
    "transactions and chargebacks as labels signals would be the amount the merchant and the "
    "device and the "
    "model would be a gradient boosted classifier evaluated on precision at a fixed review budget "
    "the downside is that fraudsters adapt",
    "To design the churn model I'd first pin down what counts as churn, thirty days without a "
    "login. Data: usage events and billing. Features: logins per week, tickets, plan changes. A "
    "logistic regression to start. Evaluate with AUC and a holdout of recent months. Trade-off: "
    "a simple model we can explain versus a bit more accuracy.",
]
EXPLANATIONS = [
    "Overfitting means the model memorises noise in the training data. You spot it when "
    "validation error rises while training error falls, and the trade-off is bias versus variance; "
    "I'd measure it with cross validation.",
    "Precision is the share of flagged items that are really positive, recall is the share of "
    "positives we flag. For example a spam filter with high precision rarely blocks real mail. "
    "The trade-off depends on the cost of each error.",
    "ARIMA models a series from its own past values, while a regression uses external features "
    "like price and weather. I'd evaluate both with a rolling backtest; the trade-off is data "
    "versus flexibility.",
]


@pytest.mark.parametrize("text", DESIGNS)
def test_a_design_answer_opens_with_its_goal_and_is_concrete(text):
    shape = st.detect_technical_shape(norm(text))
    assert shape.design
    assert shape.definition and shape.example  # the goal stands for the definition


@pytest.mark.parametrize("text", EXPLANATIONS)
def test_an_explanation_is_not_a_design(text):
    assert not st.detect_technical_shape(norm(text)).design


@pytest.mark.parametrize(("text", "example"), [
    ("LoRA trains about one percent of the parameters and each adapter is a few megabytes.", True),
    ("Quantization to int8 cut the model from 400 MB to 100 MB and latency by 3x.", True),
    ("LoRA trains small low rank matrices instead of all the weights.", False),
])
def test_numbers_with_units_make_an_explanation_concrete(text, example):
    assert st.detect_technical_shape(norm(text)).example == example


def test_a_design_without_a_goal_is_not_a_design_unless_the_question_says_so():
    text = norm("We have the click logs as data, features like price and category, a gradient "
                "boosted model, measured with NDCG, and the trade-off is cost.")
    assert not st.detect_technical_shape(text).design
    forced = st.detect_technical_shape(text, design=True)
    assert forced.design and not forced.definition and forced.example


# --- a responsibility said with an aside or as "my call" is a Task cue (round M4 voices) -----

@pytest.mark.parametrize(("text", "task"), [
    ("My part, mostly, was the weather and local-events features.", True),
    ("my role here was to get the eval set in shape", True),
    ("I suppose it was my call whether we went ahead.", True),
    ("In the end it fell to me to tell the client.", True),
    ("It was down to me to pick the threshold.", True),
    ("The call was mine.", True),
    ("My part of town has good coffee.", False),
    ("I called the vendor and it was fine.", False),
])
def test_task_said_with_an_aside_or_as_my_call(text, task):
    assert (st.label_clause(norm(text))["task"] >= st.STRONG) == task


# --- a change with its resulting number, told in any clause (issue 13, round M6 pass) -----------

@pytest.mark.parametrize(("text", "label", "outcome"), [
    # the outcome-first voice says the result before the story: the clause reads as set-up
    ("and where-is-my-order contacts dropped by 20%", "situation", True),
    ("waste in the trial stores went down to roughly 3.6% of sales", "situation", True),
    # a level that is only the set-up (no change to a number) still is not the outcome
    ("our churn was 8% when i joined", "situation", False),
    ("the contact rate was high and customers were unhappy", "situation", False),
])
def test_a_change_to_a_number_carries_the_outcome_in_any_clause(text, label, outcome):
    t = st.detect_metric_triad([norm(text)], [label], roles=True)
    assert t.business_outcome == outcome


@pytest.mark.parametrize(("text", "after"), [
    ("going to 20000 examples added 2 points", True),
    ("the rubric had 5 points", False),
    ("i have seen that inflate a result by about 4 points", True),
    ("it bought us 3 points of recall", True),
    ("we spent 3 points of the budget on it", False),
])
def test_points_gained_or_lost_are_an_after_number(text, after):
    assert st.detect_metric_triad([norm(text)], ["result"], roles=True).after == after


@pytest.mark.parametrize(("text", "clauses"), [
    # a marker with only "and …"/"in …" after it ends the clause it is in
    ("2 said they trusted our numbers more after that and took more seats.", 1),
    ("the billing team wanted the estimates fixed first and the forecast later.", 1),
    # an ordinal after a demonstrative is an adjective
    ("billing complaints about estimated reads in that first region fell by roughly 33%.", 1),
    # a marker that opens a clause still splits
    ("We looked at the logs for a while. First, in March we rebuilt the training set", 2),
    ("we had looked at the dashboards for weeks after that we rebuilt the features", 2),
])
def test_a_marker_that_ends_a_clause_does_not_open_one(text, clauses):
    assert len(st.split_clauses(text.split())) == clauses



@pytest.mark.parametrize(("text", "outcome"), [
    # the customers of a B2B product are merchants, accounts, seats and deals; losing or winning
    # them is a business outcome, said with or without a number
    ("we lost one merchant over it", True),
    ("2 others actually expanded and took more seats", True),
    ("the deal closed the month after", True),
    # losing something that is not the business's is not
    ("we lost a week to the migration", False),
    ("the model closed the gap on the old one", False),
])
def test_customers_of_a_b2b_product_lost_or_won_are_an_outcome(text, outcome):
    assert st.detect_metric_triad([norm(text)], ["result"], roles=True).business_outcome == outcome
