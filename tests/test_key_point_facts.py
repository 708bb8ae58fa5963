"""Key points and STAR-L shares read from the same facts as the rest of the report (issue 13,
QA3 findings A5, A6, A10, A11, A14, A16, D1, D3, D4).

Tables of new phrasings per mechanism: a part the speaker names ("The situation: …"), set-up told
while the work is under way, a rate as scale, key points judged from the facts they restate or are
implied by, the pace judged as shown. The end-to-end cases go through `analyze_text` (real
embedding model, real coach, real terminal view) and check that no two lines disagree.
"""

from __future__ import annotations

import pytest

from voice_coach.analysis.delivery import Delivery, PaceWindow
from voice_coach.analysis.facts import absence_unsure
from voice_coach.analysis.point_facts import key_point_verdict
from voice_coach.analysis.vocabulary import KEY_POINT_ABSENCE_UNSURE
from voice_coach.analysis.structure import (
    _norm, aftermath, analyze_structure, detect_scale, per_day, signposted_part,
    work_in_progress,
)
from voice_coach.coach import coach
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank
from voice_coach.report import structure_lines
from voice_coach.report_model import StructureInfo

CFG = Config()
BANK = load_bank()


# --- the speaker names the part ------------------------------------------------------------

@pytest.mark.parametrize(("clause", "part"), [
    ("The situation: our billing service double-charged a few customers.", "situation"),
    ("Context - I had just joined the payments team.", "situation"),
    ("Background: the search index was rebuilt by hand every night.", "situation"),
    ("So the task was to stop the double charges before month end.", "task"),
    ("My goal was under one percent.", "task"),
    ("Action: I rewrote the retry logic with idempotency keys.", "action"),
    ("The actions I took were three.", "action"),
    ("Result - zero double charges in the next quarter.", "result"),
    ("And the outcome was a calmer on-call rotation.", "result"),
    ("Lesson: make retries idempotent from day one.", "learning"),
    ("The takeaway for me is to measure first.", "learning"),
    ("What I learned is to check new items separately.", "learning"),  # QA4 F8
    ("So what I took away from this was: measure first.", "learning"),
    ("what i learned from the customer calls shaped the design", None),  # not a label
    ("the task force met every monday", None),  # "task" names a team here
    ("the results of the survey came in late", None),
    ("we had a tricky situation with the vendor", None),  # not at the start, no label
])
def test_a_clause_that_names_its_part(clause, part):
    assert signposted_part(_norm(clause)) == part


# --- set-up told while the work is under way is work ---------------------------------------

@pytest.mark.parametrize(("labels", "expected"), [
    # findings between actions: action
    (["situation", "task", "action", "situation", "situation", "action", "result"],
     ["situation", "task", "action", "action", "action", "action", "result"]),
    # a finding after the last action, before the result: still the work
    (["situation", "action", "situation", "result", "learning"],
     ["situation", "action", "action", "result", "learning"]),
    # context told only after the first action is the story's context: kept
    (["action", "situation", "action", "result"], ["action", "situation", "action", "result"]),
    # a task stated once, mid-story, is kept; a second statement of the task is work
    (["situation", "action", "task", "action"], ["situation", "action", "task", "action"]),
    (["task", "action", "task", "action", "result"], ["task", "action", "action", "action",
                                                      "result"]),
    # after the last action or result: trailing set-up is kept
    (["situation", "action", "result", "situation"], ["situation", "action", "result",
                                                      "situation"]),
    # no action: nothing moves
    (["situation", "result", "situation"], ["situation", "result", "situation"]),
])
def test_set_up_between_actions_counts_as_action(labels, expected):
    parts = [[lab] for lab in labels]
    got, got_parts = work_in_progress(labels, parts)
    assert got == expected
    assert all(p == [lab] for p, lab in zip(got_parts, got))


@pytest.mark.parametrize(("labels", "parts", "expected_labels", "expected_parts"), [
    # told after the result, nothing done after it: aftermath
    (["result", "situation"], [["result"], ["situation"]], ["result", "result"],
     [["result"], ["result"]]),
    (["result", "result"], [["result"], ["result", "situation"]], ["result", "result"],
     [["result"], ["result"]]),
    # the story goes on with an action: context for what follows
    (["result", "situation", "action"], [["result"], ["situation"], ["action"]],
     ["result", "situation", "action"], [["result"], ["situation"], ["action"]]),
    # before any result: context
    (["situation", "result"], [["situation"], ["result"]], ["situation", "result"],
     [["situation"], ["result"]]),
    # a learning keeps its part
    (["result", "situation", "learning"], [["result"], ["situation", "learning"], ["learning"]],
     ["result", "result", "learning"], [["result"], ["result", "learning"], ["learning"]]),
])
def test_situation_after_the_result_is_aftermath(labels, parts, expected_labels, expected_parts):
    aftermath(labels, parts)
    assert labels == expected_labels and parts == expected_parts


# --- a rate is scale by its daily volume -----------------------------------------------------

@pytest.mark.parametrize(("text", "scale"), [
    ("the service handles about 4000 transactions per second at peak", True),
    ("we scored 300 requests a minute", True),
    ("it sends 900 messages an hour", True),
    ("we get 5000 orders a day", True),    # a count with its period: traffic (QA44 F4)
    ("we get 500 orders a day", False),
    ("we onboarded 40 sellers a week", False),
    ("the model serves 20000 users", True),
    ("the pilot had 500 users", False),
])
def test_rates_are_scale_by_daily_volume(text, scale):
    assert bool(detect_scale(text)) is scale


@pytest.mark.parametrize(("span", "factor"), [
    ("4000 transactions per second", 86_400.0), ("30 calls a minute", 1_440.0),
    ("12 orders an hour", 24.0), ("700 tickets a day", 1.0), ("20000 users", 1.0),
])
def test_per_day(span, factor):
    assert per_day(span) == pytest.approx(factor)


# --- key points judged from facts ----------------------------------------------------------

ALL_TRUE = dict.fromkeys(("situation", "task", "action", "result", "learning", "setup",
                          "short_setup", "ownership", "result_number", "baseline", "after",
                          "business_outcome", "scale", "principle", "numbers"), True)


def facts(**false: bool) -> dict[str, bool]:
    return {**ALL_TRUE, **false}


@pytest.mark.parametrize(("key_point", "fact_values", "by_meaning", "covered"), [
    # restated: the fact decides, whatever words or meaning said
    ("short situation and your own responsibility", facts(task=False), True, False),
    # a long set-up is coached by its share, not called missing (QA7 F02)
    ("short situation and your own responsibility", facts(short_setup=False), False, True),
    ("short situation and your own responsibility", facts(situation=False), True, False),
    ("short situation and your own responsibility", facts(), False, True),
    ("scale of the deployment", facts(), False, True),
    ("scale of the deployment", facts(scale=False), True, False),
    ("the measurable change in quality", facts(), False, True),
    ("the measurable change in quality", facts(result_number=False), True, False),
    ("the customer metric after the change", facts(), False, True),
    ("the outcome", facts(), False, True),
    ("the outcome", facts(result=False), True, False),
    ("the result and what you learned", facts(learning=False), True, False),
    ("what you did", facts(), False, True),
    ("the number after your change", facts(after=False), True, False),
    # implied: the fact is enough, without it meaning decides
    ("time, cost or reliability gained", facts(), False, True),
    ("time, cost or reliability gained", facts(result_number=False), True, True),
    ("time, cost or reliability gained", facts(result_number=False), False, False),
    ("the quality result after the fix", facts(), False, True),
    ("how the relationship and the work changed", facts(), False, False),  # not any result
    ("specific steps you took", facts(action=False), True, True),
    ("evidence that it shipped to real users", facts(), False, True),
    ("two or three highlights, each with a number", facts(), False, True),
    ("two or three highlights, each with a number", facts(numbers=False), False, False),
    # content of its own: words and meaning decide
    ("the data you brought", facts(), False, False),
    ("the data you brought", facts(), True, True),
    ("the result and any trade-off accepted", facts(), False, False),
])
def test_key_point_verdict(key_point, fact_values, by_meaning, covered):
    assert key_point_verdict(key_point, fact_values, by_meaning) is covered


@pytest.mark.parametrize(("key_point", "fact_values", "unsure"), [
    # Task ✗ is no evidence the responsibility was left out (blind labels: made 51 of 59 times)
    ("short situation and your own responsibility", facts(task=False), True),
    # no Situation either: a fact whose absence is evidence, so "missed"
    ("short situation and your own responsibility", facts(task=False, situation=False), False),
    ("short situation and your own responsibility", facts(situation=False), False),
    ("short situation and your own responsibility", facts(), False),  # nothing absent
    ("what you learned", facts(learning=False), False),
    ("what you personally did, said with I", facts(ownership=False), False),
    ("the data you brought", facts(), False),  # content of its own
])
def test_a_fact_whose_absence_is_no_evidence(key_point, fact_values, unsure):
    assert absence_unsure(key_point, fact_values, KEY_POINT_ABSENCE_UNSURE) is unsure


def test_ownership_absent_only_by_we_outnumbering_i_is_weak():
    """"I" said for the Action but "we" more often: the ownership fact is ✗ (how it is said),
    the key point "said with I" is not clearly heard; never said with I at all: missed."""
    point = "what you personally did, said with I"
    weak = KEY_POINT_ABSENCE_UNSURE | {"ownership"}
    assert absence_unsure(point, facts(ownership=False), weak)
    assert not absence_unsure(point, facts(ownership=False), KEY_POINT_ABSENCE_UNSURE)


@pytest.mark.slow
def test_no_task_found_is_not_clearly_heard_not_missed():
    """A set-up whose responsibility the analysis does not read as a Task (T ✗) leaves the
    key point that restates it "not clearly heard", never "missed" (session 9: the blind
    labels call that verdict wrong 51 of 59 times); with no set-up at all it is missed."""
    told = ("Last spring our checkout page was timing out for about one in twenty shoppers "
            "during the evening peak. I profiled the payment call and moved the fraud check off "
            "the critical path. Timeouts fell from five percent to under half a percent within "
            "a week.")
    s, lines, feedback = _lines(told, "lp-deliver-results-1")
    point = "short situation and your own responsibility"
    assert s.star["situation"].present and not s.star["task"].present
    assert point in s.key_points.unclear and point not in s.key_points.missed
    results_only = "We cut the cloud bill by forty percent and the finance team was delighted."
    s, lines, feedback = _lines(results_only, "lp-deliver-results-1")
    assert not s.star["situation"].present
    assert point in s.key_points.missed


WE_MOSTLY = ("Last spring our checkout page was timing out for one in twenty shoppers during "
             "the evening peak, and I was on call. We profiled the payment call, we moved the "
             "fraud check off the critical path and I wrote the rollout plan, and we shipped it "
             "behind a flag. Timeouts fell from five percent to under half a percent within a "
             "week.")
PASSIVE = ("Last spring our checkout page was timing out for one in twenty shoppers during the "
           "evening peak. The payment call was profiled, the fraud check was moved off the "
           "critical path and the change was shipped behind a flag. Timeouts fell from five "
           "percent to under half a percent within a week.")


@pytest.mark.slow
def test_we_outnumbering_i_still_makes_the_point_never_saying_i_is_missed():
    """The own part told with "I" though "we" is said more makes "what you personally did,
    said with I" (the blind labels credit it in 10 of 11 such answers; QA77 F4); told only in
    the passive it is missed."""
    point = "what you personally did, said with I"
    s, lines, feedback = _lines(WE_MOSTLY, "lp-ownership-1")
    assert point in s.key_points.covered
    s, lines, feedback = _lines(PASSIVE, "lp-ownership-1")
    assert point in s.key_points.missed


def test_story_facts_do_not_judge_a_technical_key_point():
    tech = {"scale": True, "principle": False}  # a technical answer has no triad facts
    assert key_point_verdict("the number after your change", tech, True) is True
    assert key_point_verdict("the number after your change", tech, False) is False


# --- the pace is judged as it is shown -------------------------------------------------------

def _delivery(wpm: float) -> Delivery:
    return Delivery(speech_start_s=1.0, speech_end_s=61.0, lead_in_s=1.0, pauses=(), wpm=wpm,
                    articulation_wpm=wpm + 10, word_count=int(wpm), filler_count=0,
                    fillers_per_min=0.0, pace_timeline=(PaceWindow(0.0, 15.0, wpm),), fillers=(),
                    duration_s=62.0)


@pytest.mark.parametrize(("wpm", "warned"), [
    (165.3, False), (165.49, False), (165.6, True), (119.6, False), (119.4, True), (140.0, False),
])
def test_pace_range_is_inclusive_of_the_shown_number(wpm, warned):
    q = BANK.get("lp-ownership-1")
    s = analyze_structure("I fixed the pipeline and it has not failed since.", kind="behavioral")
    c = coach(delivery=_delivery(wpm), structure=s, question=q, cfg=CFG)
    pace = [f for f in c.feedback if f.area == "pace"]
    assert (pace[0].severity == "warn") is warned
    assert (c.scores.delivery < 100) is warned


# --- end to end: no two lines disagree -------------------------------------------------------

def _lines(text: str, qid: str) -> tuple[StructureInfo, list[str], str]:
    r = analyze_text(text, cfg=CFG, question=BANK.get(qid))
    feedback = " | ".join(f.message for f in r.feedback)
    return r.structure, structure_lines(r), feedback


INVESTIGATION = (
    "Our checkout conversion dipped overnight. I was on call, so it was mine to chase. I pulled "
    "the funnel by browser and by country. I noticed the drop sat entirely in one Safari "
    "version, because a third party script blocked the pay button there. So the button never "
    "rendered for those shoppers. I pinned the script version, added a synthetic check for the "
    "button and backfilled the alert. Conversion went from two point one percent back to three "
    "point four percent within a day. I learned to slice by client before reading any average.")


PROFILED = (
    "Our batch scoring job missed its six o'clock deadline most mornings. I was asked to get it "
    "back on time. I traced the job and found that sixty percent of the run was spent reading "
    "small files. I merged the files into daily parquet partitions and cached the lookup table. "
    "The job now finishes by four thirty. I learned to measure before tuning.")


@pytest.mark.parametrize("text", [INVESTIGATION, PROFILED])
@pytest.mark.slow
def test_findings_during_the_work_count_as_action(text):
    s, lines, feedback = _lines(text, "lp-dive-deep-1")
    assert s.star["action"].share >= 0.35
    assert s.star["situation"].share + s.star["task"].share <= 0.35
    assert "make what you did the bulk" not in feedback


@pytest.mark.parametrize("text", [
    "We cut the cloud bill by forty percent and the finance team was delighted. Everyone was "
    "happy with the result.",
    "I doubled the crawl throughput and our customers noticed right away. It was a big win.",
])
@pytest.mark.slow
def test_a_results_only_answer_is_not_read_as_set_up(text):
    s, lines, feedback = _lines(text, "lp-deliver-results-1")
    assert s.star["result"].present and s.star["result"].share >= 0.6
    assert not s.star["situation"].present
    assert "get to your actions sooner" not in feedback
    assert "short situation and your own responsibility" in s.key_points.missed


@pytest.mark.parametrize("text", [
    "The situation: our ticket router sent billing questions to the hardware queue. My task "
    "was to fix the routing before the price change. I labelled two thousand tickets and I "
    "retrained the router. Misrouted tickets fell from nine percent to two percent. I learned "
    "to read the tickets before touching the model.",
    "Context - the nightly export to our partners failed every few days. I owned that export. "
    "I added retries with backoff and I split the file by region. It has not failed in three "
    "months. I learned that small files fail less.",
])
@pytest.mark.slow
def test_a_named_situation_is_a_situation(text):
    s, lines, feedback = _lines(text, "lp-ownership-1")
    assert s.star["situation"].present
    assert "No Situation" not in feedback


@pytest.mark.slow
def test_we_only_answer_has_no_personal_responsibility_key_point():
    text = ("We had a launch date before the holidays. We split the work, we built the new "
            "ranking model and we ran the test on ten percent of traffic. Clicks went up four "
            "points.")
    s, lines, feedback = _lines(text, "lp-deliver-results-1")
    setup = s.star["situation"].present and s.star["task"].present
    assert ("short situation and your own responsibility" in s.key_points.covered) is setup
    assert not s.star["task"].present


@pytest.mark.parametrize(("text", "qid", "key_point"), [
    ("I lead applied science for voice shopping. My team's intent model went from seventy "
     "eight percent to ninety one percent accuracy and it serves twelve million requests a day. "
     "I want to bring that to your team.", "intro-impact-brief-1", "scale of the deployment"),
    ("I lead applied science for voice shopping. My team's intent model went from seventy "
     "eight percent to ninety one percent accuracy and it serves twelve million requests a day. "
     "I want to bring that to your team.", "intro-impact-brief-1", "the baseline number"),
    ("Code reviews in my team were rubber stamps. I was the senior engineer, so I owned the "
     "bar. I wrote a review checklist and I paired with each reviewer for a week. Escaped bugs "
     "went from eleven a month to three a month. I learned that a bar needs examples.",
     "lp-highest-standards-2", "the measurable change in quality"),
])
@pytest.mark.slow
def test_a_fact_shown_is_never_a_missed_key_point(text, qid, key_point):
    s, lines, feedback = _lines(text, qid)
    assert key_point in s.key_points.covered
    assert key_point not in feedback.split("Not covered:")[-1]


# --- key points by meaning: examples said, definitions said -------------------------------

@pytest.fixture(scope="module")
def model():
    from voice_coach import embedder

    return embedder.load_meaning_model()


@pytest.mark.parametrize(("text", "key_point", "covered"), [
    # one of the listed examples said
    ("Within a year she had been promoted and now runs the pricing team.",
     "evidence of their growth, such as a promotion or new scope", True),
    ("Before each release we kept a rollback ready in case the numbers dipped.",
     "the safety net such as a rollback or a small test", True),
    ("We proved the lift with an A/B test on five percent of traffic.",
     "how you knew it was your change, such as an A B test", True),
    ("We had one engineer, no GPU budget and six weeks, so I reused the search embeddings. "
     "That is frugality: doing more with less.",
     "the constraint: people, money, compute or time", True),
    ("The model trained on the old cluster.", "the constraint: people, money, compute or time",
     False),
    ("She kept working on the same things as before.",
     "evidence of their growth, such as a promotion or new scope", False),
    # a definition needs the term and the definition in one clause
    ("Precision is how many of our positive predictions turned out correct.",
     "precision is the share of positive predictions that are right", True),
    ("Variance is how much the fitted model changes when you train it on another sample.",
     "variance is sensitivity to the particular training sample", True),
    ("Precision and recall are the usual pair, they go together.",
     "precision is the share of positive predictions that are right", False),
    ("Accuracy is the share of all predictions that are right.",
     "precision is the share of positive predictions that are right", False),
    ("The median barely moves when a few huge outliers show up.",
     "median is robust to outliers", True),
    ("We used the median.", "median is robust to outliers", False),
])
@pytest.mark.slow
def test_key_points_by_meaning(model, text, key_point, covered):
    s = analyze_structure(text, kind="technical", key_points=(key_point,), model=model,
                          method="meaning")
    assert (key_point in s.key_points.covered) is covered


# --- a key point that carries an example needs an example (QA4 F13) -------------------------

DEFINITIONS_ONLY = (
    "Precision is the share of predicted positives that are actually positive, and recall is the "
    "share of actual positives that the model finds. Precision cares about false positives and "
    "recall cares about false negatives. You can compute both from the confusion matrix.")
WITH_EXAMPLES = DEFINITIONS_ONLY + (
    " For example in fraud detection, if we block a card, precision matters because a false "
    "positive blocks a good customer. In cancer screening recall matters more, because missing "
    "a real case is much worse than a second test.")
EXAMPLE_POINT = "precision when false positives are costly, such as blocking a seller"


def test_a_key_point_with_an_example_is_not_covered_by_its_claim_alone():
    q = BANK.get("ml-metrics-1")  # "… Give me an example of each."
    r = analyze_text(DEFINITIONS_ONLY, cfg=CFG, question=q)
    assert EXAMPLE_POINT in r.structure.key_points.missed
    assert any(f.area == "technical" and "example" in f.message for f in r.feedback)
    assert r.follow_up_key == "no_example"
    given = analyze_text(WITH_EXAMPLES, cfg=CFG, question=q)
    assert not any(f.area == "technical" and "example" in f.message for f in given.feedback)


# --- one read of the numbers (QA7 F08) --------------------------------------------------------
# An outcome said only in words ("retention did not drop") is a business outcome, not a measured
# result: the key point "a measurable result" is missed next to "baseline ✗ · after ✗" and
# "0 quantified results", the tip asks for the size of the change, the follow-up for the number
# (not for the number before the change, when there is no number after it), and the triad line
# says the ✓ was said in words.

WORDS_ONLY_OUTCOME = (
    "I disagreed with our product lead about adding a hard freshness boost to the news feed "
    "ranking. I thought it would hurt engagement for older readers. I ran an offline replay and "
    "showed that the boost would drop session length by about four percent, and I proposed a "
    "softer decay instead. We argued about it in two reviews, then my lead chose to test both and "
    "I committed to running the test properly. The decay variant won and retention did not drop. "
    "I learned to bring data to a disagreement early.")
MEASURED_OUTCOME = WORDS_ONLY_OUTCOME.replace(
    "retention did not drop", "thirty day retention went from forty one to forty three percent")


@pytest.mark.parametrize(("triad", "measured"), [
    (dict(business_outcome=True), False),  # in words only: no evidence
    (dict(business_outcome=True, evidence=("$500K a month",)), True),
    (dict(after=True, evidence=("down to 3%",)), True),
    # a baseline alone is where the story started: no result measured (QA90 F4)
    (dict(baseline=True), False),
    (dict(baseline=True, after=True), True),
    (dict(), False),
])
def test_a_measured_result_needs_a_number_in_the_triad(triad, measured):
    from voice_coach.analysis.point_facts import measured as holds
    from voice_coach.report_model import MetricTriadInfo

    assert holds(MetricTriadInfo(**triad)) is measured


def test_an_outcome_in_words_is_no_measurable_result_in_any_line():
    r = analyze_text(WORDS_ONLY_OUTCOME, cfg=CFG, question=BANK.get("lp-backbone-1"))
    s = r.structure
    tri = s.metric_triad
    assert tri.business_outcome and not (tri.baseline or tri.after or tri.evidence)
    assert s.quantified_results == 0  # "would drop … by about four percent" is a prediction
    point = "a measurable result, ideally with a before and after number"
    # never credited; "not clearly heard", not missed, since session 11: a measured result ✗
    # made the point "missed" wrongly half the time (numbers in shapes the triad does not read),
    # so the triad's own line coaches the number instead
    assert point in s.key_points.unclear and point not in s.key_points.covered
    tips = [f.message for f in r.feedback if f.area == "metrics"]
    assert tips == ["You said what changed but not by how much — put numbers on it: the metric "
                    "before and after your change."]
    assert r.follow_up_key == "no_result"
    triad_line = next(x for x in structure_lines(r) if x.startswith("metric triad:"))
    # … with the words it was read from, so the reading can be checked (QA77 F5)
    assert ('business outcome ✓ (said in words, no number: "the decay variant won and '
            'retention did not drop")') in triad_line


def test_the_same_story_with_a_number_is_a_measurable_result():
    r = analyze_text(MEASURED_OUTCOME, cfg=CFG, question=BANK.get("lp-backbone-1"))
    s = r.structure
    assert s.metric_triad.baseline and s.metric_triad.after and s.quantified_results >= 2
    assert "a measurable result, ideally with a before and after number" in s.key_points.covered
    assert not any("put numbers on it" in f.message for f in r.feedback)


# --- a missed key point says which fact it lacks (QA8 F17) -----------------------------------
# "a measurable result, ideally with …" covered next to "the result with a before and after
# number" missed read as one point judged twice; the missed one now names the ✗ it rests on.

@pytest.mark.parametrize(("point", "triad", "result", "shown"), [
    ("the result with a before and after number", dict(baseline=True), True,
     "the result with a before and after number (after ✗)"),
    ("the result with a before and after number", dict(business_outcome=True), True,
     "the result with a before and after number (baseline ✗, after ✗)"),
    ("a measurable result, ideally with a before and after number", dict(business_outcome=True),
     True, "a measurable result, ideally with a before and after number (number ✗)"),
    ("the business outcome", dict(baseline=True, after=True), True,
     "the business outcome (business outcome ✗)"),
    ("how you overcame it", dict(), False, "how you overcame it"),  # content: no fact to name
])
def test_a_missed_point_names_the_fact_it_lacks(point, triad, result, shown):
    from types import SimpleNamespace

    from voice_coach.analysis.point_facts import point_with_gaps
    from voice_coach.report_model import MetricTriadInfo

    star = {"result": SimpleNamespace(present=result)}
    assert point_with_gaps(point, star, MetricTriadInfo(**triad)) == shown


def test_the_before_and_after_point_missed_says_why_in_both_lines():
    text = ("The most important result I delivered was the spring launch of our spell checker for "
            "search. What got in the way was a hiring freeze, so I cut the scope and shipped the "
            "most frequent fixes first. After the launch, null searches went down a lot and the "
            "support team stopped getting complaints. I learned to cut scope with data.")
    r = analyze_text(text, cfg=CFG, question=BANK.get("lp-deliver-results-1"))
    assert not (r.structure.metric_triad.baseline or r.structure.metric_triad.after)
    shown = "the result with a before and after number (baseline ✗, after ✗)"
    missed = next(x for x in structure_lines(r) if x.startswith("key points missed"))
    assert shown in missed
    assert any(f.message.startswith("Not covered") and shown in f.message for f in r.feedback)


# --- a fact's absence against the point's own evidence (session 11, issue 13 1(b)) -----------

NO_LESSON = ("Our support queue for a big retail customer had grown to three hundred open tickets. "
             "I was the engineer on rotation, so it was mine. I sorted the tickets by cause and "
             "fixed the import bug behind most of them. The queue went from three hundred to "
             "twenty tickets in two weeks.")


@pytest.mark.parametrize(("own", "expected"), [
    ("covered", "unclear"),  # the words/meaning read it as made: the facts alone do not blame
    ("unclear", "missed"),  # the head reads nearly every fact point so: no evidence either way
    ("missed", "missed"),  # both readings agree it was left out
])
def test_a_fact_absent_is_missed_only_when_the_points_own_evidence_agrees(own, expected):
    """"what you learned" with Learning ✗ is not "missed" when the point's own evidence (the
    key-point head, before the facts) reads it as made; it is never credited next to L ✗."""
    import dataclasses

    from voice_coach.analysis.facts import reconcile
    from voice_coach.report_model import KeyPoints

    q = BANK.get("lp-customer-obsession-1")
    s = analyze_structure(NO_LESSON, kind=q.kind, key_points=q.key_points, question=q.text,
                          method="rules")
    assert not s.star["learning"].present
    point = "what you learned"
    others = tuple(k for k in q.key_points if k != point)
    states = {"covered": KeyPoints(others + (point,), ()),
              "unclear": KeyPoints(others, (), (point,), ("",)),
              "missed": KeyPoints(others, (point,))}
    out = reconcile(dataclasses.replace(s, key_points=states[own]), kind=q.kind,
                    category=q.category)
    got = ("covered" if point in out.key_points.covered else
           "unclear" if point in out.key_points.unclear else "missed")
    assert got == expected
