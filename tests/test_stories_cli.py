"""Run-through of `stories`, `brief` and `plan` on real saved sessions.

Answers are produced by the real pipeline from text (`pipeline.analyze_text`) and saved by the
real `Store` into a temporary recordings folder: three different stories are practised, then
one is retold with its numbers changed and a principle named.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import stat
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from voice_coach import pipeline
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.report_model import AnswerReport
from voice_coach.store import Store
from tests.tools import require_tool, run_main

ROOT = Path(__file__).resolve().parents[1]
PRINT_PDF = ROOT / "scripts" / "print_pdf.sh"

HALLUCINATION = (
    "At Fieldnote I owned the answer bot for our support product. It made things up: the "
    "hallucination rate on our golden set was twelve percent, and customers called back when "
    "an answer was wrong. I built a retrieval step over the help centre articles and fine-tuned "
    "the model with LoRA to quote its sources. The hallucination rate went from twelve percent "
    "to three percent, repeat calls fell by fifteen percent, and that saved about one point two "
    "million dollars per quarter in support costs. We served thirteen million requests a month "
    "and kept regressions under one percent.")
RETOLD = (
    "The story I'd tell is the Fieldnote answer bot. The bot invented answers, and wrong "
    "answers meant customers calling back. I took ownership of it: I added retrieval over the "
    "help centre articles and a LoRA fine-tune that cites its sources. Hallucinations dropped "
    "from eleven percent to two and a half percent, and repeat calls went down by eighteen "
    "percent. For me that's Deliver Results.")
MENTOR = (
    "At Brightcart I mentored Tomás, an analyst who moved into data science. His work lived in "
    "notebooks. I set up a weekly hour with him and gave him a real project, the delivery time "
    "estimate shown at checkout. I reviewed his code line by line for a month and then only his "
    "design documents. He presented the model to our director himself and was promoted within "
    "a year.")
COST = (
    "When I joined the platform team at Brightcart our nightly forecasting jobs ran on "
    "on-demand GPU machines. I profiled the jobs and found the GPUs idle most of the time, "
    "waiting for data. I moved training to spot instances with checkpoints and fixed the data "
    "loader. The monthly bill dropped to eleven thousand dollars and the jobs finished an hour "
    "earlier.")


def _save(store: Store, when: datetime, answers: list[tuple[str, str]]) -> str:
    bank = load_bank()
    session = store.new_session("practice", "practice", {}, now=when)
    for n, (qid, text) in enumerate(answers, 1):
        report = pipeline.analyze_text(text, cfg=Config(), question=bank.get(qid))
        session.save_answer(n, dataclasses.replace(
            report, created_at=when.astimezone().isoformat(timespec="seconds")))
    session.finish()
    return session.id


@pytest.fixture(scope="module")
def saved_run_through(tmp_path_factory) -> Path:
    """Three stories practised, the answer-bot story retold: four answers analysed and saved
    once per test module (the analysis of a text is deterministic)."""
    root = tmp_path_factory.mktemp("run-through") / "recordings"
    store = Store(root)
    _save(store, datetime(2026, 11, 20, 9, 0), [("lp-deliver-results-1", HALLUCINATION)])
    _save(store, datetime(2026, 11, 21, 9, 0), [("lp-hire-develop-1", MENTOR),
                                                 ("lp-frugality-1", COST)])
    _save(store, datetime(2026, 11, 23, 9, 0), [("lp-dive-deep-1", RETOLD)])
    return root


@pytest.fixture()
def recordings(saved_run_through, tmp_path):
    """A fresh copy of the saved run-through for each test (files, modes and times as saved):
    tests add corrections, titles, briefs and plans to it."""
    root = tmp_path / "recordings"
    shutil.copytree(saved_run_through, root, dirs_exist_ok=True)
    return root


def _told(row: str) -> int:
    """Tellings in a Markdown story row's "told" cell ("2×", "1× + 1 follow-up reply")."""
    return int(re.match(r"\s*(\d+)×", row.split("|")[3]).group(1))


def test_stories_groups_the_retelling_and_names_missing_principles(recordings, capsys):
    code, out, err = run_main(capsys, "stories", "--recordings", str(recordings), "--markdown")
    assert code == 0, err
    rows = [line for line in out.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 3, out
    told = {int(r.split("|")[1]): _told(r) for r in rows}
    assert sorted(told.values()) == [1, 1, 2]
    bot = next(r for r in rows if _told(r) == 2)
    assert "Deliver Results (named)" in bot  # the principle named in the retelling
    gaps = out[out.index("## Gaps"):]
    assert "No story yet for" in gaps
    for missing in ("Earn Trust", "Bias for Action", "Think Big"):
        assert missing in gaps.split("\n")[2]
    assert "`lp-earn-trust-1`" in gaps
    code, _, err = run_main(capsys, "stories", "--recordings", str(recordings), "--html")
    assert code == 0, err
    page = recordings / "stories.html"
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    html_text = page.read_text(encoding="utf-8")
    assert html_text.count('class="strong"') >= 1 and "<code>lp-earn-trust-1</code>" in html_text


def test_stories_show_puts_tellings_side_by_side(recordings, capsys):
    code, out, _ = run_main(capsys, "stories", "--recordings", str(recordings), "--markdown")
    bot_id = next(int(r.split("|")[1]) for r in out.splitlines()
                  if re.match(r"\| \d+ \|", r) and _told(r) == 2)
    code, out, err = run_main(capsys, "stories", "--recordings", str(recordings), "--show",
                          str(bot_id), "--markdown")
    assert code == 0, err
    header = next(line for line in out.splitlines() if line.startswith("| |"))
    assert header.count("#1") == 2  # two tellings, two columns
    assert "12% → 3%" in out and "11% → 2.5%" in out  # each telling's numbers as spoken
    code, _, err = run_main(capsys, "stories", "--recordings", str(recordings), "--show", "99")
    assert code != 0 and err.count("\n") == 1 and "no story 99" in err


def test_brief_shows_triads_as_spoken_with_gaps(recordings, capsys):
    code, out, err = run_main(capsys, "brief", "--recordings", str(recordings))
    assert code == 0, err
    # the latest full telling of the answer-bot story, numbers exactly as said
    assert "11% → 2.5%" in out and "−18%" in out
    assert "13M requests" in out
    assert "Deliver Results" in out
    assert "[baseline?]" in out  # the cost story never said what the bill was before
    assert "[outcome?]" in out or "[after?]" in out  # the mentoring story has no numbers
    # "To fill" points to a question of the story's kind: these are behavioural stories, so a
    # behavioural question on the story's principle, never an LLM question (QA finding 12)
    bank = load_bank()
    asked = re.findall(r"practise `([^`]+)`", out)
    assert asked and not [q for q in asked if bank.get(q).kind != "behavioral"], asked
    # money reads "$11K" since numbers6 (analysis.numbers.short_money)
    cost = next(sec for sec in out.split("## ") if "[baseline?]" in sec and "$11K" in sec)
    fill = re.findall(r"practise `([^`]+)`", cost.split("To fill:")[1])
    assert fill and "Frugality" in bank.get(fill[0]).principles, cost
    assert "$" not in out.split("## ")[2] or "$11K" in out  # nothing invented for the others


@pytest.mark.slow
def test_brief_html_prints_on_one_page(recordings, capsys, tmp_path):
    require_tool("chromium", "chromium-browser", "google-chrome",
                 install="apt-get install -y chromium")
    for paper in ("a4", "letter"):
        code, _, err = run_main(capsys, "brief", "--recordings", str(recordings), "--html",
                            "--paper", paper)
        assert code == 0, err
        page = recordings / "brief.html"
        assert stat.S_IMODE(page.stat().st_mode) == 0o600
        pdf = tmp_path / f"brief-{paper}.pdf"
        proc = subprocess.run([str(PRINT_PDF), str(page), str(pdf)], capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert _pdf_pages(pdf) == 1
    # the fullest brief the command prints (BRIEF_MAX_PROJECTS projects, every gap open,
    # long titles) still fits one page on either paper
    from voice_coach.stories import BriefEntry, BriefGap, TriadValues, gap_question
    from voice_coach.story_report import BRIEF_MAX_PROJECTS, brief_html

    known = [q.id for q in load_bank()]
    gaps = tuple(BriefGap(p, gap_question(p, known)) for p in ("baseline", "after", "outcome",
                                                                "scale", "principle"))
    full = [BriefEntry(i, "Eight words of a rather long story title",
                       TriadValues("a metric of four words", "12%",
                                   "after heard as 40000% — check this number", None,
                                   "$1.2M per quarter", "repeat calls −15%"),
                       ("13M requests a month", "regressions under 1%", "p99 under 200 ms"),
                       (), ("Dive Deep", "Deliver Results"), gaps, 1.0,
                       costs=("$80K", "$1.5M a year"))  # a cost and a reading to check too
            for i in range(BRIEF_MAX_PROJECTS)]
    for paper in ("a4", "letter"):
        worst = tmp_path / f"worst-{paper}.html"
        left_out = ["The holiday season and the click model was"] * 3  # eight-word titles
        worst.write_text(brief_html(full, paper=paper, omitted=left_out), encoding="utf-8")
        subprocess.run([str(PRINT_PDF), str(worst), str(tmp_path / "worst.pdf")], check=True,
                       capture_output=True, timeout=120)
        assert _pdf_pages(tmp_path / "worst.pdf") == 1
    # the page counter itself counts: a page three times as long prints on more pages
    long = tmp_path / "long.html"
    text = page.read_text(encoding="utf-8")
    body = text[text.index("<body>") + 6:text.index("</body>")]
    long.write_text(text.replace(body, body * 4), encoding="utf-8")
    subprocess.run([str(PRINT_PDF), str(long), str(tmp_path / "long.pdf")], check=True,
                   capture_output=True, timeout=120)
    assert _pdf_pages(tmp_path / "long.pdf") > 1


def _pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def test_plan_lays_out_consecutive_days_and_next_follows_it(recordings, capsys):
    from voice_coach import plan as plan_mod
    from voice_coach.cli.stories import read_plan

    code, out, err = run_main(capsys, "plan", "--recordings", str(recordings), "--days", "5",
                          "--start", "2026-12-01", "--seed", "3")
    assert code == 0, err
    path = recordings / "plan.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    block = read_plan(recordings)
    assert [d.date for d in block.days] == [f"2026-12-0{i}" for i in range(1, 6)]
    assert [d.round for d in block.days] == ["behavioral", "amazon-aie", "amazon-ml",
                                             "behavioral", "amazon-aie"]
    reasons = [q.reason for d in block.days for q in d.questions]
    for sid in (1, 2, 3):  # every story is exercised in the block
        assert f"retell story {sid}:" in out, out
    assert any(r.startswith("no story yet for") for r in reasons)
    bank = load_bank()
    for d in block.days:
        lp = [p for q in d.questions if bank.get(q.question_id).category == "leadership"
              for p in bank.get(q.question_id).principles]
        assert len(lp) == len(set(lp)), f"a principle twice on day {d.day}"
    ids = [q.question_id for d in block.days for q in d.questions]
    assert len(ids) == len(set(ids))
    # QA8 F19: a principle with no story is left out only when no day has room for it
    from voice_coach.cli.stories import load_story_bank
    from voice_coach.config import Config
    from voice_coach.stories import principle_gaps

    longest = max(len(d.questions) for d in block.days)
    asked = {p for q in ids for p in bank.get(q).principles}
    for g in principle_gaps(load_story_bank(Store(recordings), Config(), bank), bank):
        if g.level == "none" and g.principle not in asked:
            assert all(len(d.questions) == longest for d in block.days), g.principle
    records = Store(recordings).answer_records()
    day, first = plan_mod.next_planned(block, records, date(2026, 12, 1))
    assert day.day == 1 and first == block.days[0].questions[0]
    assert plan_mod.next_planned(block, records, date(2026, 11, 30)) is None
    code, out, err = run_main(capsys, "plan", "--recordings", str(recordings), "--show")
    assert code == 0 and "Day 5 · 2026-12-05" in out
    code, out, err = run_main(capsys, "progress", "--recordings", str(recordings))
    assert code == 0, err
    assert "day 1 2026-12-01 behavioral: 0/6 planned questions answered" in out
    code, _, err = run_main(capsys, "plan", "--recordings", str(recordings), "--days", "40")
    assert code != 0 and "--days" in err


def test_weak_answers_come_first_in_the_plan(tmp_path, capsys):
    root = tmp_path / "recordings"
    store = Store(root)
    _save(store, datetime(2026, 11, 20, 9, 0), [("lp-earn-trust-1", "I was nice to people.")])
    code, _, err = run_main(capsys, "plan", "--recordings", str(root), "--days", "1", "--seed", "1",
                        "--start", "2026-12-01")
    assert code == 0, err
    from voice_coach.cli.stories import read_plan

    first = read_plan(root).days[0].questions[0]
    assert first.question_id == "lp-earn-trust-1" and first.reason.startswith("weak")


def test_stories_with_nothing_saved(tmp_path, capsys):
    code, out, err = run_main(capsys, "stories", "--recordings", str(tmp_path / "r"), "--markdown")
    assert code == 0, err
    assert "No stories yet." in out and "No story yet for Customer Obsession" in out


@pytest.mark.slow
def test_spoken_run_through(tmp_path, capsys):
    """The judged run-through with spoken answers: espeak-ng WAVs through `practice --input`
    (real recorder, real Whisper tiny.en), then `stories` and `brief` on what was saved."""
    espeak = require_tool("espeak-ng", install="apt-get install -y espeak-ng")
    root = tmp_path / "recordings"
    for i, (qid, text) in enumerate([("lp-deliver-results-1", HALLUCINATION),
                                     ("lp-hire-develop-1", MENTOR),
                                     ("lp-frugality-1", COST),
                                     ("lp-dive-deep-1", RETOLD)]):
        wav = tmp_path / f"answer-{i}.wav"
        subprocess.run([espeak, "-v", "en-us", "-s", "160", "-w", str(wav), text], check=True,
                       capture_output=True, timeout=60)
        code, _, err = run_main(capsys, "practice", "--recordings", str(root), "--question", qid,
                            "--input", str(wav), "--no-voice", "--no-follow-up")
        assert code == 0, err
    code, out, err = run_main(capsys, "stories", "--recordings", str(root), "--markdown")
    assert code == 0, err
    rows = [line for line in out.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 3, out
    assert sorted(_told(r) for r in rows) == [1, 1, 2]
    from voice_coach.analysis.titles import MISHEARD_PROBABILITY
    from voice_coach.cli.stories import load_story_bank

    for story in load_story_bank(Store(root), Config(), load_bank()).stories:
        want = [w.strip(",.").lower() for w in story.title.split()]  # no misheard word in it
        spans = [t.heard[i:i + len(want)] for t in story.tellings
                 for i in range(len(t.text.split()))
                 if [w.strip(",.").lower() for w in t.text.split()[i:i + len(want)]] == want]
        assert spans and min(p if p is not None else 1.0 for p in spans[0]) \
            >= MISHEARD_PROBABILITY, story.title
    assert "No story yet for" in out and "Earn Trust" in out
    code, out, err = run_main(capsys, "brief", "--recordings", str(root))
    assert code == 0, err
    assert "[baseline?]" in out
    # the retold story: one telling's pair as spoken (12 → 3 first, 11 → 2.5 retold), never
    # one telling's baseline with the other's after, and the difference flagged
    bot = next(sec for sec in out.split("## ") if "Check:" in sec)
    impact = bot.split("**Impact:**")[1].split("\n")[0]
    assert re.search(r"\b12% → 3%|\b11% → 2(?:\.5)?%", impact), bot
    assert not re.search(r"\b12% → 2|\b11% → 3%", impact), bot


def test_corrupt_plan_is_one_line(tmp_path, capsys):
    root = tmp_path / "recordings"
    root.mkdir()
    (root / "plan.json").write_text("{not json", encoding="utf-8")
    code, out, err = run_main(capsys, "plan", "--recordings", str(root), "--show")
    assert code != 0 and err.count("\n") == 1 and "plan.json" in err and "Traceback" not in err
    code, _, err = run_main(capsys, "plan", "--recordings", str(root), "--start", "someday")
    assert code != 0 and "--start" in err and err.count("\n") == 1


def test_plan_progress_counts_only_answers_after_the_plan(tmp_path, capsys):
    root = tmp_path / "recordings"
    store = Store(root)
    today = datetime.now().replace(microsecond=0)
    # a weak answer today, so the plan asks the same question again on day 1 (today)
    _save(store, today - timedelta(minutes=5), [("lp-earn-trust-1", "I was nice to people.")])
    # day 1 is the date of the answers saved below, also when the test runs just before midnight
    start = (today + timedelta(minutes=5)).date().isoformat()
    code, _, err = run_main(capsys, "plan", "--recordings", str(root), "--days", "3", "--seed", "2",
                            "--start", start)
    assert code == 0, err
    from voice_coach.cli.stories import read_plan

    block = read_plan(root)
    day1 = block.days[0]
    assert day1.questions[0].question_id == "lp-earn-trust-1"
    code, out, err = run_main(capsys, "plan", "--recordings", str(root), "--show")
    assert code == 0, err
    out = " ".join(out.split())  # the console wraps long lines
    assert re.search(rf"Day 1 · {day1.date} · [^\[]*\[0/{len(day1.questions)} done", out), out
    # an answer to a question the plan did not ask neither counts as done nor gives a mean
    planned = {q.question_id for q in day1.questions}
    other = next(q.id for q in load_bank() if q.kind == "behavioral" and q.id not in planned
                 and q.category == "leadership")
    _save(store, today + timedelta(minutes=2), [(other, COST)])
    code, out, err = run_main(capsys, "plan", "--recordings", str(root), "--show")
    out = " ".join(out.split())
    assert f"[0/{len(day1.questions)} done]" in out, out
    later = day1.questions[0].question_id
    sid = _save(store, today + timedelta(minutes=5), [(later, HALLUCINATION)])
    overall = store.load_session(sid).answers[0].scores.overall
    code, out, err = run_main(capsys, "plan", "--recordings", str(root), "--show")
    out = " ".join(out.split())
    assert re.search(rf"Day 1 · {day1.date} · [^\[]*\[1/{len(day1.questions)} done, "
                     rf"mean {overall:.0f}\]", out), out


def test_a_catch_up_answer_counts_for_its_planned_day_everywhere(tmp_path, capsys):
    """QA8 F29: in a block started two days ago, answering a day-1 question today counts for
    day 1 in `next`, `plan --show` and `progress` alike."""
    root = tmp_path / "recordings"
    store = Store(root)
    now = datetime.now().replace(microsecond=0)
    start = (now.date() - timedelta(days=2)).isoformat()
    code, _, err = run_main(capsys, "plan", "--recordings", str(root), "--days", "3", "--seed", "2",
                            "--start", start)
    assert code == 0, err
    from voice_coach import plan as plan_mod
    from voice_coach.cli.stories import read_plan

    block = read_plan(root)
    day1 = block.days[0]
    first = day1.questions[0].question_id
    sid = _save(store, now + timedelta(seconds=5), [(first, HALLUCINATION)])
    overall = store.load_session(sid).answers[0].scores.overall
    records = Store(root).answer_records()
    due = plan_mod.planned_due(block, records, now.date() + timedelta(days=1))
    assert (1, first) not in {(d.day, pq.question_id) for d, pq in due}
    assert len(due) == sum(len(d.questions) for d in block.days) - 1
    code, out, err = run_main(capsys, "plan", "--recordings", str(root), "--show")
    out = " ".join(out.split())
    assert re.search(rf"Day 1 · {day1.date} · [^\[]*\[1/{len(day1.questions)} done, "
                     rf"mean {overall:.0f}\]", out), out
    code, out, err = run_main(capsys, "progress", "--recordings", str(root))
    assert code == 0, err
    assert f"day 1 {day1.date} {day1.round}: 1/{len(day1.questions)} planned questions answered" \
        in " ".join(out.split())


QA = Path(__file__).resolve().parent / "data" / "stories_qa"


def _save_reports(store: Store, when: datetime, reports: list[AnswerReport]) -> str:
    session = store.new_session("practice", "practice", {}, now=when)
    for n, report in enumerate(reports, 1):
        session.save_answer(n, dataclasses.replace(
            report, created_at=when.astimezone().isoformat(timespec="seconds")))
    session.finish()
    return session.id


def _assert_tellings_show_their_reports(tellings, reports) -> None:
    """Each telling's STAR-L parts and triad slots are its saved report's."""
    for t in tellings:
        block = reports[t.key].structure
        assert t.star_present == {p: v.present for p, v in block.star.items()}, t.key
        tri = block.metric_triad
        assert t.triad.parts == {"baseline": tri.baseline, "after": tri.after,
                                 "outcome": tri.business_outcome}, t.key


def test_bank_reads_the_same_facts_as_each_answers_report(tmp_path):
    """STAR-L parts, triad slots and principles in the bank are the saved report's (meaning
    model), never a separate rules-only reading (issue #17 QA finding 5)."""
    from voice_coach.cli.stories import load_story_bank

    store = Store(tmp_path / "recordings")
    for i, name in enumerate(sorted(QA.glob("*.txt"))):
        _save(store, datetime(2026, 11, 1 + i, 9, 0),
              [("lp-deliver-results-1", name.read_text(encoding="utf-8"))])
    reports = {f"{s.id}#{a.n}": a for s in store.list_sessions()
               for a in store.load_session(s.id).answers}
    bank = load_story_bank(store, Config(), load_bank())
    tellings = [t for s in bank.stories for t in s.tellings]
    assert len(tellings) == len(reports) >= 4
    _assert_tellings_show_their_reports(tellings, reports)
    for t in tellings:
        assert t.named_principles == reports[t.key].structure.leadership_principles, t.key


HYPOTHETICAL = ("If I had a tight deadline I would probably cut scope and ship the smallest "
                "version first. I would tell the team what we drop and why. That is bias for "
                "action.")


def test_hypothetical_answer_is_no_story_and_its_principle_stays_a_gap(tmp_path, capsys):
    store = Store(tmp_path / "recordings")
    report = pipeline.analyze_text(HYPOTHETICAL, cfg=Config(),
                                   question=load_bank().get("lp-bias-for-action-1"))
    assert report.structure.hypothetical is True
    _save_reports(store, datetime(2026, 11, 20, 9, 0), [report])
    _save(store, datetime(2026, 11, 21, 9, 0), [("lp-hire-develop-1", MENTOR)])
    code, out, err = run_main(capsys, "stories", "--recordings", str(tmp_path / "recordings"),
                          "--markdown")
    assert code == 0, err
    assert "cut scope" not in out and "tight deadline" not in out
    from voice_coach.cli.stories import load_story_bank
    from voice_coach.stories import principle_gaps

    bank = load_story_bank(store, Config(), load_bank())
    assert len(bank.stories) == 1
    gaps = {g.principle: g.level for g in principle_gaps(bank, load_bank())}
    assert gaps.get("Bias for Action") == "none"


def test_follow_up_reply_joins_its_story_without_a_rubric_of_its_own(tmp_path, capsys):
    qb = load_bank()
    question = qb.get("lp-deliver-results-1")
    main_text = ("At Harborbank I owned the card fraud model. I added device fingerprint "
                 "features and retrained it, and false declines went down to 1.2 percent.")
    reply_text = "Before that they were 3.1 percent, and it was worth 2.4 million dollars a year."
    main_report = pipeline.analyze_text(main_text, cfg=Config(), question=question)
    reply = pipeline.analyze_text(reply_text, cfg=Config(), question=question,
                                  follow_up=pipeline.FollowUpOf("no_baseline", main_report))
    reply = dataclasses.replace(reply, follow_up_of=1)
    store = Store(tmp_path / "recordings")
    _save_reports(store, datetime(2026, 11, 20, 9, 0), [main_report, reply])
    from voice_coach.cli.stories import load_story_bank

    bank = load_story_bank(store, Config(), qb)
    assert len(bank.stories) == 1
    story = bank.stories[0]
    first, second = story.tellings
    assert second.follow_up_of == 1 and second.scores is None and first.scores is not None
    assert story.triad.baseline == "3.1%" and story.triad.after == "1.2%"
    code, out, err = run_main(capsys, "stories", "--recordings", str(tmp_path / "recordings"),
                          "--show", "1", "--markdown")
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("| content score |"))
    main_cell, reply_cell = row.split("|")[2:4]
    assert "=" not in reply_cell and "merged into the story" in reply_cell, row
    assert "with the follow-up" in main_cell, row  # the answer's score with the reply merged in
    star = next(line for line in out.splitlines() if line.startswith("| STAR-L |"))
    assert "follow-up reply: adds baseline" in star, star
    triad = next(line for line in out.splitlines() if line.startswith("| triad |"))
    assert "baseline 3.1%" in triad.split("|")[3], triad


def test_brief_sends_an_llm_impact_story_to_llm_questions(tmp_path, capsys):
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 22, 9, 0), [(
        "llm-measure-1",
        "At Brightcart I fine-tuned the support model with LoRA on our ticket data. I built an "
        "evaluation set of two thousand tickets, and the resolution rate went up to seventy "
        "percent.")])
    code, out, err = run_main(capsys, "brief", "--recordings", str(root))
    assert code == 0, err
    todo = out.split("To fill:")[1].split("\n")[0]
    by_gap = {gap: qid for group in todo.split(";")
              for qid in re.findall(r"practise `([^`]+)`", group)
              for gap in re.findall(r"\[(\w+)\?\]", group)}
    numbers = {g: q for g, q in by_gap.items() if g != "principle"}
    assert numbers and all(load_bank().get(q).category == "llm-finetuning"
                           for q in numbers.values()), out
    # a missing principle is practised on a behavioural question (QA3 D2: the LLM questions
    # ask for none, and a bare follow-up question read unlike every other line)
    assert load_bank().get(by_gap["principle"]).kind == "behavioral", out


LLM_STORIES = [  # (question, a project story told for it): new phrasings
    ("llm-measure-1",
     "Last year I fine-tuned our returns assistant with LoRA. The old prompt-only model answered "
     "sixty two percent of our held-out questions correctly; mine reached eighty one percent, "
     "and refund escalations fell by a fifth. I learned to freeze the eval set first."),
    ("llm-user-impact-1",
     "I owned the fine-tune of our onboarding chatbot. Before it, new sellers waited two days "
     "for answers; after I shipped it most got one in minutes, and seller churn in the first "
     "month went from nine percent to six percent."),
]


def test_a_story_told_for_a_technical_question_is_the_reports_story_in_the_bank(tmp_path):
    """An answer coached as a story (`questions.answer_kind`) enters the bank with exactly the
    facts its report shows."""
    from voice_coach.cli.stories import load_story_bank

    store = Store(tmp_path / "recordings")
    for i, (qid, text) in enumerate(LLM_STORIES):
        _save(store, datetime(2026, 11, 10 + i, 9, 0), [(qid, text)])
    reports = {f"{s.id}#{a.n}": a for s in store.list_sessions()
               for a in store.load_session(s.id).answers}
    assert all(r.kind == "behavioral" for r in reports.values())
    bank = load_story_bank(store, Config(), load_bank())
    tellings = [t for s in bank.stories for t in s.tellings]
    assert len(tellings) == len(reports)
    _assert_tellings_show_their_reports(tellings, reports)
