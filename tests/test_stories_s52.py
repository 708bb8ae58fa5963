"""Session 52: a figure the speaker corrects (QA107, issue #17) in own wordings. F1: "I said 31
hours last time, but actually it was 36" — the corrected figure is the one read; F2: the
"corrected to" line is pinned on the figure the telling corrects, not on another number of the
story; F9: a correcting telling comes before the tellings told before it, not before a later
one that says the whole triad."""

from __future__ import annotations

from voice_coach.analysis.numbers import corrected_figure_mask, normalize_numbers

from tests.tools import one_story, triad_of

KILNS = ("At the cement plant I owned the kiln stoppage alarm. The stoppages were 40 "
         "hours a month before the alarm, and after it the stoppages were 15 hours a month. The "
         "plant saved around 600 thousand dollars a year in lost clinker.")


def test_f1_the_figure_corrected_in_the_sentence_is_not_read():
    words = "so I said forty hours a month last time, but actually it was forty four.".split()
    assert [w for w, m in zip(words, corrected_figure_mask(words)) if m] == ["forty"]
    assert normalize_numbers("I said 9 percent before, but the audit says 11 percent.") == \
        "I said before, but the audit says 11%."


def test_f1_a_plan_with_but_keeps_its_number():
    text = "I said we would finish in 3 weeks, but the vendor was late."
    assert normalize_numbers(text) == text
    assert not any(corrected_figure_mask(text.split()))


def test_f1_the_corrected_baseline_is_the_triad_baseline():
    tri = triad_of("The kiln alarm again, this is Dive Deep. I need to correct a figure: I said "
                   "40 hours of kiln stoppage per month last time, but actually it was 44 hours "
                   "per month. I went through the burner logs myself and built the alarm on the "
                   "flame pattern. The stoppages came down to 15 hours per month.",
                   "lp-dive-deep-1")
    assert tri.baseline and any("44 hours" in span and "40" not in span
                                for _, span in tri.slots), tri.slots


def test_f2_correction_pinned_on_the_figure_corrected(tmp_path):
    second = ("The kiln stoppage alarm again. I need to correct a figure: I said 40 hours a month "
              "last time, but actually it was 44 hours a month. The stoppages came down to 15 "
              "hours a month, and the plant saved around 700 thousand dollars a year.")
    _, story = one_story(tmp_path, ("lp-ownership-1", KILNS), ("lp-dive-deep-1", second))
    corrected = {c.part: c.corrected_to for c in story.conflicts}
    assert corrected.get("outcome", "none") is None, story.conflicts
    assert corrected.get("baseline") and "44" in corrected["baseline"], story.conflicts


def test_f9_a_later_complete_telling_updates_the_story(tmp_path):
    second = ("The kiln stoppage alarm again. I need to correct a figure: I said 40 hours a month "
              "last time, but actually it was 44 hours a month. The stoppages came down to 15 "
              "hours a month.")
    third = ("The kiln alarm once more. Before the alarm the kilns stood still 44 hours a month. "
             "I built the alarm on the flame pattern and the stoppages went down to 15 hours a "
             "month, and the plant saved about 800 thousand dollars a year in lost clinker.")
    _, story = one_story(tmp_path, ("lp-ownership-1", KILNS), ("lp-dive-deep-1", second),
                         ("lp-deliver-results-1", third))
    assert story.source is not None and story.source.text == third, story.source
    assert story.triad.outcome and "800" in story.triad.outcome, story.triad


def test_f10_words_echoing_the_question_never_title_the_story():
    """QA107 F10: two tellings to one question both echo its phrase ("the deepest
    investigation"); the title names the project, not the question."""
    from voice_coach.analysis.titles import TitleSource, story_title
    asked = "Tell me about the deepest investigation you have done into a problem."
    first = ("The deepest investigation I ever did was at the port. The alarm for the cranes kept "
             "failing at night.")
    second = ("My deepest investigation was again the port work, nothing else came close. I "
              "studied the crane logs for weeks.")
    assert story_title([TitleSource(first), TitleSource(second)]) == "The deepest investigation"
    title = story_title([TitleSource(first, (), asked), TitleSource(second, (), asked)])
    assert "investigation" not in title.lower() and "crane" in title.lower(), title


def test_qa112_f2_a_change_said_as_more_of_a_thing_names_it():
    """QA112 F2: "handle about 25% more calls per day" names what changed after the number:
    the bank shows "calls per day +25%", never "[metric?] +25%"."""
    from voice_coach.analysis.triad_said import changes_said
    text = ("I built a small summary model for the call notes. After the launch a note takes "
            "three minutes. So the call center handles about 25 percent more calls per day with "
            "the same people, and we save around 2 million dollars per year.")
    assert changes_said(text) == ("calls per day +25%",)
