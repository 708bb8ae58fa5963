"""Story bank, brief, plan and review on the QA5 trial's mechanisms (F07, F17, F29, F30, F36,
F37): a number said in any telling is never shown as "not said yet", a check only compares one
metric, a non-answer is no telling, scale needs a volume, `review` counts questions apart from
follow-ups, and a plan names its stories by telling key.

Every answer and reply is analysed by the real pipeline (`pipeline.analyze_text`, a reply judged
on the follow-up it answers), saved by the real `Store` and read back through `load_story_bank`
and the CLI. The wording is new (not the trial's sentences), most mechanisms in several
phrasings.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from voice_coach.analysis.numbers import short_money
from voice_coach.cli.stories import load_story_bank, read_plan
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

OUTAGE = (
    "Last spring I owned the nightly invoice export at a logistics company. It started timing "
    "out because one warehouse sent duplicate rows. I traced the duplicates, added a dedupe "
    "step and a row-count alert. The export went from four hours to fifty minutes.")


def test_review_counts_questions_apart_from_follow_ups(tmp_path, capsys):
    """QA5 F37: an answer and its follow-up reply are one question and one follow-up, not
    two questions; the session score is the answer's, re-scored with what the reply supplied
    when it supplied what was asked (#13 point 3, `WithFollowUp.counts`), never the reply's own."""
    root = tmp_path / "recordings"
    first, _ = _save(Store(root), datetime(2026, 11, 7, 9), "lp-deliver-results-1", OUTAGE,
                     "It saved the finance team about two days of manual work every month.",
                     kind="no_business_outcome")
    (summary,) = Store(root).list_sessions()
    assert (summary.questions, summary.follow_ups, summary.answers) == (1, 1, 2)
    block = first.with_follow_up
    counted = block.counted_overall if block is not None and block.counts else \
        first.scores.overall
    assert summary.overall_score == pytest.approx(counted, abs=0.1)
    out = main_stdout(capsys, "review", "--recordings", str(root))
    # a table row "1 + 1" with "follow-up" wrapped under it, or "1 Qs + 1 follow-up" when narrow
    assert re.search(r"\b1 (?:Qs )?\+ 1\b", out) and "follow-up" in out, out
    _save(Store(root), datetime(2026, 11, 8, 9), "lp-ownership-1", OUTAGE)
    assert sorted((s.questions, s.follow_ups) for s in Store(root).list_sessions()) == \
        [(1, 0), (1, 1)]


LINEAGE_TRUST = (
    "At Harborline I ran the feature store team, and the model risk reviewers and the data "
    "scientists kept clashing over lineage. Every new model needed a manual lineage review that "
    "took about four weeks. I sat with the head of model risk, learned what evidence she needed, "
    "and I built automatic lineage reports into the Harborline feature store. The reviewers "
    "trust the lineage reports now.")
LINEAGE_MONEY = ("The credit model could launch two months early, which product estimated was "
                 "worth about nine hundred thousand dollars in the first year.")
LINEAGE_DEADLINE = (
    "At Harborline the model risk committee wanted lineage for every model within five weeks, "
    "and our feature store did not record where features came from. I was the tech lead for "
    "the lineage work. I built lineage capture into the Harborline feature store first and "
    "automated the lineage reports for the reviewers. The lineage review went from four weeks "
    "to three days.")


def test_outcome_said_in_another_telling_is_never_shown_as_not_said(tmp_path, capsys):
    """QA5 F07: the telling with the most numbers lacks the money, which an earlier telling's
    follow-up reply gave (a business outcome naming what the work led to is no switch of
    story): the brief shows it, marked as from another telling — never "[outcome?] — a number
    you have not said yet" — and asks nothing to practise for it."""
    root = tmp_path / "recordings"
    _, reply = _save(Store(root), datetime(2026, 11, 9, 9), "lp-earn-trust-1", LINEAGE_TRUST,
                     LINEAGE_MONEY, kind="no_business_outcome")
    # the outcome names what the work led to ("the credit model could launch"): no new story
    assert reply.follow_up_check.supplied and not reply.follow_up_check.switched_story
    _save(Store(root), datetime(2026, 11, 10, 9), "lp-deliver-results-2", LINEAGE_DEADLINE)
    if len(load_story_bank(Store(root), Config(), load_bank()).stories) == 2:
        # one story told from two angles: if the grouping keeps them apart, say so as a user
        main_stdout(capsys, "stories", "--recordings", str(root), "--merge", "1", "2")
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    assert story.source is not None and story.source.key.startswith("2026-11-10")
    assert not story.triad.parts["outcome"]  # the shown telling itself gave no outcome
    (said,) = story.elsewhere
    assert said.part == "outcome" and any(x in said.value.replace(",", "") for x in ("900000", "900K"))  # one format (QA19 F15)
    assert said.key.startswith("2026-11-09")
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    impact = brief.split("**Impact:**")[1].split("\n")[0]
    assert "(another telling)" in impact and "[outcome?]" not in brief, brief
    show = main_stdout(capsys, "stories", "--recordings", str(root), "--show", "1")
    assert "Also said: outcome" in " ".join(show.split())


FRAUD = (
    "At Finmark our card fraud model started flagging far more legitimate payments. The false "
    "positive rate of the Finmark fraud model went up to eight percent. I owned monitoring, so "
    "I pulled a month of scored payments, found a merchant category field that had been "
    "remapped upstream, and retrained the Finmark fraud model on the fixed field. The false "
    "positive rate dropped to {after}.")
FRAUD_CUSTOMERS = (
    "My customers were the Finmark fraud analysts, and the card fraud model was flooding them "
    "with legitimate grocery payments, so good customers had their cards blocked at checkout. "
    "I found the remapped merchant category field and retrained the Finmark fraud model. "
    "{result}")


@pytest.mark.parametrize("result, conflict", [
    ("Blocked good customers went down by about a third.", False),  # another metric, a change
    ("Cards wrongly blocked fell by a third, and the analysts got their evenings back.", False),
    ("The false positive rate of the fraud model dropped to four percent.", True),  # one metric
])
def test_check_compares_one_metric_only(tmp_path, capsys, result, conflict):
    """QA5 F29: "false positive rate 5%" and "blocked good customers −33%" are two metrics (and a
    level and a change): no "which is right?" check; the same metric said as 5% and 4% is."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 11, 9), "lp-dive-deep-1",
          FRAUD.format(after="five percent"))
    _save(Store(root), datetime(2026, 11, 12, 9), "lp-customer-obsession-1",
          FRAUD_CUSTOMERS.format(result=result))
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    assert bool(story.conflicts) == conflict, story.conflicts
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    assert ("**Check:**" in brief) == conflict, brief
    if any(t.facts.metric_triad.business_outcome for t in story.tellings):
        assert "[outcome?]" not in brief  # an outcome said in any telling is no gap


NON_ANSWERS = (
    "Hmm, yeah, that's a good question. I mean, it was a big team effort and, you know, "
    "everybody was really happy with how it went. I don't remember all the details, honestly.",
    "Honestly it was a long time ago. The whole group pulled together and the client was "
    "really pleased in the end.",
    "I'm not sure I have a good example for that one. I usually just get on with things and "
    "it tends to work out.",
)


def _partition(bank) -> set[frozenset[str]]:
    return {frozenset(t.key for t in s.tellings) for s in bank.stories}


@pytest.mark.parametrize("dodge", NON_ANSWERS)
def test_non_answer_is_no_telling_and_moves_no_story(tmp_path, capsys, dodge):
    """QA5 F30: a main answer with no action, result or number is not a telling (the bank says
    so), and adding it leaves every story as it was — even when an earlier follow-up reply of a
    story was the same kind of dodge (its words give the story nothing to be grouped on)."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 11, 9), "lp-dive-deep-1",
          FRAUD.format(after="five percent"), NON_ANSWERS[0], kind="no_business_outcome")
    _save(Store(root), datetime(2026, 11, 12, 9), "lp-customer-obsession-1",
          FRAUD_CUSTOMERS.format(result="Blocked good customers went down by about a third."))
    _save(Store(root), datetime(2026, 11, 12, 10), "lp-earn-trust-1", LINEAGE_TRUST)
    before = load_story_bank(Store(root), Config(), load_bank())
    _save(Store(root), datetime(2026, 11, 13, 9), "lp-ownership-1", dodge)
    after = load_story_bank(Store(root), Config(), load_bank())
    assert _partition(after) == _partition(before)
    assert [s.title for s in after.stories] == [s.title for s in before.stories]
    assert after.non_answers == ("2026-11-13_0900_practice#1",)
    out = main_stdout(capsys, "stories", "--recordings", str(root))
    assert "tell no story" in " ".join(out.split())


@pytest.mark.parametrize("shipped, scale", [
    ("I moved it from notebook to production.", None),
    ("Every model in production now has lineage.", None),
    ("It now scores about forty thousand transactions a day in production.",
     "40K transactions a day"),  # long round numbers short (QA19 F15)
])
def test_scale_and_ship_needs_a_volume(tmp_path, capsys, shipped, scale):
    """QA5 F36: "to production" / "in production" alone is no scale: the brief keeps
    "[scale?]"; a volume is quoted as said."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 14, 9), "lp-deliver-results-1",
          LINEAGE_DEADLINE + " " + shipped)
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    line = brief.split("**Scale and ship:**")[1].split("\n")[0]
    if scale is None:
        assert story.scale == () and "[scale?]" in line
        assert "production" not in line
    else:
        assert any(scale in x for x in story.scale) and scale in line, line


def test_plan_names_a_story_by_its_number_as_it_is_now(tmp_path, capsys):
    """QA5 F30/F17 (plan): the plan keeps each story to retell by its first telling's key, so
    after story numbers shift (two earlier stories merged) `plan --show` names the same story
    by its new number and title, and `stories --show` takes the key as well."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 15, 9), "lp-deliver-results-1", OUTAGE)
    _save(Store(root), datetime(2026, 11, 15, 10), "lp-earn-trust-1", LINEAGE_TRUST)
    _save(Store(root), datetime(2026, 11, 15, 11), "lp-dive-deep-1",
          FRAUD.format(after="five percent"))
    bank = load_story_bank(Store(root), Config(), load_bank())
    assert len(bank.stories) == 3
    third = bank.stories[2]
    main_stdout(capsys, "plan", "--recordings", str(root), "--days", "5", "--seed", "4",
                "--start", "2026-12-01")
    planned = [q for d in read_plan(root).days for q in d.questions if q.story]
    assert {q.story for q in planned} >= {third.tellings[0].key}
    main_stdout(capsys, "stories", "--recordings", str(root), "--merge", "1", "2")
    show = " ".join(main_stdout(capsys, "plan", "--recordings", str(root), "--show").split())
    assert f"retell story 2: “{third.title}”" in show, show
    assert "retell story 3:" not in show
    one = main_stdout(capsys, "stories", "--recordings", str(root), "--show",
                      third.tellings[0].key, "--markdown")
    assert one.startswith(f"# Story 2: {third.title}")


@pytest.mark.parametrize("text", [
    "Sure, so the business side of it was that the pricing model could launch two months "
    "earlier than planned, and finance estimated that was worth roughly eight hundred thousand "
    "dollars in the first year.",
    "So the point was that our churn model went live a quarter early, and the retention team "
    "put that at about six hundred thousand dollars a year.",
])
def test_money_said_is_shown_even_when_not_read_as_the_outcome(tmp_path, capsys, text):
    """QA5 F31 (brief side): money said in a telling is never "[outcome?] — a number you have
    not said yet"; when its report did not read it as the outcome it is shown as said, marked
    to be said as the outcome."""
    root = tmp_path / "recordings"
    first, _ = _save(Store(root), datetime(2026, 11, 16, 9), "lp-are-right-a-lot-2", text)
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    impact = brief.split("**Impact:**")[1].split("\n")[0]
    assert "[outcome?]" not in brief, brief
    if first.structure.metric_triad.business_outcome:
        assert story.triad.parts["outcome"]
    else:
        (said,) = story.elsewhere
        assert not said.read and said.value.startswith("$")
        assert short_money(said.value) in impact, impact  # "$800K", as the brief writes money
        assert "not as the outcome" in impact


INCIDENT = (
    "We had a model scoring service that went down during a peak payments day. We rolled back, "
    "we found a memory leak in the feature client, and we fixed it and added load tests.")


@pytest.mark.parametrize("reply", [
    "My part was that I owned the feature client, so I found the leak with a heap profile "
    "myself and I wrote the load test that now runs before every release.",
    "A better example of what I did myself: I owned the feature client, found the memory leak "
    "with a heap profile and wrote the load test.",
])
def test_reply_about_the_same_incident_joins_its_story(tmp_path, capsys, reply):
    """QA5 F17: a reply that tells my part in the same incident (the feature client, the leak,
    the load test) — even after a phrase like "a better example" — is no story of its own: one
    story, the reply merged into it, and the plan retells it once."""
    root = tmp_path / "recordings"
    _, second = _save(Store(root), datetime(2026, 11, 17, 9), "lp-ownership-3", INCIDENT, reply,
                      kind="no_action")
    assert not second.follow_up_check.switched_story
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    assert (story.told, story.replies) == (1, 1)
    main_stdout(capsys, "plan", "--recordings", str(root), "--days", "3", "--seed", "1",
                "--start", "2026-12-01")
    assert [q.story for d in read_plan(root).days for q in d.questions if q.story] == \
        [story.tellings[0].key]
