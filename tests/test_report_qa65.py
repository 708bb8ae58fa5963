"""Session 44, QA65 (issue #13, persona Sigrún; outputs in tests/data/spent_session44/qa65):
F1/F2 a tip coaching what the follow-up reply then supplied is shown resolved, as the STAR-L and
triad lines mark it — the trade-off of a technical answer, "say what you did yourself" of an
all-"we" story — and "room for the missing detail" goes once the reply made every point missed."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

from tests.tools import save_practice

RUN = Path(__file__).parent / "data" / "spent_session44" / "qa65" / "run1"


def said(name: str) -> str:
    """What the tester said (her typed script of the spoken answer)."""
    return " ".join((RUN / f"{name}.txt").read_text().split())


def _lines(report):
    from voice_coach.report import feedback_lines

    return [(x.severity, x.area, x.message) for x in feedback_lines(report)]


def _saved(tmp_path, qid, answer, reply):
    from voice_coach.store import Store

    first, second = save_practice(Store(tmp_path / "rec"), datetime(2026, 12, 6, 6, 0), qid,
                                  answer, reply)
    assert second.follow_up_check is not None and second.follow_up_check.supplied
    return first


def test_f1_a_trade_off_the_reply_named_is_no_open_tip(tmp_path):
    first = _saved(tmp_path, "forecast-demand-1", said("a5"), said("fu5"))
    lines = _lines(first)
    open_tips = [m for sev, area, m in lines if sev != "good" and "trade-off" in m.lower()]
    assert not open_tips, lines
    assert any(sev == "good" and m.startswith("trade-off ✓ with the follow-up")
               for sev, _, m in lines), lines


def test_f2_own_part_supplied_resolves_the_we_tip_and_the_room_for_detail(tmp_path):
    from voice_coach.coach import ROOM_FOR_DETAIL
    from voice_coach.report import still_missed
    from voice_coach.report_model import FeedbackItem

    first = _saved(tmp_path, "lp-deliver-results-3", said("a1"), said("fu1b"))
    lines = _lines(first)
    assert not [m for sev, area, m in lines if area == "ownership" and sev != "good"], lines
    assert any(sev == "good" and m.startswith("your own part ✓ with the follow-up")
               for sev, _, m in lines), lines
    # the spoken answer (46 s) also had the length tip: nothing is missing once the reply made
    # the one point missed
    assert first.structure.key_points.missed and not still_missed(first)
    short = FeedbackItem("length", "info", None,
                         f"The answer ran 46 s against a 120 s target — {ROOM_FOR_DETAIL}")
    spoken = dataclasses.replace(first, feedback=[*first.feedback, short])
    assert not [m for _, area, m in _lines(spoken) if area == "length"], _lines(spoken)


def test_qa67_f11_a_hypothetical_answer_is_never_told_to_add_detail():
    from tests.tools import report_of

    r = report_of(said_qa67("a3_bias_hypo"), "lp-bias-for-action-1")
    assert r.structure.hypothetical
    assert not [f.message for f in r.feedback if f.area == "length"
                and "missing detail" in f.message], r.feedback


def test_qa66_f3_us_dollars_written_with_dots_are_dollars():
    """Whisper writes the spoken "US dollars" as "U.S. dollars": one amount, never a sentence
    ending after "U.S." that leaves "40,000" without its currency."""
    from tests.tools import triad_of

    tri = triad_of("At the auction house I built a grading model for the bales. It saved about "
                   "40,000 U.S. dollars on regrading.", "lp-invent-simplify-1")
    assert any(role == "outcome" and "$40" in span for role, span in tri.slots), tri.slots


def said_qa67(name: str) -> str:
    return " ".join((RUN.parent.parent / "qa67" / "run1" / f"{name}.txt").read_text().split())
