"""The interview question bank: load and validate `prompts/*.toml`, look up, filter and pick
questions, plan mock rounds, and choose follow-up questions.

Questions are plain TOML files (one `[[question]]` table per question, see docs/questions.md),
validated strictly on load: every problem is one `QuestionError` line that names the file and
the line or question id. Picking always takes an injected `random.Random`, so a seeded round is
reproducible. This module never touches audio and never blocks.
"""

from __future__ import annotations

import difflib
import logging
import math
import os
import random
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from voice_coach.errors import QuestionError

log = logging.getLogger(__name__)

PROMPTS_ENV = "VOICE_COACH_PROMPTS"

LEADERSHIP_PRINCIPLES: tuple[str, ...] = (
    "Customer Obsession",
    "Ownership",
    "Invent and Simplify",
    "Are Right A Lot",
    "Learn and Be Curious",
    "Hire and Develop the Best",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Frugality",
    "Earn Trust",
    "Dive Deep",
    "Have Backbone; Disagree and Commit",
    "Deliver Results",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
)

KINDS: tuple[str, ...] = ("behavioral", "technical", "coding")

# What an answer can lack -> a generic spoken follow-up. A question's own `follow_ups` table
# (keys from this same set) overrides the generic text.
GENERIC_FOLLOW_UPS: Mapping[str, str] = MappingProxyType({
    "no_result": "What was the result, and how did you measure it?",
    "no_baseline": "What was the number before your change, so I can compare?",
    "no_business_outcome": "What did that mean for customers or for the business?",
    "no_scale": "How big was this? How many users, requests, or how much data?",
    "no_principle": "Which Leadership Principle would you say that story shows?",
    "no_tradeoff": "What trade-offs did you weigh, and what did you give up?",
    "no_example": "Can you give me a concrete example?",
    "no_clarify": "Is there anything you would have wanted to clarify before answering?",
    "no_complexity": "What is the time and memory complexity of your approach?",
    "no_test": "How would you test or validate that?",
    "no_action": "What exactly did you do, step by step?",
    "no_i": "What was your personal contribution, as opposed to the team's?",
    "no_learning": "What did you learn from that, and what would you do differently?",
    "no_real_time": "Can you tell me about one specific time that actually happened — what "
                    "was going on and what did you do?",
})
FOLLOW_UP_KEYS: tuple[str, ...] = tuple(GENERIC_FOLLOW_UPS)
# `no_result` when the outcome was told without a number ("It fixed it."): ask for the number,
# not again for how it turned out. Its examples fit any story (QA17 F13: no "minutes of
# downtime" after a story about a teammate).
RESULT_NUMBER_FOLLOW_UP = ("You said how it ended — what number shows it? For example the "
                           "metric before and after, or how many people it made a difference "
                           "for.")

# --- the kind an answer is coached as -----------------------------------------------------------
# A question's bank `kind` says what it is about; the kind its answer is coached as can differ:
# "Tell me about a model you fine-tuned …" is filed as technical but asks for something the
# candidate did, so its answer is a project story (STAR-L, metric triad, principles), not an
# explanation that should open with a definition. `answer_kind` is the one place that decides.

STORY_KIND = "behavioral"
# a sentence that asks something (the scenario set-up before it — "Your model is slower …" — does
# not count): an imperative, a question word, or a sentence ending in "?"
_ASK = re.compile(r"^(?:tell|describe|explain|walk|talk|give|design|write|implement|how|what|why|"
                  r"when|which|where|who|think|imagine|suppose|solve|share|compare|can|could|"
                  r"would|do|did|have|has|is|are|name|list|pick|choose|sketch)\b")
# the first ask is about something the candidate did: "tell me about a model you fine-tuned",
# "describe a time …", "how did your work change …", "have you ever shipped …"
_PAST_VERB = (r"(?:re|co|over)?(?:[a-z-]+ed|built|made|ran|led|shipped|did|had|took|saw|found|"
              r"won|wrote|drove|"
              r"taught|met|lost|got|gave|brought|chose|fought|broke|sold|set up|put|done|been|"
              r"seen|given|taken|gone|known|grown|shown|written|driven|run|built|turned)")
_EXPERIENCE_ASK = re.compile(
    r"^(?:(?:tell me|tell us|talk me through|walk me through|describe|share|give me an example of)"
    r"\b[^.?!]*?\b(?:a time|an? (?:occasion|moment|situation)|you(?:'ve| have| had)? "
    rf"(?:\w+ly )?{_PAST_VERB}\b|your \w+ (?:\w+ly )?{_PAST_VERB}\b)"
    r"|how did (?:you|your)\b|have you (?:ever )?\w+ed\b|what (?:was|did) (?:you|your)\b"
    rf"|what (?:is|was) [^.?!]*?\byou (?:\w+ly )?{_PAST_VERB}\b)")


def asks_for_experience(text: str) -> bool:
    """True when the question's first ask is about something the candidate did ("Tell me about
    a model you fine-tuned", "How did your fine-tuning work change things …"), not an
    explanation or a design ("Explain …, and tie it to a real choice you made" is an
    explanation: its first ask is "explain")."""
    return _EXPERIENCE_ASK.match(first_ask(text)) is not None


def first_ask(text: str) -> str:
    """The question's first sentence that asks something (lower case), skipping a scenario
    set-up ("Your model is slower than the SLA. What are your options?" → "what are your
    options?"); "" when none does."""
    for sentence in re.split(r"(?<=[.?!])\s+", " ".join(text.lower().split())):
        if _ASK.match(sentence) or sentence.endswith("?"):
            return sentence
    return ""


def answer_kind(question: Any | None, told_as: str | None = None) -> str | None:
    """The kind an answer to `question` is coached as: "behavioral" (a story), "technical" or
    "coding". The one place this is decided (pipeline, coach and views call it).

    - no question: `told_as`, the kind the structure analysis inferred from the answer;
    - a behavioural or coding question: its kind;
    - a technical question that asks about something the candidate did
      (`asks_for_experience`): a story, coached with its triad and what was done;
    - a technical scenario that also lists Leadership Principles ("your fine-tuned model got
      worse on some queries — how do you handle it?"): the bank expects it may be answered with
      a real time, so the answer decides — a story when it is told as one (`told_as`
      "behavioral"), else technical; None while `told_as` is not known yet;
    - any other technical question: technical.
    """
    if question is None:
        return told_as
    kind = question.kind
    if kind != "technical":
        return kind
    if asks_for_experience(question.text):
        return STORY_KIND
    if question.principles:
        if told_as is None:
            return None
        return STORY_KIND if told_as == STORY_KIND else kind
    return kind


MAX_FILE_BYTES = 1_000_000  # a question file larger than this is refused (1 MB)
MAX_TARGET_S = 3600.0  # longest sensible answer target, seconds

_REQUIRED_KEYS = ("id", "category", "kind", "text", "target_s")
_OPTIONAL_KEYS = ("principles", "key_points", "follow_ups", "story")
_ALLOWED_KEYS = _REQUIRED_KEYS + _OPTIONAL_KEYS
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEADER_RE = re.compile(r"^[ \t]*\[\[[ \t]*question[ \t]*\]\]", re.MULTILINE)


@dataclass(frozen=True)
class Question:
    """One interview question from the bank.

    Attributes:
        id: unique kebab-case id, e.g. "lp-dive-deep-1".
        category: topic, e.g. "core-ml", "recsys", "leadership".
        kind: "behavioral", "technical" or "coding" (decides how the answer is analysed).
        text: the question as it is spoken aloud.
        principles: Leadership Principles a strong answer shows (always set for behavioral).
        key_points: short phrases a strong answer covers.
        follow_ups: read-only mapping from what is missing (e.g. "no_baseline") to a spoken
            follow-up question.
        target_s: target answer length, seconds.
        source: where the question was defined, "file.toml:line".
        story: whether the question asks for one real past event told as a story (default);
            False for a question about the speaker ("tell me about yourself", "why Amazon",
            "your next role"), whose answer is read as a story only where it clearly tells one
            (`analysis.structure.STORY_UNASKED_PROBA`).
    """

    id: str
    category: str
    kind: str
    text: str
    principles: tuple[str, ...]
    key_points: tuple[str, ...]
    follow_ups: Mapping[str, str] = field(hash=False)
    target_s: float
    source: str
    story: bool = True

    def follow_up(self, missing: Iterable[str]) -> str | None:
        """The follow-up for the first known key in `missing` (the coach's priority order).

        The question's own text for that key wins; otherwise the generic one. Unknown keys are
        skipped. Returns None when nothing in `missing` is a follow-up key.
        """
        for key in missing:
            if key in self.follow_ups:
                return self.follow_ups[key]
            if key in GENERIC_FOLLOW_UPS:
                return GENERIC_FOLLOW_UPS[key]
        return None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict of every field."""
        return {"id": self.id, "category": self.category, "kind": self.kind, "text": self.text,
                "principles": list(self.principles), "key_points": list(self.key_points),
                "follow_ups": dict(self.follow_ups), "target_s": self.target_s,
                "source": self.source, "story": self.story}


def default_prompts_dir() -> Path:
    """$VOICE_COACH_PROMPTS if set, else the repository's `prompts/` next to the package."""
    env = os.environ.get(PROMPTS_ENV)
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parent.parent / "prompts"


# ---------------------------------------------------------------------------------- loading

def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# British spellings of a kind, accepted as the kind itself
KIND_ALIASES = {"behavioural": "behavioral", "behaviour": "behavioral", "behavior": "behavioral"}


def canonical_kind(kind: str) -> str:
    """The question kind `kind` names ("behavioural" → "behavioral").

    Raises:
        QuestionError: not a kind; the message suggests the closest one.
    """
    k = " ".join(str(kind).lower().split())
    k = KIND_ALIASES.get(k, k)
    if k in KINDS:
        return k
    prefix = [c for c in KINDS if c.startswith(k)] if k else []
    hint = f"; did you mean '{prefix[0]}'?" if len(prefix) == 1 else _suggest(k, KINDS)
    raise QuestionError(f"unknown kind '{kind}'{hint} (valid: {', '.join(KINDS)})")


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


class _Where:
    """Builds error messages located at one question of one file."""

    def __init__(self, path: Path, line: int | None, index: int) -> None:
        self.path, self.line, self.index = path, line, index
        self.qid: str | None = None

    def __str__(self) -> str:
        loc = f"{self.path}:{self.line}" if self.line else str(self.path)
        # an id is shown escaped: a control character in it ("0\n") never breaks the one-line error
        qid = self.qid.encode("unicode_escape").decode("ascii") if self.qid else None
        who = f"question '{qid}'" if qid else f"question #{self.index + 1}"
        return f"{loc}: {who}"

    def error(self, message: str) -> QuestionError:
        return QuestionError(f"{self}: {message}")


def _string(entry: Mapping[str, Any], key: str, where: _Where) -> str:
    value = entry[key]
    if not isinstance(value, str):
        raise where.error(f"'{key}' must be a string, got {_type_name(value)}")
    return value


def _string_list(entry: Mapping[str, Any], key: str, where: _Where) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(f"'{key}' must be a list of strings, got {_type_name(value)}")
    items = tuple(" ".join(v.split()) for v in value)
    if any(not v for v in items):
        raise where.error(f"'{key}' contains an empty string")
    dupes = sorted({v for v in items if items.count(v) > 1})
    if dupes:
        raise where.error(f"'{key}' lists '{dupes[0]}' twice")
    return items


def _parse_question(entry: Any, path: Path, line: int | None, index: int) -> Question:
    where = _Where(path, line, index)
    if not isinstance(entry, dict):
        raise where.error(f"must be a table, got {_type_name(entry)}")
    if isinstance(entry.get("id"), str) and entry["id"].strip():
        where.qid = entry["id"]
    unknown = sorted(set(entry) - set(_ALLOWED_KEYS))
    if unknown:
        raise where.error(f"unknown key '{unknown[0]}'{_suggest(unknown[0], _ALLOWED_KEYS)} "
                          f"(allowed: {', '.join(_ALLOWED_KEYS)})")
    missing = [k for k in _REQUIRED_KEYS if k not in entry]
    if missing:
        raise where.error(f"missing required key '{missing[0]}'")

    qid = _string(entry, "id", where)
    if not _SLUG_RE.match(qid):
        raise where.error(f"id '{qid}' must be kebab-case: lowercase letters and digits joined "
                          "by single hyphens, e.g. 'ml-overfitting-1'")
    category = _string(entry, "category", where)
    if not _SLUG_RE.match(category):
        raise where.error(f"category '{category}' must be kebab-case, e.g. 'core-ml'")
    kind = _string(entry, "kind", where)
    if kind not in KINDS:
        raise where.error(f"unknown kind '{kind}'{_suggest(kind, KINDS)} "
                          f"(valid: {', '.join(KINDS)})")
    text = " ".join(_string(entry, "text", where).split())
    if not text:
        raise where.error("'text' is empty; write the question as it should be spoken")

    principles = _string_list(entry, "principles", where)
    for p in principles:
        if p not in LEADERSHIP_PRINCIPLES:
            raise where.error(f"unknown principle '{p}'{_suggest(p, LEADERSHIP_PRINCIPLES)} "
                              "(names must match the 16 Leadership Principles exactly)")
    if kind == "behavioral" and not principles:
        raise where.error("behavioral questions need at least one Leadership Principle in "
                          "'principles'")
    key_points = _string_list(entry, "key_points", where)

    raw_follow = entry.get("follow_ups", {})
    if not isinstance(raw_follow, dict):
        raise where.error(f"'follow_ups' must be a table, got {_type_name(raw_follow)}")
    follow_ups: dict[str, str] = {}
    for key, value in raw_follow.items():
        if key not in GENERIC_FOLLOW_UPS:
            raise where.error(f"unknown follow_ups key '{key}'{_suggest(key, FOLLOW_UP_KEYS)} "
                              f"(allowed: {', '.join(FOLLOW_UP_KEYS)})")
        if not isinstance(value, str) or not value.strip():
            raise where.error(f"follow_ups.{key} must be a non-empty string")
        follow_ups[key] = " ".join(value.split())

    target = entry["target_s"]
    if isinstance(target, bool) or not isinstance(target, (int, float)):
        raise where.error(f"'target_s' must be a number of seconds, got {_type_name(target)}")
    if not math.isfinite(target) or target <= 0:
        raise where.error(f"'target_s' must be a positive number of seconds, got {target}")
    if target > MAX_TARGET_S:
        raise where.error(f"'target_s' is {target} s; the limit is {MAX_TARGET_S:.0f} s")

    story = entry.get("story", True)
    if not isinstance(story, bool):
        raise where.error(f"'story' must be true or false, got {_type_name(story)}")
    if not story and kind != "behavioral":
        raise where.error("'story = false' is for behavioral questions (technical and coding "
                          "answers are never read as stories)")

    return Question(id=qid, category=category, kind=kind, text=text, principles=principles,
                    key_points=key_points, follow_ups=MappingProxyType(follow_ups),
                    target_s=float(target),
                    source=f"{path.name}:{line}" if line else path.name, story=story)


def _load_file(path: Path) -> list[Question]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise QuestionError(f"{path}: file is {size} bytes; question files are limited to "
                                f"{MAX_FILE_BYTES // 1_000_000} MB, split it into smaller files")
        raw = path.read_bytes()
    except OSError as e:
        raise QuestionError(f"{path}: cannot read question file ({e.strerror})") from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise QuestionError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8") from e
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise QuestionError(f"{path}: invalid TOML: {e}") from e

    extra = sorted(set(data) - {"question"})
    if extra:
        line = _line_of_key(text, extra[0])
        loc = f"{path}:{line}" if line else str(path)
        raise QuestionError(f"{loc}: unknown top-level key '{extra[0]}'; a question file holds "
                            "only [[question]] tables")
    entries = data.get("question")
    if entries is None or entries == []:
        raise QuestionError(f"{path}: no questions; add [[question]] tables "
                            "(see docs/questions.md)")
    if not isinstance(entries, list):
        raise QuestionError(f"{path}: 'question' must be an array of tables written "
                            "[[question]], not a single [question] table or a value")
    header_lines = [text.count("\n", 0, m.start()) + 1 for m in _HEADER_RE.finditer(text)]
    if len(header_lines) != len(entries):  # unusual layout (e.g. inline array): no line numbers
        header_lines = [None] * len(entries)
    return [_parse_question(entry, path, line, i)
            for i, (entry, line) in enumerate(zip(entries, header_lines))]


def _line_of_key(text: str, key: str) -> int | None:
    m = re.search(rf"^[ \t]*\[*[ \t]*{re.escape(key)}\b", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def load_bank(path: Path | str | None = None) -> QuestionBank:
    """Load and validate a question bank.

    Args:
        path: a folder (every `*.toml` in it, sorted by name) or one `.toml` file;
            default `default_prompts_dir()`.

    Returns:
        The validated `QuestionBank`.

    Raises:
        QuestionError: one line naming the file and the line or question id of the first problem.
    """
    root = Path(path).expanduser() if path is not None else default_prompts_dir()
    if root.is_dir():
        files = sorted(p for p in root.glob("*.toml") if p.is_file())
        if not files:
            raise QuestionError(f"{root}: no *.toml question files in this folder")
    elif root.is_file():
        files = [root]
    else:
        raise QuestionError(f"{root}: question bank not found; pass --prompts DIR or set "
                            f"{PROMPTS_ENV}")
    questions: list[Question] = []
    seen: dict[str, Question] = {}
    for f in files:
        for q in _load_file(f):
            if q.id in seen:
                raise QuestionError(f"{f}: duplicate question id '{q.id}' at {q.source}, "
                                    f"already defined at {seen[q.id].source}; ids must be unique")
            seen[q.id] = q
            questions.append(q)
    log.debug("loaded %d questions from %d file(s) under %s", len(questions), len(files), root)
    return QuestionBank(questions)


# ---------------------------------------------------------------------------------- the bank

def _as_set(value: str | Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset((value,) if isinstance(value, str) else value)


class QuestionBank:
    """An immutable, validated collection of questions (in file order)."""

    def __init__(self, questions: Iterable[Question]) -> None:
        self._questions = tuple(questions)
        self._by_id = {q.id: q for q in self._questions}
        if len(self._by_id) != len(self._questions):
            raise QuestionError("question bank has duplicate ids")

    @property
    def questions(self) -> tuple[Question, ...]:
        return self._questions

    def __len__(self) -> int:
        return len(self._questions)

    def __iter__(self):
        return iter(self._questions)

    def __contains__(self, qid: object) -> bool:
        return qid in self._by_id

    def categories(self) -> tuple[str, ...]:
        """Every category in the bank, sorted."""
        return tuple(sorted({q.category for q in self._questions}))

    def get(self, qid: str) -> Question:
        """The question with id `qid`.

        Raises:
            QuestionError: the id is malformed (e.g. contains path characters), or unknown — the
                message suggests close ids.
        """
        if not isinstance(qid, str) or not _SLUG_RE.match(qid):
            raise QuestionError(f"invalid question id {qid!r}: ids are lowercase words joined by "
                                "hyphens, like 'ml-overfitting-1'")
        q = self._by_id.get(qid)
        if q is not None:
            return q
        ids = list(self._by_id)
        close = [i for i in ids if i.startswith(qid)][:3]
        close += [c for c in difflib.get_close_matches(qid, ids, n=3, cutoff=0.6)
                  if c not in close]
        hint = f"; did you mean {', '.join(close[:3])}?" if close else ""
        raise QuestionError(f"unknown question id '{qid}'{hint} "
                            "(run 'voice-coach questions' to list them)")

    def filter(self, category: str | Iterable[str] | None = None, kind: str | None = None,
               search: str | None = None) -> list[Question]:
        """Questions matching every given criterion, in bank order.

        Args:
            category: one category or several; unknown ones raise.
            kind: "behavioral", "technical" or "coding".
            search: substring of the id, text, key points or principles; case, hyphens and
                extra spaces are ignored ("cold start" finds "recsys-cold-start-1").

        Raises:
            QuestionError: unknown category or kind (the message lists the valid ones).
        """
        cats = _as_set(category)
        if cats is not None:
            known = set(self.categories())
            for c in sorted(cats - known):
                raise QuestionError(f"unknown category '{c}'{_suggest(c, known)} "
                                    f"(categories: {', '.join(sorted(known))})")
        if kind is not None and kind not in KINDS:
            raise QuestionError(f"unknown kind '{kind}'{_suggest(kind, KINDS)} "
                                f"(valid: {', '.join(KINDS)})")
        needle = _normalise(search) if search else ""
        out = []
        for q in self._questions:
            if cats is not None and q.category not in cats:
                continue
            if kind is not None and q.kind != kind:
                continue
            if needle:
                hay = _normalise(" ".join((q.id, q.text, *q.key_points, *q.principles)))
                if needle not in hay:
                    continue
            out.append(q)
        return out

    def pick(self, rng: random.Random, *, category: str | Iterable[str] | None = None,
             kind: str | None = None, exclude: Iterable[str] = ()) -> Question:
        """One random question matching `category`/`kind`, never one whose id is in `exclude`.

        Deterministic for a seeded `rng`. Raises QuestionError when nothing matches.
        """
        excluded = set(exclude)
        candidates = sorted((q for q in self.filter(category, kind) if q.id not in excluded),
                            key=lambda q: q.id)
        if not candidates:
            raise QuestionError(f"no question left with category={_show(category)} "
                                f"kind={kind or 'any'} (add some to the prompts folder)")
        return rng.choice(candidates)


def _normalise(text: str) -> str:
    """Casefold, hyphens and underscores as spaces, single spaces (for search)."""
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def _show(category: str | Iterable[str] | None) -> str:
    if category is None:
        return "any"
    return category if isinstance(category, str) else "|".join(sorted(category))


# ---------------------------------------------------------------------------------- rounds

@dataclass(frozen=True)
class Slot:
    """A run of questions in a round drawn from the same pool.

    Attributes:
        label: what the slot is, for display ("intro", "technical", ...).
        categories: categories to draw from.
        kind: required kind, or None for any.
        count: how many questions.
        distinct_principles: no two questions in this slot share a Leadership Principle.
        distinct_categories: prefer a different category for each question in this slot.
        prefer_principles: questions showing any of these are `prefer_weight` times likelier.
        prefer_weight: the weight of preferred questions (others weigh 1).
    """

    label: str
    categories: tuple[str, ...]
    kind: str | None
    count: int = 1
    distinct_principles: bool = False
    distinct_categories: bool = False
    prefer_principles: tuple[str, ...] = ()
    prefer_weight: float = 3.0


@dataclass(frozen=True)
class Round:
    """A mock interview round: a title, a one-line description and its slots in order."""

    name: str
    title: str
    description: str
    slots: tuple[Slot, ...]

    @property
    def size(self) -> int:
        return sum(s.count for s in self.slots)


AMAZON_ML_TECHNICAL = ("core-ml", "recsys", "nlp", "cv", "forecasting", "scale")

ROUNDS: Mapping[str, Round] = MappingProxyType({
    "amazon-ml": Round(
        "amazon-ml", "Amazon ML engineer / scientist loop",
        "1 intro, 2 technical (core ML and Amazon-style ML), 1 coding aloud, 2 behavioural",
        (Slot("intro", ("intro",), "behavioral"),
         Slot("technical", AMAZON_ML_TECHNICAL, "technical", count=2, distinct_categories=True),
         Slot("coding", ("coding",), "coding"),
         Slot("behavioral", ("leadership",), "behavioral", count=2, distinct_principles=True)),
    ),
    "amazon-aie": Round(
        "amazon-aie", "Amazon Applied-AI / LLM fine-tuning loop",
        "recruiter intro, 2 LLM fine-tuning or ML design deep dives, 2 behavioural "
        "(Dive Deep and Deliver Results weighted)",
        (Slot("intro", ("intro",), "behavioral",
              prefer_principles=("Dive Deep", "Deliver Results")),
         Slot("technical", ("llm-finetuning",), "technical"),
         Slot("technical", ("llm-finetuning", "ml-design"), "technical"),
         Slot("behavioral", ("leadership",), "behavioral", count=2, distinct_principles=True,
              prefer_principles=("Dive Deep", "Deliver Results"))),
    ),
    "behavioral": Round(
        "behavioral", "Leadership Principles round",
        "1 intro + 5 behavioural questions, each on different Leadership Principles",
        (Slot("intro", ("intro",), "behavioral"),
         Slot("behavioral", ("leadership",), "behavioral", count=5, distinct_principles=True)),
    ),
})


def _pick_for_slot(slot: Slot, bank: QuestionBank, rng: random.Random,
                   taken: set[str]) -> list[Question]:
    known = set(bank.categories())
    cats = [c for c in slot.categories if c in known]
    pool = sorted((q for q in bank.filter(cats, slot.kind) if q.id not in taken),
                  key=lambda q: q.id) if cats else []
    chosen: list[Question] = []
    for _ in range(slot.count):
        remaining = [q for q in pool if q.id not in taken]
        candidates = remaining
        if slot.distinct_principles:
            used = {p for q in chosen for p in q.principles}
            disjoint = [q for q in remaining if not used & set(q.principles)]
            firsts = {q.principles[0] for q in chosen if q.principles}
            distinct_first = [q for q in remaining
                              if q.principles and q.principles[0] not in firsts]
            candidates = disjoint or distinct_first or remaining
        if slot.distinct_categories:
            used_cats = {q.category for q in chosen}
            candidates = [q for q in candidates if q.category not in used_cats] or candidates
        if not candidates:
            raise QuestionError(f"not enough {slot.label} questions for this round "
                                f"(categories {', '.join(slot.categories)}, "
                                f"kind {slot.kind or 'any'}); add some to the prompts folder")
        prefer = set(slot.prefer_principles)
        weights = [slot.prefer_weight if prefer & set(q.principles) else 1.0 for q in candidates]
        q = rng.choices(candidates, weights=weights)[0]
        chosen.append(q)
        taken.add(q.id)
    return chosen


def plan_round(name: str, bank: QuestionBank, rng: random.Random) -> list[Question]:
    """The questions of mock round `name` (a key of `ROUNDS`), in the order they are asked.

    Deterministic for a seeded `rng`; no question appears twice.

    Raises:
        QuestionError: unknown round (lists the valid names) or too few questions in the bank.
    """
    spec = ROUNDS.get(name)
    if spec is None:
        raise QuestionError(f"unknown round '{name}'{_suggest(name, ROUNDS)} "
                            f"(rounds: {', '.join(ROUNDS)})")
    taken: set[str] = set()
    out: list[Question] = []
    for slot in spec.slots:
        out.extend(_pick_for_slot(slot, bank, rng, taken))
    return out


def pick_questions(bank: QuestionBank, rng: random.Random, n: int, *,
                   category: str | Iterable[str] | None = None,
                   kind: str | None = None) -> list[Question]:
    """`n` distinct random questions (fewer if the filter has fewer), for practice sessions."""
    pool = sorted(bank.filter(category, kind), key=lambda q: q.id)
    return rng.sample(pool, min(n, len(pool)))


__all__: Sequence[str] = (
    "FOLLOW_UP_KEYS", "GENERIC_FOLLOW_UPS", "KINDS", "LEADERSHIP_PRINCIPLES", "MAX_FILE_BYTES",
    "PROMPTS_ENV", "Question", "QuestionBank", "RESULT_NUMBER_FOLLOW_UP", "ROUNDS", "Round",
    "STORY_KIND", "Slot", "answer_kind", "asks_for_experience", "default_prompts_dir",
    "first_ask", "load_bank", "pick_questions", "plan_round",
)
