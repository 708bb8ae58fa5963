"""QA85 (#17 trial, persona Lukas, Vienna): a pair said with "till", a rate said with an
ordinal."""
import pytest

from voice_coach.analysis.numbers import normalize_numbers, said_changes


@pytest.mark.parametrize("said, read", [
    ("the false alarms went from 30 per week, till 8 per week",
     "the false alarms went from 30 per week to 8 per week"),
    ("from thirty till eight", "from 30 to 8"),
    ("from 2019 until 2021", "from 2019 until 2021"),  # a span of years
    ("from Monday till Friday", "from Monday till Friday"),
    ("before, every third file needed a rework, afterwards every tenth",
     "before, 1 in 3 file needed a rework, afterwards 1 in 10"),
    ("every second week we retrain", "every second week we retrain"),  # how often
    ("one in every three files", "1 in every 3 files"),
])
def test_till_and_every_nth(said, read):
    assert normalize_numbers(said) == read


def test_every_third_then_every_tenth_is_a_pair():
    """F1: "before, every third file needed a rework, afterwards every tenth" is 1 in 3 → 1 in 10."""
    pairs = said_changes([normalize_numbers(
        "before, every third file needed a rework, afterwards every tenth").lower()]).pairs
    assert [(p.before.shown, p.after.shown) for p in pairs] == [("1 in 3", "1 in 10")]


@pytest.mark.parametrize("clauses, pair", [
    # F11: the step said on its own after the level's clause
    (["after the release, the pricing error was 8%.", "so, minus 6 points."], ("14%", "8%")),
    (["after the release the error was 8%.", "that is 6 points lower than before."],
     ("14%", "8%")),
    # the step beside the level, whatever the verb before it
    (["now the error is 8%, 6 points lower."], ("14%", "8%")),
    (["the error came down to 8%, a drop of 6 points."], ("14%", "8%")),
    (["precision was 70%, up 18 points."], ("52%", "70%")),
    # a change done to the level afterwards starts at it
    (["the error was 8%.", "then we cut it by 6 points."], ("8%", "2%")),
])
def test_a_level_with_the_points_it_moved(clauses, pair):
    pairs = said_changes(clauses).pairs
    assert [(p.before.shown, p.after.shown) for p in pairs] == [pair]


def test_a_step_alone_needs_a_level_just_before():
    """Points said on their own with no % level ending the clause before are no pair."""
    assert not said_changes(["we had 8 open tickets.", "so, minus 6 points."]).pairs
    assert not said_changes(["our target was 8%.", "so, minus 6 points."]).pairs


@pytest.mark.parametrize("said, read", [
    ("it went from every third file to every 10th file", "it went from 1 in 3 file to 1 in 10 file"),
    ("every 3rd claim", "1 in 3 claim"),
    ("every 2nd week we retrain", "every 2nd week we retrain"),  # how often
])
def test_every_nth_in_digits(said, read):
    """F2: Whisper writes the ordinal in digits ("every 10th"), a rate all the same."""
    assert normalize_numbers(said) == read
