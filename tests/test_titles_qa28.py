"""QA28 F7 (issue #17 item 1): a story's title is a noun phrase of the candidate's words, never
the verb phrase of an infinitive cut out of a clause ("Give false alarms" of "it started to give
false alarms": after "start / begin / continue / seem …" the infinitive is the clause's own
verb); the work named by a task's infinitive ("my task was to recalculate …") stays a title."""

from __future__ import annotations

from voice_coach.analysis.titles import TitleSource, makes_clause, story_title


def test_the_verb_of_an_infinitive_is_no_title():
    text = ("Last winter a service I owned broke in production. It was the tram door sensor, "
            "and after a driver update it began to report open doors, so trams stood still. It "
            "was my service, so I took ownership.")
    title = story_title([TitleSource(text)])
    assert not title.lower().startswith("report"), title
    assert "tram door sensor" in title.lower(), title


def test_the_verb_after_to_makes_a_clause():
    words = "it began to report open doors".split()
    assert makes_clause(words, 3)  # "report"


def test_a_noun_after_to_stays_a_phrase():
    """Near case: "to" before a noun phrase ("moved to the cloud ledger") breaks nothing."""
    words = "we moved to the cloud ledger".split()
    assert not makes_clause(words, 3) and not makes_clause(words, 4)


def test_a_tasks_infinitive_still_names_the_work():
    """Near case: "my task was to recalculate the safety stock" — the work, not a happening."""
    words = "my task was to recalculate the safety stock".split()
    assert not makes_clause(words, 4)
