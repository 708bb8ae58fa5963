"""A follow-up of a follow-up, checked on a whole `voice-coach interview` round answered from
spoken files (espeak-ng, transcribed by the default backend): a round asks one follow-up per
question, so no reply's report carries a question of its own (nor after `recover`); and the
next follow-up the coach would pick after a reply is never the one just answered nor one whose
fact the reply just gave (on the recognised text, and on own text below)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from voice_coach.cli import main
from voice_coach.config import Config
from voice_coach.follow_ups import given
from voice_coach.pipeline import FollowUpOf, analyze_text, story_facts
from voice_coach.questions import load_bank

CFG = Config()

# the behavioural round with --seed 1 asks intro-impact-brief-1, lp-ownership-2, then four more
ROUND = [
    ("I am a machine learning engineer at a grocery delivery company. The work I am proudest "
     "of is our substitution model. When an item is out of stock, the model suggests a "
     "replacement. I built the first version myself and I still own it. After launch, customers "
     "accepted eighty percent of the suggested replacements."),
    # reply: the number before, plus a learning and a principle nobody asked for yet
    ("Before the model, pickers chose the replacements by hand, and customers accepted about "
     "sixty percent of them. I learned to measure the manual process first, which is Dive Deep."),
    ("At my last job we had a quick fix for a data quality problem in our demand forecast. The "
     "team wanted to patch it before the quarter ended. I argued that we should fix the source "
     "table instead, even if it took longer. We did the proper fix and missed the quarter by two "
     "weeks."),
    ("The forecast error dropped from eighteen percent to eleven percent, and I learned to write "
     "down the long term cost of every quick fix."),
    ("Our search ranking used four models. I replaced them with one gradient boosted model and "
     "the latency went down to thirty milliseconds."),
    ("I shipped a new fraud rule on a Friday behind a flag, so I could turn it off in a minute."),
    ("Our click through rate looked fine, but I split it by device and found that the app had "
     "dropped by half."),
    ("A teammate disagreed with every design. I met him one to one and asked what worried him, "
     "and we agreed on a small first step together."),
]


def _speak(text: str, path: Path) -> Path:
    from tools import require_tool

    from voice_coach.demo import ScriptedAnswer, synthesize

    require_tool("espeak-ng", "espeak", install="apt-get install -y espeak-ng")
    return synthesize(ScriptedAnswer(((text, 0.0),)), path)


def _answers(session: Path) -> dict[int, dict]:
    return {int(p.stem.split("-")[1]): json.loads(p.read_text())
            for p in session.glob("answer-*.json")}


@pytest.mark.slow
def test_a_round_never_asks_a_follow_up_of_a_follow_up(_private_recordings, tmp_path, capsys):
    argv = ["interview", "--round", "behavioral", "--seed", "1", "--no-voice"]
    for i, text in enumerate(ROUND):
        argv += ["--input", str(_speak(text, tmp_path / f"a{i}.wav"))]
    assert main(argv) == 0
    [session] = [p for p in _private_recordings.iterdir() if p.is_dir()]
    saved = _answers(session)
    replies = {n: a for n, a in saved.items() if a["follow_up_of"] is not None}
    assert sorted(replies) == [2, 4]  # 8 files for 6 questions: the first two are followed up
    bank = load_bank()
    nexts = {}
    for n, reply in replies.items():
        parent = saved[n - 1]
        asked = parent["follow_up"]
        # the question spoken is the parent's follow-up, never the parent's own question again
        assert reply["question"]["text"] == asked != parent["question"]["text"]
        assert reply["follow_up_kind"] == parent["follow_up_key"]
        # a round asks one follow-up per question: the reply carries none of its own
        assert reply["follow_up"] is None and reply["follow_up_key"] is None
        # what the coach would ask next on the recognised reply: not the question just
        # answered, not a fact the reply gave
        q = bank.get(parent["question"]["id"])
        main_report = analyze_text(parent["transcript"]["text"], cfg=CFG, question=q)
        again = analyze_text(reply["transcript"]["text"], cfg=CFG, question=q,
                             follow_up=FollowUpOf(reply["follow_up_kind"], main_report, (),
                                                  (q.text, asked)))
        gave = () if again.follow_up_check.switched_story else given(story_facts(again, q))
        assert again.follow_up_key != reply["follow_up_kind"]
        assert again.follow_up_key not in gave, (again.follow_up_key, gave)
        assert again.follow_up not in (asked, q.text)
        nexts[n] = again.follow_up_key
    # the first reply gives the level before ("customers accepted about sixty percent"): that
    # answers a baseline follow-up and nothing else — when Whisper mishears the first answer's
    # "eighty percent" the coach asks how big it was instead, and sixty percent of the
    # replacements is no volume (session 17's kind checks; it was credited before)
    asked_first = saved[1]["follow_up_key"]
    assert saved[2]["follow_up_check"]["supplied"] == (asked_first == "no_baseline"), \
        (asked_first, saved[2]["follow_up_check"])

    # recovered from its audio alone, a reply the coach would follow up further (the first
    # reply gave every fact left) still carries no follow-up of its own
    assert nexts[4] is not None
    (session / "answer-04.json").unlink()
    assert main(["recover", session.name]) == 0
    recovered = _answers(session)[4]
    assert recovered["follow_up_kind"] == replies[4]["follow_up_kind"]
    assert recovered["follow_up"] is None and recovered["follow_up_key"] is None
    md = (session / "report.md").read_text()
    assert md.count("**Follow-up:**") == sum(1 for a in saved.values() if a["follow_up"])


STORY = ("Last year our batch scoring job cost too much and I owned the bill. I moved it to spot "
         "instances and I cut the feature set. The monthly cost dropped to thirty five thousand "
         "dollars.")
# (reply to the story's first follow-up, what kind of reply it is)
REPLIES = [
    "Before it was ninety thousand dollars a month.",  # what was asked
    "Before it was ninety thousand a month, it scored forty million customers every night, and "
    "I learned to check the bill every week, which is Frugality.",  # asked + three more facts
    "Hmm, I am not sure, I don't remember.",  # nothing
    "Honestly a better example is the pricing engine at my previous company, where I cut the "
    "cost from ninety thousand to thirty thousand.",  # another story
]


@pytest.mark.parametrize("reply", REPLIES)
def test_the_next_follow_up_is_neither_the_one_answered_nor_what_the_reply_gave(reply):
    main_report, q = main_answer(STORY, "lp-frugality-2")
    key, asked = main_report.follow_up_key, main_report.follow_up
    assert key and asked
    r = follow_up_reply(reply, main_report, q, key)
    gave = () if r.follow_up_check.switched_story else given(story_facts(r, q))
    assert r.follow_up_key != key and r.follow_up not in (asked, q.text)
    assert r.follow_up_key not in gave, (r.follow_up_key, gave)
    # and a third skips both questions asked
    if r.follow_up_key:
        third = analyze_text(reply, cfg=CFG, question=q, follow_up=FollowUpOf(
            r.follow_up_key, main_report, (key,), (q.text, asked, r.follow_up)))
        assert third.follow_up_key not in (key, r.follow_up_key)
        assert third.follow_up not in (asked, r.follow_up)

