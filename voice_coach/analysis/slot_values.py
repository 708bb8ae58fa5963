"""One formatter for a triad slot's number as every view shows it (the story bank, the brief):
the words the report's analysis read the slot from (`MetricTriadInfo.slots`), written for a
reader — money "$200K", an amount whose currency was not heard "1.5M [currency?] per year", a
change "−30%" (one sign, never "down −1.5"), a count "500K trips a day", the period kept.

Pure functions; no vocabulary of one domain: the period words, the direction words and the
plural-noun test are the language's own."""

from __future__ import annotations

import re
from decimal import Decimal

from voice_coach.analysis.numbers import (SPAN_PERIOD, UNSAID_CURRENCY, WORKED_OUT, currency_word_after,
                                           normalize_numbers, per_count_unit, phrase_period,
                                           said_sentences)

__all__ = ["compact_amount", "compact_numbers", "in_sentence", "scale_figure", "shown_slot", "slot_period"]

_SCALE_WORDS = {"thousand": "K", "k": "K", "million": "M", "mil": "M", "billion": "B",
                "trillion": "T", "m": "M", "b": "B", "bn": "B", "mn": "M"}
_LETTER = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
# the first number of a span with its sign, scale and percent ("€800000", "1.5 million", "30%")
_NUMBER = re.compile(r"(?<![\w.])(?P<cur>[$€£]?)(?P<num>\d+(?:\.\d+)?)"
                     r"(?:\s?(?P<scale>[KMBT](?![a-z])|(?:thousand|million|mil|billion|trillion)\b))?"
                     r"(?P<pct>%?)", re.IGNORECASE)
_PERIOD_UNITS = r"(?:year|month|quarter|week|day|hour|minute|second|annum|night|sprint|season|shift)"
_DETERMINED = "".join(rf"(?<!\b{w} )" for w in ("the", "next", "our", "its", "their", "his", "her",
                                               "my", "first", "last", "same", "regular"))
# "a year", "per quarter", "each month", "in a year", "that year" — said after the amount
_PERIOD = re.compile(rf"\b(?P<lead>a|an|per|each|every|in a|in one|in 1|that|this|the)\s+(?P<unit>{_PERIOD_UNITS})\b"
                     # the span it was made in, kept as said: "over 6 months", "in the first year"
                     rf"|\b(?P<span>{SPAN_PERIOD})"
                     # … but "in the next quarterly accounts", "our monthly report" name a thing
                     # (QA39 F3: a one-off drop is no amount "a quarter")
                     rf"|{_DETERMINED}\b(?P<ly>annually|yearly|monthly|weekly|daily|quarterly)\b",
                     re.IGNORECASE)
_LY = {"annually": "a year", "yearly": "a year", "monthly": "a month", "weekly": "a week",
       "daily": "a day", "quarterly": "a quarter"}
# a change said with its direction just before the number ("dropped at 30%", "went down by
# 1.5M", "grew by 12%"); "went down to 4%" is a level (the "to" says where it ended)
_DOWN = r"(?:down|drop(?:ped|s)?|fell|fall(?:en|s)?|decrease[ds]?|reduced?|cut|lower(?:ed)?|shr[au]nk|declined?)"
_UP = r"(?:up|gr[eo]w(?:n|s)?|rose|rise[ns]?|increase[ds]?|raised?|improved?|higher|jump(?:ed|s)?)"
_HEDGES = r"(?:\s+(?:about|around|roughly|nearly|almost|over|some|approximately|more than|less than|just))*"
_CHANGE_BEFORE = re.compile(rf"\b(?:(?P<down>{_DOWN})|(?P<up>{_UP}))(?:\s+(?:by|at|of){_HEDGES}|{_HEDGES})"
                            # "cut the chargebacks by about": what changed said between
                            rf"(?:(?<=by)|(?<=at)|(?<=of)|(?:\s+[\w'-]+){{0,3}}\s+by{_HEDGES})?\s*$",
                            re.IGNORECASE)
# … and with any other short preposition a percentage follows ("went down with 30%", "fell
# in 12%", L1 and Whisper wordings of "by"): a change too, but never with a level's
# preposition ("to", "from", "under", "below", "above"), nor before another unit ("dropped in 3
# weeks" says when) (QA28 F2)
_CHANGE_BEFORE_PCT = re.compile(rf"\b(?:(?P<down>{_DOWN})|(?P<up>{_UP}))\s+(?:with|in|on|for|per|"
                                rf"upon|around|about|after){_HEDGES}\s*$", re.IGNORECASE)
# a sign said as a word right before the number ("plus 6%", "minus 3%"), or the direction said
# right after it ("80% less", "20% fewer", "12% more"): a change, as "fell by 80%" is
_SIGN_WORD = re.compile(r"\b(?:(?P<down>minus)|(?P<up>plus))\s*$", re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"\s*(?:(?P<down>less|fewer|lower|smaller|cheaper)|(?P<up>more|higher|"
                           r"bigger|larger))\b", re.IGNORECASE)
_MAX_GAP_WORDS = 3  # words between an amount and its period ("4M a next river in a year")
# a plural noun ("contacts", "payments"), not a word that only ends in s ("less", "this", "gmvs")
_PLURAL = re.compile(r"(?!(?:is|was|has|does|this|thus|us|its|plus|less)$)[a-z]+[^s]s", re.IGNORECASE)
# a clause's end or link between an amount and a period: the period is not the amount's
_CLAUSE_BREAK = re.compile(r"[,;:!?]|\.(?!\d)|\b(?:and|but|or|so|then|which|who|when|while|because)\b",
                           re.IGNORECASE)


def compact_amount(value: Decimal) -> str:
    """A whole amount written short: 500000 → "500K", 1500000 → "1.5M", 950 → "950"."""
    for size, letter in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if abs(value) >= size:
            short = value / size
            if short == short.to_integral_value() or (short * 10) == (short * 10).to_integral_value() \
                    or letter != "K":
                text = f"{short.normalize():f}"
                return (text.rstrip("0").rstrip(".") if "." in text else text) + letter
            return f"{value.normalize():f}"
    text = f"{value.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def slot_period(span: str, after: int = 0) -> str | None:
    """The period an amount is said per, from `after` on in `span` within a few words ("a year"
    for "4M a next river in a year", "per quarter" as said) or at the end of the amount's noun
    phrase (`phrase_period`), None when none is."""
    m = _PERIOD.search(span, after)
    if m is None:
        return None
    gap = span[after:m.start()].replace(UNSAID_CURRENCY, " ")  # the mark is no clause break
    if _CLAUSE_BREAK.search(gap):
        return None  # "3 models, and retrained weekly": the period is another clause's
    if len(gap.split()) > _MAX_GAP_WORDS and (phrase_period(span, after) or (None,))[0] != m.start():
        return None  # further on only as the end of the amount's noun phrase ("€900000 more
        # gross merchandise value per quarter")
    if m.group("ly"):
        return _LY[m.group("ly").lower()]
    if m.group("span"):
        return m.group("span")
    lead, unit = m.group("lead").lower(), m.group("unit").lower()
    if lead in ("per", "each", "every"):  # as said: "per annum", "per quarter"
        return f"{lead} {unit}"
    unit = "year" if unit == "annum" else unit
    if lead.startswith("in "):  # "in one year": made within it, as said (QA21 F1)
        return f"in a {unit}"
    return f"an {unit}" if unit[0] in "aeiou" and unit != "year" else f"a {unit}"


def shown_slot(span: str, money: bool = False) -> str | None:
    """The first number of a slot's words as every view shows it, None when it has none.

    "€800000 a year" → "€800K a year"; "went down by 1.5 million loaded per year" → "−1.5M
    [currency?] per year" (an amount of a thousand or more said with no currency, no plural noun
    after it and a period: money whose currency was not heard); "dropped at 30%" → "−30%";
    "500000 trips a day" → "500K trips a day"; "18% to 9%" → "18%" (a pair's ends are the
    baseline and the after, read with `pair_ends`). `money`: the slot is the business outcome,
    so an amount of a thousand or more that counts nothing is money even with no period heard
    ("40M error months" → "40M [currency?]": QA34 F2)."""
    m = _NUMBER.search(span)
    if m is None:
        return None
    cur, pct = m.group("cur"), m.group("pct")
    scale = (m.group("scale") or "")
    letter = _SCALE_WORDS.get(scale.lower(), scale.upper()) if scale else ""
    value = Decimal(m.group("num")) * _LETTER[letter]
    tail = span[m.end():]
    worked = WORKED_OUT if tail.startswith(WORKED_OUT) else ""
    sign = ""
    before = _CHANGE_BEFORE.search(span[:m.start()]) or _SIGN_WORD.search(span[:m.start()]) \
        or (_CHANGE_BEFORE_PCT.search(span[:m.start()]) if pct else None)
    after = _CHANGE_AFTER.match(tail) if pct else None
    if before is not None:
        sign = "−" if before.group("down") else "+"
    elif after is not None:  # "80% less": the change said after its number
        sign = "−" if after.group("down") else "+"
    if pct:
        return f"{sign}{m.group('num')}%{worked}"
    if not cur and (times := _MULTIPLE.match(tail)) is not None:
        # a multiple said with what it changed: "3x fewer empty shelves", never "3 times"
        # (QA40 F8)
        noun = []
        for w in times.group("noun").split():
            if w in _NOUN_STOP:
                break
            noun.append(w)
        return " ".join([f"{m.group('num')}x", times.group("comp").lower(), *noun])
    period = slot_period(span, m.end())
    words = tail.split()
    noun = ""
    named = currency_word_after(span, m.end())  # "90M yen": the currency it was said with
    if not cur and (rate := per_count_unit(tail)) is not None:
        noun = " " + rate  # "14 per thousand loans" → "14 per 1000" (QA58 F4)
    elif not cur and named and named != UNSAID_CURRENCY:
        noun = named
    elif not cur and words and UNSAID_CURRENCY.strip() not in tail[:len(UNSAID_CURRENCY) + 1]:
        first = words[0].strip(",.;:!?")
        two = _TWO_WORD_UNIT.match(tail)
        if two is not None:  # "10 basis points", never "10 basis" (QA39 F3)
            noun = " " + two.group(1)
        # a plural noun counts things ("500000 trips a day", "12000 merchants")
        elif re.fullmatch(r"[a-z]+s", first, re.IGNORECASE) and not _PERIOD.match(" ".join(words)):
            noun = " " + first
        elif (per := phrase_period(span, m.end())) is not None:
            # … or ends the words up to the amount's period: "30000 fewer contacts a week"
            phrase = span[m.end():per[0]].split()
            plural = [i for i, w in enumerate(phrase) if _PLURAL.fullmatch(w)]
            noun = "".join(" " + w for w in phrase[:plural[0] + 1]) if plural else ""
    if cur:
        amount = cur + compact_amount(value)
    else:
        amount = compact_amount(value)
        if not noun and value >= 1000 and (period or money or UNSAID_CURRENCY in tail
                                           or named == UNSAID_CURRENCY):
            amount += UNSAID_CURRENCY  # money whose currency was not heard
    return f"{sign}{amount}{worked}{noun}" + (f" {period}" if period else "")


# a multiple: "3 times fewer …", "2x faster"
_MULTIPLE = re.compile(r"\s*(?:x|times)\s+(?P<comp>fewer|more|less|faster|slower|cheaper|higher|"
                       r"lower|better|smaller|larger|bigger)\b(?P<noun>(?:\s+[a-z][a-z'-]*){0,3})",
                       re.IGNORECASE)
_NOUN_STOP = frozenset("in on at per for of than a an the and or but to by with from during "
                       "which that who when while".split())


# a unit said in two words
_TWO_WORD_UNIT = re.compile(r"\s+((?:basis|percentage|base) points?)\b", re.IGNORECASE)


# a whole number of five digits or more said bare ("500000 trips a day"), or money ("$200000")
_LONG_NUMBER = re.compile(r"(?<![\w.,])(?P<cur>[$€£]?)(?P<num>\d{5,})(?![\d.,]\d|[\w%])")


def compact_numbers(quote: str) -> str:
    """A quote of the report (scale, a slot's words) with its long round numbers written short,
    as every view writes them: "500000 trips a day" → "500K trips a day", "$200000 a month" →
    "$200K a month"; "12345 orders" and a year stay as said (QA19 F15)."""
    def short(m: re.Match[str]) -> str:
        value = Decimal(m.group("num"))
        text = compact_amount(value)
        return m.group(0) if text == m.group("num") else m.group("cur") + text
    return _LONG_NUMBER.sub(short, quote)


# the linking verb between what a scale figure is of and the figure ("… deploys is now under 2%")
_SCALE_LINK = re.compile(r"\s+(?:is|are|was|were|stays|stay|stayed|sits|sat)(?:\s+(?:now|today|still))?"
                         r"(?=\s+(?:(?:at|about|around|under|below|over|above|just|only|roughly|"
                         r"nearly|almost)\s+)*[$€£]?\d)")


def scale_figure(quote: str) -> str:
    """A scale quote of the report as the bank and the brief show it: its numbers written short
    (`compact_numbers`) and the linking verb before its figure left out, "regression rate on
    nightly deploys is now under 2%" → "regression rate on nightly deploys under 2%" (QA31 F2)."""
    return compact_numbers(_SCALE_LINK.sub("", quote))


SLOT_SPAN_WORDS = 6  # words of its sentence read after a slot's words (its scale, its period)


def in_sentence(span: str, text: str) -> str:
    """A slot's words (`MetricTriadInfo.slots`) with what follows them in the answer's sentence,
    up to its clause's end: "went down by 1.5" → "went down by 1.5 million loaded per year"
    (the analysis reads the number; its scale word and its period are the sentence's). The mark
    of a currency not heard ("2M [currency?]") is the analysis' own, never the sentence's: the
    words are found without it and read again with what follows ("2M city that year")."""
    bare = span.replace(UNSAID_CURRENCY, "")
    for sentence in said_sentences(text):
        low = normalize_numbers(sentence.lower())
        at = low.lower().find(bare.lower())  # normalize_numbers writes "1.5M": find case-blind
        if at >= 0:
            rest = re.split(r"[,;.!?]", low[at + len(bare):], maxsplit=1)[0].split()
            shown = bare + (" " + " ".join(rest[:SLOT_SPAN_WORDS]) if rest else "")
            if bare != span and shown_slot(shown) is not None \
                    and UNSAID_CURRENCY not in str(shown_slot(shown)):
                return span  # read again, the mark would be lost: keep the analysis' words
            return shown
    return span
