"""QA68 F5: a plan's reason never shows a mean as if it were one answer's overall score."""
from voice_coach.plan import overall_said


def test_one_answer_shows_its_score_and_several_show_each_and_their_mean():
    assert overall_said([73.0]) == "overall 73"
    assert overall_said([73.0, 80.0, 90.0]) == "overall 73, 80, 90; mean 81"
