"""What to practise next (FSRS over questions and skills) and a round's things to fix (#15)."""

from __future__ import annotations

import dataclasses
import json
import stat
from datetime import datetime, timedelta, timezone

import pytest

from voice_coach import pipeline
from voice_coach.cli import main
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.report_model import AnswerReport
from voice_coach.scheduler import (
    STATE_FILENAME, ScheduleState, choose_next, outcome_from_report, rating_for, review, sync,
)
from voice_coach.skills import round_fixes, skill_outcomes
from voice_coach.store import Store
from tests.tools import report_of

WEAK_Q, STRONG_Q = "lp-deliver-results-1", "lp-deliver-results-2"
WEAK = ("We had a slow checkout model and the team looked at it. We retrained it and it got "
        "faster in the end, latency was forty milliseconds.")
STRONG = ("At my last job the checkout model was too slow. My task was to cut its latency. I "
          "profiled the service, I found the feature joins were the bottleneck and I rewrote "
          "them. Latency went from 120 ms to 40 ms and conversion rose 2 percent, worth a "
          "million dollars a year. The main obstacle was a frozen release calendar, so I got "
          "an exception by showing the numbers. I learned to measure first; it shows Deliver "
          "Results.")
T0 = datetime(2026, 11, 25, 14, 0, tzinfo=timezone.utc)


def _report(qid: str, text: str, n: int = 1, at: datetime = T0) -> AnswerReport:
    return report_of(text, qid, n=n, attempt=1, follow_up_of=None, created_at=at.isoformat())


@pytest.mark.parametrize("score, rating", [(0, "Again"), (39.9, "Again"), (40, "Hard"),
                                           (59, "Hard"), (60, "Good"), (79, "Good"),
                                           (80, "Easy"), (100, "Easy")])
def test_rating_from_score(score, rating):
    assert rating_for(score) == rating


def test_skills_of_a_vague_and_an_anchored_story():
    weak, strong = skill_outcomes(_report(WEAK_Q, WEAK)), skill_outcomes(_report(WEAK_Q, STRONG))
    assert weak["baseline"] is False and weak["ownership"] is False
    assert strong["baseline"] is True and strong["principle"] is True
    assert "fillers" not in weak  # a transcript has no delivery to judge


def _state(*reports: AnswerReport) -> ScheduleState:
    outcomes = [outcome_from_report("s1", T0.isoformat(), r) for r in reports]
    return review(ScheduleState(), [o for o in outcomes if o is not None])


def test_low_scored_question_comes_before_high_scored_with_its_reason():
    weak, strong = _report(WEAK_Q, WEAK, 1), _report(STRONG_Q, STRONG, 2)
    assert weak.scores.overall < 40 <= 80 <= strong.scores.overall
    state = _state(weak, strong)
    bank = [load_bank().get(WEAK_Q), load_bank().get(STRONG_Q)]
    # Right after the answers nothing is due: the low-scored one comes due first.
    first, second = choose_next(state, bank, T0 + timedelta(minutes=5))
    assert (first.question_id, second.question_id) == (WEAK_Q, STRONG_Q)
    assert first.due < second.due
    assert "left out the baseline once" in first.reason and "scored" in first.reason
    # Two days later only the low-scored one is due, and it says so.
    [due] = choose_next(state, bank, T0 + timedelta(days=2))[:1]
    assert due.question_id == WEAK_Q and due.reason.startswith("due: you ")
    assert all(s.question_id != STRONG_Q or not s.reason.startswith("due")
               for s in choose_next(state, bank, T0 + timedelta(days=2)))


def test_repeated_misses_are_counted_in_the_reason():
    state = _state(_report(WEAK_Q, WEAK, 1), _report(WEAK_Q, WEAK, 2, T0 + timedelta(days=1)))
    [s] = choose_next(state, [load_bank().get(WEAK_Q)], T0 + timedelta(days=3), limit=1)
    assert s.reason.startswith("due: you ") and "twice" in s.reason


def test_never_practised_principles_and_categories_count_as_due():
    state = _state(_report(STRONG_Q, STRONG))
    found = choose_next(state, load_bank(), T0 + timedelta(hours=1), limit=40)
    reasons = [s.reason for s in found]
    assert any("never practised — principle Earn Trust" in r for r in reasons)
    assert any("never practised — category recsys" in r for r in reasons)
    assert STRONG_Q not in [s.question_id for s in found]  # practised well, not due
    assert len({s.question_id for s in found}) == len(found)


def test_weak_cards_come_before_never_practised_ones():
    state = _state(_report(WEAK_Q, WEAK))
    found = choose_next(state, load_bank(), T0 + timedelta(days=2), limit=3)
    assert found[0].question_id == WEAK_Q and found[0].weak
    assert found[1].new and found[2].new


# --- real files, real SQLite: `next` from saved sessions; the state file ---------------------

def _save(store: Store, qid: str, text: str, at: datetime) -> None:
    s = store.new_session("practice", qid, Config().to_dict(), now=at)
    s.save_answer(1, _report(qid, text, 1, at))
    s.finish()


def _two_question_bank(tmp_path):
    bank = load_bank()
    lines = []
    for qid in (WEAK_Q, STRONG_Q):
        q = bank.get(qid)
        lines += ["[[question]]", f'id = "{q.id}"', f'category = "{q.category}"',
                  f'kind = "{q.kind}"', f"text = {json.dumps(q.text)}",
                  f"principles = {json.dumps(list(q.principles))}",
                  f"key_points = {json.dumps(list(q.key_points))}", f"target_s = {q.target_s:g}",
                  ""]
    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "two.toml").write_text("\n".join(lines))
    return folder


def test_next_command_from_saved_sessions(_private_recordings, tmp_path, capsys):
    store = Store(_private_recordings)
    just_now = datetime.now(timezone.utc) - timedelta(minutes=30)
    _save(store, STRONG_Q, STRONG, just_now)
    _save(store, WEAK_Q, WEAK, just_now + timedelta(minutes=10))
    prompts = _two_question_bank(tmp_path)
    assert main(["next", "--prompts", str(prompts)]) == 0
    out = capsys.readouterr().out
    first_line = out.splitlines()[0]
    assert first_line.startswith(f"Next: {WEAK_Q}") and "left out the baseline" in first_line
    assert f"{STRONG_Q} — " in out.split("Then:")[1]
    path = _private_recordings / STATE_FILENAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    state = json.loads(path.read_text())
    assert {"q:" + WEAK_Q, "q:" + STRONG_Q, "skill:baseline"} <= state["cards"].keys()

    # Missing → rebuilt from the saved answers, to the same schedule.
    path.unlink()
    rebuilt = sync(store)
    assert rebuilt.cards == state["cards"] and path.exists()
    # Unreadable → rebuilt too, with a warning.
    path.write_text("{not json")
    assert sync(store).cards == state["cards"]
    # A new answer is reviewed incrementally.
    _save(store, STRONG_Q, STRONG, just_now + timedelta(minutes=20))
    assert len(sync(store).history["q:" + STRONG_Q]) == 2


def test_practice_without_a_question_asks_what_next_picks(_private_recordings, tmp_path, clip,
                                                          capsys):
    store = Store(_private_recordings)
    _save(store, STRONG_Q, STRONG, T0)
    _save(store, WEAK_Q, WEAK, T0 + timedelta(minutes=10))
    prompts = _two_question_bank(tmp_path)
    # the file is not even read: the pick is made first and the bad --input ends the run
    rc = main(["practice", "--prompts", str(prompts), "--input", str(tmp_path / "none.wav"),
               "--no-voice"])
    out, err = capsys.readouterr()
    assert f"Picked for you ({WEAK_Q})" in out and "left out the baseline" in out
    assert rc == 2 and "not found" in err


def test_unknown_category_for_next_is_one_line(capsys):
    assert main(["next", "--category", "recsyss"]) == 2
    assert "did you mean 'recsys'" in capsys.readouterr().err


# --- a round's things to fix -------------------------------------------------------------------

def test_round_fixes_name_three_skills_with_what_to_practise():
    round_ = [_report(WEAK_Q, WEAK, 1), _report("lp-ownership-1", WEAK, 2),
              _report(STRONG_Q, STRONG, 3),
              _report("ml-validation-1", "At my last job I built a recommender for the home "
                      "page with collaborative filtering and item embeddings, and the click "
                      "through rate went from three to four percent.", 4)]
    fixes = round_fixes(round_)
    assert len(fixes) == 3
    assert len({f.skill for f in fixes}) == 3
    for f in fixes:
        assert 1 <= f.missed_in <= f.judged_in
        assert f.practise.startswith("voice-coach ")
        assert f.text().startswith("You ") and f"in {f.missed_in} of {f.judged_in} answers" \
            in f.text()
    baseline = next(f for f in fixes if f.skill == "baseline")
    assert baseline.missed_in == 2 and baseline.judged_in == 3
    assert baseline.question_id in (WEAK_Q, "lp-ownership-1")
    assert baseline.practise == f"voice-coach practice --question {baseline.question_id} --retry"


def test_a_strong_round_has_fewer_fixes():
    assert round_fixes([_report(STRONG_Q, STRONG)]) == []


def test_next_follows_a_saved_plan_first(_private_recordings, capsys):
    assert main(["plan", "--days", "2"]) == 0
    planned = json.loads((_private_recordings / "plan.json").read_text())
    first = planned["days"][0]["questions"][0]["question_id"]
    capsys.readouterr()
    assert main(["next"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"Next: {first} — planned: day 1 of your block")


def _silent(qid: str, n: int) -> AnswerReport:
    """A 5 s answer in which the VAD found no speech, as a round saves it (`mark_no_speech`)."""
    import time

    from voice_coach.transcriber import Transcript

    report = pipeline._speech_report(Transcript("", []), [], 5.0, None, Config(),
                                     load_bank().get(qid), transcribe_s=None,
                                     analyze_started=time.monotonic())
    return dataclasses.replace(pipeline.mark_no_speech(report), n=n, attempt=1,
                               follow_up_of=None, created_at=T0.isoformat())


def test_silent_answers_are_not_coached_in_the_round_summary():
    """QA4 F21: five silent answers and one spoken one — the round says five answers had no
    speech, and no content fix counts the unscored answers ("baseline in 5 of 5")."""
    from rich.console import Console

    from voice_coach.report import render_answer_terminal, structure_lines

    silent = [_silent(q, i) for i, q in enumerate(
        ["lp-ownership-1", "lp-deliver-results-2", "lp-dive-deep-1", "lp-frugality-1",
         "lp-earn-trust-1"], 2)]
    assert all(r.no_speech for r in silent)
    fixes = round_fixes([_report(STRONG_Q, STRONG), *silent])
    assert fixes and fixes[0].skill == "spoken"
    assert "in 5 of 6 answers" in fixes[0].text() and fixes[0].practise == "voice-coach devices"
    assert all(f.judged_in <= 1 for f in fixes[1:])  # content fixes count the spoken answer only
    assert skill_outcomes(silent[0]) == {}
    assert structure_lines(silent[0]) == []  # no "STAR-L: S ✗ …" above "not scored"
    console = Console(record=True, width=200, color_system=None)
    render_answer_terminal(silent[0], console)
    text = console.export_text()
    assert "not scored" in text and "STAR-L" not in text and "key points missed" not in text


def test_a_delivery_fix_sends_to_the_answer_that_missed_it_most():
    """QA6 F23: the pace fix names the 197 wpm answer, not the lowest-scored one that was 1 wpm
    over the range."""
    from voice_coach.report_model import DeliveryInfo, FeedbackItem

    def paced(r: AnswerReport, wpm: float, overall: int) -> AnswerReport:
        side = "above" if wpm > 165 else "below"
        warn = FeedbackItem("pace", "warn", None, f"Pace {wpm:.0f} wpm is {side} 120–165")
        return dataclasses.replace(r, delivery=DeliveryInfo(wpm=wpm), feedback=(warn,),
                                   scores=dataclasses.replace(r.scores, overall=overall))

    round_ = [paced(_report("lp-ownership-1", STRONG, 1), 166.0, 30),
              paced(_report(STRONG_Q, STRONG, 2), 197.0, 80),
              paced(_report(WEAK_Q, STRONG, 3), 192.0, 70)]
    pace = next(f for f in round_fixes(round_, limit=9) if f.skill == "pace")
    assert pace.missed_in == 3 and pace.question_id == STRONG_Q


def test_a_hypothetical_answer_misses_the_story_not_every_star_part():
    """QA6 F23: "I would …" misses one thing — a real story — not also the learning, the result
    and the baseline it was never going to have."""
    r = _report(WEAK_Q, "If I had to hire someone I would probably look for curiosity, and I "
                "would ask them about a hard bug. I would want someone who raises the bar.")
    assert r.structure.hypothetical
    assert skill_outcomes(r) == {"story": False}
