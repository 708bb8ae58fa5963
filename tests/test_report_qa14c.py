"""QA14 F16: report.md escapes only what Markdown would read as markup, so it reads cleanly
raw in an editor — no "\\(attempt 2\\)", "\\+1 more" or "key\\_points"."""

from __future__ import annotations

import pytest

from voice_coach.report import md_escape


@pytest.mark.parametrize("text, escaped", [
    ("Answer 2 (attempt 2)", "Answer 2 (attempt 2)"),
    ("2026-12-01_0425_lp-dive-deep-2", "2026-12-01_0425_lp-dive-deep-2"),
    ("key_points", "key_points"),
    ("(+1 more)", "(+1 more)"),
    ("about 94% to 0.3%; 2M [currency?] a year", "about 94% to 0.3%; 2M \\[currency?\\] a year"),
    ("_emphasis_ and *strong*", "\\_emphasis\\_ and \\*strong\\*"),
    ("[a link](http://x)", "\\[a link\\](http://x)"),
    ("a | b", "a \\| b"),
    ("<b>", "\\<b>"),
    ("# not a heading", "\\# not a heading"),
    ("- not a list", "\\- not a list"),
    ("-3 points", "-3 points"),
])
def test_only_markup_is_escaped(text, escaped):
    assert md_escape(text) == escaped


def test_escaped_text_renders_as_the_text():
    markdown = pytest.importorskip("markdown_it")
    md = markdown.MarkdownIt("commonmark")
    for text in ("key_points (+1 more)", "_x_ *y* [z](w) `c`", "# h", "- i", "> q", "a<b>c"):
        html = md.renderInline(md_escape(text))
        assert "<em>" not in html and "<a " not in html and "<code>" not in html, (text, html)
