"""Render saved reports: terminal (rich), Markdown (report.md), self-contained HTML (report.html).

Report dicts in (the schema in DESIGN.md "Report schema"), text out — no analysis and no
decisions: scores and feedback come from the coach, metrics from analysis. Values a mode could
not compute are `null` in the report and shown as "—". matplotlib is imported only inside the
HTML/plot functions (Agg backend), so importing this module stays cheap.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import io
import logging
import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from voice_coach.analysis.slot_values import compact_numbers
from voice_coach.analysis.numbers import join_split_numbers, short_money
from voice_coach.analysis.point_facts import point_with_gaps, point_with_wishes, supplied_by_reply
from voice_coach.analysis.reply_fit import evidence_said
from voice_coach.analysis.vocabulary import FACT_LABELS, FACT_PARTS, MARKER_LETTERS, STAR_LETTERS, ship_only
from voice_coach.analysis.vocabulary import MARKER_SHORT as LEGEND
from voice_coach.clock import format_clock
from voice_coach.compare import UNCLEAR, ItemChange, session_comparisons
from voice_coach.config import Config, from_dict
from voice_coach.errors import AudioError
from voice_coach.report_model import (
    NOT_COVERED, AnswerReport, DeliveryInfo, FillerMark, LostSpan, Pause, SessionReport,
    ThinkAloudInfo, WithFollowUp, Word, counted, percent,
)
from voice_coach.progress import ProgressRow
from voice_coach.skills import round_fixes

if TYPE_CHECKING:
    from rich.console import Console

    from voice_coach.compare import AttemptComparison

    from pathlib import Path

    from voice_coach.store import SessionData, Store

log = logging.getLogger(__name__)

DASH = "—"
STAR_PARTS = tuple(STAR_LETTERS.items())  # (("situation", "S"), …) from the one vocabulary
SCORE_KEYS = ("delivery", "structure", "content", "overall")
SEVERITY_ICON = {"info": "•", "good": "✓", "warn": "!"}  # report_model.SEVERITIES
INTERRUPTED_NOTE = ("This session was interrupted before it finished; the answers below are "
                    "the ones saved before it stopped.")
RECOVERED_NOTE = ("This session was interrupted; `voice-coach recover` analysed the answers "
                  "recorded before it stopped.")
PLOT_WIDTH_IN = 10.0
PLOT_HEIGHT_IN = 2.6
PLOT_DPI = 100  # 1000 × 260 px
# When a filler's start and a word's start differ by more than this, they are different tokens.
FILLER_MATCH_TOL_S = 0.3
UNRECOGNISED_LABEL = "speech not recognised"  # marks transcript.unrecognised in every view
WORDS_ONLY_OUTCOME = "said in words, no number"  # a business outcome ✓ with no evidence
# … read from a clause whose numbers the baseline or after already hold ("late deliveries went
# down to 3%"): no words of its own to quote (QA92 F12)
CHANGE_AS_OUTCOME = "the same change, said of customers or the business"
WITH_FOLLOW_UP = "with the follow-up"  # marks what a follow-up reply supplied, in every view
FILLER_SAME_WORD_TOL_S = 1.0  # a filler's own word ("uh," for "uh") may lie this far away: the
#                              filler's time comes from the speech, the word's from Whisper


# a Whisper word that continues the number before it: ",000", ".2", ".8am"
_SPLIT_NUMBER_PART = re.compile(r"(?:,\d{3}(?!\d)|\.\d)")


class Token(NamedTuple):
    """One piece of a marked transcript."""

    kind: str  # "word" | "filler" | "unsure" | "pause" | "lead_in" | "unrecognised"
    text: str  # the word, the pause label ("2.4 s") or UNRECOGNISED_LABEL
    start_s: float | None
    duration_s: float | None = None  # pauses and unrecognised speech
    long: bool = False  # pause ≥ silence.pause_s


UNSURE_LEGEND = "(uh?) a word Whisper wrote but was unsure of: shown, not counted"


def unsure_text(text: str) -> str:
    """A word Whisper wrote but is not counted (a filler at near-zero probability, a word it
    appended after the answer ended) as every view prints it: "uh," → "(uh?),"."""
    core = text.rstrip(",.;:!?…")
    return f"({core}?){text[len(core):]}"


def has_unsure(tokens: Sequence[Token]) -> bool:
    return any(t.kind == "unsure" for t in tokens)


# ---- small formatting helpers (the one place numbers become text) --------------------------

def fmt_num(x: Any, digits: int = 0, unit: str = "") -> str:
    """A number with `digits` decimals and an optional unit; None/NaN → '—'."""
    if not _isnum(x):
        return DASH
    text = f"{x:.{digits}f}"
    return f"{text} {unit}" if unit else text


fmt_clock = format_clock  # seconds → "m:ss", the one formatter (voice_coach.clock)


def fmt_pause(duration_s: float) -> str:
    return f"{duration_s:.1f} s"


def _isnum(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def session_config(meta: SessionReport) -> Config:
    """The config a session was recorded with (its snapshot), else defaults."""
    if meta.config:
        try:
            return from_dict(meta.config, f"session {meta.id or '?'} config snapshot")
        except Exception as e:  # an old or foreign snapshot must not stop a review
            log.debug("ignoring config snapshot: %s", e)
    return Config()


TRIAD_MARKS = (("baseline", "baseline"), ("after", "after"), ("business_outcome", "business outcome"))
# the triad mark each slot of the report's reading quotes: a before → after pair says where the
# number ended with where it started, so it is quoted once, under "after"
_SLOT_MARK = {"baseline": "baseline", "after": "after", "pair": "after", "outcome": "business_outcome"}


def slot_quotes(triad: Any, text: str) -> dict[str, tuple[str, ...]]:
    """Per triad mark, the words of its own slots (`MetricTriadInfo.slots`) with their period
    (`evidence_periods`): "baseline ✓ (from 8%) · after ✗ · business outcome ✓ (NZ$400K a
    year)" — an outcome's quote never lists the baseline or the after (QA32 F8). {} when the
    report has no slots (an older report): its evidence is quoted after the marks."""
    by_mark: dict[str, list[str]] = {}
    for role, span in getattr(triad, "slots", ()):
        if role in _SLOT_MARK:
            by_mark.setdefault(_SLOT_MARK[role], []).append(short_money(span))
    return {k: evidence_periods(tuple(dict.fromkeys(v)), text) for k, v in by_mark.items()}


def evidence_periods(evidence: Sequence[str], text: str) -> tuple[str, ...]:
    """The triad's quotes with the period their sentence says an amount per when the quote
    stops before it ("1.2M [currency?]" of "stopped losing about 1.2M load-y per year" →
    "1.2M [currency?] per year"), as the story bank and the brief show that slot (QA30 F3)."""
    from voice_coach.analysis.numbers import UNSAID_CURRENCY
    from voice_coach.analysis.slot_values import in_sentence, slot_period
    shown = []
    for ev in evidence:
        bare = ev.replace(UNSAID_CURRENCY, "")
        if text and re.search(r"\d", ev) and slot_period(ev) is None and "%" not in ev:
            full = in_sentence(ev, text)
            period = slot_period(full, len(bare)) if full.lower().startswith(bare.lower()) \
                else None
            if period and period not in ev:
                ev = f"{ev} {period}"
        shown.append(ev)
    return tuple(shown)


# ---- the marked transcript ------------------------------------------------------------------

def _filler_word(words: Sequence[Word], starts: list[float], f: FillerMark,
                 taken: set[int]) -> int | None:
    """Index of the word a report filler stands on: the nearest free word with the filler's
    text between the same two other words, or within FILLER_SAME_WORD_TOL_S of it ("uh, uh,
    uh" stamped at one instant and timed apart; "Um" heard acoustically under Whisper's "Um,"),
    else the nearest free word within FILLER_MATCH_TOL_S; None for a filler no word carries
    (one heard only acoustically)."""
    from voice_coach.analysis.fillers import HESITATIONS, normalize

    def canon(t: str) -> str:
        n = normalize(t)
        return HESITATIONS.get(n, n)

    f_start = float(f.start)
    f_end = float(f.end) if f.end is not None else f_start

    def gap(j: int) -> float:  # seconds between the word's and the filler's time spans
        return max(0.0, starts[j] - f_end, f_start - float(words[j].end))

    first = canon((f.text.split() or [""])[0])
    texts = [canon(w.text) for w in words]
    # the other words around the filler: its own word lies between them
    lo = max((starts[j] for j in range(len(words)) if texts[j] != first
              and starts[j] <= f_start), default=-math.inf)
    hi = min((starts[j] for j in range(len(words)) if texts[j] != first
              and starts[j] > f_start), default=math.inf)
    free = [j for j in range(len(words)) if j not in taken]
    same = [j for j in free if texts[j] == first
            and (gap(j) <= FILLER_SAME_WORD_TOL_S or lo <= starts[j] <= hi)]
    near = same or [j for j in free if abs(starts[j] - f_start) <= FILLER_MATCH_TOL_S]
    return min(near, key=lambda j: abs(starts[j] - f_start)) if near else None


def marked_transcript(report: AnswerReport, cfg: Config | None = None) -> list[Token]:
    """Words with pauses inserted where they sit and fillers flagged.

    Pauses come from `delivery.pauses` (VAD silences ≥ silence.min_gap_s); a pause is placed
    before the first word whose midpoint lies after the pause's midpoint (Whisper stretches word
    boundaries over silences, midpoints stay put). Fillers are matched to words by start time.
    Speech the transcriber did not recognise (`transcript.unrecognised`) is an "unrecognised"
    token placed by its start. A transcript without word timings is returned as plain words.
    """
    cfg = cfg or Config()
    words = sorted(report.words, key=lambda w: w.start)
    lost = [Token("unrecognised", _unrecognised_label(s), float(s.start), float(s.end - s.start))
            for s in sorted(report.transcript.unrecognised or (), key=lambda s: s.start)]
    if not words:
        text = join_split_numbers(report.transcript.text)
        return [*lost, *(Token("word", t, None) for t in text.split())]

    d = report.delivery
    filler_idx: set[int] = set()
    starts = [float(w.start) for w in words]
    # QA6 F10: a filler Whisper wrote improbably is not counted (`fillers.MIN_FILLER_PROBABILITY`)
    # unless a filler heard acoustically stands on it; QA7 F25: it is still printed, marked
    # "unsure" (never a word dropped silently from the transcript the JSON text keeps)
    from voice_coach.analysis.fillers import improbable_mask

    dropped = improbable_mask(words)
    if d is not None and d.speech_segments:  # QA8 F28: words appended after the answer ended
        from voice_coach.analysis.delivery import invented_tail
        from voice_coach.analysis.levels import SpeechRegion

        invented = {id(w) for w in invented_tail(
            words, [SpeechRegion(s.start, s.end) for s in d.speech_segments])
            if w.spoken}  # a lone "." stays a full stop
        dropped = [x or id(w) in invented for x, w in zip(dropped, words)]
    unheard = {i for i, x in enumerate(dropped) if x}
    # a hesitation heard only acoustically stands on a hesitation Whisper wrote or on a word it
    # doubted ("Or," over an "er"), never on a real word ("Yes", "we"): with none there it is
    # printed as its own filler at its time (QA33 F7)
    from voice_coach.analysis.acoustic_fillers import doubtful_short_word
    from voice_coach.analysis.fillers import is_hesitation

    real = {i for i, w in enumerate(words)
            if not is_hesitation(w.text) and not doubtful_short_word(w)}
    own: list[Token] = []
    # the fillers Whisper wrote stand on their own words first; one heard only acoustically
    # then takes a word left free, else is printed at its time — never a written "uh" another
    # filler owns, which left one of "uh, uh, …" counted and unmarked (QA103 F5, QA104 F3)
    for f in sorted(d.fillers if d is not None else (), key=lambda f: f.source == "acoustic"):
        if f.start is None:
            continue
        acoustic = "acoustic" in (f.source or "")
        i = _filler_word(words, starts, f,
                         filler_idx | real if f.source == "acoustic" else
                         filler_idx if acoustic else filler_idx | unheard)
        if i is not None:
            n_tokens = max(1, len(f.text.split()))
            filler_idx.update(range(i, min(len(words), i + n_tokens)))
        elif f.source == "acoustic":
            own.append(Token("filler", f.text.rstrip("?"), float(f.start)))

    pauses = sorted(d.pauses) if d is not None else []
    tokens: list[Token] = []
    lead_in = d.lead_in_s if d is not None else None
    if lead_in is not None and lead_in >= cfg.silence.min_gap_s:
        tokens.append(Token("lead_in", fmt_pause(lead_in), 0.0, float(lead_in),
                            lead_in > cfg.silence.lead_in_max_s))
    k = 0
    for i, w in enumerate(words):
        mid = (w.start + w.end) / 2
        while k < len(pauses) and (pauses[k].start + pauses[k].end) / 2 <= mid:
            tokens.append(_pause_token(pauses[k], cfg))
            k += 1
        kind = "filler" if i in filler_idx else "unsure" if dropped[i] else "word"
        text = w.text.strip()
        if kind == "word" and tokens and tokens[-1].kind == "word" \
                and _SPLIT_NUMBER_PART.match(text) and tokens[-1].text[-1:].isdigit():
            # Whisper's "$40" ",000" / "1" ".2": one number, printed as said ("$40,000")
            tokens[-1] = tokens[-1]._replace(text=tokens[-1].text + text)
            continue
        tokens.append(Token(kind, text, w.start))
    tokens.extend(_pause_token(p, cfg) for p in pauses[k:])
    for tok in own:  # before the first timed token after it
        at = next((j for j, t in enumerate(tokens) if t.start_s is not None
                   and t.kind != "lead_in" and t.start_s > tok.start_s), len(tokens))
        tokens.insert(at, tok)
    return _with_unrecognised(_speech_between_pauses(tokens, lost), lost)


NO_WORDS_LABEL = "speech without words"  # VAD speech between two pauses no word was placed in


def _speech_between_pauses(tokens: list[Token], lost: list[Token]) -> list[Token]:
    """`tokens` with the speech between two pauses that no word stands in marked as such
    ("[0.3 s] [speech without words 0.5 s] [0.3 s]"): Whisper stretched a word over it or
    left it out ("Um, so," written as one "So,"; "I profiled it" dropped), and two pause marks
    side by side read as one pause printed twice (QA14 F10). Skipped where an unrecognised
    stretch already marks it."""
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if tok.kind == "pause" and prev is not None and prev.kind == "pause" \
                and prev.start_s is not None and tok.start_s is not None:
            a, b = prev.start_s + (prev.duration_s or 0.0), tok.start_s
            if b > a and not any(u.start_s < b and u.start_s + (u.duration_s or 0.0) > a
                                 for u in lost):
                out.append(Token("unrecognised", NO_WORDS_LABEL, a, round(b - a, 2)))
        out.append(tok)
    return out


def _unrecognised_label(span: LostSpan) -> str:
    """"speech not recognised", with the stretch's reason when it has one ("too quiet")."""
    return f"{UNRECOGNISED_LABEL} — {span.reason}" if span.reason else UNRECOGNISED_LABEL


def _with_unrecognised(tokens: list[Token], lost: list[Token]) -> list[Token]:
    """`tokens` with each unrecognised stretch before the first timed token after its start."""
    out: list[Token] = []
    k = 0
    for tok in tokens:
        timed = tok.start_s is not None and tok.kind != "lead_in"
        while timed and k < len(lost) and tok.start_s >= lost[k].start_s:
            out.append(lost[k])
            k += 1
        out.append(tok)
    return out + lost[k:]


def _pause_token(p: Pause, cfg: Config) -> Token:
    return Token("pause", fmt_pause(p.duration), p.start, p.duration,
                 p.duration >= cfg.silence.pause_s)


# ---- summaries shared by the renderers ------------------------------------------------------

def metric_rows(report: AnswerReport) -> list[tuple[str, str]]:
    """(label, value) rows of the delivery metrics; '—' where the report has none."""
    d = report.delivery or DeliveryInfo()
    none = report.delivery is None  # a transcript: no counts either
    return [
        ("duration", fmt_num(report.audio.duration_s if report.audio else None, 1, "s")),
        ("lead-in (time to first word)", fmt_num(d.lead_in_s, 1, "s")),
        ("pace", fmt_num(d.wpm, 0, "wpm")),
        ("articulation rate", fmt_num(d.articulation_wpm, 0, "wpm")),
        ("words", DASH if none else fmt_num(d.word_count)),
        ("long pauses", DASH if none else fmt_num(d.long_pause_count)),
        ("silences", DASH if none else fmt_num(d.silence_count)),
        ("longest pause", fmt_num(d.longest_pause_s, 1, "s")),
        ("fillers", DASH if none else fmt_num(d.filler_count)),
        ("fillers per minute", fmt_num(d.fillers_per_min, 1)),
    ]


def prosody_line(report: AnswerReport) -> str | None:
    """One line on the voice ("voice: median 118 Hz, range 7 st, …"), None without prosody."""
    p = report.prosody
    if p is None:
        return None
    pitch, energy = p.pitch, p.energy
    if pitch.median_hz is None:
        return (f"voice: no pitch measured ({fmt_num(100 * (pitch.coverage or 0))} % of "
                f"speech voiced), level {fmt_num(energy.speech_dbfs, 0, 'dBFS')}")
    mono = p.monotone_stretches
    return (f"voice: median {fmt_num(pitch.median_hz)} Hz, range "
            f"{fmt_num(pitch.range_st, 1)} st, variation "
            f"±{fmt_num(pitch.variation_st, 1)} st · {len(mono)} monotone "
            f"stretch{'es' if len(mono) != 1 else ''} · "
            f"{len(p.fades)}/{p.sentence_ends} sentences fade · "
            f"{len(p.uptalk)}/{p.declaratives} uptalk · level "
            f"{fmt_num(energy.speech_dbfs, 0, 'dBFS')}")


def is_story_report(report: AnswerReport) -> bool:
    """STAR-L and the metric triad belong to a behavioural story: not to technical or coding
    answers, intro answers, or replies to a follow-up (judged by the follow-up's rubric)."""
    category = report.question.category if report.question is not None else None
    return report.kind == "behavioral" and category != "intro" and not report.follow_up_kind


def follow_up_lines(report: AnswerReport) -> list[str]:
    """What a follow-up answer supplied, and what the follow-up added to the main answer."""
    lines = []
    check = report.follow_up_check
    if check is not None and check.not_checked:
        lines.append(f"follow-up asked {check.asks or check.kind}: not checked")
    elif check is not None:
        mark = "✓" if check.supplied else "✗"
        # each number with the words that carry it (QA11 F13), as the coach line says it
        ev = evidence_said(tuple(check.evidence), report.transcript.text if report.transcript
                           else "")
        lines.append(f"follow-up asked for {check.asks or check.kind}: "
                     f"{check.label} {mark}"
                     + (f" ({'; '.join(ev)})" if ev else "")
                     + (" — the reply tells another story" if check.switched_story else ""))
    block = report.with_follow_up
    if block is not None:
        mark = "✓" if block.counts else "✗"
        before = report.scores.overall
        after = block.scores.overall if block.scores is not None else None
        n = f" (answer {block.n})" if block.n is not None else ""
        change = (f" — overall {fmt_num(before)} → {fmt_num(after)}"
                  if _isnum(before) and _isnum(after) and block.counts else "")
        # QA9 F24: a reply that gave nothing is said so, not shown as "overall 87 → 87"
        other = " (it told another story)" if block.switched_story else \
            "" if block.counts else " (not answered: the answer's score stands)"
        gave = follow_up_gave(block) if block.counts else f"{block.label or block.kind} {mark}"
        lines.append(f"with the follow-up{n}: {gave}{other}{change}")
    return lines


def follow_up_cell(report: AnswerReport, reports: Sequence[AnswerReport]) -> str:
    """The round summary's "+ follow-up" cell: the overall with the reply merged in when the
    reply gave what was asked; otherwise the reply's verdict and its own score (QA9 F24: a
    dodged or story-switched reply showed the answer's score again, as if it cost nothing)."""
    block = report.with_follow_up
    if block is None or block.scores is None:
        return DASH
    if block.counts:
        return fmt_num(block.counted_overall)
    reply = next((r for r in reports if block.n is not None and r.n == block.n), None)
    own = f" (reply {fmt_num(reply.scores.overall)})" \
        if reply is not None and _isnum(reply.scores.overall) else ""
    return ("✗ other story" if block.switched_story else "✗ not answered") + own


def not_heard_where(report: AnswerReport) -> str:
    """'speech not recognised 0:00–0:22': where the speech a "not heard" verdict rests on was
    lost (QA9 F04), or 'transcript unreliable' when the whole transcript is (QA14 F09)."""
    if report.unheard:
        return "transcript unreliable"
    spans = sorted(report.transcript.unrecognised or (), key=lambda u: u.start)
    places = ", ".join(f"{format_clock(u.start)}–{format_clock(u.end)}" for u in spans[:3])
    more = f" and {len(spans) - 3} more" if len(spans) > 3 else ""
    return f"{UNRECOGNISED_LABEL} {places}{more}".rstrip()


def structure_lines(report: AnswerReport) -> list[str]:
    """Plain-text lines summarising the structure analysis (STAR-L, metric triad, …).

    Technical, coding and intro answers and follow-up replies show no STAR-L and no metric
    triad (`is_story_report`); a follow-up reply shows only what its follow-up asked for
    (`follow_up_lines`). An answer with no speech shows none: it is not scored, and nothing in
    it was missed; neither does an answer of fillers only (`no_content`)."""
    if report.no_speech:
        return []
    if report.no_content:  # fillers only: the feedback says so once, nothing is blamed part
        return []           # by part (QA10 F14)
    if report.follow_up_kind:  # a reply is judged on what the follow-up asked, nothing else
        return follow_up_lines(report)
    s = report.structure
    lines = []
    if s.kind:
        lines.append(f"kind: {s.kind}")
    story = is_story_report(report)
    added = follow_up_added(report)
    if report.unheard:  # nothing the words say is judged: said once, where the verdicts go
        lines.append(f"what the answer says: not judged — the transcript is unreliable "
                     f"({report.unheard})")
    if story and s.hypothetical:
        lines.append("told as a hypothetical (\"I would…\"), not one real time")
    if story and s.star:
        parts = []
        for key, letter in STAR_PARTS:
            part = s.star.get(key)
            if part is None:
                continue
            if part.present:
                pct = f" {part.share * 100:.0f}%" if part.share > 0 else ""
                parts.append(f"{letter} ✓{pct}")
            elif key in added:
                parts.append(f"{letter} ✗ → ✓ {WITH_FOLLOW_UP}")
            elif part.not_heard:
                parts.append(f"{letter} not heard")
            else:
                parts.append(f"{letter} ✗")
        if parts:
            lines.append("STAR-L: " + " · ".join(parts)
                         + (f" ({not_heard_where(report)})"
                            if any(p.not_heard for p in s.star.values()) else ""))
    if story and not report.unheard:
        triad = s.metric_triad
        text = report.transcript.text if report.transcript else ""
        quotes = slot_quotes(triad, text)

        def quoted(key: str) -> str:
            said = quotes.get(key, ())
            return f" ({'; '.join(said)})" if quotes and said else ""

        marks = " · ".join(
            f"{label} ✓{quoted(key)}" if getattr(triad, key) else
            f"{label} ✗ → ✓ {WITH_FOLLOW_UP}" if key in added else f"{label} ✗"
            for key, label in TRIAD_MARKS)
        ev = () if quotes else evidence_periods(triad.evidence, text)
        if triad.business_outcome and not ev and not quotes.get("business_outcome"):
            # a ✓ with nothing shown looked like a number (QA7 F08); the words it was read
            # from are quoted, so the reading can be checked (QA77 F5)
            ev = (f'{WORDS_ONLY_OUTCOME}: "{triad.outcome_words}"' if triad.outcome_words
                  else CHANGE_AS_OUTCOME if triad.after
                  else WORDS_ONLY_OUTCOME,)
        lines.append(f"metric triad: {marks}" + (f" ({'; '.join(ev)})" if ev else ""))
    # results are counted where results are asked for: never on a coding answer nor on a story
    # told as what one would do (QA33 F10: "1 quantified result" for "a maximum of 100 rounds")
    facts = [] if s.kind == "coding" or (story and s.hypothetical) else [
        counted(s.quantified_results, "quantified result")]
    # a bare deployment word ("canary") is ship evidence, shown as such — never as the scale
    scale = [compact_numbers(x) for x in s.scale_evidence if not ship_only(x)]  # "500K trips"
    shipped = [x for x in s.scale_evidence if ship_only(x)]
    if scale:
        facts.append("scale: " + ", ".join(scale))
    if shipped:
        facts.append("shipped: " + ", ".join(shipped))
    if s.leadership_principles:
        facts.append("principles: " + ", ".join(s.leadership_principles))
    if s.i_we_ratio is not None:
        facts.append(f"I/we {s.i_we_ratio:.1f}")
    def mark(said: bool, fact: str) -> str:  # as the STAR-L and triad marks (QA35 F9)
        return "✓" if said else f"✗ → ✓ {WITH_FOLLOW_UP}" if fact in added else "✗"
    facts += [counted(s.hedges, "hedge"), counted(s.signposts, "signpost")]
    if not story:  # a question asked back is a technical or coding skill: in a story a quoted
        # request ("can you make the bot answer more?") is no clarifying question (QA35 F11)
        facts.append(f"clarifying question {mark(s.clarifying_question, 'clarify')}")
    facts.append(f"trade-offs {mark(s.tradeoffs, 'tradeoff')}")
    if not report.unheard:  # counts of words not heard are no facts about the answer
        lines.append(" · ".join(facts))
    if s.key_points.covered:
        lines.append("key points covered: " + "; ".join(
            point_with_wishes(k, s.metric_triad, follow_up_added(report)) if story else k
            for k in s.key_points.covered))
    supplied = follow_up_points(report)
    # said as the triad line says the slots the reply gave (QA17 F21), each from the mark it
    # had: a point not clearly heard was never ✗ (QA51 F8)
    was_missed = [k for k in supplied if k in s.key_points.missed]
    was_unclear = [k for k in supplied if k not in was_missed]
    not_counted = story and s.hypothetical  # a hypothetical answer's points were never ✗
    if was_missed:
        lines.append(f"key points {'not counted' if not_counted else '✗'} → ✓ {WITH_FOLLOW_UP}: "
                     + "; ".join(was_missed))
    if was_unclear:
        lines.append(f"key points not clearly heard → ✓ {WITH_FOLLOW_UP}: "
                     + "; ".join(was_unclear))
    missed = [k for k in s.key_points.missed if k not in supplied]
    if missed and not_counted and "real_time" in follow_up_added(report):
        # the reply told one real time: what it did not make is missed in that story, not
        # "told as what you would do" beside "one real time ✓" (QA90 F8)
        lines.append("key points missed (in the real time you told): " + "; ".join(missed))
    elif missed and not_counted:
        # what a hypothetical answer says is credited to no real time: its points are not
        # counted, never "missed" when they were said as what the speaker would do (QA51 F5),
        # also beside the points a real-time reply then made (QA80 F8)
        lines.append("key points not counted (told as what you would do, not one real time): "
                     + "; ".join(missed))
    elif missed:
        added = follow_up_added(report)
        lines.append("key points missed: " + "; ".join(
            point_with_gaps(k, s.star or {}, s.metric_triad, added, s.i_we_ratio) if story else k
            for k in missed))
    if s.key_points.not_heard:
        lines.append(f"key points not heard ({not_heard_where(report)}): "
                     + "; ".join(s.key_points.not_heard))
    # a point without closest words is listed without a quote, never as `closest: ""`
    unclear = still_unclear(report)
    if unclear:
        lines.append("key points not clearly heard: " + "; ".join(
            f'{k} (closest: "{w}")' if w else k for k, w in unclear))
    return lines + follow_up_lines(report)


def follow_up_points(report: AnswerReport) -> tuple[str, ...]:
    """The story's key points missed or not clearly heard that its follow-up reply made
    (`point_facts.supplied_by_reply` with `follow_up_added`), in the report's order: listed
    "✗ → ✓ with the follow-up" like the STAR-L parts and triad slots the reply gave, never as
    open next to "after ✗ → ✓ with the follow-up" (QA17 F21). Empty when the answer's own
    scores stand."""
    added = follow_up_added(report)
    made = report.with_follow_up.points if report.with_follow_up is not None \
        and report.with_follow_up.counts else ()
    if not (added or made) or report.unheard:
        return ()
    if not made and not is_story_report(report):
        return ()
    s = report.structure
    return tuple(k for k in (*s.key_points.missed, *s.key_points.unclear)
                 if k in made or supplied_by_reply(k, s.star or {}, s.metric_triad, added))


# A reply to a follow-up is scored by the follow-up's rubric (`follow_ups.scores`), not STAR-L:
# its "structure" is whether it answered what was asked within the length, its "content"
# whether it said it specifically.
REPLY_SCORE_NAMES = {"structure": "answered", "content": "specific"}


def score_cells(report: AnswerReport) -> list[tuple[str, str]]:
    """(score name, value as shown) in `SCORE_KEYS` order, for every view; a follow-up reply's
    scores carry the names of its rubric (`REPLY_SCORE_NAMES`)."""
    scores = report.scores.to_dict()
    names = REPLY_SCORE_NAMES if report.follow_up_kind else {}
    return [(names.get(k, k), fmt_num(scores[k])) for k in SCORE_KEYS]


def follow_up_added(report: AnswerReport) -> frozenset[str]:
    """The facts (`vocabulary.FACT_LABELS` keys: "baseline", "result", …) the answer lacked and
    its follow-up reply supplied, when the answer is scored with the reply (`WithFollowUp.counts`);
    empty otherwise."""
    block = report.with_follow_up
    if block is None or not block.counts:
        return frozenset()
    # … and the fact it was asked for, when it supplied it ("one real time ✓" of a reply to
    # "tell me about one real time": the hypothetical tip is answered, QA55 F7)
    asked = {k for k, label in FACT_LABELS.items() if label == block.label} \
        if block.supplied else set()
    return frozenset(k for k, v in block.facts.items() if v) | asked


def follow_up_gave(block: WithFollowUp) -> str:
    """What a supplied follow-up reply gave the answer, as every view names it: what was asked
    first, then every other fact it added ("result ✓, baseline ✓, after ✓"; QA11 F08: "result ✓"
    alone hid a baseline and an after value)."""
    asked = block.label or block.kind
    gained = {k for k, v in block.facts.items() if v}
    # a fact made of others is not named beside them: "Situation ✓" says the set-up was told,
    # never also "situation or responsibility ✓" next to a key point still missing the Task
    # (QA71 F3)
    more = [FACT_LABELS.get(k, k) for k in block.facts if k in gained
            and not gained & set(FACT_PARTS.get(k, ()))]
    return ", ".join(f"{x} ✓" for x in dict.fromkeys([asked, *more]))


def follow_up_score_text(report: AnswerReport) -> str | None:
    """How the answer's score with its follow-up was computed, for every view: "with the
    follow-up (answer 2): baseline ✓ — structure 50 → 66 · content 60 → 70 · overall 58 → 66
    (this answer re-scored with what the reply supplied; delivery is this answer's own; the
    session counts 66)"; None when the answer's own scores stand."""
    block = report.with_follow_up
    if block is None or not block.counts or block.scores is None:
        return None
    own, merged = report.scores.to_dict(), block.scores.to_dict()
    moved = " · ".join(f"{k} {fmt_num(own[k])} → {fmt_num(merged[k])}"
                       for k in ("structure", "content", "overall"))
    n = f" (answer {block.n})" if block.n is not None else ""
    gave = follow_up_gave(block)
    delivery = "; delivery is this answer's own" if _isnum(own["delivery"]) else ""
    return (f"{WITH_FOLLOW_UP}{n}: {gave} — {moved} (this answer re-scored with what the reply "
            f"supplied{delivery}; the session counts {fmt_num(block.counted_overall)})")


class FeedbackLine(NamedTuple):
    """One feedback item as every view shows it (the views differ only in markup)."""

    severity: str
    area: str  # "general" when the item names none
    clock: str | None  # where in the answer ("1:05"), None when the finding has no place
    message: str


def _carries_clock(message: str, clock: str) -> bool:
    """True when the message already names its place ("0:37–0:43 your pitch …", "(0:32)")."""
    return re.search(rf"(?<![\d:]){re.escape(clock)}(?![\d])", message) is not None


def feedback_lines(report: AnswerReport) -> list[FeedbackLine]:
    """One time reference a line: the item's clock, unless its message already gives it. A line
    coaching a fact the follow-up reply supplied (`FeedbackItem.fact` in `follow_up_added`) is
    shown resolved, as the STAR-L and triad lines mark it ("A ✗ → ✓ with the follow-up"; QA33
    F6), never as still open."""
    from voice_coach.coach import (
        LEARNING_ONLY, LEARNING_OR_PRINCIPLE, NOT_CLEAR, ROOM_FOR_DETAIL, fact_of_message,
    )

    out = []
    added = follow_up_added(report)
    # the key points the reply made count as a change too, for any answer kind: a coding answer
    # whose reply made "macro versus micro" never keeps "Not covered: …" beside "✗ → ✓ with the
    # follow-up" (QA108 F6)
    changed = bool(added or follow_up_points(report))
    for f in report.feedback:
        clock = fmt_clock(f.at_s) if f.at_s is not None else None
        if clock is not None and _carries_clock(f.message, clock):
            clock = None
        fact = f.fact or (fact_of_message(f.message) if added else None)  # saved before `fact`
        if changed and f.area == "key_points" and f.message.startswith(NOT_COVERED):
            # the missed key points as the structure lines list them with the reply: the ones
            # it made gone, no gap mark for a fact it supplied (QA51 F11: "what you learned
            # (learning ✗)" beside "L ✗ → ✓ with the follow-up")
            message = not_covered_message(report, added)
            if message is not None:
                out.append(FeedbackLine(f.severity, f.area, clock, message))
            continue
        if changed and f.area == "key_points" and f.message.startswith(NOT_CLEAR):
            # the points not clearly heard as the structure lines list them with the reply: the
            # ones it made are "✓ with the follow-up" there, never still "not clearly heard"
            # here (QA59 F1)
            message = not_clear_message(report)
            if message is not None:
                out.append(FeedbackLine(f.severity, f.area, clock, message))
            continue
        if changed and f.area == "length" and f.message.endswith(ROOM_FOR_DETAIL) \
                and not still_missed(report):
            continue  # the reply made every point missed: no detail is missing (QA65 F2)
        if fact == "learning" and "principle" in added and f.message == LEARNING_OR_PRINCIPLE:
            # the principle the reply named is said: what is still open is the lesson alone,
            # never "or which principle" beside "principle ✓ with the follow-up" (QA51 F11)
            out.append(FeedbackLine(f.severity, f.area or "general", clock, LEARNING_ONLY))
            continue
        if fact is not None and fact in added:
            out.append(FeedbackLine("good", f.area or "general", None,
                                    f"{FACT_LABELS.get(fact, fact)} ✓ {WITH_FOLLOW_UP} "
                                    f"(the answer alone: {f.message})"))
            continue
        out.append(FeedbackLine(f.severity, f.area or "general", clock, f.message))
    return out


def not_covered_message(report: AnswerReport, added: frozenset[str]) -> str | None:
    """The coach's "Not covered: …" line for a story answer re-said with what its follow-up
    reply supplied (`added`, `follow_up_points`); None when the reply made every one."""
    from voice_coach.coach import not_covered_line

    s = report.structure
    missed = still_missed(report)
    if not missed:
        return None
    story = is_story_report(report)
    return not_covered_line([point_with_gaps(k, s.star or {}, s.metric_triad, added,
                                             s.i_we_ratio) if story else k for k in missed])


def still_missed(report: AnswerReport) -> list[str]:
    """The key points missed that the follow-up reply did not make (`follow_up_points`)."""
    made = set(follow_up_points(report))
    return [k for k in report.structure.key_points.missed if k not in made]


def still_unclear(report: AnswerReport) -> list[tuple[str, str]]:
    """(key point, closest words or "") for each point not clearly heard that the follow-up
    reply did not make (`follow_up_points`): one list for the structure lines and the tip."""
    kp = report.structure.key_points
    made = set(follow_up_points(report))
    closest = [*kp.closest, *[""] * len(kp.unclear)]
    return [(k, w) for k, w in zip(kp.unclear, closest) if k not in made]


def not_clear_message(report: AnswerReport) -> str | None:
    """The coach's "Not clearly heard — …" line for a story answer re-said without the points
    its follow-up reply made; None when the reply made every one."""
    from voice_coach.coach import not_clear_line

    kept = still_unclear(report)
    return not_clear_line([k for k, _ in kept], [w for _, w in kept]) if kept else None


def answer_title(report: AnswerReport) -> str:
    head = f"Answer {report.n}" if report.n is not None else "Answer"
    if report.follow_up_of is not None:
        head += f" (follow-up to {report.follow_up_of})"
    elif report.attempt is not None and report.attempt >= 2:
        head += f" (attempt {report.attempt})"
    return head


# ---- attempt comparison (retries; computed by voice_coach.compare) --------------------------

CHANGE_MARK = {True: "✓ better", False: "✗ worse", None: ""}
ITEM_CELL = {UNCLEAR: "unclear"}  # a key point not clearly heard, in the before/after columns


def comparison_rows(cmp: AttemptComparison) -> list[tuple[str, str, str, str]]:
    """(what, before, after, verdict) rows: metric changes, then content items gained/lost."""
    rows = [(m.label, fmt_num(m.before, m.digits) + m.unit.rstrip(),
             fmt_num(m.after, m.digits) + m.unit.rstrip(),
             " — ".join(filter(None, (CHANGE_MARK[m.better], m.why()))))
            for m in cmp.metrics]
    rows += [(f"{c.group}: {c.name}", c.before_value or ITEM_CELL.get(c.before, c.before),
              c.after_value or ITEM_CELL.get(c.after, c.after), _item_verdict(c))
             for c in cmp.gained + cmp.lost + cmp.changed]
    return rows


def _item_verdict(c: ItemChange) -> str:
    """The verdict column of an item row: "✓ new", "✗ lost", "✗" for a share that fell under
    its bound, "said otherwise" for numbers changed while the item stayed ✓ (QA14 F04)."""
    if c.before_value and c.after_value:
        return {True: "✓ better", False: "✗ worse", None: "said otherwise"}[c.gained]
    return c.text()[len(c.name) + 1:]


def comparison_title(cmp: AttemptComparison) -> str:
    return f"Attempt {cmp.after_attempt} compared with attempt {cmp.before_attempt}"


def render_comparison_terminal(cmp: AttemptComparison, console: Console) -> None:
    """The headline and a table of what changed since the previous attempt."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(cmp.headline(), style="bold"))
    if cmp.unchanged:
        return
    table = Table(title=comparison_title(cmp), title_justify="left", box=None, pad_edge=False,
                  header_style="bold underline")
    for col in ("", "before", "after", ""):
        table.add_column(col, justify="left" if not col else "right")
    for what, before, after, verdict in comparison_rows(cmp):
        style = "green" if verdict.startswith("✓") else "red" if verdict.startswith("✗") else None
        table.add_row(Text(what), Text(before), Text(after), Text(verdict, style=style or ""))
    console.print(table)


def _md_comparison(cmp: AttemptComparison | None) -> list[str]:
    if cmp is None:
        return []
    out = [f"### {comparison_title(cmp)}", "", f"**{md_escape(cmp.headline())}**", ""]
    rows = comparison_rows(cmp)
    if rows:
        out += ["| | before | after | |", "|---|---|---|---|"]
        out += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
        out.append("")
    return out


def _html_comparison(cmp: AttemptComparison | None) -> str:
    if cmp is None:
        return ""
    rows = "".join(
        f"<tr><td>{_h(what)}</td><td class=num>{_h(a)}</td><td class=num>{_h(b)}</td>"
        f'<td class="{"sev-good" if v.startswith("✓") else "sev-warn" if v.startswith("✗") else ""}">'
        f"{_h(v)}</td></tr>" for what, a, b, v in comparison_rows(cmp))
    table = f"<table><tr><th></th><th>before</th><th>after</th><th></th></tr>{rows}</table>" \
        if rows else ""
    return (f'<div class="compare"><h3>{_h(comparison_title(cmp))}</h3>'
            f"<p><b>{_h(cmp.headline())}</b></p>{table}</div>")


def question_text(report: AnswerReport) -> str:
    return (report.question.text if report.question is not None else None) or ""


# ---- terminal ---------------------------------------------------------------------------------

def render_answer_terminal(report: AnswerReport, console: Console, cfg: Config | None = None,
                           *, why_no_follow_up: bool = False) -> None:
    """Print one answer: question, marked transcript, metrics, structure, scores, feedback;
    `why_no_follow_up` (follow-ups are on, so one would have been asked): a scored answer
    without one says why (`no_follow_up_reason`)."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    cfg = cfg or Config()
    title = answer_title(report)
    if report.question_id:
        title += f" · {report.question_id}"
    console.rule(Text(title, style="bold"))
    if question_text(report):
        console.print(Text("Q: " + question_text(report), style="italic"))

    text = Text()
    for tok in marked_transcript(report, cfg):
        if text:
            text.append(" ")
        if tok.kind in ("pause", "lead_in"):
            label = f"[{'lead-in ' if tok.kind == 'lead_in' else ''}{tok.text}]"
            text.append(label, style="bold red" if tok.long else "dim")
        elif tok.kind == "unrecognised":
            text.append(f"[{tok.text} {fmt_pause(tok.duration_s or 0.0)}]", style="bold magenta")
        elif tok.kind == "filler":
            # Highlighted; without colours (pipes, NO_COLOR) marked *um* so it still shows.
            plain = console.color_system is None
            text.append(f"*{tok.text}*" if plain else tok.text, style="bold black on yellow")
        elif tok.kind == "unsure":
            text.append(unsure_text(tok.text), style="dim italic")
        else:
            text.append(tok.text)
    subtitle = (f"pauses ≥ {cfg.silence.min_gap_s:g} s in [ ], "
                f"long ≥ {cfg.silence.pause_s:g} s in bold")
    console.print(Panel(text if text else Text(DASH), title="transcript", title_align="left",
                        subtitle=subtitle, subtitle_align="left"))
    if has_unsure(marked_transcript(report, cfg)):
        console.print(Text(UNSURE_LEGEND, style="dim"))

    rows = metric_rows(report)
    half = (len(rows) + 1) // 2
    grid = Table.grid(padding=(0, 6))
    left = Table(show_header=False, box=None, padding=(0, 1))
    right = Table(show_header=False, box=None, padding=(0, 1))
    for tbl, part in ((left, rows[:half]), (right, rows[half:])):
        tbl.add_column(style="dim")
        tbl.add_column(justify="right")
        for label, value in part:
            tbl.add_row(label, value)
    grid.add_row(left, right)
    console.print(grid)
    voice = prosody_line(report)
    if voice:
        console.print(Text(voice))

    for line in structure_lines(report):
        console.print(Text(line))

    _terminal_think_aloud(report, console)

    console.print(Text("scores: " + "  ".join(f"{k} {v}" for k, v in score_cells(report)),
                       style="bold"))
    merged = follow_up_score_text(report)
    if merged:
        console.print(Text(f"scores {merged}", style="bold"))

    items = feedback_lines(report)
    if items:
        console.print(Text("feedback:", style="bold"))
        for f in items:
            line = Text("  ")
            style = "red" if f.severity == "warn" else "green" if f.severity == "good" else "cyan"
            line.append(SEVERITY_ICON[f.severity] + " ", style=style)
            line.append(f"[{f.area}] ", style="dim")
            if f.clock is not None:
                line.append(f"{f.clock} ", style="dim")
            line.append(f.message)
            console.print(line)
    if report.follow_up:
        console.print(Text("follow-up: ", style="bold").append(report.follow_up, style="italic"))
    elif why_no_follow_up and no_follow_up_reason(report):
        console.print(Text("no follow-up: ", style="bold").append(no_follow_up_reason(report)))


def no_follow_up_reason(report: AnswerReport) -> str | None:
    """Why a scored first answer has no follow-up (QA14 F15: none was asked, silently): its
    feedback says it answers another question, or no gap a follow-up asks about was found —
    then what is still missing is its key points. None for a reply, an unscored answer, or one
    with a follow-up."""
    if report.follow_up or report.follow_up_of is not None or report.follow_up_kind \
            or report.scores.overall is None or report.no_speech or report.no_content:
        return None
    if any(f.area == "relevance" and f.severity == "warn" for f in report.feedback):
        return "the answer is to another question, so none of its details is asked about."
    kp = report.structure.key_points
    still_open = set(kp.missed + kp.unclear) - set(follow_up_points(report))
    marks = open_marks(report)
    if not marks and still_open and not still_open & set(kp.missed):
        # only points said but not clearly heard are open: a follow-up asks for what is missing,
        # never for what was said (QA33 F9: "none of its follow-ups asks about what is still
        # open" beside the question's own follow-up on that very point)
        return ("what is still open was said but not clearly heard (the key points above), and "
                "follow-ups ask only for what is missing — say it outright when you retry.")
    open_ = marks + (["the key points above"] if still_open else [])
    if open_:
        # what is open is named as the report marks it ✗ (QA16 F15: "add the key points above"
        # when the only gap shown was "after ✗" and every key point was covered)
        said = open_[0] if len(open_) == 1 else ", ".join(open_[:-1]) + " and " + open_[-1]
        return f"none of its follow-ups asks about what is still open — add {said} when you retry."
    return ("nothing the question asks for was missing." if report.question is not None
            else "nothing the answer is judged on was missing.")


def open_marks(report: AnswerReport) -> list[str]:
    """The STAR-L parts and metric-triad slots a story's report marks ✗ (not supplied by a
    follow-up reply, not in speech that was lost), as `structure_lines` labels them ("Result",
    "after number"); empty for any answer that is not a story."""
    s = report.structure
    if not is_story_report(report) or report.unheard:
        return []
    added = follow_up_added(report)
    out = [FACT_LABELS[key] if key in ("situation", "task", "action") else key.capitalize()
           for key, _ in STAR_PARTS
           if (part := s.star.get(key)) is not None and not part.present
           and not part.not_heard and key not in added]
    out += [label for key, label in (("baseline", "the baseline"), ("after", "the after number"),
                                     ("business_outcome", "the business outcome"))
            if not getattr(s.metric_triad, key) and key not in added]
    return out


BAR_MARGIN = 12  # "0:00 " + " 10:00" around the bar


def _terminal_think_aloud(report: AnswerReport, console: Console) -> None:
    """The drill's bar, its legend and the key think-aloud numbers, one per line."""
    from rich.table import Table
    from rich.text import Text

    ta = think_aloud_block(report)
    if ta is None:
        return
    width = max(10, min(THINK_ALOUD_BAR_WIDTH, console.width - BAR_MARGIN))
    console.print(Text("think-aloud:", style="bold"))
    console.print(Text(_bar_line(ta, width), no_wrap=True, overflow="crop"))
    for line in think_aloud_legend():
        console.print(Text("     " + line, style="dim"))
    grid = Table(show_header=False, box=None, padding=(0, 1), pad_edge=True)
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for label, value in think_aloud_rows(ta):
        grid.add_row(label, value)
    console.print(grid)
    for i, p in enumerate(ta.prompts, 1):
        console.print(Text(f"  !{i} {fmt_clock(p.at_s)} ", style="magenta").append(p.text))


# ---- Markdown ---------------------------------------------------------------------------------

# what CommonMark (and a GFM table cell) reads as markup anywhere in a line: backslash, code,
# emphasis, brackets (a link needs them), raw HTML, table cells, strikethrough
_MD_SPECIAL = re.compile(r"([\\`*\[\]<|~])")
# an underscore opens emphasis only at a word's edge: "key_points" and "2026-12-01_0425" are text
_MD_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# a block marker at the start of the text: a heading, a list item, a quote
_MD_LEADING = re.compile(r"^(?:([#+-])(?=\s)|(>))")


def md_escape(text: Any) -> str:
    """`text` as literal Markdown, escaping only what would be read as markup (QA14 F16: no
    "\\(attempt 2\\)", "\\+1 more" or "key\\_points" in a report read raw in an editor)."""
    out = _MD_SPECIAL.sub(r"\\\1", str(text))
    out = _MD_EDGE_UNDERSCORE.sub(r"\\_", out)
    return _MD_LEADING.sub(lambda m: "\\" + (m.group(1) or m.group(2)), out)


def _md_transcript(report: AnswerReport, cfg: Config) -> str:
    parts = []
    for tok in marked_transcript(report, cfg):
        if tok.kind in ("pause", "lead_in"):
            label = ("lead-in " if tok.kind == "lead_in" else "") + tok.text
            parts.append(f"**\\[{label}\\]**" if tok.long else f"*\\[{label}\\]*")
        elif tok.kind == "unrecognised":
            parts.append(f"**\\[{tok.text} {fmt_pause(tok.duration_s or 0.0)}\\]**")
        elif tok.kind == "filler":
            parts.append(f"**{md_escape(tok.text)}**")
        elif tok.kind == "unsure":
            parts.append(f"*{md_escape(unsure_text(tok.text))}*")
        else:
            parts.append(md_escape(tok.text))
    return " ".join(parts) or DASH


ROUND_MODES = ("interview", "demo")  # sessions that end with the things to fix


def _round_fixes(session: SessionData) -> list[Any]:
    """A round's things to fix (`voice_coach.skills.round_fixes`); none for other sessions."""
    if session.meta.mode not in ROUND_MODES or not session.answers:
        return []

    return round_fixes(session.answers, cfg=session_config(session.meta))


def _session_header(meta: SessionReport) -> list[tuple[str, str]]:
    return [("session", meta.id), ("date", meta.created_at or ""), ("mode", meta.mode or ""),
            ("status", meta.status or "")]


def finalize_session(store: Store, session_id: str) -> Path:
    """Write a session's report.md and report.html from what is saved; returns report.html.

    The one place a session's readable report is written: after a round or a drill however it
    ended (the CLI passes this to `run_round`/`run_drill`), after `recover`, and by
    `review --open`."""
    data = store.load_session(session_id)
    session = store.open_session(session_id)
    session.write_file("report.md", render_session_markdown(data))
    return session.write_file("report.html", render_session_html(data))


def render_session_markdown(session: SessionData) -> str:
    """The whole session as Markdown (report.md)."""
    meta = session.meta
    cfg = session_config(meta)
    out = [f"# {md_escape(meta.title or meta.id or 'Session')}", ""]
    out += [f"- **{k}**: {md_escape(v)}" for k, v in _session_header(meta)]
    out.append("")
    if meta.status == "interrupted":
        out += [f"*{md_escape(INTERRUPTED_NOTE)}*", ""]
    elif meta.recovered:
        out += [f"*{md_escape(RECOVERED_NOTE)}*", ""]
    if session.answers:
        out += ["| # | question | wpm | long pauses | longest pause | fillers/min | overall |",
                "|---|---|---|---|---|---|---|"]
        for r in session.answers:
            out.append("| " + " | ".join([
                str(r.n if r.n is not None else ""),
                md_escape(_short(question_text(r), 60)) or DASH, *_summary_cells(r)]) + " |")
        out.append("")
    fixes = _round_fixes(session)
    if fixes:
        out += ["## Things to fix", ""] + [f"{i}. {md_escape(f.text())} Practise: `{f.practise}`"
                                           for i, f in enumerate(fixes, 1)] + [""]
    for n in session.pending:
        out += [f"*Answer {n}: recorded but not analysed yet (pending analysis).*", ""]
    comparisons = session_comparisons(session.answers)
    for r in session.answers:
        out += [f"## {md_escape(answer_title(r))}", ""]
        if question_text(r):
            out += [f"> {md_escape(question_text(r))}", ""]
        out += _md_comparison(comparisons.get(r.n))
        out += ["### Transcript", "",
                f"Pauses ≥ {cfg.silence.min_gap_s:g} s in \\[ \\], long pauses "
                f"(≥ {cfg.silence.pause_s:g} s) in bold, fillers in bold"
                + (f"; {md_escape(UNSURE_LEGEND)}." if has_unsure(marked_transcript(r, cfg))
                   else "."), "",
                _md_transcript(r, cfg), "", "### Delivery", "", "| metric | value |",
                "|---|---|"]
        out += [f"| {label} | {value} |" for label, value in metric_rows(r)]
        out.append("")
        if prosody_line(r):
            out += [md_escape(prosody_line(r)), ""]
        out += _md_think_aloud(r)
        out += _md_list("Structure", [md_escape(x) for x in structure_lines(r)])
        out += ["### Scores", "", " · ".join(f"{k} **{v}**" for k, v in score_cells(r)), ""]
        if follow_up_score_text(r):
            out += [f"Scores {md_escape(follow_up_score_text(r))}", ""]
        out += _md_list("Feedback", [
            f"**{md_escape(f.severity)}** \\[{md_escape(f.area)}\\]"
            f"{f' ({f.clock})' if f.clock is not None else ''} {md_escape(f.message)}"
            for f in feedback_lines(r)])
        if r.follow_up:
            out += [f"**Follow-up:** {md_escape(r.follow_up)}", ""]
    return "\n".join(out).rstrip() + "\n"


def _md_list(title: str, items: list[str]) -> list[str]:
    """A Markdown section: its heading and a bullet an item (nothing without items)."""
    return [f"### {title}", "", *(f"- {x}" for x in items), ""] if items else []


def overall_cell(r: AnswerReport) -> str:
    """The session table's overall: the answer's own, or "58 → 66 with the follow-up" when the
    session counts it with what its follow-up supplied (`WithFollowUp.counts`)."""
    block = r.with_follow_up
    if block is not None and block.counts:
        return f"{fmt_num(r.scores.overall)} → {fmt_num(block.counted_overall)} {WITH_FOLLOW_UP}"
    return fmt_num(r.scores.overall)


def _summary_cells(r: AnswerReport) -> list[str]:
    """The session table's wpm, long pauses, longest pause, fillers/min and overall cells."""
    d = r.delivery
    if d is None:
        return [DASH] * 4 + [overall_cell(r)]
    return [fmt_num(d.wpm), fmt_num(d.long_pause_count), fmt_num(d.longest_pause_s, 1, "s"),
            fmt_num(d.fillers_per_min, 1), overall_cell(r)]


def _md_think_aloud(report: AnswerReport) -> list[str]:
    ta = think_aloud_block(report)
    if ta is None:
        return []
    out = ["### Think-aloud", "", "```", _bar_line(ta, THINK_ALOUD_BAR_WIDTH)]
    out += ["     " + x for x in think_aloud_legend()]
    out += ["```", "", "| metric | value |", "|---|---|"]
    out += [f"| {label} | {md_escape(value)} |" for label, value in think_aloud_rows(ta)]
    out.append("")
    if ta.prompts:
        out += [f"{i}. {fmt_clock(p.at_s)} {md_escape(p.text)}"
                for i, p in enumerate(ta.prompts, 1)] + [""]
    return out


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# ---- plots ------------------------------------------------------------------------------------

TIMELINE_LEFT = 0.03  # the timeline plot's time axis spans these fractions of the image width
TIMELINE_RIGHT = 0.94


def _timeline_segments(d: DeliveryInfo) -> list[tuple[float, float]]:
    segs = [(float(s.start), float(s.end)) for s in d.speech_segments]
    if not segs and d.speech_start_s is not None and d.speech_end_s is not None:
        segs = [(float(d.speech_start_s), float(d.speech_end_s))]
    return segs


def timeline_total_s(report: AnswerReport) -> float:
    """Seconds the timeline's x axis spans (0 to this)."""
    d = report.delivery
    ends = [report.audio.duration_s if report.audio else None]
    if d is not None:
        ends += [d.speech_end_s] + [e for _, e in _timeline_segments(d)]
    return max([float(x) for x in ends if _isnum(x)] + [1.0])


def timeline_png(report: AnswerReport, cfg: Config | None = None) -> bytes | None:
    """A PNG timeline of one answer, or None when it has no delivery data.

    Speech regions are green bands, silences grey, pauses ≥ silence.pause_s red; fillers are
    orange markers; the pace (wpm per sliding window) is a line on the right-hand axis.
    """
    d = report.delivery
    if d is None:
        return None
    cfg = cfg or Config()
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    segs = _timeline_segments(d)
    pauses = d.pauses
    total = timeline_total_s(report)

    fig = Figure(figsize=(PLOT_WIDTH_IN, PLOT_HEIGHT_IN), dpi=PLOT_DPI)
    ax = fig.add_subplot(1, 1, 1)
    ax.axvspan(0, total, ymin=0.0, ymax=0.35, color="#dddddd", lw=0)
    for s, e in segs:
        ax.axvspan(s, e, ymin=0.0, ymax=0.35, color="#5cb85c", lw=0)
    for p in pauses:
        if p.duration >= cfg.silence.pause_s:
            ax.axvspan(p.start, p.end, ymin=0.0, ymax=1.0, color="#d9534f", alpha=0.25, lw=0)
            ax.text((p.start + p.end) / 2, 0.92, f"{p.duration:.1f} s", ha="center", va="top",
                    fontsize=8, color="#a94442", transform=ax.get_xaxis_transform())
    fillers = [f.start for f in d.fillers if f.start is not None]
    if fillers:
        ax.plot(fillers, [0.45] * len(fillers), "v", color="#f0ad4e",
                markersize=8, transform=ax.get_xaxis_transform())
    ax.set_xlim(0, total)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.set_xlabel("time (s)")
    ax2 = ax.twinx()
    pace = [w for w in d.pace_timeline if w.wpm is not None]
    if pace:
        xs = [(float(w.start) + float(w.end)) / 2 for w in pace]
        ax2.plot(xs, [w.wpm for w in pace], "-o", color="#337ab7", markersize=3, lw=1.5)
    ax2.axhspan(cfg.pace.min_wpm, cfg.pace.max_wpm, color="#337ab7", alpha=0.07, lw=0)
    top = max([cfg.pace.max_wpm * 1.3] + [w.wpm * 1.1 for w in pace])
    ax2.set_ylim(0, top)
    ax2.set_ylabel("wpm", color="#337ab7")
    ax.legend(handles=[Patch(color="#5cb85c", label="speech"),
                       Patch(color="#dddddd", label="silence"),
                       Patch(color="#d9534f", alpha=0.4,
                             label=f"pause ≥ {cfg.silence.pause_s:g} s"),
                       Line2D([], [], marker="v", color="#f0ad4e", ls="", label="filler"),
                       Line2D([], [], color="#337ab7", label="pace (wpm)")],
              loc="upper center", bbox_to_anchor=(0.5, 1.22), ncol=5, fontsize=8, frameon=False)
    fig.subplots_adjust(left=TIMELINE_LEFT, right=TIMELINE_RIGHT, top=0.84, bottom=0.2)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


PITCH_COLOUR = "#8e44ad"
LEVEL_COLOUR = "#95a5a6"
PROSODY_PLOT_HEIGHT_IN = 2.2
LEVEL_FLOOR_DBFS = -70.0  # bottom of the loudness curve
PITCH_MARGIN = 1.25  # display range around the 2nd–98th percentile of the pitch
PITCH_TICKS_HZ = (60, 80, 100, 125, 150, 200, 250, 300, 400, 500)


def prosody_png(report: AnswerReport, total_s: float | None = None) -> bytes | None:
    """Pitch (Hz, log axis) and loudness (dBFS) over the answer, on the timeline's time axis.

    Monotone stretches are shaded, fading sentence ends and uptalk marked, stretches of speech
    without a measurable pitch hatched. None when the report has no prosody track.
    """
    p = report.prosody
    if p is None or p.pitch.timeline is None or p.energy.timeline is None:
        return None
    tl, etl = p.pitch.timeline, p.energy.timeline
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    step = float(tl.step_s)
    start = float(tl.start_s)
    hz = [x if x is not None else float("nan") for x in tl.hz]
    db = [x if x is not None else float("nan") for x in etl.dbfs]
    xs = [start + (i + 0.5) * step for i in range(max(len(hz), len(db)))]
    total = total_s or (xs[-1] if xs else 1.0)
    fig = Figure(figsize=(PLOT_WIDTH_IN, PROSODY_PLOT_HEIGHT_IN), dpi=PLOT_DPI)
    ax = fig.add_subplot(1, 1, 1)  # loudness, and the shaded stretches
    for m in p.monotone_stretches:
        ax.axvspan(m.start, m.end, color="#f0ad4e", alpha=0.25, lw=0)
    for s in p.no_pitch:
        ax.axvspan(s.start, s.end, facecolor="none", edgecolor="#bbbbbb", hatch="//", lw=0)
    ax.plot(xs[:len(db)], db, color=LEVEL_COLOUR, lw=0.8)
    ax.set_ylim(LEVEL_FLOOR_DBFS, 0)
    ax.set_yticks([])
    ax.set_xlim(0, total)
    ax.set_xlabel("time (s)")
    for f in p.fades:
        ax.plot([f.end], [0.1], "v", color="#d9534f", markersize=8,
                transform=ax.get_xaxis_transform())
    for u in p.uptalk:
        ax.plot([u.end], [0.9], "^", color="#337ab7", markersize=8,
                transform=ax.get_xaxis_transform())
    ax2 = ax.twinx()  # pitch on the right, where the timeline above has its wpm axis
    import numpy as np

    from voice_coach.analysis.prosody import clean_pitch

    hz = [float(h) for h in clean_pitch(np.array(hz, dtype=float))]  # as the analysis saw it
    voiced = sorted(h for h in hz if h == h)
    if voiced:
        # Display range from the 2nd–98th percentile, so one stray value cannot flatten the curve.
        lo = voiced[int(0.02 * (len(voiced) - 1))] / PITCH_MARGIN
        hi = voiced[int(0.98 * (len(voiced) - 1))] * PITCH_MARGIN
        ax2.plot(xs[:len(hz)], [h if lo <= h <= hi else float("nan") for h in hz],
                 color=PITCH_COLOUR, lw=1.6)
        ax2.set_yscale("log")
        ax2.set_ylim(lo, hi)
        ax2.set_yticks([t for t in PITCH_TICKS_HZ if lo <= t <= hi] or [round(voiced[0])])
        ax2.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}"))
        ax2.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
    ax2.set_ylabel("pitch (Hz)", color=PITCH_COLOUR)
    ax.legend(handles=[Line2D([], [], color=PITCH_COLOUR, lw=1.6, label="pitch (Hz)"),
                       Line2D([], [], color=LEVEL_COLOUR,
                              label=f"loudness ({LEVEL_FLOOR_DBFS:.0f}…0 dBFS)"),
                       Patch(color="#f0ad4e", alpha=0.4, label="monotone"),
                       Patch(facecolor="none", edgecolor="#bbbbbb", hatch="//",
                             label="no pitch"),
                       Line2D([], [], marker="v", color="#d9534f", ls="", label="fades out"),
                       Line2D([], [], marker="^", color="#337ab7", ls="", label="uptalk")],
              loc="upper center", bbox_to_anchor=(0.5, 1.3), ncol=6, fontsize=8, frameon=False)
    fig.subplots_adjust(left=0.03, right=0.94, top=0.8, bottom=0.22)  # as timeline_png
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# ---- HTML -------------------------------------------------------------------------------------

_CSS = """
body{font-family:-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1060px;
margin:24px auto;padding:0 16px;color:#222;line-height:1.45}
h1{margin-bottom:4px}h2{margin-top:36px;border-bottom:2px solid #eee;padding-bottom:4px}
.meta{color:#666}.q{font-style:italic;color:#444;margin:6px 0 12px}
table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;
text-align:left}th{background:#f7f7f7}td.num{text-align:right}
.transcript{background:#fafafa;border:1px solid #eee;border-radius:6px;padding:10px 14px}
.pause{color:#888;font-size:.9em}.pause.long{color:#c9302c;font-weight:bold}
.filler{background:#fde68a;border-radius:3px;padding:0 2px}
.unsure{color:#888;font-style:italic}
.unrecognised{color:#8e44ad;font-weight:bold}
.scores span{display:inline-block;margin-right:14px}.scores b{font-size:1.2em}
.fb li{margin:3px 0}.sev-warn,.sev-warning,.sev-error,.sev-bad{color:#c9302c}
.sev-good{color:#3c763d}.followup{background:#eef5fb;border-left:4px solid #337ab7;
padding:6px 12px}.pending{color:#8a6d3b}img{max-width:100%}
ol.prompts{margin:4px 0 8px;color:#6c3483}
.replay audio{width:100%;margin:4px 0}.tl{position:relative;cursor:pointer}
.tl img{display:block}.ph{position:absolute;top:0;bottom:0;width:2px;background:#c9302c;
pointer-events:none}.w[data-s]{cursor:pointer;border-radius:3px}.w[data-s]:hover{background:#e8eef7}
.w.cur{background:#337ab7;color:#fff}
table.ta td.num{text-align:left}
"""


def _h(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _html_list(title: str, ul_open: str, items: list[str]) -> list[str]:
    """An HTML section: its heading and list, an `<li>` item a line (nothing without items)."""
    return [f"<h3>{title}</h3>{ul_open}", *items, "</ul>"] if items else []


def _html_transcript(report: AnswerReport, cfg: Config) -> str:
    parts = []
    for tok in marked_transcript(report, cfg):
        if tok.kind in ("pause", "lead_in"):
            label = ("lead-in " if tok.kind == "lead_in" else "") + tok.text
            cls = "pause long" if tok.long else "pause"
            parts.append(f'<span class="{cls}">[{_h(label)}]</span>')
        elif tok.kind == "unrecognised":
            parts.append(f'<span class="unrecognised">[{_h(tok.text)} '
                         f'{_h(fmt_pause(tok.duration_s or 0.0))}]</span>')
        else:
            cls = {"filler": "w filler", "unsure": "w unsure"}.get(tok.kind, "w")
            at = f' data-s="{tok.start_s:.2f}"' if _isnum(tok.start_s) else ""
            shown = unsure_text(tok.text) if tok.kind == "unsure" else tok.text
            parts.append(f'<span class="{cls}"{at}>{_h(shown)}</span>')
    return " ".join(parts) or DASH


def _html_rows(rows: Iterable[tuple[str, str]]) -> str:
    return "".join(f"<tr><td>{_h(a)}</td><td class=num>{_h(b)}</td></tr>" for a, b in rows)


def render_session_html(session: SessionData) -> str:
    """The whole session as one self-contained HTML page (inline CSS, plots as data URIs)."""
    meta = session.meta
    cfg = session_config(meta)
    title = meta.title or meta.id or "Session"
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>voice-coach — {_h(title)}</title>", f"<style>{_CSS}</style></head><body>",
           f"<h1>{_h(title)}</h1>",
           '<p class="meta">' + " · ".join(f"{_h(k)}: {_h(v)}" for k, v in _session_header(meta))
           + "</p>"]
    if meta.status == "interrupted":
        out.append(f'<p class="pending">{_h(INTERRUPTED_NOTE)}</p>')
    elif meta.recovered:
        out.append(f'<p class="pending">{_h(RECOVERED_NOTE)}</p>')
    if session.answers:
        out.append("<table><tr><th>#</th><th>question</th><th>wpm</th><th>long pauses</th>"
                   "<th>longest pause</th><th>fillers/min</th><th>overall</th></tr>")
        for r in session.answers:
            out.append(f"<tr><td>{_h(r.n if r.n is not None else '')}</td>"
                       f"<td>{_h(_short(question_text(r), 70))}</td>"
                       + "".join(f"<td class=num>{_h(c)}</td>" for c in _summary_cells(r))
                       + "</tr>")
        out.append("</table>")
    else:
        out.append("<p>No analysed answers in this session.</p>")
    fixes = _round_fixes(session)
    if fixes:
        out.append('<h2>Things to fix</h2><ol class="fixes">' + "".join(
            f"<li>{_h(f.text())} Practise: <code>{_h(f.practise)}</code></li>" for f in fixes)
            + "</ol>")
    for n in session.pending:
        out.append(f'<p class="pending">Answer {n}: recorded but not analysed yet '
                   "(pending analysis).</p>")
    comparisons = session_comparisons(session.answers)
    for r in session.answers:
        n = r.n if r.n is not None else ""
        player = _html_player(session, r)
        out.append(f'<section data-audio="audio-{_h(n)}">' if player else "<section>")
        out.append(f"<h2>{_h(answer_title(r))}</h2>")
        if question_text(r):
            out.append(f'<p class="q">{_h(question_text(r))}</p>')
        if player:
            out.append(player)
        out.append(_html_comparison(comparisons.get(r.n)))
        png = timeline_png(r, cfg)
        if png:
            img = f'<img alt="timeline of answer {_h(n)}" src="{png_data_uri(png)}">'
            out.append(f'<div class="tl" data-x0="{TIMELINE_LEFT}" data-x1="{TIMELINE_RIGHT}" '
                       f'data-t="{timeline_total_s(r):.3f}" title="click to play from here">'
                       f'{img}<div class="ph" style="left:{TIMELINE_LEFT * 100:g}%"></div></div>'
                       if player else img)
        voice_png = prosody_png(r, total_s=timeline_total_s(r))
        if voice_png:
            out.append(f'<img alt="pitch and loudness of answer {_h(n)}" '
                       f'src="{png_data_uri(voice_png)}">')
        out.append(f'<h3>Transcript</h3><p class="transcript">{_html_transcript(r, cfg)}</p>')
        out.append(f'<p class="meta">Pauses ≥ {cfg.silence.min_gap_s:g} s in [ ], long pauses '
                   f'(≥ {cfg.silence.pause_s:g} s) in red, fillers highlighted'
                   + (f"; {_h(UNSURE_LEGEND)}." if has_unsure(marked_transcript(r, cfg)) else ".")
                   + "</p>")
        rows = metric_rows(r)
        half = (len(rows) + 1) // 2
        out.append('<h3>Delivery</h3><div style="display:flex;gap:40px">'
                   f"<table>{_html_rows(rows[:half])}</table>"
                   f"<table>{_html_rows(rows[half:])}</table></div>")
        if prosody_line(r):
            out.append(f'<p class="voice">{_h(prosody_line(r))}</p>')
        ta_html = _html_think_aloud(r)
        if ta_html:
            out.append(ta_html)
        out += _html_list("Structure", "<ul>", [f"<li>{_h(x)}</li>" for x in structure_lines(r)])
        out.append('<h3>Scores</h3><p class="scores">' + "".join(
            f"<span>{_h(k)} <b>{_h(v)}</b></span>" for k, v in score_cells(r)) + "</p>")
        if follow_up_score_text(r):
            out.append(f'<p class="scores">Scores {_h(follow_up_score_text(r))}</p>')
        out += _html_list("Feedback", '<ul class="fb">', [
            f'<li class="sev-{_h(f.severity)}"><b>{_h(f.severity)}</b> [{_h(f.area)}]'
            f"{f' <span class=meta>{f.clock}</span>' if f.clock is not None else ''} "
            f"{_h(f.message)}</li>" for f in feedback_lines(r)])
        if r.follow_up:
            out.append(f'<p class="followup"><b>Follow-up:</b> {_h(r.follow_up)}</p>')
        out.append("</section>")
    if any('class="replay"' in part for part in out):
        out.append(f"<script>{_REPLAY_JS}</script>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# Replay (docs/review.md "Replay"): each answer's recording is embedded as Opus/WebM (about
# 3 kB per second) so the page plays wherever it is opened or copied on its own; the
# answer-NN.wav beside it is the fallback source for a browser without WebM/Opus. Words seek on
# click, the word being spoken is highlighted, a click on the timeline seeks to that moment.
_REPLAY_JS = """
(function(){
function last(starts,t){var lo=0,hi=starts.length-1,i=-1;while(lo<=hi){var m=(lo+hi)>>1;
if(starts[m]<=t+1e-3){i=m;lo=m+1;}else{hi=m-1;}}return i;}
document.querySelectorAll('section[data-audio]').forEach(function(sec){
var a=document.getElementById(sec.getAttribute('data-audio'));if(!a)return;
var ws=Array.prototype.slice.call(sec.querySelectorAll('.w[data-s]'));
var starts=ws.map(function(w){return parseFloat(w.getAttribute('data-s'));});
var tl=sec.querySelector('.tl'),ph=tl?tl.querySelector('.ph'):null,cur=null;
function geo(){return{x0:parseFloat(tl.getAttribute('data-x0')),
x1:parseFloat(tl.getAttribute('data-x1')),T:parseFloat(tl.getAttribute('data-t'))};}
function update(){var t=a.currentTime,i=last(starts,t),w=i>=0?ws[i]:null;
if(w!==cur){if(cur)cur.classList.remove('cur');if(w)w.classList.add('cur');cur=w;}
if(ph){var g=geo();ph.style.left=(100*(g.x0+(g.x1-g.x0)*Math.min(t,g.T)/g.T))+'%';}}
function seek(t){a.currentTime=Math.max(0,t);update();var p=a.play();if(p&&p.catch)p.catch(function(){});}
ws.forEach(function(w){w.addEventListener('click',function(){seek(parseFloat(w.getAttribute('data-s')));});});
if(tl)tl.addEventListener('click',function(e){var r=tl.getBoundingClientRect(),g=geo();
var f=(e.clientX-r.left)/r.width;seek(Math.min(g.T,Math.max(0,(f-g.x0)/(g.x1-g.x0)*g.T)));});
['timeupdate','seeked','seeking','pause','play'].forEach(function(ev){a.addEventListener(ev,update);});
a.addEventListener('play',function loop(){update();if(!a.paused)requestAnimationFrame(loop);});
});
})();
"""


def _html_player(session: SessionData, report: AnswerReport) -> str:
    """An <audio> element for the answer's recording: the embedded Opus/WebM first, the
    answer-NN.wav beside the page as fallback; "" when the session has no recording for it."""
    n = report.n
    if session.path is None or n is None:
        return ""
    wav = session.path / f"answer-{n:02d}.wav"
    if not wav.is_file():
        return ""
    from voice_coach.audio import encode_opus_webm, load_audio

    sources = []
    try:
        webm = encode_opus_webm(load_audio(wav))
        sources.append('<source type="audio/webm;codecs=opus" '
                       f'src="data:audio/webm;base64,{base64.b64encode(webm).decode("ascii")}">')
    except AudioError as e:  # the WAV link below still plays beside the page
        log.warning("answer %s: recording not embedded in the page (%s)", n, e)
    sources.append(f'<source type="audio/wav" src="{_h(wav.name)}">')
    return (f'<div class="replay"><audio id="audio-{n}" controls preload="auto">'
            + "".join(sources) + "</audio></div>")


# ---- think-aloud drill (report["think_aloud"], see docs/drill.md) ---------------------------

THINK_ALOUD_BAR_WIDTH = 60  # characters of the one-line speech/silence/prompt bar
STRETCH_SEVERITY = ((20.0, "#a94442", 0.40, "silence ≥ 20 s"),  # (min duration, colour, alpha,
                    (10.0, "#d9534f", 0.28, "silence ≥ 10 s"),  # legend label), longest first
                    (5.0, "#f0ad4e", 0.25, "silence ≥ 5 s"))
TA_PLOT_HEIGHT_IN = 3.4
PROMPT_COLOUR = "#8e44ad"
SPEECH_COLOUR = "#5cb85c"
SILENCE_COLOUR = "#dddddd"
WPM_COLOUR = "#337ab7"
WPM_ZERO = 0.5  # axis fraction where 0 narration wpm sits
WPM_AXIS_MIN = 200.0  # the wpm axis reaches at least this


def think_aloud_block(report: AnswerReport) -> ThinkAloudInfo | None:
    """The report's `think_aloud` block for drawing, or None without one: `duration_s` spans
    everything on it (the recording, every region, stretch and prompt), prompts in time order.
    """
    ta = report.think_aloud
    if ta is None:
        return None
    audio_s = report.audio.duration_s if report.audio is not None else None
    ends = [ta.duration_s, audio_s] + [x.end for x in ta.speech_regions + ta.excluded] + \
        [it.end for it in ta.silent_stretches.items] + [p.end_s for p in ta.prompts]
    return dataclasses.replace(
        ta, duration_s=max([float(x) for x in ends if _isnum(x)] + [0.0]),
        prompts=tuple(sorted(ta.prompts, key=lambda p: p.at_s)))


SPEECH_FULL = 0.5  # a bar cell at least this much speech is drawn █
SPEECH_SOME = 0.1  # …at least this much ▄, less ·


def timeline_bar(ta: ThinkAloudInfo, width: int = THINK_ALOUD_BAR_WIDTH) -> str:
    """One line across the whole recording: █ speech, ▄ some speech, · silence, ! a prompt,
    and a letter where each reasoning marker was first heard (`MARKER_LETTERS`)."""
    duration = float(ta.duration_s or 0.0)
    if duration <= 0 or width <= 0:
        return ""
    cell = duration / width
    cells = []
    regions = [(float(r.start), float(r.end)) for r in ta.speech_regions]
    for i in range(width):
        a, b = i * cell, (i + 1) * cell
        spoken = sum(max(0.0, min(b, e) - max(a, s)) for s, e in regions) / cell
        cells.append("█" if spoken >= SPEECH_FULL else "▄" if spoken >= SPEECH_SOME else "·")

    def at(t: float) -> int:
        return min(width - 1, max(0, int(t / cell)))

    for name, m in ta.markers.items():
        if m.present and m.first_at_s is not None and name in MARKER_LETTERS:
            cells[at(m.first_at_s)] = MARKER_LETTERS[name]
    for p in ta.prompts:
        cells[at(p.at_s)] = "!"
    return "".join(cells)


def think_aloud_bar(ta: ThinkAloudInfo, width: int = THINK_ALOUD_BAR_WIDTH) -> str:
    """The drill summary's one-line bar for a block from `think_aloud_block`."""
    return timeline_bar(ta, width)


def think_aloud_legend() -> list[str]:
    """The two legend lines under the bar."""
    return ["█ speech  ▄ some speech  · silence  ! interviewer prompt",
            "  ".join(f"{letter} {LEGEND[name]}" for name, letter in MARKER_LETTERS.items())]


def _marker_names(ta: ThinkAloudInfo) -> tuple[list[str], list[str]]:
    names = list(MARKER_LETTERS) + [n for n in ta.markers if n not in MARKER_LETTERS]
    heard = [n for n in names if n in ta.markers and ta.markers[n].present]
    missing = [n for n in names if n in ta.markers and n not in heard]
    return heard, missing


def _marker_short(name: str) -> str:
    return f"{MARKER_LETTERS.get(name, '?')} {LEGEND.get(name, name)}"


def think_aloud_rows(ta: ThinkAloudInfo) -> list[tuple[str, str]]:
    """(label, value) rows of the key think-aloud numbers for a `think_aloud_block`."""
    cov = ta.narration_coverage
    ls = ta.longest_silence
    if ls is not None:
        after = f" after '{ls.preceding_words}'" if ls.preceding_words else ""
        longest = f"{ls.duration:.1f} s{ls.prompt_note} at {fmt_clock(ls.start)}{after}"
    else:
        longest = DASH
    st = ta.silent_stretches
    heard, missing = _marker_names(ta)
    heard_txt = ", ".join(f"{_marker_short(n)} {fmt_clock(ta.markers[n].first_at_s)}"
                          if ta.markers[n].first_at_s is not None else _marker_short(n)
                          for n in heard)
    counts = {5: st.count_5s, 10: st.count_10s, 20: st.count_20s}
    return [
        ("narration coverage", percent(cov) if cov is not None else DASH),
        ("narration pace", fmt_num(ta.narration_wpm, 0, "wpm")),
        ("answer time", f"{fmt_num(ta.answer_time_s, 0, 's')} (speaking "
                        f"{fmt_num(ta.speaking_s, 0, 's')}, lead-in "
                        f"{fmt_num(ta.lead_in_s, 1, 's')})"),
        ("longest silence", longest),
        ("silent stretches", " · ".join(f"≥{n} s: {fmt_num(c)}" for n, c in counts.items())),
        ("prompts needed", str(len(ta.prompts))),
        ("markers heard", heard_txt or DASH),
        ("markers missing", ", ".join(_marker_short(n) for n in missing) or DASH),
    ]


def _bar_line(ta: ThinkAloudInfo, width: int) -> str:
    return f"0:00 {think_aloud_bar(ta, width)} {fmt_clock(ta.duration_s)}"


def think_aloud_png(report: AnswerReport) -> bytes | None:
    """A PNG timeline of a think-aloud drill, or None when the report has no think_aloud block.

    Speech green / silence grey along the bottom; silent stretches shaded by severity (≥ 5 s
    orange, ≥ 10 s red, ≥ 20 s dark red) with their length on top; interviewer prompts as
    purple numbered lines (their interval hatched); each reasoning marker as a labelled tick
    where it was first heard; the narration wpm per window on the right-hand axis.
    """
    ta = think_aloud_block(report)
    if ta is None or not ta.duration_s:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    total = ta.duration_s
    fig = Figure(figsize=(PLOT_WIDTH_IN, TA_PLOT_HEIGHT_IN), dpi=PLOT_DPI)
    ax = fig.add_subplot(1, 1, 1)
    band = 0.2  # speech/silence band height (axis fraction)
    ax.axvspan(0, total, ymin=0.0, ymax=band, color=SILENCE_COLOUR, lw=0)
    for r in ta.speech_regions:
        ax.axvspan(r.start, r.end, ymin=0.0, ymax=band, color=SPEECH_COLOUR, lw=0)
    for x in ta.excluded:
        ax.axvspan(x.start, x.end, ymin=0.0, ymax=band, facecolor="white",
                   edgecolor=PROMPT_COLOUR, hatch="////", lw=0, alpha=0.6)
    for it in ta.silent_stretches.items:
        for min_s, colour, alpha, _ in STRETCH_SEVERITY:
            if it.duration >= min_s:
                ax.axvspan(it.start, it.end, ymin=band, ymax=1.0, color=colour,
                           alpha=alpha, lw=0)
                ax.text((it.start + it.end) / 2, 0.97, f"{it.duration:.0f} s",
                        ha="center", va="top", fontsize=8, color="#7a2a27",
                        transform=ax.get_xaxis_transform())
                break
    for i, p in enumerate(ta.prompts, 1):
        ax.axvline(p.at_s, color=PROMPT_COLOUR, lw=1.6, ls="--")
        ax.text(p.at_s, 0.86, f" !{i}", ha="left", va="top", fontsize=8, fontweight="bold",
                color=PROMPT_COLOUR, transform=ax.get_xaxis_transform())
    heard = sorted(((m.first_at_s, n) for n, m in ta.markers.items()
                    if m.present and m.first_at_s is not None))
    level = 0
    last_x = -math.inf
    for t, name in heard:
        # stagger labels that would overlap (closer than ~7% of the width)
        level = (level + 1) % 3 if t - last_x < total * 0.07 else 0
        last_x = t
        y = 0.30 + 0.11 * level
        ax.plot([t, t], [band, y], color="#333333", lw=1.0, transform=ax.get_xaxis_transform())
        near_end = t > total * 0.92  # label to the left so it stays inside the plot
        ax.text(t, y, f"{MARKER_LETTERS.get(name, '?')} {LEGEND.get(name, name)}",
                ha="right" if near_end else "left",
                va="bottom", fontsize=8, color="#222222", transform=ax.get_xaxis_transform(),
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "#999999", "lw": 0.5})
    ax.set_xlim(0, total)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.xaxis.set_major_locator(MaxNLocator(nbins=12, steps=[1, 2, 3, 5, 6, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: fmt_clock(x)))
    ax.set_xlabel("time (m:ss)")
    ax2 = ax.twinx()
    # the wpm curve lives in the upper half (0 wpm at WPM_ZERO), clear of the marker labels
    xs: list[float] = []
    ys: list[float] = []
    for w in ta.narration_wpm_timeline:
        if w.wpm is None or (xs and w.start > xs[-1] + 1e-6):
            if xs:
                ax2.step(xs + [xs[-1]], ys + [ys[-1]], where="post", color=WPM_COLOUR, lw=2.0)
            xs, ys = [], []
        if w.wpm is not None:
            if xs:
                xs.pop()  # the previous window's end is this one's start
                ys.pop()
            xs += [w.start, w.end]
            ys += [w.wpm, w.wpm]
    if xs:
        ax2.step(xs, ys, where="post", color=WPM_COLOUR, lw=2.0)
    wpms = [w.wpm for w in ta.narration_wpm_timeline if w.wpm is not None]
    top = max([WPM_AXIS_MIN] + [x * 1.25 for x in wpms])
    ax2.set_ylim(-top * WPM_ZERO / (1 - WPM_ZERO), top)
    ax2.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax2.set_yticks([t for t in ax2.get_yticks() if 0 <= t <= top])
    ax2.set_ylabel("narration wpm", color=WPM_COLOUR)
    ax2.yaxis.set_label_coords(1.045, 1 - (1 - WPM_ZERO) / 2)
    ax2.axhline(0, color=WPM_COLOUR, lw=0.5, alpha=0.4)
    handles = [Patch(color=SPEECH_COLOUR, label="speech"),
               Patch(color=SILENCE_COLOUR, label="silence")]
    handles += [Patch(color=c, alpha=min(1.0, a + 0.2), label=lab)
                for _, c, a, lab in reversed(STRETCH_SEVERITY)]
    handles += [Line2D([], [], color=PROMPT_COLOUR, ls="--", label="interviewer prompt"),
                Line2D([], [], color=WPM_COLOUR, lw=2, label="narration wpm (30 s)")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1.2), ncol=7,
              fontsize=8, frameon=False)
    fig.subplots_adjust(left=0.03, right=0.94, top=0.85, bottom=0.16)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _html_think_aloud(report: AnswerReport) -> str:
    ta = think_aloud_block(report)
    if ta is None:
        return ""
    out = ["<h3>Think-aloud</h3>"]
    png = think_aloud_png(report)
    prompts = ta.prompts
    if png:
        tip = "; ".join(f"!{i} {fmt_clock(p.at_s)} {p.text}" for i, p in enumerate(prompts, 1))
        out.append(f'<img class="ta" alt="think-aloud timeline of answer '
                   f'{_h(report.n if report.n is not None else "")}"'
                   + (f' title="{_h(tip)}"' if tip else "")
                   + f' src="{png_data_uri(png)}">')
    if prompts:
        out.append('<ol class="prompts">' + "".join(
            f'<li><span class="meta">{fmt_clock(p.at_s)}</span> {_h(p.text)}'
            + ("" if p.spoken else ' <span class="meta">(shown)</span>') + "</li>"
            for p in prompts) + "</ol>")
    out.append(f'<table class="ta">{_html_rows(think_aloud_rows(ta))}</table>')
    items = ta.silent_stretches.items
    if items:
        out.append('<table class="ta"><tr><th>silent stretch</th><th>length</th>'
                   "<th>after</th><th>prompted</th></tr>" + "".join(
                       f"<tr><td>{fmt_clock(it.start)}</td>"
                       f"<td class=num>{_h(fmt_num(it.duration, 1, 's'))}</td>"
                       f"<td>{_h(it.preceding_words or DASH)}</td>"
                       f"<td>{'yes' if it.prompted else ''}</td></tr>" for it in items)
                   + "</table>")
    return "\n".join(out)


MAX_PROGRESS_TICKS = 12  # label at most this many sessions on the x axis


def progress_png(rows: Sequence[ProgressRow], cfg: Config | None = None) -> bytes:
    """A PNG of trends over sessions: wpm, long pauses/min, longest pause, fillers/min, scores.

    Args:
        rows: one per session, oldest first (`progress.progress_rows`); a None value is no point.
        cfg: when given, the pace panel shades the target range pace.min_wpm–pace.max_wpm.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    panels = (("wpm", "pace (wpm)"), ("long_pauses_per_min", "long pauses / min"),
              ("longest_pause_s", "longest pause (s)"), ("fillers_per_min", "fillers / min"),
              ("structure", "structure score"), ("overall", "overall score"))
    fig = Figure(figsize=(10, 6.5), dpi=PLOT_DPI)
    xs = list(range(len(rows)))
    labels = [r.label for r in rows]
    for i, (key, title) in enumerate(panels):
        ax = fig.add_subplot(3, 2, i + 1)
        pts = [(x, getattr(r, key)) for x, r in zip(xs, rows, strict=True)
               if _isnum(getattr(r, key))]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], "-o", color="#337ab7",
                    markersize=4)
        if key == "wpm" and cfg is not None:
            ax.axhspan(cfg.pace.min_wpm, cfg.pace.max_wpm, color="#337ab7", alpha=0.08, lw=0)
        ax.set_title(title, fontsize=9)
        step = max(1, math.ceil(len(xs) / MAX_PROGRESS_TICKS))
        ticks = xs[::step]
        ax.set_xticks(ticks)
        ax.set_xticklabels([labels[t] for t in ticks] if i >= 4 else [""] * len(ticks),
                           rotation=30, ha="right", fontsize=7)
        ax.tick_params(axis="y", labelsize=8)
        if xs:
            ax.set_xlim(-0.5, len(xs) - 0.5)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
