"""QA13 F01, F04, F14: a before → after pair is two levels of one metric. A time span that
says when ("before the peak season, about eight weeks") is no level a relative change applies
to; a change that names its metric ("recall up by", "caught went up to") never takes a level
said of another ("missing 1 in 5 cases"); a hedge ("I'd say") is never a metric's name. Own
wordings plus one replay of each finding's input (the QA text with a plain "about sixty
percent" for its hedged number, and the transcript the finding reports)."""

import pytest

from voice_coach.analysis.facts import reconcile, triad_values
from voice_coach.analysis.numbers import change_pairs
from voice_coach.analysis.structure import _norm, analyze_structure
from voice_coach.analysis.triad_said import metric_label
from voice_coach.embedder import shared_meaning_model

LP_DELIVER = (  # /work/wt/qa13_inputs/lp_deliver.txt, its hedged baseline said plainly
    "Right, so in the fraud team we had an authorised push payment scam model, and the recall "
    "on scam narratives was about sixty percent. My bit was to get it up before the peak season "
    "in November, about eight weeks. I built a new feature set from the payment narratives, "
    "fine-tuned a smaller BERT model, and I negotiated with the ops team to review the grey-zone "
    "cases. We got recall up by roughly a quarter, and scam losses fell by somewhere around two "
    "hundred grand a month. The principle is Deliver Results. What I learned is to agree the "
    "deadline scope on day one.")
SLOW_GAPS = (  # the transcript QA13 F04 reports (slow_gaps.wav, faster-whisper tiny.en)
    "So, um, the flawed narratives project. We were missing roughly a fair bit on flawed. I'd "
    "say about one in five cases. I built a new model on the narratives and flawed caught went "
    "up to about 90%. That's my answer.")


def _pairs(*sentences: str) -> list[tuple[str, str]]:
    return [(p.before.text, p.after.text) for p in change_pairs([_norm(s) for s in sentences])]


def _report_triad(text: str):
    s = analyze_structure(text, kind="behavioral", model=shared_meaning_model())
    return reconcile(s, kind="behavioral").metric_triad


@pytest.mark.parametrize("sentences", [
    # F01 replay: the deadline is no level; the change is of the recall said before it
    tuple(s + "." for s in LP_DELIVER.split(". ")),
    # own wordings: a window said after a time bound, the metric's level said or not
    ("Churn was about eight percent.", "I had to bring it down before the renewals in March, "
     "about six weeks.", "We got churn down by about a quarter."),
    ("My job was to lift precision before the launch in May, about ten weeks.",
     "We got precision up by 30%."),
    ("My job was to lift precision in about ten weeks.", "We got precision up by 30%."),
])
def test_a_time_window_is_no_level_of_the_metric(sentences):
    pairs = _pairs(*sentences)
    assert not any("week" in b or "week" in a for b, a in pairs), pairs


def test_relative_change_binds_to_the_metric_it_names():
    # F01: "we got recall up by 20%" is of the recall level, never of the nearer number
    # (a relative change of a percent may be points, so the replay's 60% pairs with nothing)
    assert _pairs("The cost was about 50 cents a query.", "We had to cut it before the launch "
                  "in May, about 8 weeks.", "We got the cost down by 20%.") == [("50 cents", "40 cents")]
    assert _pairs("Each refund took about 50 minutes.", "We had to fix it before the sale in "
                  "May, about 8 weeks.", "We got refund handling down by 20%.") == [
                      ("50 minutes", "40 minutes")]
    tv = triad_values(LP_DELIVER)
    assert "week" not in (tv.baseline or "") and "week" not in (tv.after or ""), tv


def test_f01_replay_credits_no_invented_pair():
    tri = _report_triad(LP_DELIVER)
    assert not any("week" in e for e in tri.evidence), tri.evidence


@pytest.mark.parametrize("sentences", [
    # F04 replay: a missed rate and a caught rate are two metrics
    tuple(s.strip() for s in SLOW_GAPS.replace(". ", ".|").split("|")),
    # own wordings
    ("Around 30% of orders were late.", "After the new routing, on-time deliveries went up to "
     "95%."),
    ("We were losing about one in four trials.", "Then signups went up to 40%."),
])
def test_levels_of_two_named_metrics_are_no_pair(sentences):
    # closed in session 38 (QA43 F1): the name check in the "went up to" branch, with a level
    # said of "it" kept as possibly the metric's — on the 1044 labelled spent answers 4
    # baselines fixed, 1 lost
    assert _pairs(*sentences) == []


@pytest.mark.parametrize("sentences, pair", [
    # the same metric named at both ends, or the change said of "it", still pairs
    (("The error rate was about 12%.", "After the fix the error rate dropped to 6%."),
     ("12%", "6%")),
    (("About 30% of orders were late.", "After the new routing late orders went down to 10%."),
     ("30%", "10%")),
    (("Recall was about 60%.", "With the new features it went up to 75%."), ("60%", "75%")),
])
def test_one_named_metric_still_pairs(sentences, pair):
    assert pair in _pairs(*sentences)


def test_f04_replay_is_not_a_before_and_after():
    tri = _report_triad(SLOW_GAPS)
    assert not tri.baseline, tri
    assert triad_values(SLOW_GAPS).baseline is None


@pytest.mark.parametrize("label", ["i'd say", "I'd say", "we'd", "i'm"])
def test_a_hedge_is_no_metric_name(label):
    # F14: "i'd say about 1 in 5 → about 90%" in the brief
    assert metric_label(label) is None


def test_hedge_is_not_read_as_the_metric():
    tv = triad_values("The error rate was, I'd say, about twelve percent. After the fix it "
                      "dropped to six percent.")
    assert tv.metric is None or "say" not in tv.metric
    tv = triad_values("I'd say about one in five cases were missed. After the new model, it "
                      "went down to one in ten.")
    assert tv.metric is None or "say" not in tv.metric
