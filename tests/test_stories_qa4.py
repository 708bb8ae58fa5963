"""Story bank, brief and plan on the QA4 trial's mechanisms (F27–F37): one number fills one
triad slot, a reply that tells another story is a telling of its own, equal amounts are no
conflict, a gap is practised on the principle the story was told for.

Every answer and reply is analysed by the real pipeline (`pipeline.analyze_text`, a reply judged
on the follow-up it answers), saved by the real `Store` and read back through `load_story_bank`
and the CLI. The wording is new (not the trial's sentences), each mechanism in several
phrasings.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.stories import _same_number
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout


OUTAGE = (
    "Last winter I was the on-call owner of our playlist ranking service. On a Saturday the "
    "ranker began showing every listener the same handful of songs, because an upstream "
    "embedding job had quietly died. It was my service, so fixing it was my job. I rolled "
    "back to the previous ranker within half an hour, then I added a freshness check that "
    "pages the on-call engineer when the embeddings go stale.")
DIP_REPLIES = (
    "During the outage listening time per user fell from about fifty minutes a day to "
    "thirty one, and by Tuesday it was back at forty nine minutes.",
    "While it was broken, daily sessions per listener dropped from nine to five, and two days "
    "later they were at eight point five again.",
    "Minutes streamed per user went from sixty to thirty eight during the incident and "
    "recovered to fifty seven within a day.",
)


def _slots(triad) -> list[str]:
    return [v for v in (triad.baseline, triad.after or triad.change,
                        triad.outcome or triad.effect)
            if v is not None and "unclear" not in v]


@pytest.mark.parametrize("reply", DIP_REPLIES)
def test_one_number_never_fills_two_triad_slots(tmp_path, capsys, reply):
    """QA4 F27: a reply's before → after pair does not also become the business outcome."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 6, 9), "lp-ownership-3", OUTAGE, reply,
          kind="no_result")
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    for triad in (story.triad, *(t.triad for t in story.tellings)):
        said = _slots(triad)
        assert not any(_same_number(a, b) for i, a in enumerate(said) for b in said[i + 1:]), \
            triad
    show = main_stdout(capsys, "stories", "--recordings", str(root), "--show", "1", "--markdown")
    assert "Check:" not in show and "told differently" not in show


SEARCH = (
    "At an online grocer I owned the search ranking, and shoppers kept finding nothing for "
    "long queries. I replayed a week of query logs and traced it to a tokenizer that split "
    "brand names. I fixed the tokenizer and added a regression test on real queries. The "
    "empty result rate fell from fourteen percent to six percent, {money}. I learned to "
    "read the logs before touching the model.")


@pytest.mark.parametrize("first, retold, conflict", [
    ("worth about a quarter of a million dollars a month",
     "worth about two hundred fifty thousand dollars a month", False),
    ("worth about one point five million dollars a year",
     "worth about one and a half million dollars a year", False),
    ("worth about two hundred thousand dollars a month",
     "worth about three hundred thousand dollars a month", True),
])
def test_equal_amounts_said_two_ways_are_no_conflict(tmp_path, first, retold, conflict):
    """QA4 F32: "$0.25M a month" and "$250000 a month" are one amount; a real difference is
    still flagged."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 6, 9), "lp-dive-deep-1", SEARCH.format(money=first))
    _save(Store(root), datetime(2026, 11, 7, 9), "lp-customer-obsession-1",
          SEARCH.format(money=retold))
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    assert story.told == 2
    outcome = [c for c in story.conflicts if c.part == "outcome"]
    assert bool(outcome) == conflict, story.conflicts
    assert not [c for c in story.conflicts if c.part != "outcome"], story.conflicts


@pytest.mark.parametrize("a, b, same", [
    ("$0.25M a month", "$250000 a month", True),
    ("about 28 minutes", "28", True),
    ("3.5", "$3.5M a year", True),
    ("12%", "$12M", False),
    ("$1M a month", "$250000 a month", False),
])
def test_amounts_compare_by_value(a, b, same):
    assert _same_number(a, b) == same and _same_number(b, a) == same


ROLLBACK = (
    "One Sunday night our payments risk model started declining loyal customers, and its "
    "owner was unreachable on a long flight. I was the scientist on call, so the decision "
    "was mine. I compared the score histogram with the week before, found that a config push "
    "had reset the decision threshold, and restored the old value without waiting for "
    "approval. I learned that a reversible call should be made fast.")
SWITCHED_REPLIES = (
    "Actually, let me tell you about a different project. At my previous company I led the "
    "move of our feature store to a new platform. The old store was slow, and my task was to "
    "migrate forty models with no downtime. I built a dual write layer and moved the models "
    "in waves. Feature latency went from eighty milliseconds to twelve milliseconds.",
    "Can I use another example? Last year our warehouse team asked me to speed up the "
    "nightly demand forecast. I was responsible for the training jobs, and my goal was to "
    "finish before the morning shift. I profiled the pipeline and cached the feature joins. "
    "The run went from six hours to forty minutes.",
)


@pytest.mark.parametrize("reply", SWITCHED_REPLIES)
def test_a_reply_that_tells_another_story_is_a_telling_of_its_own(tmp_path, capsys, reply):
    """QA4 F28: a reply that sets up a project of its own is not merged into the story it
    followed: its numbers never become that story's triad, and it is a story of its own."""
    root = tmp_path / "recordings"
    first, second = _save(Store(root), datetime(2026, 11, 6, 9), "lp-bias-for-action-1",
                          ROLLBACK, reply, kind="no_result")
    bank = load_story_bank(Store(root), Config(), load_bank())
    assert len(bank.stories) == 2, [s.title for s in bank.stories]
    rollback = next(s for s in bank.stories if any(t.n == 1 for t in s.tellings))
    other = next(s for s in bank.stories if s is not rollback)
    assert [t.n for t in rollback.tellings] == [1] and rollback.replies == 0
    assert rollback.triad.after is None and not rollback.triad.parts["after"]
    assert [t.n for t in other.tellings] == [2] and other.told == 1
    assert other.triad.after is not None and other.asked_principles == ()
    show = main_stdout(capsys, "stories", "--recordings", str(root), "--show", str(other.id),
                "--markdown")
    assert "told another story" in show


def test_next_lists_the_rest_of_todays_plan_in_order(tmp_path, capsys):
    """QA4 F33: `next` follows the plan for all of today's questions, not only the first,
    and `plan` does not send the user to a round that asks other questions."""
    from datetime import date

    from voice_coach.cli.stories import read_plan

    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 6, 9), "lp-dive-deep-1", SEARCH.format(
        money="worth about two hundred thousand dollars a month"))
    out = main_stdout(capsys, "plan", "--recordings", str(root), "--days", "2", "--seed", "4",
               "--start", date.today().isoformat())
    assert "interview --round" not in out and "--round" not in out
    today = [q.question_id for q in read_plan(root).days[0].questions]
    out = main_stdout(capsys, "next", "--recordings", str(root))
    lines = out.splitlines()
    first = next(x for x in lines if x.startswith("Next: "))
    rest = [m.group(1) for x in lines[lines.index("Then:") + 1:]
            if (m := re.match(r"  ([a-z0-9-]+) — ", x))]
    assert first.split()[1] == today[0]
    assert rest == today[1:1 + len(rest)] and len(rest) == 2, (today, out)


FRUGAL = (
    "I ran the document OCR service and our GPU bill kept climbing every month. {own} I "
    "distilled the large model into a smaller one, batched the requests and moved the "
    "nightly jobs to spot machines. The cost per thousand pages went from sixty cents to "
    "twenty two cents, and character accuracy stayed the same. I learned to price every "
    "model before shipping it.")
OWN_WORDS = ("I took ownership of bringing it down.", "I owned cutting that bill.",
             "I took ownership of the cost problem myself.")


@pytest.mark.parametrize("own", OWN_WORDS)
def test_a_story_is_practised_on_the_principle_it_was_told_for(tmp_path, capsys, own):
    """QA4 F29/F34: a story told for Frugality whose words merely mention ownership has its
    gaps practised, and is retold in the plan, on a Frugality question."""
    from voice_coach.cli.stories import read_plan

    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 6, 9), "lp-frugality-1", FRUGAL.format(own=own))
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    assert story.practice_principles[0] == "Frugality", story.practice_principles
    frugal = {q.id for q in load_bank() if "Frugality" in q.principles}
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    fill = [x for x in brief.splitlines() if x.startswith("- To fill:")]
    for line in fill:
        qid = re.findall(r"practise `([a-z0-9-]+)`", line)
        assert all(q in frugal for q in qid), line
    main_stdout(capsys, "plan", "--recordings", str(root), "--days", "3", "--seed", "2",
         "--start", "2026-12-01")
    retell = [q.question_id for d in read_plan(root).days for q in d.questions
              if q.story == story.tellings[0].key]
    assert retell and all(q in frugal for q in retell), retell


@pytest.mark.parametrize("text, must_start", [
    ("At my last company I led the fine tuning of a thirteen billion parameter model for our "
     "legal research assistant. The model kept inventing case names, so my goal was to stop "
     "that. I built an evaluation set of real questions and trained on verified answers. "
     "Invented citations went from nine percent to two percent. I learned to measure first.",
     None),
    ("I owned the fraud rules engine at a payments startup. Our false declines were hurting "
     "good customers within the first week of each month. I rebuilt the threshold logic and "
     "replayed last year's data. False declines fell from four percent to one percent. I "
     "learned to replay history before changing rules.", None),
    ("Last year I was the data scientist on the pricing team at a travel site, and our hotel "
     "price predictions had drifted. My task was to find out why bookings dropped. I compared "
     "the features week by week and found a broken currency feed. I fixed the feed and added "
     "a check. Bookings recovered within a week. I learned to monitor inputs.",
     # until session 13 "My task was to find out …" (a clause); a title is now a noun phrase,
     # still with the article its first word belongs to (issue #17)
     "A broken currency feed"),
])
def test_titles_are_whole_phrases(tmp_path, text, must_start):
    """QA4 F35: a title never cuts off the number, possessive or subject its first word
    belongs to, and never ends on a word that promises more ("… customers within")."""
    from voice_coach.analysis.titles import _TAIL as _TITLE_TAIL

    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 6, 9), "lp-dive-deep-1", text)
    (story,) = load_story_bank(Store(root), Config(), load_bank()).stories
    words = story.title.split()
    assert words[-1].lower() not in _TITLE_TAIL, story.title
    assert not re.match(r"(?i)(?:billion|million|thousand|was|were|is|task)\b", story.title), \
        story.title
    if must_start:
        assert story.title.startswith(must_start), story.title
    assert " ".join(words).lower() in " ".join(text.split()).lower().replace(",", ""), \
        story.title  # the candidate's own words, in order
