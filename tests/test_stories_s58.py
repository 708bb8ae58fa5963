"""Session 58: the story bank after new-user trials (QA150)."""

from __future__ import annotations

from tests.tools import one_story

# QA150 F1: the retelling puts the after right ("I said 4 % the last time, but it was 5"); the
# brief showed "[baseline?] → 4% (another telling)", the withdrawn figure (Whisper's words)
FIRST = ("So, at the mobile money company in Harare I was the data scientist on the agent fraud "
         "model. The original plan was to block as many suspicious agents as possible. I read "
         "200 complaint tickets myself. I decided to change the target. Instead of blocking the "
         "agent, the model would hold one suspicious transaction and ask for a call back. After "
         "the change, only 4% of the flagged agents were honest agents. And the fraud losses went "
         "down by round three and a half million IG a month, so about $100 and $20,000. My lesson was that the "
         "cost of a false positive falls on a customer with a name.")
RETOLD = ("My judgment call, so, was to stop suspending agent outright. I led the agent fraud work "
          "at the mobile money operator in Harare, and the head of risk wanted a stricter model. "
          "I disagreed. I had read the complaint tickets. I decided we would hold one suspicious "
          "transaction and call the agent back. The pilot proved it. Only 5 % of the flag agent "
          "turned out to be honest. I said 4 % the last time, but it was 5. The fraud losses fell "
          "by about three million ZiG every month, that is roughly $105,000. For me this is "
          "Customer Obsession. My lesson: before you make a model stricter, go and meet the "
          "people it will stop.")


def test_a_figure_the_retelling_puts_right_is_never_shown_from_the_old_telling(tmp_path):
    _, story = one_story(tmp_path, ("lp-customer-obsession-3", FIRST),
                         ("lp-are-right-a-lot-1", RETOLD))
    assert story.source is story.tellings[-1]
    shown = [story.triad.after, *(e.value for e in story.elsewhere if e.part == "after")]
    assert "4%" not in shown, (story.triad, story.elsewhere)


def test_money_said_a_season_keeps_its_period_in_the_bank(tmp_path):
    """QA150 F4: the report said "$250K a season", the bank and the brief "$250K"."""
    text = ("The maize yield forecast at the farm inputs marketplace, where I lead machine "
            "learning. We had no budget for a GPU cluster, so I decided to use what we already "
            "had. The forecast error per district fell from 29% to 12%. We moved our seed stock "
            "to the right districts before planting, and unsold seed went down by about 18%, so "
            "roughly $250,000 a season. My lesson is that constraints make you look at the data "
            "you own.")
    _, story = one_story(tmp_path, ("lp-frugality-1", text))
    assert story.triad.outcome == "$250K a season", story.triad


def test_a_lone_baseline_with_no_name_is_marked_unnamed():
    """QA150 F5: "1 in 3 → [after?], $40K a year" — what was 1 in 3?"""
    from voice_coach.story_report import triad_text
    from voice_coach.stories import TriadValues
    t = TriadValues(metric=None, baseline="1 in 3", after=None, change=None,
                    outcome="$40K a year", effect=None, baseline_metric=None)
    assert triad_text(t) == "[metric?] 1 in 3 → [after?], $40K a year"
