"""Session 35: QA36 F8 (issue #17) in own wordings — a story told only for a people principle
(mentoring) gets no "[scale?]" gap on the brief, a system story still does; a weak story is sent
to practise a question it was not told for yet."""

from __future__ import annotations

from voice_coach.questions import load_bank
from voice_coach.stories import brief_entries, principle_gaps
from tests.tools import story_bank

MENTOR = ("At the bank I mentored a junior analyst, Priya, whose forecasts were bounced back by "
          "the risk committee about one time in four. I asked her to walk me through each model "
          "in five minutes before the committee met, and I played the sceptical director. Six "
          "months later only one forecast in ten came back, and she was promoted the year after.")
SYSTEM = ("At the insurer I led the team that built a summariser for claim files. Adjusters spent "
          "about 30 minutes reading each file before our change; I ran shadow tests with ten "
          "adjusters and then we rolled it out. Now reading a file takes about 10 minutes.")


def test_a_people_story_gets_no_scale_gap_and_a_system_story_does(tmp_path):
    _, bank = story_bank(tmp_path, ("lp-hire-develop-1", MENTOR),
                         ("lp-customer-obsession-1", SYSTEM))
    entries = {e.title: e for e in brief_entries(bank, load_bank())}
    assert len(entries) == 2, entries
    parts = {title: {g.part for g in e.gaps} for title, e in entries.items()}
    assert sorted("scale" in p for p in parts.values()) == [False, True], parts


def test_a_weak_story_is_sent_to_a_question_it_was_not_told_for(tmp_path):
    _, bank = story_bank(tmp_path, ("lp-customer-obsession-1", SYSTEM))
    weak = [g for g in principle_gaps(bank, load_bank()) if g.principle == "Customer Obsession"]
    assert weak and weak[0].level == "weak", weak
    assert weak[0].question_id not in (None, "lp-customer-obsession-1"), weak
