"""A main answer to a bank question and a reply to one of its follow-ups, through the real
analysis (`analyze_text`, default config): shared by the follow-up tests."""

from __future__ import annotations

import dataclasses

from voice_coach.config import Config
from voice_coach.pipeline import FollowUpOf, analyze_text
from voice_coach.questions import GENERIC_FOLLOW_UPS, Question, load_bank
from voice_coach.report_model import AnswerReport

CFG = Config()
BANK = load_bank()


def main_answer(text: str, qid: str) -> tuple[AnswerReport, Question]:
    """`text` as answer 1 to the bank question `qid`, and that question."""
    q = BANK.get(qid)
    return dataclasses.replace(analyze_text(text, cfg=CFG, question=q), n=1), q


def follow_up_reply(text: str, main: AnswerReport, q: Question, key: str) -> AnswerReport:
    """`text` as answer 2, the reply to the `key` follow-up of `main` (its question's own
    wording of that follow-up, else the generic one)."""
    asked_text = dict(q.follow_ups).get(key) or GENERIC_FOLLOW_UPS[key]
    r = analyze_text(text, cfg=CFG, question=q,
                     follow_up=FollowUpOf(key, main, (), (q.text, asked_text)))
    return dataclasses.replace(r, n=2, follow_up_of=1)
