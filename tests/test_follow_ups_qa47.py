"""Session 40, QA47 F1/F2: a follow-up reply that makes a key point the answer left open moves it
"✗ → ✓ with the follow-up" and the score with the follow-up rises with it — a question's own
follow-up wording (its key point named in its words), the own part told with "I", and a real
story told after a hypothetical answer alike; the story bank counts the same points."""

from __future__ import annotations

from datetime import datetime

from tests.tools import save_practice
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.report import follow_up_points, structure_lines
from voice_coach.store import Store

CODING = ("I would compute the confusion matrix first, then precision as true positives over "
          "predicted positives and recall as true positives over actual positives, and F1 as "
          "their harmonic mean. I'd test it on a tiny case where the model is always right, "
          "and one where it is always wrong. It is linear in the number of rows.")
MACRO_MICRO = ("Macro averaging computes the score for each class and takes the plain mean, so a "
               "rare class counts as much as a big one. Micro averaging pools all the counts "
               "first, so the big class dominates; with an imbalanced set micro stays high while "
               "macro drops.")
WE_STORY = ("Nobody owned the data quality of the seller sign-up flow, it sat between two teams, "
            "and duplicate accounts were used for refund fraud. We decided to take it on. We "
            "built a matching job, we set up alerts and we trained the support staff. Duplicate "
            "accounts fell from six percent to under two percent within a quarter.")
MY_STEPS = ("First, I wrote the matching rules. Second, I built the nightly job myself. Third, I "
            "set up the alert to the onboarding channel. Fourth, I ran two training sessions.")


def _saved(tmp_path, qid, text, reply, kind):
    return save_practice(Store(tmp_path / "recordings"), datetime(2026, 11, 20, 9), qid, text,
                         reply, kind)


def test_a_reply_to_the_question_s_own_wording_makes_its_key_point(tmp_path):
    first, second = _saved(tmp_path, "code-metrics-1", CODING, MACRO_MICRO, "no_example")
    assert second.follow_up_check.supplied
    point = next(k for k in load_bank().get("code-metrics-1").key_points if "macro" in k)
    assert point in first.structure.key_points.missed  # the answer alone did not say it
    assert point in first.with_follow_up.points and point in follow_up_points(first)
    assert first.with_follow_up.scores.content > first.scores.content
    lines = structure_lines(first)
    assert not any(line.startswith("key points missed") and point in line for line in lines)


def test_the_own_part_told_with_i_makes_the_ownership_point(tmp_path):
    first, second = _saved(tmp_path, "lp-ownership-1", WE_STORY, MY_STEPS, "no_i")
    assert second.follow_up_check.supplied and first.with_follow_up.facts.get("ownership")
    assert first.with_follow_up.points, first.with_follow_up
    assert first.with_follow_up.scores.content > first.scores.content


def test_the_bank_counts_the_points_the_reply_made(tmp_path):
    from voice_coach.cli.stories import load_story_bank

    first, _ = _saved(tmp_path, "lp-ownership-1", WE_STORY, MY_STEPS, "no_i")
    bank = load_story_bank(Store(tmp_path / "recordings"), Config(), load_bank())
    (story,) = bank.stories
    answer = next(t for t in story.tellings if not t.is_reply)
    assert answer.points_made == first.with_follow_up.points != ()
    assert answer.followed_up is not None
    assert abs(answer.followed_up.scores.total - first.with_follow_up.scores.content) <= 1


HYPOTHETICAL = ("If I had to tell a director bad news, what I would do is go early, explain the "
                "problem plainly, and bring a plan with dates. I would not hide behind the "
                "dashboard, and I'd follow up every week until it was fixed.")
REAL_TIME = ("Last year my fraud rule blocked good riders for three weeks. I was responsible for "
             "that rule. I went to the operations director the same day, told her the numbers "
             "myself, and brought a plan: I rolled the rule back and reviewed every blocked "
             "account. She asked my team to review all rules after that. I learned to say bad "
             "news early.")


def test_a_real_story_after_a_hypothetical_answer_is_judged_on_its_key_points(tmp_path):
    first, second = _saved(tmp_path, "lp-earn-trust-2", HYPOTHETICAL, REAL_TIME, "no_real_time")
    assert second.follow_up_check.supplied
    block = first.with_follow_up
    assert block.points and block.scores.content > first.scores.content, block
    missed = [line for line in structure_lines(first) if line.startswith("key points missed")]
    assert not any(p in line for p in block.points for line in missed), missed


def test_an_own_part_told_only_with_we_is_named_as_the_gap():
    from tests.tools import report_of
    from voice_coach.report import feedback_lines

    report = report_of(WE_STORY, "lp-ownership-1")
    assert report.structure.star["situation"].present and report.structure.star["task"].present
    point = "short situation and your own responsibility"
    assert point in report.structure.key_points.missed
    shown = [f.message for f in feedback_lines(report) if f.message.startswith("Not covered")]
    assert shown and f"{point} (said with I ✗)" in shown[0], shown
