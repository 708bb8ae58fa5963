"""QA85 (#17 trial, persona Lukas, Vienna): an answer to an intro question that asks for one
project story ("summarise your most impactful project on one page") is a telling of that story
(F3); "tell me about yourself" is none."""

from tests.tools import one_story, story_bank

C1 = ("At the insurer I owned the car-claim pricing model. The old model had a mean error of 14 "
      "percent. I rebuilt the features and retrained it, and after the release the mean error was "
      "8 percent. We price about 4000 claims a week with it.")
C2 = ("On one page I would put the car-claim pricing model I rebuilt at the insurer. The mean "
      "error went from 14 percent to 8 percent, and overpayments are about 900,000 euros a year "
      "lower. It prices 4000 claims a week, and I owned the retraining and the release.")
ABOUT = ("I am a machine learning engineer at an insurer. Before that I worked at the railway on "
         "track-defect cameras, and I like building models that people actually use.")


def test_an_impact_brief_answer_joins_its_story(tmp_path):
    _, bank = story_bank(tmp_path, ("lp-deliver-results-1", C1), ("intro-impact-brief-1", C2))
    (story,) = bank.stories
    assert {t.question_id for t in story.tellings} == {"lp-deliver-results-1",
                                                       "intro-impact-brief-1"}
    assert story.triad.outcome and "900" in story.triad.outcome, story.triad


def test_tell_me_about_yourself_is_no_telling(tmp_path):
    _, bank = story_bank(tmp_path, ("lp-deliver-results-1", C1),
                         ("intro-tell-me-about-yourself-1", ABOUT))
    (story,) = bank.stories
    assert [t.question_id for t in story.tellings] == ["lp-deliver-results-1"]


def test_a_principle_named_in_a_run_on_sentence_is_named():
    """F5: Whisper lost the full stop after the name ("… insist on the highest standards our
    camera system …"); the words after it begin the next sentence, no object of the name."""
    from voice_coach.analysis.structure import detect_named_principles

    text = ("before my insurance job, and met one in insist on the highest standards our camera "
            "system under the trains detected track defects")
    assert detect_named_principles([text]) == ["Insist on the Highest Standards"]
    assert detect_named_principles(["my manager is frugal with praise"]) == []


def test_a_corrected_figure_is_checked_without_asking_which_is_right(tmp_path):
    """F10: the telling shown says it corrects a figure: "said as 7 before, corrected to 7.6%"."""
    from voice_coach.story_report import conflict_text

    first = ("At the grocer I built a markdown model for bakery items. Bakery waste was about 7% "
             "of bakery sales, and after the rollout it was about 4%, which saved roughly "
             "$900K a year.")
    second = ("I should correct a figure I gave before: bakery waste was actually 7.6% at the "
              "start, not 7. With the markdown model it came down to about 4%.")
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", first),
                         ("lp-deliver-results-1", second))
    text = conflict_text(story.conflicts)
    assert "corrected to 7.6%" in text and "which is right" not in text, text


def test_a_level_said_as_what_a_thing_had_names_the_measure(tmp_path):
    """F8: "The old model had a mean error of 14 percent" is of the mean error, not "old"."""
    from voice_coach.analysis.triad_said import subject_of

    _, story = one_story(tmp_path, ("lp-deliver-results-1",
                                    "I rebuilt the car-claim pricing model. The old model had a "
                                    "mean error of 14 percent. After the release it was 8 "
                                    "percent."))
    assert story.triad.metric == "mean error" and story.triad.baseline == "14%", story.triad
    assert subject_of("The old one had an accuracy of about 81%.", "81%") == "accuracy"
