"""CLI commands over the story bank: `stories`, `brief`, `plan`.

`stories` shows the bank (terminal, `--markdown`, `--html FILE`), `--show ID` one story with
its tellings side by side, the principle coverage matrix with its gaps, and the pairs of stories
that may be one. `--merge A B`, `--split TELLING` and `--not-same A B` correct the grouping
(`--undo`, `--unmerge ID`, `--unsplit TELLING`, `--reset-corrections` take corrections back);
they are kept by telling key in recordings/story_corrections.json and applied on every rebuild.
`--title ID TITLE` names a story in your words (`--untitle ID` goes back to the automatic title),
kept by telling key in recordings/story_titles.json. `brief` writes the
one-page impact brief (Markdown, print-ready HTML). `plan --days N` lays out a block of mock
rounds on consecutive days, saved as recordings/plan.json. Everything is computed from the
answers already saved (no re-recording), re-scored under the current config so `tune` shows.
`load_story_bank` and `principle_gaps_for` are what other commands (`next`) call. Sessions of
`voice-coach demo` (a synthesized candidate) are left out of all of them.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from voice_coach.cli import common
from voice_coach.config import Config
from voice_coach.errors import ConfigError, StorageError, VoiceCoachError
from voice_coach.questions import QuestionBank, load_bank
from voice_coach.safefs import atomic_write_text
from voice_coach.store import Store

if TYPE_CHECKING:
    from voice_coach.stories import Correction, PrincipleGap, Story, StoryBank, UserTitle

PLAN_FILENAME = "plan.json"
BRIEF_FILENAME = "brief.html"
STORIES_FILENAME = "stories.html"
CORRECTIONS_FILENAME = "story_corrections.json"
TITLES_FILENAME = "story_titles.json"


def register(sub) -> None:
    p = common.add_command(sub, "stories", "your story bank: every story told across sessions, "
                           "its triad and principles, and which principles have no story yet",
                           run_stories)
    act = p.add_mutually_exclusive_group()
    act.add_argument("--show", metavar="ID", help="one story, every telling side by side (its "
                     "id, or the key of one of its tellings, e.g. 2026-11-20_0900_practice#1)")
    act.add_argument("--merge", nargs=2, metavar=("A", "B"),
                     help="stories A and B are one story (story ids, or telling keys)")
    act.add_argument("--split", metavar="TELLING",
                     help="a telling is a story of its own (its key, as `--show ID` heads it, "
                          "e.g. 2026-11-20_0900_practice#1)")
    act.add_argument("--not-same", nargs=2, metavar=("A", "B"),
                     help="stories A and B are different stories: no more hints for them")
    act.add_argument("--unmerge", type=int, metavar="ID",
                     help="undo your merges that made story ID")
    act.add_argument("--unsplit", metavar="TELLING", help="undo your split of a telling")
    act.add_argument("--undo", action="store_true", help="undo your last correction")
    act.add_argument("--reset-corrections", action="store_true",
                     help="drop every correction of yours (automatic grouping again)")
    act.add_argument("--title", nargs=2, metavar=("ID", "TITLE"),
                     help='name story ID in your words, e.g. --title 3 "Checkout fraud model"; '
                          "it stays with the story as more tellings join it")
    act.add_argument("--untitle", metavar="ID",
                     help="drop your title of story ID (its automatic title again)")
    p.add_argument("--markdown", action="store_true", help="print Markdown instead of a table")
    p.add_argument("--html", nargs="?", const="", metavar="FILE",
                   help=f"write HTML (default RECORDINGS/{STORIES_FILENAME})")
    p.add_argument("--prompts", metavar="DIR", help="question bank folder (default: prompts/)")

    p = common.add_command(sub, "brief", "a one-page impact brief built only from what you said",
                           run_brief)
    p.add_argument("--html", nargs="?", const="", metavar="FILE",
                   help=f"write print-ready HTML (default RECORDINGS/{BRIEF_FILENAME})")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="page size for --html")
    p.add_argument("--all", action="store_true",
                   help="every story, even if it no longer fits one page")
    p.add_argument("--prompts", metavar="DIR", help="question bank folder (default: prompts/)")

    p = common.add_command(sub, "plan", "lay out a block of mock rounds on consecutive days",
                           run_plan)
    p.add_argument("--days", type=int, default=5, metavar="N", help="days in the block (1–14)")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="first day (default: today)")
    p.add_argument("--seed", type=int, help="seed for reproducible question picks")
    p.add_argument("--show", action="store_true", help="show the saved plan instead of a new one")
    p.add_argument("--prompts", metavar="DIR", help="question bank folder (default: prompts/)")


def _question_bank(args: argparse.Namespace):
    return load_bank(Path(args.prompts) if getattr(args, "prompts", None) else None)


def load_story_bank(store: Store, cfg: Config, questions: QuestionBank,
                    sources: Sequence[Any] | None = None) -> StoryBank:
    """The story bank of every answer saved in `store`, each re-scored under `cfg` and read
    through the same reconciled facts as its report.

    Args:
        store: a `store.Store`.
        cfg: the current `config.Config` (so a `tune --save` shows in the best telling).
        questions: a `questions.QuestionBank` (principles and key points of each question).
        sources: `story_sources(store, cfg, questions)` when already made in this command (a
            correction groups the same answers again under the corrections just saved).
    """
    from voice_coach.embedder import common_words  # the tokenizer's vocabulary, read once
    from voice_coach.stories import build_bank, with_user_titles

    if sources is None:
        sources = story_sources(store, cfg, questions)
    return with_user_titles(build_bank(sources, _question_of(questions),
                                       corrections=read_corrections(store.root),
                                       everyday=common_words()),
                            read_titles(store.root))


def _question_of(questions: QuestionBank):
    def question_of(qid: str | None):
        return questions.get(qid) if qid and qid in questions else None

    return question_of


def story_sources(store: Store, cfg: Config, questions: QuestionBank) -> list[Any]:
    """Every answer saved in `store` that tells a story of yours, re-scored under `cfg`
    (`stories.AnswerSource`s; the slow part of `load_story_bank`)."""
    from voice_coach import pipeline
    from voice_coach.stories import IMPACT_CATEGORIES, AnswerSource

    question_of = _question_of(questions)
    sources = []
    for summary in store.list_sessions():
        if summary.demo:  # the synthesized candidate's answers are not the user's stories
            continue
        data = store.load_session(summary.id)
        texts = {a.n: a.transcript.text for a in data.answers}
        for report in data.answers:
            question = question_of(report.question_id)
            fresh, facts = pipeline.rescore_with_facts(report, cfg, question=question,
                                                       parent_text=texts.get(report.follow_up_of))
            if fresh.unheard:  # a transcript the tool could not hear tells no story of yours:
                continue       # its facts would be Whisper's inventions (QA14 F09)
            # a project told for a technical question: its report's facts when it was coached
            # as a story (`questions.answer_kind`), else read as one
            if fresh.kind != "behavioral" and \
                    getattr(question, "category", None) in (*IMPACT_CATEGORIES, None):
                facts = pipeline.story_facts(fresh, question)
            sources.append(AnswerSource(data.id, summary.created_at, fresh, facts))
    return sources


def read_titles(recordings: Path) -> tuple[UserTitle, ...]:
    """The titles you gave stories (recordings/story_titles.json), none when there is no
    file."""
    from voice_coach.stories import titles_loads

    path = recordings / TITLES_FILENAME
    if not path.is_file():
        return ()
    try:
        return titles_loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise VoiceCoachError(f"{path} is not readable ({e}) — move it away to go back to "
                              "the automatic story titles") from e


def read_corrections(recordings: Path) -> tuple[Correction, ...]:
    """Your corrections (recordings/story_corrections.json), none when there is no file."""
    from voice_coach.stories import corrections_loads

    path = recordings / CORRECTIONS_FILENAME
    if not path.is_file():
        return ()
    try:
        return corrections_loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise VoiceCoachError(f"{path} is not readable ({e}) — drop your story corrections with "
                              "`voice-coach stories --reset-corrections`") from e


def principle_gaps_for(store: Store, cfg: Config, questions: QuestionBank
                       ) -> list[PrincipleGap]:
    """Principles with no (or only a weak) story, each with a question to practise — for the
    "what to practise next" choice."""
    from voice_coach.stories import principle_gaps

    return principle_gaps(load_story_bank(store, cfg, questions), questions)


def _context(args: argparse.Namespace):
    cfg = common.load_config(args)
    store = Store(common.recordings_dir(args))
    questions = _question_bank(args)
    return cfg, store, questions


def _out_path(args: argparse.Namespace, default_name: str) -> Path:
    """--html FILE as given (its folder must exist: a typo never creates a folder tree), or
    the default file inside recordings/ (created, private, when missing)."""
    if args.html:
        path = Path(args.html).expanduser()
        if path.is_dir():
            raise StorageError(f"{path} is a folder; give a file name for --html")
        if not path.parent.is_dir():
            raise StorageError(f"folder {path.parent} does not exist — create it first or give "
                               "another path for --html")
        return path
    return common.recordings_dir(args) / default_name


def _write(path: Path, text: str) -> Path:
    if path.is_dir():
        raise StorageError(f"{path} is a folder; give a file name for --html")
    return atomic_write_text(path, text)


def run_stories(args: argparse.Namespace) -> int:
    if _page_into_missing_folder(args):
        return 0
    if not common.recordings_dir(args).exists():
        with _reading(args) as (cfg, store, questions):  # an empty bank, nothing created
            bank = load_story_bank(store, cfg, questions)
        return _show_bank(args, bank, questions)
    cfg, store, questions = _context(args)
    con = common.console()
    if args.reset_corrections:
        return _reset_corrections(store.root, con)
    sources = story_sources(store, cfg, questions)
    bank = load_story_bank(store, cfg, questions, sources)
    if args.title or args.untitle is not None:
        return _retitle(args, store, bank, con)
    if args.merge or args.split or args.not_same or args.unmerge is not None or args.unsplit \
            or args.undo:
        return _correct(args, store, cfg, questions, bank, con, sources)
    return _show_bank(args, bank, questions)


def _show_bank(args: argparse.Namespace, bank: StoryBank, questions: QuestionBank) -> int:
    """`stories` as asked: one story (--show), the table, its Markdown or its HTML page."""
    from voice_coach import story_report
    from voice_coach.stories import principle_gaps

    con = common.console()
    if args.show is not None:
        story = _story_ref(bank, args.show)
        if args.markdown:
            print(story_report.story_markdown(story, bank), end="")
        else:
            story_report.render_story_terminal(story, con, bank)
        return 0
    gaps = principle_gaps(bank, questions)
    if args.html is not None:
        path = _write(_out_path(args, STORIES_FILENAME), story_report.stories_html(bank, gaps))
        con.print(f"Wrote {path}")
    if args.markdown:
        print(story_report.stories_markdown(bank, gaps), end="")
    elif args.html is None:
        story_report.render_stories_terminal(bank, gaps, con)
    return 0


def _retitle(args: argparse.Namespace, store: Store, bank: StoryBank, con: Any) -> int:
    """Apply --title ID TITLE or --untitle ID, save recordings/story_titles.json and say what
    changed."""
    from voice_coach.stories import UserTitle, clean_title, titles_dumps, user_title_home

    ref = args.title[0] if args.title else args.untitle
    story = _story_ref(bank, ref)
    titles = list(read_titles(store.root))
    mine = [t for t in titles
            if (home := user_title_home(bank.stories, t)) is not None and home.id == story.id]
    auto = story.auto_title or story.title
    if args.title:
        try:
            title = clean_title(args.title[1])
        except ValueError as e:
            raise VoiceCoachError(f"{e} — e.g. voice-coach stories --title {story.id} "
                                  "\"Checkout fraud model at Harborbank\"") from None
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        titles = [t for t in titles if t not in mine]
        titles.append(UserTitle(tuple(t.key for t in story.tellings), title, now))
        done = f"Story {story.id} is now titled “{title}” (automatic: “{auto}”)"
        undo = f"Undo: voice-coach stories --untitle {story.id}"
    else:
        if not mine:
            raise VoiceCoachError(f"story {story.id} has no title of yours — its title "
                                  f"“{story.title}” is automatic")
        titles = [t for t in titles if t not in mine]
        done, undo = f"Story {story.id} has its automatic title “{auto}” again", ""
    path = atomic_write_text(store.root / TITLES_FILENAME, titles_dumps(titles))
    con.print(f"{done}. Saved in {path}.", highlight=False, markup=False)
    if undo:
        con.print(undo, highlight=False, markup=False)
    return 0


def _reset_corrections(recordings: Path, con: Any) -> int:
    """Remove recordings/story_corrections.json (also when it is unreadable)."""
    path = recordings / CORRECTIONS_FILENAME
    if not path.is_file():
        con.print("No corrections of yours to reset.")
        return 0
    try:
        made = f"{len(read_corrections(recordings))} "
    except VoiceCoachError:
        made = ""  # an unreadable file is what a reset is for
    try:
        path.unlink()
    except OSError as e:
        raise StorageError(f"cannot remove {path}: {e.strerror}") from e
    con.print(f"Dropped your {made}correction(s): stories are grouped automatically again.")
    return 0


def _story_ref(bank: StoryBank, ref: str) -> Story:
    """A story by its id ("3") or by the key of one of its tellings
    ("2026-11-20_0900_practice#1")."""
    story = bank.get(int(ref)) if ref.isdigit() else bank.story_of(ref) if "#" in ref else None
    if story is not None:
        return story
    known = ", ".join(str(s.id) for s in bank.stories) or "none yet"
    if ref.isdigit():
        raise VoiceCoachError(f"no story {ref} — stories: {known} (run `voice-coach stories`)")
    raise VoiceCoachError(f"{ref!r} is neither a story id ({known}) nor a telling key — "
                          "`voice-coach stories --show ID` heads each telling with its key")


def _telling_ref(bank: StoryBank, key: str) -> tuple[Story, Any]:
    story = bank.story_of(key)
    if story is None:
        raise VoiceCoachError(f"no telling {key!r} — `voice-coach stories --show ID` heads each "
                              "telling with its key (like 2026-11-20_0900_practice#1)")
    return story, next(t for t in story.tellings if t.key == key)


def _save_corrections(store: Store, corrections) -> Path:
    from voice_coach.stories import corrections_dumps

    return atomic_write_text(store.root / CORRECTIONS_FILENAME, corrections_dumps(corrections))


class _Change(NamedTuple):
    """One correction command's outcome: the corrections to save and what to tell the user."""

    corrections: list[Any]
    done: str  # "Merged story 2 … and story 3 …"
    undo: str = ""  # the command that takes it back ("{id}": the story it is in afterwards)
    anchor: str = ""  # a telling key whose story is named afterwards ("→ now story 2")
    regrouped: bool = False  # an undo: the tellings are grouped automatically again


def _correct(args: argparse.Namespace, store: Store, cfg: Config, questions: QuestionBank,
             bank: StoryBank, con: Any, sources: Sequence[Any]) -> int:
    """Apply one of --merge / --split / --not-same / --unmerge / --unsplit / --undo, save, and
    say what changed (the bank regrouped from `sources`, the answers `bank` was built from:
    they are not re-scored twice)."""
    corrections = list(bank.corrections)
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    if args.merge:
        change = _merge(bank, corrections, args.merge, now)
    elif args.split:
        change = _split(bank, corrections, args.split, now)
    elif args.not_same:
        change = _not_same(bank, corrections, args.not_same, now)
    elif args.undo:
        if not corrections:
            raise VoiceCoachError("no correction of yours to undo")
        last = corrections.pop()
        what = {"merge": "merge", "split": f"split of {last.keys[0]}",
                "apart": "“not the same”"}[last.kind]
        change = _Change(corrections, f"Undid your last correction (a {what})")
    elif args.unmerge is not None:
        story = _story_ref(bank, str(args.unmerge))
        mine = {t.key for t in story.tellings}
        undone = [c for c in corrections if c.kind == "merge" and set(c.keys) & mine]
        if not undone:
            raise VoiceCoachError(f"story {story.id} was not merged by you — nothing to undo "
                                  "(`voice-coach stories` lists your corrections)")
        change = _Change([c for c in corrections if c not in undone],
                         f"Undid your merge of story {story.id} “{story.title}”", regrouped=True)
    else:
        undone = [c for c in corrections if c.kind == "split" and c.keys[0] == args.unsplit]
        if not undone:
            raise VoiceCoachError(f"{args.unsplit!r} was not split by you — nothing to undo "
                                  "(`voice-coach stories` lists your corrections)")
        change = _Change([c for c in corrections if c not in undone],
                         f"Undid your split of {args.unsplit}", regrouped=True)
    path = _save_corrections(store, change.corrections)
    after = load_story_bank(store, cfg, questions, sources)
    now_in = after.story_of(change.anchor) if change.anchor else None
    where = (f" → now story {now_in.id} ({now_in.told} telling(s))" if now_in is not None
             else "; grouped automatically again" if change.regrouped else "")
    con.print(f"{change.done}{where}. Saved in {path}.", highlight=False, markup=False)
    if change.undo:
        con.print("Undo: " + change.undo.format(id=now_in.id if now_in is not None else ""),
                  highlight=False, markup=False)
    return 0


def _merge(bank: StoryBank, corrections: list[Any], refs: list[str], now: str) -> _Change:
    from voice_coach.stories import Correction

    a, b = (_story_ref(bank, ref) for ref in refs)
    if a.id == b.id:
        raise VoiceCoachError(f"{refs[0]} and {refs[1]} are already one story (story {a.id})")
    keys = tuple(t.key for s in (a, b) for t in s.tellings)
    return _Change([*corrections, Correction("merge", keys, made_at=now)],
                   f"Merged story {a.id} “{a.title}” and story {b.id} “{b.title}”",
                   "`voice-coach stories --unmerge {id}`", a.tellings[0].key)


def _split(bank: StoryBank, corrections: list[Any], key: str, now: str) -> _Change:
    from voice_coach.stories import Correction

    story, telling = _telling_ref(bank, key)
    if telling.is_reply:
        answer = f"{telling.session_id}#{telling.follow_up_of}"
        raise VoiceCoachError(f"{telling.key} is a follow-up reply to {answer}; it stays with "
                              f"that answer — split {answer} instead")
    rest = tuple(t.key for t in story.tellings if not _reply_of(t, telling, story))
    if not rest:
        raise VoiceCoachError(f"{telling.key} is already a story of its own (story {story.id})")
    return _Change([*corrections, Correction("split", (telling.key,), rest, now)],
                   f"Split {telling.key} off story {story.id} “{story.title}”",
                   f"`voice-coach stories --unsplit {telling.key}`", telling.key)


def _not_same(bank: StoryBank, corrections: list[Any], refs: list[str], now: str) -> _Change:
    from voice_coach.stories import Correction

    a, b = (_story_ref(bank, ref) for ref in refs)
    if a.id == b.id:
        raise VoiceCoachError(f"{refs[0]} and {refs[1]} are one story (story {a.id}) — to take "
                              "a telling out of it use `--split`")
    apart = Correction("apart", tuple(t.key for t in a.tellings),
                       tuple(t.key for t in b.tellings), now)
    return _Change([*corrections, apart],
                   f"Noted: story {a.id} “{a.title}” and story {b.id} “{b.title}” are different "
                   "stories (no more hints for them)", "`voice-coach stories --undo`")


def _reply_of(t: Any, root: Any, story: Story) -> bool:
    """`t` is a follow-up reply that continues `root` (however deep): it leaves with it."""
    ids = {root.n}
    for r in sorted(story.tellings, key=lambda r: r.n):
        if r.is_reply and r.session_id == root.session_id and r.follow_up_of in ids:
            ids.add(r.n)
    return t.session_id == root.session_id and t.n in ids


@contextlib.contextmanager
def _reading(args: argparse.Namespace) -> Iterator[tuple[Config, Store, QuestionBank]]:
    """(config, store, question bank) for a command that only reads the bank: a recordings
    folder that does not exist is read as an empty one and never created, nor an index in it
    (QA62 F11)."""
    root = common.recordings_dir(args)
    if root.exists():
        yield _context(args)
        return
    with tempfile.TemporaryDirectory(prefix="voice-coach-empty-") as empty:
        yield common.load_config(args), Store(Path(empty)), _question_bank(args)


def _page_into_missing_folder(args: argparse.Namespace) -> bool:
    """True (and says so in one line) when a command would write its page into a recordings
    folder that does not exist: nothing is created for a bank with no stories."""
    root = common.recordings_dir(args)
    if root.exists() or args.html is None or args.html:
        return False
    common.console().print(f"No stories yet: nothing is saved in {root} — practise an answer "
                           "first (`voice-coach practice`), or check --recordings.")
    return True


def run_brief(args: argparse.Namespace) -> int:
    from voice_coach import story_report
    from voice_coach.stories import brief_entries

    if _page_into_missing_folder(args):
        return 0
    with _reading(args) as (cfg, store, questions):
        bank = load_story_bank(store, cfg, questions)
    entries = brief_entries(bank, questions)
    keep = entries if args.all else entries[:story_report.BRIEF_MAX_PROJECTS]
    omitted = [e.title for e in entries[len(keep):]]
    if args.html is not None:
        path = _write(_out_path(args, BRIEF_FILENAME),
                      story_report.brief_html(keep, paper=args.paper, omitted=omitted))
        common.console().print(f"Wrote {path} (print it, or open it in a browser)")
        return 0
    print(story_report.brief_markdown(keep, omitted), end="")
    return 0


def read_plan(recordings: Path) -> Any | None:
    """The saved block (recordings/plan.json), or None when there is none."""
    from voice_coach import plan as plan_mod

    path = recordings / PLAN_FILENAME
    if not path.is_file():
        return None
    try:
        return plan_mod.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise VoiceCoachError(f"{path} is not a readable plan ({e}) — make a new one with "
                              "`voice-coach plan --days 5`") from e


def run_plan(args: argparse.Namespace) -> int:
    import random

    from voice_coach import plan as plan_mod

    recordings = common.recordings_dir(args)
    con = common.console()
    if args.show:
        block = read_plan(recordings)
        if block is None:
            raise VoiceCoachError("no plan yet — make one with `voice-coach plan --days 5`")
        records = list(Store(recordings).answer_records())
        trend = plan_mod.day_trend(block, records)
        ids = bank = None
        if any(pq.story or pq.principle for day in block.days for pq in day.questions):
            cfg, store, questions = _context(args)  # stories as they are now
            bank = load_story_bank(store, cfg, questions)
            ids = plan_mod.story_ids(bank)
        for line in plan_mod.plan_lines(block, trend, ids, bank,
                                        done=plan_mod.done_items(block, records)):
            con.print(line, highlight=False, markup=False)
        return 0
    if not 1 <= args.days <= plan_mod.MAX_DAYS:
        raise ConfigError(f"--days must be between 1 and {plan_mod.MAX_DAYS}, got {args.days}")
    try:
        start = date.fromisoformat(args.start) if args.start else date.today()
    except ValueError as e:
        raise ConfigError(f"--start must be a date like 2026-12-01, got {args.start!r}") from e
    cfg, store, questions = _context(args)
    bank = load_story_bank(store, cfg, questions)
    block = plan_mod.make_plan(questions, bank, store.answer_records(), days=args.days,
                               start=start, rng=random.Random(args.seed),
                               created_at=datetime.now().astimezone().isoformat(timespec="seconds"))
    path = atomic_write_text(recordings / PLAN_FILENAME, plan_mod.dumps(block))
    for line in plan_mod.plan_lines(block, story_ids=plan_mod.story_ids(bank)):
        con.print(line, highlight=False, markup=False)
    con.print(f"Saved {path}. Each day: `voice-coach practice` asks the day's next planned "
              "question (`voice-coach next` lists the rest of the day, in order); "
              "`voice-coach plan --show` shows the block and how each day went.",
              highlight=False, markup=False)
    return 0
