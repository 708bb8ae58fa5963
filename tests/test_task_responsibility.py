"""Task said as a responsibility held, in the ways English says it (QA10 F09): "I was having the
responsibility for …" (Nigerian English), "I had the responsibility of …", "I was in charge of …",
"it fell to me to …", "my remit was …", "it was my responsibility to …", "the responsibility was
mine". Texts written for this test."""

import pytest

from voice_coach import pipeline
from voice_coach.analysis.structure import STRONG, _norm, label_clause
from voice_coach.config import Config
from voice_coach.questions import load_bank


@pytest.mark.parametrize("clause", [
    "i was having the responsibility for evaluating our customer service chatbot",
    "and i was having the responsibility for the speech recognition model",
    "i had the responsibility of keeping the fraud model healthy",
    "i have the overall responsibility for the ranking service",
    "i was given responsibility for the billing alerts",
    "i held responsibility for the data contracts",
    "i was in charge of the annotation vendor",
    "it fell to me to tell the client",
    "my remit was the search relevance of the app",
    "it was my responsibility to keep the forecasts fresh",
    "the responsibility for the migration was mine",
    "the responsibility fell on me",
])
def test_a_responsibility_held_is_a_task_cue(clause):
    assert label_clause(_norm(clause))["task"] >= STRONG


@pytest.mark.parametrize("clause", [
    "the vendor took no responsibility for the outage",  # someone else's
    "we talked about responsibility in the retro",
    "responsibility for the logs sits with the platform team",
])
def test_responsibility_of_someone_else_is_no_task_cue(clause):
    assert label_clause(_norm(clause))["task"] < STRONG


@pytest.mark.slow
def test_the_task_said_as_having_the_responsibility_is_read_and_not_asked_for():
    """QA10 F09: the answer opens with its responsibility; no "No Task" line, T ✓."""
    text = ("At the conversational AI company in Dublin, I was having the responsibility for "
            "evaluating our customer service chatbot. Customers were abandoning the chat, and "
            "before my change roughly one out of every four conversations ended with the "
            "customer asking for a human agent. I read two hundred transcripts myself and found "
            "that the bot misunderstood refund questions. I rewrote the intent examples with "
            "real customer phrasing and added a clarifying question when the bot was unsure. "
            "After the change the handover to human agents dropped to one in ten "
            "conversations, and we saved the support team about six hundred agent hours a "
            "month. I learned to read real conversations before trusting the dashboard.")
    report = pipeline.analyze_text(text, cfg=Config(),
                                   question=load_bank().get("lp-customer-obsession-3"))
    assert report.structure.star["task"].present, report.structure.star
    assert "No Task" not in " ".join(f.message for f in report.feedback)

