"""How the story bank and the brief word a story's triad numbers: which of the numbers a report
quotes for its business outcome is shown as the outcome, with the words that say what moved
("repeat calls −15%"), and a metric label that is a word fragment ("through", "totally")
rather than a metric name. A number worked out rather than said comes marked from the triad
(`facts.triad_values`, `numbers.WORKED_OUT`); nothing here works it out again.

Pure functions over the answer's text (already `numbers.normalize_numbers`-ed through
`facts.said_sentences`); the report's facts decide whether a slot is there, this module only
picks and words the number the bank shows for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voice_coach.analysis.facts import (HAD_A_OF, is_money, named_after_change, quantity_kind,
                                        said_sentences)
from voice_coach.analysis.numbers import (CHANGE_VERB, FROM_TO, NEAR_BOUND, SAID_BY_CHANGE,
                                          TIME_BACK, UNSAID_DIRECTION, said_as_target,
                                          signed_change)
from voice_coach.analysis.vocabulary import PEOPLE_NOUNS

__all__ = ["changes_said", "metric_label", "number_kind", "outcome_said", "said_as_level",
           "subject_of", "worded_change"]

# words that never name a metric alone, nor start its name: a fragment of the sentence around
# it ("through" of "click-through", "totally" misheard for "dropped only", "behind the line")
_PREPOSITIONS = frozenset("of in on at by for with to from into onto over under through behind "
                          "above below across after before during between among via per versus vs compared against".split())
_CONJUNCTIONS = frozenset("and so but then or".split())  # said before a clause's first word
_FUNCTION = _PREPOSITIONS | frozenset(
    "a an the this that these those it its our my their his her your we i they you he she "
    "about around than as and or but so then also which who where when "
    "only just really totally basically actually even still was were is are be been had has "
    "have did do does went go goes got out up down off one "
    # fillers Whisper writes next to a metric's name ("from, um, like 14%", QA82 F5)
    "like um uh erm hmm "
    # when a level was said, never what was measured ("now it is 42 minutes", QA98 F6)
    "now today nowadays currently afterwards later earlier previously originally initially "
    # a negation said with a figure the speaker rejects ("…, not one in six", QA135 F1)
    "not never".split())
# a verb that links a metric to its level, heard at the end of the words before the number:
# "click through rate became 4.1%" names "click through rate" (QA12 F18)
_SIGNPOSTS = frozenset("first second third then next finally lastly".split())
_LINKING = frozenset("became become becomes came stood stands sat sits remained".split())
# words that make a label a clause, not a noun phrase, wherever they stand in it: a person
# ("you", "we") or a modal ("may", "could") never sits inside a metric's name — Whisper's "may
# you see" for "AUC" (QA11 F06), "we could see", "I would say"; "us" is left out: lower-cased,
# it is also the country ("us conversion rate")
_CLAUSE_WORDS = frozenset("i you he she we they me him them may might can could will would "
                          "shall should must "
                          # … or a question word: "need to do what" of "the need to do what was
                          # 3.5 minutes" (Whisper's, QA144 F5)
                          "what why".split())
# people who do a thing: "the agent" of "the agent spends about 6 minutes per ticket" names who,
# never what was measured (QA41 F7); "agent handle time" keeps its head noun
_PEOPLE = PEOPLE_NOUNS  # never what was measured
# the nouns of idioms said of a change, never what was measured: "we moved the needle from 11% to
# 6.5%" (QA72 F4), "raised the bar", "turned the dial"
_IDIOM_NOUNS = frozenset("needle bar dial ball game".split())
# the setting a number was measured in, said before the metric ("in the A/B test click rate")
_SETTING = frozenset("test tests experiment experiments launch rollout pilot canary".split())
_HOW_LONG = r"\bfor (?:about |around |roughly |nearly |almost |over |up to |some )?"
_MORE_LESS = r" (?P<dir>fewer|more|less|lower|higher|down|up)\b"
_NAME_WORDS = 6  # words kept before a change for what changed ("repeat calls")
# prepositions inside a metric's name: "cost per ticket", "cost for conversion for small …"
_INSIDE_NAME = frozenset("per of for".split())


def metric_label(label: str | None) -> str | None:
    """`label` as a metric name, or None when it is a fragment with no word that names one:
    leading function words, single letters ("b" of "A B test") and the setting it was measured
    in are dropped; a label left empty or holding only an "-ly" adverb is no name, nor one
    holding a person or a modal anywhere, contracted or not (a clause heard for a name: "may
    you see" for "AUC", a hedge: "i'd say"), nor one naming only who did it ("the agent")."""
    # the habit said after the name is no part of it: "forecast error used to sit" (QA62 F7)
    words = _USED_TO.split(label or "", maxsplit=1)[0].split()
    lead = next((w for w in words if w.lower().strip(",") not in _CONJUNCTIONS), "")
    if lead.lower() in _PREPOSITIONS:  # "behind the line", "through", "and after the model"
        return None  # (QA91 F3: "model" named from "… and after the model it went down")
    # … also contracted: "i'd say", "we'd", "i'm" (QA13 F14: a hedge as the metric's name)
    if any(re.sub(r"['’](?:d|m|ll|ve|re)$", "", w.lower().strip(",.;:")) in _CLAUSE_WORDS
           # a negated verb is a clause's too: "wasn't exact number" (QA144 F5)
           or re.search(r"n['’]t$", w.lower().strip(",.;:")) for w in words):
        return None
    def function(w: str) -> bool:  # "it's" is "it" ("it's about 12%")
        return re.sub(r"['’]s$", "", w.lower()) in _FUNCTION

    while words and (function(words[0]) or len(words[0]) == 1
                     or words[0].lower() in _SETTING and len(words) > 1
                     # a signpost before the name's determiner: "first the food waste" (QA82 F5)
                     or words[0].lower().strip(",") in _SIGNPOSTS and len(words) > 1
                     and function(words[1])):
        words.pop(0)
    while words and (function(words[-1]) or words[-1].lower() in _LINKING):
        words.pop()
    if not words or all(w.lower().endswith("ly") or function(w) for w in words) \
            or all(w.lower().strip(",.;:") in _PEOPLE for w in words) \
            or all(w.lower().strip(",.;:") in _NAMELESS for w in words) \
            or words[-1].lower().strip(",.;:") in _IDIOM_NOUNS:
        return None
    if _VERB_PHRASE.search(" ".join(words).lower()):
        return None  # a verb with its object ("double checked the data"): a clause heard, no
        # metric's name (QA62 F7)
    if _ends_in_a_verb(words):
        # a verb heard after a metric's name of three or more words is no part of it: "false
        # positive rate won" (Whisper's "was") is "false positive rate" (QA46 F8)
        if len(words) >= 3 and words[-1].lower() in _IRREGULAR_PAST \
                and not _ends_in_a_verb(words[:-1]):
            return " ".join(words[:-1])
        return None
    return " ".join(words)


# words that name no measure alone: "amount 82% → 95%" (Whisper's "a amount 82%" for "about
# 82%", QA87 F7), "number", "figure"
_NAMELESS = frozenset("amount amounts number numbers figure figures value values total level "
                      "levels thing things stuff".split())
_USED_TO = re.compile(r"(?:^|\s+)used to\b", re.IGNORECASE)
# a past verb with its object: the words of a clause, not of a name
_VERB_PHRASE = re.compile(r"\b[a-z]+ed (?:the|a|an|our|my|their|its|it|them|this|that)\b")
_IRREGULAR_PAST = frozenset("fell felt rose grew came became kept stayed sat stood shrank "
                            "hit ran won went got".split())
# … or in the present: "regulation gives" of "where the regulation gives 400, 6.8%" (QA42 F4)
_PRESENT_VERBS = frozenset("gives says shows takes makes means allows requires needs gets sends "
                           "pays costs puts lets wants expects".split())


def _ends_in_a_verb(words: list[str]) -> bool:
    """A label ending in a past-tense verb names a clause, not a measured thing: "stopped" of
    "hand over to human agent, stopped to 10%", Whisper's "mister looked" for "missed alerts"
    (QA10 F04, F16). A metric's name ends in its noun ("missed alerts", "error rate"); a noun
    counted, then a participle ("calls escalated", "orders shipped") still names one."""
    last = words[-1].lower()
    if last in _IRREGULAR_PAST or last in _PRESENT_VERBS:  # "felt" (Whisper's "fell") of
        return True  # "… felt at 8.5%" (QA42)
    if len(last) <= 4 or not last.endswith("ed") or last.endswith("eed"):
        return False
    return len(words) == 1 or not words[-2].lower().endswith("s")


def _name_before(sentence: str, end: int) -> str:
    """The words naming what changed, right before `end` (up to `_NAME_WORDS`, none across a
    comma or a function word): "repeat calls" in "repeat calls went down 15%"."""
    kept: list[str] = []
    for w in reversed(sentence[:end].split()):
        if w.endswith((",", ";", ":")) or re.search(r"\d", w) \
                or w.lower() in _FUNCTION and not (w.lower() in _INSIDE_NAME and kept):
            break
        kept.insert(0, w)
        if len(kept) == _NAME_WORDS:
            break
    return metric_label(" ".join(kept)) or ""


def _at(sentence: str, q: str) -> re.Match[str] | None:
    return re.search(r"(?<![\w.$€£])" + re.escape(q) + r"(?![\d.]\d|\w)", sentence)


def _level_end(sentence: str, start: int) -> bool:
    """The number at `start` is an end of a "from X to Y" pair: a level of some metric ("the
    cost per ticket went from $1.20 to 40 cents"), not an amount the work brought."""
    return any(m.start(g) <= start < m.end(g) for m in FROM_TO.finditer(sentence)
               for g in ("before", "after"))


def said_as_level(text: str, q: str) -> bool:
    """`q` is said in `text` only as an end of a "from X to Y" pair (a level of some metric)."""
    found = [(s, m) for s in said_sentences(text) if (m := _at(s, q))]
    return bool(found) and all(_level_end(s, m.start()) for s, m in found)


def _worded(sentence: str, q: str, start: int) -> str | None:
    """`q` as an outcome worded by its sentence: a change with what changed ("repeat calls
    −15%", "viewing hours −1%"), people's time given back ("on-call engineers 1 day per month
    back"); None when the sentence says no change for it."""
    for m in SAID_BY_CHANGE.finditer(sentence):
        if m.start("by") == start:
            mid = re.sub(r"\b(?:by|about|around|roughly|nearly|almost)\b", " ",
                         sentence[m.end("verb"):m.start("by")])
            name = metric_label(mid) or _name_before(sentence, m.start())
            return f"{name + ' ' if name else ''}{signed_change(m.group(0), q)}"
    ended = _ENDED_BY.search(sentence, 0, start)
    if ended is not None and ended.end() == start \
            and not re.match(r"\s+of\b", sentence[start + len(q):]):
        # "complaints stopped by roughly 30%": a change by an amount, downward — the verb says
        # an end, whatever its word (QA25 F4); "stopped by 30% of the stores" is no change
        name = _name_before(sentence, ended.start())
        return f"{name + ' ' if name else ''}−{q}"
    before = sentence[:start].split()[-4:]
    while before and before[-1] in ("by", "about", "around", "roughly", "nearly", "almost",
                                    "only", "just", "over", "under", "some"):
        before.pop()
    first = len(before)
    while first > 0 and re.fullmatch(rf"{CHANGE_VERB}|up|down", before[first - 1]):
        first -= 1  # "went down", "dropped"
    if first < len(before):
        said = " ".join(before[first:])
        name = _name_before(sentence, max(sentence.rfind(said, 0, start), 0))
        return f"{name + ' ' if name else ''}{signed_change(said, q)}"
    m = re.compile(_MORE_LESS).match(sentence, start + len(q))
    if m:
        # what it counts, named after it ("25% more calls per day", QA112 F2), else before it
        name = named_after_change(sentence[start:]) \
            or _name_before(sentence, _verb_before(sentence, start))
        sign = "−" if m.group("dir") in ("fewer", "less", "lower", "down") else "+"
        return f"{name + ' ' if name else ''}{sign}{q}"
    back = TIME_BACK.search(sentence)
    if back and back.start() < start:
        name = _name_before(sentence, back.start())
        return f"{name + ' ' if name else ''}{q} back"
    return None


_PERCENT = re.compile(r"(?<![\w.$€£])\d+(?:\.\d+)?%")


# a bound said right before a percent, no "by" before it: "dropped under 80%" is a level crossed
# ("dropped by under 5%" stays a change)
_BOUND_LEVEL = re.compile(rf"(?<!\bby )\b{NEAR_BOUND}(?:under|below|beneath|over|above)\s+$",
                          re.IGNORECASE)  # ("grew more than 40%" stays a change)


def changes_said(text: str) -> tuple[str, ...]:
    """Every change by a percent said in `text` with a verb that says it moved, worded as an
    outcome is (`_worded`: "share of full locker redirects −40%", "full locker redirect −40%"
    for Whisper's "… redirect stopped by 40%"), in the order said; never an end of a
    "from X to Y" pair (a level)."""
    out = []
    for sentence in said_sentences(text):
        for m in _PERCENT.finditer(sentence):
            if _level_end(sentence, m.start()):
                continue
            if _BOUND_LEVEL.search(sentence, 0, m.start()) \
                    or said_as_target(sentence.lower(), m.start()):
                continue  # "an alert if occupancy dropped under 80%": a level's bound, a limit
                # set, never a change by 80% (QA62 F2)
            worded = _worded(sentence, m.group(0), m.start())
            if worded is not None and re.search(r"[+−]\d|" + re.escape(UNSAID_DIRECTION), worded):
                out.append(worded)
    return tuple(out)


def subject_of(text: str, q: str) -> str | None:
    """The subject of the sentence that says `q`, as a metric's name: its words before the
    sentence's first verb ("forecast error at locker level" of "The forecast error at locker
    level was cut by nine points, from 31% to 22%"), None when they name nothing
    (`metric_label`) or the number comes before any verb."""
    for sentence in said_sentences(text):
        at = _at(sentence, q)
        if at is None:
            continue
        verb = re.search(rf"\b(?:was|were|is|are|has|had|have|went|got|stayed|came|{CHANGE_VERB})\b",
                         sentence[:at.start()])
        if verb is None or re.search(r"[\d,;:]", sentence[:verb.start()]):
            return None
        if (had := HAD_A_OF.match(sentence, verb.start(), at.start())) is not None:
            # "the old model had a mean error of 14%": the measure is what it had, not the
            # model (QA85 F8)
            return metric_label(had.group("metric"))
        return metric_label(sentence[:verb.start()].strip())
    return None



# a verb of ending, stopping or removing before "by" and a change's amount: "stopped by 30%",
# "eliminated by about half", "were removed by 20%" — the amount went down
_ENDED_BY = re.compile(r"\b(?:stop(?:ped|s)?|end(?:ed|s)?|eliminat(?:ed|es)|remov(?:ed|es)|"
                       r"prevent(?:ed|s)?|avoid(?:ed|s)?|block(?:ed|s)?|shr[au]nk|shrinks|"
                       r"los(?:t|es)|halted|curbed|trimmed|slashed|lowered)"
                       r",? by (?:about |around |roughly |nearly |almost |over |some )?")


def _verb_before(sentence: str, start: int) -> int:
    """Where the words naming a level said at `start` end: before its verb ("viewing hours on
    those mondays were roughly 1% lower" → before "were"), else at the number."""
    m = next(reversed(list(re.finditer(
        r"\b(?:was|were|is|are|went|got|stayed|came|fell|rose|dropped)\b", sentence[:start]))),
        None)
    if m is None:
        return start
    head = sentence[:m.start()].rstrip()
    on = re.search(r"\b(?:on|in|for|during|at|of) (?:[^\s,]+ ){0,2}[^\s,]+$", head)
    return on.start() if on else m.start()


_BY = re.compile(r"\bby (?:about |around |roughly |nearly |almost |over )?$")
_SCALED = re.compile(r"[+−]?\d+(?:\.\d+)?[KMBT]\b")


def number_kind(q: str | None) -> str:
    """What a quantity measures for telling a level from an outcome: `facts.quantity_kind`,
    with a bare amount said with a scale ("2M", "400K") apart from a bare level ("0.76"): an
    AUC of 0.71 → 0.76 and "2M … per month" are not one kind of number (QA11 F07)."""
    kind = quantity_kind(q)
    return "scaled" if kind == "" and q and _SCALED.match(q.strip()) else kind


def outcome_said(text: str, candidates: Sequence[str], level_kind: str | None = None
                 ) -> str | None:
    """Of the numbers a report quotes for its business outcome (`candidates`, normalised, in
    the report's order), the one the bank shows as the outcome, as said: a change for users or
    the business with what changed first, then money the work brought, then any other; never a
    level of another metric ("from $1.20 to 40 cents") nor how long a problem lasted ("for
    about 6 hours"), nor a bare number of the kind of the triad's own metric (`level_kind`,
    "%": "11.5% to 9%" is no outcome; kinds as `number_kind` gives them)."""
    ranked: list[tuple[int, int, str]] = []
    sentences = said_sentences(text)
    for i, q in enumerate(candidates):
        q = _percent(q)  # "0.5 percents" of a report's evidence is the text's "0.5%"
        for s in sentences:
            m = _at(s, q)
            if m is None:
                continue
            if _level_end(s, m.start()) or re.search(_HOW_LONG + re.escape(q) + r"\b", s):
                break
            worded = _worded(s, q, m.start())
            if worded is not None:
                ranked.append((0, i, _percent(worded)))
            elif is_money(q) or number_kind(q) != level_kind \
                    or _BY.search(s[:m.start()]):
                # "seller complaints, stopped by 40%": a change, never a level (QA9 F06)
                ranked.append((1 if is_money(q) else 2, i, _percent(q)))
            break
        else:
            if is_money(q) or number_kind(q) != level_kind:
                ranked.append((1 if is_money(q) else 2, i, _percent(q)))
    return min(ranked)[2] if ranked else None


def worded_change(text: str, q: str) -> str | None:
    """`q` as its sentence words it as a change with what changed ("viewing hours −1%" for
    "viewing hours on those mondays were roughly 1% lower"), else None."""
    for s in said_sentences(text):
        m = _at(s, q)
        if m is not None and not _level_end(s, m.start()):
            worded = _worded(s, q, m.start())
            if worded is not None:
                return _percent(worded)
    return None


def _percent(q: str) -> str:
    return re.sub(r"(\d) percents?\b", r"\1%", q)
