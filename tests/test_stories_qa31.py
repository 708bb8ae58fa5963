"""Session 26 (issue #17, QA31 F3/F5/F8/F9) — the bank's story lines say what was said:

- F5: a metric's name said as a head with what it is measured on ("the refund rate on
  suggested books") keeps the head's own word before it ("refund"), never "rate on …".
- F3: a scale figure retold as the same thing counted in other words ("3M search queries per
  day" and "35M queries per day") is on the "Check:" line, not shown as another figure.

The sentences are this test's own (an online bookshop), modelled on the QA persona's answers
as Whisper heard them; everything runs through the real pipeline, `Store` and CLI."""

from __future__ import annotations

from tests.tools import main_stdout, one_story

BOOKS = ("Two years ago, at an online bookshop in Lyon, I owned the book suggestions on our "
         "website. Readers wrote that the suggested books were not what they liked. The refund "
         "rate on suggested books was 18%. I read 300 reviews myself and added a reading level "
         "signal to the ranking. After the change, the refund rate on suggested books went from "
         "18 % to 11%. For the business, that meant about 900,000 euros per year in saved "
         "refunds. We serve around 3 million search queries per day with a latency SLA of 60 "
         "milliseconds. What I learned is that a click is not a happy reader.")
BOOKS_RETOLD = ("This is a story about Earn Trust. The result I am proudest of was fixing the "
                "book suggestions on our website in Lyon, because readers had stopped trusting "
                "them. The refund rate on suggested books was 20%, and readers told us the books "
                "were too hard. I read the reviews myself and I built a reading level signal. "
                "The refund rate dropped to 10%. That saved around 1.1 million euros per year. "
                "It runs on about 35 million queries per day. I learned to measure what readers "
                "feel.")


def test_a_metric_head_keeps_its_own_word_before_what_it_is_measured_on(tmp_path):
    _, story = one_story(tmp_path, ("lp-customer-obsession-3", BOOKS))
    assert story.triad.metric == "refund rate on suggested books", story.triad


def test_a_retold_scale_figure_in_other_words_is_on_the_check_line(tmp_path, capsys):
    root, story = one_story(tmp_path, ("lp-customer-obsession-3", BOOKS),
                            ("lp-deliver-results-1", BOOKS_RETOLD))
    scale = [c for c in story.conflicts if c.part == "scale"]
    assert len(scale) == 1 and len(scale[0].values) == 2, story.conflicts
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    check = next(line for line in brief.splitlines() if "**Check:**" in line)
    assert "scale said as" in check and "35M" in check and "3M" in check, check
    scale_line = next(line for line in brief.splitlines() if "**Scale and ship:**" in line)
    assert "3M search queries" not in scale_line, scale_line  # on the Check line, not as news
