"""Your corrections to the story bank (`stories --merge / --split / --unmerge / --unsplit /
--reset-corrections`) and the "maybe the same story" hints, on real saved sessions.

Answers go through the real pipeline (`pipeline.analyze_text`) and the real `Store` into a
temporary recordings folder, as in tests/test_stories_cli.py; the bank is rebuilt from disk by
the CLI (`voice-coach stories`) after every correction.
"""

from __future__ import annotations

import dataclasses
import re
import stat
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from voice_coach import pipeline
from voice_coach.cli.stories import CORRECTIONS_FILENAME, load_story_bank, story_sources
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.analysis.story_similarity import GroupingOptions
from voice_coach.store import Store
from tests.test_stories_cli import COST, _save
# three stories practised, the answer-bot story retold: the CLI tests' bank
from tests.test_stories_cli import recordings, saved_run_through  # noqa: F401  (fixtures)
from tests.tools import run_main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from stories_grouping import TUNING_SETS, load_set, pairwise  # noqa: E402

ROW = re.compile(r"\| (\d+) \| ([^|]*) \| (\d+)×")
HINT = re.compile(r"Stories (\d+) and (\d+) may be one story")

# another employer's story: at Brightcart, with its "data platform" and "engineers", the
# evidence model of session 10 takes this story for the platform team's GPU-cost story in a bank
# of five tellings (a look-alike of one employer, docs/stories.md); this test is about keeping
# corrections, so its extra story is plainly another one
ONCALL = (
    "At Kestrel Freight I rebuilt the on-call rota for the routing service. Pages went to whoever "
    "had written the job, so two engineers took most of them. I wrote runbooks for the twenty "
    "noisiest alerts and moved the rota to a weekly handover with a shadow week for new people. "
    "Night pages per engineer fell from nine a month to two.")


def _stories(capsys, root: Path) -> dict[int, tuple[str, int]]:
    """`stories --markdown` as {id: (title, times told)}; it must exit 0."""
    code, out, err = run_main(capsys, "stories", "--recordings", str(root), "--markdown")
    assert code == 0, err
    return {int(m[1]): (m[2].strip(), int(m[3])) for m in ROW.finditer(out)}


def _cli(capsys, root: Path, *argv: str) -> tuple[int, str, str]:
    return run_main(capsys, "stories", "--recordings", str(root), *argv)


def _bank(root: Path):
    return load_story_bank(Store(root), Config(), load_bank())


def test_merge_is_kept_by_telling_key_and_undone(recordings, capsys):
    before = _stories(capsys, recordings)
    assert len(before) == 3
    bank = _bank(recordings)
    mentor = next(s for s in bank.stories if "Tomás" in s.tellings[0].text)
    cost = next(s for s in bank.stories if "spot instances" in s.tellings[0].text)
    code, out, err = _cli(capsys, recordings, "--merge", str(mentor.id), str(cost.id))
    assert code == 0, err
    assert "Merged story" in out and "Undo: `voice-coach stories --unmerge" in out
    path = recordings / CORRECTIONS_FILENAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(recordings.glob(f".{CORRECTIONS_FILENAME}*"))  # no temp file left
    # kept by telling keys, not by the numbers shown
    saved = path.read_text(encoding="utf-8")
    assert all(t.key in saved for t in mentor.tellings + cost.tellings)
    after = _stories(capsys, recordings)
    assert len(after) == 2 and sorted(n for _, n in after.values()) == [2, 2]
    bank = _bank(recordings)
    merged = next(s for s in bank.stories if s.merged_by_you)
    assert {t.key for t in merged.tellings} == {t.key for t in mentor.tellings + cost.tellings}
    code, out, err = _cli(capsys, recordings, "--show", str(merged.id), "--markdown")
    assert code == 0 and "Merged by you on " in out, err
    # the coverage matrix and the brief follow the corrected bank
    assert bank.coverage.story_ids == (1, 2) and merged.id == 2
    code, out, err = run_main(capsys, "brief", "--recordings", str(recordings))
    assert code == 0 and out.count("\n## ") == 2, out

    # a session told before every other renumbers the stories: the merge still holds
    was = merged.id
    _save(Store(recordings), datetime(2026, 11, 10, 9, 0), [("lp-ownership-1", ONCALL)])
    bank = _bank(recordings)
    assert len(bank.stories) == 3
    merged = next(s for s in bank.stories if s.merged_by_you)
    assert merged.id == was + 1
    assert {t.key for t in merged.tellings} == {t.key for t in mentor.tellings + cost.tellings}
    # ... and after `tune` (another config re-scores every answer)
    tuned = load_story_bank(Store(recordings), Config().with_value("pace.min_wpm", 60),
                            load_bank())
    assert [{t.key for t in s.tellings} for s in tuned.stories] == \
        [{t.key for t in s.tellings} for s in bank.stories]

    code, out, err = _cli(capsys, recordings, "--unmerge", str(merged.id))
    assert code == 0 and "Undid your merge" in out, err
    assert len(_stories(capsys, recordings)) == 4
    assert not any(s.merged_by_you for s in _bank(recordings).stories)


def test_a_correction_re_scores_each_answer_once(recordings, capsys, monkeypatch):
    """`stories --merge` groups the answers again under the saved correction from the answers
    it has already re-scored (four saved answers: four re-scores, not eight)."""
    rescored = []
    real = pipeline.rescore_with_facts

    def counting(report, *args, **kwargs):
        rescored.append((report.question_id, report.n))
        return real(report, *args, **kwargs)

    monkeypatch.setattr(pipeline, "rescore_with_facts", counting)
    code, out, err = _cli(capsys, recordings, "--merge", "1", "2")
    assert code == 0 and "Merged story" in out, err
    assert len(rescored) == len(set(rescored)) == 4, rescored


def test_split_makes_a_telling_its_own_story_and_is_undone(recordings, capsys):
    bank = _bank(recordings)
    bot = next(s for s in bank.stories if s.told == 2)
    retold = bot.tellings[-1].key
    code, out, err = _cli(capsys, recordings, "--split", retold)
    assert code == 0 and f"Split {retold} off story {bot.id}" in out, err
    assert f"--unsplit {retold}" in out
    bank = _bank(recordings)
    assert len(bank.stories) == 4
    alone = bank.story_of(retold)
    assert [t.key for t in alone.tellings] == [retold]
    code, out, err = _cli(capsys, recordings, "--show", str(alone.id), "--markdown")
    assert code == 0 and f"Split off by you on " in out, err
    # you said they are two stories: never hinted as one
    first = bank.story_of(bot.tellings[0].key)
    assert not [h for h in bank.hints if {h.a, h.b} == {alone.id, first.id}]
    code, out, _ = _cli(capsys, recordings, "--markdown")
    assert "Your corrections (1)" in out and retold in out
    # a split then a merge: the later correction wins, both are kept
    code, _, err = _cli(capsys, recordings, "--merge", retold, bot.tellings[0].key)
    assert code == 0, err
    assert len(_bank(recordings).stories) == 3
    code, _, err = _cli(capsys, recordings, "--unmerge", str(_bank(recordings).story_of(retold).id))
    assert code == 0, err
    assert len(_bank(recordings).stories) == 4
    code, out, err = _cli(capsys, recordings, "--unsplit", retold)
    assert code == 0 and "Undid your split" in out, err
    assert len(_bank(recordings).stories) == 3
    assert _bank(recordings).corrections == ()


def test_not_same_is_shown_and_undone(recordings, capsys):
    code, out, err = _cli(capsys, recordings, "--not-same", "1", "3")
    assert code == 0 and "are different stories" in out and "--undo" in out, err
    bank = _bank(recordings)
    assert len(bank.stories) == 3  # the grouping is not changed, only hints
    assert not [h for h in bank.hints if {h.a, h.b} == {1, 3}]
    code, out, err = _cli(capsys, recordings, "--show", "3", "--markdown")
    assert code == 0 and "not the same story as story 1" in out, err
    code, out, err = _cli(capsys, recordings, "--undo")
    assert code == 0 and "Undid your last correction" in out, err
    assert _bank(recordings).corrections == ()


def test_reset_drops_every_correction(recordings, capsys):
    ids = sorted(_stories(capsys, recordings))
    assert _cli(capsys, recordings, "--merge", str(ids[0]), str(ids[1]))[0] == 0
    assert _cli(capsys, recordings, "--merge", "1", "2")[0] == 0
    assert len(_stories(capsys, recordings)) == 1
    code, out, err = _cli(capsys, recordings, "--reset-corrections")
    assert code == 0 and "Dropped your 2 correction(s)" in out, err
    assert not (recordings / CORRECTIONS_FILENAME).exists()
    assert len(_stories(capsys, recordings)) == 3
    code, out, _ = _cli(capsys, recordings, "--reset-corrections")
    assert code == 0 and "No corrections" in out


@pytest.mark.parametrize("argv, says", [
    (("--merge", "1", "99"), "no story 99"),
    (("--merge", "2", "2"), "already one story"),
    (("--merge", "1", "fraud"), "neither a story id"),
    (("--split", "2026-01-01_0000_nothing#4"), "no telling"),
    (("--unmerge", "1"), "was not merged by you"),
    (("--unmerge", "42"), "no story 42"),
    (("--unsplit", "2026-01-01_0000_nothing#4"), "was not split by you"),
    (("--not-same", "1", "99"), "no story 99"),
    (("--not-same", "2", "2"), "are one story"),
    (("--undo",), "no correction of yours to undo"),
])
def test_bad_ids_are_one_line_and_exit_2(recordings, capsys, argv, says):
    code, out, err = _cli(capsys, recordings, *argv)
    assert code == 2 and err.count("\n") == 1 and says in err, err
    assert "Traceback" not in err
    assert not (recordings / CORRECTIONS_FILENAME).exists()


def test_split_refuses_a_telling_already_alone_and_a_follow_up_reply(recordings, capsys):
    alone = next(s for s in _bank(recordings).stories if s.told == 1).tellings[0].key
    code, _, err = _cli(capsys, recordings, "--split", alone)
    assert code == 2 and err.count("\n") == 1 and "already a story of its own" in err
    bank = load_bank()
    store = Store(recordings)
    session = store.new_session("practice", "practice", {}, now=datetime(2026, 11, 24, 9, 0))
    answer = pipeline.analyze_text(COST, cfg=Config(), question=bank.get("lp-frugality-1"))
    session.save_answer(1, dataclasses.replace(answer, created_at="2026-11-24T09:00:00+00:00"))
    reply = pipeline.analyze_text(
        "Before that the bill was about forty thousand dollars a month.", cfg=Config(),
        question=bank.get("lp-frugality-1"), follow_up=pipeline.FollowUpOf("no_baseline", answer))
    session.save_answer(2, dataclasses.replace(reply, n=2, follow_up_of=1,
                                               created_at="2026-11-24T09:05:00+00:00"))
    session.finish()
    code, _, err = _cli(capsys, recordings, "--split", f"{session.id}#2")
    assert code == 2 and err.count("\n") == 1 and "follow-up reply" in err, err
    # splitting the answer takes its reply along
    code, _, err = _cli(capsys, recordings, "--split", f"{session.id}#1")
    assert code == 0, err
    alone = _bank(recordings).story_of(f"{session.id}#1")
    assert {t.key for t in alone.tellings} == {f"{session.id}#1", f"{session.id}#2"}


def test_unreadable_corrections_file_is_one_line_and_reset_clears_it(recordings, capsys):
    (recordings / CORRECTIONS_FILENAME).write_text("{not json", encoding="utf-8")
    code, _, err = _cli(capsys, recordings)
    assert code == 2 and err.count("\n") == 1 and "--reset-corrections" in err
    code, out, err = _cli(capsys, recordings, "--reset-corrections")
    assert code == 0 and "Dropped your correction(s)" in out, err
    assert len(_stories(capsys, recordings)) == 3


def _save_tuning_set(root: Path, name: str) -> dict[str, str]:
    """Every telling of a tuning set saved as real sessions (one per session of the set, a day
    apart, answers in order); returns telling key → true story."""
    data = load_set(dict(TUNING_SETS)[name])
    store, bank = Store(root), load_bank()
    truth: dict[str, str] = {}
    for k, sess in enumerate(dict.fromkeys(data.sessions)):
        when = datetime(2026, 10, 1, 9, 0) + timedelta(days=k)
        session = store.new_session("practice", "practice", {}, now=when)
        rows = [i for i, s in enumerate(data.sessions) if s == sess]
        for n, i in enumerate(rows, 1):
            report = pipeline.analyze_text(data.texts[i], cfg=Config(),
                                           question=bank.get(data.questions[i]))
            at = (when + timedelta(minutes=n)).astimezone().isoformat(timespec="seconds")
            session.save_answer(n, dataclasses.replace(report, created_at=at))
            truth[f"{session.id}#{n}"] = data.truth[i]
        session.finish()
    return truth


def _pairs(bank, truth: dict[str, str]) -> tuple[float, float]:
    keys = [t.key for s in bank.stories for t in s.tellings]
    pred = [s.id for s in bank.stories for _ in s.tellings]
    return pairwise(pred, [truth[k] for k in keys])[:2]


@pytest.mark.slow  # 47 answers through the pipeline, then re-scored by `stories`
def test_hints_and_merges_on_a_tuning_set(tmp_path, capsys):
    """Tuning 5 (stories retold from other angles) saved as real sessions: the hints under the
    table (few since session 10: most pairs just under the cut were look-alikes, docs/stories.md)
    are at most three, strongest first, within the hint band, each naming what only both
    stories say; merging two stories that are truly one, as a hint's command does, raises
    recall and keeps precision."""
    root = tmp_path / "recordings"
    truth = _save_tuning_set(root, "tuning 5")
    # the saved answers do not change below, only your corrections: each bank the test reads
    # is grouped again from one re-scoring, as `stories --merge` itself does (the CLI calls
    # below re-score from disk)
    sources = story_sources(Store(root), Config(), load_bank())

    def regrouped(root: Path):
        return load_story_bank(Store(root), Config(), load_bank(), sources)

    bank = regrouped(root)
    told = {t.key for s in bank.stories for t in s.tellings}
    assert told <= set(truth) and len(told) >= 0.8 * len(truth)  # a few read as not stories
    p0, r0 = _pairs(bank, truth)
    assert len(bank.hints) <= 3
    rel = [h.relative for h in bank.hints]
    band = GroupingOptions()
    assert rel == sorted(rel, reverse=True) and all(band.hint_min_score <= x < band.min_score
                                                    for x in rel)
    assert all(h.terms for h in bank.hints)  # each says what both mention
    code, out, err = _cli(capsys, root, "--markdown")
    assert code == 0, err
    shown = [(int(a), int(b)) for a, b in HINT.findall(out)]
    assert shown == [(h.a, h.b) for h in bank.hints]
    assert all(f"`voice-coach stories --merge {a} {b}`" in out for a, b in shown)

    def told_in(sid: int) -> set[str]:
        return {truth[t.key] for t in bank.get(sid).tellings}

    # the angle set on real sessions (measured in session 10: P 0.854, R 0.833, on its text
    # alone 0.914 / 0.898; session 11: P 0.778, R 0.833, on its text alone 0.871 / 0.915, its
    # held-out number too): most retellings grouped, few look-alikes merged
    assert r0 >= 0.8 and p0 >= 0.75, (p0, r0)
    # two stories holding tellings of one true story (a retelling the grouping split), else
    # the two stories of the first one told twice, merged and compared as the user would
    split = next(((a.id, b.id) for a in bank.stories for b in bank.stories
                  if a.id < b.id and told_in(a.id) & told_in(b.id)), None)
    code, _, err = _cli(capsys, root, "--merge", *(map(str, split) if split else ("1", "2")))
    assert code == 0, err
    merged = regrouped(root)
    p1, r1 = _pairs(merged, truth)
    assert (r1 > r0) if split else (r1 == r0 == 1.0 and p1 < p0)
    split = split or (1, 2)
    joined = merged.story_of(bank.get(split[0]).tellings[0].key)
    assert joined.merged_by_you
    assert bank.get(split[1]).tellings[0].key in {t.key for t in joined.tellings}
    # "not the same" on two stories changes no grouping and is listed under the table
    other = next(st.id for st in merged.stories if st.id != joined.id)
    code, _, err = _cli(capsys, root, "--not-same", str(joined.id), str(other))
    assert code == 0, err
    after = regrouped(root)
    assert (min(joined.id, other), max(joined.id, other)) not in [(h.a, h.b) for h in after.hints]
    assert [s.id for s in after.stories] == [s.id for s in merged.stories]
