"""Session 49 (issue #17, QA93 F1) — a retelling updates the numbers: when two tellings say the
triad equally plainly, the later one's numbers are the story's, even when the older one also
told an outcome in words; `--show` says why a telling that is not the ★ one is the source, in
the order that picked it.

The sentences are this test's own (a gym chain's cancellation alerts), modelled on the QA
persona's answers."""

from __future__ import annotations

from tests.tools import main_stdout, one_story

FIRST = ("At the gym chain I owned the cancellation alerts. The alerts flagged members who were "
         "never leaving, so I dug into the billing data and found that a failed card payment "
         "was counted as a cancellation. I rebuilt the labels with a grace period and retrained "
         "the model. The precision of the alerts went from 48 percent to 61 percent. After that, "
         "members got far fewer pointless calls and fewer of them cancelled. I learned to check "
         "the labels first.")
RETOLD = ("Let me tell you about the cancellation alerts at the gym chain, I owned them. The "
          "alert precision was 38 percent when I started. I found that the labels were wrong. I "
          "rebuilt them and retrained the model. Precision went to 61 percent. The lesson for "
          "me: labels first.")


def test_the_later_telling_gives_the_numbers(tmp_path, capsys):
    root, story = one_story(tmp_path, ("lp-dive-deep-1", FIRST), ("lp-dive-deep-2", RETOLD))
    assert (story.triad.baseline, story.triad.after) == ("38%", "61%"), story.triad
    shown = main_stdout(capsys, "stories", "--show", "1", "--recordings", str(root))
    assert "48%" not in shown.split("Triad:", 1)[1].split("\n", 1)[0], shown
