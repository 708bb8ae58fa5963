"""QA5 trial: lines of one report that disagreed (key points vs STAR-L / triad / shape facts,
principles named in the negative). Real analysis of the trial's repro texts, no mocks."""

from __future__ import annotations

from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

CFG = Config()
BANK = load_bank()

# F01 (a1_etl_deadline.txt): a Task, a measured result without a baseline, actions that beat
# the obstacle
ETL = ("The regulator moved our deadline up by four hours. I owned the pipeline, so it was on me. "
       "I rewrote two shuffle joins as broadcast joins. The batch went to two hours and we saved "
       "forty thousand dollars a month.")
ETL_NO_BASELINE = ("Our nightly batch was too slow for the new deadline. I owned the pipeline, so "
                   "it was on me. I rewrote two shuffle joins as broadcast joins. The batch now "
                   "takes two hours and we saved forty thousand dollars a month.")
# F28 (llm1.txt, shortened)
IMPACT = ("Before the model, time to first response was about nine hours. After we rolled it out "
          "behind an A B test, time to first response dropped to under three hours, and the team "
          "handles about twelve thousand emails a week.")
# F18 (the drill's d1/d3.txt)
REGRESSION = ("I'll use gradient descent rather than the normal equation so it scales to many "
              "features. Let me test it on y equals two x plus one, it should recover two and "
              "one.")
# F22
NEGATED = ("I reran the backfill over the weekend without waiting for approval because the "
           "regulator needed it Monday. We delivered on time. This wasn't really about "
           "Frugality, it was Bias for Action.")


def _facts_agree(r) -> None:
    """Every key point that restates a fact shown ✓ is covered."""
    s, kp = r.structure, r.structure.key_points
    star = {p: v.present for p, v in s.star.items()}
    if star.get("task"):
        assert "short situation and your own responsibility" not in kp.missed or \
            not star.get("situation")
    if star.get("result") and (s.metric_triad.after or s.metric_triad.business_outcome):
        assert "a measurable result, ideally with a before and after number" not in kp.missed


def test_measurable_result_is_covered_by_a_measured_result_without_a_baseline():
    r = analyze_text(ETL_NO_BASELINE, cfg=CFG, question=BANK.get("lp-deliver-results-1"))
    tri = r.structure.metric_triad
    assert tri.after and not tri.baseline
    kp = r.structure.key_points
    # "ideally with a before and after" is a wish: the measured result covers it ...
    assert "a measurable result, ideally with a before and after number" in kp.covered
    # ... while the key point that requires the before number follows "baseline ✗"
    assert "the result with a before and after number" in kp.missed
    _facts_agree(r)


def test_actions_and_outcome_cover_how_you_overcame_it_and_why_it_mattered():
    r = analyze_text(ETL, cfg=CFG, question=BANK.get("lp-deliver-results-1"))
    kp = r.structure.key_points
    assert r.structure.star["action"].present and r.structure.metric_triad.business_outcome
    assert "how you overcame it" in kp.covered
    assert "why the result mattered" in kp.covered
    assert "short situation and your own responsibility" in kp.covered
    _facts_agree(r)


def test_key_point_without_the_outcome_fact_is_still_judged_by_meaning():
    r = analyze_text("I owned the pipeline. I rewrote two joins as broadcast joins.", cfg=CFG,
                     question=BANK.get("lp-deliver-results-1"))
    assert not r.structure.metric_triad.business_outcome
    assert "why the result mattered" not in r.structure.key_points.covered  # missed or unclear


def test_user_metric_before_the_change_follows_the_baseline():
    r = analyze_text(IMPACT, cfg=CFG, question=BANK.get("llm-user-impact-1"))
    kp = r.structure.key_points
    if r.structure.metric_triad.baseline:
        assert "the user metric before the change" in kp.covered
    assert r.structure.metric_triad.baseline
    if r.structure.scale_evidence:
        assert "scale: users or requests per day" in kp.covered


def test_coding_test_key_point_follows_the_test_and_example_facts():
    r = analyze_text(REGRESSION, cfg=CFG, question=BANK.get("code-linear-regression-1"))
    assert "test on synthetic data with known weights" in r.structure.key_points.covered
    assert r.structure.tradeoffs  # "gradient descent rather than … so it scales"
    msgs = " ".join(f.message for f in r.feedback)
    assert "concrete example" not in msgs and "trade-off" not in msgs


def test_coding_test_key_point_missed_without_a_test():
    r = analyze_text("I'll use gradient descent and update the weights every epoch.", cfg=CFG,
                     question=BANK.get("code-linear-regression-1"))
    assert "test on synthetic data with known weights" not in r.structure.key_points.covered


def test_principle_named_in_the_negative_is_not_credited():
    r = analyze_text(NEGATED, cfg=CFG, question=BANK.get("lp-frugality-1"))
    assert "Frugality" not in r.structure.leadership_principles
    assert "Bias for Action" in r.structure.leadership_principles
    msgs = " ".join(f.message for f in r.feedback)
    assert "Named Bias for Action, Frugality" not in msgs


DESIGN = ("I would start by clarifying the goal, is it to reduce stockouts or to cut inventory "
          "cost. Then I would build a daily forecast per store and item, using last year's sales, "
          "promotions, holidays and weather as features. I'd start with a gradient boosted tree "
          "baseline, and compare it against a simple seasonal naive forecast using mean absolute "
          "percentage error on a rolling backtest. The trade off is that a global model is "
          "cheaper to maintain, but per category models can capture local patterns better.")
UNSIGNPOSTED = ("Overfitting is when a model learns the noise in the training data. For example a "
                "deep tree that memorises every customer scores well on training data and badly "
                "on new data. Regularisation trades a little bias for less variance, and you "
                "measure it on a held out validation set, comparing training and validation "
                "error as the model grows, and you stop where the validation error turns up.")


def test_structure_score_and_signpost_tip_use_one_fact():
    """QA5 F35: "structure 100" never sits next to a structure tip; a tip costs points."""
    for text in (DESIGN, UNSIGNPOSTED):
        r = analyze_text(text, cfg=CFG, question=None)
        assert r.structure.kind == "technical"
        tip = any("Signpost" in f.message for f in r.feedback)
        assert tip == (r.scores.structure < 100), (text[:30], r.scores.structure)
    r = analyze_text(DESIGN, cfg=CFG, question=None)
    assert not any("Signpost" in f.message for f in r.feedback)  # opens by clarifying the goal


HABITUAL = ("Normally I would profile the job first. Usually I look at the Spark UI, I check for "
            "skew, and I tend to try broadcast joins. I always tell my team to measure before "
            "optimising.")


def test_habits_without_a_question_are_coached_as_no_real_time():
    """QA5 F41: read as technical without --question, a habitual answer is still told that it is
    not one real time, and the follow-up asks for one."""
    r = analyze_text(HABITUAL, cfg=CFG, question=None)
    msgs = " ".join(f.message for f in r.feedback)
    # read as technical ("… not one real time") or, since session 48's heads, as a hypothetical
    # story ("… tell one real time it happened"): coached to tell one real time either way
    assert "one real time" in msgs
    assert r.follow_up is not None and "specific time" in r.follow_up.lower()


def test_an_explanation_in_i_would_form_is_not_called_a_habit():
    for text in (DESIGN, UNSIGNPOSTED):
        r = analyze_text(text, cfg=CFG, question=None)
        assert "not one real time" not in " ".join(f.message for f in r.feedback)
        assert r.follow_up is None or "specific time" not in r.follow_up.lower()


# --- QA5 F32: where the pace feedback points ---------------------------------------------------

def _paced_words(parts: list[tuple[float, float, float]]) -> list:
    """Words "alpha" at `wpm` over each (start_s, end_s, wpm) stretch, back to back."""
    from voice_coach.transcriber import Word

    out = []
    for start_s, end_s, wpm in parts:
        step = 60.0 / wpm
        t = start_s
        while t + step <= end_s + 1e-9:
            out.append(Word("alpha", t, t + step * 0.8, 0.9))
            t += step
    return out


def _pace_message(parts: list[tuple[float, float, float]]) -> str:
    from voice_coach.analysis.delivery import analyze_delivery
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.analysis.vad import SpeechRegion
    from voice_coach.coach import coach

    words = _paced_words(parts)
    end_s = parts[-1][1]
    d = analyze_delivery([SpeechRegion(0.0, end_s)], words, end_s, CFG)
    c = coach(delivery=d, structure=analyze_structure(" ".join(w.text for w in words)),
              question=None, cfg=CFG)
    return next(f.message for f in c.feedback if f.area == "pace")


def test_fastest_points_at_the_fast_window_with_its_span():
    msg = _pace_message([(0.0, 15.0, 170.0), (15.0, 30.0, 240.0), (30.0, 45.0, 170.0)])
    assert "fastest between 0:15 and 0:30" in msg, msg


def test_a_uniform_or_one_window_pace_names_no_place():
    for parts in ([(0.0, 45.0, 200.0)], [(0.0, 12.0, 200.0)]):
        msg = _pace_message(parts)
        assert "above" in msg and "fastest" not in msg, msg


# --- QA5 F27: the retry comparison credits a principle newly named ------------------------------

A1 = ("It was taking nine hours every night, and the regulator moved our deadline up by four "
      "hours. I owned the pipeline. I profiled it and I replaced two shuffle joins with broadcast "
      "joins. The batch went from nine hours down to under two hours and we saved about forty "
      "thousand dollars a month. I learned to measure before I optimise.")
A3 = A1.replace("I learned", "This was Deliver Results for me. I learned")


def test_retry_comparison_names_a_newly_named_principle():
    from voice_coach.compare import attempt_facts, compare_attempts

    q = BANK.get("lp-deliver-results-1")
    first, second = (analyze_text(t, cfg=CFG, question=q) for t in (A1, A3))
    assert not first.structure.leadership_principles
    assert "Deliver Results" in second.structure.leadership_principles
    cmp = compare_attempts(attempt_facts(first), attempt_facts(second))
    assert "Leadership Principle named ✓ new" in cmp.headline(), cmp.headline()
    back = compare_attempts(attempt_facts(second), attempt_facts(first))
    assert "Leadership Principle named ✗ lost" in back.headline()


# --- QA5 F16: "off topic?" next to covered key points ---------------------------------------------

# tiny.en's transcript of the trial's iv/3.wav (espeak en-us+f3), an on-topic cold-start answer
GARBLED = ("For a first time visit or I would tap with popularity, the best sailing in the "
           "category they landed on, and then those contexts like the demise, the reforor and "
           "the time update, and that so that they can't copy the item's item's identity. To "
           "item, to item similarity.")
OFF_TOPIC = ("For near duplicates I would compute minhash signatures of shingles and use locality "
             "sensitive hashing to bucket candidate pairs, then compare only inside buckets with "
             "jaccard similarity.")


def test_no_off_topic_flag_when_the_report_lists_key_points_covered():
    q = BANK.get("recsys-cold-start-2")
    r = analyze_text(GARBLED, cfg=CFG, question=q)
    assert len(r.structure.key_points.covered) >= 2
    assert not any(f.area == "relevance" for f in r.feedback)
    off = analyze_text(OFF_TOPIC, cfg=CFG, question=q)  # another question's answer: still flagged
    assert not off.structure.key_points.covered
    assert any(f.area == "relevance" for f in off.feedback)


# --- QA5 F26: Whisper's split numbers in the printed transcript -----------------------------------

def test_printed_transcript_joins_whispers_split_numbers():
    from review_fixtures import make_report

    from voice_coach.report import marked_transcript
    from voice_coach.report_model import AnswerReport

    r = make_report()
    words = r["transcript"]["words"]
    # as tiny.en wrote a1.wav of the trial: "$40 ,000 a month", "1 .2 million"
    for w, text in zip(words[3:8], ("$40", ",000", "and", "1", ".2")):
        w["text"] = text
    toks = [t.text for t in marked_transcript(AnswerReport.from_json(r)) if t.kind == "word"]
    assert "$40,000" in toks and "1.2" in toks and ",000" not in toks
    assert "and" in toks  # a word that is no number part stays a word
    r["transcript"]["words"] = []
    r["transcript"]["text"] = "we saved $40 ,000 a month, 1 .2 million, a list of 3 ,4 and 5"
    toks = [t.text for t in marked_transcript(AnswerReport.from_json(r)) if t.kind == "word"]
    assert "$40,000" in toks and "1.2" in toks and ",4" in toks  # ",4" is no thousands group


def test_fast_pace_advice_names_numbers_only_when_the_answer_gave_some():
    """QA69 F6, QA71 F9: "let key numbers land" in an answer with no numbers."""
    msg = _pace_message([(0.0, 45.0, 200.0)])
    assert "let each point land" in msg and "numbers" not in msg, msg
