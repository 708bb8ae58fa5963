"""Follow-ups judged as follow-ups: one small rubric per follow-up kind.

A follow-up question asks for one missing thing ("What was the number before your change?").
Its answer is judged on whether it supplies that thing — not on the original question's whole
STAR-L rubric — and against a follow-up's own length (a crisp reply is the goal). What it
supplies is then merged into the original answer's facts (`fill`), so the original's report can
show the improvement ("with the follow-up: baseline ✓").

Each rubric (`RUBRICS`, keyed like `questions.GENERIC_FOLLOW_UPS`) names what was asked, the
fact that answers it (`_SUPPLIED`), what makes the reply specific (`_SPECIFIC`) and the target
length. Facts come from `analysis.facts` only, so a follow-up is judged with the same vocabulary
as everything else.

A question's own wording of a shape follow-up ("How would you pick the threshold in practice?"
filed as `no_tradeoff`) asks for more than the generic fact: its rubric (`own_words` in the
file) is the words it asks about that the question's key points use and the question itself
does not (`asked_terms`: "threshold"). A reply supplies it when it says most of them
(`says_terms`), or gives the generic fact while saying one of them; a wording with no such words is shown as not checked
rather than scored on the generic fact.

A reply that tells another story ("actually a better example is when I …") does not supply
what was asked, whatever facts it gives: the follow-up asked about the story already told.
That is one decision (`switched_story`, from `analysis.story_switch`: a switch cue, how little
of the first answer's content the reply shares, a set-up of its own), which the report, the
coach line and the story bank all read. A follow-up that asks for a story of its own
(`new_story` in the file: "Tell me about one real time") is never a switch; what a reply that
supplies what was asked may say beyond the story (`may_name`: a business outcome names what the
work led to) is the rubric's data too. No follow-up key is compared in code: judging (`judge`),
merging (`fill`) and what a reply gave (`given`) all read the rubric's fields.
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voice_coach.analysis.facts import (
    answer_text, cue_heard, fact_values, is_hypothetical, is_story, plain_clauses, quantities,
    triad_values,
)
from voice_coach.analysis.numbers import (PER_TIME, head_count, normalize_numbers,
                                          said_sentences, short_money)
from voice_coach.analysis.numbers import quantities as parse_quantities
from voice_coach.analysis.reply_fit import (BEFORE_TIME, acted_with_i, lasted_for, before_numbers, case_said,
                                            concrete,
                                            cost_said, credits_others, declines, deflects,
                                            denies_lesson, lesson_said, evidence_said, gain_said,
                                            hands_off, occasion_told, repeats, step_told,
                                            practice_said, reason_said, said_after,
                                            target_numbers,
                                            system_size, told_as_habit, volume_said,
                                            work_numbers)
from voice_coach.analysis.story_switch import switch_cue, switch_signals, tells_another_story
from voice_coach.analysis.structure import PRINCIPLE_PATTERNS, Structure, key_point_hits, star_parts
from voice_coach.analysis.vocabulary import FACT_LABELS, QUANTITY
from voice_coach.questions import GENERIC_FOLLOW_UPS
from voice_coach.report_model import FollowUpCheckInfo, dump

SUPPLIED_POINTS = 75  # structure score of a follow-up answer: it supplies what was asked…
LENGTH_POINTS = 25  # …and stays within the follow-up's target length
SUPPLIED_CONTENT = 60  # content score: what was asked…
SPECIFIC_CONTENT = 40  # …said specifically (a number, "I", the targeted principle)
LONG_FRACTION = 1.25  # over 125 % of the rubric's max_s is rambling
ASKED_SHARE = 0.75  # share of a question's own follow-up words a reply must say


RUBRICS_PATH = Path(__file__).parent / "data" / "follow_up_rubrics.toml"


@dataclass(frozen=True)
class Rubric:
    """What one kind of follow-up asks for, how its answer is judged and how long it should take
    (one table of `RUBRICS_PATH`; the file's header explains the fields)."""

    key: str  # a `questions.GENERIC_FOLLOW_UPS` key, e.g. "no_baseline"
    fact: str  # the fact it asks for (`vocabulary.FACT_LABELS`), e.g. "baseline"
    asks: str  # what was asked, for feedback: "the number before your change"
    how: str  # what to say when the answer did not supply it
    min_s: float  # target length of the answer, seconds
    max_s: float
    supplied: tuple[str, ...] = ("spoke",)  # signals, any of which supplies what was asked
    specific: tuple[str, ...] = ()  # signals, any of which makes it specific (empty: always)
    evidence: str = ""  # "quantities" | "scale" | "principles" | "" (nothing quoted)
    star_part: str = ""  # the STAR-L part `fill` marks present
    technical: tuple[str, ...] = ()  # the technical-shape flags `fill` sets
    own_words: bool = False  # a question's own wording is judged by its words (`asked_terms`)
    new_story: bool = False  # it asks for a story of its own: never a switch
    may_name: tuple[str, ...] = ()  # what a reply that supplies it may say the story did not
    triad: str = ""  # the metric-triad slot `fill` marks ("baseline", "after", …)
    counts_i: str = ""  # "add": the reply's "I"s count for the story; "own": and it is owned
    marks: tuple[str, ...] = ()  # boolean `Structure` fields `fill` sets ("clarifying_question")
    unknowns_ok: bool = False  # saying what one does not know answers it (no deflection)
    kind: tuple[str, ...] = ()  # checks of the asked kind (`KIND_CHECKS`), all must hold

    def supplied_parts(self) -> tuple[str, ...]:
        """Every signal named in `supplied`, "a+b" taken apart."""
        return tuple(dict.fromkeys(p for n in self.supplied for p in n.split("+")))

    @property
    def label(self) -> str:
        """The fact's name in reports: "with the follow-up: baseline ✓"."""
        return FACT_LABELS.get(self.fact, self.fact.replace("_", " "))


def _load_rubrics(path: Path) -> dict[str, Rubric]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, Rubric] = {}
    for key, t in data.items():
        lo, hi = t["target_s"]
        out[key] = Rubric(key, t["fact"], t["asks"], t["how"], float(lo), float(hi),
                          tuple(t["supplied"]), tuple(t.get("specific", ())),
                          t.get("evidence", ""), t.get("star_part", ""),
                          tuple(t.get("technical", ())), bool(t.get("own_words", False)),
                          bool(t.get("new_story", False)), tuple(t.get("may_name", ())),
                          t.get("triad", ""), t.get("counts_i", ""), tuple(t.get("marks", ())),
                          bool(t.get("unknowns_ok", False)), tuple(t.get("kind", ())))
    return out


RUBRICS: dict[str, Rubric] = _load_rubrics(RUBRICS_PATH)

def _unplaced(s: Structure, first_text: str | None = None) -> tuple[str, ...]:
    """The numbers the answer says as a value before the change: they fill none of after value,
    change or outcome (`facts.triad_values`: "grew by $2M a year" is a change, not a number
    before) and are not said where the metric ended (`reply_fit.before_numbers`: "the bill came
    down to 3,000 a month" is the after number, not the baseline asked for) — unless the first
    answer (`first_text`) already gave the after value of that unit, so another level the reply
    places is the earlier one ("during the incident it was falling to 11 %" after "came back to
    18 %", QA11 F03)."""
    t = triad_values(answer_text(s))
    first_after = after_levels(first_text) if first_text else ()
    own_after = t.after if t.after and not first_after else None
    placed = " ".join(v for v in (own_after, t.change, t.outcome, t.effect) if v)
    before = {short_money(q) for q in before_numbers(plain_clauses(s), first_after)}
    # … of the kind the first answer's after was said in: the old plan's cost ("$20K a month",
    # "3 weeks") is no level a booking conversion "up to 2.6%" started from (QA35 F5)
    kinds = {_slot_unit(q) for q in first_after} - {None}
    plain = normalize_numbers(answer_text(s)).lower()
    return tuple(q for q in work_numbers(answer_text(s)) if q not in placed and q in before
                 and (not kinds or _slot_unit(q) in kinds) and not _said_as_offer(plain, q))


# a number that names an offer's terms, not a level: "a 0% loan", "a 20% discount" (QA91 F2)
_OFFER = re.compile(r"\s+(?:interest[- ]free\s+)?(?:loans?|mortgages?|discounts?|off\b|cashback|"
                    r"coupons?|promos?|promotions?|financing|vouchers?|apr\b|deposits?)")


def _said_as_offer(plain: str, q: str) -> bool:
    """Every time `q` is said in `plain` (normalised, lower case) it names an offer's terms."""
    spots = [m.end() for m in re.finditer(re.escape(q.lower()), plain)]
    return bool(spots) and all(_OFFER.match(plain, end) for end in spots)


def _marked_before(text: str, number: str) -> bool:
    """`number` is said in a sentence of `text` that names the time before the change ("…,
    that was before the fix", "it used to be …", "from 400 …")."""
    return any(number.lower() in c.lower() and BEFORE_TIME.search(c)
               for c in said_sentences(text))


def after_levels(text: str) -> tuple[str, ...]:
    """The numbers a text says where its metric ended: its triad's after value, and every
    number `reply_fit.before_numbers` does not read as a before ("after the fix the recovery
    rate came back to 18 %", "after the retrain it was back at 62 %")."""
    plain = normalize_numbers(" ".join(text.split())).lower()
    clauses = [c for c in re.split(r"(?<=[.!?])\s+", plain) if c]
    before = set(before_numbers(clauses))
    said = [m.group(0) for c in clauses for m in QUANTITY.finditer(c)]
    after = triad_values(plain).after
    return tuple(dict.fromkeys(([after] if after else []) + [q for q in said if q not in before]))


def _measured(s: Structure) -> bool:
    """The answer says a number that can be a metric's level or an amount: not only counts of
    things or people ("I picked the top 20 questions and trained the 5 agents" measures nothing:
    QA73 F4)."""
    plain = normalize_numbers(answer_text(s)).lower()
    return any((q.is_metric or _COUNTED_PER_TIME.match(plain, q.end))
               and not head_count(plain, q.start, q.end) and not system_size(plain, q.start)
               and not lasted_for(plain, q.start)
               for q in parse_quantities(plain))


# things counted per a span of time are a rate, a level: "400 late driver tickets a week"
_COUNTED_PER_TIME = re.compile(rf"(?: [a-z-]+){{1,3}} {PER_TIME}\b")


_DERIVED: dict[str, Callable[[Structure, str | None], bool]] = {
    "quantity": lambda s, first: bool(quantities(s)),
    "measured_quantity": lambda s, first: _measured(s),
    # a number the metric triad reads as neither the after value nor the outcome: "it was 12 %"
    # can be the baseline asked for, "it went up to 11 %" cannot (after "came back to 18 %" in
    # the first answer, "it was falling to 11 %" is the level before)
    "unplaced_quantity": lambda s, first: bool(_unplaced(s, first)),
    # something in particular, not only how much or how good (`reply_fit.concrete`)
    "concrete": lambda s, first: concrete(plain_clauses(s)),
    # a case, not only a volume: words beyond each number and what it counts
    # (`reply_fit.case_said`: not "about 2m reviews a day, sure look", QA14 F22)
    "case": lambda s, first: case_said(plain_clauses(s)),
    "i": lambda s, first: s.i_count > 0,
    "i_over_we": lambda s, first: s.i_count > s.we_count,
    # a step taken, said with "I" — not only "I was there", "I know" (`reply_fit.acted_with_i`)
    "i_acted": lambda s, first: acted_with_i(plain_clauses(s)),
    # the work not given to others in more clauses than own steps (`reply_fit.credits_others`:
    # "it was mostly built by Kenji … really a team thing")
    "not_credited": lambda s, first: not credits_others(plain_clauses(s)),
    # the side of a trade-off that costs, not said as none (`reply_fit.cost_said`: "we gave up
    # some accuracy"; not "embeddings win when …" alone, not "no quality we sacrificed")
    "cost_said": lambda s, first: cost_said(plain_clauses(s)),
    # the reply does not say the story taught nothing (`reply_fit.denies_lesson`)
    "lesson": lambda s, first: not denies_lesson(plain_clauses(s)),
    # a lesson said in words of learning or of what the speaker does since, in the present
    # ("I have learned that …", "so now I ask first"; `reply_fit.lesson_said`)
    "lesson_said": lambda s, first: lesson_said(plain_clauses(s)),
    # one real, past occasion: not "I would …", not a habit or a view (`reply_fit.occasion_told`)
    "real_story": lambda s, first: not is_hypothetical(s) and occasion_told(plain_clauses(s)),
    "spoke": lambda s, first: s.word_count > 0,
}


def signal(name: str, s: Structure, facts: dict[str, bool], first_text: str | None = None
           ) -> bool:
    """Whether a rubric signal (see `RUBRICS_PATH`) holds for the answer `s`; `first_text` is
    the answer it follows (None: unknown)."""
    if "+" in name:
        return all(signal(part, s, facts, first_text) for part in name.split("+"))
    if name.startswith("cue:"):
        return cue_heard(s, name.removeprefix("cue:"))
    if name in _DERIVED:
        return _DERIVED[name](s, first_text)
    return bool(facts[name])


@dataclass(frozen=True)
class FollowUpCheck(FollowUpCheckInfo):
    """How a follow-up answer did against its rubric: the report's `follow_up_check`
    (`report_model.FollowUpCheckInfo`) with `length_s` unrounded (estimated from the words
    without audio)."""

    def info(self) -> FollowUpCheckInfo:
        """The report's `follow_up_check` block: the length rounded to 0.1 s."""
        return FollowUpCheckInfo(**dict(
            {f.name: getattr(self, f.name) for f in dataclasses.fields(FollowUpCheckInfo)},
            length_s=None if self.length_s is None else round(self.length_s, 1)))

    def to_dict(self) -> dict[str, Any]:
        """Schema JSON of `info()`."""
        return dump(self.info())


def rubric(key: str) -> Rubric:
    """The rubric for a follow-up key (unknown keys get a generic "answer what was asked")."""
    return RUBRICS.get(key) or Rubric(key, key.removeprefix("no_").replace("_", " "),
                                      "what was asked", "answer the question directly", 15, 45)


def given(s: Structure) -> tuple[str, ...]:
    """The follow-up keys whose fact the answer `s` gives: the rubric's fact when it is a named
    fact (`analysis.facts.fact_values`: "principle", "learning"), else the rubric's own
    `supplied` signals ("steps": an action said with "I"). The next follow-up skips them."""
    f = fact_values(s)
    return tuple(k for k, r in RUBRICS.items()
                 if (f[r.fact] if r.fact in f else any(signal(n, s, f) for n in r.supplied)))


def _evidence(r: Rubric, s: Structure) -> tuple[str, ...]:
    if r.evidence == "principles":
        return tuple(s.leadership_principles)
    if r.evidence == "scale" and s.scale_evidence:
        return tuple(s.scale_evidence)
    if r.evidence in ("quantities", "scale"):
        return tuple(dict.fromkeys(work_numbers(answer_text(s))))[:3]
    return ()


_WORD = re.compile(r"[a-z0-9$%][a-z0-9'/+-]*")
# words any follow-up uses to ask ("one", "give", "time"): never what a question's own one is about
_ASKING = " ".join(GENERIC_FOLLOW_UPS.values())


def asked_terms(question: Any | None, key: str) -> tuple[str, ...] | None:
    """What a question's own wording of the `key` follow-up asks about, in its words.

    None when the generic rubric judges the reply: the rubric is not `own_words`, the question
    has no own wording, or the wording names nothing but the generic fact ("What do you give up
    …?" for a trade-off). Otherwise the wording's content words that the question's key points
    use and neither the question nor any generic follow-up does ("How would you pick the
    threshold in practice?" → ("threshold",)); () when there are none: not checked.
    """
    text = dict(getattr(question, "follow_ups", {}) or {}).get(key)
    generic = GENERIC_FOLLOW_UPS.get(key, "")
    if not rubric(key).own_words or not text or text == generic:
        return None
    points = " ".join(getattr(question, "key_points", ()) or ())
    known = f"{getattr(question, 'text', '')} {_ASKING}"
    words = dict.fromkeys(_WORD.findall(text.lower()))
    terms = tuple(w for w in words if key_point_hits(w, w)[1]
                  and not key_point_hits(known, w)[0] and key_point_hits(points, w)[0])
    if terms:
        return terms
    if any(key_point_hits(generic, w)[0] for w in words if key_point_hits(w, w)[1]):
        return None  # it asks for the generic fact in other words
    return ()


def says_terms(terms: tuple[str, ...], s: Structure, question: Any | None = None) -> bool:
    """Whether the answer `s` says what `terms` name: `ASKED_SHARE` of them (stemmed, with the
    key points' synonyms), so a wording about "a real product where a false positive costs
    more" is not answered by "false positives" alone. With the `question`, a term is also said
    by a kind of it its key points list (`term_kinds`: "flips" says "augmentations" when a key
    point reads "data augmentation such as crops, flips and colour changes")."""
    text = " ".join(plain_clauses(s))
    hits, units = key_point_hits(text, " ".join(terms))
    if units > 0 and hits >= math.ceil(ASKED_SHARE * units):
        return True
    if question is None:
        return False
    named = [t for t in terms if key_point_hits(text, t)[0] or any(
        key_point_hits(text, k)[0] == key_point_hits(k, k)[1] for k in term_kinds(question, t))]
    return len(named) >= math.ceil(ASKED_SHARE * len(terms))


def credits_terms(terms: tuple[str, ...], s: Structure) -> bool:
    """Whether a key point the report credits as covered (`s.key_points.covered`, judged by
    meaning) names what `terms` name (`ASKED_SHARE` of them, stemmed): the answer gave it even
    when its words were misheard ("back to Stover several past periods" for "backtest over …",
    QA15 F01), so a follow-up asking for it would contradict the key-point line."""
    for point in s.key_points.covered:
        hits, units = key_point_hits(point, " ".join(terms))
        if units > 0 and hits >= math.ceil(ASKED_SHARE * units):
            return True
    return False


def terms_given(terms: tuple[str, ...], s: Structure) -> bool:
    """The answer says what `terms` name (`says_terms`) or a covered key point does
    (`credits_terms`): the one test of "already given" for a question's own follow-up."""
    return says_terms(terms, s) or credits_terms(terms, s)


# a key point that lists kinds of what it names: "data augmentation such as crops, flips and …"
_KINDS = re.compile(r"\b(?:such\s+as|like|e\.g\.|for\s+example|including)\s+(.+)$")


def term_kinds(question: Any, term: str) -> tuple[str, ...]:
    """The kinds of `term` the `question`'s key points list after "such as", "like", "e.g."
    in a key point that names the term before them ("data augmentation such as crops, flips
    and colour changes" → crops, flips, colour changes for "augmentations")."""
    out: list[str] = []
    for point in getattr(question, "key_points", ()) or ():
        m = _KINDS.search(point.lower())
        if m and key_point_hits(point.lower()[:m.start()], term)[0]:
            out += [k.strip() for k in re.split(r",\s*|\s+(?:and|or)\s+", m.group(1)) if k.strip()]
    return tuple(out)


# what a reply may say that the first answer did not (`Rubric.may_name`) -> the switch signal
# that is then no evidence of another story
MAY_NAME: dict[str, str] = {"work": "new_work", "own_work": "own_work",
                            "new_words": "words_shared"}


def switched_story(key: str, s: Structure, first_text: str | None,
                   answered: bool = False) -> bool:
    """Whether the reply `s` tells another story than the first answer (`first_text`; None when
    unknown): `analysis.story_switch.tells_another_story`; never for a `new_story` rubric. In a
    technical or coding reply a system it names ("the inverted index") is content, not another
    project: there only a switch cue or a set-up of its own tells. A reply that gives what was
    asked (`answered`) may say what its rubric's `may_name` lists without leaving the story: a
    business outcome names what the work led to ("the credit limit model could launch two
    months early, worth $1.2M", QA5 F07/F17) in words the story never used; an own part names
    the pieces the speaker built. A result or a scale credited to a named other piece of work
    still switches."""
    r = rubric(key)
    if r.new_story:
        return False
    sig = switch_signals(answer_text(s), first_text, s.star_present)
    ignored = set(MAY_NAME.values()) if not is_story(s.kind) else \
        {MAY_NAME[m] for m in r.may_name} if answered else set()
    sig = dataclasses.replace(sig, **dict.fromkeys(ignored))
    return tells_another_story(sig)


def _places_numbers(s: Structure, original: Structure | None) -> bool:
    """The reply `s` reads a number in a slot of the metric triad (baseline, after, business
    outcome) that the first answer's facts (`original`) read none in."""
    if original is None:
        return False
    mine, first = s.metric_triad, original.metric_triad
    return any(getattr(mine, slot) and not getattr(first, slot)
               for slot in ("baseline", "after", "business_outcome")) and bool(mine.evidence)


def gives_nothing(key: str, s: Structure, first_text: str | None,
                  places_numbers: bool = False) -> bool:
    """Whether the reply `s` gives nothing new whatever facts it holds: it says it cannot give
    what was asked (`reply_fit.deflects`: "I don't remember the exact figure"; not for a rubric
    where saying what one does not know is the answer, `unknowns_ok`), it refuses the question
    as asked (`reply_fit.declines`: "I'd push back on the framing"), or it restates the first
    answer (`reply_fit.repeats`; `first_text` None: unknown, no repeat) — unless it places
    numbers in the metric triad the first answer left unplaced (`places_numbers`: "… every
    fifth slab … fell to 1 in 40" | "before the filter, one slab in five …, after, one in 40":
    QA143 F1)."""
    if not rubric(key).unknowns_ok and deflects(plain_clauses(s)):
        return True
    if declines(plain_clauses(s)):  # "I'd push back on the framing", "not really a trade-off"
        return True
    if places_numbers:
        return False
    first_numbers = quantities_of(first_text) if first_text else ()
    if rubric(key).fact == "principle" and first_text and not said_before(
            s.leadership_principles, first_text):
        return False  # "I would say Deliver Results. Even when the data was a mess, I still got
        # the model in … for me that is Deliver Results": the story retold around a principle
        # the first answer never named gives what was asked (QA77 F1)
    return repeats(answer_text(s), first_text, quantities(s), first_numbers)


def said_before(principles: tuple[str, ...], first_text: str) -> bool:
    """Whether every principle of `principles` (none: vacuously) has its name's words in the
    first answer's text, in any sense."""
    low = first_text.lower()
    return all(any(re.search(p, low) for p in PRINCIPLE_PATTERNS.get(name, ()))
               for name in principles)


def quantities_of(text: str) -> tuple[str, ...]:
    """Every number a text says, as `facts.quantities` reads an answer's."""
    return tuple(short_money(m.group(0)) for m in QUANTITY.finditer(normalize_numbers(text)))


SWITCH_HEAD_PATH = Path(__file__).parent / "data" / "follow_up_switch.npz"
# the mechanism features the learned switch decision reads (`switch_features`), in order
SWITCH_FEATURES = ("rule_supplied", "rule_specific", "own_wording", "deflects", "declines",
                   "repeats", "rule_switched", "cue", "shared", "words_shared", "new_work",
                   "own_work", "n_features", "quantity", "unplaced", "concrete", "i_acted",
                   "credits_others", "occasion", "cost_said", "lesson_said", "words", "i_share")


def switch_features(key: str, s: Structure, question: Any | None,
                    first_text: str | None) -> dict[str, float]:
    """What each rubric mechanism says of the reply `s` to the `key` follow-up of `first_text`
    (0/1, a share, or a log count; `SWITCH_FEATURES`) and the follow-up key one-hot
    ("key:<rubric>"): the features of the learned switch decision (`learned_switch`)."""
    r = rubric(key)
    rules = _judge(key, s, None, question, first_text)
    clauses = plain_clauses(s)
    text = answer_text(s)
    sig = switch_signals(text, first_text, s.star_present)
    first_numbers = quantities_of(first_text) if first_text else ()
    nothing_parts = (not r.unknowns_ok and deflects(clauses), declines(clauses),
                     repeats(text, first_text, quantities(s), first_numbers))
    switched = (not rules.not_checked and not any(nothing_parts)
                and switched_story(key, s, first_text, answered=rules.supplied))
    f: dict[str, float] = {
        "rule_supplied": rules.supplied, "rule_specific": rules.specific,
        "own_wording": asked_terms(question, key) is not None,
        "deflects": nothing_parts[0], "declines": nothing_parts[1], "repeats": nothing_parts[2],
        "rule_switched": switched, "cue": sig.cue is not None, "shared": sig.shared or 0.0,
        "words_shared": math.log1p(sig.words_shared or 0), "new_work": sig.new_work is not None,
        "own_work": sig.own_work is not None, "n_features": math.log1p(sig.n_features),
        "quantity": bool(quantities(s)), "unplaced": bool(_unplaced(s, first_text)),
        "concrete": concrete(clauses), "i_acted": acted_with_i(clauses),
        "credits_others": credits_others(clauses), "occasion": occasion_told(clauses),
        "cost_said": cost_said(clauses), "lesson_said": lesson_said(clauses),
        "words": math.log1p(s.word_count), "i_share": s.i_count / (s.i_count + s.we_count + 1),
    }
    f.update({f"key:{k}": float(k == key) for k in RUBRICS})
    return {k: float(v) for k, v in f.items()}


_SWITCH_HEAD: dict[str, Any] = {}


def learned_switch(features: dict[str, float]) -> bool:
    """The learned switch decision (`data/follow_up_switch.npz`: an L2 logistic regression over
    `switch_features`, trained by scripts/train_follow_up_head.py on the follow-up tuning sets
    1-8; docs/follow_ups.md, session 16): whether the reply tells another story."""
    if not _SWITCH_HEAD:
        import numpy as np

        if not SWITCH_HEAD_PATH.is_file():
            raise RuntimeError(f"{SWITCH_HEAD_PATH} is missing: reinstall voice-coach")
        with np.load(SWITCH_HEAD_PATH) as z:
            _SWITCH_HEAD.update({k: z[k] for k in ("w", "b", "mean", "scale", "threshold",
                                                   "features")})
    h = _SWITCH_HEAD
    x = [features.get(str(n), 0.0) for n in h["features"]]
    z = float(((x - h["mean"]) / h["scale"]) @ h["w"] + h["b"])
    return 1.0 / (1.0 + math.exp(-z)) >= float(h["threshold"])


# what a follow-up's wording asks beyond its rubric's fact: a number ("Any numbers?", "how
# much", "how many"), one past occasion of the story ("How did you measure …?", "what did you
# do"), why a cost was worth it ("was it worth it?", "how did you justify it?", "and why?")
_ASKS_NUMBER = re.compile(r"\b(?:any|a|the|what)\s+(?:numbers?|figures?)\b|\bhow\s+(?:much|many|"
                          r"big|long|quickly|fast|often)\b|\bwhat\s+percent|\bquantif", re.IGNORECASE)
_ASKS_OCCASION = re.compile(r"\b(?:did|were|was)\s+(?:you|it|the|that|things|they|your)\b",
                            re.IGNORECASE)
_ASKS_WHY = re.compile(r"\b(?:worth|justif\w*|why|gain\w*|in\s+exchange)\b", re.IGNORECASE)
# a follow-up that asks how big ("How big was this? How many users …", "how much traffic") — not
# one that states a volume and asks whether the approach holds ("Thousands of new items arrive
# every day. Does your approach still work?")
_ASKS_VOLUME = re.compile(r"\bhow\s+(?:big|many|much|large)\b|\bvolume\b|\btraffic\b|\bscale\b|"
                          r"\bsize\b", re.IGNORECASE)
# what a follow-up asks about the speaker's way of working now ("How do you make decisions
# differently since then?", "what would you do differently?")
_ASKS_PRACTICE = re.compile(r"\b(?:do\s+you|would\s+you|since\s+then|now|differently|going\s+"
                            r"forward|next\s+time)\b", re.IGNORECASE)


@dataclass(frozen=True)
class KindCheck:
    """One check of the asked kind (session 17): whether the follow-up as worded asks for it
    (`asked(wording, own)`, `own` when a question's own wording is judged by its words) and
    whether the reply holds it (`held(s, first_text)`)."""

    asked: Callable[[str, bool], bool]
    held: Callable[[Structure, str | None], bool]


def _always(text: str, own: bool) -> bool:
    return True


# name (a rubric's `kind` entry) -> check; each is one kind of false credit, shared by the
# rubrics that name it (docs/follow_ups.md, session 17)
KIND_CHECKS: dict[str, KindCheck] = {
    # a volume of the work, not only how fast or on what ("200 ms on four GPUs" for "how much
    # traffic": `reply_fit.volume_said`)
    "volume": KindCheck(lambda text, own: bool(_ASKS_VOLUME.search(text)),
                        lambda s, first: volume_said(answer_text(s))),
    # both sides of a trade-off: with the cost (`cost_said`), what it won or why it was worth
    # it (`reply_fit.gain_said`); a question's own wording needs it only when it asks why
    "gain": KindCheck(lambda text, own: not own or bool(_ASKS_WHY.search(text)),
                      lambda s, first: gain_said(plain_clauses(s))),
    # the own part not handed to others ("the decision was taken by our director, the team
    # rebuilt the labels": `reply_fit.hands_off`)
    "own_part": KindCheck(_always, lambda s, first: not hands_off(plain_clauses(s))),
    # a step of the speaker's told, not a habit ("I generally made myself available":
    # `reply_fit.step_told`)
    "step_told": KindCheck(_always, lambda s, first: step_told(plain_clauses(s))),
    # what was asked handed on to another party with no number ("the business team tracked
    # that")
    "not_handed_on": KindCheck(_always, lambda s, first: bool(work_numbers(answer_text(s)))
                               or not hands_off(plain_clauses(s))),
    # a number said of the time before: not the first answer's after value said again, not a
    # target ("the target was to go under 3 %, we reached 3.1": set 10 h01)
    "before": KindCheck(_always, lambda s, first: _before_said(s, first)),
    # a number, when the wording asks for one ("Any numbers?", "how much impact")
    "number": KindCheck(lambda text, own: bool(_ASKS_NUMBER.search(text)),
                        lambda s, first: bool(work_numbers(answer_text(s)))),
    # a reason, when the wording asks why ("Which principle do you connect with most, and
    # why?" answered "Customer Obsession, mostly": `reply_fit.reason_said`)
    "reason": KindCheck(lambda text, own: bool(re.search(r"\bwhy\b", text)),
                        lambda s, first: reason_said(plain_clauses(s))),
    # a practice of now, when the wording asks what the speaker does since or would do
    # differently: a lesson said (`reply_fit.lesson_said`), not the story told again with "a
    # big lesson for me" (set 10 h19)
    "practice": KindCheck(lambda text, own: bool(_ASKS_PRACTICE.search(text)),
                          lambda s, first: practice_said(plain_clauses(s))),
    # the fact asked placed in this story, not in another by a switch phrase ("in my previous
    # project we used rank 8": `story_switch.switch_cue`)
    "this_story": KindCheck(_always, lambda s, first: switch_cue(answer_text(s)) is None),
    # the occasion asked about, not a habit ("How did you measure …?" answered "the way I
    # always do it is …": `reply_fit.told_as_habit`)
    "occasion": KindCheck(lambda text, own: bool(_ASKS_OCCASION.search(text)),
                          lambda s, first: not told_as_habit(plain_clauses(s))),
}


def _number_value(q: str) -> str:
    return re.sub(r"[^\d.]", "", q).strip(".")


def _before_said(s: Structure, first_text: str | None) -> bool:
    """The reply says a level before the change: a number `_unplaced` reads as one, or the
    triad's baseline unless a word of the time after comes before it in its sentence ("after the
    change, the cost was around €3,200" is the after cost however the triad reads it, set 8 g16;
    "we were at $42,000 a month, and after the move it came down to 11,000" keeps $42,000) —
    not said as a target (`reply_fit.target_numbers`) and not a value the first answer placed
    where the metric ended (`after_levels`: "we reached 3.1" said again, set 10 h01)."""
    ended = {_number_value(a) for a in after_levels(first_text)} if first_text else set()
    not_before = ended | {_number_value(q) for q in target_numbers(plain_clauses(s))}
    if any(_number_value(q) not in not_before for q in _unplaced(s, first_text)):
        return True
    base = triad_values(answer_text(s)).baseline
    if base is None or _number_value(base) in not_before:
        return False
    return not any(said_after(c, _number_value(base)) for c in plain_clauses(s))


def asked_wording(key: str, question: Any | None) -> str:
    """The follow-up as the coach asks it: the question's own wording, else the generic one."""
    return dict(getattr(question, "follow_ups", {}) or {}).get(key) \
        or GENERIC_FOLLOW_UPS.get(key, "")


def kind_missing(key: str, s: Structure, question: Any | None,
                 first_text: str | None, asked: str | None = None) -> tuple[str, ...]:
    """The checks of the asked kind (`Rubric.kind`, `KIND_CHECKS`) the follow-up as worded asks
    for and the reply `s` does not hold: a reply that gives the rubric's fact but not of the kind
    asked (the after number for the one before, latency for traffic, the cost of a trade-off
    alone, the work handed to others, a habit for the occasion) supplies nothing. `asked`: the
    wording the coach used when it is not the question's or the generic one ("what number shows
    it?" for a result told in words, `questions.RESULT_NUMBER_FOLLOW_UP`)."""
    r = rubric(key)
    text = asked or asked_wording(key, question)
    own = asked_terms(question, key) is not None
    return tuple(name for name in r.kind
                 if KIND_CHECKS[name].asked(text, own) and not KIND_CHECKS[name].held(s, first_text))


def judge(key: str, s: Structure, length_s: float | None,
          question: Any | None = None, first_text: str | None = None,
          point_made: str | None = None, asked: str | None = None,
          original: Structure | None = None) -> FollowUpCheck:
    """Judge a follow-up answer (its reconciled facts `s`) against the rubric for `key`; the
    `question`'s own wording of that follow-up narrows it (`asked_terms`). Whether the reply
    tells another story than `first_text` (the answer it follows) is the learned switch
    decision over the rubric mechanisms (`learned_switch`, session 16; a reply the rubric cannot
    check is not judged for it; without the first answer, the rules' `switched_story`, as
    before); a switched reply supplies nothing. `point_made`: the key point the question's own
    wording asks about, made by the reply judged by meaning — what was asked, given in other
    words. `asked`: the wording the coach used when it is neither the question's nor the
    generic one (`kind_missing`). `original`: the first answer's facts, when known (a reply
    that restates it still gives what was asked when it places numbers in the metric triad the
    first answer left unplaced: `gives_nothing`)."""
    check = _judge(key, s, length_s, question, first_text, point_made)
    if check.not_checked:
        return check
    if not check.supplied and rubric(key).fact == "principle" and s.principles_unclear:
        # a principle said in a naming frame and misheard ("this story shows dilemma
        # results"): what was asked may well be given, the transcript cannot tell — not scored
        return dataclasses.replace(check, not_checked=True)
    if check.supplied and kind_missing(key, s, question, first_text, asked):
        check = dataclasses.replace(check, supplied=False, specific=False, evidence=())
    nothing = gives_nothing(key, s, first_text, _places_numbers(s, original))
    if rubric(key).new_story:  # it asks for another story: never a switch
        switched = False
    elif first_text is None:  # the head learned from replies with their first answer: the rules
        switched = not nothing and switched_story(key, s, None, answered=check.supplied)
    else:
        switched = learned_switch(switch_features(key, s, question, first_text))
    if check.supplied and nothing:
        check = dataclasses.replace(check, supplied=False, specific=False, evidence=())
    if not switched:
        return check
    return dataclasses.replace(check, supplied=False, specific=False, evidence=(),
                               switched_story=True)


def _judge(key: str, s: Structure, length_s: float | None,
           question: Any | None, first_text: str | None = None,
           point_made: str | None = None) -> FollowUpCheck:
    r = rubric(key)
    terms = asked_terms(question, key)
    if terms is not None:
        return _judge_own(r, terms, dict(question.follow_ups)[key], s, length_s, question,
                          point_made)
    f = fact_values(s)
    supplied = any(signal(name, s, f, first_text) for name in r.supplied)
    specific = supplied and (not r.specific or any(signal(name, s, f, first_text)
                                                   for name in r.specific))
    length_ok = length_s is None or length_s <= r.max_s * LONG_FRACTION
    return FollowUpCheck(key, r.label, r.asks, supplied, specific,
                         _evidence(r, s) if supplied else (), (r.min_s, r.max_s), length_s,
                         length_ok)


# rubric signals a question's own wording can ask for in its words (`_judge_own`): the wording's
# text read by the same mechanism as the reply's clauses
_ASKED_IN_WORDS: dict[str, Callable[[str], bool]] = {
    "cost_said": lambda text: cost_said([text.lower()]),
}


def _judge_own(r: Rubric, terms: tuple[str, ...], text: str, s: Structure,
               length_s: float | None, question: Any | None = None,
               point_made: str | None = None) -> FollowUpCheck:
    """A reply to a question's own wording of a follow-up: supplied when it says most of the
    words the wording asks about, makes the key point they name (`point_made`, judged by
    meaning), or gives the rubric's generic fact while saying one of them. When the wording has
    none: supplied by the generic fact itself, else not checked (`not_checked`)."""
    asks = f"\u201c{text}\u201d"
    length_ok = length_s is None or length_s <= r.max_s * LONG_FRACTION
    f = fact_values(s)
    if not terms:
        # a wording that names nothing checkable ("Why does the initialisation matter so
        # much?" asked for a missing trade-off): a reply that gives the fact the follow-up
        # was asked for is credited with it (QA88 F9, QA90 F10); otherwise not checked
        if any(signal(n, s, f) for n in r.supplied):
            specific = not r.specific or any(signal(n, s, f) for n in r.specific)
            return FollowUpCheck(r.key, r.label, asks, True, specific, _evidence(r, s),
                                 (r.min_s, r.max_s), length_s, length_ok)
        return FollowUpCheck(r.key, r.label, asks, False, False, (), (r.min_s, r.max_s),
                             length_s, length_ok, not_checked=True)
    # most of the asked words, or the generic fact ("For example in fraud detection …") about
    # the asked subject (one of its words: "false positive")
    supplied = says_terms(terms, s, question) or point_made is not None \
        or any(signal(n, s, f) for n in r.supplied) \
        and key_point_hits(" ".join(plain_clauses(s)), " ".join(terms))[0] > 0
    # a wording that itself asks for what a rubric signal hears ("What quality do you give up
    # with adapters?" asks for a cost) is not answered by its words alone ("I am not aware of
    # any quality we sacrificed"): the reply must say it too
    supplied = supplied and all(signal(n, s, f) for n in r.supplied_parts()
                                if n in _ASKED_IN_WORDS and _ASKED_IN_WORDS[n](text))
    specific = supplied and (not r.specific or any(signal(n, s, f) for n in r.specific))
    return FollowUpCheck(r.key, ", ".join(terms), asks, supplied, specific, (),
                         (r.min_s, r.max_s), length_s, length_ok)


def how(check: FollowUpCheckInfo) -> str:
    """What to say when the answer did not supply what its follow-up asked."""
    r = rubric(check.kind)
    if check.label != r.label:  # judged by the question's own wording (`_judge_own`)
        return f"answer that directly: it asks about the {check.label}"
    return r.how


def switched_line(check: FollowUpCheckInfo) -> str:
    """The coach line for a reply that tells another story (`FollowUpCheckInfo.switched_story`)."""
    asked = (f"asked {check.asks} about" if check.asks.startswith("\u201c")
             else f"asked for {check.asks} in")
    return f"You moved to another story — the follow-up {asked} the story you told."


def scores(check: FollowUpCheck) -> tuple[int | None, int | None]:
    """(structure, content) scores 0–100 of a follow-up answer; (None, None) when not checked."""
    if check.not_checked:
        return None, None
    structure = SUPPLIED_POINTS * check.supplied + LENGTH_POINTS * (check.length_ok
                                                                    and check.supplied)
    content = SUPPLIED_CONTENT * check.supplied + SPECIFIC_CONTENT * check.specific
    return int(structure), int(content)


def _slot_unit(span: str) -> str | None:
    """The kind of the first number of a triad slot's words: "%", "$", "duration", a count's
    period or "" (bare); None when it has none."""
    qs = parse_quantities(span)
    if not qs:
        return None
    return "duration" if qs[0].is_duration else qs[0].unit


def _baseline_fits(reply: Any, tri: Any) -> bool:
    """A reply's lone baseline can be where the answer's after started: no after to meet, or a
    number of the same kind ("12%" for "down to 3%"). The old plan's cost ("a GPU cluster of
    around $20K a month", "3 weeks") is no baseline of a booking conversion "up to 2.6%"
    (QA35 F5)."""
    afters = {_slot_unit(span) for role, span in tri.slots if role == "after"} - {None}
    bases = {_slot_unit(span) for role, span in reply.slots if role == "baseline"} - {None}
    return not afters or not bases or bool(afters & bases)


def _with_reply_slots(original: Structure, answer: Structure) -> Structure:
    """The metric triad slots, scale evidence and principles the reply states are facts about
    the same story, whatever was asked (STAR parts are not: a short reply has no story shape) —
    a lone baseline only where the answer's after could have started (`_baseline_fits`)."""
    tri, rt = original.metric_triad, answer.metric_triad
    if rt.baseline and not rt.after and not tri.baseline and not _baseline_fits(rt, tri):
        rt = dataclasses.replace(rt, baseline=False,
                                 slots=tuple(x for x in rt.slots if x[0] != "baseline"))
    triad = dataclasses.replace(
        tri, baseline=tri.baseline or rt.baseline, after=tri.after or rt.after,
        business_outcome=tri.business_outcome or rt.business_outcome,
        evidence=tuple(dict.fromkeys(tri.evidence + rt.evidence)),
        slots=tuple(dict.fromkeys(tri.slots + rt.slots)))
    return dataclasses.replace(
        original, metric_triad=triad,
        scale_evidence=tuple(dict.fromkeys(original.scale_evidence + answer.scale_evidence)),
        leadership_principles=tuple(dict.fromkeys(original.leadership_principles
                                                  + answer.leadership_principles)))


def fill(original: Structure, check: FollowUpCheck, answer: Structure) -> Structure:
    """The original answer's facts with what the follow-up answer supplied merged in, as its
    rubric says (`RUBRICS_PATH`): a `new_story` reply is the story now; otherwise (and when the
    reply gave something else than was asked, in the same story) the reply's
    metric slots, scale and principles count for the story, and the rubric's STAR part (present;
    the answer's shares unchanged), triad slot (its own fact always, another slot only with a
    number quoted), "I"s, marks and technical flags are set."""
    if not check.supplied:
        # a reply that missed what was asked still said its numbers of the same story: they
        # join the story's facts (QA44 F6: "before the fix the rate was about 11%" said to
        # "which principle…?"); the reply is still judged as not answering
        return original if check.switched_story else _with_reply_slots(original, answer)
    r = rubric(check.kind)
    if r.new_story:  # its key points as judged on it, when they were (`pipeline.merge_follow_up`)
        kp = answer.key_points
        judged = kp.covered or kp.missed or kp.unclear
        return answer if judged else dataclasses.replace(answer, key_points=original.key_points)
    out = _with_reply_slots(original, answer)
    tri = out.metric_triad
    changes: dict[str, Any] = {}
    if r.star_part:
        present = dict(original.star_present, **{r.star_part: True})
        # the answer's shares stay as it was told: a reply adds facts, not telling time, so it
        # neither dilutes the answer's action share nor shortens its set-up (QA11 F08: a result
        # reply counted as Result words cost "structure 100 → 90")
        changes["star"] = star_parts(present, dict(original.star_share))
    if r.triad and (r.triad == r.fact or check.evidence):
        role = {"business_outcome": "outcome"}.get(r.triad, r.triad)
        # a number the reply says as the level before the change ("around 400 tickets a week,
        # that was before the fix") fills the baseline, never the after asked for (QA55 F8)
        before = {e for e in _unplaced(answer) if _marked_before(answer_text(answer), e)} \
            if r.triad == "after" else set()
        rest = tuple(e for e in check.evidence if e not in before)
        earlier = tuple(e for e in check.evidence if e in before)
        marks = {r.triad: True} if r.triad == r.fact or rest else {}
        marks |= {"baseline": True} if earlier else {}
        changes["metric_triad"] = dataclasses.replace(
            tri, **marks, evidence=tuple(dict.fromkeys(tri.evidence + check.evidence)),
            slots=tuple(dict.fromkeys(tri.slots + tuple((role, e) for e in rest)
                                      + tuple(("baseline", e) for e in earlier))))
    if r.evidence == "scale":
        changes["scale_evidence"] = tuple(dict.fromkeys(
            out.scale_evidence + (answer.scale_evidence or check.evidence)))
    if r.counts_i:
        changes["i_count"] = original.i_count + max(answer.i_count, int(r.counts_i == "own"))
    if r.counts_i == "own":
        changes["i_we_ratio"] = max(original.i_we_ratio or 0.0, 1.0)
        # the own part asked for is told in the reply: its steps are the answer's account of
        # what the speaker did, so the ownership facts read them (`ownership_voice` reads the
        # Action clauses), never the answer's "we" alone (QA47 F2: "your own part ✓" next to
        # "missed: what you personally did, said with I")
        acts = tuple(c for c in getattr(answer, "clauses", ()) if c.label == "action")
        if acts:
            changes["clauses"] = tuple(c for c in getattr(out, "clauses", ())
                                       if c.label != "action") + acts
    changes.update(dict.fromkeys(r.marks, True))
    if r.technical:
        technical = dataclasses.replace(out.technical, **dict.fromkeys(r.technical, True))
        changes.update(technical=technical, tradeoffs=technical.tradeoff)
    return dataclasses.replace(out, **changes)


__all__ = ["FollowUpCheck", "MAY_NAME", "RUBRICS", "Rubric", "after_levels", "asked_terms",
           "credits_terms", "evidence_said", "fill", "given", "work_numbers",
           "gives_nothing", "quantities_of",
           "how", "judge", "rubric", "says_terms", "scores", "signal", "switched_line",
           "switched_story", "term_kinds", "terms_given"]
