"""Session 44, QA64 (issue #17, persona Fatima; outputs in tests/data/spent_session44/qa64):
F1 a follow-up reply that supplied the baseline the answer left out belongs to the answer's
story — the bank shows the numbers the report credits "with the follow-up", whatever the reply's
few sentences read as on their own."""

from __future__ import annotations

from datetime import datetime

from tests.tools import save_practice

ANSWER = ("At the phosphate mine, the trucks were waiting a long time at the shovels. The "
          "management wanted to buy a dispatch software from a vendor with a false emulation of "
          "the mine for around 4 million drums and one year of integration. I thought it was too "
          "complicated for our problem. So I proposed a simple version with only my laptop and "
          "the GPS positions that we already had in the trucks. I used an open source solver and "
          "I wrote one rule. Send the tempted truck to the shovel where it will wait for less. I "
          "tested it two weeks on one bit with the dispatcher beside me and the dispatcher can "
          "always say no. Now the waiting time on the truck sat the shovels in around 6 minutes "
          "on average. And the mine saved around 900,000 grams of diesel per year, so 85,000 "
          "euros. I learned that the metadata already have him offered enough. So for me to "
          "invent and simplify.")
REPLY = ("The vendor solution was around 4 million durums, and one year of integration with a "
         "team of consultants. And before my simple rule, the truck's weighted around 14 minutes "
         "at the shovels, on average, for each cycle. So, the waiting passed from 14 to 6 "
         "minutes.")


def test_f1_a_reply_that_supplied_the_baseline_joins_its_story(tmp_path):
    from voice_coach.cli.stories import load_story_bank
    from voice_coach.config import Config
    from voice_coach.questions import load_bank
    from voice_coach.store import Store

    root = tmp_path / "recordings"
    first, second = save_practice(Store(root), datetime(2026, 12, 6, 5, 43),
                                  "lp-invent-simplify-1", ANSWER, REPLY)
    assert second.follow_up_check is not None and second.follow_up_check.supplied
    bank = load_story_bank(Store(root), Config(), load_bank())
    (story,) = bank.stories
    assert (story.told, story.replies) == (1, 1), [t.key for t in story.tellings]
    assert "14" in (story.triad.baseline or "") and "6" in (story.triad.after or ""), story.triad



RETOLD = ("In my first job at the phosphate minor, I had a model to predict the breakdowns of the "
          "conveyor belts. I took the last two months of alerts and I checked each one with the "
          "technicians and I saw that the precision was 58%. I added the motor vibration signals "
          "and I corrected the labels. The precision went from 58 to 81%, not 83%. The unplanned "
          "belt top felt like 35%, and the mind saved around 3.4 million drums per year, that is "
          "310,000 euros. So, for me, this story is about the principle earned trust.")
LOSSES = ("Now, on these two partners, we catch 88 percent of the fraud cases in the first hour "
          "and the fraud losses went down by round one and a half million during every month.")


def test_f2_money_saved_or_lost_is_never_the_scale_line():
    """"the mine saved around 3.4 million drums per year" (dirhams misheard) and "the fraud
    losses went down by round one and a half million during every month" are money the work
    saved — no volume the system serves, so no "Scale and ship" figure."""
    from tests.tools import report_of

    for text, qid in ((RETOLD, "lp-are-right-a-lot-1"), (LOSSES, "lp-dive-deep-1")):
        assert not report_of(text, qid).structure.scale_evidence, text


FIRST = ("At the phosphate mine, I was responsible on the model that predict when I convey a melt "
         "wheel rig, two days before. I refused to ship it. I added the vibration data on the "
         "motors, and I cleaned the labels with the maintenance logs, one by one. After that, the "
         "precision passed from 58 to 83%, with the same recoil. In production, the unplanned "
         "tops on the melt went down by 40%, and this one around 3 million drums per year, so "
         "280,000 euros.")


def test_f4_a_change_of_one_metric_is_never_worked_out_from_another_metrics_level():
    """"the unplanned tops on the melt went down by 40%" names the stops, not the belt the
    two-day horizon was said of: no "2 days to 1.2 days (worked out)" pair."""
    from tests.tools import triad_of

    tri = triad_of(FIRST, "lp-highest-standards-1")
    assert not any("worked out" in span or "days" in span for _, span in tri.slots), tri.slots
    assert ("after", "went down by 40%") in tri.slots, tri.slots


def test_f6_money_restating_an_amount_keeps_its_period():
    """"saved around 3.4 million drums per year, that is 310,000 euros" and "900,000 grams of
    diesel per year, so 85,000 euros": the euros restate money a year, in the report and in the
    bank alike."""
    from tests.tools import triad_of
    from voice_coach.analysis.facts import triad_values

    assert triad_values(RETOLD).outcome == "€310000 per year"
    assert triad_values(ANSWER).outcome == "€85000 per year"
    tri = triad_of(FIRST, "lp-highest-standards-1")
    assert ("outcome", "€280000 per year") in tri.slots, tri.slots
