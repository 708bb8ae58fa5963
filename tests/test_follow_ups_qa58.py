"""Session 43, QA58 F1 (issue #17, persona Siosaia; transcripts in
tests/data/spent_session43/qa58): a reply that states the bar the work had to meet ("our bar …
was that no more than 2% of drafts could have a mistake") and then where it started ("in that
first review it was 23%") fills the baseline with 23%, never with the bar."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from voice_coach.store import Store
from tests.tools import save_practice

RUN = Path(__file__).parent / "data" / "spent_session43" / "qa58" / "run1"
# the main answer as Whisper heard it ("came down to 4 percent" as "came out of 4%")
ANSWER = ("So last year we built a large language model net raft, replies to customers who write "
          "in asking for hardship, help on their home loan. The business wanted it live before "
          "Christmas. I was the tech lead and I ran a review of 200 rafts with our hardship "
          "specialists. We found that 23 % on the raft, I had gotten a customer's situation wrong "
          "or promised something the man can't offer. Like a payment holiday they weren't "
          "eligible for. I said no, we are not sending that to people who are already stressed. "
          "I pushed the long chowed high five weeks. I added a retrieval step so the model only "
          "quotes from the actual hardship policy. And checker that lock send it raft mentioning "
          "an offer that is not in the customer's file. Then we ran the same review and the "
          "error rate came out of 4%. it handles them out 300 liters a And the specialist still "
          "signs everyone. I learned that with customers who are vulnerable, good enough is not "
          "good enough. I reckon that since it's on the highest standards.")
# the reply as Whisper heard it ("bar" as "mar")
REPLY = ("Pretty far below, to be honest, our mar, agreed with the hardship team, was that no "
         "more than 2 % on draft. So, the mistake in them, in that first review, it was 23 % on "
         "draft with a mistake. So, more than 10 times no more, mar. That's why I wasn't going "
         "to march on it.")


def test_f1_the_bar_the_reply_states_is_no_baseline(tmp_path):
    from voice_coach.cli.stories import load_story_bank
    from voice_coach.config import Config
    from voice_coach.questions import load_bank

    root = tmp_path / "recordings"
    first, reply = save_practice(Store(root), datetime(2026, 11, 20, 9), "lp-highest-standards-1",
                                 ANSWER, REPLY, "no_baseline")
    assert first.with_follow_up.supplied, first.with_follow_up
    evidence = first.with_follow_up.evidence
    assert "23%" in evidence and "2%" not in evidence, evidence
    (story,) = load_story_bank(Store(root), Config(), load_bank()).stories
    baselines = {t.triad.baseline for t in story.tellings} | {story.triad.baseline}
    assert "2%" not in baselines, baselines


def test_f1_near_case_a_level_said_with_a_bound_is_a_level():
    from voice_coach.analysis.reply_fit import work_numbers

    assert work_numbers("In that first review it was no more than 23% of drafts.") == ("23%",)
    assert work_numbers("Our bar was that no more than 2% of drafts could have a mistake.") == ()
