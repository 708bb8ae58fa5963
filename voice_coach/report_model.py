"""The typed report: one frozen `AnswerReport` per answer, one `SessionReport` per session.

These values are what every stage after analysis passes around (pipeline → interview/drill →
store → renderers, `tune`, `progress`, `recover`, stories); JSON exists only at the store
boundary (`to_json` / `from_json`). Field names are the JSON keys of DESIGN.md's report
schema (and its "Additions"), so a field means exactly what the schema says; times are seconds
from the start of the recording.

`schema_version` 2 differs from 1 only in form: every key is written (a key a mode cannot fill
is `null`, never missing — v1 left out `think_aloud`, `no_speech`, `n`, … when they did not
apply), and v1 feedback severities "tip"/"warning" become "info"/"warn". `from_json` loads
both versions; unknown keys of old files are dropped, missing ones (and `null` where v2 always
has a value, e.g. `"scores": null` in a hand-made file) get their empty value.

This module is the bottom layer (no project imports), like `config` and `clock`.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

SCHEMA_VERSION = 2
SEVERITIES = ("info", "warn", "good")
V1_SEVERITIES = {"tip": "info", "warning": "warn"}  # v1 spellings, mapped on load

JSON = Any  # a value `json.loads` returns (the only untyped data: the store boundary)
ROUND_DIGITS = 3  # decimals the report keeps of a time or rate unless its stage says fewer


def rounded(x: float | None, digits: int = ROUND_DIGITS) -> float | None:
    """`x` as the report keeps it: a float rounded to `digits` decimals; None for None, NaN or
    infinity (the report never holds NaN)."""
    if x is None or not math.isfinite(x):
        return None
    return round(float(x), digits)


def percent(fraction: float) -> str:
    """A share (0..1) as the report prints it, in whole percent: "61%". Every view of one
    share calls this, so they cannot round it two ways."""
    return f"{round(fraction * 100)}%"


NOT_COVERED = "Not covered: "  # how the coach's line of missed key points opens, in every view


def counted(n: int, noun: str) -> str:
    """'1 hedge', '3 hedges', '0 quantified results': a count with its noun in the right number
    (`noun` singular; plural by adding "s")."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class ReportFormatError(ValueError):
    """A report file's JSON does not have the schema's shape (the message names the field)."""


# --- values shared with the stages (re-exported where they were defined before) ----------------

def is_spoken(text: str) -> bool:
    """A token of a transcript says something: it has a letter or a digit. Whisper also writes
    punctuation as tokens of their own ("." runs, sure ones, over noise that comes and goes):
    those are no word heard."""
    return any(c.isalnum() for c in text)


class Word(NamedTuple):
    """One transcribed word, seconds from the start of the audio."""

    text: str  # as Whisper wrote it, leading space stripped
    start: float
    end: float
    probability: float = 1.0  # Whisper's word probability (1.0 when not known)

    @property
    def spoken(self) -> bool:
        """The token is a word heard, not punctuation (`is_spoken`)."""
        return is_spoken(self.text)


class Span(NamedTuple):
    """A stretch of the recording, seconds (`transcript.unrecognised`, `speech_segments`, …)."""

    start: float
    end: float


class LostSpan(NamedTuple):
    """Speech without words (`transcript.unrecognised`), seconds; `reason` "too quiet" when it
    lies in quiet speech (`delivery.quiet_speech`)."""

    start: float
    end: float
    reason: str | None = None


class Pause(NamedTuple):
    start: float  # seconds from the start of the recording
    end: float
    duration: float


class PaceWindow(NamedTuple):
    start: float
    end: float
    wpm: float


@dataclass(frozen=True)
class Scores:
    """0–100 scores; `delivery` None without audio, all None for an answer with no speech."""

    delivery: int | None
    structure: int | None
    content: int | None
    overall: int | None

    def to_dict(self) -> dict[str, int | None]:
        return {"delivery": self.delivery, "structure": self.structure, "content": self.content,
                "overall": self.overall}


@dataclass(frozen=True)
class FeedbackItem:
    area: str  # transcription | silence | pauses | lead_in | pace | fillers | voice | length |
    #            star | metrics | scale | principles | ownership | hedges | technical |
    #            key_points | clarify | think_aloud | follow_up | relevance | speech | content |
    #            structure (an introduction's score, from its key points)
    severity: str  # info | warn | good
    at_s: float | None  # seconds from the start of the recording, when the finding has a place
    message: str
    # the fact (`vocabulary.FACT_LABELS` key) whose absence the line coaches ("action" for "No
    # Action: …"), so a follow-up reply that supplied it shows the line as resolved in every view
    fact: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, "
                             f"got {self.severity!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"area": self.area, "severity": self.severity,
                "at_s": None if self.at_s is None else round(self.at_s, 2),
                "message": self.message, **({"fact": self.fact} if self.fact else {})}


# --- the report's blocks --------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    id: str | None = None
    text: str | None = None
    kind: str | None = None
    category: str | None = None


@dataclass(frozen=True)
class AudioInfo:
    path: str | None = None  # file name inside the session folder (or the analysed file's name)
    duration_s: float | None = None
    sample_rate: int | None = None


@dataclass(frozen=True)
class TranscriptInfo:
    """`words` and `unrecognised` are None for a plain-text transcript."""

    text: str = ""
    backend: str | None = None
    model: str | None = None
    words: tuple[Word, ...] | None = None
    unrecognised: tuple[LostSpan, ...] | None = None


class FillerMark(NamedTuple):
    text: str
    start: float | None
    end: float | None
    source: str | None  # "whisper" | "acoustic" | "whisper+acoustic"


@dataclass(frozen=True)
class DeliveryInfo:
    """The `delivery` block; `analysis.delivery.Delivery` is this record (unrounded) plus what
    only the coach reads."""

    speech_start_s: float | None = None
    speech_end_s: float | None = None
    lead_in_s: float | None = None
    pauses: tuple[Pause, ...] = ()
    long_pause_count: int = 0
    silence_count: int = 0
    longest_pause_s: float | None = None
    word_count: int = 0
    wpm: float | None = None
    articulation_wpm: float | None = None
    pace_timeline: tuple[PaceWindow, ...] = ()
    fillers: tuple[FillerMark, ...] = ()
    filler_count: int = 0
    fillers_per_min: float | None = None
    speech_segments: tuple[Span, ...] = ()  # the VAD regions `tune` re-scores from
    duration_s: float | None = None
    quiet_speech: tuple[Span, ...] | None = None  # speech far quieter than the rest
    #                                      (analysis/quiet.py); None in reports made before it
    background_voice: tuple[Span, ...] | None = None  # a quieter other voice, not counted as
    #                   the candidate's speech (analysis/background.py); None before session 20
    releases: tuple[Span, ...] | None = None  # a word's soft release past a speech segment's
    #   end that a pause starts after (analysis/vad.py `releases_after`): (segment end, release
    #   end); `tune` re-scores the pauses from them; None before session 26
    onsets: tuple[Span, ...] | None = None  # a word's soft onset before a speech segment's
    #   start that a pause ends at (analysis/vad.py `onsets_before`): (onset start, segment
    #   start); `tune` re-scores the pauses from them; None before session 26b


@dataclass(frozen=True)
class StarPart:
    present: bool = False
    share: float = 0.0
    # not found in the recognised words while speech was lost (`transcript.unrecognised`): it
    # may be in the lost speech, so it is "not heard", not missing, and not scored (QA9 F04)
    not_heard: bool = False


@dataclass(frozen=True)
class MetricTriadInfo:
    """The metric triad of a story: a baseline, an after and a business outcome said."""

    baseline: bool = False
    after: bool = False
    business_outcome: bool = False
    complete: bool = field(default=False, init=False)  # all three said (set from them)
    evidence: tuple[str, ...] = ()
    # per triad slot, the words its number was read from, as the analysis read them:
    # ("pair", "18% to 9%") the baseline and the after, ("baseline", …), ("after", …) and
    # ("outcome", "€300K per quarter") — what every view shows in that slot (one set of facts:
    # the story bank and the brief show these, never a second reading of the words; QA20)
    slots: tuple[tuple[str, str], ...] = ()
    # the words a business outcome said without a number was read from ("complaint calls about
    # blocked cards stopped"), so a ✓ with no number can be checked; "" when a number was said
    outcome_words: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "complete",
                           self.baseline and self.after and self.business_outcome)


UNCLEAR_CREDIT = 0.5  # a key point not clearly heard counts half in the content score


@dataclass(frozen=True)
class KeyPoints:
    """The question's key points: covered, missed, and not clearly heard (`unclear`: neither
    clearly made nor clearly absent), each unclear one with the closest words said (`closest`,
    same order)."""

    covered: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    unclear: tuple[str, ...] = ()
    closest: tuple[str, ...] = ()
    # not found while speech was lost: maybe said in it — neither missed nor scored (QA9 F04)
    not_heard: tuple[str, ...] = ()

    def covered_share(self) -> float | None:
        """Share of the judged key points covered, one not clearly heard counting
        `UNCLEAR_CREDIT`; None when none was judged."""
        n = len(self.covered) + len(self.missed) + len(self.unclear)
        return (len(self.covered) + UNCLEAR_CREDIT * len(self.unclear)) / n if n else None


@dataclass(frozen=True)
class StructureInfo:
    kind: str | None = None
    star: dict[str, StarPart] = field(default_factory=dict)  # situation, task, action, result, learning
    metric_triad: MetricTriadInfo = MetricTriadInfo()
    quantified_results: int = 0
    scale_evidence: tuple[str, ...] = ()
    leadership_principles: tuple[str, ...] = ()
    # naming phrases that say a principle the transcriber misheard ("the principle is not
    # deep"): said, not clearly heard — never reported as "no principle named" (QA15 F03)
    principles_unclear: tuple[str, ...] = ()
    i_we_ratio: float | None = None
    hedges: int = 0
    clarifying_question: bool = False
    signposts: int = 0
    tradeoffs: bool = False
    key_points: KeyPoints = KeyPoints()
    hypothetical: bool = False
    method: str | None = None  # "meaning" | "rules"


@dataclass(frozen=True)
class Timeline:
    """A value every `step_s` seconds from `start_s` (the saved prosody track); the subclass
    names the value."""

    step_s: float = 0.05
    start_s: float = 0.0


@dataclass(frozen=True)
class PitchTimeline(Timeline):
    hz: tuple[float | None, ...] = ()  # None where there is no pitch


@dataclass(frozen=True)
class EnergyTimeline(Timeline):
    dbfs: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class PitchInfo:
    """The prosody block's pitch (over voiced speech); `analysis.prosody` fills it unrounded."""

    median_hz: float | None = None
    range_st: float | None = None  # 90th − 10th percentile, semitones
    variation_st: float | None = None  # standard deviation, semitones
    coverage: float | None = None  # share of speech time with a measurable pitch, 0–1
    timeline: PitchTimeline | None = None


@dataclass(frozen=True)
class EnergyInfo:
    speech_dbfs: float | None = None  # mean power of speech, dBFS
    too_quiet: bool = False
    clipped_share: float | None = None  # share of samples at full scale
    timeline: EnergyTimeline | None = None


class MonotoneMark(NamedTuple):
    start: float
    end: float
    variation_st: float | None


class FadeMark(NamedTuple):
    start: float
    end: float
    drop_db: float | None


class UptalkMark(NamedTuple):
    start: float
    end: float
    rise_st: float | None


@dataclass(frozen=True)
class ProsodyInfo:
    pitch: PitchInfo = PitchInfo()
    monotone_stretches: tuple[MonotoneMark, ...] = ()
    energy: EnergyInfo = EnergyInfo()
    fades: tuple[FadeMark, ...] = ()
    sentence_ends: int = 0
    uptalk: tuple[UptalkMark, ...] = ()
    declaratives: int = 0
    no_pitch: tuple[Span, ...] = ()
    speech_s: float | None = None
    monotone_share: float | None = None


@dataclass(frozen=True)
class FollowUpCheckInfo:
    """How a follow-up answer did against its rubric."""

    kind: str = ""
    label: str = ""
    asks: str = ""
    supplied: bool = False
    specific: bool = False
    evidence: tuple[str, ...] = ()
    target_s: tuple[float, float] | None = None  # (min, max) seconds
    length_s: float | None = None
    length_ok: bool = False
    not_checked: bool = False  # no rubric could judge what was asked: not scored
    switched_story: bool = False  # the reply tells another story than the answer it follows


@dataclass(frozen=True)
class Timings:
    transcribe_s: float | None = None
    analyze_s: float | None = None
    feedback_latency_s: float | None = None
    prosody_s: float | None = None


class SilentStretchMark(NamedTuple):
    start: float
    end: float
    duration: float  # s of candidate silence: an interviewer prompt inside is not counted
    preceding_words: str
    prompted: bool

    @property
    def prompt_note(self) -> str:
        """" (25.0 s with the prompt)" when a prompt inside the stretch was not counted (the
        delivery table's pauses count it), else ""."""
        span_s = self.end - self.start
        return f" ({span_s:.1f} s with the prompt)" if self.prompted and \
            span_s - self.duration >= 0.05 else ""


@dataclass(frozen=True)
class SilentStretches:
    threshold_s: float | None = None
    count_5s: int = 0
    count_10s: int = 0
    count_20s: int = 0
    items: tuple[SilentStretchMark, ...] = ()


class NarrationWindowMark(NamedTuple):
    start: float
    end: float
    wpm: float | None
    speaking_share: float | None


@dataclass(frozen=True)
class PromptMark:
    at_s: float
    end_s: float
    text: str
    spoken: bool | None = None  # set once the prompt was (or was not) said aloud


@dataclass(frozen=True)
class MarkerInfo:
    present: bool = False
    first_at_s: float | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThinkAloudFacts:
    no_speech: bool = False
    markers_heard: tuple[str, ...] = ()
    markers_missing: tuple[str, ...] = ()
    longest_silence_clock: str | None = None
    longest_silence_after: str | None = None
    silent_stretch_time_s: float | None = None
    silent_stretch_share: float | None = None
    excluded_s: float | None = None


@dataclass(frozen=True)
class ThinkAloudInfo:
    """A drill answer's `think_aloud` block (docs/drill.md)."""

    duration_s: float | None = None
    answer_start_s: float | None = None
    lead_in_s: float | None = None
    answer_time_s: float | None = None
    speaking_s: float | None = None
    narration_coverage: float | None = None
    silent_stretches: SilentStretches = SilentStretches()
    longest_silence: SilentStretchMark | None = None
    word_count: int = 0
    narration_wpm: float | None = None
    narration_wpm_timeline: tuple[NarrationWindowMark, ...] = ()
    prompts: tuple[PromptMark, ...] = ()
    prompts_needed: int = 0
    markers: dict[str, MarkerInfo] = field(default_factory=dict)
    excluded: tuple[Span, ...] = ()
    speech_regions: tuple[Span, ...] = ()
    facts: ThinkAloudFacts = ThinkAloudFacts()


@dataclass(frozen=True)
class RecordingInfo:
    """How a saved answer's recording went."""

    ended_by: str | None = None  # end_of_input | enter | end_phrase | time_limit | interrupted …
    overflows: int = 0
    nudges_s: tuple[float, ...] = ()


@dataclass(frozen=True)
class DrillInfo:
    mode: str = "think-aloud"
    minutes: float | None = None
    prompt_after_s: float | None = None


@dataclass(frozen=True)
class WithFollowUp:
    """What an answer's follow-up reply supplied, and the answer's scores with it merged in."""

    kind: str = ""
    label: str = ""
    supplied: bool = False
    evidence: tuple[str, ...] = ()
    scores: Scores | None = None
    facts: dict[str, bool] = field(default_factory=dict)
    n: int | None = None  # the reply's answer number
    switched_story: bool = False  # the reply told another story: nothing merged
    # the key points the answer left open that the reply made, counted in `scores` (shown
    # "key points ✗ → ✓ with the follow-up")
    points: tuple[str, ...] = ()
    # whether `scores` are the answer's score wherever a session counts it (session table,
    # round summary, the session score of `review`): the reply supplied what was asked, in the
    # same story. False: the answer's own `scores` stand. None: saved before the field (read as
    # `counts` derives it)
    counted: bool | None = None

    @property
    def counts(self) -> bool:
        """Whether the answer is scored with the follow-up merged in (`counted`; for a report
        saved before the field: the reply supplied what was asked, in the same story)."""
        if self.scores is None:
            return False
        if self.counted is not None:
            return self.counted
        return self.supplied and not self.switched_story

    @property
    def counted_overall(self) -> int | None:
        """The overall the session counts for the answer when `counts`, else None (its own
        `scores.overall` stands)."""
        return self.scores.overall if self.counts and self.scores is not None else None


@dataclass(frozen=True)
class AnswerReport:
    """One answer's report (`voice-coach analyze --json`, `answer-NN.json`)."""

    question: Question | None = None
    audio: AudioInfo | None = None  # None for a plain-text transcript
    transcript: TranscriptInfo = TranscriptInfo()
    delivery: DeliveryInfo | None = None  # None for a plain-text transcript
    structure: StructureInfo = StructureInfo()
    prosody: ProsodyInfo | None = None
    scores: Scores = Scores(None, None, None, None)
    feedback: tuple[FeedbackItem, ...] = ()
    follow_up: str | None = None
    follow_up_key: str | None = None
    follow_up_kind: str | None = None  # set on a reply to a follow-up: the gap it was asked about
    follow_up_check: FollowUpCheckInfo | None = None
    timings: Timings = Timings()
    think_aloud: ThinkAloudInfo | None = None  # drill answers
    no_speech: bool = False  # no speech region at all: not scored
    no_content: bool = False  # fillers only: no answer content to analyse, not scored
    # why the transcript is unreliable (quiet/noisy audio Whisper was unsure of): what the
    # answer says is not judged — no structure/content score, nothing called missed (QA14 F09)
    unheard: str | None = None
    # saved answers only (None from `analyze`):
    n: int | None = None
    follow_up_of: int | None = None
    attempt: int | None = None
    created_at: str | None = None  # ISO 8601 with offset
    recording: RecordingInfo | None = None
    drill: DrillInfo | None = None
    with_follow_up: WithFollowUp | None = None
    schema_version: int = SCHEMA_VERSION

    def to_json(self) -> dict[str, Any]:
        """The schema's JSON object (every key present, `schema_version` first)."""
        out = _dump(self)
        return {"schema_version": SCHEMA_VERSION, **out}

    @classmethod
    def from_json(cls, data: JSON) -> AnswerReport:
        """Load a saved report of schema version 1 or 2.

        Raises:
            ReportFormatError: not a report object, a newer schema, or a field of the wrong shape.
        """
        if not isinstance(data, dict):
            raise ReportFormatError("a report must be a JSON object")
        _check_version(data)
        data = _migrate_answer_v1(data) if data.get("schema_version", 1) == 1 else data
        return _load(cls, data, "report")

    @property
    def words(self) -> tuple[Word, ...]:
        return self.transcript.words or ()

    @property
    def kind(self) -> str | None:
        """The kind the answer was coached as (`questions.answer_kind`, written to the structure
        block), else the question's kind."""
        return self.structure.kind or (self.question.kind if self.question is not None else None)

    @property
    def question_id(self) -> str | None:
        return self.question.id if self.question is not None else None


@dataclass(frozen=True)
class SessionQuestion:
    n: int
    id: str | None = None
    text: str | None = None
    kind: str | None = None
    category: str | None = None
    follow_up: bool = False
    follow_up_kind: str | None = None
    attempt: int | None = None


@dataclass(frozen=True)
class SessionAnswer:
    """session.json's entry for one saved answer."""

    n: int
    report: str | None = None  # answer-NN.json
    audio: str | None = None  # answer-NN.wav, None when the WAV is gone
    question_id: str | None = None
    overall: int | None = None


@dataclass(frozen=True)
class SessionReport:
    """`session.json` (mode, questions asked, config snapshot, status) — the session's own facts;
    its answers are `AnswerReport`s in their own files."""

    id: str = ""
    created_at: str | None = None
    mode: str | None = None
    title: str | None = None
    status: str | None = None  # complete | interrupted
    questions: tuple[SessionQuestion, ...] = ()
    answers: tuple[SessionAnswer, ...] = ()
    config: dict[str, dict[str, JSON]] = field(default_factory=dict)  # `Config.to_dict()` snapshot
    finished_at: str | None = None
    recovered: bool = False  # `recover` analysed answers after an interruption
    demo: bool = False  # `voice-coach demo`: a synthesized candidate's answers, not the user's
    schema_version: int = SCHEMA_VERSION

    @property
    def is_demo(self) -> bool:
        """A demo round: its `demo` flag, or (saved before the flag) mode "demo" or the demo's
        title "demo-round"."""
        return self.demo or self.mode == "demo" or self.title == "demo-round"

    def to_json(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **_dump(self)}

    @classmethod
    def from_json(cls, data: JSON) -> SessionReport:
        """Load session.json of schema version 1 or 2 (raises `ReportFormatError`)."""
        if not isinstance(data, dict):
            raise ReportFormatError("session.json must be a JSON object")
        _check_version(data)
        return _load(cls, data, "session")


# --- JSON ⇄ values ----------------------------------------------------------------------------

def _check_version(data: dict[str, Any]) -> None:
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= SCHEMA_VERSION:
        raise ReportFormatError(f"schema_version {version!r} is not one this version reads "
                                f"(1–{SCHEMA_VERSION}) — update voice-coach")


def _migrate_answer_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v1 → v2: old severity spellings; everything else loads as is (missing keys → empty)."""
    feedback = data.get("feedback")
    if isinstance(feedback, list):
        data = dict(data, feedback=[
            dict(f, severity=V1_SEVERITIES.get(f.get("severity"), f.get("severity")))
            if isinstance(f, dict) else f for f in feedback])
    return data


T = TypeVar("T")


def _load(tp: Any, value: JSON, where: str) -> Any:
    """`value` (parsed JSON) as type `tp`: dataclasses and NamedTuples from objects (unknown
    keys dropped, missing ones defaulted), tuples from lists; scalars are kept as read."""
    if tp is Any:
        return value
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)] or (Any,)
        return _load(inner, value, where)
    if value is None:
        return None
    if dataclasses.is_dataclass(tp) or _is_namedtuple(tp):
        return _load_record(tp, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise ReportFormatError(f"{where} must be a list")
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):
            raise ReportFormatError(f"{where} must have {len(args)} items")
        return tuple(_load(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, value)))
    if origin is dict:
        if not isinstance(value, dict):
            raise ReportFormatError(f"{where} must be an object")
        _, vt = typing.get_args(tp)
        return {str(k): _load(vt, v, f"{where}.{k}") for k, v in value.items()}
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ReportFormatError(f"{where} must be a number")
        return value
    if tp in _NAMES and (not isinstance(value, tp) or (tp is int and isinstance(value, bool))):
        raise ReportFormatError(f"{where} must be {_NAMES[tp]}")
    return value


_NAMES = {int: "a whole number", str: "text", bool: "true or false"}


def _is_namedtuple(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(tp: type) -> dict[str, Any]:
    if tp not in _HINTS:
        _HINTS[tp] = typing.get_type_hints(tp)
    return _HINTS[tp]


def _load_record(tp: type, value: JSON, where: str) -> Any:
    hints = _hints(tp)
    if _is_namedtuple(tp):
        if not isinstance(value, dict):
            raise ReportFormatError(f"{where} must be an object")
        missing = [n for n in tp._fields if n not in value and n not in tp._field_defaults
                   and not _optional(hints[n])]
        if missing:
            raise ReportFormatError(f"{where} lacks {', '.join(missing)}")
        return tp(**{n: _load(hints[n], value.get(n), f"{where}.{n}") for n in tp._fields
                     if n in value or n not in tp._field_defaults})
    if not isinstance(value, dict):
        raise ReportFormatError(f"{where} must be an object")
    kwargs = {}
    for f in dataclasses.fields(tp):
        if not f.init:
            continue  # derived from the other fields (e.g. `MetricTriadInfo.complete`)
        if value.get(f.name) is None and not _optional(hints[f.name]) and (
                f.default is not dataclasses.MISSING
                or f.default_factory is not dataclasses.MISSING):
            continue  # absent, or null in an old file where v2 always has a block: empty
        if f.name in value:
            kwargs[f.name] = _load(hints[f.name], value[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ReportFormatError(f"{where} lacks {f.name}")
    kwargs.pop("schema_version", None)
    try:
        return tp(**kwargs)
    except ValueError as e:  # e.g. an unknown feedback severity
        raise ReportFormatError(f"{where}: {e}") from None


def _optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and \
        type(None) in typing.get_args(tp)


def _dump(value: Any) -> JSON:
    """A value of this module as JSON data (tuples → lists, records → objects)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name != "schema_version"}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {n: _dump(v) for n, v in zip(value._fields, value)}
    if isinstance(value, (tuple, list)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def dump(value: Any) -> JSON:
    """One block of a report as schema JSON (the inverse of `load_as`), e.g. the stages'
    `to_dict` of their report-model values."""
    return _dump(value)


def load_as(tp: type[T], data: JSON, where: str = "value") -> T:
    """One block of a report from its schema JSON (e.g. `load_as(ThinkAloudInfo, block)` for a
    block written by hand); the stages hand over their typed blocks (`info()`)."""
    return _load(tp, data, where)


__all__ = [
    "AnswerReport", "AudioInfo", "DeliveryInfo", "DrillInfo", "FeedbackItem", "FillerMark",
    "NOT_COVERED",
    "FollowUpCheckInfo", "KeyPoints", "MarkerInfo", "MetricTriadInfo", "PaceWindow", "Pause",
    "ProsodyInfo", "Question", "ROUND_DIGITS", "RecordingInfo", "ReportFormatError",
    "SCHEMA_VERSION", "SEVERITIES", "Scores", "SessionAnswer", "SessionQuestion", "SessionReport",
    "Span", "StarPart", "StructureInfo", "ThinkAloudInfo", "Timings", "TranscriptInfo",
    "UNCLEAR_CREDIT",
    "WithFollowUp", "Word", "dump", "load_as", "percent", "rounded",
]
