"""QA13 F15: a speaker's habit ("a fair bit", "I'd say", "roughly") never names a story.

Two different stories were both titled "A fair bit": the idiom is said in every telling of
both, so it scored as their shared topic. A hedge or a vague-amount idiom
(`analysis.vocabulary.SPOKEN_HEDGES`, `VAGUE_AMOUNTS`) breaks a title's stretch, as a misheard
word does; only a story with nothing else to be named by takes it. Real saved sessions (real
SQLite), the real `stories` command.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from voice_coach.analysis.titles import TitleSource, story_title
from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

OWNERSHIP = (  # short tellings where the idiom is the most repeated thing said
    "A fair bit of complaints, I'd say, went to the wrong team. It was a fair bit, about 15 to 20 "
    "percent were misrouted. Nobody owned it so I took it on. I retrained the classifier and "
    "misrouting came down to 6 percent.",
    "So a fair bit of complaints were misrouted, a fair bit really. It sat between two teams. I "
    "relabelled four thousand narratives and retrained it, and misrouting came down from 18 to 6 "
    "percent.")
DELIVER = (  # QA13's lp_deliver and slow_gaps, each saying the idiom
    "Right, so in the fraud team we had an authorised push payment scam model, and we were "
    "missing a fair bit of scams, the recall on scam narratives was, I'd say, a shade under sixty "
    "percent. My bit was to get it up before the peak season in November. I built a new feature "
    "set from the payment narratives, fine-tuned a smaller BERT model, and I negotiated with the "
    "ops team to review the grey-zone cases. We got recall up by roughly a quarter, and scam "
    "losses fell by somewhere around two hundred grand a month. What I learned is to agree the "
    "deadline scope on day one.",
    "We were missing roughly a fair bit on fraud. I'd say about one in five cases. I built a new "
    "model on the payment narratives with a smaller BERT, and fraud caught went up to about 90 "
    "percent before the peak season.")


def test_qa13_an_idiom_said_in_every_telling_names_no_story(tmp_path, capsys):
    store = Store(tmp_path / "rec")
    start = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    for i, (qid, text) in enumerate([("lp-ownership-1", t) for t in OWNERSHIP]
                                    + [("lp-deliver-results-1", t) for t in DELIVER]):
        _save(store, start + timedelta(days=i), qid, text)
    bank = load_story_bank(store, Config(), load_bank())
    titles = [s.title for s in bank.stories]
    assert len(titles) == 2 and len(set(titles)) == 2, titles
    assert not any("fair bit" in t.lower() or "i'd say" in t.lower() for t in titles), titles
    out = main_stdout(capsys, "stories", "--recordings", str(tmp_path / "rec"))
    assert "Story bank — 2 stories" in out and "fair" not in out.lower(), out


def test_an_idiom_still_names_a_story_with_nothing_else():
    assert story_title([TitleSource("a fair bit, roughly, I'd say")]) != "(no words)"
