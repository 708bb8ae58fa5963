"""QA19 F07: a retold number is checked whatever slot each telling read it in. One telling's
before was misheard, so the level its losses "settled at" was read as its outcome; its retelling
says the same weekly losses as a before → after pair with another after. The two are one
metric's after said twice: "Check: after said as … and as … — which is right?" in `stories`
and the brief. Each answer is analysed by the real pipeline (`analyze_text`) and saved as
`practice` saves it; my own wording (a marketplace's chargebacks)."""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach.cli.stories import load_story_bank
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout

FIRST = ("At the marketplace in Nairobi I owned the chargeback model for card payments. "
         "Fraud rings were testing stolen cards on small sellers and our rules could not see "
         "them. My task was to stop them before the holiday peak. I built a seller graph and "
         "trained a new model on six months of disputes, and I shadowed it for two weeks. "
         "Chargeback losses were forty times. And after the graph model they {ending}, "
         "it reviews about nine hundred thousand orders a day. I learned to look at the "
         "network, not the single order.")
RETOLD = ("The chargeback work at the marketplace in Nairobi is my deepest dive. Fraud rings "
          "were testing stolen cards on small sellers. I read the dispute logs myself and found "
          "the same few cards hitting many sellers, so I built a seller graph and a new model "
          "on it. Chargeback losses were forty thousand dollars a month before, and after the "
          "fix they fell to seven thousand dollars a month. It reviews about nine hundred "
          "thousand orders a day. I learned to follow the data down to the raw events.")


@pytest.mark.parametrize("ending, checked", [
    # Whisper's run-on sentence with a misheard verb: the level reached is read as the outcome
    ("made felt at nine thousand dollars a month", True),  # another after than the retelling's
    ("were held at about nine thousand dollars a month", True),
    ("made felt at seven thousand dollars a month", False),  # the same after: nothing to check
    ("saved us nine thousand dollars a month", False),  # a saving, not the level reached
    ("made felt at nine thousand dollars a year", False),  # per another period: another figure
])
def test_an_after_read_as_the_outcome_is_checked_against_the_retold_after(
        tmp_path, capsys, ending, checked):
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 20, 9), "lp-learn-be-curious-1",
          FIRST.format(ending=ending))
    _save(Store(root), datetime(2026, 11, 21, 9), "lp-dive-deep-2", RETOLD)
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    afters = [c for c in story.conflicts if c.part == "after"]
    assert bool(afters) == checked, (story.triad, story.conflicts)
    if checked:
        brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
        assert "$7K" in brief and "$9K a month" in brief and "which is right?" in brief, \
            brief


def test_hint_evidence_is_never_a_word_every_other_story_of_the_candidate_says():
    """QA19 F08: "Stories 1 and 2 may be one story (both mention: payment)" for a candidate whose
    every story is about payments. A word rare in other people's tellings but said by every
    other story of the candidate too is no evidence that two of them are one; a word only the
    two say still is, and one that some (not all) other stories say stays weaker evidence."""
    from voice_coach.analysis.story_similarity import shared_terms

    texts = ["At the clinic group I cut no-shows with a reminder model for appointments.",
             "The appointments backlog fell when I rebuilt the triage queue at the clinic group.",
             "I mentored two analysts at the clinic group on appointments forecasting."]
    assert shared_terms(texts, [0], [1]) == ()  # "appointments", "clinic group": all three say
    texts[2] = "I mentored two analysts on staffing forecasts for the wards."
    terms = {t.lower() for t in shared_terms(texts, [0], [1])}
    assert terms and terms <= {"appointments", "clinic group", "clinic", "group"}, terms
    some = ["At the clinic group I cut no-shows with a reminder model for appointments.",
            "The appointments backlog fell when I rebuilt the triage queue.",
            "I mentored two analysts on appointments forecasting.",
            "Our GPU bill fell once training moved to spot instances."]
    assert "appointments" in {t.lower() for t in shared_terms(some, [0], [1])}
