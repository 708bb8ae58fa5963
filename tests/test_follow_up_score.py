"""The original answer's score shows what its follow-up supplied (#13 point 3: "with the
follow-up: baseline ✓"), checked on a real `voice-coach practice` session: a spoken story
without the number before (espeak-ng, transcribed by the default backend), then a spoken reply
that gives it. The answer's saved report says the session counts it with the follow-up
(`with_follow_up.counted`), every view marks the missing element as supplied by the follow-up
and says how the score was computed, and the session score of `review` is that score."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from report_schema import check_report
from tests.tools import main_stdout
from voice_coach import pipeline
from voice_coach.cli import main
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.report import follow_up_score_text, render_session_markdown, structure_lines
from voice_coach.report import md_escape
from voice_coach.report_model import AnswerReport
from voice_coach.store import Store

STORY = ("Last year our batch scoring job cost too much and I owned the bill. I moved it to spot "
         "instances and I cut the feature set. The monthly cost dropped to thirty five thousand "
         "dollars.")
REPLY = "Before my change it was ninety thousand dollars a month."


def _speak(text: str, path: Path) -> Path:
    from tools import require_tool

    from voice_coach.demo import ScriptedAnswer, synthesize

    require_tool("espeak-ng", "espeak", install="apt-get install -y espeak-ng")
    return synthesize(ScriptedAnswer(((text, 0.0),)), path)


@pytest.mark.slow
def test_a_supplied_follow_up_updates_the_answers_score_and_says_how(
        _private_recordings, tmp_path, capsys):
    rc = main(["practice", "--question", "lp-frugality-2", "--input",
               str(_speak(STORY, tmp_path / "story.wav")), "--input",
               str(_speak(REPLY, tmp_path / "reply.wav")), "--no-voice"])
    assert rc == 0
    capsys.readouterr()
    [session] = [p for p in _private_recordings.iterdir() if p.is_dir()]
    first = json.loads((session / "answer-01.json").read_text())
    second = json.loads((session / "answer-02.json").read_text())
    check_report(first, audio=True)
    assert first["follow_up_key"] == "no_baseline", first["follow_up"]
    assert not first["structure"]["metric_triad"]["baseline"]
    assert second["follow_up_check"]["supplied"], second["transcript"]["text"]

    # the JSON: the merged scores count for the answer, and which facts they add
    block = first["with_follow_up"]
    assert block["counted"] is True and block["n"] == 2
    assert block["facts"].get("baseline") is True
    own, merged = first["scores"]["overall"], block["scores"]["overall"]
    assert merged > own

    # every view: the missing element as supplied by the follow-up, and how the score came about
    how = (f"with the follow-up (answer 2): baseline ✓ — structure "
           f"{first['scores']['structure']} → {block['scores']['structure']}")
    md = (session / "report.md").read_text()
    assert md_escape("baseline ✗ → ✓ with the follow-up") in md
    assert md_escape(how) in md and md_escape(f"overall {own} → {merged}") in md
    assert f"{own} → {merged} with the follow-up" in md  # the session table's overall cell
    html = (session / "report.html").read_text()
    assert "baseline ✗ → ✓ with the follow-up" in html and how in html
    shown = main_stdout(capsys, "review", session.name)
    assert "baseline ✗ → ✓ with the follow-up" in shown
    assert how in re.sub(r"\s+", " ", shown)

    # the session score is the answer's score with the follow-up, and the list says so
    listing = main_stdout(capsys, "review")
    assert re.search(rf"(?<![\d.]){merged}\*", listing), listing
    assert "* with what a follow-up supplied" in listing


# replies read as text (`pipeline.analyze_text`), saved by the real Store as `practice` saves them
NOT_SUPPLIED = (
    "We ended at thirty five thousand a month and it stayed there.",  # the after number again
    "Honestly I don't remember the exact figure, I'd have to check the invoices.",  # deflection
    "A better example is the pricing engine at my previous company, where the bill went from "
    "ninety thousand to thirty thousand a month.",  # another story
)


def _session(root: Path, reply: str) -> tuple[AnswerReport, Store]:
    q = load_bank().get("lp-frugality-2")
    store = Store(root)
    session = store.new_session("practice", "practice", {}, now=datetime(2026, 11, 5, 9))
    first = dataclasses.replace(pipeline.analyze_text(STORY, cfg=Config(), question=q), n=1)
    assert first.follow_up_key == "no_baseline"
    second = dataclasses.replace(pipeline.analyze_text(reply, cfg=Config(), question=q,
                                 follow_up=pipeline.FollowUpOf("no_baseline", first)),
                                 n=2, follow_up_of=1)
    first = pipeline.merge_follow_up(first, second, Config(), q)
    session.save_answer(1, first)
    session.save_answer(2, second)
    session.finish()
    return first, store


@pytest.mark.parametrize("reply", NOT_SUPPLIED)
def test_a_reply_that_gave_nothing_leaves_the_answers_own_score(tmp_path, reply):
    first, store = _session(tmp_path / "recordings", reply)
    block = first.with_follow_up
    assert block is not None and block.counted is False and not block.counts
    assert follow_up_score_text(first) is None
    assert not any("→ ✓ with the follow-up" in x for x in structure_lines(first))
    [summary] = store.list_sessions()
    assert summary.overall_score == first.scores.overall and summary.with_follow_up == 0
    md = render_session_markdown(store.load_session(summary.id))
    assert "Scores with the follow-up" not in md


def test_a_report_saved_before_the_counted_field_reads_as_its_verdict(tmp_path):
    """A report written before `with_follow_up.counted` existed counts its follow-up when the
    reply supplied what was asked (its `supplied` and `switched_story`)."""
    first, store = _session(tmp_path / "recordings", REPLY)
    assert first.with_follow_up.counted is True
    [summary] = store.list_sessions()
    assert summary.overall_score == first.with_follow_up.scores.overall > first.scores.overall
    assert summary.with_follow_up == 1
    path = next((tmp_path / "recordings").glob("*/answer-01.json"))
    data = json.loads(path.read_text())
    del data["with_follow_up"]["counted"]
    old = AnswerReport.from_json(data)
    assert old.with_follow_up.counted is None and old.with_follow_up.counts
    assert follow_up_score_text(old) == follow_up_score_text(first)


# --- QA11 F08: a reply adds facts, not telling time; every view names all it added ------------

# the trial's inputs as their text (tests: a replay of the finding; the WAVs were espeak of these)
QA11_A4 = ("At the fintech I owned the collections assistant, an LLM that suggests what the agent "
           "says to the customer. Before me, the agents were closing agreements in something like "
           "one of each five calls. My task was to make the assistant useful for the agents. I "
           "collected two thousand real call transcripts, I fine tuned a small model with LoRA, "
           "and I put a guard rail so it never promises a discount that is not allowed. After "
           "three months, the agents close one of each three calls. We have forty agents using "
           "it every day. I learned that the agents must be in the loop from the start.")
OWN_STORY = ("Our support inbox was drowning before the holiday peak and I owned the triage "
             "model. My task was to route tickets to the right queue on the first try. I "
             "labelled three thousand tickets myself, I trained a small classifier and I set up "
             "a weekly review of the misroutes with the support leads. Misroutes went down a lot "
             "and the leads kept the weekly review. I learned to put the people who feel the "
             "errors into the review.")
OWN_REPLY = ("Misroutes went from about one in four tickets to one in twelve, and first replies "
             "came two hours sooner.")


def test_the_finding_s_story_now_reads_its_agreement_rate_as_the_outcome():
    """QA11 A4 was asked for its business outcome and the tester answered with the agreement
    rate (A6). Since session 51 the rate the story already told over two clauses ("closing
    agreements in one of each five calls … the agents close one of each three calls") is read
    as that outcome, so no follow-up asks for it again."""
    q = load_bank().get("lp-invent-simplify-2")
    first = pipeline.analyze_text(QA11_A4, cfg=Config(), question=q)
    assert first.structure.metric_triad.business_outcome
    assert first.follow_up_key != "no_business_outcome"


@pytest.mark.parametrize(("qid", "story", "reply"), [
    ("lp-deliver-results-3", OWN_STORY, OWN_REPLY),
])
def test_a_supplied_reply_never_lowers_a_score_and_every_fact_it_added_is_named(qid, story,
                                                                                 reply):
    q = load_bank().get(qid)
    first = dataclasses.replace(pipeline.analyze_text(story, cfg=Config(), question=q), n=1)
    second = dataclasses.replace(pipeline.analyze_text(
        reply, cfg=Config(), question=q,
        follow_up=pipeline.FollowUpOf(first.follow_up_key, first)), n=2, follow_up_of=1)
    merged = pipeline.merge_follow_up(first, second, Config(), q)
    block = merged.with_follow_up
    assert block is not None and block.counts, second.follow_up_check
    for part in ("structure", "content", "overall"):
        assert getattr(block.scores, part) >= getattr(first.scores, part), (part, block.scores)
    added = [k for k, v in block.facts.items() if v]
    from voice_coach.analysis.vocabulary import FACT_LABELS
    lines = [x for x in structure_lines(merged) if x.startswith("with the follow-up")]
    for text in (*lines, follow_up_score_text(merged)):
        assert all(f"{FACT_LABELS[k]} ✓" in text for k in added), (added, text)


# --- QA11 F03: the level during the problem is the number before the fix ---------------------

QA11_A9 = ("Last year our collections model failed in production. I owned that model. On a Monday "
           "the score distribution moved a lot, and the model was sending the wrong customers to "
           "the agents. I found that a upstream team changed the format of the days past due "
           "field. I rolled back to the previous version the same day, I wrote a data contract "
           "with the upstream team, and I put a monitor on the feature distributions. After the "
           "fix, the recovery rate came back to eighteen percent. I learned to never trust a "
           "feature without a contract.")
OWN_DIP = ("In March our card approval model started rejecting good customers. I owned the "
           "model, I traced it to a broken income feature and I retrained it on clean data. "
           "After the retrain the approval rate was back at sixty two percent.")


@pytest.mark.parametrize(("qid", "story", "reply", "supplied"), [
    # the finding's input, as Whisper wrote the reply, and as it was spoken
    ("lp-ownership-3", QA11_A9, "You're in the incident, it was falling to 11%, more or less.",
     True),
    ("lp-ownership-3", QA11_A9, "During the incident it was falling to eleven percent, more or "
     "less.", True),
    ("lp-deliver-results-3", OWN_DIP, "While the feature was broken it slid to about forty "
                                      "percent.", True),
    # the after value again, or a later level, is no number before
    ("lp-deliver-results-3", OWN_DIP, "In the end it climbed to sixty five percent.", False),
    ("lp-deliver-results-3", OWN_DIP, "It came back to sixty two percent.", False),
])
def test_a_level_of_the_time_before_the_fix_supplies_the_baseline(qid, story, reply, supplied):
    q = load_bank().get(qid)
    first = dataclasses.replace(pipeline.analyze_text(story, cfg=Config(), question=q), n=1)
    check = pipeline.analyze_text(reply, cfg=Config(), question=q, follow_up=pipeline.FollowUpOf(
        "no_baseline", first)).follow_up_check
    assert check.supplied is supplied and check.specific is supplied, check
