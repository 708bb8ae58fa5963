"""Story bank, brief and plan on the QA6 trial's mechanisms (F26, F33, F34, F27): the brief
never asserts a number whose role the analysis is not sure of — money said as what the work
cost is shown as a cost, never as (or offered as) the business outcome; a level heard in a way
it cannot be ("31% → 40000%") is marked to be checked; the brief's lead says the numbers are
as the transcript heard them.

Every answer and reply is analysed by the real pipeline (`pipeline.analyze_text`), saved by the
real `Store` and read back through `load_story_bank` and the CLI. The wording is new (not the
trial's sentences), each mechanism in several phrasings.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.stories import said_as_cost
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout


def _impact(brief: str) -> str:
    return brief.split("**Impact:**")[1].split("\n")[0]


SPENT = [
    ("I pushed to buy four hundred hours of noisy call audio, and it cost about sixty thousand "
     "dollars. It barely moved the error rate, from fifteen to fourteen percent. Then I found "
     "the tokenizer was splitting product codes, I fixed it and the error rate dropped to nine "
     "percent. I learned to look at the errors before buying data.", "$60K"),
    ("We spent around forty five thousand dollars on extra labelling for the churn model. "
     "Recall went from sixty percent to sixty two percent, so I stopped the labelling and "
     "rebuilt the features instead, and recall reached seventy eight percent.", "$45K"),
]


@pytest.mark.parametrize("text,cost", SPENT)
def test_money_spent_is_a_cost_never_the_outcome(tmp_path, capsys, text, cost):
    """QA6 F26/F14 (brief side): money said as what the work cost is shown as a cost — never
    the business outcome, never offered as one ("say it as the outcome")."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 20, 9), "lp-are-right-a-lot-2", text)
    (story,) = load_story_bank(Store(root), Config(), load_bank()).stories
    assert story.costs and story.costs[0].startswith("$")
    assert story.triad.outcome is None or not story.triad.outcome.startswith("$"), story.triad
    assert not any(x.part == "outcome" and x.value in story.costs for x in story.elsewhere)
    impact = _impact(main_stdout(capsys, "brief", "--recordings", str(root)))
    assert impact.endswith(f"; cost {cost}"), impact
    assert impact.count(cost) == 1 and "say it as" not in impact, impact


@pytest.mark.parametrize("sentence,money,cost", [
    ("it cost around $80000", "$80000", True),
    ("total compute cost $1000000 versus a vendor quote of $100000 a year", "$1000000", True),
    ("total compute cost $1000000 versus a vendor quote of $100000 a year", "$100000", False),
    ("we cut the compute cost by $200000 a year", "$200000", False),
    ("that saved $300000 a year", "$300000", False),
    ("finance estimated it was worth $800000 in the first year", "$800000", False),
])
def test_said_as_cost(sentence, money, cost):
    """A spend word just before the amount makes it a cost; a change, a saving or the other
    option's price does not."""
    assert said_as_cost(sentence, money) is cost


@pytest.mark.parametrize("text", [
    "So we had no budget, and I fine tuned the open source model on forty hours of Spanish "
    "audio we already had. Word error rate goes from 31% with the base model to 40,000. "
    "The hospital signed the contract.",
    "I retrained the acoustic model on the accented set. The error rate was 22% before and "
    "after my change it was 900%, which let us launch in two more regions.",
])
def test_impossible_level_is_marked_to_check_never_asserted(tmp_path, capsys, text):
    """QA6 F26/F18 (brief side): a percent level over 100 paired with one under it is shown as
    heard with "check this number", never printed as a said after; the lead no longer claims
    every number is one you said."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 21, 9), "lp-frugality-1", text)
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    assert "one you said in practice" not in brief and "as the transcript heard" in brief
    impact = _impact(brief)
    for big in re.findall(r"\b\d{3,}%", impact):
        assert f"{big} — check this number" in impact, impact


HYPOTHETICAL = (
    "If I were hiring, I would always include a short debugging exercise in the loop, because "
    "I think a lot of candidates can talk about models but cannot read the data. I'd look for "
    "people who ask about the data first, and I would probably coach them in their first weeks.")
REAL_TIMES = [
    "Yes. Last year I added a listening exercise to our interview loop, where candidates had to "
    "diagnose a bad recording. I pushed back on one strong looking candidate who could not do "
    "it. The two people we hired ramped up in six weeks instead of the usual three months.",
    "Sure, one real time: in my last team I rewrote our take-home task so candidates had to "
    "find a labelling bug. I argued against an offer for a candidate who missed it, and the two "
    "engineers we did hire shipped their first model in five weeks instead of the usual ten.",
]


@pytest.mark.parametrize("reply", REAL_TIMES)
def test_real_time_told_after_a_hypothetical_answer_is_a_telling(tmp_path, capsys, reply):
    """QA6 F33: the real story given when asked for "one specific time" after a hypothetical
    answer is a telling of its own, told for the question's principles — the coverage and the
    plan never say "no story yet" for a principle it was told for."""
    root = tmp_path / "recordings"
    first, second = _save(Store(root), datetime(2026, 11, 22, 9), "lp-hire-develop-2",
                          HYPOTHETICAL, reply, kind="no_real_time")
    assert second.follow_up_check.supplied
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    (telling,) = story.tellings
    assert telling.n == 2 and not telling.is_reply and telling.real_time_of == 1
    asked = load_bank().get("lp-hire-develop-2").principles
    assert set(asked) <= set(story.asked_principles)
    assert all(bank.coverage.best_level(p) != "none" for p in asked)
    plan = " ".join(main_stdout(capsys, "plan", "--recordings", str(root), "--days", "2").split())
    assert not any(f"no story yet for {p}" in plan for p in asked), plan
    if second.structure.metric_triad.after:  # its triad reaches the brief
        assert "[after?]" not in main_stdout(capsys, "brief", "--recordings", str(root))


QA6_SESSIONS = Path(__file__).parent / "data" / "stories_qa6"


def test_retelling_never_drops_a_slot_another_telling_holds(tmp_path, capsys):
    """QA6 F34, on the trial's own saved sessions (tests/data/stories_qa6): a telling whose
    follow-up reply was credited with the baseline, then a retry telling without one. The card
    keeps each slot some telling holds (never "[baseline?]" for a baseline the report credited)
    and names the telling its triad comes from."""
    root = tmp_path / "recordings"
    shutil.copytree(QA6_SESSIONS, root)
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    held = {part for t in story.tellings if not t.is_reply
            for part, on in (t.followed_up or t).triad.parts.items() if on}
    assert "baseline" in held  # the reply was credited with it (its report's "with the follow-up")
    shown = {part for part, on in story.triad.parts.items() if on} | {
        x.part for x in story.elsewhere}
    assert held <= shown, (story.triad, story.elsewhere)
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    assert "[baseline?]" not in brief, brief
    card = main_stdout(capsys, "stories", "--recordings", str(root), "--show", "1", "--markdown")
    assert story.source is not None and story.source.key in card


DEADLINES = [
    "I had a tight deadline. The client said they would not renew a contract worth one point "
    "two million a year unless medication errors were fixed in six weeks. I cut the nice to "
    "have items and focused on the lexicon. We hit the deadline with two days to spare. "
    "Medication errors went from 18 percent down to 7 percent and they renewed.",
    "Our launch date was fixed by the retailer. I owned the search ranking work, dropped the "
    "personalisation piece and shipped the core ranker. We launched three days early. Search "
    "exits went from 30 percent to 22 percent.",
    # the trial's wav lost the money ("one point to million"): only the margin is left to quote
    "So I had a tight deadline. The client would not renew unless medication errors were fixed "
    "in six weeks. I cut the nice to have items and focused on the lexicon. We hit the deadline "
    "with two days to spare. Medication errors went from 18 percent down to 7 percent and they "
    "renewed.",
]


@pytest.mark.parametrize("text", DEADLINES)
def test_bank_quotes_the_number_its_report_quotes(tmp_path, text):
    """QA6 F05/F08 (bank side): a slot the report ticks and quotes a number for is never
    "number unclear" in the bank: the bank reads the telling's triad from the facts the report
    shows (its slots and its evidence), so the two never disagree."""
    from voice_coach.analysis.numbers import quantities
    from voice_coach.analysis.facts import said_sentences
    from voice_coach.stories import SAID

    root = tmp_path / "recordings"
    first, _ = _save(Store(root), datetime(2026, 11, 23, 9), "lp-deliver-results-2", text)
    (story,) = load_story_bank(Store(root), Config(), load_bank()).stories
    (telling,) = story.tellings
    tri = first.structure.metric_triad
    assert telling.triad.parts == {"baseline": tri.baseline, "after": tri.after,
                                   "outcome": tri.business_outcome}
    quoted = [q.text for ev in tri.evidence for s in said_sentences(ev) for q in quantities(s)]
    shown = " ".join(v for v in (telling.triad.baseline, telling.triad.after,
                                 telling.triad.change) if v)
    if tri.business_outcome and any(q.split()[0] not in shown for q in quoted):
        assert SAID["outcome"] not in (telling.triad.outcome, telling.triad.effect), \
            (tri.evidence, telling.triad)


def test_plan_names_where_a_story_was_first_told(tmp_path, capsys):
    """QA6 F29 (plan side): a story to retell is named with the question it was first told for,
    so a title made of misheard words is still recognisable."""
    root = tmp_path / "recordings"
    shutil.copytree(QA6_SESSIONS, root)
    plan = " ".join(main_stdout(capsys, "plan", "--recordings", str(root), "--days", "3").split())
    assert re.search(r"retell story 1: “[^”]+” \(first told for lp-dive-deep-1\)", plan), plan


SWITCHES = [
    "Actually, a better example is the clinical notes summarizer project. We had latency of "
    "about four seconds per note and I got it down to eight hundred milliseconds by distilling "
    "the model, which let us launch to three more hospitals.",
]


@pytest.mark.parametrize("reply", SWITCHES)
def test_switched_reply_keeps_its_numbers(tmp_path, capsys, reply):
    """QA6 F27: a reply that tells another story is a telling of its own with the numbers its
    report reads — the brief never asks for an after the telling gave."""
    root = tmp_path / "recordings"
    _, second = _save(Store(root), datetime(2026, 11, 24, 9), "lp-backbone-1", SPENT[1][0],
                      reply, kind="no_business_outcome")
    bank = load_story_bank(Store(root), Config(), load_bank())
    story = bank.story_of(f"{bank.stories[0].tellings[0].session_id}#2")
    assert story is not None and story.told == 1
    if second.follow_up_check.switched_story and second.structure.metric_triad.after:
        assert story.triad.parts["after"] and "800 milliseconds" in str(story.triad.after)
