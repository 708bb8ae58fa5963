"""Whether a follow-up reply gives the asked kind of thing, about the story, concretely.

Pure functions, no I/O; they read the reply's plain clauses (`analysis.facts.plain_clauses`:
fillers out, numbers normalised, lower case). Each is a mechanism a follow-up rubric names
(`voice_coach/data/follow_up_rubrics.toml`, docs/follow_ups.md):

- `before_numbers`: the numbers a reply says as a value *before* the change — not one said as
  where it ended ("it came down to 3,000 a month", "we ended at 4.2 %") or as the state that
  holds now ("it's been around 90 % for the last two months"): a baseline is the metric's number
  before, never the after number;
- `occasion_told`: one real, past occasion — a clause in the simple past, not a habit
  ("typically we ship …") or a general view ("I think the key is communication", "that's been
  true everywhere I've worked");
- `deflects`: the reply says the speaker cannot give it ("I don't remember the exact figure",
  "that's a question for the product manager") in at least half its clauses;
- `concrete`: it says something in particular — a number, or a clause with words beyond how
  much or how good ("I learned a lot, it was a great experience" says neither what nor how);
- `repeats`: the reply restates the first answer (nearly all its content features are the
  first answer's) and adds no number of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voice_coach.analysis.numbers import (
    BARE_AMOUNT, LASTED_FOR, MONEY_WORDS, QTY_WITH_UNIT, TIME_OF_DAY, TIME_SPAN, UNSAID_CURRENCY, currency_word_after, head_count,
    normalize_numbers, said_as_target, short_money,
)
from voice_coach.analysis.vocabulary import HABITUAL, QUANTITY

__all__ = ["BEFORE_TIME", "CONCRETE_WORDS", "DEFLECT_SHARE", "PHRASE_WORDS", "REPEAT_SHARE", "acted_with_i",
           "before_numbers", "case_said", "cost_said", "credits_others", "declines",
           "evidence_said",
           "head_count", "lasted_for", "number_phrase", "system_size", "work_numbers",
           "concrete", "deflects", "denies_lesson", "lesson_said", "occasion_told", "past_clause",
           "repeats", "gain_said", "habit_clause", "hands_off", "step_told", "told_as_habit",
           "practice_said", "reason_said", "said_after", "target_numbers", "volume_said"]

# a number placed where the metric ended, by the words just before it: "… came down to 3000",
# "reached 94%", "we ended at 4.2%", "it is at 12% now"
_AFTER_LEAD = re.compile(r"(?:\bto|\breached|\bhit|\bhits|\bended\s+(?:up\s+)?(?:at|with|on)|"
                         r"\b(?:landed|settled|levelled|leveled|plateaued)\s+(?:out\s+)?(?:at|on|"
                         r"around)?|\bwent(?:\s+(?:up|down))?(?=\s+(?:north|south|upwards|over|"
                         r"under|above|below)\s)|"
                         r"\bis\s+(?:at|now)|\bare\s+(?:at|now)|\bnow\s+(?:at|is|are)?)\s*"
                         r"(?:about|around|roughly|approximately|nearly|almost|only|just|under|"
                         r"over|below|above|less\s+than|more\s+than|north\s+of|south\s+of|"
                         r"upwards\s+of)?\s*$")
# a clause said of the time after the change: "after all of that …", "… since the launch"
_AFTER_TIME = re.compile(r"\b(?:after|afterwards|now|today|these\s+days|nowadays|since|"
                         r"at\s+present|presently|at\s+the\s+moment|as\s+of\s+today|"
                         r"in\s+the\s+end|at\s+the\s+end|finally|ended|end\s+up|ended\s+up)\b")
# the new version named: its clause and the ones that follow (until a word of the time before)
# say the after state ("the simple version … runs on one tiny server, costs us $40 a month")
_NEW_VERSION = re.compile(r"\b(?:the|our|my)\s+(?:new|simple|simpler|rebuilt|redesigned|"
                          r"replacement|improved|updated|cheaper|lighter)\s+(?:\w+\s+)?(?:version|"
                          r"model|system|rule|rules|pipeline|setup|approach|one|design|solution)\b")
# a clause said of the state that holds now: the present perfect ("it's been around 90 % for the
# last two months", "it has stayed at 4 %"), "currently", "so far", "to date"
_WAS = re.compile(r"\b(?:was|were|had)\b")  # a level said of the past
_NOW_STATE = re.compile(r"\b(?:currently|so\s+far|to\s+date)\b"
                        r"|(?:\b(?:has|have)|'s|'ve)\s+(?:been|stayed|remained|held)\b")
# …unless it says the time before too: "before my change …", "the old rule engine had …"
BEFORE_TIME = re.compile(r"\b(?:before|previously|originally|initially|at\s+first|used\s+to|"
                          r"baseline|old|prior|back\s+then|at\s+the\s+start|started\s+at)\b"
                          # … never the start of the hours something lasted: "from seven in the
                          # morning to one in the afternoon" (QA140 F1)
                          rf"|\bfrom\b(?!\s+\S+{TIME_OF_DAY})")


def _unit(quantity: str) -> str:
    """What a number counts, as said: "12%" → "%", "$3K" → "$k", "9" → ""."""
    return re.sub(r"[\d.,\s~]", "", quantity.lower())


def _value(quantity: str) -> str:
    """The digits of a number as said: "about 18%" → "18"."""
    return re.sub(r"[^\d.]", "", quantity).strip(".")


# a number that counts the points of a spoken list: "One, five weeks. Two, about 400 lines …"
_ENUMERATOR = re.compile(r"(?:[1-9]|10)\s*[,:.]")


def before_numbers(clauses: Sequence[str], after_said: Sequence[str] = ()) -> tuple[str, ...]:
    """The numbers said as a value before the change: each number of a clause, unless the words
    just before it place it where the metric ended ("down to", "reached", "ended at") or the
    clause speaks of the time after only ("after all of that the bill was …"). A number a later
    number of the same unit follows is the earlier of a pair, a before, however it is placed
    ("after the release it jumped to 9 and after our fix it was 1.8": 9 is before the fix) —
    in one clause, or in the next when that number is placed where the metric ended ("… shot up
    to 500. | once my fix was in it was down to 40"); a number of a later sentence is most often
    another metric. A value placed
    where the metric ended (here or in `after_said`) said again is that after value.
    A clause said of the state that holds now and of no past (`_NOW_STATE` without "was",
    "were", "had" or a word of the time before: "the model gets 92 % on the test set, and in production it's
    been around 90 %") orders no pair: each of its numbers is a level now, not a before.

    `after_said`: the after values the first answer already gave ("came back to 18 %"). A reply
    number placed only by the words before it ("during the incident it was falling to 11 %"),
    in a clause of no time after and no state now, of the unit of such an after value and
    another value, is the other end of that pair — the level before (QA11 F03)."""
    said = []
    new_version = False  # the clauses since the new version was named say its state
    for k, c in enumerate(clauses):
        before_said = bool(BEFORE_TIME.search(c))
        new_version = not before_said and (new_version or bool(_NEW_VERSION.search(c)))
        now = bool(_NOW_STATE.search(c)) and not before_said and not _WAS.search(c)
        after_clause = now or new_version or bool(_AFTER_TIME.search(c)) and not before_said
        for m in QUANTITY.finditer(c):
            q = m.group(0)
            if _ENUMERATOR.match(c[m.start():]) and not c[:m.start()].strip():
                continue  # "two, about 400 lines of rules": a list's number, no level
            led = bool(_AFTER_LEAD.search(c[:m.start()]))
            paired = led and not after_clause and any(
                _unit(a) == _unit(q) and _value(a) != _value(q) for a in after_said)
            said.append((q, (after_clause or led) and not paired, now, k))
    # a value placed where the metric ended, by the first answer or the reply, said again is
    # that after value, not a before ("we landed at 41 % … the number that mattered was 41")
    ended = {_value(a) for a in after_said} | {_value(q) for q, after, _, _ in said if after}
    return tuple(q for i, (q, after, now, k) in enumerate(said)
                 if not after and _value(q) not in ended
                 or after and not now and any(
                     _unit(later) == _unit(q) and (at == k or at == k + 1 and later_after)
                     for later, later_after, _, at in said[i + 1:]))


# the simple past, said by someone of the story: a regular "-ed" verb or an irregular past form
_IRREGULAR_PAST = (r"was|were|had|did|went|got|made|took|told|said|saw|found|came|gave|built|"
                   r"wrote|ran|sent|led|kept|lost|thought|felt|knew|met|spent|brought|began|"
                   r"chose|broke|caught|fell|left|put|set|cut|hit|rang|sat|stood|won|paid|"
                   r"heard|held|taught|understood|rebuilt|rewrote|shut|spoke|drove|became")
_PAST = re.compile(rf"\b(?:{_IRREGULAR_PAST}|[a-z]{{2,}}ed)\b")
# a perfect or a modal says no occasion: "I've found", "that's been true", "I'd have asked"
_NOT_SIMPLE = re.compile(r"\b(?:have|has|'ve|'s\s+been|would|'d|will|can|could|should|might)"
                         r"\s+(?:\w+\s+)?$")
# an "-ed" word after a degree word is an adjective: "more structured", "very detailed"
_DEGREE = re.compile(r"\b(?:more|less|most|least|very|too|quite|pretty)\s+$")
# "-ed" words that are no past verb
_NOT_PAST = frozenset(("need", "feed", "speed", "indeed", "seed", "based", "interested",
                       "experienced", "detailed", "advanced", "limited", "related", "supposed",
                       "used", "tired", "red", "bed", "shed", "embed", "bleed"))


def past_clause(clause: str) -> bool:
    """The clause tells something done or that happened (a verb in the simple past), not a
    habit ("we usually …") and not a view or a perfect ("I've found", "it's been true")."""
    if HABITUAL.search(clause):
        return False
    for m in _PAST.finditer(clause):
        if m.group(0) in _NOT_PAST or _NOT_SIMPLE.search(clause[:m.start()]) or \
                m.group(0).endswith("ed") and _DEGREE.search(clause[:m.start()]):
            continue
        return True
    return False


def occasion_told(clauses: Sequence[str]) -> bool:
    """One real past occasion: at least two clauses in the simple past (`past_clause`), and
    more of them than habit clauses ("typically we …", "in most teams I always …")."""
    past = sum(past_clause(c) for c in clauses)
    habit = sum(bool(HABITUAL.search(c)) for c in clauses)
    return past >= 2 and past > habit


# the speaker says they cannot give what was asked: a negated knowing ("I don't remember the
# number"), a pointer elsewhere ("that's a question for the PM", "I'd have to check"), or that
# it was never measured ("we didn't track it")
_DEFLECT = re.compile(
    r"\b(?:don't|do\s+not|can't|cannot|couldn't|could\s+not|didn't|did\s+not)\s+(?:really\s+|"
    r"exactly\s+|quite\s+)?(?:know|remember|recall|have\s+(?:the|those|that|any)|say|tell\s+you|"
    r"measure|track|recall)\b"
    r"|\bnot\s+(?:really\s+)?sure\b|\bno\s+idea\b|\boff\s+the\s+top\s+of\s+my\s+head\b"
    r"|\bquestion\s+for\s+(?:the|my|our)\b|\bhave\s+to\s+(?:check|look\s+(?:it\s+)?up|dig)\b"
    r"|\bnever\s+(?:measured|tracked|looked)\b"
    # the question handed on: "that's really a business question" (not "a good question"),
    # "finance owns those numbers", "I'm not going to make up a number"
    r"|\b(?:that's|that\s+is|it's|it\s+is)\s+(?:really\s+|more\s+)?(?:a|an)\s+"
    r"(?!good\b|great\b|fair\b|interesting\b|tough\b|hard\b|tricky\b)\w+\s+question\b"
    r"|(?<!\bi\s)(?<!\bwe\s)\b(?:own|owns)\s+(?:those|these|the|that)\s+(?:numbers?|figures?|"
    r"metrics?)\b"
    r"|\bnot\s+going\s+to\s+(?:make\s+up|guess|speculate|invent)\b")
DEFLECT_SHARE = 0.5  # share of the reply's clauses that deflect for it to give nothing


def deflects(clauses: Sequence[str]) -> bool:
    """The reply says it cannot give what was asked (`_DEFLECT`) in at least `DEFLECT_SHARE` of
    its clauses and says no number: "I don't remember the exact figure, it was slow though"."""
    if not clauses or _says_number(clauses):
        return False
    return sum(bool(_DEFLECT.search(c)) for c in clauses) >= DEFLECT_SHARE * len(clauses)


# the speaker says the story taught them nothing: "I wouldn't say it taught me anything
# dramatic", "I didn't really learn anything new", "nothing I'd do differently"
_NO_LESSON = re.compile(
    r"\b(?:wouldn't\s+say|would\s+not\s+say|don't\s+think|didn't|did\s+not|never|not\s+sure)\s+"
    r"(?:\w+\s+){0,3}?(?:taught\s+me|learn(?:ed|t)?|changed)\s+(?:\w+\s+)?(?:anything|much|a\s+thing)\b"
    r"|\b(?:learn(?:ed|t)?|taught\s+me)\s+nothing\b"
    r"|\bnothing\s+(?:really\s+)?(?:i'd|i\s+would)\s+do\s+differently\b")


def denies_lesson(clauses: Sequence[str]) -> bool:
    """The reply says the story taught nothing (`_NO_LESSON`): a learning asked for is then not
    given, whatever habits or views follow ("you stay professional, you focus on the work")."""
    return any(_NO_LESSON.search(c) for c in clauses)


# what "I" says of the speaker that is no step taken: being somewhere, knowing, thinking, a modal
_I_STATE = frozenset("""was am 'm were be been know knew think thought guess mean meant feel
felt believe remember suppose hope wish say said would 'd should could can might will 'll must
do did don't didn't have 've had not never also just really only then still always actually
kind sort like love liked loved wasn't am'nt""".split())
_I_VERB = re.compile(r"\bi\s+((?:\w|')+)(?:\s+((?:\w|')+))?(?:\s+((?:\w|')+))?")
# auxiliaries after which the next word is the verb said with "I": "I had to rewrite", "I did
# write", "I'd built"
_I_AUX = frozenset("have 've had did do 'd would could should will 'll also just then "
                   "actually personally really only first".split())


def acted_with_i(clauses: Sequence[str]) -> bool:
    """The reply says a step the speaker took, with "I" (a verb of doing after "I", maybe after
    an auxiliary: "I wrote the report", "I had to rewrite the job"), not only a state or a
    thought ("I was there for all of it", "I know that's not specific", "I think")."""
    for c in clauses:
        for m in _I_VERB.finditer(c):
            first, second, third = m.group(1), m.group(2) or "", m.group(3) or ""
            if second == "to":  # "I had to rewrite", "I went on to"
                second = third
            if first not in _I_STATE:
                return True
            if first in _I_AUX and second and second not in _I_STATE:
                return True
    return False


# share of a reply's content features the first answer has above which the reply restates it;
# chosen on tuning sets 1–3, where no reply that supplies what was asked shares more than 0.41
REPEAT_SHARE = 0.7


def repeats(reply: str, first: str | None, reply_numbers: Sequence[str],
            first_numbers: Sequence[str]) -> bool:
    """The reply restates the first answer: at least `REPEAT_SHARE` of its content features
    (`story_switch.shared_share`) are the first answer's, and it says no number the first
    answer did not — a number said with its unit is the same only with that unit ("2 cents"
    is new after "2 small GPUs": QA108 F1)."""
    if not first:
        return False
    from voice_coach.analysis.story_switch import shared_share  # numpy: not when a report renders

    share, n = shared_share(reply, first)
    return n > 0 and share >= REPEAT_SHARE and set(reply_numbers) <= set(first_numbers) \
        and _with_units(reply) <= _with_units(first)


def _with_units(text: str) -> set[str]:
    """The quantities `text` says with a unit word ("2 cents", "6 weeks")."""
    return {m.group(0) for m in re.finditer(QTY_WITH_UNIT, normalize_numbers(text).lower())}


# words that say how much or how good, or name the asking itself, not what: "a lot", "great",
# "a big difference", "I learned", "the lesson"
_GENERIC = frozenset("""lot lots much many things thing stuff experience experiences great good
better best bad worse really very quite big huge happy pleased overall difference success
improvement improvements way everyone everybody something anything everything learned learnt
learn learning lesson lessons taught went got made stuff nice definitely honestly basically
whole kind sort careful carefully realistic aware mindful patient proactive communicate
communication communicating organised organized""".split())
_TOKEN = re.compile(r"[a-z][a-z'-]+")
CONCRETE_WORDS = 2  # words beyond how much / how good a clause needs to say something particular


def concrete(clauses: Sequence[str]) -> bool:
    """The reply says something in particular: a number, or a clause with at least
    `CONCRETE_WORDS` words that are neither stop words nor words of how much or how good
    (`_GENERIC`): "I learned to test the schema before the model" is, "I learned a lot, it was a
    great experience" is not."""
    from voice_coach.analysis.story_similarity import STOP_WORDS  # numpy: not at `--help`

    for c in clauses:
        if QUANTITY.search(c):
            return True
        words = [w for w in _TOKEN.findall(c) if w not in STOP_WORDS and w not in _GENERIC]
        if len(words) >= CONCRETE_WORDS:
            return True
    return False


# a number and what it counts, at a rate: "2m reviews a day", "120k requests per second", "about
# 300 a week" — how much, which says no case
_VOLUME = re.compile(QUANTITY.pattern + r"(?:\s+[a-z][a-z'-]*)?"
                     r"(?:\s+(?:a|an|per|each|every)\s+[a-z]+)?", re.IGNORECASE)
# words a spoken reply opens or closes on that say nothing: "sure look", "yeah", "right", "okay"
_DISCOURSE = frozenset("sure look yeah yes yep okay ok right well like so um uh er mean guess "
                       "think roughly approximately around about nearly almost maybe".split())


def case_said(clauses: Sequence[str]) -> bool:
    """The reply says a case, not only how much: some clause, with each number and what it
    counts at its rate taken out (`_VOLUME`: "2m reviews a day"), still has at least
    `CONCRETE_WORDS` words that are neither stop words, words of how much or how good, nor
    words that say nothing ("sure look"). "About two mil reviews a day, sure look" is a volume,
    no example (QA14 F22); "a seller who bought 300 reviews in one week from new accounts" is a
    case with a number in it."""
    from voice_coach.analysis.story_similarity import STOP_WORDS  # numpy: not at `--help`

    for c in clauses:
        rest = _VOLUME.sub(" ", c)
        words = [w for w in _TOKEN.findall(rest)
                 if w not in STOP_WORDS and w not in _GENERIC and w not in _DISCOURSE]
        if len(words) >= CONCRETE_WORDS:
            return True
    return False


_PHRASE_SPLIT = re.compile(r"[.;:!?]+\s+|,\s+|\s+(?:and|but|so|which|because|then)\s+")
# words that open a clause without saying anything: "so", "um", "like", "and"
_PHRASE_OPENERS = frozenset("so um uh er like and but well yeah yes okay ok right actually "
                            "basically honestly you know i mean".split())
# words a quoted phrase does not end on: "saving $300K a year" keeps "a year", not "… I think"
_PHRASE_TAIL = frozenset("a an the of to in on at for by and or with from i we it think guess "
                         "mean know like um uh".split())
PHRASE_WORDS = 4  # words kept on each side of a quoted number: "error rate was around 8%"


def number_phrase(start: int, end: int, text: str) -> str:
    """The words that carry the number at `start:end` of `text`: its clause (cut at
    punctuation and at "and", "but", "so", …), at most `PHRASE_WORDS` words on each side, without
    opening fillers: "8%" of "so offline, the word error rate was around 8%, I think" →
    "error rate was around 8%"."""
    pieces = [(m.start(), m.end()) for m in _PHRASE_SPLIT.finditer(text)]
    lo = max((b for a, b in pieces if b <= start), default=0)
    hi = min((a for a, b in pieces if a >= end), default=len(text))
    before = text[lo:start].split()[-PHRASE_WORDS:]
    while before and before[0].strip(",").lower() in _PHRASE_OPENERS:
        before.pop(0)
    after = text[end:hi].split()[:PHRASE_WORDS]
    while after and after[-1].lower().strip(",.;:!?") in _PHRASE_TAIL:
        after.pop()
    return " ".join([*before, text[start:end], *after]).strip(" ,.;:!?")


def _number_spans(text: str) -> list[tuple[str, int, int, str]]:
    """(number as `facts.quantities` gives it, start, end, the normalised text) of every number
    `text` says."""
    plain = normalize_numbers(" ".join(text.split()))
    return [(short_money(m.group(0) + currency_word_after(plain, m.end())), m.start(), m.end(), plain)
            for m in QUANTITY.finditer(plain)]


# a span of time said as when it happened: "2 months later his team used it" (QA82 F4)
_WHEN_LATER = re.compile(rf"{TIME_SPAN} (?:later|after(?:wards)?)\b")
# … or after "after": "the complaints stopped after 2 weeks" says when, no number of the outcome
# (QA89 F1)
_AFTER_SPAN = re.compile(rf"(?<=\bafter )(?:about |around |roughly |only |just )?{TIME_SPAN}\b")
_SPAN_AT = re.compile(rf"{TIME_SPAN}\b")


def lasted_for(plain: str, start: int) -> bool:
    """The number at `start` of normalised lower-case `plain` says how long a state lasted
    ("he worked in that workshop for 20 years already", `numbers.LASTED_FOR`), no level, result
    or outcome (QA108 F2)."""
    return LASTED_FOR.search(plain, 0, start) is not None and _SPAN_AT.match(plain, start) is not None


# the size of what was built or run on: "a model with about 7B parameters", "2 rented GPUs",
# "a tree on about 40 features" — how the system is made, no result of the work (QA94 F1)
_SYSTEM_SIZE = re.compile(r"\d+(?:\.\d+)?[mbkt]?(?: [a-z-]+){0,2}? (?:parameters|params|features|"
                          r"layers|gpus|cpus|cores|machines|servers|nodes|instances|replicas|"
                          r"shards|trees|heads|epochs|dimensions|neurons)\b")


def system_size(plain: str, start: int) -> bool:
    """The number at `start` of normalised lower-case `plain` counts the parts of the system
    built ("7B parameters", "2 rented GPUs", "40 features")."""
    return _SYSTEM_SIZE.match(plain, start) is not None


def work_numbers(text: str) -> tuple[str, ...]:
    """The numbers `text` says, but not a head count (`head_count`: "a team of 5",
    "3 engineers"): how many people did the work is no level, result or outcome of it (QA11
    F13); nor a goal or bar the work had to meet (`said_as_target`: "our bar was that no more
    than 2% …", QA58 F1); nor when it happened ("2 months later", QA82 F4; "stopped after 2
    weeks", QA89 F1); nor the size of the system built (`system_size`, QA94 F1); nor a time of
    day ("even at 7 in the morning", `numbers.TIME_OF_DAY`, QA105 F1)."""
    return tuple(q for q, a, b, plain in _number_spans(text)
                 if not head_count(plain.lower(), a, b)
                 and not said_as_target(plain.lower(), a)
                 and not _WHEN_LATER.match(plain.lower(), a)
                 and not _AFTER_SPAN.match(plain.lower(), a)
                 and not system_size(plain.lower(), a)
                 and not lasted_for(plain.lower(), a)
                 and not re.match(TIME_OF_DAY, plain.lower()[b:]))  # "at 7 in the morning"


MONEY_PHRASE_WORDS = 6  # words kept after an amount, up to the word that says it is money


def money_unheard(start: int, end: int, plain: str) -> str | None:
    """A large amount said with no unit in a clause about money, the currency never said:
    "40K [currency?] your amount's in lost sales" (Whisper's "40k your amount's in lost sales"
    for "forty k euro a month in lost sales", QA14 F12) — the amount as money, marked, and the
    words after it up to the one that says it is money; None for any other number."""
    if BARE_AMOUNT.match(plain, start) is None or BARE_AMOUNT.match(plain, start).end() != end \
            or re.search(r"[$€£]\d", plain):
        return None
    after = plain[end:].split()[:MONEY_PHRASE_WORDS]
    said = [i for i, w in enumerate(after) if MONEY_WORDS.fullmatch(w.strip(",.;:!?"))]
    upto = said[-1] if said else None  # "… in lost sales": through the last money word
    if upto is None:
        return None
    words = " ".join(after[:upto + 1]).strip(" ,.;:!?")
    return short_money("$" + plain[start:end])[1:] + UNSAID_CURRENCY + (" " + words if words else "")


def evidence_said(evidence: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Each number a check quotes (`FollowUpCheckInfo.evidence`) with the words of `text` (the
    reply) that carry it (`number_phrase`: "12%" → "error rate was around 12%"), as
    every view shows it (QA11 F13: a bare "12; 3" said nothing); a number `text` does not say
    is shown as it is, and a principle's name too."""
    spans = _number_spans(text)
    shown: list[str] = []
    for q in evidence:
        at = next(((a, b, plain) for said, a, b, plain in spans if said == q), None)
        phrase = q if at is None else money_unheard(*at) or \
            number_phrase(at[0], at[1], at[2]).replace(at[2][at[0]:at[1]],
                                                         short_money(at[2][at[0]:at[1]]), 1)
        # two numbers of one clause are one phrase: "cut late deliveries from 12% to 3%"
        if any(phrase in s for s in shown):
            continue
        shown = [s for s in shown if s not in phrase] + [phrase]
    return tuple(shown)


# the work said as someone else's: "it was mostly built by Kenji", "the rule came from our
# manager", "the heavy lifting was Priya", "it was really a team thing", "she announced it"
_CREDIT = re.compile(
    r"\b(?:was|were)\s+(?:\w+ly\s+|all\s+|really\s+)?(?:built|done|driven|designed|written|led|"
    r"owned|made|created|set\s+up|put\s+together|run|decided|curated|announced)\s+by\b"
    r"|\b(?:came|comes|come)\s+from\s+(?:our|the|my|their)\s+\w+"
    r"|\bheavy\s+lifting\b"
    r"|\b(?:really|mostly|very\s+much|all|just)\s+a\s+(?:team|cross-team|group|joint)\s+"
    r"(?:thing|effort)\b"
    r"|\bcredit\s+(?:goes\s+)?to\b"
    r"|\b(?:he|she|they)\s+(?:\w+ly\s+)?(?:\w+ed|built|wrote|made|did|ran|led|drove|set\s+up|put|"
    r"took|brought)\b")


def credits_others(clauses: Sequence[str]) -> bool:
    """The reply gives the work to others (`_CREDIT`: "the framework was mostly built by Kenji",
    "the sign-off rule came from our manager", "it was really a team thing") in more clauses
    than it says a step of the speaker's own (`acted_with_i`): the own part asked for is not
    given, however many times "I" is said ("I was very supportive, I used it on my models")."""
    credit = sum(bool(_CREDIT.search(c)) for c in clauses)
    own = sum(acted_with_i([c]) for c in clauses)
    return credit > own


# the reply refuses the question as asked: "I'd push back on the framing", "for me it's not
# really a trade-off", "I'd be careful anchoring on a yearly number", "there isn't one metric"
_DECLINE = re.compile(
    r"\bpush\s+back\s+on\b|\bnot\s+going\s+to\s+(?:\w+\s+){0,3}?take\s+(?:the\s+)?credit\b"
    r"|\b(?:(?:it's|it\s+is|it\s+was|that's|that\s+is|there's|there\s+is|there\s+was)\s+"
    r"(?:not|no|never)|isn't|wasn't|aren't)\s+(?:really\s+)?(?:a|an|any)?\s*(?:real\s+)?"
    r"(?:trade-?off|choice|dilemma)\b"
    r"|\b(?:be|am|i'm)\s+(?:very\s+|a\s+bit\s+)?(?:careful|wary|cautious)\s+(?:about\s+|of\s+)?"
    r"(?:anchoring|putting|giving|picking|quoting|reducing)\b"
    r"|\b(?:wouldn't|would\s+not|won't|don't|can't)\s+(?:\w+\s+)?(?:pick|choose|give|reduce\s+it\s+"
    r"to|boil\s+it\s+down\s+to)\s+(?:a|one)\s+(?:single\s+)?(?:number|metric|figure)\b")


def declines(clauses: Sequence[str]) -> bool:
    """The reply opens by refusing the question as asked (`_DECLINE` in its first two clauses:
    "I'd push back on the framing", "for me it's not really a trade-off", "I'd be careful
    anchoring on a yearly number") and says no number: whatever view follows, it does not give
    what was asked."""
    if not clauses or _says_number(clauses):
        return False
    return any(_DECLINE.search(c) for c in clauses[:2])


def _says_number(clauses: Sequence[str]) -> bool:
    """A clause says a number that is no head count ("a team of six" is no figure given)."""
    return any(not head_count(c, m.start(), m.end()) for c in clauses
               for m in QUANTITY.finditer(c))


# a lesson said: the speaker names what was learned ("I have learned that …", "my takeaway"), or
# says what they do since, in the present ("so now, before I argue, I ask first", "what I do
# now is I ask for a sample in week one", "next time I'd …")
_LEARNED = re.compile(r"\b(?:learn(?:ed|t)\s+(?:that|to|how)|taught\s+me|take-?aways?|"
                      r"lesson\s+(?:is|was)|realis(?:ed|e)\s+that|realiz(?:ed|e)\s+that)\b")
_SINCE = re.compile(r"\b(?:now|nowadays|these\s+days|since\s+then|ever\s+since|next\s+time|"
                    r"from\s+then\s+on|today|anymore|any\s+more)\b")
# "I"/"we" and the next word, or a contraction fused to it ("i'd go", "we'll ask"): `_AFTER_I`
_AFTER_I = r"\b(?:i|we)(?:\s+|(?='(?:ll|d)\s))"
_SPEAKER_PRESENT = re.compile(_AFTER_I + r"(?:always\s+|now\s+|first\s+|also\s+|never\s+|"
                              r"still\s+)?(?!(?:was|were|had|did|think|guess|mean|feel|suppose|"
                              r"believe)\b)(?:'ll\s+|'d\s+|will\s+|would\s+)?(?:[a-z]+)(?<!ed)\b")


def lesson_said(clauses: Sequence[str]) -> bool:
    """The reply says a lesson of its own: a clause that names one learned (`_LEARNED`: "I
    have learned that when someone says no …"), or says in the present what the speaker does
    since (`_SINCE` with "I"/"we" and a verb not in the past: "so now, before I argue, I ask
    first"), in a clause that says something in particular (`concrete`: not "I'm just more
    careful now"); a clause only in the past ("we did the migration and it worked") is none."""
    for k, c in enumerate(clauses):
        # the past is read up to the speaker's verb: "next time I'd ask them to show me the last
        # decision they made" says what the speaker would do; a past after it is another's
        present = _SPEAKER_PRESENT.search(c)
        since = bool(_SINCE.search(c) and present) and not past_clause(c[:present.end()])
        if not concrete([c]):  # "I'm just more careful now" says no lesson in particular…
            # …unless it opens a routine the next clause spells out in the present ("now I do
            # it more structured. | first day, I find one survey paper and one codebase")
            if since and k + 1 < len(clauses) and _routine_step(clauses[k + 1]):
                return True
            continue
        if _LEARNED.search(c) or since:
            return True
    return False


def _routine_step(clause: str) -> bool:
    """A clause that says a step the speaker takes now, in particular: "I"/"we" with a verb not
    in the past, and words beyond how much or how good ("first day, I find one survey paper")."""
    return bool(_SPEAKER_PRESENT.search(clause)) and not past_clause(clause) and concrete([clause])


# a side of a trade-off said: what it costs, what was given up, what gets worse
_COST = re.compile(
    r"\b(?:costs?|costly|expensive|prices?|pricier|pay|paid|lose|loses|losing|lost|loss|losses|"
    r"give\s+up|gives\s+up|gave\s+up|given\s+up|giving\s+up|sacrific\w*|slower|worse|"
    r"hurts?|hurting|risks?|risky|downsides?|penalt(?:y|ies)|expense|drawbacks?|overhead|"
    r"latency|harder|burden|dangerous|harmful|harms?|damag(?:e|es|ed|ing)|delay(?:s|ed)?|"
    r"slip(?:s|ped)?|dropped|drops?|fewer|less|lower|"
    r"in\s+exchange|trade-?offs?)\b")
# …said as none: "I am not aware of any quality we sacrificed", "we didn't lose anything", "no
# downside" (a negation at most five words before the cost word, in its sentence)
_NO_COST = re.compile(r"(?:\b(?:no|not|none|nothing|never)|n't)(?:\s+\S+){0,5}\s+$")


def cost_said(clauses: Sequence[str]) -> bool:
    """The reply says the side of a trade-off that costs (`_COST`: "we gave up some accuracy",
    "it was ten times cheaper but slower to retrain", "tens of thousands of dollars in losses"),
    not only what one option wins ("embeddings win when the duplicates are paraphrases") and
    not a cost said as none ("I am not aware of any quality we sacrificed")."""
    text = " ".join(clauses)
    for m in _COST.finditer(text):
        sentence = re.split(r"[.!?]\s+", text[:m.start()])[-1]
        if not _NO_COST.search(sentence):
            return True
    return False


# --- the asked kind (session 17): what the reply's facts are, not only that a fact was heard ---

# what a number counts when it is no volume of the work: time, a share, money, a factor, or the
# machines it ran on ("200 ms on four GPUs", "30 % GPU utilisation") — how fast or on what, not
# how much traffic, data or how many users
_NOT_VOLUME_UNIT = re.compile(
    r"^(?:%|percent|per\s+cent|points?|pp|x|times|fold|ms|milliseconds?|seconds?|secs?|minutes?|"
    r"mins?|hours?|hrs?|days?|weeks?|months?|years?|quarters?|sprints?|gpus?|cpus?|cores?|"
    r"machines?|servers?|nodes?|instances?|pods?|replicas?|boxes|vms?|shards?|"
    r"dollars?|euros?|pounds?|bucks|usd|eur|k\b|grand|milliseconds?|"
    r"people|persons|engineers?|developers?|of\s+us|of\s+them|"
    r"o['’]?clock|am|pm|a\.m\.|p\.m\.|th|st|nd|rd)\b")
# a number said as a rate of something or an amount of it: "1.2M requests per day", "300 a
# week", "two terabytes of logs", "50M documents", "twelve teams"
_RATE_AFTER = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}?(?:a|an|per|each|every)\s+(?:second|minute|hour|"
                         r"day|night|week|month|quarter|year)\b")
_VOLUME_WORDS = re.compile(r"\b(?:hundreds|thousands|millions|billions|tens\s+of\s+thousands)\s+of"
                           r"\s+[a-z]+")
# "latency was 200", "p99 of 80": a number said of how fast, whatever follows it
_SPEED_BEFORE = re.compile(r"\b(?:latency|p\d\d|response\s+time|took|takes|in\s+under|within|"
                           r"utili[sz]ation|accuracy|precision|recall|auc|f1|error\s+rate|"
                           r"uptime|sla)\b(?:\s+\S+){0,3}\s*$")


def volume_said(text: str) -> bool:
    """The reply (`text`, as said) says how big the work was, as a volume: a number of things
    counted (users, requests, documents, teams) or at a rate ("300 a week"), or an amount of
    data ("two terabytes of logs"), or "millions of users" — not only how fast, on what or how
    well ("200 ms on four GPUs", "at 30 % utilisation": set 8 g25's latency for traffic
    volume). Money, shares and factors are no volume; a head count is none."""
    plain = normalize_numbers(" ".join(text.split()))
    low = plain.lower()
    if _VOLUME_WORDS.search(low):
        return True
    for m in QUANTITY.finditer(plain):
        q = m.group(0)
        if head_count(low, m.start(), m.end()) or re.search(r"[%$€£]|\dx\b", q) or \
                _SPEED_BEFORE.search(low[max(0, m.start() - 60):m.start()]):
            continue
        said = re.sub(r"^[~\d.,]+[MBKT]?\s*", "", q).lower()  # "9000 sellers" → "sellers"
        rest = said + " " + low[m.end():] if said else low[m.end():]
        if _RATE_AFTER.match(" " + rest):
            return True
        # what it counts: the words up to a link word, at most three ("2 small cpu machines")
        words = []
        for w in re.findall(r"[a-z][a-z.'’-]*", re.sub(r"^\s*of\s+", "", rest))[:3]:
            if w in _LINK_WORDS:
                break
            words.append(w)
        if words and not any(_NOT_VOLUME_UNIT.match(w) for w in words) and \
                not _NOT_VOLUME_UNIT.match(" ".join(words)):
            return True
    return False


# words after a number that say it counts nothing: "it was 40 and …", "around 300 or so"
_LINK_WORDS = frozenset("and or but so to from at in on with by the a an is was were it that "
                        "which then more less about around roughly".split())


# the side of a trade-off that wins: what was gained, why it was worth it
_GAIN = re.compile(
    r"\b(?:worth|worthwhile|justif\w*|gain\w*|benefits?|benefited|wins?|won|winning|better|"
    r"faster|cheaper|simpler|safer|easier|quicker|higher|improv\w*|saved?|saves|saving|savings|"
    r"protect\w*|avoid\w*|prevent\w*|pays?\s+off|paid\s+off|in\s+return|upside|advantages?|"
    r"in\s+exchange|so\s+that|instead|rather\s+than|because|since\s+(?:it|we|the)|"
    r"the\s+reason|that's\s+why|which\s+is\s+why|mattered\s+more|more\s+important|"
    r"priorit\w*|fairer|robust\w*|reliab\w*|stable|stabler|compliant|trust\w*"
    # … what one side wins said as a comparative of quality: "the reranker is more accurate,
    # but it costs 30 ms per query" (QA53 F8)
    r"|more\s+(?:accurate|precise|relevant|useful|efficient|consistent|scalable|maintainable|"
    r"interpretable|explainable))\b")


def gain_said(clauses: Sequence[str]) -> bool:
    """The reply says the side of a trade-off that wins — what was gained or why the cost was
    worth paying (`_GAIN`: "it was worth it because …", "in return we got a model we could
    explain", "faster to retrain") — not said as none ("it wasn't worth it" is a side said; "no
    benefit" is not). With `cost_said` it is both sides: "we delayed the launch by six weeks
    and AUC dropped" alone is the cost of a trade-off, not the trade-off (set 10 h57, h20)."""
    text = " ".join(clauses)
    for m in _GAIN.finditer(text):
        sentence = re.split(r"[.!?]\s+", text[:m.start()])[-1]
        if not re.search(r"\b(?:no|none|nothing|without)\s+(?:\S+\s+){0,2}$", sentence):
            return True
    return False


# another party as the one who did or decided the thing asked: "the decision has been taken by
# our product director", "the infra folks built out the cluster", "Maria's team rewrote the
# jobs", "the PM decided", "the business team tracked that"
_PARTY = (r"(?:(?:the|our|my|their|his|her|a|an|[a-z]+'s)\s+(?:[a-z-]+\s+){0,2}?(?:team|teams|"
          r"folks|people|guys|director|directors|manager|managers|pm|pms|lead|leads|"
          r"engineers?|scientists?|analysts?|department|squad|org|organisation|organization|"
          r"owner|owners|vp|cto|ceo|boss|mentor|colleagues?|juniors?|seniors?|stakeholders?|"
          r"business|finance|leadership|management|product|legal|ops|infra|platform|vendor|"
          r"partner|client|customer)"
          r"|(?:he|she|they|somebody|someone|everybody|everyone|management|leadership|finance))")
_PARTY_DID = re.compile(
    rf"\b{_PARTY}\s+(?:\w+ly\s+|also\s+|then\s+|just\s+)?(?:(?:has|have|had)\s+(?:been\s+)?|was\s+|"
    rf"were\s+)?(?:decided|decides|chose|picked|built|rebuilt|wrote|rewrote|retrained|trained|"
    rf"prepared|tracked|tracks|measured|measures|handled|handles|owned|owns|ran|runs|ran|did|"
    rf"does|led|leads|drove|designed|made|set\s+up|fixed|found|figured|analy[sz]ed|calculated|"
    rf"computed|estimated|approved|signed\s+off|took\s+care|takes\s+care|looked\s+(?:at|into)|"
    rf"looks\s+(?:at|into)|came\s+up|implemented|delivered|shipped|migrated|deployed|"
    rf"[a-z]+ed\s+(?:out|up|it|the|that|those|this|everything|all))\b"
    r"|\b(?:taken|made|decided|handled|tracked|done|owned|driven|measured|calculated|approved|"
    r"built|led|run)\s+by\s+(?:the|our|my|their|his|her|[a-z]+'s|[a-z]+)\b")


def hands_off(clauses: Sequence[str]) -> bool:
    """The reply hands what was asked to another party (`_PARTY_DID`: "the decision has been
    taken by our product director", "the infra folks built out the new cluster", "Maria's team
    rewrote the feature jobs", "the business team tracked that") in more clauses than it says a
    step of the speaker's own (`acted_with_i` outside habit clauses): the own part is not given
    (set 10 h16, h44; set 8 g11)."""
    handed = sum(bool(_PARTY_DID.search(c)) for c in clauses)
    own = sum(step_told([c]) for c in clauses)
    return handed > own


# a clause told as what the speaker does as a rule, not what happened once: "in general I always
# believe", "I have a habit to prepare", "the way I always do it", "my standard approach"
_HABIT = re.compile(HABITUAL.pattern + r"|\bin\s+general\b|\bgenerally\b|\busually\b|\btypically\b"
                    r"|\bas\s+a\s+rule\b|\bhabit\b|\bstandard\s+(?:approach|practice|way|process)\b"
                    r"|\bthe\s+way\s+i\s+(?:always\s+)?(?:do|approach|handle)\b|\bwhenever\b"
                    r"|\bevery\s+time\b|\bfor\s+any\s+(?:model|project|team)\b"
                    r"|\bi\s+(?:always|never|tend\s+to)\b|\bi'm\s+a\s+(?:big\s+)?believer\b")


def habit_clause(clause: str) -> bool:
    """The clause says what the speaker does as a rule (`_HABIT`), not what happened."""
    return bool(_HABIT.search(clause))


def step_told(clauses: Sequence[str]) -> bool:
    """A step the speaker took, said with "I" (`acted_with_i`) in a clause that is no habit
    ("I generally made myself available", "I always give it attention": set 10 h14, h46)."""
    return acted_with_i([c for c in clauses if not habit_clause(c)])


def told_as_habit(clauses: Sequence[str]) -> bool:
    """The reply tells a habit where one occasion was asked about: at least one habit clause
    (`habit_clause`) and no more clauses in the simple past of the story (`past_clause`) than
    habit clauses ("this was the pricing model … the way I always do it is I look at learning
    curves, that's my standard approach": set 10 h34)."""
    habit = sum(habit_clause(c) for c in clauses)
    past = sum(past_clause(c) and not habit_clause(c) for c in clauses)
    return habit > 0 and habit >= past


# a number said as where the metric should get to, not where it was: "the target was to go under
# 3 %", "our goal of 95 %", "an SLA of 200 ms", "we aimed for 2 %"
_TARGET_LEAD = re.compile(r"\b(?:target|targets|targeted|goal|goals|aim|aimed|aiming|objective|"
                          r"budget|sla|slo|threshold|bar|requirement|wanted|hoped|expected|"
                          r"supposed)\b(?:\s+\S+){0,8}\s*$")


def target_numbers(clauses: Sequence[str]) -> tuple[str, ...]:
    """The numbers a reply says as a target, a goal or a limit (`_TARGET_LEAD` within eight words
    before it: "the target from management has been to go under 3 %"): neither the level
    before nor the one after (set 10 h01)."""
    return tuple(m.group(0) for c in clauses for m in QUANTITY.finditer(c)
                 if _TARGET_LEAD.search(c[:m.start()]))


# a reason given: "because", "since it", "that's why", "the reason is", "so that", "it shows"
_REASON = re.compile(r"\b(?:because|cause|since\s+(?!then\b)|so\s+that|that's\s+why|which\s+is\s+why|"
                     r"the\s+reason|reasons?\s+(?:is|are|was)|in\s+order\s+to|to\s+make\s+sure|"
                     r"given\s+that|due\s+to|as\s+a\s+result|otherwise|it\s+shows|that\s+shows|"
                     r"shows\s+that|showed|means|meant|for\s+me\s+(?:it|that|this)|to\s+me\s+(?:it|that|"
                     r"this)|it's\s+about|it\s+is\s+about|that's\s+about|the\s+point)\b")


def reason_said(clauses: Sequence[str]) -> bool:
    """The reply gives a reason (`_REASON`: "because …", "that's why …", "it shows …"), as a
    follow-up that asks "why" wants: "Customer Obsession, mostly, and Dive Deep a close second"
    names without saying why (set 10 h58)."""
    return any(_REASON.search(c) for c in clauses)


# the speaker's way of working said in the present or as what they would do: "I insist on a
# baseline first", "now we write the threshold down", "I'd ask for a sample in week one"
_PRACTICE = re.compile(_AFTER_I + r"(?:always\s+|now\s+|first\s+|also\s+|never\s+|still\s+|"
                       r"usually\s+|try\s+to\s+|make\s+sure\s+to\s+)?(?:'ll\s+|'d\s+|will\s+|would\s+)?"
                       r"([a-z]+)\b")
_NOT_PRACTICE = frozenset("""was were had did think guess mean feel suppose believe said say am
'm is are be been know knew thought felt remember don't didn't wasn't can could""".split())


def practice_said(clauses: Sequence[str]) -> bool:
    """The reply says how the speaker works now or would work: a lesson said (`lesson_said`),
    or a clause in particular (`concrete`) with "I"/"we" and a verb neither in the past nor of
    thinking ("now, before I commit weeks, I insist that a simple baseline is built first") —
    not the story told again in the past with "that was a big lesson for me" (set 10 h19)."""
    if lesson_said(clauses):
        return True
    for c in clauses:
        if past_clause(c) and not re.search(r"\b(?:now|since|today|anymore|next\s+time)\b", c):
            continue
        for m in _PRACTICE.finditer(c):
            verb = m.group(1)
            if verb not in _NOT_PRACTICE and not _PAST.fullmatch(verb) and concrete([c]):
                return True
    return False


def said_after(clause: str, value: str) -> bool:
    """The number of `value` ("3200") is said in `clause` after a word of the time after that
    no word of the time before follows ("after the change, the cost was around €3200"): a level
    after, whatever else reads it as the baseline."""
    for m in QUANTITY.finditer(clause):
        if _value(m.group(0)) != value:
            continue
        lead = clause[:m.start()]
        after = list(_AFTER_TIME.finditer(lead))
        if after and not BEFORE_TIME.search(lead[after[-1].end():]):
            return True
    return False
