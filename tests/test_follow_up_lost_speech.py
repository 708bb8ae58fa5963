"""A follow-up's merged score reads the answer as its report judged it, lost speech included
(#13 point 3; QA29). The saved reports of a real `practice` session (tests/data/qa29_follow_up:
QA29's `a5`/`f5`, an 87 s espeak-ng coding answer to `code-metrics-1` of which the transcriber
lost 18 s, and its reply to "What edge cases would your tests cover?"): the answer scored content
100 with the test-cases key point "not heard" (it may lie in the lost speech); the reply gives
the test cases. Re-read without the lost speech, that point was missed, and the round summary
showed the answer "85" with the follow-up "84" — worse for supplying what was asked."""

from __future__ import annotations

import json
from pathlib import Path

from voice_coach import pipeline
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.report_model import AnswerReport, load_as

DATA = Path(__file__).parent / "data" / "qa29_follow_up"


def _report(name: str) -> AnswerReport:
    return load_as(AnswerReport, json.loads((DATA / name).read_text()), name)


def test_the_answer_with_its_follow_up_never_scores_below_the_answer():
    q = load_bank().get("code-metrics-1")
    first, reply = _report("answer-01.json"), _report("answer-02.json")
    # the saved answer: speech lost, the test-cases point not heard (not missed), content 100
    assert first.transcript.unrecognised
    assert any("test cases" in k for k in first.structure.key_points.not_heard)
    facts = pipeline.original_facts(first, Config(), q)
    assert any("test cases" in k for k in facts.key_points.not_heard)
    assert not any("test cases" in k for k in facts.key_points.missed)
    block = pipeline.merge_follow_up(first, reply, Config(), q).with_follow_up
    assert block is not None and block.counted, block
    assert block.scores.content >= first.scores.content, (block.scores, first.scores)
    assert block.scores.overall >= first.scores.overall, (block.scores, first.scores)
