"""Report renderers: terminal at a fixed width, Markdown, self-contained HTML, headless Chromium."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from review_fixtures import make_report, transcript_only
from rich.console import Console

from voice_coach.config import Config
from voice_coach.report import (
    fmt_clock,
    fmt_num,
    marked_transcript,
    render_answer_terminal,
    render_session_html,
    render_session_markdown,
    timeline_png,
)
from voice_coach.store import SessionData

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "screenshot_report.sh"


def capture(report, cfg=None) -> str:
    con = Console(width=100, record=True, color_system=None, file=open("/dev/null", "w"))
    render_answer_terminal(report, con, cfg)
    return con.export_text()


def session(*answers, pending=()) -> SessionData:
    meta = {"schema_version": 1, "id": "2026-11-25_1403_amazon-ml-round",
            "created_at": "2026-11-25T14:03:00+00:00", "mode": "practice",
            "title": "Amazon ML <round> & co", "status": "complete",
            "questions": [], "answers": [], "config": Config().to_dict()}
    return SessionData(meta=meta, answers=list(answers), id=meta["id"], pending=list(pending))


def test_formatting_helpers():
    assert fmt_num(None) == "—" and fmt_num(float("nan")) == "—" and fmt_num(True) == "—"
    assert fmt_num(2.44, 1, "s") == "2.4 s" and fmt_num(135.4) == "135"
    assert fmt_clock(None) == "—" and fmt_clock(71.9) == "1:11" and fmt_clock(5) == "0:05"


def test_marked_transcript_places_pauses_between_the_right_words():
    toks = marked_transcript(make_report())
    kinds = [t.kind for t in toks]
    assert kinds[0] == "lead_in" and toks[0].text == "1.5 s"
    pauses = [(i, t) for i, t in enumerate(toks) if t.kind == "pause"]
    assert [t.text for _, t in pauses] == ["0.6 s", "2.4 s", "1.7 s", "0.4 s"]
    assert [t.long for _, t in pauses] == [False, True, False, False]
    # the 2.4 s pause sits between "threshold." and "I added"
    i = pauses[1][0]
    assert toks[i - 1].text == "threshold." and toks[i + 1].text == "I" \
        and toks[i + 2].text == "added"
    assert [t.text for t in toks if t.kind == "filler"] == ["um", "uh"]
    # a lower long-pause threshold marks the 1.7 s pause as long too
    cfg = Config().with_value("silence.pause_s", 1.5)
    assert [t.long for t in marked_transcript(make_report(), cfg) if t.kind == "pause"] == \
        [False, True, True, False]


def test_marked_transcript_without_words():
    toks = marked_transcript(transcript_only())
    assert toks and all(t.kind == "word" for t in toks)
    assert toks[0].text == "So"


def test_terminal_full_report():
    out = capture(make_report())
    lines = out.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert "Answer 1 · lp-dive-deep-1" in out
    assert "Q: Tell me about a time you dove deep into data." in out
    flat = " ".join(out.replace("│", " ").split())
    assert "[lead-in 1.5 s] So *um* the situation" in flat
    assert "the threshold. [2.4 s] I added new features and *uh* tuned" in flat
    assert "[1.7 s]" in flat and "[0.6 s]" in flat
    assert re.search(r"lead-in \(time to first word\)\s+1\.5 s", out)
    assert re.search(r"pace\s+135 wpm", out)
    assert re.search(r"articulation rate\s+168 wpm", out)
    assert re.search(r"long pauses\s+1\b", out)
    assert re.search(r"longest pause\s+2\.4 s", out)
    assert re.search(r"fillers per minute\s+4\.6", out)
    assert "STAR-L: S ✓ 20% · T ✓ 15% · A ✓ 35% · R ✓ 20% · L ✓ 10%" in out
    assert "metric triad: baseline ✓ · after ✓ · business outcome ✓" in out
    assert "scores: delivery 74  structure 80  content 60  overall 71" in out
    assert "! [silence] 0:09 2.4 s pause at 9 s" in out
    assert "follow-up: How did you validate the new threshold?" in out
    assert "<first>" in out  # user text printed literally, not as markup


def test_terminal_transcript_only_report_shows_dashes():
    out = capture(transcript_only())
    assert re.search(r"pace\s+—", out) and re.search(r"longest pause\s+—", out)
    assert "delivery —" in out and "overall 71" in out
    assert "[silence]" not in out
    assert "So um the situation" in " ".join(out.replace("│", " ").split())


def test_terminal_tolerates_sparse_report():
    sparse = {"schema_version": 1, "question": None, "audio": None, "transcript": None,
              "delivery": None, "structure": None, "scores": None, "feedback": None,
              "follow_up": None}
    out = capture(sparse)
    assert "Answer" in out and "overall —" in out


def test_markdown():
    md = render_session_markdown(session(make_report(1), make_report(2, follow_up_of=1),
                                         pending=[3]))
    assert md.startswith("# Amazon ML \\<round\\> & co\n")
    assert "| 1 | Tell me about a time you dove deep into data. | 135 | 1 | 2.4 s | 4.6 | 71 |" \
        in md
    assert "## Answer 2 \\(follow-up to 1\\)" in md
    assert "*\\[lead-in 1.5 s\\]* So **um** the situation" in md
    assert "the threshold. **\\[2.4 s\\]** I added" in md
    assert "\\<first\\>" in md
    assert "| longest pause | 2.4 s |" in md
    assert "overall **71**" in md
    assert "- **warn** \\[silence\\] (0:09) 2.4 s pause" in md
    assert "**Follow-up:** How did you validate the new threshold?" in md
    assert "Answer 3: recorded but not analysed yet" in md
    assert "interrupted" not in md


def test_timeline_png():
    png = timeline_png(make_report())
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    assert timeline_png(transcript_only()) is None


def test_html_is_self_contained_with_plot_and_transcript():
    page = render_session_html(session(make_report(1), transcript_only(2)))
    imgs = re.findall(r'<img [^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(imgs) == 1  # the transcript-only answer has no timeline
    assert base64.b64decode(imgs[0])[:4] == b"\x89PNG"
    # transcript words, marks, escaping
    assert "So <span class=\"filler\">um</span> the situation" in page
    assert '<span class="pause long">[2.4 s]</span> I added' in page
    assert "data &lt;first&gt;." in page and "<first>" not in page
    assert "Amazon ML &lt;round&gt; &amp; co" in page
    assert "How did you validate the new threshold?" in page
    # no external assets or scripts
    assert "<script" not in page.lower()
    assert not re.search(r'(src|href)="(?!data:)', page)
    assert "http://" not in page and "https://" not in page


def test_html_escapes_hostile_text():
    r = make_report()
    r["transcript"]["words"][0]["text"] = '<script>alert("x")</script>'
    r["feedback"][0]["message"] = "<img src=x onerror=alert(1)>"
    r["follow_up"] = "</p><script>bad()</script>"
    page = render_session_html(session(r))
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.slow
def test_html_renders_in_headless_chromium(tmp_path):
    if not (shutil.which("chromium") or shutil.which("chromium-browser")
            or shutil.which("google-chrome")):
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    html_path = tmp_path / "report.html"
    html_path.write_text(render_session_html(session(make_report(1), make_report(2))))
    out = tmp_path / "shot.png"
    proc = subprocess.run([str(SCRIPT), str(html_path), str(out), "1100x1400"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    import matplotlib.image as mpimg
    import numpy as np

    img = mpimg.imread(out)
    assert img.shape[0] == 1400 and img.shape[1] == 1100
    rgb = img[..., :3]
    # the page is mostly white, with text and the plot's colours present
    assert (rgb.mean(axis=2) > 0.95).mean() > 0.5
    green = (rgb[..., 1] > 0.6) & (rgb[..., 0] < 0.5) & (rgb[..., 2] < 0.5)  # speech bands
    red = (rgb[..., 0] > 0.8) & (rgb[..., 1] < 0.85) & (rgb[..., 2] < 0.85)  # long pause
    dark = rgb.mean(axis=2) < 0.3  # text
    assert green.sum() > 2000, "timeline speech bands missing"
    assert red.sum() > 500, "long-pause highlight missing"
    assert dark.sum() > 5000, "no text rendered"
    assert np.isfinite(rgb).all()


def test_renderers_tolerate_malformed_values():
    odd = make_report(1)
    d = odd["delivery"]
    d["wpm"] = "fast"
    d["long_pause_count"] = [1, 2]
    d["pauses"] = [{"start": 1}, "x", {"start": 9.0, "duration": 2.5}]
    d["fillers"] = [{"start": "x"}, 5]
    d["speech_segments"] = [{"start": 1}, {"start": 1.5, "end": 9.0}]
    d["pace_timeline"] = "x"
    odd["scores"] = {"overall": float("nan"), "delivery": True}
    odd["question"] = "not a dict"
    odd["structure"] = {"star": {"situation": "yes"}, "metric_triad": {"evidence": None},
                        "key_points": {"covered": None}}
    odd["feedback"] = [{"at_s": float("inf")}, "y"]
    odd["transcript"]["words"][3] = {"text": 5, "start": None}
    out = capture(odd)
    assert re.search(r"pace\s+—", out) and "overall —" in out
    assert "[2.5 s]" in out  # a pause given by start + duration still shows
    page = render_session_html(session(odd))
    assert 'src="data:image/png;base64,' in page
    assert "## Answer 1" in render_session_markdown(session(odd))


def test_interrupted_session_is_said_so():
    s = session(make_report(1), pending=[2])
    s.meta["status"] = "interrupted"
    assert "This session was interrupted" in render_session_markdown(s)
    page = render_session_html(s)
    assert "This session was interrupted" in page and "Answer 2: recorded but not analysed" in page
