"""Render the story bank, the principle coverage matrix and the one-page impact brief:
terminal (rich), Markdown and HTML. Presentation only — every value comes from
`voice_coach.stories`; nothing here decides what is good or invents a number.

The brief's HTML is print-ready: an `@page` rule for A4 or US Letter, small type and no page
break inside a project, so a brief of up to `BRIEF_MAX_PROJECTS` projects prints on one page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from voice_coach.analysis.numbers import short_money
from voice_coach.analysis.triad_said import metric_label
from voice_coach.analysis.vocabulary import SCALE_KINDS
from voice_coach.stories import (ANOTHER_TELLING, MARK_ASKS, BriefEntry, BriefGap, PrincipleGap,
                                 SaidElsewhere, Story, StoryBank, Telling, TriadConflict,
                                 TriadValues, corrects_a_figure, gap_question, marked_values,
                                 metric_unnamed, mixed_triad, plain_slots, people_story, story_tested,
                                 unread_money, words_only)

__all__ = ["BRIEF_MAX_PROJECTS", "PAPER_SIZES", "brief_html", "brief_markdown", "conflict_text",
           "scale_text",
           "correction_lines", "coverage_cells", "elsewhere_text", "entry_gaps", "gap_line",
           "gap_sentences", "HOW_TO_SAY", "how_to_say",
           "hint_sentences",
           "stories_html", "stories_markdown", "story_corrections", "story_markdown",
           "render_stories_terminal", "render_story_terminal", "triad_text"]

BRIEF_MAX_PROJECTS = 6  # what fits one printed page with its gap notes
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
LEVEL_MARK = {"strong": "●", "weak": "○", "none": "·"}
EXCERPT_WORDS = 60


def _gap(part: str) -> str:
    return f"[{part}?]"


def scale_text(scale: Sequence[str], tested: Sequence[str] = ()) -> str:
    """A story's scale as said, else the gap with the kind of number it wants
    (`vocabulary.SCALE_KINDS`) and the experiment sizes said, which are not scale (QA15 F07)."""
    if scale:
        return "; ".join(scale)
    note = f"; “{tested[0]}” is the test's size, not its reach" if tested else ""
    return f"{_gap('scale')} ({SCALE_KINDS}{note})"


ELSEWHERE_MARK = ANOTHER_TELLING
UNREAD_MARK = " (said, but not as the {} — check it; if it is one, say it as one)"
# the transcript can mishear a number: the brief says where its numbers come from, never that
# every one is right
BRIEF_LEAD = ("Every number below is as the transcript heard you say it in practice, in the "
              "role the analysis read it in — check each before you share the page")


def triad_text(t: TriadValues, elsewhere: Sequence[SaidElsewhere] = (),
               costs: Sequence[str] = ()) -> str:
    """'false declines 3.1% → 1.2%, $2.4M a year' with '[baseline?]'-style gaps; a part only
    another telling of the story said (`elsewhere`) is shown as said, marked
    '(another telling)'; money said as what the work cost (`costs`) follows as '; cost $80K',
    never as the outcome."""
    told = {x.part: x.value + (ELSEWHERE_MARK if x.read else UNREAD_MARK.format(x.part))
            for x in elsewhere}

    def gap(part: str) -> str:
        return told.get(part) or _gap(part)

    # a label that names no metric ("through", "totally", "behind the line") is shown as a
    # gap to fill, never as if it were the metric's name
    label = metric_label(t.metric)
    metric = f"{label} " if label else (f"{_gap('metric')} " if metric_unnamed(t) else "")
    if t.after is not None:
        main = f"{metric}{t.baseline or gap('baseline')} → {t.after}"
    elif t.change is not None:
        main = f"{metric}{t.change}" + ("" if t.baseline else f" (from {gap('baseline')})")
        if t.baseline:
            main = f"{metric}{t.baseline}, {t.change}"
        if t.baseline and metric_label(t.baseline_metric):  # each number with its own metric
            main = f"{metric_label(t.baseline_metric)} {t.baseline}, {metric}{t.change}"
    elif t.baseline is not None:
        main = f"{metric}{t.baseline} → {gap('after')}"
    else:
        main = f"{gap('baseline')} → {gap('after')}"
    # an outcome said only in words has no number yet: a gap to fill (QA49 F7)
    effect = f"{t.effect} {_gap('outcome')}" if words_only(t) and "outcome" not in told \
        else t.effect
    tail = [x for x in (effect, t.outcome) if x] or ([] if t.parts["outcome"]
                                                      else [gap("outcome")])
    if t.effect and not t.outcome and "outcome" in told:  # "revenue +5%, 80M yen a quarter
        tail.append(told["outcome"])  # (another telling)": money said beside the change
    if "pair" in told:  # another metric's whole pair, said only in another telling (QA41 F8)
        tail.append(told["pair"])
    # a money "after" ("$90K → $11K") is the outcome; money reads "$200K", not "$200000"
    spent = f"; cost {', '.join(costs)}" if costs else ""
    return short_money(", ".join([main, *tail]) + spent)


def elsewhere_text(elsewhere: Sequence[SaidElsewhere]) -> str:
    """'Also said: outcome $1.2M in KEY — say them together in one telling next time' ('' if
    none)."""
    parts = [x for x in elsewhere if x.part != "pair" and not x.shown_telling]
    # money the shown telling said that its report did not read as the outcome (QA87 F5)
    own = "; ".join(f"{x.part} {x.value}" for x in elsewhere if x.shown_telling)
    said = "; ".join((x.value if x.value.startswith(x.part) else f"{x.part} {x.value}")
                     + f" in {x.key}" + ("" if x.read else " (not read as one)")
                     for x in parts)  # "baseline said (number unclear) in KEY"
    # another metric's whole pair was said together in its telling: no advice to join it
    pairs = "; ".join(f"{x.value} in {x.key}" for x in elsewhere if x.part == "pair")
    return " ".join(filter(None, (
        f"Also said: {said} — say them together in one telling next time" if said else "",
        f"Said, but not read as the outcome: {own} — if it is one, say it as one (what the work "
        f"saved or earned)." if own else "",
        f"Another metric, said in another telling: {pairs}." if pairs else "")))


def conflict_text(conflicts: Sequence[TriadConflict], lead: str = "Check: ") -> str:
    """'Check: baseline said as 42% and as 40% — which is right?' ('' if none; "said as 9 a week
    before, corrected to 8 a week" when the telling shown says it corrects it): one wording in
    `stories`, `stories --show` and the brief (QA14 F25: "Told differently" in the bank was not
    found by a user looking for the brief's "Check:")."""
    if not conflicts:
        return ""
    open_ = [c for c in conflicts if c.corrected_to is None]
    said = short_money("; ".join(f"{c.part} said as " + " and as ".join(c.values)
                                 for c in open_))
    # a telling that says it corrects a figure settled it: "said as 9 a week before, corrected
    # to 8 a week" (QA85 F10)
    fixed = short_money("; ".join(
        f"{c.part} said as " + " and as ".join(v for v in c.values if v != c.corrected_to)
        + f" before, corrected to {c.corrected_to}" for c in conflicts if c.corrected_to))
    return lead + "; ".join(filter(None, (f"{said} — which is right?" if said else "", fixed)))


def _told(s: Story) -> str:
    replies = f" + {s.replies} follow-up repl{'y' if s.replies == 1 else 'ies'}" \
        if s.replies else ""
    return f"{s.told}×{replies}"


def _names(items: Sequence[str], joiner: str = "or") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def gap_sentences(gaps: Sequence[PrincipleGap]) -> list[str]:
    """'No story yet for Earn Trust or Frugality — practise `lp-earn-trust-1`, …'."""
    out = []
    none = [g for g in gaps if g.level == "none"]
    if none:
        ids = [f"`{g.question_id}`" for g in none if g.question_id]
        out.append(f"No story yet for {_names([g.principle for g in none])}"
                   + (f" — practise {', '.join(ids)}." if ids else "."))
    for g in (g for g in gaps if g.level == "weak"):
        where = ", ".join(f"story {s}" for s in g.story_ids)
        # a name looked for in a quiet recording is "not heard", never "not named" (QA12 F17)
        named = ("not heard named with a result — a telling of it was a quiet recording, "
                 "check its transcript" if g.story_ids and set(g.story_ids) == set(g.quiet_ids)
                 # … or named, but its name not clearly heard, as its report says (QA50 F9)
                 else "its name said but not clearly heard" if g.story_ids
                 and set(g.story_ids) == set(g.unclear_ids)
                 else "not named with a result")
        out.append(f"Only a weak story for {g.principle} ({where}: told for it, {named}) — "
                   f"say \"{g.principle}\" aloud when you retell it"
                   + (f", or practise `{g.question_id}`." if g.question_id else "."))
    return out


def hint_sentences(bank: StoryBank) -> list[str]:
    """'Stories 3 and 7 may be one story (both mention: Redis, checkout latency) — if so:
    `voice-coach stories --merge 3 7`', strongest first."""
    out = [f"Stories {h.a} and {h.b} may be one story"
           + (f" (both mention: {', '.join(h.terms)})" if h.terms else "")
           + f" — if so: `voice-coach stories --merge {h.a} {h.b}`" for h in bank.hints]
    if out:
        out.append("Not one story? `voice-coach stories --not-same A B` stops that hint "
                   "(the next pair moves up).")
    return out


def story_hint_lines(story: Story, bank: StoryBank | None) -> list[str]:
    """The "maybe the same story" hints of one story, as `stories --show` asks them: 'Are
    stories 2 and 5 the same story? Both mention: … — if so: `… --merge 2 5`; if not: `…
    --not-same 2 5`.'"""
    out = []
    for h in bank.hints if bank is not None else ():
        if story.id not in (h.a, h.b):
            continue
        out.append(f"Are stories {h.a} and {h.b} the same story?"
                   + (f" Both mention: {', '.join(h.terms)}." if h.terms else "")
                   + f" If so: `voice-coach stories --merge {h.a} {h.b}`; if not: "
                   f"`voice-coach stories --not-same {h.a} {h.b}`.")
    return out


def _day(iso: str) -> str:
    return f" on {iso[:10]}" if iso else ""


def story_corrections(story: Story, bank: StoryBank | None = None) -> list[str]:
    """What you changed about one story: 'Merged by you on 2026-11-30 (undo: …)'."""
    out = []
    for c in story.corrections:
        if c.kind == "apart":
            mine = {t.key for t in story.tellings}
            other = c.apart_from if mine & set(c.keys) else c.keys
            ids = sorted({s.id for k in other if bank and (s := bank.story_of(k)) is not None})
            out.append(f"Marked by you{_day(c.made_at)} as not the same story as "
                       + (", ".join(f"story {i}" for i in ids) if ids else "another story")
                       + " (no hint for them).")
        elif c.kind == "merge":
            out.append(f"Merged by you{_day(c.made_at)} (undo: `voice-coach stories --unmerge "
                       f"{story.id}`).")
        elif any(t.key == c.keys[0] for t in story.tellings):
            out.append(f"Split off by you{_day(c.made_at)}: {c.keys[0]} is a story of its own "
                       f"(undo: `voice-coach stories --unsplit {c.keys[0]}`).")
        else:
            out.append(f"{c.keys[0]} split off by you{_day(c.made_at)} into a story of its own.")
    return out


def _title_note(story: Story, md: bool = False) -> list[str]:
    """Whose title it is, and how to change it."""
    esc = _md if md else str
    if story.auto_title is not None:
        return [f"Your title (automatic: “{esc(story.auto_title)}”; "
                f"`voice-coach stories --untitle {story.id}` goes back to it)."]
    return [f"Title taken from your words; to name it yourself: "
            f"`voice-coach stories --title {story.id} \"…\"`."]


def _split_note(story: Story) -> list[str]:
    """How to split a telling off (the columns are headed by telling keys)."""
    if story.told < 2:
        return []
    return [f"Not one story? `voice-coach stories --split {story.tellings[-1].key}` makes that "
            "telling (any column key) a story of its own."]


def correction_lines(bank: StoryBank) -> list[str]:
    """Your corrections as the bank shows them, and how to undo them ([] when none)."""
    if not bank.corrections:
        return []
    merged = [str(s.id) for s in bank.stories if s.merged_by_you]
    split = [f"{c.keys[0]} (story {s.id})" for c in bank.corrections if c.kind == "split"
             if (s := bank.story_of(c.keys[0])) is not None]
    apart = sum(c.kind == "apart" for c in bank.corrections)
    parts = ([f"stories merged by you: {', '.join(merged)}"] if merged else []) + \
        ([f"tellings split off by you: {', '.join(split)}"] if split else []) + \
        ([f"{apart} pair(s) marked not the same"] if apart else [])
    return [f"Your corrections ({len(bank.corrections)}): " + ("; ".join(parts) or
            "none of their answers are saved any more") + " — undo with `--undo` (the last), "
            "`--unmerge ID`, `--unsplit TELLING` or `--reset-corrections` (all)."]


def coverage_cells(bank: StoryBank) -> list[tuple[str, list[str]]]:
    """(principle, [level per story]) rows of the matrix."""
    cov = bank.coverage
    return [(p, [cov.level.get((p, s), "none") for s in cov.story_ids]) for p in cov.principles]


STAR_L = ("situation", "task", "action", "result", "learning")


def _is_reply(s: Story | Telling) -> bool:
    return isinstance(s, Telling) and s.scores is None


def _star(story_or_telling: Story | Telling) -> str:
    """STAR-L letters; for a follow-up reply (not judged as a whole story) the facts it
    supplied to its answer (`Telling.added`, as its answer's report shows them)."""
    if _is_reply(story_or_telling):
        added = story_or_telling.added  # type: ignore[union-attr]
        if not story_or_telling.supplied:  # type: ignore[union-attr]
            return "follow-up reply: " + (f"adds {', '.join(added)}, not what it was asked for"
                                          if added else "adds nothing it was asked for")
        return "follow-up reply: " + (f"adds {', '.join(added)}" if added
                                      else "adds nothing it was asked for")
    present = story_or_telling.star_present
    return "".join(p[0].upper() if present.get(p) else "·" for p in STAR_L)


def _score_text(sc: Any) -> str:
    cap = getattr(sc, "cap", None)
    if cap is not None and sc.uncapped > cap:  # the report's cap, said as the report says it
        total = (f"{sc.uncapped:.0f}, capped at {cap:.0f}: not an answer to the question it "
                 f"was told for")
    elif getattr(sc, "coverage", None) is None and (sc.depth is None or sc.principles is None):
        total = MISSING_SCORE  # a total of parts not scored would be made up
    else:
        total = f"{sc.total:.0f}"
    guide = (f"depth {_part(sc.depth)} / impact {_part(sc.impact)} / principles "
             f"{_part(sc.principles)} (40/40/20)")
    if getattr(sc, "coverage", None) is not None:  # the report's content score (QA9 F17),
        # with the guide's sub-scores beside it, always (QA32 F6)
        return f"key points {sc.coverage:.0f} + impact {sc.impact:.0f} (70/30) = {total}; {guide}"
    return f"{guide} = {total}"


MISSING_SCORE = "–"  # a sub-score no words were scored for


def _part(score: float | None) -> str:
    return MISSING_SCORE if score is None else f"{score:.0f}"


def _scores(s: Story | Telling) -> str:
    sc = s.scores
    if sc is None:
        return "— (merged into the story)"
    if isinstance(s, Telling) and s.followed_up is not None:
        return f"{_score_text(sc)}; with the follow-up {_score_text(s.followed_up.scores)}"
    if isinstance(s, Story) and (elsewhere := s.principles_elsewhere):
        # the score is one telling's own: a principle named in another telling (or its reply)
        # is in the matrix and the brief, not in this sub-score — said, not hidden (QA44 F7)
        return (f"{_score_text(sc)} — principles sub-score of that telling only; "
                f"{', '.join(elsewhere)} named in another telling")
    return _score_text(sc)


def _principles(s: Story) -> str:
    named = list(s.named_principles)
    asked = [p for p in s.asked_principles if p not in named]
    parts = [f"{p} (named)" for p in named] + [f"{p} (asked)" for p in asked]
    return "; ".join(parts) or "—"


def _excerpt(text: str, n: int = EXCERPT_WORDS) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


# --- terminal -------------------------------------------------------------------------------------

def render_stories_terminal(bank: StoryBank, gaps: Sequence[PrincipleGap], console: Any) -> None:
    """The story table, the coverage matrix and the named gaps on a rich console."""
    from rich.table import Table
    from rich.text import Text

    if not bank.stories:
        console.print("No stories yet: answer a behavioural question (`voice-coach practice "
                      "--category leadership`) and it becomes the first telling.")
    else:
        t = Table(title=f"Story bank — {len(bank.stories)} stories", show_lines=False)
        for col in ("id", "title", "told", "principles", "STAR-L", "triad",
                    "content score"):
            t.add_column(col, overflow="fold")
        for s in bank.stories:
            t.add_row(str(s.id), Text(s.title), f"{_told(s)} last {s.last_told}",
                      Text(_principles(s)), _star(s), Text(_triad_cell(s)), _scores(s))
        console.print(t)
        m = Table(title="Principle coverage (● strong  ○ weak  · none)")
        m.add_column("principle")
        for sid in bank.coverage.story_ids:
            m.add_column(str(sid), justify="center")
        for p, levels in coverage_cells(bank):
            m.add_row(p, *[LEVEL_MARK[lv] for lv in levels])
        for line in _source_note(bank):
            console.print(Text(line, style="dim"))
        console.print(m)
    for line in hint_sentences(bank) + correction_lines(bank):
        console.print(Text(line, style="cyan"))
    for line in gap_sentences(gaps):
        console.print(Text(line))
    if bank.skipped:
        console.print(Text(f"{len(bank.skipped)} answer(s) have no transcript text and are not "
                           f"in the bank: {', '.join(bank.skipped)}", style="yellow"))
    if bank.non_answers:
        console.print(Text(f"{len(bank.non_answers)} answer(s) tell no story (no action, result "
                           f"or number) and are not in the bank: {', '.join(bank.non_answers)}",
                           style="yellow"))


def render_story_terminal(story: Story, console: Any, bank: StoryBank | None = None) -> None:
    """One story with every telling side by side."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"Story {story.id}: {story.title}", style="bold"),
                  Text(f" (told {_told(story)}, last {story.last_told}; "
                       f"best: {story.best.key} ★)"))
    console.print(Text(f"Triad: {triad_text(story.triad, story.elsewhere, story.costs)}{_from(story)}   "
                       f"Scale: {_story_scale(story)}   "
                       f"Content score: {_scores(story)}"))
    if story.conflicts:
        console.print(Text(conflict_text(story.conflicts), style="yellow"))
    if story.elsewhere:
        console.print(Text(elsewhere_text(story.elsewhere), style="yellow"))
    for line in story_hint_lines(story, bank):
        console.print(Text(line, style="yellow"))
    for line in _title_note(story) + story_corrections(story, bank) + _split_note(story):
        console.print(Text(line, style="cyan"))
    t = Table(show_lines=True)
    t.add_column("")
    for tel in story.tellings:
        head = tel.key + (" ★" if tel is story.best else "")
        t.add_column(head, overflow="fold")
    for label, cells in _telling_rows(story):
        t.add_row(label, *[Text(c) for c in cells])
    console.print(t)


def _triad_cell(s: Story) -> str:
    """The story's triad with its Check line, as `--show` and the brief say it (QA112 F7: the
    bank's page is read on its own, never sent to a command)."""
    check = conflict_text(s.conflicts)
    return triad_text(s.triad, s.elsewhere, s.costs) + (f" ({check})" if check else "")


def _from(s: Story) -> str:
    """Which telling a story's triad and content score are from (`Story.source`; both from the
    same one — QA11 F12)."""
    if s.source is None or s.told <= 1:
        return ""
    if s.source is s.best or s.source.key == s.best.key:
        return f" (triad and content score from {s.source.key} ★, the best telling)"
    # not the ★ telling (the best overall score): say why, in numbers (QA20 F9)
    said = {t.key: plain_slots(t) for t in (s.source, s.best)}
    if mixed_triad(s.best):
        why = ("the ★ telling's baseline and after are of two unrelated quantities (check "
               "those numbers)")
    elif corrects_a_figure(s.source) and s.best.created_at < s.source.created_at:
        why = "it says it corrects a figure told before"
    elif said[s.source.key] > said[s.best.key]:
        why = (f"it said {said[s.source.key]} of the 3 triad numbers plainly, the ★ telling "
               f"{said[s.best.key]}")
    elif marked_values(s.source) < marked_values(s.best):
        why = ("it said the triad as plainly as the ★ telling, with fewer numbers marked as not "
               "quite said")
    elif s.source.created_at > s.best.created_at:
        why = ("it said the triad as plainly as the ★ telling and is the later one: a "
               "retelling updates the numbers")
    else:
        why = "it said the triad as plainly as the ★ telling and holds more of it"
    return (f" (triad and content score from {s.source.key}, not from the ★ telling "
            f"{s.best.key}: {why})")


# under the bank's table when a story was told more than once: which columns are one telling's
# and which are every telling's
SOURCE_NOTE = ("Triad and content score: each story's one telling that said most of its triad "
               "plainly (`voice-coach stories --show ID` names it); principles and STAR-L: all "
               "its tellings.")


def _source_note(bank: StoryBank) -> list[str]:
    return [SOURCE_NOTE] if any(s.told > 1 for s in bank.stories) else []


def _telling_triad(t: Telling) -> str:
    """A telling's triad as its report gives it: its own, and — when its follow-up replies
    supplied more — "with the follow-up: …", the triad the story and the brief show for it
    (its report's "baseline ✗ → ✓ with the follow-up"; QA12 F10)."""
    if t.followed_up is None or t.followed_up.triad == t.triad:
        return triad_text(t.triad, unread_money(t), t.costs)
    return (f"{triad_text(t.triad, costs=t.costs)}; with the follow-up: "
            f"{triad_text(t.followed_up.triad, unread_money(t), t.costs)}")


def _telling_rows(story: Story) -> list[tuple[str, list[str]]]:
    tellings = story.tellings
    return [
        ("date", [t.date for t in tellings]),
        ("question", [(t.question_id or "—") + (f" (follow-up to #{t.follow_up_of})"
                                                if t.follow_up_of is not None else "")
                      + (f" (follow-up to #{t.switched_from}: told another story)"
                         if t.switched_from is not None else "")
                      + (f" (follow-up to #{t.real_time_of}: the one real time)"
                         if t.real_time_of is not None else "")
                      for t in tellings]),
        ("principles named", [", ".join(t.named_principles) or "—" for t in tellings]),
        ("STAR-L", [_star(t) for t in tellings]),
        ("triad", [short_money("; ".join(t.added_values)) or "—" if _is_reply(t)
                   else _telling_triad(t) for t in tellings]),
        ("scale", ["; ".join(t.scale) or "—" for t in tellings]),
        ("content score", [_scores(t) for t in tellings]),
        ("overall", ["—" if t.overall is None else f"{t.overall:.0f}"
                     + (" (the reply's own check)" if _is_reply(t) else "") for t in tellings]),
        ("words", [_excerpt(t.text) for t in tellings]),
    ]


# --- Markdown -------------------------------------------------------------------------------------

def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def stories_markdown(bank: StoryBank, gaps: Sequence[PrincipleGap]) -> str:
    lines = ["# Story bank", ""]
    if bank.stories:
        lines += ["| id | title | told | last | principles | STAR-L | triad | content score |",
                  "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {s.id} | {_md(s.title)} | {_told(s)} | {s.last_told} | "
                  f"{_md(_principles(s))} | {_star(s)} | {_md(_triad_cell(s))} | "
                  f"{_scores(s)} |" for s in bank.stories]
        lines += [x for n in _source_note(bank) for x in ("", _md(n))]
        lines += ["", "## Principle coverage", "",
                  "| principle | " + " | ".join(str(i) for i in bank.coverage.story_ids) + " |",
                  "|---|" + "---|" * len(bank.coverage.story_ids)]
        lines += [f"| {p} | " + " | ".join(lv for lv in levels) + " |"
                  for p, levels in coverage_cells(bank)]
        if bank.hints:
            lines += ["", "## Maybe the same story", ""] + [f"- {n}" for n in hint_sentences(bank)]
        lines += [x for c in correction_lines(bank) for x in ("", c)]
    else:
        lines.append("No stories yet.")
    if gaps:
        lines += ["", "## Gaps", ""] + [f"- {g}" for g in gap_sentences(gaps)]
    return "\n".join(lines) + "\n"


def story_markdown(story: Story, bank: StoryBank | None = None) -> str:
    lines = [f"# Story {story.id}: {_md(story.title)}", "",
             f"Told {_told(story)}, last {story.last_told}; "
             f"best telling {story.best.key}.",
             f"Triad: {_md(triad_text(story.triad, story.elsewhere, story.costs) + _from(story))}. "
             f"Scale: {_md(_story_scale(story))}. "
             f"Content score: {_scores(story)}.",
             *([_md(conflict_text(story.conflicts))] if story.conflicts else []),
             *([_md(elsewhere_text(story.elsewhere))] if story.elsewhere else []),
             *story_hint_lines(story, bank),
             *_title_note(story, md=True), *story_corrections(story, bank), *_split_note(story),
             "",
             "| | " + " | ".join(t.key for t in story.tellings) + " |",
             "|---|" + "---|" * len(story.tellings)]
    lines += [f"| {label} | " + " | ".join(_md(c) for c in cells) + " |"
              for label, cells in _telling_rows(story)]
    return "\n".join(lines) + "\n"


# the scale line of a people story with no scale said: nothing is missing (QA40 F12)
PEOPLE_SCALE = "— (a story about people: no scale asked)"


def _story_scale(story: Story) -> str:
    """A story's scale line as the brief writes it (`PEOPLE_SCALE` for a people story)."""
    if people_story(story) and not story.scale:
        return PEOPLE_SCALE
    return scale_text(story.scale, story_tested(story))


def _entry_lines(e: BriefEntry) -> tuple[str, str, str]:
    scale = PEOPLE_SCALE if e.people and not e.scale else scale_text(e.scale, e.tested)
    unclear = (f"said as “{e.principles_unclear[0]}”, not clearly heard"
               if e.principles_unclear else "")
    if e.principles:
        principle = ", ".join(e.principles)
    elif unclear:
        told = f"told for {', '.join(e.asked_principles)}; " if e.asked_principles else ""
        principle = f"{_gap('principle')} ({told}{unclear})"
    elif e.asked_principles:
        principle = f"{_gap('principle')} (told for {', '.join(e.asked_principles)})"
    else:
        principle = _gap("principle")
    return triad_text(e.triad, e.elsewhere, e.costs), scale, principle


# how to say each gap mark the bank and the brief write, keyed by the mark (QA32 F4)
HOW_TO_SAY = {
    # examples that say which end they are, so none reads as a story's own number (QA54 F6)
    "[baseline?]": "say where it started: “before my change it was …”",
    "[after?]": "say where it ended: “after my change it fell to …”",
    "[outcome?]": "say what it was worth: “saved $400K a year”",
    "[scale?]": "say how big: “two million requests a day”",
    "[principle?]": "name the principle aloud",
    "[metric?]": "name what you measured: “forecast error”",
    "[currency?]": "say the currency with the amount: “four hundred thousand dollars a year”",
    "[direction?]": "say which way it moved: “down by 6 points”",
}


_SIGN_OF = {"dollars": "$", "euros": "€", "pounds": "£"}


def how_to_say(mark: str, currency: str = "dollars") -> str:
    """How to say a gap mark (`HOW_TO_SAY`), its money said in the speaker's `currency` ("saved
    £400K a year", "four hundred thousand kroner a year")."""
    text = HOW_TO_SAY[mark]
    if currency == "dollars":
        return text
    sign = _SIGN_OF.get(currency)
    return text.replace("$400K", f"{sign}400K" if sign else f"400K {currency}") \
        .replace("thousand dollars", f"thousand {currency}")


def entry_gaps(e: BriefEntry) -> tuple[BriefGap, ...]:
    """Every gap mark the entry shows, each with what to practise: the entry's own gaps
    (`brief_entries`), then any other mark its lines show, practised on the generic question
    for the part that supplies it (`MARK_ASKS`)."""
    triad, scale, principle = _entry_lines(e)
    shown = " ".join((triad, conflict_text(e.conflicts), scale, principle))
    have = {g.part for g in e.gaps}
    more = [BriefGap(p, gap_question(MARK_ASKS.get(p, p)))
            for p in dict.fromkeys(m.group(1) for m in _GAP_MARK.finditer(shown))
            if p not in have]
    return (*e.gaps, *more)


def gap_line(e: BriefEntry, how: bool = True) -> str:
    """One line per project: every gap mark it shows, how to say it (`how`; the printed page
    says it once, `how_to_say_legend`), and what to practise for it, grouped by question (''
    when it shows none)."""
    by_what: dict[str, list[str]] = {}
    for g in entry_gaps(e):
        by_what.setdefault(g.practise, []).append(_gap(g.part))
    if not by_what:
        return ""
    return "To fill: " + "; ".join(
        ", ".join(f"{mark} {how_to_say(mark, e.currency)}" if how else mark for mark in marks)
        + f" → {what}"
        for what, marks in by_what.items())


def how_to_say_legend(entries: Sequence[BriefEntry]) -> str:
    """How to say each gap mark the entries show, once for a printed page ('' if none)."""
    marks = dict.fromkeys(_gap(g.part) for e in entries for g in entry_gaps(e))
    currency = entries[0].currency if entries else "dollars"
    return "; ".join(f"{m} {how_to_say(m, currency)}" for m in marks)


def left_out_text(omitted: Sequence[str]) -> str:
    """The stories a one-page brief leaves out, named ('' if none)."""
    if not omitted:
        return ""
    names = "; ".join(f"“{t}”" for t in omitted)
    return f"Left out to keep one page (`voice-coach brief --all` shows them): {names}."


def brief_markdown(entries: Sequence[BriefEntry], omitted: Sequence[str] = ()) -> str:
    """The impact brief as Markdown: per project the triad, scale-and-ship and principle;
    `omitted`: the titles of the stories left out to keep one page."""
    lines = ["# Impact brief", "", f"{BRIEF_LEAD}; `[…?]` marks a number you have not said "
             "yet; \"check this number\" one heard in a way it cannot be; \"(another telling)\" "
             "one said in another telling of the story.", ""]
    if not entries:
        lines.append("No stories yet — practise a behavioural or impact question first.")
    for e in entries:
        triad, scale, principle = _entry_lines(e)
        lines += [f"## {_md(e.title)}", "", f"- **Impact:** {_md(triad)}",
                  *([f"- **Check:** {_md(conflict_text(e.conflicts, lead=''))}"]
                    if e.conflicts else []),
                  f"- **Scale and ship:** {_md(scale)}", f"- **Principle:** {_md(principle)}",
                  *([f"- **Content score:** {_score_text(e.scores)}"] if e.scores else [])]
        if todo := gap_line(e):
            lines.append(f"- {_md(todo)}")
        lines.append("")
    if omitted:
        lines.append(f"({_md(left_out_text(omitted))})")
    return "\n".join(lines).rstrip() + "\n"


# --- HTML -----------------------------------------------------------------------------------------

def _h(x: Any) -> str:
    return html.escape(str(x))


def _h_code(text: str) -> str:
    """Escaped text with `question-id` spans as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", _h(text))


_GAP_SPAN = '<span class="gap">[{}?]</span>'
# every gap mark the bank and the brief write: "[baseline?]", "[currency?]", "[metric?]",
# "[direction?]", … — a word (or words) in brackets with a question mark (QA28 F6)
_GAP_MARK = re.compile(r"\[([a-z][a-z -]{0,30})\?\]")


def _marked_gaps(escaped: str) -> str:
    """Escaped HTML with every gap mark styled as a gap: the one place gaps are marked."""
    return _GAP_MARK.sub(lambda m: _GAP_SPAN.format(m.group(1)), escaped)


def _h_gaps(text: str) -> str:
    return _marked_gaps(_h(text))


_BASE_CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }
.gap { color: #b00020; font-weight: bold; }
.strong { background: #2e7d32; color: white; } .weak { background: #f9a825; } .none { color: #bbb; }
"""


def stories_html(bank: StoryBank, gaps: Sequence[PrincipleGap]) -> str:
    rows = "".join(
        f"<tr><td>{s.id}</td><td>{_h(s.title)}</td><td>{_told(s)}</td>"
        f"<td>{s.last_told}</td><td>{_h(_principles(s))}</td><td>{_star(s)}</td>"
        f"<td>{_h_gaps(_triad_cell(s))}</td><td>{_scores(s)}</td></tr>"
        for s in bank.stories)
    head = "".join(f"<th>{i}</th>" for i in bank.coverage.story_ids)
    matrix = "".join(
        f"<tr><td>{_h(p)}</td>" + "".join(f'<td class="{lv}">{LEVEL_MARK[lv]}</td>'
                                           for lv in levels) + "</tr>"
        for p, levels in coverage_cells(bank))
    gap_list = "".join(f"<li>{_h_code(g)}</li>" for g in gap_sentences(gaps))
    note = "".join(f"<p>{_h_code(n)}</p>" for n in _source_note(bank))
    hints = "".join(f"<li>{_h_code(n)}</li>" for n in hint_sentences(bank))
    notes = (f"<h2>Maybe the same story</h2><ul>{hints}</ul>" if hints else "") + "".join(
        f"<p>{_h_code(c)}</p>" for c in correction_lines(bank))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Story bank</title>
<style>{_BASE_CSS} body {{ margin: 2em; font-size: 14px; }}</style></head><body>
<h1>Story bank</h1>
<table><tr><th>id</th><th>title</th><th>told</th><th>last</th><th>principles</th><th>STAR-L</th>
<th>triad</th><th>content score</th></tr>{rows}</table>
{note}<h2>Principle coverage</h2>
<table><tr><th>principle</th>{head}</tr>{matrix}</table>
{notes}<h2>Gaps</h2><ul>{gap_list}</ul>
</body></html>
"""


def brief_html(entries: Sequence[BriefEntry], *, paper: str = "a4",
               omitted: Sequence[str] = ()) -> str:
    """A print-ready one-page brief (`paper`: 'a4' or 'letter'); `omitted`: the titles of the
    stories left out to keep one page."""
    size = PAPER_SIZES[paper]
    blocks = []
    for e in entries:
        triad, scale, principle = _entry_lines(e)
        todo = _marked_gaps(_h_code(gap_line(e, how=False)))
        blocks.append(
            f'<section><h2>{_h(e.title)}</h2>'
            f'<p><b>Impact:</b> {_h_gaps(triad)}</p>'
            + (f'<p class="check"><b>Check:</b> {_h_gaps(conflict_text(e.conflicts, lead=""))}</p>'
               if e.conflicts else "") +
            f'<p><b>Scale and ship:</b> {_h_gaps(scale)}</p>'
            f'<p><b>Principle:</b> {_h_gaps(principle)}</p>'
            + (f'<p class="todo"><b>Content score:</b> {_h(_score_text(e.scores))}</p>'
               if e.scores else "")
            + (f'<p class="todo">{todo}</p>' if todo else "") + "</section>")
    if not entries:
        blocks.append("<p>No stories yet — practise a behavioural or impact question first.</p>")
    more = f'<p class="note">{_h_code(left_out_text(omitted))}</p>' if omitted else ""
    legend = how_to_say_legend(entries)  # each mark's how-to once, not per project
    legend = f" To fill: {_h_gaps(legend)}." if legend else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Impact brief</title>
<style>
@page {{ size: {size}; margin: 11mm; }}
{_BASE_CSS}
body {{ margin: 0; font-size: 10.5pt; line-height: 1.3; }}
h1 {{ font-size: 16pt; margin: 0 0 2pt 0; }}
h2 {{ font-size: 11.5pt; margin: 4pt 0 1pt 0; }}
p {{ margin: 1pt 0; }}
.lead {{ color: #555; font-size: 9pt; margin-bottom: 4pt; }}
section {{ break-inside: avoid; page-break-inside: avoid; border-top: 1px solid #ddd; }}
p.todo {{ font-size: 8.5pt; color: #555; }}
p.check {{ color: #8a5a00; }}
.note {{ font-size: 7.5pt; color: #555; margin-top: 3pt; }}
@media screen {{ body {{ max-width: 180mm; margin: 10mm auto; }} }}
</style></head><body>
<h1>Impact brief</h1>
<p class="lead">{BRIEF_LEAD}; <span class="gap">[…?]</span> marks a number you have not said
yet; "check this number" one heard in a way it cannot be; "(another telling)" one said in
another telling of the story.{legend}</p>
{''.join(blocks)}
{more}
</body></html>
"""
