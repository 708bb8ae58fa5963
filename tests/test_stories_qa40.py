"""Session 36: QA40 (issue #17) in own wordings — the QA's transcripts are kept as repros in
tests/data/spent_session36/qa40. F1: a reply's whole pair is the triad's pair beside the
answer's change of another thing, and a level left in the clause is no outcome; F6: a
currency's code before the amount ("AUD 400,000"); F7: a metric named by its baseline's words
when the after's name nothing; F8: an outcome said as a multiple; F12: a people story's scale
line and a generic question said as one; F13: a number opening its own clause after a cut, and
a multiple the speaker's own step set, are no afters."""

from __future__ import annotations

from datetime import datetime

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.slot_values import shown_slot
from voice_coach.questions import load_bank
from voice_coach.stories import brief_entries
from voice_coach.story_report import PEOPLE_SCALE, brief_markdown
from tests.tools import one_story, save_practice, story_bank, triad_of


def test_f1_a_level_left_in_the_clause_is_no_outcome():
    tri = triad_of("The triage bot we launched now gets fewer than one claim in 40 wrong, and "
                   "calls to the claims line fell by a quarter. Last spring my team built it "
                   "for the adjusters.", "lp-highest-standards-1")
    assert not any(role == "outcome" and "1 in 40" in span for role, span in tri.slots), \
        tri.slots


def test_f1_a_reply_pair_beside_a_change_of_another_thing(tmp_path):
    from voice_coach.cli.stories import load_story_bank
    from voice_coach.config import Config
    from voice_coach.store import Store

    answer = ("The result first: calls to our help desk fell by a quarter once the claims "
              "assistant went live. I led the team that built it, and I refused to launch until "
              "it stopped inventing policy. We rebuilt retrieval over the approved documents.")
    reply = ("When I checked 200 answers before the fix, about 10% were wrong. After the fix "
             "it's under 3%.")
    root = tmp_path / "recordings"
    save_practice(Store(root), datetime(2026, 11, 20, 9), "lp-highest-standards-1", answer,
                  reply, "no_baseline")
    bank = load_story_bank(Store(root), Config(), load_bank())
    (entry,) = brief_entries(bank, load_bank())
    assert (entry.triad.baseline, entry.triad.after) == ("about 10%", "under 3%"), entry.triad
    assert entry.triad.effect and "−25%" in entry.triad.effect, entry.triad


def test_f6_a_currency_code_before_the_amount():
    assert "400000 AUD" in normalize_numbers("we kept about AUD 400,000 of sales a week")
    assert "2.3M NZD" in normalize_numbers("worth NZD 2.3 million a year")
    assert "$2M" in normalize_numbers("USD 2 million")


def test_f7_the_metric_is_named_by_its_baseline_when_the_after_names_nothing(tmp_path):
    text = ("Our bakery waste was sitting at about 6% of bakery sales. I built a model that "
            "says at noon what to mark down. In the trial stores it got down to about 3%.")
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", text))
    assert story.triad.metric and "waste" in story.triad.metric, story.triad


def test_f8_an_outcome_said_as_a_multiple_is_shown_with_what_it_changed(tmp_path):
    assert shown_slot("3 times fewer empty shelves") == "3x fewer empty shelves"
    assert shown_slot("2x faster") == "2x faster"
    text = ("I coached a new analyst on our replenishment model. Her change cut the forecast "
            "error from 28% to 19%, and we saw about four times fewer empty shelves on weekends.")
    _, story = one_story(tmp_path, ("lp-hire-develop-1", text))
    assert story.triad.outcome == "4x fewer empty shelves", story.triad


def test_f12_a_people_story_asks_no_scale_and_a_generic_question_is_said_as_one(tmp_path):
    text = ("I mentored a junior engineer who had just joined from university. I gave her one "
            "feature to own and reviewed her code every week. Six months later she was running "
            "her own project.")
    _, bank = story_bank(tmp_path, ("lp-hire-develop-1", text))
    md = brief_markdown(brief_entries(bank, load_bank()))
    assert PEOPLE_SCALE in md and "[scale?]" not in md, md
    assert "→ How big" not in md, md


def test_f13_a_number_opening_its_own_clause_after_a_cut_is_no_after():
    tri = triad_of("When the storm cut the rail line, about 20% of our depots were short of "
                   "fuel every day. I rerouted deliveries by road and doubled the reorder "
                   "quantity for the worst depots. Within a week shortages were down to 4%.",
                   "lp-bias-for-action-1")
    afters = [span for role, span in tri.slots if role == "after"]
    assert afters and not any("20%" in a or "doubled" in a for a in afters), tri.slots


def test_f9_a_telling_that_corrects_a_figure_gives_the_story_its_numbers(tmp_path):
    first = ("At the grocer I built a markdown model for bakery items. Bakery waste was about 7% "
             "of bakery sales, and after the rollout it was about 4%, which saved roughly "
             "$900K a year.")
    second = ("I should correct a figure I gave before: bakery waste was actually 7.6% at the "
              "start, not 7. With the markdown model it came down to about 4%.")
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", first),
                         ("lp-deliver-results-1", second))
    assert story.triad.baseline == "7.6%", story.triad
    assert story.conflicts, story  # the other figure is still flagged
