"""The words quoted as "closest" for a key point not clearly heard (QA10 F05): a point a fact
leaves not clearly heard quotes the words said closest to it, and an empty quote is never shown.
Texts written for this test."""

import pytest

from voice_coach import pipeline
from voice_coach.questions import load_bank


@pytest.mark.slow
def test_a_point_the_facts_leave_not_clearly_heard_quotes_the_closest_words():
    """QA10 F05: a key point the head read one way and a fact leaves "not clearly heard" (the
    Task unsure: S ✓ T ✗) is listed with the words said closest to it — never `closest: ""`."""
    import dataclasses

    from voice_coach.analysis.facts import settle_key_points
    from voice_coach.embedder import shared_meaning_model
    from voice_coach.report_model import KeyPoints

    q = load_bank().get("lp-customer-obsession-3")
    text = ("At the conversational AI company in Dublin, the customer service chatbot was new. "
            "Customers were abandoning the chat, and roughly one out of every four "
            "conversations ended with the customer asking for a human agent. I read two "
            "hundred transcripts myself and found that the bot misunderstood refund questions. "
            "I rewrote the intent examples with real customer phrasing. After the change the "
            "handover to human agents dropped to one in ten conversations.")
    s = pipeline.analyze_structure(text, kind="behavioral", key_points=q.key_points,
                                   model=shared_meaning_model(), question=q.text)
    point = "short situation and your own responsibility"
    assert s.star["situation"].present and not s.star["task"].present
    # the head's verdict was "missed"; the facts (T ✗ is an unsure absence) make it unclear
    k = s.key_points
    s = dataclasses.replace(s, key_points=KeyPoints(
        tuple(p for p in k.covered if p != point), (*k.missed, point),
        tuple(p for p in k.unclear if p != point),
        tuple(w for p, w in zip(k.unclear, k.closest) if p != point)))
    settled = settle_key_points(s).key_points
    assert point in settled.unclear, settled
    quotes = dict(zip(settled.unclear, settled.closest))
    assert quotes[point] and quotes[point] in text, settled


def test_a_point_without_closest_words_is_listed_without_a_quote():
    """The report lists a point not clearly heard without words as itself, never with
    `closest: ""`, and never drops one whose quote is missing (an older saved report)."""
    import dataclasses

    from voice_coach.config import Config
    from voice_coach.report import structure_lines
    from voice_coach.report_model import KeyPoints

    report = pipeline.analyze_text("I rewrote the intent examples with real customer phrasing "
                                   "and the handover rate dropped to one in ten.", cfg=Config())
    s = dataclasses.replace(report.structure, key_points=KeyPoints(
        unclear=("the original plan", "how you changed course", "your responsibility"),
        closest=("I rewrote the intent examples", "")))
    text = "\n".join(structure_lines(dataclasses.replace(report, structure=s)))
    assert 'closest: ""' not in text
    assert 'the original plan (closest: "I rewrote the intent examples")' in text
    assert "how you changed course; your responsibility" in text, text
