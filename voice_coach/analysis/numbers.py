"""Spoken-number normaliser: Whisper-style number words → digits, one canonical form.

Whisper writes numbers sometimes as words ("twelve percent"), sometimes as digits
("12%", "$1.2 million"). Structure analysis needs one form so that "twelve percent"
is a metric like "12%". `normalize_numbers` is pure and keeps everything that is not a
number untouched (case, punctuation, spacing).

Canonical form:

- plain numbers are digits: "two thousand and five" → "2005", "ninety nine point nine" → "99.9",
  "fifteen hundred" → "1500", "fifty k" → "50000", "1,200" → "1200";
- millions and billions keep a suffix: "thirteen million" → "13M", "one point two billion" →
  "1.2B", "13 million" → "13M";
- percent: "twelve percent" / "12 per cent" → "12%"; a range shares its unit:
  "from twelve to three percent" → "from 12% to 3%";
- money: "one point two million dollars" → "$1.2M", "$1.2 million" → "$1.2M";
- a fraction stated as a share at the end of a clause: "it is a quarter." → "it is 25%.";
- multipliers: "three x" / "threefold" → "3x"; halves: "half a second" → "0.5 seconds",
  "two and a half hours" → "2.5 hours";
- the word "one" stays a word unless it is part of a larger number or carries a unit
  ("one of the", "one engineer" stay; "one percent" → "1%"); ordinals ("first",
  "second") are never touched, so signposts survive;
- Whisper's split digits are joined first: "$1 .5 million" → "$1.5M", "18 .1 %" → "18.1%",
  "11 ,000" → "11000";
- a comma left between a number's lead-in word and the number when a filler was taken out
  ("went from, 61% to, 79%" after "from, like, … to, um, …") is dropped: "from 61% to 79%";
- "grand" is money: "two hundred grand" → "$200000"; "a quarter million" → "0.25M";
- a spoken range keeps both ends: "one or two times" → "1 or 2 times", "between two hundred and
  three hundred" → "between 200 and 300" (never 20300).

`short_money` writes money for a reader ("$200000" → "$200K"); the canonical form keeps digits.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from collections.abc import Sequence
from typing import Callable, NamedTuple

from voice_coach.analysis.vocabulary import RATE

__all__ = ["APPROX", "UNSAID_DIRECTION", "signed_change", "DURATION_WORD", "SaidChanges", "said_changes", "took_instead", "named_metric", "other_metric", "OTHER_PLAN", "OTHER_WORK", "WORKED_OUT", "BEFORE_AFTER", "MARKED_BEFORE_AFTER", "CHANGE_VERB", "DOWN_FROM", "FROM_TO", "GROWTH_VERB", "INSTEAD",
           "LEVEL_GUARD", "MONEY_MOVED", "PER_TIME", "QTY", "QTY_CORE", "QTY_SAID", "QTY_WITH_UNIT", "ROLLOUT",
           "SAID_AS_MULTIPLE", "LASTED_FOR", "GLOSS_BEFORE", "said_wrong_instead", "corrected_figure_mask", "figure_corrections", "said_as_range", "setting_value", "SAID_BEFORE", "SAID_BY_CHANGE", "THAN_BEFORE", "SAID_QTY_AFTER", "SAID_QTY_BEFORE", "SAID_REACHED",
           "SAID_TO_AFTER", "SAID_SHARE_AFTER", "kept_level_spans", "TIME_BACK", "TIME_OF_DAY", "TO_FROM", "UNIT_WORDS", "WORD_VALUES",
           "MONEY_AMOUNT", "MONEY_RATE", "MONEY_VERSUS", "money_saving", "ChangePair", "Quantity", "change_pairs",
           "counts_population",
           "deadline_margins", "LEVEL_OF_IT", "name_ranges", "per_count_unit", "NEAR_BOUND", "BOUND_WORDS", "said_of_others", "said_as_target", "quality_gate_spans", "said_as_share", "spend_spans", "unit_clash", "join_split_digits",
           "join_split_numbers", "lead_in_after", "replaced_count", "HAD_CHANGED", "moves_a_date", "normalize_numbers", "quantities", "said_down",
           "short_money", "worth_of_change", "set_by_speaker", "head_count", "mark_unsaid_currency", "UNSAID_CURRENCY",
           "implausible_duration", "BARE_AMOUNT", "MONEY_WORDS",
           "CURRENCY_NAMES", "MONEY_WORD_AMOUNT", "PER_PERIOD", "currency_word_after", "currency_word_end", "named_currency_after",
           "bound_hedge", "fronted_topic", "level_metric", "of_topic", "phrase_period", "is_number_token"]

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"thousand": 10**3, "million": 10**6, "mil": 10**6, "billion": 10**9,
          # "1.5 mil" is spoken money slang for a million (Whisper also writes it "mill": QA62 F1)
          "mill": 10**6, "trillion": 10**12,
          # the Indian system: "forty lakh" is 4M, "two crore" 20M (written with an M like millions)
          "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5, "crore": 10**7,
          "crores": 10**7,
          # the plural a non-native speaker says after a number: "five thousands tickets", "three
          # millions users" (after no number, "thousands of users" stays a word)
          "thousands": 10**3, "millions": 10**6, "billions": 10**9}
INDIAN_SCALES = frozenset(("lakh", "lakhs", "lac", "lacs", "crore", "crores"))
COMPACT_SUFFIX = ((10**12, "T"), (10**9, "B"), (10**6, "M"))  # only these keep a suffix
PERCENT_WORDS = ("percent", "per cent", "pc")
LETTER_SCALES = {"m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9}  # before a currency word
CURRENCY_WORDS = {"dollars": "$", "dollar": "$", "bucks": "$", "usd": "$", "euros": "€", "euro": "€"}
MULTIPLIER_WORDS = ("x", "fold", "times-fold")
THOUSAND_WORDS = ("k", "grand")
HALF_NOT_UNITS = ("lot", "bit", "dozen", "few", "little", "day's")  # "half a lot" is not 0.5 lots
# the word said for the decimal separator: "point", and "comma" by speakers whose first language
# writes a decimal comma ("zero comma six percent" → 0.6%, "one comma four" → 1.4)
DECIMAL_WORDS = ("point", "comma")
FOLD_WORDS = {
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "tenfold": 10, "hundredfold": 100,
}

_NUMERIC = re.compile(r"^(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
                      r"(?P<suf>%|[kKmMbB]|x)?$")
_EDGE = re.compile(r"^(?P<pre>[\"'(\[]*)(?P<core>.*?)(?P<post>[.,;:!?\"')\]]*)$")


class _Tok(NamedTuple):
    pre: str  # leading punctuation kept as written
    core: str  # the word as written
    low: str  # lowercased core
    post: str  # trailing punctuation kept as written
    space: str  # whitespace after the token


class _Num(NamedTuple):
    value: Decimal
    length: int  # tokens consumed
    compact: bool  # a million/billion scale word was spoken → keep the suffix
    lone_one: bool  # just the word "one"
    currency: str  # "$" when the number was written with a currency sign


def _tokenize(text: str) -> list[_Tok]:
    toks = []
    for m in re.finditer(r"(\S+)(\s*)", text):
        edge = _EDGE.match(m.group(1))
        assert edge is not None  # the pattern matches any string
        pre, core, post = edge.group("pre"), edge.group("core"), edge.group("post")
        if core.endswith("%") is False and post.startswith("%"):
            core, post = core + "%", post[1:]
        toks.append(_Tok(pre, core, core.lower(), post, m.group(2)))
    return toks


def _split_hyphens(toks: list[_Tok]) -> list[_Tok]:
    """'ninety-nine' → 'ninety' 'nine' (only when every part is a number word); a decimal said
    with a hyphen, 'point-six' or 'zero-point-eight', too."""
    out = []
    for t in toks:
        parts = t.low.split("-")
        if len(parts) > 1 and all(p in ONES or p in TENS or p in TEENS or p in SCALES
                                  or p == "hundred" or p in DECIMAL_WORDS[:1] and k < len(parts) - 1
                                  and parts[k + 1] in ONES for k, p in enumerate(parts)):
            for i, p in enumerate(parts):
                out.append(_Tok(t.pre if i == 0 else "", p, p,
                                t.post if i == len(parts) - 1 else "",
                                t.space if i == len(parts) - 1 else " "))
        else:
            out.append(t)
    return out


def _is_number_word(low: str) -> bool:
    return low in ONES or low in TEENS or low in TENS or low == "hundred" or low in SCALES


def is_number_token(token: str) -> bool:
    """A word that says a number or starts one: "40", "$3", "forty", "zero"."""
    low = token.lower().strip(",.;:!?\"'")
    return re.match(r"[$€£]?\d", low) is not None or _is_number_word(low)


# "I said 31 hours … last time, but actually it was 36": the speaker sets a figure they gave
# against the right one (QA98 F2, QA107 F1); "I said we'd ship in 2 weeks, but the data was
# late" corrects nothing (no number after the "but")
_SAID_FIGURE = (("i", "said"), ("i", "quoted"), ("i", "mentioned"), ("i", "gave"), ("i", "told"))
_NUMBER_GLUE = frozenset(("and", "point", "a", "half", "percent", "per", "cent"))
SAID_REACH = 12  # words from "I said" to the figure
BUT_REACH = 12  # words from the figure to the "but"
CORRECTION_REACH = 16  # words from the "but" to the right figure


class FigureCorrection(NamedTuple):
    """A figure said and corrected in one sentence, as word indices."""

    start: int  # first word of the figure given before ("thirty")
    end: int  # one past its last word
    but: int  # the "but" that sets the right figure against it


def figure_corrections(tokens: Sequence[str]) -> list[FigureCorrection]:
    """The figures the speaker says they gave and then corrects in the same sentence ("I said
    thirty one hours of downtime last time, but actually it was thirty six": "thirty one"), so
    only the right figure is read."""
    bare = [t.lower().strip(",.;:!?\"'") for t in tokens]
    ends = [t.rstrip("\"'").endswith((".", "?", "!")) for t in tokens]
    n = len(tokens)
    out: list[FigureCorrection] = []
    for i in range(n - 1):
        if (bare[i], bare[i + 1]) not in _SAID_FIGURE or ends[i] or ends[i + 1]:
            continue
        j = i + 2
        while j < n and j < i + 2 + SAID_REACH and not is_number_token(tokens[j]) \
                and not ends[j - 1]:
            j += 1
        if j >= n or not is_number_token(tokens[j]) or ends[j - 1]:
            continue
        k = j
        while k < n and (is_number_token(tokens[k]) or bare[k] in _NUMBER_GLUE and k > j) \
                and not ends[k - 1]:
            k += 1
        but = next((b for b in range(k, min(n, k + BUT_REACH)) if bare[b] == "but"), None)
        if but is None or any(ends[k - 1:but]):
            continue
        for r in range(but + 1, min(n, but + 1 + CORRECTION_REACH)):
            if is_number_token(tokens[r]):
                out.append(FigureCorrection(j, k, but))
                break
            if ends[r]:
                break
    return out + _negated_figures(tokens, bare, ends)


# "the waste was not eleven percent, it was twelve": a figure said in the negative and the right
# one said right after it (QA117 F1)
_NEGATION = frozenset(("not", "wasn't", "isn't", "weren't", "aren't", "never"))
_NEGATION_GAP = frozenset(("really", "actually", "quite", "exactly", "just", "only"))
_RESTATED = (("it", "was"), ("it", "is"), ("it's",), ("that", "was"), ("but",), ("rather",),
             ("more", "like"), ("actually",))  # the right figure within 3 words after
RESTATED_REACH = 5  # words from the figure (its unit said) to where the right one is said
# "fell from 18%. Sorry, not 18. It was 16%": the negated figure names one said just before,
# which is the one put right (QA120 F4)
NAMED_BACK_REACH = 20  # words back from the "not" to the figure it names


def _negated_figures(tokens: Sequence[str], bare: Sequence[str], ends: Sequence[bool]
                     ) -> list[FigureCorrection]:
    """Figures said in the negative and put right at once ("not 11%, it was 12%", "wasn't 400
    kilos but 450"): the negated one, the word that restates (its `but`)."""
    n = len(tokens)
    out: list[FigureCorrection] = []
    for i in range(n - 1):
        if bare[i] not in _NEGATION or ends[i]:
            continue
        j = i + 1
        while j < n and bare[j] in _NEGATION_GAP and not ends[j - 1]:
            j += 1
        if j >= n or not is_number_token(tokens[j]) or ends[j - 1]:
            continue
        k = j + 1
        while k < n and (is_number_token(tokens[k]) or bare[k] in _NUMBER_GLUE) \
                and not ends[k - 1]:
            k += 1
        for r in range(k, min(n, k + RESTATED_REACH)):
            if ends[r - 1] and r > k and any(ends[k - 1:r - 1]):
                break  # the right figure is said in the next words, one sentence end at most
                # ("not 3 false alarms per week. It was 4 per week": QA125 F1)
            said = next((m for m in _RESTATED if tuple(bare[r:r + len(m)]) == m), None)
            at = r + len(said) if said is not None else n
            right = next((q for q in range(at, min(n, at + 3))
                          if is_number_token(tokens[q]) and not any(ends[at - 1:q])), None)
            if right is not None:
                out.append(FigureCorrection(j, k, r))
                out += _named_back(tokens, ends, i, _figure_value(tokens[j:k]),
                                   _figure_value(tokens[right:right + 4]), r)
                break
    return out


def _figure_value(words: Sequence[str]) -> float | None:
    """The value of the first number `words` say ("18%." → 18.0, "sixteen percent" → 16.0)."""
    said = quantities(_numbers_as_said(" ".join(words)))
    return said[0].value if said else None


def _named_back(tokens: Sequence[str], ends: Sequence[bool], at: int, value: float | None,
                right: float | None, but: int) -> list[FigureCorrection]:
    """The figure said shortly before word `at` that a negated figure of the same `value` names
    ("fell from 18%. Sorry, not 18. It was 16%": the "18%" put right), nearest first; none when
    the right figure is the same value ("not 5 engineers, it was 5 analysts")."""
    if value is None or right is None or value == right:
        return []
    q = at - 1
    while q >= max(0, at - NAMED_BACK_REACH):
        if not is_number_token(tokens[q]):
            q -= 1
            continue
        b = q + 1
        while q > 0 and is_number_token(tokens[q - 1]) and not ends[q - 1]:
            q -= 1
        if _figure_value(tokens[q:b]) == value:
            return [FigureCorrection(q, b, but)]
        q -= 1
    return []


def corrected_figure_mask(tokens: Sequence[str]) -> list[bool]:
    """True for the words of a figure the speaker gave and then corrects (`figure_corrections`)."""
    mask = [False] * len(tokens)
    for c in figure_corrections(tokens):
        mask[c.start:c.end] = [True] * (c.end - c.start)
    return mask


def _without_corrected_figures(text: str) -> str:
    """`text` without the figures the speaker corrects (`figure_corrections`), spacing kept."""
    parts = re.split(r"(\s+)", text)
    words = parts[::2]
    mask = corrected_figure_mask(words)
    if not any(mask):
        return text
    out: list[str] = []
    for k, w in enumerate(parts):
        if k % 2 == 1 and (k + 1) // 2 < len(mask) and mask[(k + 1) // 2]:
            continue  # the space before a dropped word
        if k % 2 == 0 and mask[k // 2]:
            w = w[len(w.rstrip(",.;:!?")):]  # its punctuation stays: "15%," → ","
        out.append(w)
    return "".join(out)


def _digit_of(low: str) -> int | None:
    if low in ONES:
        return ONES[low]
    if low == "oh":
        return 0
    return None


def _parse_words(toks: list[_Tok], i: int) -> _Num | None:
    """Parse a spelled-out number starting at toks[i]; None when there is none."""
    n = len(toks)
    j = i
    total = 0
    current = 0
    last = ""  # kind of the last token: ones | teen | tens | hundred | scale | and
    last_scale = 10**15
    compact = False
    seen = False
    at_and: tuple[int, int, int, str] | None = None  # (j, total, current, last) at an "and"

    def stops(k: int) -> bool:
        """A hard punctuation mark after token k ends the number."""
        return bool(toks[k].post) and toks[k].post[0] in ".,;:!?"

    # "a hundred", "a thousand", "a million"
    if toks[j].low in ("a", "an") and j + 1 < n and (toks[j + 1].low == "hundred"
                                                    or toks[j + 1].low in SCALES) and not stops(j):
        current = 1
        last = "ones"
        seen = True
        j += 1
    while j < n:
        low = toks[j].low
        if low in ONES and low != "zero":
            if last in ("ones", "teen"):
                break
            if last == "tens" or last in ("", "hundred", "scale", "and"):
                current += ONES[low]
            last = "ones"
        elif low == "zero":
            if seen:
                break
            last = "zero"
        elif low in TEENS or low in TENS:
            kind, value = ("teen", TEENS[low]) if low in TEENS else ("tens", TENS[low])
            if last in ("ones", "teen", "tens"):
                # years: "nineteen ninety", "twenty twenty three" (a teen not after "million")
                if (last in ("teen", "tens") and total == 0 and current in (19, 20)
                        and not (compact and kind == "teen")):
                    current = current * 100 + value
                    last = kind
                    j += 1
                    seen = True
                    if stops(j - 1):
                        break
                    continue
                break
            current += value
            last = kind
        elif low in ("hundred", "hundreds"):  # "five hundreds users", as said
            if at_and is not None and current >= 100:
                # "between two hundred and three hundred" is two numbers, not 20300
                j, total, current, last = at_and
                break
            if last not in ("ones", "teen", "tens") or current % 100 == 0 and current >= 100:
                break
            current *= 100
            last = "hundred"
        elif low in SCALES:
            scale = SCALES[low]
            if at_and is not None and scale >= last_scale:
                j, total, current, last = at_and  # "two thousand and three thousand"
                break
            if last not in ("ones", "teen", "tens", "hundred") or scale >= last_scale:
                break
            total += current * scale
            current = 0
            last_scale = scale
            last = "scale"
            compact = compact or scale >= 10**6 or low in INDIAN_SCALES
        elif low == "and" and last in ("hundred", "scale") and j + 1 < n and (
                toks[j + 1].low in ONES or toks[j + 1].low in TEENS or toks[j + 1].low in TENS):
            if toks[j + 1].low in ONES and j + 2 < n and toks[j + 2].low == "half":
                break  # "a thousand and one half"? leave alone
            at_and = (j, total, current, last)
            last = "and"
        else:
            break
        seen = True
        j += 1
        if stops(j - 1):
            break
    if not seen or last == "and":
        return None
    value = Decimal(total + current)
    lone_one = j - i == 1 and toks[i].low == "one"
    return _Num(value, j - i, compact, lone_one, "")


def _parse_decimal_tail(toks: list[_Tok], j: int) -> tuple[str, int] | None:
    """After 'point': digit words ('two', 'nine nine') or one compound ('twenty five')."""
    n = len(toks)
    digits = ""
    k = j
    while k < n:
        d = _digit_of(toks[k].low)
        if d is None:
            break
        digits += str(d)
        k += 1
        if toks[k - 1].post:
            break
    if digits:
        return digits, k - j
    if k < n and toks[k].low in TENS:
        val = TENS[toks[k].low]
        k += 1
        if k < n and toks[k].low in ONES and toks[k].low != "zero" and not toks[k - 1].post:
            val += ONES[toks[k].low]
            k += 1
        return str(val), k - j
    if k < n and toks[k].low in TEENS:
        return str(TEENS[toks[k].low]), 1
    return None


def _parse_numeric(tok: _Tok) -> tuple[Decimal, str, str] | None:
    """A token already written in digits: (value, currency sign, suffix)."""
    m = _NUMERIC.match(tok.core)
    if not m:
        return None
    value = Decimal(m.group("num").replace(",", "") + (m.group("dec") or ""))
    return value, m.group("cur") or "", (m.group("suf") or "")


def _fmt_plain(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text


def _fmt(value: Decimal, compact: bool) -> str:
    if compact:
        for size, suffix in COMPACT_SUFFIX:
            if value >= size:
                return _fmt_plain(value / size) + suffix
        if value >= 10**5:  # "half a million" → 0.5M
            return _fmt_plain(value / 10**6) + "M"
    return _fmt_plain(value)


def _parse_at(toks: list[_Tok], i: int) -> _Num | None:
    """Any number (words, digits, decimals, scale words) starting at toks[i]."""
    n = len(toks)
    if i >= n:  # "one in of": nothing after the "of"
        return None
    tok = toks[i]
    numeric = _parse_numeric(tok)
    currency = ""
    if numeric is not None:
        value, currency, suf = numeric
        length = 1
        compact = False
        if suf == "%":
            return _Num(value, 1, False, False, currency + "%")
        if suf.lower() == "k":
            value *= 1000
            return _Num(value, 1, False, False, currency)
        if suf.lower() in ("m", "b"):
            value *= 10**6 if suf.lower() == "m" else 10**9
            return _Num(value, 1, True, False, currency)
        if suf == "x":
            return _Num(value, 1, False, False, currency + "x")
        if (not suf and not tok.post and value == value.to_integral_value() and i + 2 < n
                and toks[i + 1].low in DECIMAL_WORDS[1:] and not toks[i + 1].post):
            tail = _parse_decimal_tail(toks, i + 2)  # "0 comma 6": a decimal comma said aloud
            if tail is not None:
                digits, used = tail
                num = _Num(Decimal(f"{int(value)}.{digits}"), 2 + used, False, False, currency)
                return _scale_after_decimal(toks, i, num)
        if not tok.post and i + 1 < n and toks[i + 1].low in SCALES:
            value *= SCALES[toks[i + 1].low]
            compact = SCALES[toks[i + 1].low] >= 10**6 or toks[i + 1].low in INDIAN_SCALES
            length = 2
        elif not tok.post and i + 1 < n and toks[i + 1].low in ("hundred", "hundreds") and value < 100:
            value *= 100
            length = 2
        return _Num(value, length, compact, False, currency)

    if tok.low == "point" and i + 1 < n and not tok.post:
        tail = _parse_decimal_tail(toks, i + 1)
        if tail is None:
            return None
        digits, used = tail
        num = _Num(Decimal("0." + digits), 1 + used, False, False, "")
        return _scale_after_decimal(toks, i, num)

    words = _parse_words(toks, i)
    if words is None:
        return None
    end = i + words.length
    last = toks[end - 1]
    if (end + 1 < n and toks[end].low in DECIMAL_WORDS and not last.post and not toks[end].post
            and not words.compact and words.value == words.value.to_integral_value()):
        tail = _parse_decimal_tail(toks, end + 1)
        if tail is not None:
            digits, used = tail
            num = _Num(Decimal(f"{int(words.value)}.{digits}"), words.length + 1 + used,
                       False, False, "")
            return _scale_after_decimal(toks, i, num)
    return words


def _scale_after_decimal(toks: list[_Tok], i: int, num: _Num) -> _Num:
    """'one point two million' → 1.2M; 'two point five thousand' → 2500."""
    end = i + num.length
    if end < len(toks) and toks[end].low in SCALES and not toks[end - 1].post:
        scale = SCALES[toks[end].low]
        return _Num(num.value * scale, num.length + 1,
                    scale >= 10**6 or toks[end].low in INDIAN_SCALES, False, num.currency)
    return num


RELATIVE = "relative"  # said after a change's % when it is of the level, not in points
FRACTION_HEDGES = ("about", "around", "roughly", "nearly", "almost", "over", "more than",
                   "less than", "just over", "just under")
# the verbs a fraction right after them is the change of: "they reduced more than half"
FRACTION_VERBS = ("reduced", "cut", "decreased", "dropped", "fell", "shrank", "increased", "grew",
                  "rose",
                  # the present and the bare form a story told in the present uses ("complaint
                  # from driver reduce about one third": round 49), never after "to" or a modal
                  "reduce", "reduces", "decrease", "decreases", "drop", "drops", "fall", "falls",
                  "increase", "increases", "grow", "grows", "cuts")
_NOT_BEFORE_FRACTION_VERB = frozenset("to will would can could should might may must not don't "
                                      "didn't doesn't help helps".split())
FRACTION_STATES = ("is", "was", "are", "were", "at", "to", "about", "around", "roughly", "nearly",
                   "almost")  # "these days it is a quarter." states a share
# the words before "to" that make a fraction after it a part of the level before, not a share
_DOWN_TO = frozenset("down dropped fell cut reduced decreased shrank shrunk declined".split())
# the comparatives a fraction before them makes a relative change of ("a third fewer")
FRACTION_COMPARATIVES = ("less", "fewer", "more", "lower", "higher", "cheaper", "faster", "slower",
                         "shorter", "longer", "smaller", "bigger", "larger")
FRACTIONS = {("half",): 50, ("a", "half"): 50, ("a", "third"): 33, ("a", "quarter"): 25,
             ("two", "thirds"): 67, ("three", "quarters"): 75, ("one", "third"): 33}


def _fraction_hedge(toks: list[_Tok], k: int) -> int:
    """How many tokens at toks[k] hedge a fraction after them ("about", "more than"): 0-2."""
    for hedge in FRACTION_HEDGES:
        words = tuple(hedge.split())
        if _followed_by(toks, k, words) and not toks[k + len(words) - 1].post:
            return len(words)
    return 0


def _fraction_at(toks: list[_Tok], k: int) -> tuple[int, int] | None:
    """'half' / 'a third' / 'two thirds' at toks[k] → (percent, tokens used)."""
    for words, pct in FRACTIONS.items():
        if _followed_by(toks, k, words):
            nxt = k + len(words)
            if nxt < len(toks) and not toks[nxt - 1].post and toks[nxt].low in ("of", "a", "an"):
                return None  # "by half of the team" is not a change
            return pct, len(words)
    return None


def _fraction_of_whole(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """An end of a change said as a fraction of a whole, at toks[i] ("from" or "to"): "from
    (about) a third of … to …" → ("from (about) 33%", index of "of"); "to (almost) half of …"
    with a "from" said shortly before it → ("to (almost) 50%", index of "of") — "from 1 in 5
    sellers to almost half of them". None when no change's end is said so there."""
    n, word = len(toks), toks[i].low
    if toks[i].post or word == "to" and not any(t.low == "from" for t in toks[max(0, i - 9):i]):
        return None
    hedge = i + 1 < n and toks[i + 1].low in FRACTION_HEDGES and not toks[i + 1].post
    k = i + 1 + hedge
    for words, pct in FRACTIONS.items():
        end = k + len(words)
        if _followed_by(toks, k, words) and end < n and not toks[end - 1].post \
                and toks[end].low == "of" \
                and (word == "to" or any(t.low == "to" for t in toks[end:end + 9])):
            return f"{word} {toks[i + 1].core + ' ' if hedge else ''}{pct}%", end
    return None


def _ratio_denominator(toks: list[_Tok], k: int) -> int:
    """Where the second number of "one in five" / "one out of (every) four" starts, `k` being
    the token after "in" / "out"."""
    k += k < len(toks) and toks[k].low == "of"
    return k + (k < len(toks) and toks[k].low == "every")


def _followed_by(toks: list[_Tok], k: int, phrase: tuple[str, ...]) -> bool:
    if k + len(phrase) > len(toks):
        return False
    return all(toks[k + m].low == w for m, w in enumerate(phrase)) and not any(
        toks[k + m].post for m in range(len(phrase) - 1))


def _emit(out: list[str], toks: list[_Tok], i: int, end: int, text: str) -> None:
    """Replace toks[i:end] by `text`, keeping the outer punctuation and following space."""
    out.append(toks[i].pre + text + toks[end - 1].post + toks[end - 1].space)


# a dollar named by its country is a known currency, written as its code after the amount
# ("1.2 million New Zealand dollars" → "1.2M NZD", "NZ$1.2 million" → "1.2 million NZD", QA32
# F1) and shown with its sign ("NZ$1.2M", `CURRENCY_SIGNS`); a US dollar is the plain "$"
_DOLLAR_COUNTRIES = {"new zealand": "NZD", "nz": "NZD", "kiwi": "NZD", "australian": "AUD",
                     "aussie": "AUD", "au": "AUD", "canadian": "CAD", "singapore": "SGD",
                     "singaporean": "SGD", "sg": "SGD", "hong kong": "HKD", "hk": "HKD",
                     "us": "", "u.s.": "", "american": ""}
_DOLLAR_SIGN_COUNTRIES = {"nz": "NZD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD",
                          "s": "SGD", "sg": "SGD", "hk": "HKD", "us": ""}
_COUNTRY_RE = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in
                       sorted(_DOLLAR_COUNTRIES, key=len, reverse=True))
_AMOUNT_END = "|".join(sorted({*ONES, *TEENS, *TENS, "hundred", *SCALES, *THOUSAND_WORDS,
                               *LETTER_SCALES, "half"}, key=len, reverse=True))
# ("300k Singapore dollars": the scale letter stuck to the digits, QA86 F7)
_QUALIFIED_DOLLARS = re.compile(rf"(\d(?:[kmb]n?)?|\b(?:{_AMOUNT_END})) ({_COUNTRY_RE}) (dollars?|bucks)\b",
                                re.IGNORECASE)
# … or the country alone after a money amount, naming no noun ("450 grand Canadian per
# quarter", "2.3 million Australian a year", "1.2 million NZ a year": QA74 F1): the country's
# dollars (QA41 F6); "2000 Canadian customers" names the customers
_COUNTRY_ALONE = re.compile(r"(\d|\b(?:thousand|million|mil|billion|grand|k|m|mn|bn)) "
                            r"(canadian|australian|aussie|new\s+zealand|nz|kiwi|singapore|singaporean|"
                            r"hong\s+kong)(?=\s+(?:per|a|an|each|every|in|of|over|for|this|that|"
                            r"last|annually|yearly|monthly)\b|\s*[.,;:!?]|\s*$)", re.IGNORECASE)
_QUALIFIED_SIGN = re.compile(rf"(?<![\w$])({'|'.join(_DOLLAR_SIGN_COUNTRIES)})\$(\d[\d,]*(?:\.\d+)?"
                             r"(?:\s*(?:thousand|million|billion|trillion|[kmb]n?)\b)?)", re.IGNORECASE)


# a currency's code said before the amount ("AUD 2.3 mil", "NZD 50,000", "USD 2 million"):
# written as the code after it, as "A$2.3 million" is (QA40 F6)
_CODE_FIRST = {"aud": "AUD", "nzd": "NZD", "cad": "CAD", "sgd": "SGD", "hkd": "HKD", "usd": "$",
               "eur": "€", "gbp": "pounds", "inr": "rupees"}
_CODE_BEFORE = re.compile(rf"(?<![\w$])({'|'.join(_CODE_FIRST)})\s+\$?(\d[\d,]*(?:\.\d+)?"
                          r"(?:\s*(?:thousand|million|mil|billion|trillion|[kmb]n?)\b)?)",
                          re.IGNORECASE)


# a "$" amount Whisper wrote with the country's dollars after it ("$450,000 New Zealand
# dollars", "$2M NZD"): the country's dollars, never US ones (QA52 F7)
_SIGN_THEN_COUNTRY = re.compile(rf"(?<![\w$])\$(\d[\d,]*(?:\.\d+)?(?:\s*(?:thousand|million|"
                                rf"billion|trillion|[kmb]n?)\b)?) (?:({_COUNTRY_RE}) (?:dollars?|"
                                rf"bucks)|(nzd|aud|cad|sgd|hkd))\b", re.IGNORECASE)


# the currency said after the amount's period: "600 grand a year in New Zealand dollars" is
# "600 grand New Zealand dollars a year" (QA58 F3), as "in euros", "in US dollars"
_PERIOD_THEN_CURRENCY = re.compile(
    rf"(\d|\b(?:{_AMOUNT_END}))( (?:a|an|per|each|every) (?:day|week|month|quarter|year))"
    rf",? in ((?:{_COUNTRY_RE}) (?:dollars|bucks)|dollars|euros|pounds(?: sterling)?)\b",
    re.IGNORECASE)


def _sign_then_country(m: re.Match[str]) -> str:
    code = (m.group(3) or "").upper() or _DOLLAR_COUNTRIES.get(
        re.sub(r"\s+", " ", m.group(2).lower()), "")
    return f"{m.group(1)} {code}" if code else f"${m.group(1)}"


def _code_before(m: re.Match[str]) -> str:
    code = _CODE_FIRST[m.group(1).lower()]
    return f"{code}{m.group(2)}" if code in "$€£" else f"{m.group(2)} {code}"


def _qualified_dollars(text: str) -> str:
    """Dollars said with their country after an amount ("400000 New Zealand dollars", "1.2
    million NZ dollars") or as a prefixed sign ("NZ$1.2 million") → the amount and the
    currency's code ("400000 NZD"); US dollars → "dollars" (the "$" `normalize_numbers` writes).
    Only after a word or number: "New Zealand dollars" said alone stays."""
    def code(m: re.Match[str], i: int) -> str:
        return _DOLLAR_COUNTRIES.get(re.sub(r"\s+", " ", m.group(i).lower()), "")

    text = _PERIOD_THEN_CURRENCY.sub(r"\1 \3\2", text)
    text = _SIGN_THEN_COUNTRY.sub(_sign_then_country, text)
    text = _CODE_BEFORE.sub(_code_before, text)
    text = _QUALIFIED_SIGN.sub(lambda m: f"{m.group(2)} {_DOLLAR_SIGN_COUNTRIES[m.group(1).lower()]}"
                               if _DOLLAR_SIGN_COUNTRIES[m.group(1).lower()] else "$" + m.group(2), text)
    text = _QUALIFIED_DOLLARS.sub(lambda m: f"{m.group(1)} {code(m, 2) or m.group(3)}", text)
    return _COUNTRY_ALONE.sub(lambda m: f"{m.group(1)} {code(m, 2)}", text)


# "300k US", "two million USD": the country's dollars said by its name alone, after an amount
# (written "US" — the pronoun "us" is lower case: QA38 F5)
_US_AFTER_AMOUNT = re.compile(r"(?:(?<=[\dkKMB])|(?<=thousand)|(?<=million)|(?<=billion)) US\b"
                              r"(?! ?dollars?\b)")


# a currency sign Whisper put on a count of things said before: "around $9,000 of them" (nine
# thousand of the return comments) counts them, never money (QA81 F6)
_SIGN_ON_COUNT = re.compile(r"[$€£](?=\d[\d,.]*(?:\s*(?:thousand|million|[kmb]))?\s+of "
                            r"(?:them|those|these)\b)", re.IGNORECASE)


def _numbers_as_said(text: str, grand_sign: str = "$") -> str:
    """`normalize_numbers` without the currency a sentence about money lends its bare amounts;
    "grand" (money, its currency unsaid) is written with `grand_sign`."""
    text = _US_AFTER_AMOUNT.sub(" USD", _SIGN_ON_COUNT.sub("", text))
    toks = _split_hyphens(_tokenize(_approximations(join_split_digits(_spoken_forms(
        _qualified_dollars(text))))))
    out: list[str] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        num = None
        # "by half", "by a third", "by a quarter" → "by 50% relative": a fraction of the level is
        # relative, never points (QA13 F03: "was 60% … up by a quarter" is 60% → 75%)
        # … and the same said without "by" right after a change verb: "they reduced more than
        # half" (round 47)
        verb = tok.low in FRACTION_VERBS and not tok.post and not (
            i and toks[i - 1].low in _NOT_BEFORE_FRACTION_VERB)
        if (tok.low == "by" or verb) and i + 1 < n and not tok.post:
            hedge = _fraction_hedge(toks, i + 1)
            frac = _fraction_at(toks, i + 1 + hedge)
            if frac is not None and (not verb or i + 1 + hedge + frac[1] == n
                                     or toks[i + hedge + frac[1]].post[:1] in (".", ",", ";", "!", "?")
                                     or toks[i + 1 + hedge + frac[1]].low in ("and", "but", "so")):
                pct, used = frac
                word = " ".join(t.core for t in toks[i + 1:i + 1 + hedge]) + " " if hedge else ""
                lead = f"{tok.pre}{tok.core} by" if verb else "by"
                _emit(out, toks, i, i + 1 + hedge + used, f"{lead} {word}{pct}% {RELATIVE}")
                i += 1 + hedge + used
                continue
        # a fraction said before a comparative is a relative change: "around one third less",
        # "a third fewer swaps" → "33% less" (round 47: a change said with no "by")
        if tok.low in ("a", "one", "half", "two", "three") and (i == 0 or toks[i - 1].low not in (
                "by", "to", "from")) and (frac := _fraction_at(toks, i)) is not None \
                and i + frac[1] < n and toks[i + frac[1]].low in FRACTION_COMPARATIVES \
                and not toks[i + frac[1] - 1].post:
            _emit(out, toks, i, i + frac[1], f"{frac[0]}%")
            i += frac[1]
            continue
        # a change from or to a fraction of a whole: "went from a third of all uploads to under
        # 5%" → "from 33% of all uploads …", "from 1 in 5 sellers to almost half of them"
        if tok.low in ("from", "to") and (whole := _fraction_of_whole(toks, i)) is not None:
            said, end = whole
            _emit(out, toks, i, end, said)
            i = end
            continue
        # a share stated as a fraction: "it is a quarter.", "down to a third." → "25%", "33%"
        if tok.low in FRACTION_STATES and i + 1 < n and not tok.post:
            frac = _fraction_at(toks, i + 1)
            if frac is not None:
                pct, used = frac
                last = i + used
                if toks[last].post[:1] in (".", ",", ";", "!", "?") or last == n - 1:
                    if tok.low == "to" and i and toks[i - 1].low in _DOWN_TO:
                        # down to a fraction of what it was: "it went down to a quarter, the
                        # wait, about 5 minutes" is a cut by 75% relative, no 25% level (QA149 F8)
                        _emit(out, toks, i, last + 1, f"by {100 - pct}% {RELATIVE}")
                        i = last + 1
                        continue
                    out.append(tok.pre + tok.core + tok.post + tok.space)
                    _emit(out, toks, i + 1, last + 1, f"{pct}%")
                    i = last + 1
                    continue
        # "half percent", "half percent point" said without the article (a non-native form)
        if tok.low == "half" and i + 1 < n and toks[i + 1].low in ("percent", "pc") \
                and not tok.post and (i == 0 or toks[i - 1].low not in ("a", "and", "one")):
            _emit(out, toks, i, i + 2, "0.5%")
            i += 2
            continue
        # "half a second", "half an hour", "half a million"
        if tok.low == "half" and i + 2 < n and toks[i + 1].low in ("a", "an") and not tok.post \
                and not toks[i + 1].post:
            unit = toks[i + 2]
            if unit.low in SCALES and SCALES[unit.low] >= 10**6:
                num = _Num(Decimal("0.5") * SCALES[unit.low], 3, True, False, "")
            elif unit.low == "percentage" and i + 3 < n and toks[i + 3].low in ("point", "points"):
                _emit(out, toks, i, i + 4, "0.5 points")  # "half a percentage point"
                i += 4
                continue
            elif unit.low in ("percent", "pc"):  # "went up half a percent" (QA7 F20)
                _emit(out, toks, i, i + 3, "0.5%")
                i += 3
                continue
            elif unit.low.isalpha() and unit.low not in HALF_NOT_UNITS:
                plural = unit.core if unit.core.endswith("s") else unit.core + "s"
                _emit(out, toks, i, i + 3, "0.5 " + plural)
                i += 3
                continue
        # "half million dollars" (a spoken, article-less "half a million")
        if tok.low == "half" and i + 1 < n and toks[i + 1].low in SCALES and not tok.post \
                and SCALES[toks[i + 1].low] >= 10**6:
            num = _Num(Decimal("0.5") * SCALES[toks[i + 1].low], 2, True, False, "")
        if tok.low in FOLD_WORDS:
            _emit(out, toks, i, i + 1, f"{FOLD_WORDS[tok.low]}x")
            i += 1
            continue
        # "a dollar sixty": the article is the one dollar
        if tok.low in ("a", "one") and not tok.post and i + 1 < n and toks[i + 1].low in (
                "dollar", "euro", "buck"):
            num = _Num(Decimal(1), 1, False, False, "")
        if num is None:
            num = _parse_at(toks, i)
        if num is None:
            out.append(tok.pre + tok.core + tok.post + tok.space)
            i += 1
            continue
        end = i + num.length
        value, compact, prefix, suffix = num.value, num.compact, "", ""
        if num.currency.endswith("%"):
            prefix, suffix = num.currency[:-1], "%"
        elif num.currency.endswith("x"):
            prefix, suffix = num.currency[:-1], "x"
        else:
            prefix = num.currency
        last_post = toks[end - 1].post
        # "and a half", also after the comma Whisper puts before it ("8, and a half percent"),
        # and without its article as a speaker who drops articles says it ("six and half
        # percent", QA91 F1) or with "the" for its article ("fourteen and the half", QA109 F1)
        half = 3 if _followed_by(toks, end, ("and", "a", "half")) \
            or _followed_by(toks, end, ("and", "the", "half")) else \
            2 if _followed_by(toks, end, ("and", "half")) else 0
        if half and (not last_post or last_post == "," and end + half < n and (
                toks[end + half].low in (*PERCENT_WORDS, "percents")
                or toks[end + half].low in UNIT_WORDS)):
            # the half of the scale said before it: "two million and a half" is 2.5M (QA32 F2)
            big = max((sc for sc in (10**12, 10**9, 10**6, 10**3) if compact and value >= sc),
                      default=1)
            value += Decimal("0.5") * big
            end += half
            last_post = toks[end - 1].post
            # … and the scale said after it: "two and a half million" is 2.5M (QA32 F2)
            if big == 1 and not last_post and end < n and toks[end].low in SCALES \
                    and not toks[end].low.endswith("s") and not prefix.endswith("%"):
                compact = SCALES[toks[end].low] >= 10**6 or toks[end].low in INDIAN_SCALES
                value *= SCALES[toks[end].low]
                end += 1
                last_post = toks[end - 1].post
        # trailing unit words
        if not last_post and not suffix and end < n:
            nxt = toks[end].low
            if nxt in (PERCENT_WORDS[0], "percents", "%") or nxt == "percentage" and not (
                    not toks[end].post and end + 1 < n
                    and toks[end + 1].low in ("point", "points", "pt", "pts")):
                suffix = "%"  # also "91 percentage", a non-native "percent"; "2 percentage
                end += 1  # points" stays a change in points

            elif _followed_by(toks, end, ("per", "cent")):
                suffix = "%"
                end += 2
            elif nxt == "of" and not prefix and value >= 1000 and end + 1 < n \
                    and not toks[end].post and toks[end + 1].low in CURRENCY_WORDS:
                prefix = CURRENCY_WORDS[toks[end + 1].low]  # "1.2 million of euros" (a
                end += 2  # Spanish-style "of") is €1.2M (QA15 F06)
            elif nxt in CURRENCY_WORDS and not prefix:
                prefix = CURRENCY_WORDS[nxt]
                end += 1
                if (cents := _spoken_cents(toks, end, value, compact)) is not None:
                    value += cents[0] / 100  # "two dollars ten" is $2.10
                    end += cents[1]
            elif nxt in THOUSAND_WORDS and not compact:
                value *= 1000
                end += 1
                if nxt == "grand" and not prefix and not (
                        end < n and (toks[end].low.upper() in _DOLLAR_COUNTRIES.values()
                                     or toks[end].low in CURRENCY_SIGNS)):
                    prefix = grand_sign  # "450 grand CAD" says its currency (QA41 F6)
                if end < n and not toks[end - 1].post and toks[end].low in CURRENCY_WORDS:
                    prefix = CURRENCY_WORDS[toks[end].low]
                    end += 1
            elif nxt in LETTER_SCALES and not compact and not prefix and end + 1 < n \
                    and not toks[end].post and toks[end + 1].low in CURRENCY_WORDS:
                value *= LETTER_SCALES[nxt]  # "one point two M euros", the M said on its own
                compact = True
                prefix = CURRENCY_WORDS[toks[end + 1].low]
                end += 2
            elif nxt in MULTIPLIER_WORDS:
                suffix = "x"
                end += 1
        if num.lone_one and end == i + 1 and end + 1 < n and toks[end].low in ("in", "out") \
                and not tok.post and _parse_at(toks, _ratio_denominator(toks, end + 1)):
            pass  # "one in five" → "1 in 5", "one out of every four" → "1 out of every 4"
        elif num.lone_one and end == i + 1 and end + 1 < n and toks[end].low in ("or", "to") \
                and not tok.post and not toks[end].post \
                and (nxt_num := _parse_at(toks, end + 1)) is not None and nxt_num.value > 1:
            pass  # a spoken range: "one or two times a month", "one to two weeks" → "1 or 2"
        elif num.lone_one and end == i + 1 and end < n and not tok.post and i > 0 \
                and not toks[i - 1].post and toks[i - 1].low in _ONE_SPAN_BEFORE \
                and toks[end].low.strip(",.;:!?") in _ONE_SPAN_UNITS:
            pass  # a span it took: "after the store it took one week" is 1 week (QA19 F05);
            # "one day I noticed …" (nothing said before) stays a word
        elif num.lone_one and end == i + 1 and not tok.post and _per_period_follows(toks, end):
            pass  # a count per period: "now one a month", "one broken run a week" (QA78 F1)
        elif num.lone_one and not prefix and not suffix and end == i + 1:
            out.append(tok.pre + tok.core + tok.post + tok.space)
            i += 1
            continue
        # money with cents keeps both digits ("$2.10", "$1.60"), so "$1.2" never reads as $1.2M
        said = f"{value:.2f}" if prefix in ("$", "€") and not compact and not suffix \
            and value != value.to_integral_value() and value < 1000 \
            and value == value.quantize(Decimal("0.01")) else _fmt(value, compact)
        _emit(out, toks, i, end, prefix + said + suffix)
        i = end
    return _LEAD_IN_ASIDE.sub(r"\1 ", _LEAD_IN_COMMA.sub(
        r"\1 ", _share_units(_APPROX_PERCENT.sub(r"\1%", _CORRECTED.sub("", "".join(out))))))


# "one" + a unit of time is a span when a word of how long comes before it ("took one week",
# "in under one hour", "down to one day"); a lone "one day" opens a story and stays a word
_ONE_SPAN_BEFORE = frozenset("took takes take taking needed needs need required requires lasted "
                             "lasts within under about around roughly only just to".split())
_ONE_SPAN_UNITS = frozenset("second minute hour day week month quarter year sprint".split())


_ONE_PER_WORDS = 2  # words of a noun phrase between a lone "one" and its period
_PERIOD_LEADS = frozenset("a an per every each".split())


def _per_period_follows(toks: list[_Tok], end: int) -> bool:
    """A period of a count ("a month", "per week") follows within `_ONE_PER_WORDS` plain words."""
    for k in range(end, min(end + _ONE_PER_WORDS + 1, len(toks) - 1)):
        if toks[k].low in _PERIOD_LEADS and not toks[k].post \
                and toks[k + 1].low.strip(",.;:!?") in _ONE_SPAN_UNITS:
            return True
        if toks[k].post or toks[k].low in ("of", "and", "or", "to") or _is_number_word(toks[k].low):
            return False
    return False


@functools.lru_cache(maxsize=8192)
def normalize_numbers(text: str) -> str:
    """Rewrite spoken or loosely written numbers in `text` into the canonical digit form
    (pure; cached, as a report reads the same clauses several times).

    Args:
        text: a transcript or any English text.

    Returns:
        The same text with numbers canonicalised (see the module docstring); words that are
        not numbers are left exactly as written, but a figure the speaker says they gave and
        then corrects is dropped (`figure_corrections`: only the right one is read).
    """
    text = _HAD_BEEN.sub(" had been", text)
    text = _PER_WORD.sub(lambda m: " per " + PER_COUNT_DIGITS[m.group(1).lower()],
                         _GLUED_PERIOD.sub(r" a \1", _HEDGE_AFTER.sub(r"about \1", _money_in_context(
                             _YEN_SCALE.sub(_yen_scaled, _numbers_as_said(text))))))
    return _without_corrected_figures(
        _IN_HUNDRED.sub(lambda m: f"{m.group(1)} {_HUNDRED[m.group(2).lower()]}", text))


# "it'd been around three" is "it had been": the contraction the level readers see spelled out,
# so a level said with it is the level before as with "had been" (spent round 57)
_HAD_BEEN = re.compile(r"(?<=\w)['\u2019]d been\b", re.IGNORECASE)


# yen counted in the Japanese units, said in English: "4000 man yen" is 40M yen (man: ten
# thousand), "3 oku yen" 300M yen (oku: a hundred million) — as lakhs and crores are (QA70 F3)
YEN_SCALES = {"man": 10**4, "oku": 10**8}
_YEN_SCALE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)([MBK])? (man|oku) (?=yen\b)", re.IGNORECASE)


def _yen_scaled(m: re.Match[str]) -> str:
    value = Decimal(m.group(1)) * _SCALE_VALUE.get(m.group(2) or "", 1) \
        * YEN_SCALES[m.group(3).lower()]
    return _fmt(value, True) + " "


# a rate's count said as a word after its number ("14 per thousand loans") is written in digits,
# as "12 per 10,000" is: one way to write the unit, so two tellings' levels compare (QA58 F4)
_PER_WORD = re.compile(r"(?<=\d) per (hundred|thousand|million)\b(?! (?:and|of)\b)", re.IGNORECASE)


# a period word Whisper glued to the word before it by a hyphen that opens a word ("4 million
# chroma -year", "200 hours -month") is the period said: "a year" (QA28 F3); after a number
# ("5 -day old") it is a span, and a compound written
# with its hyphen ("person-year", "year-on-year") is left as written
_GLUED_PERIOD = re.compile(r"(?<=[a-z]) -(year|month|quarter|week|day)\b(?!-)", re.IGNORECASE)


# a hedge said after its number ("it was 0.8 more or less", "6%, give or take") is "about" said
# before it, so "0.8 more" is never read as a change by 0.8
_HEDGE_AFTER = re.compile(r"(?<![\w.])((?:\d+ (?:in|out of|of)(?: every| each)? )?"  # "1 in 5, more or less"
                          r"[$€£]?\d+(?:\.\d+)?(?:[%MBKTx]|-something|-ish)?"
                          r"(?: (?:percentage points|points?|ms|milliseconds|seconds|minutes|hours|"
                          r"days|weeks|months|[a-z]+s))?),? (?:more or less|give or take|or so)\b,?",
                          re.IGNORECASE)


_MONEY_TOKEN = re.compile(r"(?<![\w.])([$€£])(\d+(?:\.\d+)?)([MBKT])?(?![\d\w])")


def mark_unsaid_currency(shown: str, text: str) -> str:
    """`shown` (numbers as `normalize_numbers` or `short_money` write them) with every amount
    whose currency `text` never says written without it, marked: "$400K per month" →
    "400K [currency?] per month" when the answer said "400K per month" in a sentence about
    revenue and no currency anywhere (the currency was only inferred; QA8 F12), or "two hundred
    grand" ("grand" names no currency: QA13 F11). Money said with its currency stays, and so
    does an amount of an answer that says its currency elsewhere ("from $1.4M … to nine hundred
    grand")."""
    said_text = _numbers_as_said(text, grand_sign="")  # "grand" says no currency (QA13 F11)
    said = _currency_said_per_amount(said_text)
    any_said = re.search(r"[$€£]\d", said_text) or _SIGNED_WORD.search(said_text)

    # a sign is shown only where it was heard on that amount (or on the other end of its
    # "from $X to Y"); an amount heard only bare had its sign lent by the words around it —
    # the answer's, one clause's ("stopped losing around 2.8 million | but …" read alone,
    # QA29 F2) or the next amount's ("3.8 million, so roughly $500,000", QA36 F1) — and is
    # marked; an amount not said as such (a sum worked out) keeps it when a currency was said
    def mark(m: re.Match[str]) -> str:
        heard = said.get(_amount_value(m.group(2), m.group(3)))
        if heard or (heard is None and any_said):
            return m.group(0)
        return short_money("$" + m.group(2) + (m.group(3) or ""))[1:] + UNSAID_CURRENCY
    return _MONEY_TOKEN.sub(mark, shown)


_SCALE_SUFFIX = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_SAID_AMOUNT = re.compile(r"(?<![\w.])([$€£]?)(\d+(?:\.\d+)?)([MBKT])?(?![\d\w.]|\.\d)")
# the two ends of one change share the currency said on either: "from $1.4M to 900000"
_PAIR_SIGN = re.compile(r"(?<![\w.$€£])(\d+(?:\.\d+)?[MBKT]?)(\s+(?:down |up )?to\s+)([$€£])"
                        r"|([$€£])(\d+(?:\.\d+)?[MBKT]?)(\s+(?:down |up )?to\s+)(?=\d)")


def _amount_value(number: str, suffix: str | None) -> Decimal:
    return Decimal(number) * _SCALE_SUFFIX.get(suffix or "", 1)


def _currency_said_per_amount(said_text: str) -> dict[Decimal, bool]:
    """Each amount of `said_text` (`_numbers_as_said` form) → whether it was said with its
    currency (a sign, a currency word after it, or the other end of its "from $X to Y")."""
    said_text = _SIGNED_WORD.sub(lambda m: "$" + m.group(1), said_text)
    said_text = _PAIR_SIGN.sub(lambda m: m.group(3) + m.group(1) + m.group(2) + m.group(3)
                               if m.group(3) else m.group(0) + m.group(4), said_text)
    heard: dict[Decimal, bool] = {}
    for m in _SAID_AMOUNT.finditer(said_text):
        value = _amount_value(m.group(2), m.group(3))
        heard[value] = heard.get(value, False) or bool(m.group(1))
    return heard


# a number said as how many people did the work, not as what the work did: "a team of five",
# "five engineers", "three of us", "two data scientists"
_HEAD_BEFORE = re.compile(r"\b(?:team|group|squad|crew|staff|headcount|pod)\s+of\s+(?:about\s+|"
                          r"around\s+|roughly\s+|just\s+|only\s+|like\s+|maybe\s+)?$")
_HEAD_AFTER = re.compile(r"^\s+(?:(?:or|to)\s+\d+\s+)?"  # "2 or 3 people"
                         r"(?:(?:senior|junior|full-time|part-time|other|more|new|data|ml|"
                         r"backend|frontend|software|support|product)\s+){0,2}(?:people|persons|"
                         r"engineers?|developers?|devs|analysts?|scientists?|folks|members?|"
                         r"hires|interns?|colleagues|teammates|reports|heads|ftes?|of\s+us|"
                         r"of\s+them|contractors?|researchers?|designers?|managers?)\b")


def head_count(text: str, start: int, end: int) -> bool:
    """Whether the number at `start:end` of `text` (lower case, `normalize_numbers`-ed) counts
    the people who did the work ("a team of 5", "5 engineers", "3 of us", "2 or 3 people"): a
    head count is neither a level of the metric nor an outcome."""
    if re.match(r"\d+(?:\.\d+)?%", text[start:]):
        return False  # "we saw nearly 80% of them": a share, never a head count (QA81 F4)
    rest = re.sub(r"^\S+", "", text[start:])  # what follows the number's first word ("5")
    head = text[:start]
    if _RATE_OF.search(head):
        return False  # "24 per 1000 members", "1 in 40 customers": a rate's denominator (QA68 F2)
    if (m := _TO_END.search(head)) is not None and _HEAD_AFTER.match(" " + m.group("kind")):
        return True  # the end of "from 6 people to 8": a head count too (QA67 F1)
    return bool(_HEAD_BEFORE.search(head) or _TEAM_GREW.search(head) or _HEAD_AFTER.match(rest))


# the words before a rate's denominator: "24 per", "1 in", "2 out of every"
_RATE_OF = re.compile(r"(?:\bper|(?<![\w.])\d+(?:\.\d+)?\s+(?:in|out\s+of)(?:\s+every)?)\s+$")
# the "to" end of a "from N <noun> to" pair, the noun said once with the start
_TO_END = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?\d+\s+(?P<kind>(?:\S+\s+){0,2}?\S+)"
                     r"\s+to\s+(?:about\s+|around\s+|roughly\s+)?$")
# a team's size said growing: "my team grew to 8", "the team went from six to 8"
_TEAM_GREW = re.compile(r"\b(?:team|group|squad|headcount|staff)\s+(?:grew|went|increased|"
                        r"expanded|doubled|shrank)\s+(?:from\s+\d+\s+(?:\S+\s+)?)?to\s+"
                        r"(?:about\s+|around\s+)?$")


UNSAID_CURRENCY = " [currency?]"
# words of a clause about money (what was sold, saved, lost or spent) …
MONEY_WORDS = re.compile(r"\b(?:sales|revenue|saved|savings?|profits?|costs?|spend|spent|lost|"
                         r"losses|budget|margin|gmv|turnover)\b", re.IGNORECASE)
# … and a large amount said there with no unit (normalised text): Whisper lost its currency and
# period ("60000 your amount less in sales" for "sixty k euro a month less in sales", QA14
# F18/F12) — money whose currency was not heard; never a year
# — never a count of things said with it ("5000 merchants")
BARE_AMOUNT = re.compile(r"(?<![\w.,$€£])(?!(?:19|20)\d\d(?!\d))\d{4,}(?![\d%]|[.,]\d|\s*[MBKT]\b)"
                         r"(?!\s+(?:more |fewer |extra |new )?[a-z]+s\b(?!'))")


# money said as what a change amounted to: "that was around $500K", "which is about $2M"
_WORTH = re.compile(r"\b(?:that|which|this)(?:'s| is| was| were| came to| comes to| meant| means| "
                    r"equates to| amounted to)(?: (?:about|around|roughly|nearly|almost|over|"
                    r"maybe|like|circa))?\s*$")


def worth_of_change(text: str, start: int) -> bool:
    """The amount at `start` is what a change was worth ("…, and that was around $500K a month
    in ad revenue"), never the level a metric started from."""
    return _WORTH.search(text[:start]) is not None


def _spoken_cents(toks: list[_Tok], at: int, value: Decimal, compact: bool
                  ) -> tuple[Decimal, int] | None:
    """The cents said after "N dollars" ("two dollars ten", "a dollar sixty", "one dollar
    thirty five", QA9 F13) and how many words say them: a whole number 1–99 in one or two words
    ending the amount (no unit, no "times"/"percent" after it), after a small whole amount said
    without a pause; else None."""
    if compact or value != value.to_integral() or value >= 100 or at >= len(toks) \
            or toks[at - 1].post:
        return None
    cents = _parse_at(toks, at)
    if cents is None or cents.length > 2 or cents.currency or not 1 <= cents.value <= 99 \
            or cents.value != cents.value.to_integral() \
            or any(toks[at + k].post for k in range(cents.length - 1)):
        return None
    last = at + cents.length - 1
    after = toks[last + 1].low if last + 1 < len(toks) and not toks[last].post else ""
    if after in (*PERCENT_WORDS, "percents", "times", "x", *UNIT_WORDS, *CURRENCY_WORDS,
                 *THOUSAND_WORDS, *SCALES) or after.isdigit():
        return None
    return cents.value, cents.length


# a whole amount of money of 4 digits or more, as the canonical form writes it ("$200000")
_LONG_MONEY = re.compile(r"(?<![\w.])([$€£])(\d{4,}|0\.\d+M)(?![\d.,]\d|[\w%])")


# a currency said as a word that has a sign is shown with the sign: "1.2M pounds" → "£1.2M",
# "1M quid" → "£1M" (QA13 F16); the canonical form keeps the word (`CURRENCY_NAMES`)
CURRENCY_SIGNS = {"pounds": "£", "pound": "£", "quid": "£", "sterling": "£",
                  # a dollar named by its country (`_qualified_dollars`, QA32 F1)
                  "nzd": "NZ$", "aud": "A$", "cad": "C$", "sgd": "S$", "hkd": "HK$"}
_SIGNED_WORD = re.compile(rf"(?<![\w.$€£])(\d+(?:\.\d+)?[MBKT]?) ({'|'.join(CURRENCY_SIGNS)})\b",
                          re.IGNORECASE)


def short_money(text: str) -> str:
    """Amounts of money in `text` written for a reader, as the README writes them: "$200000 a
    month" → "$200K a month", "$1500000" → "$1.5M", "$0.5M" → "$500K", "1.2M pounds" →
    "£1.2M"; other amounts ("$950", "$12345") stay."""
    def short(m: re.Match[str]) -> str:
        return m.group(1) + _short_amount(m.group(2))
    # the amount is shortened as a "$" amount is: "400000 NZD" → "NZ$400K"
    text = _SIGNED_WORD.sub(lambda m: CURRENCY_SIGNS[m.group(2).lower()]
                            + _LONG_MONEY.sub(short, "$" + m.group(1))[1:], text)
    # … and so is one with a currency's name and no sign: "650000 francs" → "650K francs"
    text = _long_named_money().sub(lambda m: _short_amount(m.group(1)), text)
    return _LONG_MONEY.sub(short, text)


def _short_amount(said: str) -> str:
    """An amount's digits written short: "1500000" → "1.5M", "200000" → "200K", "0.5M" →
    "500K"; one that is no round hundred ("12345") stays."""
    value = Decimal(said[:-1]) * 10**6 if said.endswith("M") else Decimal(said)
    if value >= 10**6:
        return _fmt(value, True)
    if value % 100:
        return said
    return f"{_fmt_plain(value / 1000)}K"


@functools.cache
def _long_named_money() -> re.Pattern[str]:
    """A long amount said with a currency's name after it ("650000 francs", "2000000 rand")."""
    return re.compile(rf"(?<![\w.$€£])(\d{{4,}})(?= (?:{'|'.join(CURRENCY_NAMES)})\b)",
                      re.IGNORECASE)


# Whisper writes "$1.5 million" as "$1 .5 million" and "11,000" as "11 ,000"
_SPLIT_DECIMAL = re.compile(r"(?<=\d) \.(?=\d)")
_SPLIT_THOUSANDS = re.compile(r"(?<=\d) ,(?=\d{3}(?!\d))")
# … and a decimal comma said aloud as "3 ,5 million" ("three comma five million"): one or two
# digits after it, then a scale word or a percent — read as the decimal comma it is (QA28 F4)
_SPLIT_DECIMAL_COMMA = re.compile(r"(?<=\d) ,(?=\d{1,2} ?(?:%|percent\b|per cent\b|thousand\b|"
                                  r"million\b|billion\b|[kmb]\b))", re.IGNORECASE)
# the word that leads a number into its role, left with a comma when a filler was dropped
_LEAD_IN_COMMA = re.compile(r"\b(from|to|by|at|of|about|around|roughly|was|were|is|reached|hit)"
                            r",\s+(?=[$€£]?\d)", re.IGNORECASE)
# … and after a change's own lead-in, an aside said there, which only blurs the number ("gets
# to, well, under half a percent", "gets to, i think, high eighties"): read together ("it was,
# around 6% relative" stays: a hedged "was around" is no level the work started from)
_LEAD_IN_ASIDE = re.compile(r"\b(from|to|by|reached|hit),\s+(?:(?:well|i think|i guess|i'd say|"
                            r"i believe|maybe|probably|say|like),?\s+)?(?=(?:(?:under|over|about|"
                            r"around|roughly|nearly|almost|just|only|below|above|less than|"
                            r"more than) )?(?:[$€£]?\d|(?:low|mid|high)-\d))", re.IGNORECASE)


_QUARTER_SCALE = re.compile(r"\b(?:a |one )?quarter(?: of a)? (million|billion)\b", re.IGNORECASE)


def join_split_numbers(text: str) -> str:
    """Join a number Whisper split at its decimal point or thousands comma, as said:
    "$1 .5 million" → "$1.5 million", "18 .1 %" → "18.1 %", "$400 ,000" → "$400,000"."""
    return _SPLIT_DECIMAL_COMMA.sub(",", _SPLIT_THOUSANDS.sub(",", _SPLIT_DECIMAL.sub(".", text)))


# a decimal comma written in digits ("from 1,4% to 0,6%", "0,85 AUC"): one or two digits after
# the comma, never three ("1,200" is a thousands comma), never inside a list ("1,2,3")
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(\d+),(\d{1,2})(?![\d,])(?=\s*(?:%|percent\b|per cent\b|"
                            r"points?\b|pp\b|ms\b|x\b|[^\w\s]|\s+(?:[a-z]|$)|$))", re.IGNORECASE)
# "0 comma 6" with the digits written: the decimal comma said aloud
_SAID_COMMA = re.compile(r"(?<![\d,.])(\d+) comma (\d+)\b", re.IGNORECASE)


# a spoken compound Whisper wrote in digits split at its "and": "a hundred and twenty k" heard
# as "100 and 20k" is 120k, never "100" and "20k" (QA14 F02: the scale read 20000 req/s, 6×
# under). Hundreds then 1–99, as English says one number; never a range ("between 100 and 20").
# "from 300 and 40 a month to 175" is 340 too (QA41 F1): "from … and" makes no range
_SPLIT_COMPOUND = re.compile(r"(?<![\w.,])(?<!between )([$€£]?)([1-9])(?:00| hundred) "
                             r"and ([1-9]\d?)(?![\d.,]\d|\d| and\b)", re.IGNORECASE)


# … and with the thousands written on its second part: "three hundred and eighty thousand"
# heard as "300 and 80,000" is 380000, never 80000 (QA38 F1); the currency sign may be written
# on either part or both: "one hundred and twenty thousand dollars" heard as "$100 and $20,000",
# "two hundred and ten thousand dollars" as "200 and $10,000" (QA150 F2, QA147 F2)
_SPLIT_COMPOUND_THOUSANDS = re.compile(r"(?<![\w.,])(?<!between )([$€£]?)([1-9])"
                                       r"(?:00| hundred) and ([$€£]?)([1-9]\d?),?000(?![\d.,]\d|\d)",
                                       re.IGNORECASE)


# … and a scale said in a word, then the rest in digits: "1 million and 200,000 pesos" (Whisper's
# "one million and two hundred thousand") is 1200000, never "1M" and "200000" (QA60 F1)
_SPLIT_SCALE = re.compile(r"(?<![\w.,])(?<!between )([$€£]?)(\d{1,3}) (million|billion) and "
                          r"(\d{1,3}(?:,\d{3})+|\d{4,})(?![\d.,]\d|\d)", re.IGNORECASE)
_SCALE_UNITS = {"million": 1_000_000, "billion": 1_000_000_000}


def _split_scale(m: re.Match[str]) -> str:
    """"1 million and 200,000" → "1.2 million", said as one amount in its scale word."""
    unit = _SCALE_UNITS[m.group(3).lower()]
    rest = int(m.group(4).replace(",", ""))
    if rest >= unit:
        return m.group(0)
    value = (int(m.group(2)) * unit + rest) / unit
    return f"{m.group(1)}{value:.6g} {m.group(3)}"


def _compound(m: re.Match[str]) -> str:
    return f"{m.group(1)}{int(m.group(2)) * 100 + int(m.group(3))}"


def _compound_thousands(m: re.Match[str]) -> str:
    sign = m.group(1) or m.group(3)
    if m.group(1) and m.group(3) and m.group(1) != m.group(3):
        return m.group(0)  # two currencies: two amounts
    return f"{sign}{(int(m.group(2)) * 100 + int(m.group(4))) * 1000}"


# a space as the thousands separator, as much of Europe writes it ("3 900 euros per month",
# "about 3 000 pairs": spent round 59): one to three digits, then groups of exactly three, never
# a list of numbers ("1 2 3") nor a year after a count ("3 2019")
_SPACE_THOUSANDS = re.compile(r"(?<![\d.,] )(?<![\d.,])\b([1-9]\d{0,2})((?: \d{3})+)(?![\d.,]?\d| \d)")


def join_split_digits(text: str) -> str:
    """`join_split_numbers`, a decimal comma ("0,6%", "0 comma 6") read as a point, a compound
    split at its "and" ("100 and 20k", "1 million and 200,000") read whole ("120k", "1200000"),
    a space between thousands ("3 900") read as none, and "a quarter of a million" read as
    "0.25 million"."""
    text = _SPACE_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), text)
    text = _SAID_COMMA.sub(r"\1.\2", _DECIMAL_COMMA.sub(r"\1.\2", join_split_numbers(text)))
    text = _SPLIT_COMPOUND.sub(_compound, _SPLIT_COMPOUND_THOUSANDS.sub(_compound_thousands, text))
    text = _SPLIT_SCALE.sub(_split_scale, text)
    return _QUARTER_SCALE.sub(lambda m: "0.25 " + m.group(1), text)


_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
            "seventies": 70, "eighties": 80, "nineties": 90}
_DECADE_PART = {"low": "low", "lower": "low", "mid": "mid", "middle": "mid", "high": "high",
                "upper": "high"}
_SOMETHING = re.compile(r"\b(" + "|".join(TENS) + r"|[1-9]0)(?:[- ](?:something|odd)|[- ]?ish)\b",
                        re.IGNORECASE)
_DECADE = re.compile(r"\b(?:the )?(" + "|".join(_DECADE_PART) + r")[- ](" + "|".join(_DECADES)
                     + r"|[1-9]0s)\b", re.IGNORECASE)
# a level said as a decade, after its verb: "accuracy was somewhere in the seventies" is
# "70-something" (QA59 F14) — never a decade said of time ("back in the nineties")
_LEVEL_DECADE = re.compile(r"\b((?:was|were|is|are|sat|stood|hovered|stayed|been|stuck)"
                           r"(?: (?:somewhere|still|only|just|already|roughly|about|around)){0,2}"
                           r" (?:in|into) )the (" + "|".join(_DECADES) + r")\b", re.IGNORECASE)
# the canonical vague forms: "60-something", "60-ish", "low-80s" (one token each)
APPROX_CORE = r"(?:(?:low|mid|high)-\d0s|\d0-(?:something|ish))"
_APPROX_PERCENT = re.compile(rf"\b({APPROX_CORE}) (?:percent|per cent)\b", re.IGNORECASE)
_APPROX_VALUE = {"something": 5, "ish": 0, "low": 2, "mid": 5, "high": 8}


# --- the ways a number is said around it (before the words become digits) --------------------
_NUMBER_WORD = "|".join((*ONES, *TEENS, *TENS, "hundred", "a hundred", "a thousand"))
_NUMBER_START = (rf"(?:[$€£]?\d|(?:{_NUMBER_WORD}|an? (?:third|quarter|half|fifth|tenth|couple|million|"
                 r"billion)|half|"
                 r"two thirds|three quarters|once|twice)\b)")
_NUMBER_AHEAD = f"(?={_NUMBER_START})"
# an aside between a verb and its number: "was, I'd say, north of two million", "lost, I think,
# roughly forty percent", "failed, oh, a couple of times a week"
_ASIDE = re.compile(r",\s+(?:i'd say|i would say|i think|i reckon|i believe|i guess|i suppose|"
                    r"if memory serves|if i remember (?:rightly|correctly)|let's say|say|oh|"
                    r"at a guess|off the top of my head|from memory|honestly|frankly|if anything)"
                    rf",\s+(?=(?:[a-z]+ ){{0,4}}?{_NUMBER_START})",
                    re.IGNORECASE)
# a change's amount after an aside that restates it as a level: "click-through went up, I think
# it was about eighteen percent relative", "came down, I'd say roughly by 33%", "that went up, I
# think around nine percent" → "went up by about eighteen percent …": the amount of the change
_CHANGE_ASIDE = re.compile(
    r"\b(?P<verb>(?:went|go|goes|gone|came|come|comes|was|were|is|are) (?:up|down)|rose|fell|"
    r"dropped|grew|increased|decreased|improved|climbed|jumped|declined|shrank|reduced|dipped)"
    r",?\s+(?:i think|i'd say|i would say|i guess|i believe|i reckon|if i remember correctly)"
    r",?\s+(?:(?:it|that) (?:was|is|'s|came to|came out at),?\s+)?"
    r"(?P<hedge>(?:about|around|roughly|nearly|almost|something like|maybe|close to)\s+)?"
    r"(?:by\s+)?" + _NUMBER_AHEAD, re.IGNORECASE)
# a change said with another language's preposition: "went down until 4 minutes", "fell until
# like 0.71" (Spanish "hasta", Portuguese "até": to), "it went up in more or less 6 points",
# "lowered in 4 points" (Spanish "en": by); a year after "until" is when ("went up until 2019")
_L2_CHANGE_VERB = (r"(?:(?:went|go|goes|gone|came|come|comes|was|were|is|are|it) (?:up|down)|"
                   r"rose|fell|dropped|grew|increased|decreased|improved|climbed|lowered|reduced|"
                   r"declined|shrank|jumped)")
_L2_HEDGES = (r"(?:(?:like|about|around|roughly|almost|nearly|more or less|a little less than|"
              r"a bit less than|less than|just under|under|only|maybe),?\s+)*")
# … and a change said as a division ("the calls were divided by two": French "divisé par",
# Spanish "dividido entre"): halved, or cut by that many times
# "from 30 per week till 8 per week" (German "bis", also said in English): the "to" of a pair;
# never a span of years ("from 2019 until 2021")
_FROM_TILL = re.compile(r"\b(from (?:[^\s.;,]+ ){0,6}?(?:[^\s.;,]*\d[^\s.;,]*|(?:" + _NUMBER_WORD
                        + r")\b)(?: [^\s.;,]+){0,3}?),? "
                        r"(?:till|until|til) (?=(?:about |around |roughly |nearly |almost |only |"
                        r"just |under |below |like )*(?:[$€£]?\d(?!\d{3}\b)|" + _NUMBER_WORD + r")\b)",
                        re.IGNORECASE)
# a rate said with an ordinal: "every third file needed a rework, afterwards every tenth" is 1 in
# 3 → 1 in 10 (QA85 F1); "one in every three" stays as said
_ORDINAL_RATE = {"second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
                 "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "twelfth": "12",
                 "fifteenth": "15", "twentieth": "20", "fiftieth": "50", "hundredth": "100"}
_EVERY_NTH = re.compile(r"(?<!\bin )\bevery (" + "|".join(_ORDINAL_RATE)
                        + r"|(?P<digits>[2-9]|[1-9]\d+)(?:st|nd|rd|th))\b(?! (?:time|day|"
                        r"week|month|quarter|year|sprint|release|run)\b)"
                        # … with the "one" it counts: "every eighth one" is 1 in 8 (QA92 F1)
                        r"(?: one\b(?! (?:of|in|out)\b))?", re.IGNORECASE)
_DIVISORS = {"three": "3", "four": "4", "five": "5", "ten": "10"}
_DIVIDED_BY = re.compile(r"\b(?P<aux>(?:got |was |were |has been |have been |been )?)divided "
                         r"(?:by|in) (?P<by>two|three|four|five|ten|\d+)\b"
                         r"(?! (?:groups?|parts?|teams?|segments?|"
                         r"buckets?|folds?|batches?|categories|classes|regions?)\b)",
                         re.IGNORECASE)
_CHANGE_UNTIL = re.compile(rf"\b({_L2_CHANGE_VERB}),? until\s+(?={_L2_HEDGES}(?!\d{{4}}\b)"
                           rf"(?:{_NUMBER_START}|point\b))", re.IGNORECASE)
_CHANGE_IN = re.compile(rf"\b({_L2_CHANGE_VERB}) in\s+(?={_L2_HEDGES}{_NUMBER_START}"
                        r"(?:[\w.'-]*\s+){1,3}?(?:percentage points?|points?|percent|per cent)\b)",
                        re.IGNORECASE)
_ASIDE_HEDGE = re.compile(r",\s+(?:give or take|roughly|approximately|more or less|ballpark),\s+"
                          + _NUMBER_AHEAD, re.IGNORECASE)
# hedges that put a number above, below or near a value, in the words the readers know
# ("over", "under", "about"); "something like", "maybe", "probably" stay as said
# a number just above or below a value keeps that closeness ("a shade under 60%" is "just under
# 60%", "comfortably north of" is "well over"), as `APPROX` and `Quantity.hedge` read it (QA13 F02)
_CLOSE = r"(?:(?P<close>just|a touch|a bit|a shade|a hair|a tad|slightly)|(?P<far>well|comfortably))\s+"


def _hedge_as(word: str) -> Callable[[re.Match[str]], str]:
    """The replacement of a hedge said around a value: "just " / "well " kept before `word`."""
    def sub(m: re.Match[str]) -> str:
        close = "just " if m.group("close") else "well " if m.group("far") else ""
        return close + word
    return sub


_HEDGE_WORDS = (
    (re.compile(rf"\b(?:{_CLOSE})?(?:north of|upwards of|in excess of)"
                r"\s+" + _NUMBER_AHEAD, re.IGNORECASE), _hedge_as("over ")),
    (re.compile(rf"\b(?:{_CLOSE})?(?:south of|shy of)\s+" + _NUMBER_AHEAD,
                re.IGNORECASE), _hedge_as("under ")),
    # "a shade under", "a touch over": the closeness said in other words
    (re.compile(r"\b(?:a touch|a shade|a hair|a tad|a smidge)\s+(?=(?:under|below|over|above)\s+"
                + _NUMBER_START + ")", re.IGNORECASE), "just "),
    (re.compile(r"\b(?:getting on for|coming up to|knocking on)\s+" + _NUMBER_AHEAD,
                re.IGNORECASE), "nearly "),
    (re.compile(r"\b(?:give or take|(?:something |somewhere )?in the region of|(?:of|on|in) the order of|"
                r"in the ballpark of|ballpark|circa|approximately|approx\.?|perhaps|nearer|closer to|"
                r"somewhere (?:around|near|about)|something(?= [$€£]?\d))\s+" + _NUMBER_AHEAD,
                re.IGNORECASE), "about "),
    # "plus-minus 40%", "plus minus four and a half million" said before its number is "about"
    # in South African, German and Polish English; after a number ("80%, plus or minus 5")
    # it is an error margin and stays
    (re.compile(r"(?<![\d%] )(?<![\d%], )\bplus[- ]minus\s+" + _NUMBER_AHEAD, re.IGNORECASE),
     "about "),
    (re.compile(r"\b(?<=by )(?:something like|something|maybe|perhaps|probably)\s+"
                r"(?=a (?:third|quarter|half|fifth|tenth)\b|half\b|two thirds\b)", re.IGNORECASE),
     "about "),
)
# how often: "once a quarter" → "1 time a quarter", "twice a week", "a couple of times"
_PERIOD = r"(?:a|an|per|every|each) (?:second|minute|hour|day|night|week|sprint|month|quarter|year)"
_FREQUENCY = ((re.compile(rf"\bonce(?= {_PERIOD}\b)", re.IGNORECASE), "1 time"),
              (re.compile(rf"\btwice(?= {_PERIOD}\b)", re.IGNORECASE), "2 times"),
              (re.compile(rf"\bthrice(?= {_PERIOD}\b)", re.IGNORECASE), "3 times"),
              (re.compile(r"\ba couple of(?! (?:our|the|their|my|his|her|its|these|those|them|us)\b)"
                          r"(?= (?:[a-z-]+ )?[a-z-]+s\b)", re.IGNORECASE), "two"))
# "a day and a half" → "1.5 days"; "most of a week" → "nearly 1 week"
# "a fortnight" is two weeks, as British, Indian and Nigerian speakers say it
# a ratio said as other languages say it ("um de cada cinco", "uno de cada cinco"): "one of each
# five calls" is "one in five calls", "one of every eight orders" "one in eight orders" (QA76 F3)
_ONE_OF_EACH = re.compile(r"\b(?:(one|1) (?:(?:of|from) (?:each|every)|out of each)"
                          # … any count "from every" ("twenty-three from every hundred")
                          r"|([2-9]|[1-9]\d|two|three|four|five|six|seven|eight|nine|ten|"
                          r"twenty(?:-\w+)?|thirty(?:-\w+)?) from (?:each|every)) "
                          r"(?=(?:two|three|four|five|six|"
                          r"seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred|a hundred|a thousand|"
                          r"\d+)\b)", re.IGNORECASE)
# a ratio said with its noun inside: "one conversation in ten", "three tickets out of every four",
# "four customers out of five" → "one in ten conversation", the form the readers know ("one in
# ten"); never a count over a span ("two engineers in three months", "one deploy in 2 days"), a
# place or a year ("five models in two regions", "one team in 2019")
_RATIO_NUM = (rf"(?:{'|'.join((*ONES, *TEENS, *TENS))}|a hundred|a thousand|hundred|thousand|"
              r"\d+(?:\.\d+)?)")
# … a denominator may be a tens word with its ones: "one truck in twenty five" (QA131 F2)
_RATIO_DEN = rf"(?:(?:{'|'.join(TENS)})[ -](?:{'|'.join(ONES)})\b|{_RATIO_NUM})"
_NOT_RATIO_NOUN = ("in", "out", "of", "the", "a", "an", "per", "times", "time", "x", "percent",
                   "points", "point", "and", "or", "to", "by", "from", "at", "every", "each", "more",
                   "less", "fewer", "other", "those", "them", "these", "our", "my", "their", "its",
                   "his", "her", "thousand", "hundred", "million", "k", "m", "is", "was", "were",
                   "are", "had", "has", "have", "did", "went", "got", *ONES, *TEENS, *TENS)
_RATIO_NOUN_INSIDE = re.compile(
    rf"\b(?P<num>{_RATIO_NUM}) (?P<noun>(?:[a-z][a-z'-]* )?[a-z][a-z'-]*) "
    rf"(?P<of>in|out of|from(?= every| each))"
    rf"(?P<every> every| each)? (?P<den>{_RATIO_DEN})\b(?![.,]\d)(?![ -](?:{'|'.join(ONES)})\b)"
    r"(?!-)(?! (?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|sprints?|"
    r"releases?|regions?|teams?|countries|cities|markets?|languages?|categories|batches|runs|"
    r"rounds|tries|attempts|stores?|sites?|cases?|places?|parts?|steps?|people|persons|hundred|"
    r"thousand|million|billion|k\b|m\b|"
    r"(?!(?:was|is|has|does|goes|gets|this|as|us|its|plus|less|always|stays|seems)\b)"
    # … a verb in -s, known by the word after it: "one container in 25 waits more than 5 days"
    r"(?![a-z]+s (?:more|less|longer|late|early|again|too|over|under|the|a|an|up|down|out|away|"
    r"back|its|their|our|my|his|her|twice|only|still|never|always)\b)[a-z]+s)\b)",
    re.IGNORECASE)


# a ratio's denominator said as a bare "hundred" ("23 from every hundred" → "23 in 100")
_IN_HUNDRED = re.compile(r"(?<=\d )(in(?: every| each)?|out of(?: every| each)?) (?:a |one )?"
                         r"(hundred|thousand)\b", re.IGNORECASE)
_HUNDRED = {"hundred": "100", "thousand": "1000"}


def _ratio_noun_after(m: re.Match[str]) -> str:
    """"one conversation in ten" → "one in ten conversation" (`_RATIO_NOUN_INSIDE`)."""
    words = m.group("noun").lower().split()
    den, num = m.group("den"), m.group("num")
    if any(w in _NOT_RATIO_NOUN for w in words) or re.fullmatch(r"(?:19|20)\d\d", den):
        return m.group(0)
    # a share is a part of its whole: never money ("saved 600000 pesos in one season", QA138
    # F3), never more than its whole
    if any(w in CURRENCY_WORDS or w in CURRENCY_NAMES for w in words) or (
            re.fullmatch(r"[\d.]+", num) and re.fullmatch(r"[\d.]+", den)
            and float(num) > float(den)):
        return m.group(0)
    of = "in" if m.group("of") == "from" else m.group("of")  # "9 claims from every 100"
    return f"{m.group('num')} {of}{m.group('every') or ''} {den} {m.group('noun')}"


# a fraction the recogniser wrote as digits and an ordinal ("fell by 1.3rd", "1/3rd", "2/3rds"):
# the fraction said, never the decimal 1.3
_WRITTEN_FRACTION = re.compile(r"(?<![\w.])(1(?=\s?[./]?\s?(?:3|4|5|10))|2(?=\s?[./]?\s?3))\s?[./]?\s?"
                               r"(3|4|5|10)(?:rds?|ths?)\b", re.IGNORECASE)
_FRACTION_WORDS = {("1", "3"): "a third", ("2", "3"): "two thirds", ("1", "4"): "a quarter",
                   ("1", "5"): "a fifth", ("1", "10"): "a tenth"}
_FORTNIGHT = re.compile(r"(?<!once )(?<!twice )(?<!times )\b(?:a|one) fortnight\b", re.IGNORECASE)
_AND_A_HALF = re.compile(r"\b(?:an?|one) (hour|day|week|month|year) and a half\b", re.IGNORECASE)
_MOST_OF = re.compile(r"\b(?:most|the best part|the better part|the bulk) of an? "
                      r"(hour|day|week|month|year)\b", re.IGNORECASE)
# "under one minute", "within one day": a level of one unit ("under a week" stays a phrase)
_ONE_UNIT = re.compile(r"\b(under|over|about|around|roughly|less than|more than|within|just|only|"
                       r"to|below|above) one (second|minute|hour|day|week|month)\b", re.IGNORECASE)
# a level of one unit said after "now", with "one" or "a", closing its clause: "formerly three
# days, now a day" is 1 day (QA113 F4); "now a day passes" is none
_NOW_ONE_UNIT = re.compile(r"\b(now(?:,? (?:just|only|about|around|under|less than))?) (?:one|a|an) "
                           r"(second|minute|hour|day|week|month)\b(?=\s*(?:[.,;!?]|$|and\b|or\b))",
                           re.IGNORECASE)
# a turnaround said as the same day, as a level reached: "before it was two days, now same-day"
# is under 1 day (QA77 F2); "we offer same-day delivery" names a service, "for some lines it is
# same day" a fact of the set-up, no level
_SAME_DAY = re.compile(r"\b((?:now|became|becomes|down to|came down to|within)\W+(?:(?:just|only|"
                       r"basically|like|about|around)\W+)?)(?:the )?same[- ]day\b(?![- ]\w)",
                       re.IGNORECASE)
# … and one span of time given back: "it saved the planners, like, a full day per week" is 1
# full day (QA71 F9), "saves us an hour a day"
_ONE_SAVED = re.compile(r"\b((?:sav(?:e|es|ed|ing)|fre(?:e|es|ed|eing) up|g(?:ive|ives|ave|iving) "
                        r"back)\b(?:,? (?!a\b|an\b|one\b|(?:a )?(?:few|couple|half|dozen)\b|"
                        rf"(?:{'|'.join((*ONES, *TEENS, *TENS, 'hundred', 'thousand'))})\b|"
                        r"(?:seconds?|minutes?|hours?)\b)[a-z]+){0,3},?) (?:a|an|one) "
                        r"((?:full |whole |entire )?(?:hour|day|week|month))\b", re.IGNORECASE)
# "one twenty ms", "three fifty milliseconds": hundreds said as two numbers before a unit
_HUNDREDS_SAID = re.compile(rf"\b({'|'.join(o for o in ONES if o != 'zero')}) "
                            rf"((?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(ONES)}))?|{'|'.join(TEENS)})"
                            r"(?= (?:ms|milliseconds?|millis|rupees|dollars|euros|pounds|bucks|k|"
                            r"requests|qps|rps)\b)", re.IGNORECASE)
# "five-fold", "ten-fold": a multiplier
_HYPHEN_FOLD = re.compile(rf"\b({'|'.join((*ONES, *TEENS, *TENS, 'hundred'))}|\d+)-fold\b",
                          re.IGNORECASE)


# a unit said the short way after its number: "180 millis", "two hundred msecs" (QA16 F04)
_UNIT_SYNONYMS = {"millis": "milliseconds", "milli": "milliseconds", "msec": "milliseconds",
                  "msecs": "milliseconds", "millisec": "milliseconds",
                  "millisecs": "milliseconds"}
_UNIT_SYNONYM = re.compile(rf"\b(\d+(?:\.\d+)?|{'|'.join((*ONES, *TEENS, *TENS, 'hundred', 'thousand'))})"
                           rf"( (?:{'|'.join(_UNIT_SYNONYMS)}))\b", re.IGNORECASE)


# Whisper's "to"/"too" for "two" before a plural time unit said as a saving: "closed the month
# to days faster", "shipped too weeks early" (QA16 F11)
_TWO_HEARD_AS_TO = re.compile(r"\b(?:to|too) (?=(?:seconds|minutes|hours|days|weeks|months) "
                              r"(?:faster|quicker|sooner|earlier|early|ahead|less|shorter)\b)",
                              re.IGNORECASE)


# "hundred fifty dollar", "around hundred twenty people": a hundred said without its "a" or
# "one" before the rest of the number, as a non-native speaker says it (spent round 63)
_BARE_HUNDRED = re.compile(r"(?:(?P<before>\S*)(?P<lead>\s+)|^)hundred(?= (?:and )?(?:ten|eleven|"
                           r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                           r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|"
                           r"four|five|six|seven|eight|nine)\b)", re.IGNORECASE)


def _one_hundred(m: re.Match[str]) -> str:
    """ "hundred" with its "one" said, unless a word of the number comes before it ("two
    hundred fifty", "a hundred fifty")."""
    before = (m.group("before") or "").lower().strip(",;:")
    if is_number_token(before) or before in ("a", "one", "and", "point"):
        return m.group(0)
    return f"{m.group('before') or ''}{m.group('lead') or ''}one hundred"


def _spoken_forms(text: str) -> str:
    """The ways a number is said around it, made plain before the number is read: asides and
    hedges ("was, I'd say, north of two million" → "was over two million"), how often ("once a
    quarter" → "1 time a quarter"), "a day and a half", "one twenty ms" (120 ms), "180 millis"
    (180 milliseconds), "five-fold"."""
    text = _CHANGE_ASIDE.sub(lambda m: f"{m.group('verb')} by {m.group('hedge') or ''}", text)
    text = _CHANGE_IN.sub(r"\1 by ", _CHANGE_UNTIL.sub(r"\1 to ", text))
    text = _FROM_TILL.sub(r"\1 to ", text)
    text = _EVERY_NTH.sub(lambda m: f"1 in {m.group('digits') or _ORDINAL_RATE[m.group(1).lower()]}",
                          text)
    text = _DIVIDED_BY.sub(lambda m: m.group("aux") + ("halved" if m.group("by").lower() in (
        "two", "2") else f"cut by {_DIVISORS.get(m.group('by').lower(), m.group('by'))}x"), text)
    text = _ASIDE.sub(" ", text)
    text = _ASIDE_HEDGE.sub(" about ", text)
    for rx, word in _HEDGE_WORDS:
        text = rx.sub(word, text)
    for rx, word in _FREQUENCY:
        text = rx.sub(word, text)
    text = _FORTNIGHT.sub("two weeks", text)
    text = _BARE_HUNDRED.sub(_one_hundred, text)
    text = _ONE_OF_EACH.sub(lambda m: (m.group(1) or m.group(2)) + " in ", text)
    text = _RATIO_NOUN_INSIDE.sub(_ratio_noun_after, text)
    text = _WRITTEN_FRACTION.sub(lambda m: _FRACTION_WORDS[(m.group(1), m.group(2).lower())],
                                 text)
    text = _AND_A_HALF.sub(lambda m: f"1.5 {m.group(1).lower()}s", text)
    text = _MOST_OF.sub(lambda m: f"nearly 1 {m.group(1).lower()}", text)
    text = _ONE_UNIT.sub(lambda m: f"{m.group(1)} 1 {m.group(2).lower()}", text)
    text = _NOW_ONE_UNIT.sub(lambda m: f"{m.group(1)} 1 {m.group(2).lower()}", text)
    text = _SAME_DAY.sub(lambda m: f"{m.group(1)}under 1 day", text)
    text = _ONE_SAVED.sub(lambda m: f"{m.group(1)} 1 {m.group(2).lower()}", text)
    text = _TWO_HEARD_AS_TO.sub("two ", text)
    text = _UNIT_SYNONYM.sub(lambda m: f"{m.group(1)} {_UNIT_SYNONYMS[m.group(2).strip().lower()]}",
                             text)
    text = _HUNDREDS_SAID.sub(lambda m: f"{m.group(1)} hundred {m.group(2)}", text)
    return _HYPHEN_FOLD.sub(r"\1 fold", text)


# a number corrected as it is said: "about ten thousand, no, sorry, nearer twelve thousand",
# "four hundred, no, sorry, three fifty ms", "by 3%, sorry, 3 percentage points" → the second;
# also across the sentence break Whisper writes there ("in 71. No, sorry, 74%": QA50 F3)
_CORRECTED = re.compile(r"(?<![\w.])(?:(?:about|around|roughly|over|under|nearly|like) )?[$€£]?\d+(?:\.\d+)?[%MBKTx]?(?: (?:ms|[a-z]+))?[,.]? "
                        r"(?:no,? )?(?:sorry|i mean|or rather|no|make that|wait)"
                        # "…, sorry, let me correct that, 11.9%" (QA39 F2)
                        r"(?:,? (?:let me correct (?:that|myself|this)|i should say|correction))?,? "
                        # "fell to 9%, sorry, to 8.5%": the word that placed it, said again (QA42)
                        r"(?:(?:to|at|it was|it's|it is|was) )?"
                        r"(?=(?:about |around |roughly |over |under |like |more like |nearly )?[$€£]?\d)",
                        re.IGNORECASE)


def _approximations(text: str) -> str:
    """Spoken approximations in one vague form, never an invented exact number: "sixty
    something" → "60-something", "eighty-ish" → "80-ish", "the low eighties" → "low-80s", "was
    in the seventies" → "was in the 70-something"."""
    text = _SOMETHING.sub(lambda m: f"{TENS.get(m.group(1).lower(), m.group(1))}-"
                          f"{'ish' if m.group(0).lower().endswith('ish') else 'something'}", text)
    text = _DECADE.sub(lambda m: f"{_DECADE_PART[m.group(1).lower()]}-"
                       f"{_DECADES.get(m.group(2).lower(), m.group(2)[:-1])}s", text)
    return _LEVEL_DECADE.sub(lambda m: f"{m.group(1)}the {_DECADES[m.group(2).lower()]}-something",
                             text)


# a sentence about money: its large bare amounts are money ("we saved 800000 a year" after
# "$400000", "losses dropped to 1.5M a year, from 2M")
_MONEY_CONTEXT = re.compile(
    r"\b(?:costs?|costing|costed|saved?|saves|saving|savings|spend|spent|spending|bill|budget|"
    r"revenue|loss|losses|lost|losing|profits?|paid|pay|worth|valued|price|pricing|dollars|"
    r"funding|sales|gmv|margin|refunds?|chargebacks|[$€£]\d)", re.IGNORECASE)
_BARE_AMOUNT = re.compile(r"(?<![\w.$€£])(\d+(?:\.\d+)?[MB]|\d{4,}(?:\.\d+)?)(?![\w%.]|\.\d)"
                          r"(?=(?:[,.;:!?]|\s+(?:a|an|per|each|every|in|of|to|from|and|or|"
                          r"that|which|so|on|for|annually|last|this|next)\b|\s*$))")


# the amount a count changed by: "calls fell by about 2100 a week" counts calls, however the
# sentence goes on about money ("…, which finance valued at 380K dollars a year", QA38 F10)
_COUNT_CHANGED_BY = re.compile(
    r"\b(?!(?:costs|losses|savings|sales|profits|revenues|dollars|euros|pounds|fees|bills|"
    r"refunds|chargebacks|payments|margins|earnings)\b)[a-z]{3,}s (?:\w+ )?(?:fell|dropped|"
    r"declined|decreased|went down|came down|rose|grew|increased|went up|shrank|jumped)"
    r"(?: \w+)? by (?:about |around |roughly |nearly |almost |over |some )?$", re.IGNORECASE)


def _money_in_context(text: str) -> str:
    """Large bare amounts in a sentence about money take its currency: "saved 800000 a year"
    → "saved $800000 a year" (a number that counts something, "8000 examples", stays); a
    sentence that says none takes the one the answer says (euros only: "€"), else "$" — which
    `mark_unsaid_currency` then shows as not said."""
    out = []
    default = "€" if "€" in text and "$" not in text else "$"
    for sentence in re.split(r"(?<=[.!?;])(\s+)", text):
        if _MONEY_CONTEXT.search(sentence):
            cur = "€" if "€" in sentence and "$" not in sentence else \
                "$" if "$" in sentence else default
            sentence = _BARE_AMOUNT.sub(
                lambda m: m.group(0) if re.fullmatch(r"(?:19|20)\d\d", m.group(1))
                or _COUNT_CHANGED_BY.search(m.string, 0, m.start()) else cur + m.group(1),
                sentence)
        out.append(sentence)
    return "".join(out)


_RANGE_JOIN = r"(\s+(?:to|down to|up to|and|or|-)\s+|\s*-\s*)"
_NUM = r"\d+(?:\.\d+)?"


def _share_units(text: str) -> str:
    """'12 to 3%' → '12% to 3%'; '2 to 3M' → '2M to 3M'; '$5 to 8' stays; 'between 5 and 10%'."""
    text = re.sub(rf"(?<![\w.$%])({_NUM}){_RANGE_JOIN}(\$?{_NUM})%", _range_pct, text)
    text = re.sub(rf"(?<![\w.$%])({_NUM}){_RANGE_JOIN}({_NUM})([MB])\b", _range_scale, text)
    # "from 3 to €3.6M": the currency and the scale said once for both
    text = re.sub(rf"(?<![\w.$%€])({_NUM})(\s+to\s+)([$€£])({_NUM})([MBK]?)(?![\w.])",
                  r"\3\1\5\2\3\4\5", text)
    # "from 60-something% to low-80s": the vague end shares the unit too
    return re.sub(rf"((?:{APPROX_CORE}|{_NUM})%\s+to\s+(?:about |around |roughly )?)({APPROX_CORE})"
                  r"(?![%\w-])", r"\1\2%", text)


def _range_pct(m: re.Match[str]) -> str:
    if m.group(2).strip() in ("and", "or") and not _between_before(m):
        return m.group(0)
    return f"{m.group(1)}%{m.group(2)}{m.group(3)}%"


def _range_scale(m: re.Match[str]) -> str:
    if m.group(2).strip() in ("and", "or") and not _between_before(m):
        return m.group(0)
    return f"{m.group(1)}{m.group(4)}{m.group(2)}{m.group(3)}{m.group(4)}"


def _between_before(m: re.Match[str]) -> bool:
    return m.string[:m.start()].rstrip().lower().endswith("between")


# --- spoken quantities and the before/after phrases around them (one set) -------------------
# Over normalised text. `analysis.structure` reads roles and the story bank (`stories`) reads the
# numbers of a story's baseline / after / change slots with these same patterns.

# one normalised quantity: "3 in 10", "$1.5M", "18.1%", "3x", "40"
QTY_CORE = (rf"(?:{APPROX_CORE}%?|{RATE}|[$€£]\d+(?:\.\d+)?[MBKT]?|"
            r"\d+(?:\.\d+)?(?:%|[MBKT]\b|x\b)?)")
QTY = rf"(?<![\w.]){QTY_CORE}"
# units of measure, each with the words said for it: a level of a distance, weight, volume,
# energy or data size, never a count of things ("from about 48,000 kilometers down to 37,000" is
# 48000 km → 37000 km, QA52 F5)
MEASURE_UNITS = {
    "km": ("kilometers", "kilometres", "kilometer", "kilometre", "km"),
    "miles": ("miles", "mile"), "meters": ("meters", "metres"),
    "kg": ("kilograms", "kilos", "kg"), "tonnes": ("tonnes", "tons"),
    "litres": ("liters", "litres"), "gallons": ("gallons",),
    "kWh": ("kilowatt hours", "kwh"), "MWh": ("megawatt hours", "mwh"),
    "GB": ("gigabytes", "gb"), "TB": ("terabytes", "tb"), "MB": ("megabytes", "mb"),
}
# currencies said as words and kept as words ("40M naira per annum"; dollars and euros are
# written "$"/"€" by `normalize_numbers`)
CURRENCY_NAMES = ("pounds", "pound", "quid", "sterling", "rupees", "naira", "nyra", "yen", "francs", "pesos", "reais",
                  "rand", "zloty", "złoty", "zlotys", "złotys", "shillings", "cedis", "dirhams", "riyals", "lira", "kroner",
                  "krona", "yuan", "renminbi", "ringgit", "baht", "nzd", "aud", "cad", "sgd", "hkd",
                  "gbp",
                  # more of the world's currencies, by name and by code (session 42: "900000
                  # soles", "2M AED", "900K shekels" were read as counts or as scale)
                  "soles", "shekels", "shekel", "dinars", "dinar", "dirham", "riyal", "rials",
                  "rubles", "roubles", "hryvnia", "koruna", "forint", "lei", "leva", "kwacha",
                  "birr", "rupiah", "colones", "bolivianos", "taka", "tenge", "lari",
                  "aed", "sar", "qar", "ils", "nis", "egp", "zar", "brl", "mxn", "clp", "ars",
                  "idr", "thb", "vnd", "krw", "twd", "jpy", "cny", "rmb", "chf", "sek", "nok",
                  "dkk", "pln", "czk", "huf", "ngn", "kes", "ghs", "inr", "pkr", "bdt", "myr",
                  # the Nordic crowns' plurals ("60 million krónur", "kronor": QA65 F8)
                  "krónur", "kronur", "kronor", "krone", "króna", "isk",
                  # Central Asia's ("4 billion sum per year", QA91 F4) and Zimbabwe's ("almost
                  # 3 million ZiG", QA94 F5)
                  "sum", "soum", "som", "uzs", "kzt", "kgs", "manat", "zig", "zwg", "zwl",
                  # the rest of the world's, by name and code ("80 million dram", "4 million
                  # crowns", "2 billion tögrög": QA106 F5)
                  "dram", "drams", "amd", "tögrög", "tugrik", "tugriks", "togrog", "mnt",
                  "crowns", "korun", "koruny", "kuna", "denars", "denar", "lek", "leke",
                  "kwanza", "cfa", "xof", "xaf", "dalasi", "leones", "pula", "nakfa", "kip",
                  "kyat", "kyats", "riel", "riels", "afghanis", "rufiyaa", "ngultrum",
                  "quetzales", "quetzals", "lempiras", "córdobas", "cordobas", "guaranies",
                  "uf", "npr", "lkr", "php", "jmd", "ttd", "uah", "rub", "bgn",
                  "rsd", "mkd", "azn", "byn", "mdl", "etb", "tzs", "ugx", "rwf",
                  "zmw", "mwk", "mzn", "aoa", "tnd", "dzd", "lyd", "jod", "kwd", "bhd",
                  "omr", "lbp", "iqd", "irr", "afn", "mmk", "khr", "lak", "bnd", "fjd", "pgk",
                  "uyu", "pyg", "gtq", "hnl", "nio", "crc", "dop",
                  # the Pacific's, the Caribbean's and Africa's smaller ones, and the singulars
                  # said after "a" or "one" ("200000 tala a year": QA117 F6)
                  "tala", "wst", "paanga", "pa'anga", "vatu", "vuv", "kina", "sbd", "xpf",
                  "gourde", "gourdes", "htg", "florin", "florins", "awg", "guilders", "ang",
                  "ariary", "mga", "ouguiya", "mru", "somoni", "tjs", "afghani", "escudos", "cve",
                  "dobras", "stn", "emalangeni", "lilangeni", "szl", "maloti", "loti", "lsl", "ern",
                  "rupee", "peso", "franc", "cedi", "shilling", "dinar", "rial",
                  # the remaining names and their native plurals ("19 million meticais a year":
                  # QA131 F1), and the codes that are no English word
                  "metical", "meticais", "meticals", "ruble", "rouble", "boliviano", "lev",
                  "leu", "lempira", "guarani", "guaranis", "guaraní", "guaraníes", "leone",
                  "dobra", "liras", "bolivar", "bolivars", "bolivares", "bolívares", "dong",
                  "kwanzas", "manats", "balboa", "balboas", "hryvnias", "pab", "pataca",
                  "patacas", "scr", "mur", "srd", "gyd", "bbd", "bzd", "bsd", "kyd", "xcd",
                  "bmd", "sll", "sle", "gmd", "gnf", "bif", "djf", "kmf", "cdf", "ssp", "sdg",
                  "nad", "bwp", "lrd", "fkp")
# (codes that are English words — TOP, MAD, MOP, SOS, BAM, VES — are left out: "the 200 top
# sellers" is no amount of pa'anga; all but BAM's convertible mark have a name above)
UNIT_WORDS = (
    "ms", "milliseconds", "millisecond", "seconds", "second", "secs", "minutes", "minute", "mins",
    "hours", "hour", "days", "day", "weeks", "week", "months", "month", "points",
    "percentage points", "basis points", "point", "percentage point", "users", "customers",
    "requests", "queries", "tickets", "contacts", "calls", "complaints", "orders", "sellers",
    "engineers", "people", "gpus",
    "dollars", "x", "times", "stars", "nps", "escalations", "incidents", "pages", "errors",
    # events counted as a metric ("2 rollbacks, versus 7 the half before")
    "rollbacks", "outages", "failures", "bugs", "defects", "crashes", "alerts", "breaches",
    "refunds", "chargebacks",
    # how many times a piece of work goes round ("5 rounds of review comments → 1 or 2", QA37 F2)
    "rounds", "iterations", "revisions", "retries", "handoffs",
    # a per-unit cost ("from 12 cents a prediction down to 3 cents")
    "cents", "cent",
    # units of measure (`MEASURE_UNITS`)
    *(w for words in MEASURE_UNITS.values() for w in words),
    # money in any currency said as a word: "8000 rupees a month" is a level as "$8000" is
    *CURRENCY_NAMES,
)
# a rate per a count, its unit ("12 per 10000 prescriptions", "14 per thousand loans": QA58 F4);
# the count said as a word is written in digits (`normalize_numbers`, `per_count_unit`)
PER_COUNT = r" per (?:\d+|hundred|thousand|million)\b(?![.,]\d)"
PER_COUNT_DIGITS = {"hundred": "100", "thousand": "1000", "million": "1000000"}
# a bound said before a level, and how near it is: "under 6%", "a bit under a million"
NEAR_BOUND = r"(?:just |well |a bit |a little |slightly )?"
BOUND_WORDS = r"(?:under|below|beneath|over|above|less than|more than|fewer than)"
# a word between a duration's number and its unit: "took 2 full days", "3 whole weeks"
UNIT_ADJ = r"(?:(?:full|whole|entire|straight|solid) )?"
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNIT_WORDS), key=len, reverse=True))
PER_TIME = r"(?:a|an|per|each|every) (?:second|minute|hour|day|night|shift|week|sprint|month|quarter|season|year)"
# words that may follow a number without being what it counts ("4 days late", "12% of", "3x faster")
_NOT_NOUN = (
    "a an the to from and or but nor in on at of by for with than then so per is was were are be "
    "been being it its that which who when while before after now today instead rather compared "
    "versus vs down up over under last next more less fewer lower higher faster slower better "
    "worse cheaper reduction improvement increase decrease drop lift gain savings ago later "
    "earlier we i they you he she this these those as if because until since into out off back "
    "through across all times time percent million billion thousand hundred relative absolute "
    "overall total each every plus minus or so i'd we'd it's that's there here year years "
    "annually monthly weekly daily quarterly respectively alone only just total net across "
    "once again within during among despite though although thanks due instead about around "
    "nearly almost roughly exactly even still already yet too either afterwards afterward "
    "beforehand previously originally initially lately recently tops max min maximum minimum "
    "average median mean peak".split())
_NOT_NOUN_RE = "|".join(sorted(set(_NOT_NOUN), key=len, reverse=True))
TIME_OF_DAY = (r"(?:\s?(?:a\.?m\b\.?|p\.?m\b\.?)|\s(?:o'clock|in the (?:morning|afternoon|evening)|"
               r"at night)\b)")
# after a number: not the rest of a longer number, not a compound said with a hyphen ("a 40 -page
# document", QA72 F2), not a time of day ("paged at 3 a.m."), not a
# count of things ("3 directors", "500 sampled failures") unless counted per time ("4 failures a
# month" is a rate)
LEVEL_GUARD = (rf"(?![\d%]|[.,]\d|[MBKT]\b|x\b|\s?-[a-z])(?!{TIME_OF_DAY})"
               # … nor the start of hours said as a range ("from 2 to 4 in the afternoon", QA138 F5)
               rf"(?! (?:to|till|until|and) \d{{1,2}}(?:[.:]\d\d)?{TIME_OF_DAY})"
               rf"(?! (?!(?:{_NOT_NOUN_RE}|{_UNIT_RE})\b)[a-z][a-z'-]*\b(?! (?:[a-z-]+ ){{0,2}}{PER_TIME}\b))")
# any number said, with its unit word ("2 data outages" is a number, "9000 fewer tickets" too)
QTY_SAID = rf"{QTY}(?:\s+{UNIT_ADJ}(?:{_UNIT_RE})\b)?"
# a number that can be a metric's level: said with a unit (%, $, M, x, "1 in 10", a unit word),
# or bare and followed by neither a noun it counts nor a time of day
QTY_WITH_UNIT = (rf"(?:(?<![\w.])(?:{APPROX_CORE}%?|{RATE}|[$€£]\d+(?:\.\d+)?[MBKT]?|"
                 rf"\d+(?:\.\d+)?(?:%|[MBKT]\b|x\b))(?:\s+{UNIT_ADJ}(?:{_UNIT_RE})\b)?"
                 rf"|(?<![\w.$€£])\d+(?:\.\d+)?(?:\s+{UNIT_ADJ}(?:{_UNIT_RE})\b|{PER_COUNT}|{LEVEL_GUARD})"
                 # a decimal is a score, whatever word follows it ("1.2 rmse")
                 rf"|(?<![\w.$€£])\d+\.\d+(?![\d%.,\w]))")

_SQ = QTY_WITH_UNIT
APPROX = (r"(?:(?:just |only |well |slightly |a bit |a little )?"
          r"(?:about |around |roughly |nearly |over |under |below |above |almost |just |only |a |"
          r"close to |like |maybe |approximately |something like |less than |more than ))?")
# verbs that say a number shrank or grew; with the neutral ones ("went", "got", "moved" …) they
# are the verbs of a change ("went from … to", "dropped by …")
# in the past and, for a story told in the historic present, the present ("it drops to 4%")
_DOWN_WORDS = ("fell", "dropped", "drop", "declined", "decreased", "reduced", "cut",
               "lowered", "shrank", "halved", "slowed", "falls", "drops", "declines", "decreases",
               "reduces", "lowers", "shrinks", "halves")
_UP_WORDS = ("grew", "rose", "climbed", "jumped", "increased", "doubled", "boosted",
             "raised", "improved", "lifted", "grows", "rises", "climbs", "jumps", "increases",
             "doubles", "improves")
GROWTH_VERB = re.compile(rf"\b(?:{'|'.join(_DOWN_WORDS + _UP_WORDS)})\b")
CHANGE_VERB = "(?:" + "|".join(("went", "go", "goes", "came", "comes", "brought", "got", "gets",
                                "moved", "moves", "sped", "passed", "passes",  # "it passed to 7%" (QA137 F2)
                                *_DOWN_WORDS, *_UP_WORDS)) + ")"
# a level said in words: "from 5 pages a week to none", "from an hour to 5 minutes"; the bare
# words have a value but no unit
WORD_VALUES = {"one": 1.0, "a single": 1.0, "zero": 0.0, "none": 0.0, "never": 0.0,
               "nothing": 0.0, "nil": 0.0}
# "not once": "from failing 2 or 3 nights a week to not failing once in 6 months" ends at 0
NOT_ONCE = r"(?:not|never) (?:[a-z]+ing )?(?:once|a single time)"
WORD_LEVEL = (rf"(?:{NOT_ONCE}|{'|'.join(WORD_VALUES)}|"
              r"an? (?:day|week|month|year|quarter|hour|minute))")
# "from 61% to 79%", "went from failing about 4 times a month to 0": the one reader of a change
# said from its start to its end (`change_pairs`, the triad's slots, the story bank's values)
FROM_TO = re.compile(rf"\bfrom (?:(?![$€£]?\d)[a-z'-]+ ){{0,2}}?{APPROX}"
                     rf"(?P<before>{_SQ}|{WORD_LEVEL})(?P<mid>(?: (?!from\b)[^\s.;]+){{0,6}}?) "
                     rf"(?:down |up )?to (?:between )?(?:the )?{APPROX}"
                     # a chain of levels ("from 4% to 4% to 0.8%", "from 9 hours to 5 hours to
                     # 2 hours"): the level it ended at is the after, never a step on the way
                     # (QA19 F01: Whisper's repeated "to 4%" made a no-change pair 4% → 4%)
                     rf"(?:(?:{_SQ}) (?:down |up )?to (?:the )?{APPROX})*"
                     rf"(?P<after>{_SQ}|{WORD_LEVEL})(?!\w)"
                     # a range inside the metric's name is no pair: "the roll rate from 30 to 60
                     # days went from 17% to 12%" moves the rate, not the days (QA21 F4)
                     rf"(?!(?: [a-z-]+){{0,2}} {CHANGE_VERB}(?: [a-z]+)? from\b)")
# a range said inside the metric's name, right before the metric's own change: "the roll rate
# from 30 to 60 days went from 17% to 12%" (QA21 F4) — no number of a slot
_NAME_RANGE = re.compile(rf"\bfrom {_SQ} to {_SQ}(?= (?:[a-z-]+ ){{0,2}}{CHANGE_VERB}"
                         rf"(?: [a-z]+)? from\b)")


# … or a range that says what the counted things do, in the metric's definition: "the roll rate,
# meaning the share of accounts that slip from 30 days past due to 60 days past due" (QA39 F1),
# said after "meaning", "i.e.", "defined as", "that is," — never a relative clause alone ("the
# chargeback rate, which went from 1.1% to 0.4%" is the metric's change)
_DEFINED_RANGE = re.compile(rf"\b(?:meaning|i\.?e\.?|defined as|that is)\b[^.;]{{0,60}}? "
                            rf"(?P<range>from {_SQ}(?: [a-z-]+){{0,2}} to {_SQ})")


# … or a range in a name whose level its sentence then states: "the roll rate from 30 to 60 days
# past due was 14.2%" (QA39 F6) — said with no change verb before it in its clause, a level of
# another unit after it ("we cut the error from 8% to 3%, which was …" is a change)
_RANGE_THEN_LEVEL = re.compile(
    rf"\bfrom (?P<a>{_SQ}) to (?P<b>{_SQ})(?: (?!which\b|that\b|and\b|so\b|but\b|it\b|this\b)"
    rf"[a-z-]+){{0,3}} (?:was|were|is|are|stood at|sat at)(?: at)? {APPROX}(?P<level>{_SQ})")


def _ranges_then_level(text: str) -> list[tuple[int, int]]:
    """Spans of the ranges `_RANGE_THEN_LEVEL` finds in a name: no change verb said between
    its clause's start and the range, and the level of another unit than the range's."""
    out = []
    for m in _RANGE_THEN_LEVEL.finditer(text):
        lead = re.split(r"[,;.]\s", text[:m.start()])[-1]
        if re.search(rf"\b{CHANGE_VERB}\b", lead) or _unit_word(m.group("b")) == \
                _unit_word(m.group("level")):
            continue
        out.append((m.start(), m.end("b")))
    return out


def _unit_word(q: str) -> str:
    """The unit a quantity is said in: "%", "$", or its first word after the number."""
    if "%" in q:
        return "%"
    if q[:1] in "$€£":
        return "$"
    rest = re.sub(r"^[\d.,]+\s*[MBKT]?\s*", "", q).split()
    return rest[0] if rest else ""


# … or a threshold in the name of a share or count: "the share of predictions off by more than
# 15 minutes fell to 8.5%" (QA42) — the 15 minutes says which predictions are counted, no level
# of the metric nor an outcome
_NAME_THRESHOLD = re.compile(
    rf"\b(?:share|percentage|percent|proportion|fraction|number|count|rate) of (?P<words>"
    rf"(?:[^\s.;,]+ ){{1,8}}?)(?P<range>(?:(?:more|less|fewer|longer|shorter) than|over|under|above|below|at "
    rf"least|at most) {_SQ})")


# … or a tolerance that says which cases are counted: "forecasts missed by more than 15
# minutes", "more than 30 minutes away from the radar time" (QA42 F10)
_TOLERANCE = re.compile(rf"\b(?:missed|off|late|delayed|early|wrong|out)(?: by)? "
                        rf"(?P<range>(?:more|less) than {_SQ})"
                        rf"|(?P<range2>(?:more|less) than {_SQ}) (?:away|late|early|off|out)\b")


# … or a span said as a compound before a noun, its unit singular after a number other than one:
# "loans rolling into 90 day arrears", "30-day retention", "the 12 month churn rate" (QA58 F9) —
# English says a length this way only to name a kind of thing, never a level
_NAME_SPAN = re.compile(r"(?<![\d.])(?P<range>(?!1\b)\d+(?:\.\d+)?[ -](?:second|minute|hour|day|"
                        r"week|month|quarter|year))(?= (?!(?:a|an|the|of|to|for|and|or|but|"
                        r"ago|later|earlier|before|after|old|long|late|early|in|on|at|by|with|"
                        r"from|than|we|i|it|they|he|she|you|that|this|which|so|is|was|were|"
                        r"are|be|been|more|less|per|each|every)\b)[a-z])")


def name_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of normalised `text` that give a range or threshold inside a metric's name
    (`_NAME_RANGE`, `_DEFINED_RANGE`, `_RANGE_THEN_LEVEL`, `_NAME_THRESHOLD`, `_NAME_SPAN`)."""
    return list(dict.fromkeys([m.span() for m in _NAME_RANGE.finditer(text)] \
        + [m.span("range") for m in _NAME_SPAN.finditer(text)] \
        + [m.span("range") for m in _DEFINED_RANGE.finditer(text)] + _ranges_then_level(text) \
        + [m.span("range") for m in _NAME_THRESHOLD.finditer(text)
           if not _SHARE_LEVEL_VERB.search(m.group("words")) or _RELATIVE.search(m.group("words"))] \
        + [m.span("range") if m.group("range") else m.span("range2")
           for m in _TOLERANCE.finditer(text)]
        + [m.span("range") for m in _GROUP_THRESHOLD.finditer(text)]
        + [m.span("range") for m in _SEGMENT.finditer(text)]
        + [m.span("range") for m in _SHARE_THRESHOLD.finditer(text)]))


# … or the bound a share's things are counted by, said after the share: "only 1 in 25 container
# waits more than 5 days", "12% of trucks arrive over 30 minutes late" (QA137 F1)
_SHARE_THRESHOLD = re.compile(
    rf"(?:\b\d+ (?:in|out of)(?: every| each)? \d+|\d%(?: of)?)(?: [a-z]+){{1,3}}? "
    rf"(?P<range>(?:(?:more|less|fewer|longer) than|over|under|above|below|at least) {_SQ})")


# a slice of a population named by its rank: "precision on the top 10% of clients went up from
# 31% to 58%" — part of the metric's name, never a level of it (QA138 F2)
_SEGMENT = re.compile(r"\b(?:top|bottom|highest|lowest|riskiest|largest|biggest|smallest|best|"
                      r"worst)(?: [a-z]+)? (?P<range>\d+(?:\.\d+)?%?)(?![\d.%])")


# a bound said of a group named with its article, then a comma, defines the group, no level: "the
# bigger loans, like above 200000 birr, default was going up" (round 47)
_GROUP_THRESHOLD = re.compile(r"\b(?:the|those|these|all) (?:[a-z]+ )?[a-z]{3,}s,? (?:(?:like|say|i mean),? )?"
                              r"(?P<range>(?:above|over|under|below|more than|less than|at least|"
                              r"bigger than|smaller than) [$€£]?\d+(?:\.\d+)?[MBKT]?(?: [a-z]+)?)(?=,)")


# a level's verb between a share's name and its number ("the share of mispriced tickets is under
# 0.2%" states the level), unless in a relative clause of the name ("… that were off by more than")
_SHARE_LEVEL_VERB = re.compile(r"\b(?:is|are|was|were|became|fell|rose|dropped|went|stood|sat|"
                               r"reached|hit|got|stayed|remained|felt)\b")
_RELATIVE = re.compile(r"\b(?:that|which|who)\b")


# the level a change reached ("went down to 6%"), or one the metric was brought back to ("in two
# months the default rate was back to 6%": after the problem's jump, QA131 F4)
SAID_TO_AFTER = re.compile(rf"(?:\b{CHANGE_VERB}\b(?: [^\s.;]+){{0,3}}?|\bback(?: down| up)?) to "
                           rf"{APPROX}(?P<after>{_SQ})")
# the after said first: "2 weeks late instead of 6", "2 rollbacks, versus 7 the half before"; a
# number said "versus" another may be a comparison of two things ("19% in Glasgow versus 9"),
# one said "instead of" another replaced it
REPLACED = ("instead of", "rather than")
# the counterfactual may say what used to happen and when: "finishes in 40 minutes instead of
# crashing at hour 3" (3 hours → 40 minutes), "instead of waiting 6 weeks"
INSTEAD = re.compile(rf"(?P<after>{_SQ})(?P<mid>(?: [^\s.;]+){{0,4}}?) "
                     rf"(?P<word>{'|'.join(REPLACED)}|versus|vs|compared to|compared with) "
                     rf"(?:(?:the |an? |our )?[a-z]+ing (?:(?:at|after|by|around|in|within|for) )?"
                     rf"(?:(?P<point>hour|minute|day|week|month) )?)?"
                     # "instead of the planned 4 months" (QA54 F2)
                     rf"(?:the |an? |our )?(?:(?:planned|original|usual|expected|estimated|"
                     rf"initial|old|previous|quoted|promised) )?{APPROX}(?P<before>{_SQ})")
# what a system (not the speaker: "we sent 3 mails instead of 10" is the work) gave out wrong:
# "the assistant gave the old policy, 30 days instead of 10", "it quoted 5 days instead of 2"
_WRONG_INSTEAD = re.compile(r"\b(?!i\b|we\b)[a-z]+ (?:gave|showed|told|answered|quoted|returned|"
                            r"displayed|promised|predicted|offered|said)\b(?: [^\s.;]+){0,10}? "
                            r"instead of\b")


def said_wrong_instead(clause: str) -> bool:
    """`clause` says what a system gave out wrong against the right value, with "instead of"
    ("the assistant gave the old return policy, with 30 days instead of 10"): no change."""
    return _WRONG_INSTEAD.search(clause) is not None
# … or the earlier level first, set against the level said with "now" after it: "11 minutes
# versus 6 minutes now" (the reply to "what was the number before?")
NOW_VERSUS = re.compile(rf"(?<![\w.])(?P<before>{QTY})(?P<mid>(?: (?![\d$€£]|in\b|at\b|for\b)"
                        rf"[^\s.;]+){{0,3}}?),? (?:compared (?:to|with)|versus|vs\.?|as against) "
                        rf"{APPROX}(?P<after>{_SQ})(?: [a-z]+){{0,3}}? (?:now|today|these days|"
                        rf"nowadays)\b")
# the after said first, then the level it is set against and when that was: "0 incidents this
# year, compared to 4 the year before", "churn is 3% now, versus 5% before" (QA16 F01)
_EARLIER_TIME = (r"(?:before|previously|earlier|prior|ago|last (?:year|quarter|month|week|time)|"
                 r"the (?:year|quarter|month|week|half|sprint|period) (?:before|prior))")
COMPARED_BEFORE = re.compile(rf"(?<![\w.])(?P<after>{QTY}|(?:one|zero|a single)\b(?! of\b))"
                             rf"(?P<mid>(?: (?![\d$€£])[^\s.;]+){{0,6}}?),? "
                             rf"(?:compared (?:to|with)|versus|vs\.?|as against|against) "
                             rf"{APPROX}(?P<before>{_SQ})(?: [^\s.;,]+){{0,4}}? {_EARLIER_TIME}\b")
# … or the after placed later by the words before it, the level it is set against then the
# earlier one: "on the next launch, the forecast error was under 6%, versus 31%" (QA41 F3);
# both in one unit, so "19% in Glasgow versus 9" (two things compared) is none
_LATER_MARK = (r"(?:\bnow\b|\btoday\b|\bthese days\b|\bafterwards?\b|\bthis (?:year|quarter|month|"
               r"week|time)\b|\b(?:on|in|at|for|by|from) the (?:next|following|second|new)\b)")
LATER_VERSUS = re.compile(rf"{_LATER_MARK}[^.;]{{0,80}}?(?<![\w.])(?P<after>{QTY})"
                          rf"(?P<mid>(?: (?![\d$€£]|in\b|at\b|for\b|among\b|with\b)[^\s.;]+)"
                          rf"{{0,3}}?),? (?:compared (?:to|with)|versus|vs\.?|as against) "
                          rf"{APPROX}(?P<before>{_SQ})")
_AGAINST_EARLIER = re.compile(rf"^(?:(?:and|but) )?(?:compared (?:to|with)|versus|vs\.?|as against|against) "
                              rf"{APPROX}(?P<before>{QTY})(?: [^\s.;,]+){{0,4}}? {_EARLIER_TIME}\b")
# the after said first: "dropped to $1.5M a year, from $2M"
TO_FROM = re.compile(rf"\b(?:to|at) {APPROX}(?P<after>{_SQ})"
                     rf"(?P<mid>(?: (?!and\b|or\b|but\b|while\b)[a-z\d][a-z\d'-]*){{0,10}}?),? "
                     rf"(?:down |up )?from {APPROX}(?P<before>{_SQ})")
# … or with the start after "down from" / "up from": "latency is now 120 ms, down from 450 ms"
DOWN_FROM = re.compile(rf"(?<![\w.])(?P<after>{_SQ})(?P<mid>(?: (?!and\b|or\b|but\b)[a-z][a-z'-]*){{0,3}}?),? "
                       rf"(?:down|up) from {APPROX}(?P<before>{_SQ})")
# … or with nothing but "from" between, both in one unit, the first no amount moved by: "the share that needed a correction
# filter 9% from 41%" (Whisper's "filter" for "fell to", QA76 F1), "now 2 days from 5 days"
LEVEL_FROM = re.compile(rf"(?<![\w.])(?<!\bby )(?P<after>{_SQ}) from {APPROX}(?P<before>{_SQ})")
# the words that place a level in time, written once for every reader below: the level before
# ("previously 12%", "Previously it was 12%") and the level reached ("we ended at 4%")
# … and "last time it was 25" (Singapore English: previously, QA86 F6)
EARLIER = r"(?:previously|originally|at first|last time(?= (?:it|this|that|they) (?:was|were)\b))"
ENDED = r"(?:landed|settled|ended|came out|comes out)(?: up)?"
SAID_REACHED = re.compile(rf"\b(?:reached|hit|{ENDED} at|is now|"
                          rf"are now|was now|now at|now sits at)\b {APPROX}(?P<after>{_SQ})")
# a level said in the present with "now" of its own clause, once the work is told: "now the
# weekly plan takes about 2 hours", "today it costs 40 cents a ticket" — the after (QA28 F1)
NOW_WORD = r"(?:now|today|nowadays|these days|currently)"  # the present said as such
NOW_LEVEL_VERB = r"(?:is|are|it's|they're|takes?|costs?|needs?|requires?|spends?)"  # … its verb
SAID_NOW_LEVEL = re.compile(rf"\b{NOW_WORD}\b,?(?: [\w']+){{0,4}}? "
                            rf"(?P<verb>{NOW_LEVEL_VERB}) {APPROX}(?P<after>{_SQ})")
# the words of a change downward ("fell", "cut", "went down")
_DOWN = "(?:" + "|".join((*_DOWN_WORDS, "down")) + ")"
# a change said by its amount: "fell by 15 points", "went up by about 2%", "dropped 6 points"
SAID_BY_CHANGE = re.compile(rf"\b(?P<verb>{CHANGE_VERB}|up|down)\b(?: (?!between\b)[^\s.;]+){{0,3}}? "
                            rf"(?:by |(?=\d+(?:\.\d+)? (?:percentage )?points?\b)){APPROX}"
                            rf"(?P<by>{_SQ})")
RANGE_MAX_RATIO = 2.0  # "between 5 and 10%", "5 or 10%": the larger end at most twice the other
RANGE_TO_MAX_RATIO = 1.5  # "by 8 to 10%" is a range; "by 10% to 20%" may be a change to a level


def said_as_range(first: float, second: float, same_unit: bool, *, joined_by_to: bool = True
                  ) -> bool:
    """Two numbers said as one range ("by 8 to 10%", "between 2 and 3 points"), not a change's
    amount and the level it reached: same unit, the second close above the first."""
    ratio = RANGE_TO_MAX_RATIO if joined_by_to else RANGE_MAX_RATIO
    return same_unit and 0 < first < second <= ratio * first


# … and its end: "dropped by 6 points to 2%", "came down by 240 ms, to 60"
BY_TO = re.compile(rf"{SAID_BY_CHANGE.pattern},? to {APPROX}(?P<to>{_SQ})")
# a relative change said as a noun: "it was about a 90% drop", "a 40% reduction in cost"
_DOWN_NOUNS = ("drop", "reduction", "decrease", "cut", "decline", "fall")
NOUN_CHANGE = re.compile(rf"\b(?P<by>\d+(?:\.\d+)?%) (?P<noun>{'|'.join(_DOWN_NOUNS)}|increase|"
                         r"improvement|lift|gain|rise|jump|uplift)\b")
# a level reached, then the points it moved: "reached 63%, up 22 points", "is now 4.2%, down 6.8
# points" (a change in percent beside a level is left alone: relative or absolute is not said)
# points", "came down to 8%, so minus 6 points", "is 8% now, a drop of 6 points", "was 8%, 6
# points lower": a level's own step is how far it moved to get there, whatever the verb before
_STEP_HEDGE = r"(?:about |around |roughly |nearly |almost |over |like )?"
_LEVEL_STEP = (rf"(?:(?:that is|which is|that's|so|i\.e\.),? )?"
               rf"(?:(?P<dir>up|down|plus|minus) (?:by )?{_STEP_HEDGE}"
               rf"(?P<step>\d+(?:\.\d+)?) (?:percentage )?points?\b"
               rf"|an? (?P<noun>{'|'.join(_DOWN_NOUNS)}|increase|improvement|lift|gain|rise|jump) "
               rf"of {_STEP_HEDGE}(?P<nstep>\d+(?:\.\d+)?) (?:percentage )?points?\b"
               rf"|{_STEP_HEDGE}(?P<astep>\d+(?:\.\d+)?) (?:percentage )?points? "
               rf"(?P<adj>lower|higher|less|more|down|up)\b)")
LEVEL_THEN_STEP = re.compile(rf"\b(?:{CHANGE_VERB}(?: down| up)?|reached|hit|landed at|ended at|"
                             rf"(?:is|was|are|were)(?: now)?|now (?:is|was|at)|stood at|sat at)"
                             rf"(?: at| to)? {APPROX}(?P<level>\d+(?:\.\d+)?%)(?: now)?,? "
                             + _LEVEL_STEP)
# the points a level moved, then the level it reached: "we gained 4 points, it is now at 71%",
# "lost 3 points to 58%" (QA84 F10: the level said after its own step was paired with another
# metric's level)
STEP_THEN_LEVEL = re.compile(
    rf"\b(?P<verb>gained|gains|lost|loses|{CHANGE_VERB}(?: up| down)?|up|down)(?: by)? {_STEP_HEDGE}"
    rf"(?P<step>\d+(?:\.\d+)?) (?:percentage )?points?"
    rf"(?:,? to|,? (?:and )?(?:it|that|which|we|they)(?: is|'s| was| are| were)(?: now)?(?: at)?"
    rf"|,? (?:now|reaching|landing) at)? {APPROX}(?P<level>\d+(?:\.\d+)?%)")
# a past "was"/"were" with no "now" between a step and its level: the level it started from
_WAS_NOT_NOW = re.compile(r"\b(?:was|were)\b(?! now\b)")
# … the step said on its own right after the level's clause: "the error was 8%. So, minus 6
# points." (QA85 F11)
_STEP_ALONE = re.compile(rf"^(?:and,? )?{_LEVEL_STEP}(?: than (?:before|it was|earlier))?[.!,]?$")


def _at(said: Sequence[Quantity], start: int) -> Quantity | None:
    """The quantity of `said` that starts at offset `start`, if any."""
    return next((q for q in said if q.start == start), None)


def _level_step(m: re.Match[str]) -> tuple[int, bool]:
    """The start of the points a level moved and whether it moved down (`_LEVEL_STEP`)."""
    for g in ("step", "nstep", "astep"):
        if m.group(g) is not None:
            down = (m.group("dir") in ("down", "minus") or m.group("noun") in _DOWN_NOUNS
                    or m.group("adj") in ("lower", "less", "down"))
            return m.start(g), down
    raise ValueError("no step")
# a date moved is a constraint of the story, not a metric's change: "the regulator moved the
# submission deadline up by 4 hours", "the launch was pulled in by 2 weeks"
_DATE_MOVED = re.compile(
    r"\b(?:deadlines?|due dates?|dates?|cut-?offs?|go-live|launch(?: date)?|release(?: date)?|"
    r"timelines?|schedules?|kick-?off|meetings?)\b"
    r"(?: (?:was|were|got|had|been|moved|pulled|pushed|brought|up|forward|back|out|in|ahead|"
    r"earlier|later))* (?:by )?(?:about |around |roughly |nearly |almost )?$")


# people's time given back is what a change meant for them: "the analysts got back about 200
# hours a month", "freed up 2 days a week", "the on-call team got their weekends back"
TIME_BACK = re.compile(r"\b(?:got|get|gets|getting|gave|give|gives|giving|given|won|bought|"
                       r"handed)\b(?: [^\s.;,]+){0,7}? back\b|\bfree(?:s|d|ing)? up\b|"
                       # people's time freed, said without "up": "that freed 15 hours a week"
                       r"\bfree(?:s|d|ing)\b(?= (?:about |around |roughly |nearly |almost |over )?"
                       # … or of whom: "that frees around 3000 banker hours a year" (QA86 F5)
                       r"\d+(?:\.\d+)?[KM]? (?:[a-z-]+ ){0,2}(?:hours|days|weeks|minutes)\b)")


MONEY_AMOUNT = r"[$€£]\d+(?:\.\d+)?[MBKT]?"
# an amount said with its currency word after it ("90M shillings", "40M naira")
MONEY_WORD_AMOUNT = rf"\d+(?:\.\d+)?[MBKT]? (?:{'|'.join(CURRENCY_NAMES)})"
# the period an amount is per: "a year", "per month", "per annum"
PER_PERIOD = r"(?:a|an|per|each|every|in) (?:year|month|quarter|week|day|annum|season)|annually"
# an amount with its period, then the same money restated: "3.4M drums per year, that is €310000"
# the words that restate an amount in other terms, for every gloss of money ("…, that is like
# $85000", "…, so roughly €400000", "1.2M, which was about $900000"): the lead-in …
GLOSS_LEAD = r"(?:that is|that's|which is|which was|i\.e\.|so|or)"
# … and the hedges that may follow it
GLOSS_HEDGE = r"(?:like|about|roughly|around|approximately|almost|nearly|maybe|something like)"
# an amount restated in another currency, the words right before it: "…, that is like $85000",
# "…, so roughly €400000", or a hedge alone after a comma: ", like half a million dollars" (QA77
# F6) — a restatement of the amount said before, never money of its own
GLOSS_BEFORE = re.compile(rf"(?:\b{GLOSS_LEAD}(?: {GLOSS_HEDGE})?|, {GLOSS_HEDGE}) [$€£]?$")
# the period an amount was said with, then a gloss of it, maybe a few words on ("3.4M drums per
# year, that is ", "200000 leva per year less in penalties to business clients, so about ":
# QA88 F13)
_PERIOD_THEN_GLOSS = re.compile(rf"\b(?P<per>{PER_PERIOD})(?: [^\s\d.;,$€£]+){{0,6}},? {GLOSS_LEAD}"
                                rf"(?: (?:{GLOSS_HEDGE}|some))? $")


def glossed_period(amount: str, said_before: str) -> str:
    """" per year" when `amount` (money said without a period) restates an amount said with that
    period right before it: `said_before` (normalised) ends on the period and a gloss ("… per
    year, that is "; QA64 F6: "€310K" of "3.4M dirhams per year, that is €310000"); else ""."""
    if re.search(rf"(?:{PER_PERIOD})$", amount):
        return ""
    g = _PERIOD_THEN_GLOSS.search(said_before, max(0, len(said_before) - 60))
    return f" {g.group('per')}" if g else ""


# the span of time an amount was made in, said after it: "in one year", "over 6 months",
# "within the first year" — the amount's period, kept with it wherever it is quoted (QA21 F1)
SPAN_PERIOD = (r"(?:in|over|within|during|across) (?:(?:just |only |about |around )?"
               r"(?:the (?:first |last |past |next |following )?)?(?:a|an|one|two|three|four|five|"
               r"six|seven|eight|nine|ten|eleven|twelve|eighteen|\d+(?:\.\d+)?) "
               r"|(?:the|its|our|their) (?:first|last|past|next) )"
               r"(?:year|month|quarter|week|day|season)s?\b")
# the period that ends an amount's own noun phrase: "€900000 more gross merchandise value per
# quarter", "3M card transactions daily" — said a few words after the number, with no clause
# break, subject or verb between ("we shipped 3 models, and retrained weekly" keeps none)
_PHRASE_PERIOD = re.compile(r"(?:a|an|per|each|every) (?:second|minute|hour|day|night|week|sprint|"
                            r"month|quarter|year|annum)\b|(?:hourly|nightly|daily|weekly|monthly|"
                            r"quarterly|yearly|annually)\b"
                            # … or the span it was made in: "1.2M pesos in the first year", "$300K
                            # in one season" (QA60 F10)
                            rf"|{SPAN_PERIOD}", re.IGNORECASE)
_PHRASE_WORD = re.compile(r"[a-z][a-z'-]*", re.IGNORECASE)
# words that end a noun phrase: a clause's link, a subject, a verb's helper, an infinitive
_PHRASE_BREAK = frozenset((
    "and", "but", "or", "so", "then", "which", "that", "who", "whom", "whose", "when", "while",
    "where", "because", "since", "after", "before", "until", "if", "though", "although", "as",
    "i", "we", "they", "he", "she", "it", "you", "us", "them", "there", "this", "these", "those",
    "is", "was", "were", "are", "am", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "will", "would", "can", "could", "should", "may", "might", "must", "to", "not",
    "now", "still", "also", "already"))
PHRASE_PERIOD_WORDS = 5  # words between an amount and the period that ends its noun phrase


def phrase_period(text: str, end: int) -> tuple[int, int] | None:
    """The span of the period said at the end of the noun phrase an amount heads, the amount
    ending at offset `end` of `text`: "per quarter" after "€900000" in "€900000 more gross
    merchandise value per quarter", "daily" in "3M card transactions daily"; None when a clause
    break, a subject or a verb comes first ("3 models, and retrained weekly", "3 models we
    retrained weekly", "3 models retrained weekly") or it is more than a few words on."""
    at = end
    words: list[str] = []
    while len(words) <= PHRASE_PERIOD_WORDS:
        gap = re.match(r"[ \t]+", text[at:])
        if gap is None:
            return None
        at += gap.end()
        if (per := _PHRASE_PERIOD.match(text, at)) is not None:
            if words and re.fullmatch(r"[a-z]+ed", words[-1], re.IGNORECASE):
                return None  # "3 models retrained weekly": the period is the verb's
            return per.span()
        word = _PHRASE_WORD.match(text, at)
        if word is None or word.group(0).lower() in _PHRASE_BREAK:
            return None
        words.append(word.group(0))
        at = word.end()
    return None


# an amount with the period or unit it is per: "$1.2M a year", "$40 per ticket"
MONEY_RATE = rf"{MONEY_AMOUNT}(?: (?:a|an|per) \w+)?"
# money spent or lost on the work is its cost, not what it brought: "it cost around $80000",
# "total compute cost was under $2000", "we spent $40K on labelling" — unless a change of that
# cost is said ("cut costs by $200K", "costs went down to $400K")
_SPEND = re.compile(rf"\b(?P<verb>cost|costs|costing|spent|spend|spending|paid|pay|paying|"
                    rf"priced|billed|invested|burned|wasted|lost|losing)\b"
                    rf"(?P<mid>(?: (?!by\b|to\b|from\b|down\b|up\b)[^\s.;,]+){{0,4}}?) "
                    rf"(?P<amount>{MONEY_AMOUNT}|{MONEY_WORD_AMOUNT}"
                    # … and the same money restated: "cost us 9000 krónur, about $65" (QA65 F4)
                    rf"(?:,? (?:about|around|roughly|so|that is|that's|or|i\.e\.) {MONEY_AMOUNT})?)"
                    rf"(?: (?:a|an|per|each|every) \w+)?")
# a cost said against another is a saving: "under $2000, versus a vendor quote of $150K a year"
MONEY_VERSUS = re.compile(rf"(?:(?:about|around|roughly|under|over|nearly|almost|less than|"
                          rf"more than) )?{MONEY_RATE},? "
                          rf"(?:versus|vs|instead of|compared to|compared with|rather than|against)"
                          rf"(?: [^\s.;$€£]+){{0,5}}? {MONEY_RATE}")
_COST_CHANGE = re.compile(rf"\b(?:{CHANGE_VERB}|saved?|saving|savings|cheaper|less|lower|"
                          r"reduc\w+|cut)\b")

# a currency said as a word right after an amount ("1.3B yen", "40M naira")
_CURRENCY_WORD_AFTER = re.compile(rf"\s+({'|'.join(CURRENCY_NAMES)})\b", re.IGNORECASE)


# a word that names nothing where the currency is said, between a scaled amount and its period:
# Whisper's "a million with a year" for "a million quid a year" (QA13 F10)
_MISHEARD_CURRENCY = re.compile(rf"(?:(?<=\d[MBK]) (?:with|which|that|the|and|this"
                                # … or a few such words: "1.3M of your own per year" for
                                # "1.3 million of euros per year" (QA15 F06)
                                rf"|(?:of|with|your|you|own|the|a|yo|you're)(?: (?:of|your|you|own|"
                                rf"the|yo|you're)){{1,2}}"
                                # … or a dollar or pound code heard as letters no word is made
                                # of: Whisper's "900K SDD a year" for "900K SGD" (QA49 F3); a
                                # unit's letters ("hrs", "kms", "qps") end otherwise
                                rf")|(?:(?<=\d)|(?<=\d[MBK])) (?!{'|'.join(CURRENCY_NAMES)}\b)"
                                rf"[b-df-hj-np-tv-xz]{{2}}[dp])"
                                rf"(?= (?:{PER_PERIOD})\b)", re.IGNORECASE)


# money a loss, a saving, a cost or an earning is said with, per a period ("we stopped losing
# about 2.4M grand per year", Whisper's "grand" for "rand"; "saved roughly 3M run that year"):
# the one word where its currency is said names none — money whose currency was not heard,
# shown with the amount as heard (QA22 F1). Only a scaled amount, said after such a verb and
# before its period: "2M user a month" with no money verb stays a volume, "lost 2M users a
# month" counts things (a plural noun)
_MONEY_VERB = (r"(?:los(?:e|es|ing|t)|sav(?:e|es|ed|ing)|cost(?:s|ing)?|spen(?:d|ds|t|ding)|"
               r"pa(?:y|ys|id|ying)|earn(?:s|ed|ing)?|worth|revenue|profits?|leak(?:s|ed|ing|age)?)")
_MONEY_VERB_BEFORE = re.compile(rf"\b{_MONEY_VERB}\b(?: (?!and\b|but\b)[^\s.;,]+){{0,3}} "
                                r"[$€£]?\d+(?:\.\d+)?[MBK]$")
# … or a change by the amount of a money metric named further back: "the cost of moving empty
# containers went down by about 3.8M loaded per year" (QA36 F2)
_MONEY_CHANGED_BY = re.compile(rf"\b{_MONEY_VERB}\b(?: (?!and\b|but\b)[^\s.;,]+){{0,8}} by"
                               r"(?: (?:about|around|roughly|nearly|almost|over|some|close to|"
                               r"more than|just over|just under))? [$€£]?\d+(?:\.\d+)?[MBK]$")
# … or before the period heard as a bare plural ("losing 3.5M karat years", Whisper's "kroner
# a year" with its "a" lost: QA28 F4)
_ONE_WORD_CURRENCY = re.compile(rf" (?!(?:{'|'.join(CURRENCY_NAMES)})\b)(?![a-z]{{3,}}s\b)[a-z]+"
                                rf"(?= (?:{PER_PERIOD}|that year|this year|a year|"
                                rf"(?:year|month|quarter)s(?! of| in| ago| later| before| after)"
                                rf")\b)")


# … or its one word heard as two ("losing close to 2M send in every quarter" for "cedis",
# QA25 F3): a short run of words, none of them a plural noun (things counted: "2M users"), a
# currency name, a clause's link, a subject, a verb's helper (`_PHRASE_BREAK`) or a determiner
# ("2M of them every quarter", "2M and then every quarter" name no currency)
_RUN_NOT_CURRENCY = ("of", "the", "a", "an", "our", "their", "my", "your", "his", "her", "its",
                     "more", "less", "extra", "additional")
_CURRENCY_RUN_WORDS = 2


def _currency_run(text: str, end: int) -> re.Match[str] | None:
    """A run of up to `_CURRENCY_RUN_WORDS` unknown words right after the amount ending at
    `end` and before its period, after a money verb (`_misheard_currency`)."""
    skip = sorted({*CURRENCY_NAMES, *_PHRASE_BREAK, *_RUN_NOT_CURRENCY}, key=len, reverse=True)
    word = rf"(?!(?:{'|'.join(skip)})\b)(?![a-z]{{3,}}s\b)[a-z]+"
    return re.compile(rf"(?: {word}){{2,{_CURRENCY_RUN_WORDS}}}(?= (?:{PER_PERIOD})\b)",
                      re.IGNORECASE).match(text, end)


# … and with no period heard after it (QA23 R1-F3: "we stopped losing about 2.4M loaded here in
# chargebacks", "stopped losing roughly 2.1M low to year"): after a loss, saving or cost verb a
# scaled amount whose next word is a content word naming nothing — not a currency, a unit, a
# number, a function word or a plural noun, nor a plural noun right after it ("lost 2M user
# sessions" counts things) — is money whose currency was not heard, the amount as heard
_FUNCTION_WORDS = ("a", "an", "the", "per", "each", "every", "in", "on", "of", "to", "for", "from",
                   "and", "but", "or", "so", "over", "at", "by", "with", "that", "which", "this",
                   "these", "those", "more", "less", "fewer", "extra", "worth", "than", "as", "is",
                   "was", "were", "are", "it", "we", "they", "i", "our", "their", "its", "after",
                   "before", "since", "until", "into", "across", "within", "during", "annually",
                   "yearly", "monthly", "weekly", "daily", "quarterly", "nightly")
_PLURAL_WORD = r"[a-z]{2,}[^s\W]s"
_UNHEARD_NO_PERIOD = re.compile(
    rf" (?!(?:{'|'.join(CURRENCY_NAMES)}|{_UNIT_RE}|{'|'.join(_FUNCTION_WORDS)})\b)"
    rf"(?!{_PLURAL_WORD}\b)(?!(?:{'|'.join((*ONES, *TEENS, *TENS))})\b)[a-z]+(?![\w'-])"
    rf"(?! {_PLURAL_WORD}\b)", re.IGNORECASE)


# … or, after a money verb, any amount of a thousand or more whose own words then say it is money
# ("we saved 40000 sediments in the delivery costs", Whisper's "sediments" for "cedis": QA25
# F2): one or two words that are no currency, unit, number or function word, then what it was
# saved or lost in — costs, spend, a bill, fees, a budget, sales. Without those words a plural
# noun still counts things ("saved 40000 clicks", "saved 40000 clicks in the checkout")
_MONEY_VERB_BEFORE_ANY = re.compile(rf"\b{_MONEY_VERB}\b(?: (?!and\b|but\b)[^\s.;,]+){{0,3}} "
                                    r"[$€£]?(?:\d{4,}|\d+(?:\.\d+)?[MBK])$")
_NOT_CURRENCY_WORD = rf"(?!(?:{'|'.join((*CURRENCY_NAMES, *_FUNCTION_WORDS, *ONES, *TEENS, *TENS))}" \
    rf"|{_UNIT_RE})\b)[a-z]+"
_SAID_IN_COSTS = re.compile(rf"(?: {_NOT_CURRENCY_WORD}){{1,2}}(?= (?:in|on|off|from) (?:the |our |"
                            rf"their |its |my |your )?(?:[a-z-]+ ){{0,2}}?(?:costs?|spend|spending|"
                            rf"bills?|expenses?|fees?|budgets?|sales|revenue|turnover)\b)",
                            re.IGNORECASE)

# … or one or two words that name nothing, then the amount restated in a currency ("600M
# crooner, so maybe million euros", Whisper's "crooner" for "kroner": QA68 F2; its period between:
# "40M leering a year, that is something like $1.2M", QA76 F4): the speaker
# glossed money, so the words before the gloss stood where its currency was said
_GLOSSED_IN_CURRENCY = re.compile(
    rf"(?: {_NOT_CURRENCY_WORD}){{1,2}}(?=(?: (?:a|an|per|each|every) (?:year|month|quarter|week|day))?"
    rf",? {GLOSS_LEAD}(?: {GLOSS_HEDGE})*"
    rf" (?:[$€£]\d|(?:\d+(?:[.,]\d+)*[MBK]? )?(?:(?:million|billion|thousand|k) )?"
    rf"(?:{'|'.join((*CURRENCY_NAMES, *CURRENCY_WORDS))})\b))", re.IGNORECASE)


def _misheard_currency(text: str, end: int) -> re.Match[str] | None:
    """The words standing where an amount's currency is said that name none (`end`: the
    amount's end): a function word before its period ("1M with a year"), or one word after a
    money verb ("losing 2.4M grand per year"), or that word heard as two ("losing 2M send in
    every quarter"), or one such word with no period heard ("losing 2.4M loaded here in
    chargebacks"), or a word the amount is then said to be saved or lost in costs with ("saved
    40000 sediments in the delivery costs", `_SAID_IN_COSTS`)."""
    m = _MISHEARD_CURRENCY.match(text, end)
    if m is None and (_MONEY_VERB_BEFORE.search(text, 0, end)
                      or _MONEY_CHANGED_BY.search(text, 0, end)):
        m = (_ONE_WORD_CURRENCY.match(text, end) or _currency_run(text, end)
             or _UNHEARD_NO_PERIOD.match(text, end))
    if m is None and _MONEY_VERB_BEFORE_ANY.search(text, 0, end):
        m = _SAID_IN_COSTS.match(text, end)
    return m or _GLOSSED_IN_CURRENCY.match(text, end) or _NUMBER_FOR_CURRENCY.match(text, end)


# a number said right after a scaled amount, with a period's word: the currency and its period
# heard as a number ("30M 10 years" for "30 million tenge a year", QA147 F3) — no amount is
# followed by another number
_NUMBER_FOR_CURRENCY = re.compile(r"(?<=\d[MB]) \d+(?:\.\d+)? (?:years?|months?|weeks?|days?)\b")


def currency_word_after(text: str, end: int) -> str:
    """" yen" when `text` says a currency as a word right at offset `end` (after an amount),
    `UNSAID_CURRENCY` when a word that names nothing stands there before the amount's period
    ("1M with a year": the currency misheard), else "": a number keeps the currency it was said
    with wherever it is quoted."""
    if _misheard_currency(text, end):
        return UNSAID_CURRENCY
    m = _CURRENCY_WORD_AFTER.match(text, end)
    return f" {m.group(1).lower()}" if m else ""


def named_currency_after(text: str, *ends: int) -> str:
    """The currency's name said right after the amount ending at one of `ends` (" francs"),
    "" when none is (a misheard one is none): a pair said in one currency keeps it on both ends
    ("from 2M francs a year to 800000")."""
    return next((w for end in ends if (w := currency_word_after(text, end))
                 and w != UNSAID_CURRENCY), "")


def currency_word_end(text: str, end: int) -> int:
    """Where the currency word `currency_word_after` reads at `end` ends (`end` when none)."""
    m = _misheard_currency(text, end) or _CURRENCY_WORD_AFTER.match(text, end)
    return m.end() if m else end


def money_saving(text: str) -> re.Match[str] | None:
    """A cost said against a LARGER one in normalised `text` ("under $2000, versus a vendor
    quote of $150000 a year"): a saving, whatever the verbs say. A cost above the one it is
    set against ("$1000000 versus a quote of $100000") saves nothing and is not one."""
    m = MONEY_VERSUS.search(text)
    if m is None:
        return None
    amounts = [q.value for q in quantities(m.group(0)) if q.unit in ("$", "€")]
    return m if len(amounts) >= 2 and amounts[0] < amounts[-1] else None


def spend_spans(text: str) -> list[tuple[int, int]]:
    """Where normalised `text` says money spent or lost as a level ("it cost around $80000"):
    the cost of the work, never its business outcome. Empty when the clause sets that cost
    against a larger one (`money_saving`) or says it changed ("cut the cost by $2K")."""
    if money_saving(text):
        return []
    return [m.span() for m in _SPEND.finditer(text) if not _COST_CHANGE.search(m.group("mid"))
            and not _SPEND_ENDED.search(text, 0, m.start())
            and not MONEY_MOVED.match(text, m.end())]


# said right after an amount of money, "less" or "more" makes it a change of that money, not a
# level: "we paid about €210000 less per year" saved it (QA42) — a cost neither spent nor a level
MONEY_MOVED = re.compile(r"(?:\s+(?:a|an|per|each|every)\s+\w+)?\s+(?:less|more)\b")


# a loss or a spend the work ended is what it saved, never its cost: "we stopped losing about
# €2M a month", "we no longer pay $30K a year"
_SPEND_ENDED = re.compile(r"\b(?:stop(?:ped|s)?|no longer|quit|ceased?|avoid(?:ed|s)?|"
                          r"prevent(?:ed|s)?)(?: \w+ly)? $")


# a margin on a deadline is a fact of the schedule, not an outcome for customers or the business:
# "we hit the deadline with 2 days to spare", "shipped 3 days early", "a week ahead of schedule"
_MARGIN = re.compile(rf"(?P<q>{QTY_SAID}|an? (?:day|week|month))"
                     r" (?:to spare|early|earlier than (?:planned|promised|scheduled)|"
                     r"ahead of (?:schedule|time|the deadline|plan)|before the deadline)\b")


def deadline_margins(text: str) -> list[tuple[int, int]]:
    """Spans of normalised `text` that say how far ahead of a deadline the work landed."""
    return [m.span("q") for m in _MARGIN.finditer(text)]


# a quality gate or a service level a shipped system is held to is how it ships, not what the
# work brought customers or the business: "the regression rate on releases is under 1%", "a
# latency sla of 5 minutes", "a 99.9% uptime slo" (QA22 F2) — unless the clause says it moved
# ("the regression rate went from 8% to 1%": a metric the work changed)
_GATE_NAME = r"(?:regressions?(?: rate)?|sla|slo|uptime|availability)"
_GATE = re.compile(rf"\b{_GATE_NAME}\b(?P<mid>[^.;,]{{0,40}}?)(?P<q>{QTY_SAID})"
                   rf"|(?P<q2>{QTY_SAID})(?P<mid2>[^.;,\d]{{0,20}}?)\b{_GATE_NAME}\b")
_GATE_MOVED = re.compile(r"\b(?:from|went|dropped|fell|rose|grew|came down|went down|went up|"
                         r"increased|decreased|reduced|improved|cut|by)\b")


def quality_gate_spans(text: str) -> list[tuple[int, int]]:
    """Spans of normalised `text` that give a quality gate's or a service level's figure, held
    at a level: scale and ship, never a business outcome (QA22 F2)."""
    out = []
    for m in _GATE.finditer(text):
        q, mid = ("q", "mid") if m.group("q") else ("q2", "mid2")
        if not _GATE_MOVED.search(m.group(mid)):
            out.append(m.span(q))
    return out


# a share of a whole is how big a part is, not the level of a rate: "Spanish now makes up about 6%
# of our volume", "mobile accounts for 40% of traffic"
_SHARE_ONLY = (r"(?:(?:make|makes|made|making) up|account(?:s|ed)? for|represent(?:s|ed)?|"
               r"comprise(?:s|d)?)")
_SHARE_HEDGES = r"(?:(?:about|around|roughly|nearly|almost|over|under|just|only|maybe|like) )*$"
_SHARE_VERB = re.compile(rf"\b(?:{_SHARE_ONLY}|is|are|was|were) {_SHARE_HEDGES}")
_SHARE_VERB_ONLY = re.compile(rf"\b{_SHARE_ONLY} {_SHARE_HEDGES}")
_OF_WHOLE = re.compile(r" of (?:(?:our|the|all|total|their|its) )?(?:total )?(?:volume|traffic|revenue|"
                       r"sales|business|usage|market|workload|spend|budget)\b")


# a level named as a goal a few words before it: "our goal was to be back under 3%", "the
# target was 5%", "we aimed for about 2%" — what the work was to reach, no level the metric stood
# at (QA44: "our goal was under 3%, and we landed at 2.6%" is no 3% → 2.6%)
_TARGET_BEFORE = re.compile(r"\b(?:goals?|targets?|aim|aimed|aiming|objectives?|ambition|bar|"
                            r"requirement|ceiling)\b"
                            r"(?: (?!which\b|that\b|it\b|and\b|but\b)[^\s.;,]+){0,6} $")


# … or the limit of a condition the work set: "an automatic stop if conversion drops more than
# 5%", "alert whenever the error rate goes above 2%" (QA50 F1)
_THRESHOLD_BEFORE = re.compile(r"\b(?:if|whenever|unless)\b(?: (?!which\b|that\b|and\b|but\b)"
                               r"[^\s.;,]+){0,5} (?:by )?(?:more than|less than|over|above|below|"
                               r"under|beyond|exceeds?|past) $"
                               # … or "when" with a verb in the present, a rule's condition in a
                               # story told in the past: "an alarm to the shift leader when a
                               # truck is above 14% moisture" (QA144 F2); "when I joined it was
                               # over 12%" is a level
                               r"|\bwhen\b(?: (?!which\b|that\b|and\b|but\b)[^\s.;,]+){0,5} "
                               r"(?:is|are|goes|go|gets|get|rises|drops|falls|climbs|reaches) "
                               r"(?:more than|less than|over|above|below|under|beyond|past) $")


# … or a rule said as what must hold: "(our bar) was that no more than 2% of drafts could have a
# mistake", "the rule is that at most 1 in 100 …" (QA58 F1: Whisper heard "bar" as "mar")
_RULE_BEFORE = re.compile(r"\b(?:was|is|were|are) that (?:no more than|not more than|at most|"
                          r"at least|no less than|not less than|no fewer than|no higher than|"
                          r"no lower than|fewer than|less than|under|below) (?:about |around )?$"
                          # … or a condition the launch waited for: "no launch until the wrong
                          # language replies were at 0" (QA83 F4)
                          r"|\b(?:until|unless|as long as)(?: (?!(?:and|then|but|so|after)\b)"
                          r"[^\s.;,\d]+){1,8} (?:was|were|is|are|"
                          r"got|get|gets|reached|reach|reaches|hit|hits|dropped|dropping|fell)"
                          r"(?: (?:at|to|under|below|above|over))? $"
                          # … or a requirement the work had to meet: "the assistant had to deliver
                          # results in under 2 seconds" (QA86: no level to pair with)
                          r"|\b(?:had to|has to|have to|needed to|need to|needs to|must|was supposed "
                          r"to|were supposed to)(?: (?!(?:and|then|but|so|after|now)\b)[^\s.;,\d]+){1,6}"
                          r" (?:in |within )?(?:under|below|less than|at most|no more than|"
                          r"at least|over|more than) $")


# a cap said with "up to" set off after a thing or after a preposition, never after a verb
# ("went up to 19%", "got recall up to 75%"): "online microloans, up to 10M sum", "loans of up
# to 10M" (QA91 F1)
_UP_TO = re.compile(r"(?:,|\b(?:of|for|with|by|at)) up to (?:about |around |roughly |nearly )?$")


def _said_as_cap(text: str, start: int) -> bool:
    return _UP_TO.search(text, max(0, start - 60), start) is not None


# … or the condition of a rule, said of any one thing it applies to: "any sim card that calls
# premium destinations abroad more than 15 times in 1 hour is suspended" (QA126 F1)
_CONDITION_BEFORE = re.compile(r"\b(?:any|every|each)(?: (?!and\b|but\b)[^\s.;,]+){1,4} (?:that|which|"
                               r"who|whose|with)\b(?: [^\s.;,]+){0,8} (?:more than|less than|over|"
                               r"above|below|under|at least|fewer than|exceeds?|exceeding) $")


def said_as_target(text: str, start: int) -> bool:
    """The number at `start` of normalised `text` is a goal set for the metric, the limit of a
    condition ("stop if conversion drops more than 5%", "any card that calls more than 15
    times …"), a rule that must hold ("the bar was that no more than 2% …") or a cap ("loans,
    up to 10M"), not a level."""
    return (_TARGET_BEFORE.search(text, max(0, start - 60), start) is not None
            or _THRESHOLD_BEFORE.search(text, max(0, start - 60), start) is not None
            or _CONDITION_BEFORE.search(text, max(0, start - 120), start) is not None
            or _RULE_BEFORE.search(text, max(0, start - 60), start) is not None
            or _said_as_cap(text, start))


# a level said of a group set beside the one the story is about: "the yield on one tool was
# 91.5, while the other tools were at 94", "… when the competitors were at 300" — a comparison,
# never the story's baseline (QA59 F12, QA62 F8)
_OTHERS_BEFORE = re.compile(r"\b(?:the other|all (?:the )?other|every other|the rest of (?:the|our)|"
                            r"everyone else|everybody else|other (?:teams|tools|sites|models|"
                            r"stores|markets|regions|lines|plants|banks|companies)|"
                            r"(?:the |our |its |their )?(?:competitors|competition|rivals))\b"
                            r"(?: (?!(?:but|and|so|then|after|now|until)\b)[^\s.;,]+){0,5} $")


def said_of_others(text: str, start: int) -> bool:
    """The number at `start` of normalised `text` is a level of the others the story's own
    thing is set against ("while the other tools were at 94"), no level of its own metric."""
    return _OTHERS_BEFORE.search(text, max(0, start - 60), start) is not None


def said_as_share(text: str, start: int, end: int) -> bool:
    """The number at `start:end` of normalised `text` is a share of a whole ("makes up about
    6% of our volume"), not a metric's level."""
    before = text[:start]
    return _SHARE_VERB_ONLY.search(before) is not None or (
        _OF_WHOLE.match(text, end) is not None and _SHARE_VERB.search(before) is not None)


# a thing moved in time by a span is a shift of when, not a metric's change: "a timezone change
# shifted the time-of-day feature by 9 hours", "the batch was pushed back by 2 days", "the
# event times were moved by 30 minutes" (QA17 F10); the span is the number's own unit, so
# "shifted conversion by 1%" or "moved latency by 40 ms" stay a change; "we delayed by 3
# weeks" is left as read (a tuning answer's outcome rests on it)
_MOVED_IN_TIME = re.compile(
    r"\b(?:shifted|shifting|moved|moving|offsetting|pushed|pushing|pulled|pulling|"
    r"skewed|skewing)\b(?: (?!by\b|down\b|up\b|lower\b|higher\b)[^\s.;,]+){0,5}? "
    r"by (?:about |around |roughly |nearly |almost |exactly |over |under |more than |less than )?$")
_CLOCK_SPAN = re.compile(r"(?:a|an|\d+(?:\.\d+)?) (?:minutes?|hours?|days?|weeks?|months?|years?)\b")


def moves_a_date(text: str, start: int) -> bool:
    """The number at `start` of normalised `text` is how far a date moved ("moved the deadline
    up by 4 hours") or how far something was moved in time ("shifted the feature by 9 hours"),
    not a metric's level or change."""
    before = text[:start]
    return _DATE_MOVED.search(before) is not None or (
        _MOVED_IN_TIME.search(before) is not None and _CLOCK_SPAN.match(text, start) is not None)
SAID_BEFORE = re.compile(rf"\b(?:before|{EARLIER}|used to)\b"
                         rf"(?: [^\s.;]+){{0,6}}? {APPROX}(?P<before>{_SQ})")


def _qty_then(role: str, marks: str, words: int = 3) -> str:
    """A number (group `role`) and, within `words` words, one of `marks`: "12% before"."""
    return rf"(?P<{role}>{_SQ}),?(?: [^\s.;]+){{0,{words}}}? (?:{marks})\b"


# "2 weeks before the launch", "1.5 page documents before projects" date an event
_NOT_AN_EVENT = r"(?! (?:that|the|we|i|it|(?!was\b|this\b|its\b)[a-z]{2,}s)\b)"
SAID_QTY_BEFORE = re.compile(_qty_then("before", "before") + _NOT_AN_EVENT)
SAID_QTY_AFTER = re.compile(_qty_then("after", "after|afterwards") + _NOT_AN_EVENT)
# a level, then where it was before, said after it: "9000 fee calls per month, it was almost 20000
# before" (QA84 F10: the baseline said after the after, the speaker's way)
AFTER_THEN_BEFORE = re.compile(
    rf"(?P<after>{_SQ})(?: [^\s.;,]+){{0,4}}?,? (?:and |but |while |whereas )?"
    rf"(?:it|that|this|they|which) (?:was|were|had been|used to be) {APPROX}(?P<before>{_SQ})"
    rf"(?: (?:a|per|each|every) [a-z]+)? before\b")
# … or with its marker first: "came down to about 9%, last time it was 25", "now 15 minutes,
# before it was 40"
AFTER_THEN_EARLIER = re.compile(
    rf"(?P<after>{_SQ})(?: [^\s.;,]+){{0,4}}?,? (?:and |but |while |whereas )?"
    rf"(?:before|{EARLIER}),? (?:it|that|this|they) (?:was|were|had been|used to be) {APPROX}"
    rf"(?P<before>{_SQ})")
# "97% before the fix and 99.5% after"
BEFORE_AFTER = re.compile(_qty_then("before", "before") + r",?(?: [^\s.;]+){0,4}? "
                          + _qty_then("after", "after|afterwards|now|today", 2))


def kept_level_spans(text: str) -> list[tuple[int, int]]:
    """Spans of normalised `text` that say one level held before and after ("the Gini was about
    62 before and 62 after"): a level kept, no baseline, after nor outcome (QA134 F10)."""
    out = []
    for m in BEFORE_AFTER.finditer(text):
        before, after = quantities(m.group("before")), quantities(m.group("after"))
        if before and after and before[0].value == after[0].value \
                and before[0].unit == after[0].unit:
            out.append((m.start("before"), m.end("after")))
    return out


# … or the level after said in the present, of "it", with no marker of its own: "the conversion
# was 61% before, and it is 68%", "61% before; it's 68% today" (#13/#17)
_BEFORE_THEN_IS = re.compile(_qty_then("before", "before") + _NOT_AN_EVENT
                             + r"[,;]?(?: (?![$€£]?\d)[^\s.;]+){0,3}? (?:it|that|this|they)"
                             r"(?:'s| is| are|'re)(?: now| today)? "
                             + APPROX + rf"(?P<after>{_SQ})")
# … or each marker said first: "before 8 were out of stock, and after, only 3", "before it's
# around 400, after is 530" (QA15 F02)
_STATE = r"(?:(?:it|that|this|they|we|there) (?:was|were|is|are|had|have|has|get|see|took|takes?) |it's |there's |is |was |were )?"
MARKED_BEFORE_AFTER = re.compile(
    rf"\b(?:before|{EARLIER}),? {_STATE}{APPROX}(?P<before>{_SQ})(?P<mid>(?: [^\s.;]+){{0,6}}?),? "
    rf"(?:and |but |while |whereas )?(?:then )?(?:after(?:wards)?|now|today)(?: that| the fix| the change)?,? "
    rf"{_STATE}{APPROX}(?P<after>{_SQ})")


# --- numbers with roles --------------------------------------------------------------------

DURATION_UNITS = frozenset(("ms", "seconds", "minutes", "hours", "days", "weeks", "months",
                            "years"))
_UNIT_WORDS = {"milliseconds": "ms", "millisecond": "ms", "ms": "ms", "secs": "seconds",
               "second": "seconds", "seconds": "seconds", "mins": "minutes", "minute": "minutes",
               "minutes": "minutes", "hour": "hours", "hours": "hours", "day": "days",
               "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
               "months": "months", "year": "years", "years": "years", "cents": "cents",
               "cent": "cents",
               **{w: unit for unit, words in MEASURE_UNITS.items() for w in words}}
_QTY = re.compile(r"(?<![\w.$€£-])(?:(?P<part>low|mid|high)-)?(?P<cur>[$€£])?"
                  r"(?P<num>\d+(?:\.\d+)?)"
                  r"(?: (?:in|out of|of(?= every| each))(?: every| each)? (?P<den>\d+)\b)?"
                  r"(?:(?P<decade>s)|-(?P<vague>something|ish))?(?P<suf>[%xMBKTmbkt])?(?![\w%-])"
                  r"(?:\s+(?P<pts>percentage points?|points?|pp)\b)?"
                  r"(?:\s+" + UNIT_ADJ + r"(?P<unit>"
                  + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)) + r")\b)?")
_SCALE_VALUE = {"M": 10**6, "B": 10**9, "T": 10**12, "K": 10**3}
# what follows a number: "4 failures a month" (a rate), "3 directors" (a count of things)
_PER = re.compile(rf"(?: (?!(?:and|or|to|from|in|on|at|of|by|was|is)\b)[a-z][a-z'-]*){{0,3}}? "
                  rf"(?P<per>{PER_TIME})\b")
_NOUN = re.compile(r" (?P<noun>[a-z][a-z'-]*)")
# a rate per a count of things: "4.2 per thousand translated reviews", "12 per 10000" (QA50 F5)
_PER_COUNT = re.compile(PER_COUNT.replace("(?:", "(?P<den>", 1))


def per_count_unit(tail: str) -> str | None:
    """The rate's unit said right at the start of `tail` (the words after a number): " per
    thousand loans" → "per 1000", " per 10000" → "per 10000"; None when none is said."""
    m = _PER_COUNT.match(tail)
    return _per_unit(m.group("den")) if m else None


def _per_unit(den: str) -> str:
    """A rate's unit from its count as said or written: "thousand" or "1000" → "per 1000",
    "1000000" → "per 1M"."""
    digits = PER_COUNT_DIGITS.get(den.lower(), den)
    return f"per {'1M' if digits == '1000000' else digits}"
_NOT_NOUN_SET = frozenset(_NOT_NOUN) | frozenset(UNIT_WORDS)
# nouns that count people or units of work: "5 engineers" is a head count, never a level
_PEOPLE = frozenset(("users", "customers", "engineers", "people", "sellers", "gpus"))


class Quantity(NamedTuple):
    """One number of normalised text, with its unit, and how exactly it was said."""

    text: str  # as it reads in the normalised text: "18.1%", "$1.5M", "9 hours", "low-80s%"
    value: float  # in the unit (percent for "%", dollars for "$"); a vague number's middle
    unit: str  # "%", "$", "x", "points", a duration unit ("hours", "ms"), "a month" for a count
    # per time unit, or "" for a bare number
    start: int  # character offsets in the text
    end: int
    hedge: str = ""  # the word that made it approximate: "about", "roughly" ("" when exact)
    vague: bool = False  # said as a range of values: "60-something%", "low-80s"
    noun: str = ""  # what a bare number counts ("3 directors" → "directors")

    @property
    def said(self) -> str:
        """As the candidate said it: "about 40%", "60-something%", "low-80s%"."""
        return f"{self.hedge} {self.text}" if self.hedge else self.text

    @property
    def shown(self) -> str:
        """As said, with a count's time unit: "about 40%", "9 a day"."""
        per = self.unit if self.unit.startswith("a ") and not self.said.endswith(self.unit) else ""
        return f"{self.said} {per}" if per else self.said

    @property
    def approximate(self) -> bool:
        return self.vague or bool(self.hedge)

    @property
    def is_metric(self) -> bool:
        """A number that can be a metric's level: it has a unit (a rate, a %, a latency, money,
        a count per time unit), a decimal point (a score), is large or vague; a count of things
        or people ("the 3 categories", "500 sampled failures", "3 directors") is not."""
        if self.noun:
            return False
        return bool(self.unit) or "." in self.text or self.value >= 100 or self.vague

    @property
    def is_duration(self) -> bool:
        return self.unit in DURATION_UNITS

    @property
    def is_per_period(self) -> bool:
        """A count per time unit: "4 failures a month" (unit "a month")."""
        return self.unit.startswith("a ")


WORKED_OUT = " (worked out)"  # marks a number computed from a change, never said


class ChangePair(NamedTuple):
    """A metric before and after a change, both as they read ("9 hours" → "4.5 hours")."""

    before: Quantity
    after: Quantity
    derived: bool  # the before (or after) was computed ("by 6 points to 2%", "cut in half")
    computed: str = ""  # which end was computed, "before" or "after" ("" when both were said)

    @property
    def text(self) -> str:
        """Both numbers as said ("about 40% to 18%", "60-something% to low-80s%"), a count per
        time unit with its unit ("15-20 a month to 1-2 a month"); an end that was never said but
        worked out from a change is marked so ("9% (worked out) to 3%" for "dropped by 6 points
        to 3%")."""
        before = self.before.shown + (WORKED_OUT if self.computed == "before" else "")
        after = self.after.shown + (WORKED_OUT if self.computed == "after" else "")
        return f"{before} to {after}"


# the longest span of time a piece of work can save, take or give back, in years: "1.5M years"
# is no duration — it is Whisper's "1.5 million years" for "1.5 mil a year", an amount whose
# currency word was lost and whose period was heard as the unit (QA14 F03)
MAX_DURATION_YEARS = 1000
_YEARS_PER_UNIT = {"ms": 1 / 3.156e10, "seconds": 1 / 3.156e7, "minutes": 1 / 525_960,
                   "hours": 1 / 8766, "days": 1 / 365.25, "weeks": 1 / 52.18,
                   "months": 1 / 12, "years": 1.0}


def implausible_duration(text: str) -> Quantity | None:
    """The duration `text` (normalised) starts with ("1.5M years …") when it is longer than any
    work could save or take (`MAX_DURATION_YEARS`): a misheard amount, never a span of time."""
    qs = quantities(text)
    if not qs or qs[0].start > 1 or not qs[0].is_duration:
        return None
    return qs[0] if qs[0].value * _YEARS_PER_UNIT[qs[0].unit] > MAX_DURATION_YEARS else None


def quantities(text: str) -> list[Quantity]:
    """Every number of `text` (already `normalize_numbers`-ed) with its unit; years and times of
    day ("paged at 3 a.m.") are skipped. "1 in 10" is 10%; "4 failures a month" has the unit
    "a month"; a bare number followed by a noun ("3 directors") carries it as `noun`."""
    out = []
    denominators: set[int] = set()  # where "per 10000" of a rate said before starts
    for m in _QTY.finditer(text):
        if m.start() in denominators:
            continue
        if bool(m.group("part")) != bool(m.group("decade")):
            continue  # "low-80" or "80s" alone is no vague form
        vague_word = m.group("part") or m.group("vague") or ""
        value = float(m.group("num")) + _APPROX_VALUE.get(vague_word, 0)
        vague = bool(vague_word)
        suf, cur = m.group("suf") or "", m.group("cur") or ""
        suf = suf if suf in ("%", "x") else suf.upper()
        if suf in _SCALE_VALUE:
            value *= _SCALE_VALUE[suf]
        unit = ("$" if cur else "%" if suf == "%" else "x" if suf == "x"
                else "points" if m.group("pts") else _UNIT_WORDS.get(m.group("unit") or "", ""))
        rest = text[m.end():]
        nm = _NOUN.match(rest)
        counts = nm is not None and nm.group("noun") not in _NOT_NOUN_SET
        if not unit and not suf and re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and not counts \
                and not (nm is not None and nm.group("noun") in UNIT_WORDS):
            continue  # a year ("in 2019"), not "2000 questions", "2000 tickets per month"
        if re.match(TIME_OF_DAY, rest):
            continue
        noun = ""
        per_count = _PER_COUNT.match(rest) if not unit and not suf else None
        if per_count:  # "12 per 10000 prescriptions": a rate, its unit "per 10000"
            den = per_count.group("den")
            unit = _per_unit(den)
            if den[0].isdigit():
                denominators.add(m.end() + per_count.start("den"))
        elif m.group("den") and "." not in m.group("num"):  # "4.2 out of 5" is a score
            value, unit = 100 * value / max(float(m.group("den")), 1e-9), "%"
        elif unit in ("", "$") and (per := _PER.match(rest)):
            unit = unit or "a " + per.group("per").split()[-1]
        elif not unit and not suf and nm is not None and "." not in m.group("num"):
            word = nm.group("noun")  # a count is whole: "1.2 rmse" is a score
            if word not in _NOT_NOUN_SET and not word.endswith("ly") or word in _PEOPLE:
                noun = word
        elif m.group("unit") in _PEOPLE:
            noun = m.group("unit")
        hedge = _HEDGE_BEFORE.search(text, 0, m.start())
        said, end = m.group(0), m.end()
        if per_count:  # the rate's text and span hold its unit, as "48000 km" does
            end += per_count.end("den")
            said = f"{said} {unit}"
        out.append(Quantity(said, value, unit, m.start(), end,
                            hedge.group(1) if hedge else "", vague, noun))
    return _ranges(text, out)


# a range said as one level: "between 8% and 10%", "came down to 2% to 3%", "it was 5-7 hours";
# "from 2% to 3%" is a change, not a range
_RANGE_LEAD = re.compile(r"\b(?:between|to|at|was|were|is|are|of|about|around|roughly|"
                         r"somewhere|maybe|like)\s+$")
_RANGE_MID = re.compile(r"^(?:\s*-\s*|\s+(?:to|and|or)\s+)$")


def _ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """`qs` with each range of two numbers in one unit, the lower first, joined into one vague
    quantity ("8-10%", value its middle) so it is shown as said, never as one invented point.
    The unit may be said once, after the second end ("between 15 and 20 times a month"); two
    close whole numbers joined by "or" are a range whatever leads them ("failed 1 or 2 times a
    month")."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        mid = text[prev.end:q.start] if prev else ""
        said_or = mid.strip() == "or" and prev is not None and _close_whole(prev, q)
        if (prev is not None and not prev.vague and not q.vague and _RANGE_MID.match(mid)
                and (prev.unit == q.unit or not prev.unit and q.unit != "$")
                and prev.noun in (q.noun, "") and prev.value < q.value
                and (_RANGE_LEAD.search(text, 0, prev.start) or prev.hedge or said_or)
                and (mid.strip() not in ("and", "or") or said_or
                     or text[:prev.start].rstrip().endswith("between"))):
            low = re.sub(r"[%x]$|\s.*$", "", prev.text)
            out[-1] = Quantity(f"{low}-{q.text}", (prev.value + q.value) / 2, q.unit, prev.start,
                               q.end, prev.hedge, True, q.noun)
            continue
        out.append(q)
    return out


def _close_whole(a: Quantity, b: Quantity) -> bool:
    """Two whole numbers close enough to be one spoken range ("1 or 2", "15 or 20")."""
    return a.value.is_integer() and b.value.is_integer() and a.value < b.value <= 2 * a.value + 1


# a word that makes the number after it approximate: "about 40%", "roughly 2 hours"
_HEDGE_BEFORE = re.compile(r"\b((?:just |only |well |slightly )?(?:about|around|roughly|"
                           r"approximately|nearly|almost|something like|under|below|over|"
                           r"more than|less than|fewer than))\s+$")


# a hedge that bounds the number after it, not only blurs it: "just under", "well over", "nearly"
_BOUND_BEFORE = re.compile(r"\b((?:just |well |slightly )?(?:under|below|over|above|less than|"
                           r"more than|fewer than)|nearly|almost) $")


def bound_hedge(text: str, start: int) -> str:
    """"just under " when the number at `start` of normalised `text` is said just under (over,
    nearly …) its value, so an amount quoted alone keeps it ("saved just under £1M a year":
    QA13 F10); "" otherwise ("about" only blurs the number and is not returned)."""
    m = _BOUND_BEFORE.search(text, max(0, start - 20), start)
    return m.group(1) + " " if m else ""


def _with_unit(q: Quantity, unit: str, value: float | None = None, sign: str = "$") -> Quantity:
    """`q` read in `unit` ("instead of 6" after "2 weeks" is 6 weeks); a value derived from it
    ("cut in half") is approximate when `q` was. A vague number keeps its words. Money said
    without a currency takes `sign`."""
    v = q.value if value is None else value
    if q.vague and value is None:
        core = re.sub(r"[%x]$|\s.*$", "", q.text)
        own = q.text[0] if q.text[:1] in ("$", "€") else sign
        text = {"%": f"{core}%", "$": f"{own}{core.lstrip('$€£')}", "x": f"{core}x",
                "": core}.get(unit, f"{core} {unit}")
        return Quantity(text, v, unit, q.start, q.end, q.hedge, True, q.noun)
    sign = q.text[0] if q.text[:1] in ("$", "€") else sign  # money keeps the currency it was said in
    if unit == "$" and (v >= 10**6 or q.text[-1:].upper() in ("M", "B")):
        text = sign + _fmt(Decimal(str(round(v, 2))), True)
    else:
        num = _fmt_plain(Decimal(str(round(v, 2))))
        if unit == "$" and not float(v).is_integer() and v < 1000:
            num = f"{v:.2f}"  # "$2.10", as the canonical form writes money with cents
        one = unit[:-1] if v == 1 and (unit in DURATION_UNITS or unit == "cents") else unit  # "1 week"
        text = {"%": f"{num}%", "$": f"{sign}{num}", "x": f"{num}x", "": num}.get(
            unit, f"{num} {one}")
    hedge = q.hedge or ("about" if q.vague else "")
    return Quantity(text, v, unit, q.start, q.end, hedge, False, q.noun)


# `change_pairs`' own phrases besides the readers above
# a relative change with no end said (`SAID_BY_CHANGE` by a %, not followed by "to N"): "brought
# the cost down by 33%" (its level said before), "dropped by 50%, from 8%" (its level after "from")
# the other plan a piece of work is set against: "… instead of a 3 month (model) project"
_PLANS = r"(?:project|effort|rewrite|migration|initiative|programme|program|engagement|study|roadmap)s?"
OTHER_WORK = re.compile(rf"(?: [a-z-]+){{0,2}}? {_PLANS}\b")
# how long the work itself took, set against another plan's time: "it took 3 weeks instead of
# 6 months", "took us about 2 days rather than a quarter" — the work's effort, never a metric's
# before → after (QA25 F2); "the audit took 2 weeks instead of 2 months" (a process named
# as the subject) stays a metric
_WORK_TOOK = re.compile(r"\b(?:(?:it|this|that|we|i|they|the whole thing)(?: (?:only|just|"
                        r"actually|then|eventually|finally|all))? took(?: (?:us|me|them))?|"
                        r"took (?:us|me))(?: longer| less)?,?(?: (?:about|around|roughly|only|"
                        r"just|maybe|like|under|less than|nearly|almost|over|a bit over))*,? $")


def took_instead(text: str, start: int) -> bool:
    """The quantity at `start` of normalised `text` is one end of "it took X instead of Y":
    how long the work took against another plan's time (`_WORK_TOOK`), not a metric's level."""
    for m in INSTEAD.finditer(text):
        if m.group("word") in REPLACED and (m.start("after") <= start < m.end("after")
                                            or m.start("before") <= start < m.end("before")):
            return _WORK_TOOK.search(text, 0, m.start("after")) is not None
    return False


# … and the whole comparison: "instead of a 3 month model project"
OTHER_PLAN = re.compile(rf"\b(?:instead of|rather than) (?:a |an |the |our )?[^.;,]{{0,30}}?\b{_PLANS}\b")
# (after a fraction said as "by 50% relative": "dropped by half, from eight percent")
_REL_FROM = re.compile(rf"(?: {RELATIVE})?,? from (?:about |around |roughly )?(?=[$€£]?\d)")
# a level named as the baseline: "against a baseline of 5%", "on a baseline of about 20%"
_BASELINE_OF = re.compile(r"\bbaseline (?:of|was|at|sat at) (?:about |around |roughly )?"
                          r"(?P<base>\d)")
_STEP_WORDS_CHARS = 40  # the words before a points change that say its direction
_HALVED = re.compile(r"\b(?:cut|cuts|got cut|was cut|were cut) in half\b|\bhalved\b")
# a change said as a multiple of the level before: "halved", "doubled", "reduced 5x", "4x
# cheaper", "3 times faster", "twice as fast", "a third fewer", "about twice what it had been"
_FACTOR_WORDS = {"halved": 0.5, "halves": 0.5, "doubled": 2.0, "doubles": 2.0, "tripled": 3.0,
                 "triples": 3.0, "quadrupled": 4.0}
_SHRINK = (r"cheaper|faster|quicker|fewer|less|smaller|lower|shorter|down|reduced|reduces|"
           r"reducing|cut|cuts|dropped|drops|dropping|decreased|fell|falls|lighter")
_GROW = r"more|higher|larger|bigger|up|increased|increases|grew|grows|rose|jumped|longer|heavier"
_MULTIPLE = re.compile(
    rf"\b(?P<word>{'|'.join(_FACTOR_WORDS)})\b"
    rf"|\b(?P<verb>{_SHRINK}|{_GROW})(?: by)?(?: about| around| roughly| nearly| almost| over)? "
    r"(?P<n>\d+(?:\.\d+)?)(?:x| times)(?![\w%])"
    rf"|(?<![\w.])(?P<m>\d+(?:\.\d+)?)(?:x| times) (?P<adj>{_SHRINK}|{_GROW})\b"
    rf"|\b(?P<twice>twice|(?<![\w.])2x) (?:as (?P<as>fast|quick|cheap|big|many|much|long|high|large)"
    r"|what\b)"
    rf"|\b(?P<frac>a third|a quarter|half|two thirds) (?P<fadj>fewer|less|lower|smaller|cheaper|"
    r"shorter|more|higher)\b")
_FRACTION_OF = {"a third": 1 / 3, "a quarter": 0.25, "half": 0.5, "two thirds": 2 / 3}
# the level a multiple is said of: "it", "that" or the speaker's own change ("we roughly halved it")
_MULTIPLE_OF_IT = re.compile(r"^(?:(?:and|then|so|but|later|eventually|soon|now) )*"
                             r"(?:(?:after|within|in|over) [^,]*? )?"
                             r"(?:(?:it|that|this|which|they|those)\b|(?:we|i)\b(?: [a-z']+){0,3}? "
                             r"(?:it|that|this|them)\b)")


def _object_noun(after: str) -> str:
    """The noun a verb names right after it ("volume" in "doubled call volume"), else ""."""
    noun = ""
    for word in after.split()[:3]:
        word = word.strip(",;:.")
        if word in ("the", "our", "their", "its", "my"):
            continue
        if not word.isalpha() or word in _NOT_NOUN_WORDS:
            break
        noun = word
    return noun
_OPENS_AGAINST = re.compile(r"^(?:against|versus|vs\.?|compared (?:to|with)|down from|up from) "
                            r"(?:about |around |roughly |nearly |almost )?(?=[$€£]?\d)")
_IT_IS = re.compile(r"\b(?:it|that|this)(?:'s| is| was| became| got| came out at)(?: now)? $")


def _factor(m: re.Match[str]) -> float | None:
    """The multiple a `_MULTIPLE` match applies to the level before (0.5 for "halved")."""
    if m.group("word"):
        return _FACTOR_WORDS[m.group("word")]
    if m.group("frac"):
        f = _FRACTION_OF[m.group("frac")]
        return 1 - f if m.group("fadj") not in ("more", "higher") else 1 + f
    if m.group("twice"):
        return 0.5 if m.group("as") in ("fast", "quick", "cheap") else 2.0
    n = float(m.group("n") or m.group("m"))
    if n <= 1:
        return None
    word = m.group("verb") or m.group("adj")
    return 1 / n if re.fullmatch(_SHRINK, word) else n
def _seen_unless_which(text: str, cut: int, seen: Sequence[Quantity]) -> list[Quantity]:
    """The levels said in earlier clauses a change "of it" at `cut` may rest on — none when it
    is said with "which": that refers to the thing named right before it, in its own clause ("I
    measured the time to prepare one declaration, which was divided by three" never divides the
    7% of the sentence before, QA137 F2)."""
    return [] if re.match(r"which\b", text[cut:].lstrip(" ,")) else list(seen)


# a halving said of "it" / "that" refers to the number before; "contacts halved" names its own
_HALVED_OF_IT = re.compile(r"^(?:(?:and|then|so|but|later|eventually|soon) )*"
                           r"(?:(?:after|within|in|over|with|using|thanks to|because of) [^,]*? )?"
                           r"(?:it|that|this|which|they|those|the (?:runtime|time|number|rate|"
                           # … never "the time to close a case": a metric of its own (QA84 F4)
                           r"figure|cost|latency)(?! (?:to|of|for|per|on|in)\b))\b")
_CONJUNCTION = re.compile(r"(?:,|\b(?:and|but|while|whereas|so|because))\s")
# "once" marks a time only when not a count ("which we actually used once during the 25% step")
_AFTER_MARK = re.compile(r"\b(?:after|afterwards|now|today|these days|since then|this one|this time|"
                         r"the new one|at the end|in the end|by the end|"
                         # the speaker's own change named as the occasion: "with my approach it
                         # was around 6000", "with the new model we are at 84%"
                         r"with (?:(?:my|our|this|the new) (?:[a-z-]+ ){0,2}?(?:approach|change|"
                         r"changes|fix|version|rewrite|redesign)|the (?:fix|change|changes|rewrite|"
                         r"redesign)|"
                         # … or what the work made, called new: "with the new alerts, 85% of
                         # the delays were flagged" (QA93 F8)
                         r"(?:my|our|the) new (?:[a-z-]+ ){0,2}?[a-z-]+(?=,? (?:\d|we|it|they|"
                         r"the|about|around|only|almost|nearly|over)))|"
                         r"(?<![a-z]ed )(?<!only )(?<!just )(?<!at )once|"
                         rf"(?:we|it|they|that) (?:{ENDED}|finished(?: up)?)(?: at)?)\b")
# the level of the occasion set against a level said "the year before" (QA8 F23): "the rate was 9%
# the year before, and on Black Friday it was 3%", "… the month before; in March it came in at 4%"
_OCCASION_WAS = re.compile(
    r"(?:^|[,;] |\b(?:and|but|while|whereas) )(?:(?:and|but|then) )?"
    r"(?:on|in|at|during|by|for|this|that|last) [^\s.;,]+(?: [^\s.;,]+){0,3}?,? "
    r"(?:it|we|they|that|this|the [a-z-]+(?: [a-z-]+)?) "
    r"(?:was|were|is|had|hit|reached|came in at|came to|ended at|sat at|stood at|dropped to|"
    r"fell to|rose to|went to|went down to|went up to)"
    r"(?: (?:only|just|about|around|roughly|nearly|at))* (?=[$€£]?\d)")
# a baseline said after its result: "down to 120 ms. Before that it was 450 ms", "We ended at 4%.
# It used to be 11."
_LATE_BEFORE = re.compile(r"^(?:(?:and|but|so|whereas|while) )?"
                          r"(?:before(?: (?:that|this|the \w+|(?:my|our|the) \w+))?"
                          r"(?=,? (?:it|that|this|they) )|before (?:that|this|the \w+)|"
                          rf"{EARLIER}|it used to be|(?:it|that|this) had been)"
                          r",?(?: (?:it|that|this|they) (?:was|were|had been|used to be))?"
                          r"(?: at)? (?:about |around |roughly |nearly |over |almost )?"
                          r"(?=[$€£]?\d)")
# the speaker's arrival dates a level as the baseline, before or after it: "when I joined it
# was 9 minutes", "it was at 78 when I took it over", "the error was 12% at the start"
ARRIVAL = (r"(?:when|before) (?:i|we) (?:first )?(?:joined|started|arrived|came in|came on board|"
           r"took (?:it |this |that |the \w+ )?over|picked (?:it|this|that) up|began)|"
           r"(?:at|in) the (?:start|beginning)|back then|at (?:the|that) time")
_ARRIVAL_HEDGE = r"(?:(?:about|around|roughly|nearly|over|almost|like|more or less|approximately) )*"
_LEVEL_WAS = (r"(?:it|that|this|they|the [a-z-]+(?: [a-z-]+)?) "  # "the error was (at) about"
              rf"(?:was|were|had been|used to be|stood|sat) (?:at )?{_ARRIVAL_HEDGE}")
_ARRIVAL_BEFORE = re.compile(rf"^(?:(?:and|but|so|whereas|while) )?(?:{ARRIVAL}),? {_LEVEL_WAS}"
                             r"(?=[$€£]?\d)")
_BEFORE_ARRIVAL = re.compile(rf"(?:^|(?<=[,;] ))(?:(?:and|but|so|whereas|while) )?{_LEVEL_WAS}"
                             rf"(?=[$€£]?\d[^.;,]{{0,40}}?\b(?:{ARRIVAL})\b)")
# … and "before" said after the level, ending its phrase: "the dwell time was just under 2
# days. it was 4.5 days before" (QA123 F2)
_LEVEL_BEFORE_TAIL = re.compile(rf"(?:^|(?<=[,;] ))(?:(?:and|but|so|whereas|while) )?{_LEVEL_WAS}"
                                r"(?=[$€£]?\d+(?:[.,]\d+)*[^.;,]{0,30}?\bbefore\s*(?:[.!?;,]|$))")
# a clause that is a level alone ("92%.") and one that says where things stood, of "that"
_LEVEL_ONLY = re.compile(r"\s*(?:(?:and|so|about|around|roughly|like)\s+)*[.,;!]?\s*")
_WAS_WHERE_ALONE = re.compile(r"^(?:and |so )?(?:that|this|it|which)(?= (?:was|is) where\b)")
_LATE_BEFORE_IN = re.compile(r"(?<=[,;] )" + _LATE_BEFORE.pattern.removeprefix("^"))
# … or the level first, then said to be where things stood: "and honestly, 78 was where it was
# stuck before" (QA73 F3), "12% is where we started"
LEVEL_WAS_WHERE = re.compile(r"(?<![\w.$€£])(?P<before>[$€£]?\d+(?:\.\d+)?%?)"
                             r"(?:,? (?:that|this|which))? (?:was|is) where "
                             r"(?:it|we|things|they|the [a-z]+(?: [a-z]+)?) (?:was|were|stood|sat|"
                             r"started|began|had been)\b(?! after\b)(?:(?: [^\s.;,]+){0,2}? "
                             r"(?:before|at the start|to begin with|originally)\b)?")
# "after maybe 3 months she was reviewing code": the duration right after the marker says when
_WHEN = re.compile(r"\s*(?:(?:about|around|roughly|maybe|like|nearly|almost|another|a|the|just|"
                   r"only|over|under|some|only) )*")
# how long something has been so, up to now: "and now, for last, three years I am ML engineer",
# "for the past 2 years we run it", "and now, last maybe twelve, fourteen month, I work on …" — a span of time, no level a change reached (round 46)
_SPAN_UNTIL_NOW = re.compile(r"\b(?:(?:for|since|in) )?(?:the )?(?:last|past)\W+(?:(?:about|around|almost|"
                             r"nearly|like|maybe|roughly|uh|um|or|to|\d+)\W+)*$")
# the words between a change marker and a bare number that is its level ("it came out at about 6")
_BARE_LEVEL = re.compile(r"\s*(?:(?:it|that|this|they) )*(?:(?:is|was|were|are|'s|sat|sits|stood|stands|"
                         r"came|comes|out|at|down|up|to|in|about|around|roughly|nearly|almost|just|"
                         r"only|under|over|below) )*")
# a duration that says when, not how long something took: "within 1 month only it came down"
_SAYS_WHEN = re.compile(r"\b(?:within|after|in|over|for) (?:about |around |roughly |just |only )?$")
# the words between a change marker and a level it names: "it was", "down to", "reached"
_LEVEL_LEAD = re.compile(rf"\s*(?:(?:it|that|this|they|we) )*(?:(?:{CHANGE_VERB}|{ENDED}|reached|"
                         r"hit|sat|sits|stood|stands|stayed|stays) )?(?:(?:down|up|back|all the way) )*"
                         r"(?:(?:to|at|in) )?(?:(?:about|around|roughly|nearly|almost|just|only|under|"
                         r"over|below) )*")


def said_as_level(lead: str) -> bool:
    """The words after a change marker and before a bare number say it as a level ("it was",
    "down to", "reached", "now 6"): only then does it take the unit of the level said before;
    "the model now forecasted for 450" names no level (QA32 F7)."""
    return bool(_BARE_LEVEL.fullmatch(lead) or _STATED.search(lead) or _LEVEL_LEAD.fullmatch(lead))


# words right after a number that make it the amount of a change, never a level: "it was around
# 40% reduction", "it was about 18% relative", "was 20% lower"
AMOUNT_OF_CHANGE = re.compile(r"\s(?:relative |absolute )?(?:reduction|improvement|increase|decrease|"
                              r"drop|lift|uplift|gain|cut|savings?|speed-?up|relative|absolute|"
                              r"better|worse|fewer|less|more|lower|higher|faster|slower|cheaper)\b")
_NOUN_WORDS = 2  # the words after a number that can say what it counts ("member questions")
MAX_AFTER_WORDS = 6  # the number after a change marker is within a few words of it,
_STATED = re.compile(r"\b(?:it|that|this|they|which|[a-z]+) (?:was|were|is|are)(?: (?:at|about|around|"
                     r"roughly|only|just|down to|up to|(?:back )?(?:up |down )?(?:in|to|at)(?: the)?))? $")  # or stated of "it" ("… it was 84%")
# a change said with only its end: "the annual cost went down to $400000" (its start said earlier)
_CHANGED_TO = re.compile(rf"\b{CHANGE_VERB}\b(?P<back> back)?(?: (?:it|them|that|this))?"
                         r"(?: (?:down|up|all the way))? to "
                         r"(?:about |around |roughly |under |below |just |only |like |maybe )?(?=[$€£]?\d)")
# a rollout's reach is exposure, not a metric's level: "rolled out to 1%"
ROLLOUT = re.compile(r"\b(?:roll(?:ed|ing)?|ramp(?:ed|ing)?|expand(?:ed|ing)?|releas(?:ed|ing)|"
                     r"launch(?:ed|ing)?|exposed?|rollout)\b(?: [^\s.;]+){0,3}? to (?:\S+ )?$")
# people or places reached by shipping are scale, not where a metric ended: "shipped it to 10M
# users", "went out to about 400 stores"
POPULATION_NOUNS = (
    "requests", "queries", "calls", "sessions", "transactions", "predictions", "users",
    "customers", "people", "members", "subscribers", "visitors", "sellers", "accounts", "devices",
    "teams", "stores", "markets", "countries", "regions", "sites", "cities", "warehouses",
    "languages", "locations", "branches", "hospitals", "schools", "advertisers", "clients",
    "brands", "merchants", "partners")
_POPULATION = re.compile(rf"{QTY_CORE}\s+(?:[a-z-]+ )?(?:{'|'.join(POPULATION_NOUNS)})\b")


# a clause that only says the work was done ("after I added the style checks,", "once the fix
# shipped") leads the next one in: the level that one states is the level after the work; a
# clause that dates an arrival or a finding ("after I joined") leads nothing in
_LEAD_IN_AFTER = re.compile(
    r"^(?:(?:and|so|then|but) )*(?:after|once) (?:(?:i|we|they|the team) (?:had )?"
    r"(?!(?:joined|started|arrived|noticed|realised|realized|learned|learnt|heard|saw|found|"
    r"looked|asked|talked|met|was|were)\b)(?:[a-z]+ed|built|put|made|wrote|ran|set|cut|got)\b|"
    r"(?:the|my|our) (?:fix|change|changes|launch|rollout|release|migration|retrain|rewrite)\b)"
    r"[^\d]*$")


# a change told in the past perfect happened before the story's work: "the error rate had jumped
# to 38%, when it used to be 19%" is the level the work started from, not where it took it
HAD_CHANGED = re.compile(r"\b(?:had|'d) (?:\w+ )?(?:jumped|risen|climbed|grown|dropped|fallen|"
                         r"crept(?: up| down)?|spiked|shot up|gone up|gone down|doubled|tripled|"
                         r"increased|decreased|slipped|ballooned|crashed|dipped|sunk|sunken)\b"
                         r"(?: (?:all the way|up|down|sharply|suddenly|quietly|again))? (?:to|by)"
                         r"(?: about| around| roughly| nearly| over| almost)? $")


# a model's or a job's setting named right before its value: "going from rank 16 to 64", "the
# batch size from 32 to 128", "a learning rate of 2e-4", "threshold from 0.5 to 0.7" — a knob
# turned, not a metric's level
_SETTING_BEFORE = re.compile(
    r"\b(?:rank|lora rank|batch(?: size)?|learning rate|lr|epochs?|threshold|temperature|top[- ]?[kp]|"
    r"context (?:length|window)|max(?:imum)? (?:tokens|length)|sequence length|chunk size|"
    r"window size|beam (?:size|width)|alpha|dropout|seed|layers|dimensions?|embedding size|"
    r"hidden size|estimators|tree depth|max depth)"
    r"(?: (?:of|from|to|at|is|was|set to|=|up|down|going))*(?: (?:about|around|roughly))? "
    r"(?:[\d.]+[%x]? (?:to|and|or) )?$")


# a share stated as a level ("the default rate was 9%", "fraud was about 4% of orders"), not a
# change ("maybe 20% more") nor a slice ("on 5% of traffic")
_LEVEL_SAID = re.compile(r"\b(?:was|were|is|are|'s|'re|sat at|stood at|at)"
                         r"(?: (?:about|around|roughly|nearly|almost|just|only|like|maybe|under|"
                         r"over|below|above))* $")  # "was just under 60%" is a level (QA13 F02)


def relative_of_share(level: float, by: float, down: bool) -> bool:
    """A change "by `by` %" of a level that is itself a % is relative when it cannot be in points:
    "the default rate was 9% and it fell by a third (33%)" is 9% → 6%, since 9 − 33 < 0; "40% fell
    by 10%" may be 30% or 36% and stays unread (QA11 F01)."""
    return down and by >= level


# the speaker's own step that puts a value in place: "i switched the hotels back to a fixed
# rule of 2% overbooking", "we set the cap at 500", "we reverted to the old limit of 3 retries"
_SET_BY_SPEAKER = re.compile(r"\b(?:i|we)(?: (?:then|also|just|immediately|quickly|first))? "
                             r"(?:switched|set|reset|reverted|rolled|put|capped|limited|pinned|"
                             r"configured|fell|went|changed|moved)\b[^.;,]*?\b(?:to|at)\b[^.;,]*$")


def set_by_speaker(text: str, start: int) -> bool:
    """The number at `start` of normalised `text` is a value the speaker's own step put in
    place, in the step's own clause ("i switched the hotels back to a fixed rule of 2%
    overbooking"): a setting of the action, no level the metric stood at — never the start of a
    later after (QA29 F1)."""
    return _SET_BY_SPEAKER.search(text, 0, start) is not None


def setting_value(text: str, start: int) -> bool:
    """The number at `start` of normalised `text` is the value of a setting named right before it
    ("from rank 16 to 64", "batch size from 32 to 128"), not a metric's level."""
    return _SETTING_BEFORE.search(text, 0, start) is not None


def replaced_count(text: str, start: int) -> bool:
    """The bare number at `start` of normalised `text` ("instead of 16") stands for a count or a
    setting said before it ("the audio was 8 kilohertz instead of 16", "3 engineers instead of
    5"), not for a metric's level."""
    before = [q for q in quantities(text[:start]) if q.end <= start]
    here = [q for q in quantities(text) if q.start == start]
    return bool(before and here and before[-1].noun and not here[0].unit)


# a span of time: "3 weeks", "a couple of months", "2 sprints"
# the words before a span of time that say how long a state lasted: "the model stopped sending
# alerts for 2 days", "he worked in that workshop for 20 years already" — a span, never a level,
# result or outcome (QA65 F3, QA108 F2)
LASTED_FOR = re.compile(r"\bfor,? (?:about |around |roughly |nearly |almost |over |more than |"
                        r"the next |the first |the last |the past |a good |another |an extra )?$")
TIME_SPAN = (r"(?:[\d.]+|an?|one|a few|a couple of) (?:hours?|days?|weeks?|months?|quarters?|"
             r"years?|sprints?)")
# a time after the work said as such: "3 weeks later", "within two quarters", "over the next
# month", "afterwards", "after the change", "by the end of the quarter", "on the next launch",
# "next ramadan" (round 45)
LATER_TIME = (rf"{TIME_SPAN} later|(?:within|over) (?:about |around |roughly |"
              rf"just |only |the (?:next |following ))?{TIME_SPAN}|afterwards|"
              r"after (?:that|the (?:change|"
              r"fix|launch|rollout|release|pilot|switch))|by the end of (?:the |that )?"
              r"(?:quarter|year|month|pilot|project|sprint)|at (?:the )?launch|"
              r"after launch|(?:when|once) we (?:launched|shipped|went live)|"
              # "on the next launch, the forecast error was 5%" (QA41 F3)
              r"(?:on|in|at|for|by|with) the (?:next|following|second) (?!time\b)[a-z]+|"
              r"(?<!the )(?<!our )(?<!my )(?<!a )next (?!time\b|steps?\b|things?\b|one\b|to\b)[a-z]+")
_LATER_END = re.compile(rf",\s*({LATER_TIME})[\s,;]*$")
# a share of the things the metric counts, said as the subject of its clause once a time after
# the work or "now" is said: the level after ("after 3 months, only 4% of parcels came back",
# "now only 4% of parcels come back", "today 2% of orders are late": QA132 F2, F8); `what` is
# what the share is of, with its verb — the metric
SAID_SHARE_AFTER = re.compile(
    rf"(?:\b{NOW_WORD}\b|\b(?:{LATER_TIME})\b|\bafter (?:about |around |only |just )?{TIME_SPAN}\b),?"
    rf"(?: (?!(?:was|were|is|are|of|from|to|by)\b)[a-z']+){{0,2}}? {APPROX}"
    rf"(?P<after>\d+(?:\.\d+)?%) of (?P<what>(?:(?:the|our|all|its|their|those) )?[a-z-]+"
    rf"(?: [a-z-]+)?? (?:that |which )?(?:[a-z]+ed|came|come|comes|went|go|goes|got|get|gets|"
    rf"fail|fails|had|have|has|need|needs|are|were|is|was)\b(?: back| out| through| late| wrong)?)")


def lead_in_after(clauses: list[str]) -> list[str]:
    """`clauses` (normalised, lower case) with a clause led in by a number-less "after I
    added …" clause said as "after that, …": "after i added the style checks, | it was more
    like 1 out of 4" states the level after; and one led in by a time after the work that
    ended the clause before ("…, 2 months later | we were at like 4%") said with it."""
    out: list[str] = []
    lead = False
    later = None
    for c in clauses:
        if lead and not _AFTER_MARK.search(c):
            c = f"after that, {c}"
        elif later is not None:
            c = f"{later.group(1)}, {c}"
        out.append(c)
        lead = _LEAD_IN_AFTER.match(c.strip(" ,;")) is not None
        later = _LATER_END.search(c)
    return out


# a multiple or a fraction of the level before, said against it: "twice as many fraud cases as
# the old rules", "3 times fewer than before", "down to about a third of what it was"
THAN_BEFORE = (r"(?:as|than) (?:before|previously|we used to|it used to|they used to|the old|"
               r"the previous|the original|the legacy|the existing|last (?:year|quarter|month|week)|"
               r"it was|they were|it had been|they had been|we did|we had)\b")
SAID_AS_MULTIPLE = (  # two patterns, the number's words in group 1 of each
    r"\b((?:twice|half|\d+(?:\.\d+)?(?:x| times)) (?:as (?:many|much|fast|quick|often|high|large|"
    r"big|long|good|cheap)|more|fewer|less|higher|lower|faster|slower|cheaper|better|bigger|"
    rf"smaller))\b(?: [^\s.;]+){{0,5}}? {THAN_BEFORE}",
    r"\b((?:about |around |roughly |nearly |almost |less than |under |just )?(?:a third|a quarter|"
    r"a half|half|two thirds|three quarters|a fifth|a tenth|one third|one quarter|one fifth|"
    r"one tenth|\d+(?:\.\d+)?%)) (?:of )?(?:(?:what|where) (?:it|they|that|this|we|i|you|the [a-z]+)"
    r"(?:'d|'s| had| have| has)?(?: been)? (?:was|were|had been|used to be|used to|did|had|"
    # "a third of before"; "19% before" alone is the level before, no multiple (QA55 F3)
    r"reported|reporting|measured|showed|shown|claimed|quoted|paid|spent|saw|seen|got)|"
    r"(?<=of )before|the old (?:one|number|value|level))\b",
    # … or of a named cost or size: "at about a tenth of the serving cost", "half the memory"
    r"\b((?:about |around |roughly |nearly |almost |less than |under |just )?(?:a third|a quarter|"
    r"half|two thirds|a fifth|a tenth|one third|one quarter|one fifth|one tenth)) (?:of )?"
    r"(?:the|its|their|our) (?:[a-z-]+ )?(?:cost|costs|price|bill|spend|latency|runtime|memory|"
    r"footprint|size)\b")


def _metric_word(before: str) -> str:
    """The last word before a change verb when it names a metric ("recall" in "recall went
    to"), else ""."""
    words = before.split()
    last = words[-1].strip(",;:") if words else ""
    return "" if not last.isalpha() or last in _NOT_NOUN_SET else last


_NOT_NOUN_WORDS = frozenset(_NOT_NOUN)
_AUXILIARY = frozenset("is are was were has have had got been being be get gets".split())


def _changed_metric(before: str) -> str:
    """The metric a change names before its verb ("complaints" in "complaints came down by",
    "time" in "build time is reduced"), else ""."""
    words = [w.strip(",;:") for w in before.split()]
    while words and words[-1] in _AUXILIARY:
        words.pop()
    if len(words) >= 2 and words[-2] in _SUBJECT_PRONOUNS:
        return ""  # a verb said of "it" ("it came 2 times faster"): it names no metric (QA49 F10)
    # the head before a place or a scope said after it: "stops" of "the unplanned stops on the
    # belt went down by 40%", never "belt" (QA64 F4); "complaints" of "number of complaints"
    at = max((i for i, w in enumerate(words) if w in _SCOPE_PREPOSITIONS and i > 0), default=0)
    last = words[at - 1] if at else words[-1] if words else ""
    return last if last.isalpha() and last not in _NOT_NOUN_WORDS else ""


_SCOPE_PREPOSITIONS = frozenset(("on", "in", "at", "across", "during", "for"))


_SUBJECT_PRONOUNS = frozenset(("it", "this", "that", "they", "which", "we", "i", "he", "she"))


def changed_subject(before: str) -> str:
    """The head word of what a change verb right before a level is said of ("deliveries" in
    "late deliveries fell to", "positive" in "the false positive rate went down to": a generic
    word passed over, as `named_metric` does), else ""."""
    verbs = list(re.finditer(rf"\b{CHANGE_VERB}\b", before))
    if not verbs:
        return ""
    words = [w.strip(",;:") for w in before[:verbs[-1].start()].split()]
    while words and words[-1] in _AUXILIARY:
        words.pop()
    while words and words[-1] in _GENERIC_METRIC:
        words.pop()
    last = words[-1] if words else ""
    return last if last.isalpha() and last not in _NOT_NOUN_WORDS else ""


def of_subject_first(levels: list[Quantity], subject: str, lead_of: dict[int, str],
                     clause_of: dict[int, str]) -> list[Quantity]:
    """`levels` (the nearest first) with those said of `subject` first: a level stated as
    "<subject> was …" ("the false positive rate was about 8%"), then one whose clause names it,
    then the rest — so an after pairs with its own metric's level, never a restatement in
    between ("… about 8%, meaning 8 in every 100 …", "more than 1 in 4 parcels missed the
    window": QA34 F1, F6)."""
    # a level set against the one just said ("wrong in 22% of portuguese answers, against 6% in
    # english") is another group's: the last a later level of the subject pairs with (QA48 F1)
    compared = [q for q in levels if _SET_AGAINST.search(lead_of.get(id(q), ""))
                # … or in a part that contrasts it with the level said before: "on night shift
                # an alarm on every fifth slab, while by day it was 1 in 50" (QA143 F2)
                or _CONTRAST_PART.search(lead_of.get(id(q), ""))]
    if not subject:
        return [*[q for q in levels if q not in compared], *compared]
    stated = [q for q in levels if named_metric(lead_of.get(id(q), ""))[:4] == subject[:4]
              and q not in compared]
    named = [q for q in levels if not other_metric(clause_of.get(id(q), ""), subject, q.unit)
             and q not in compared]
    return list(dict.fromkeys([*stated, *named, *[q for q in levels if q not in compared],
                               *compared]))


_SET_AGAINST = re.compile(r"\b(?:against|versus|vs\.?|compared (?:to|with)|as against)\s*$")
# a part opened by "while"/"whereas" after a comma, with no time before the work in it ("whereas
# before it had been 78%" is the baseline)
_CONTRAST_PART = re.compile(r"[,;]\s*(?:while|whereas)\b(?![^,.;]*\b(?:before|earlier|previously|"
                            r"used to|at first|originally|initially)\b)[^,.;]*$")


# a noun phrase fronted before the comma of the part a pronoun stands in: "the false alarms, we
# brought them down by 3 points", "searches with no result, we cut them by 4 points" — the
# pronoun is that noun, never the level said last (#13/#17); an adverbial ("after the launch,",
# "so,", "for the business,") or a part with a number or a verb fronts no noun
_NOT_TOPIC_START = frozenset(
    "after before in on at within over during with without by for to from since until once when "
    "while if because as so then and but also now today later yes well basically actually "
    "honestly overall first finally there here it we i they you he she which what how".split())
_TOPIC_MAX_WORDS = 6


def fronted_topic(text: str, cut: int) -> list[str]:
    """The content words of a noun phrase said before the comma that ends at `cut` of `text`
    and after the clause's start or last conjunction ("searches with no result, |we cut them"),
    else []."""
    head = text[:cut].rstrip()
    if not head.endswith(","):
        return []
    head = head[:-1]
    start = max((c.end() for c in _CONJUNCTION.finditer(head)), default=0)
    words = [w.strip(",;:") for w in head[start:].split()]
    if not words or len(words) > _TOPIC_MAX_WORDS or words[0] in _NOT_TOPIC_START \
            or any(not w.isalpha() or w in _AUXILIARY or w in _STATE_VERBS for w in words):
        return []
    content = [w for w in words if len(w) > 2 and w not in _NOT_NOUN_WORDS]
    if not content or all(w.endswith("ly") for w in content):  # "honestly,", "overall,"
        return []
    return content


def level_metric(before: str) -> str:
    """The head word of the metric the last level of `before` (its clause up to the level) is
    stated of: "conversion" in "the search conversion was 61% before and now it is", else ""."""
    for m in reversed(list(re.finditer(r"\b(?:was|were|is|are)\b", before))):
        if name := named_metric(before[:m.end()]):
            return name
    return ""


def of_topic(clause: str, start: int, end: int, topic: list[str]) -> bool:
    """The level at `start:end` of `clause` is of the metric `topic` names (`fronted_topic`):
    the metric it is stated of, or the noun right after it ("12% false alarms"), shares a stem
    with the topic's words."""
    stems = {w[:4] for w in topic}
    names = [level_metric(clause[:start])]
    for word in clause[end:].split()[:3]:  # the noun said with it, up to a break ("and", ",")
        if not word.isalpha() or word in _NOT_NOUN_WORDS:
            break
        names.append(word)
    return any(n and n[:4] in stems for n in names)


def _score_word(before: str) -> str:
    """A score's name that holds a digit, before a change verb ("f1" in "the macro f1 went to")."""
    words = before.split()
    last = words[-1].strip(",;:") if words else ""
    return last if re.fullmatch(r"[a-z]+\d*|[a-z]*\d+[a-z]*", last) and last not in _NOT_NOUN_WORDS \
        else ""


def counts_population(text: str, start: int) -> bool:
    """The number at `start` of normalised `text` counts people or places reached ("10M users",
    "about 400 stores", "2 new markets")."""
    return _POPULATION.match(text, start) is not None


def said_down(phrase: str) -> bool:
    """A change said downward: "fell by 6 points", "went down by 40 seconds"."""
    return re.search(rf"\b{_DOWN}\b", phrase) is not None


# the mark of a change whose words say no direction ("went out in my 6 points", Whisper's "went
# down by"; "moved it by 2 points"): the amount as said, never a sign the speaker did not give
UNSAID_DIRECTION = " [direction?]"
_UP = "(?:" + "|".join((*_UP_WORDS, "up", "higher", "more", "better")) + ")"


def signed_change(phrase: str, amount: str) -> str:
    """`amount` with the direction the change's words `phrase` say: "−6 points" for "went down
    by 6 points", "+6 points" for "rose by", and "6 points [direction?]" when they say none
    (`UNSAID_DIRECTION`: a direction verb misheard, "went out in my 6 points")."""
    if said_down(phrase):
        return f"−{amount}"
    if re.search(rf"\b{_UP}\b", phrase):
        return f"+{amount}"
    return f"{amount}{UNSAID_DIRECTION}"


def _same_unit(a: Quantity, b: Quantity) -> bool:
    """Said in the same unit, two durations ("3 weeks" → "4 days"), or one is a vague level
    said without its unit ("the low 90s")."""
    return (a.unit == b.unit or a.is_duration and b.is_duration
            or (a.vague and not a.unit) != (b.vague and not b.unit))


def _compatible(a: Quantity, b: Quantity) -> bool:
    """Two numbers that can be one metric before and after: the same unit (or one said without
    it), not two counts of different things ("500 questions" → "18000 pairs"), not a percent
    and a bare number that cannot be one ("from 31% … to 40000": a misheard end)."""
    if unit_clash(a.text, b.text):
        return False
    if a.unit and b.unit and a.unit != b.unit:
        # "3 weeks" → "4 days"; "2 outages a week" → "1 a month": one count's rate
        return a.is_duration and b.is_duration or a.is_per_period and b.is_per_period
    if a.noun and b.noun:
        return a.noun == b.noun
    if a.noun or b.noun:  # "from 4 failures a month to 0 failures": the rate is the metric
        level = b if a.noun else a
        return bool(level.unit) and not level.unit.startswith(("$", "%"))
    return a.is_metric or b.is_metric


def _money_and_score(a: Quantity, b: Quantity) -> bool:
    """One end money, the other a bare number with a decimal point (a score, an error: "2.4"):
    no pair, whatever their order."""
    return any(x.unit == "$" and not y.unit and not y.noun and "." in y.text
               for x, y in ((a, b), (b, a)))


def unit_clash(before: str, after: str) -> bool:
    """One end a percent, the other a bare number over 100: the unit said once cannot be
    shared ("from 31% with the base model to 40000" is a misheard "14%", never 40000%)."""
    ends = [re.fullmatch(r"[$€£]?(\d+(?:\.\d+)?)(%?)", e.strip()) for e in (before, after)]
    if not all(ends):
        return False
    (va, pa), (vb, pb) = ((float(e.group(1)), e.group(2)) for e in ends if e)
    return pa != pb and (vb if pa else va) > 100


_CANARY = re.compile(r"\bcanar(?:y|ies|ied)(?: \w+)? (?:at|to|on|of) (?:about |around |roughly )?$")
# a level said as held ("the approval rate was steady at about 94%", "stayed flat around 3%") is
# a guardrail, never where another metric's change started (QA14 F01)
HELD_AT = re.compile(r"\b(?:steady|stable|flat|unchanged|constant|held|holding|stayed|staying)"
                     r"(?: (?:at|around|near|on))? (?:about |around |roughly |nearly |just |"
                     r"under |over )?$")
# a time window said after a time bound ("before the peak season in november, about 8 weeks",
# "by the end of q3, roughly 10 weeks"): when the work had to land, no level of a metric (QA13 F01)
_WINDOW_AFTER_BOUND = re.compile(r"\b(?:before|by|until|till|ahead of|in time for) [^,.;\d]{1,40},\s*"
                                 r"(?:(?:about|around|roughly|nearly|almost|just|only|maybe|like|"
                                 r"some|under|less than) )*$")
_DURATION_WORD = re.compile(r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|"
                            r"sprints?)\b")
DURATION_WORD = _DURATION_WORD  # a word naming a span of time


def time_window(text: str, start: int, end: int) -> bool:
    """The number said at `start:end` of normalised `text` is a duration said after a time
    bound ("before the peak season in november, about 8 weeks"): when, no level (QA13 F01)."""
    return _DURATION_WORD.search(text, start, end + 10) is not None \
        and _WINDOW_AFTER_BOUND.search(text, 0, start) is not None


# a metric's head word that only points back to the level said before ("the rate went up to …")
_GENERIC_METRIC = frozenset("number numbers rate rates figure figures metric metrics score value "
                            "level share percentage count total one".split())


_STATE_VERBS = frozenset("was were is are".split())
_LEVEL_HEDGES = frozenset("at about around roughly only just under below over above nearly almost "
                          "now".split())
_MOVE_VERBS = frozenset("climbed rose fell dropped jumped grew went came got improved increased "
                        "decreased declined recovered".split())
_MOVE_PARTICLES = frozenset("up down back all the way".split())
_QUALIFIERS = frozenset("actual real new old final true average current original previous official "
                        "right wrong same".split())


def named_metric(before: str) -> str:
    """The head word of the metric a level is stated of, right before it ("chargeback" in "the
    chargeback rate was", "latency" in "p99 latency is about"), a generic word ("rate", "score")
    passed over; "" when the words before it are no "<metric> was" ("it takes", "became",
    "it was")."""
    words = [w.strip(",;:") for w in before.split()]
    while words and words[-1] in _LEVEL_HEDGES:
        words.pop()
    if len(words) > 1 and words[-1] == "to":
        # "precision climbed to", "recall went back up to": the metric a move is said of
        # (QA43 F1)
        words.pop()
        while words and words[-1] in _MOVE_PARTICLES:
            words.pop()
        if not words or words[-1] not in _MOVE_VERBS:
            return ""
        if len(words) > 1 and words[-2].endswith("ly"):
            del words[-2]  # "promise rate actually went up to": the adverb names nothing
    elif not words or words[-1] not in _STATE_VERBS:
        return ""
    words.pop()
    generic = False
    while words and words[-1] in _GENERIC_METRIC:
        words.pop()
        generic = True
    last = words[-1] if words else ""
    if generic and (last.endswith("ed") or last in _QUALIFIERS):
        return ""  # "the corrected number was 2.2": a qualifier of the number, no metric named
    return last if last.isalpha() and last not in _NOT_NOUN_WORDS else ""


def clause_lead(text: str, at: int) -> str:
    """The words of `text`'s part of a clause before character `at`, from the last comma or
    conjunction: "the regression rate on model releases is " before the "now" of "… is now under
    1%" — the subject a level after a mid-clause change marker is stated of (#17 QA31 F1)."""
    cut = max((c.end() for c in _CONJUNCTION.finditer(text, 0, at)), default=0)
    return text[cut:at]


# a level said of a word pointing back, in its own clause part: "… we measured, it was closer to"
LEVEL_OF_IT = (r"(?:^|[,;]\s*|\b(?:and|but|so) )(?:it|that|this|which|they)(?: \w+ly)? "
               r"(?:was|were|is|are|'s|had|sat|stood)\b")
_SAID_OF_IT = re.compile(LEVEL_OF_IT + r"[^,;.]*$")


def other_metric(clause: str, name: str, unit: str) -> bool:
    """The change names its metric (`name`, its head word: "caught" of "flawed caught went up
    to", "recall" of "we got recall up by") and `clause`, where a level in `unit` was said,
    never names it ("we were missing about 1 in 5 cases"): two metrics, no before → after (QA13
    F01, F04). Money is named by its unit: "our cloud bill was $1.2M … the annual cost went
    down to $400000" is one amount's change."""
    if not name or name in _GENERIC_METRIC or unit == "$":
        return False
    stem = name[:4]
    return not any(w[:4] == stem for w in re.findall(r"[a-z][a-z'-]*", clause))


def _in_named_currency(text: str, a: Quantity, b: Quantity, said_here: Sequence[Quantity]
                       ) -> tuple[Quantity, Quantity]:
    """Both ends of a pair said in one clause with a currency's name after either ("from 2M
    francs a year to 800000", "from 300000 to 90000 rand a month") keep it: "2M francs a year
    → 800000 francs a year", never bare counts (QA86 F2, QA87 F4)."""
    if a.unit in ("$", "%") or b.unit in ("$", "%") \
            or not all(any(q.start == h.start for h in said_here) for q in (a, b)):
        return a, b
    word = named_currency_after(text, a.end, b.end).strip()
    if not word:
        return a, b
    # the name right after the number, before a unit a pair gave it: "300000 sgd a month"
    return tuple(q if word in q.text.split() else q._replace(text=re.sub(r"^(\S+)", rf"\1 {word}",
                                                                           q.text, count=1))
                 for q in (a, b))  # type: ignore[return-value]


RESTATED_CHANGE_POINTS = 10.0  # a relative change within this of a pair's own restates it
SAME_POINTS = 0.5  # a change in points this close to the gap between two levels restates them


def _points_between(levels: Sequence[Quantity], step: float) -> tuple[Quantity, Quantity] | None:
    """The two levels said, as percents, whose gap is a change of `step` points (signed: a drop
    is negative), in the order the change runs: 31 and 19 for "dropped by 12 points" → (31%,
    19%), whichever was said first. A level is a percent or a bare number from 0 to 100; the
    latest such pair wins. None when no two levels are `step` apart."""
    pct = [q if q.unit == "%" else _with_unit(q, "%") for q in levels
           if q.unit == "%" or not q.unit and not q.noun and 0 <= q.value <= 100]
    for i in range(len(pct) - 1, 0, -1):
        for j in range(i - 1, -1, -1):
            for a, b in ((pct[j], pct[i]), (pct[i], pct[j])):
                if a.value != b.value and abs(b.value - a.value - step) <= SAME_POINTS:
                    return a, b
    return None


def _restates_a_pair(base: Quantity, by_percent: float, pairs: Sequence[ChangePair]) -> bool:
    """A relative change said of a level that is the end of a pair already read, by about the
    pair's own change: "from around 8 minutes … now around 5 minutes, so we cut it by more than
    a third" says how big the 8 → 5 cut was, never a second cut to 3.3 minutes (QA89 F6)."""
    return any(p.after.value == base.value and p.after.unit == base.unit and p.before.value
               and abs(abs(p.before.value - p.after.value) / p.before.value * 100 - by_percent)
               <= RESTATED_CHANGE_POINTS for p in pairs)


def _said_reached(clause: str, q: Quantity) -> bool:
    """The level `q` is said in its `clause` as reached or as the present one ("landed at 19%",
    "is now 91%", "now the error is 4%"): where a change took it, never where one starts."""
    return any(m.start("after") == q.start for rx in (SAID_REACHED, SAID_NOW_LEVEL)
               for m in rx.finditer(clause))


def _said_earlier(end: Quantity, seen: list[Quantity]) -> bool:
    """A pair's start worked out from a change is a level said in an earlier clause: the same
    value in the same unit (`change_pairs`)."""
    return any(q.value == end.value and q.unit == end.unit and q.is_metric for q in seen)


class SaidChanges(NamedTuple):
    """What `said_changes` read over an answer's clauses: the before → after pairs, and the
    times set against each other that are no pair — a time promised, then when it came ("the
    app says 10 minutes and it arrives after 25"), which the triad must not read as its own
    numbers either (QA26 F1)."""

    pairs: list[ChangePair]
    promised: list[ChangePair]


# the words right before a change's amount: "dropped by roughly ", "went up by about "
_BY_AMOUNT = re.compile(rf"\b{CHANGE_VERB}(?: (?:down|up))? by (?:about |around |roughly |nearly |"
                        r"almost |some |just |over |under |more than |less than )?$")


_SPAN_OF_THING = re.compile(r" of (?!the (?:time|year|month|day|week)\b)"
                            # … but time lost or spent is a level ("3 weeks of work", "40 hours
                            # of downtime")
                            r"(?!(?:[a-z']+ )?(?:work|effort|labou?r|time|waiting|wait|delay|"
                            r"delays|downtime|outage|outages|overtime|rework|queue|backlog)\b)[a-z]")
_RATE_SAID = re.compile(r"^[^.;,]{0,40}?\b(?:a|an|per|each|every) (?:day|week|month|quarter|year|"
                        r"shift)\b")


def _span_of_thing(text: str, q: Quantity) -> bool:
    """The span of time `q` is said as an amount of a thing ("two years of logs", "only 2 months
    of labelled failures"): data or time used, never a level; "31 hours of downtime per month"
    is a rate, a level."""
    return q.unit in ("hours", "days", "weeks", "months", "quarters", "years") \
        and _SPAN_OF_THING.match(text, q.end) is not None \
        and _RATE_SAID.match(text[q.end:]) is None


def change_pairs(clauses: list[str]) -> list[ChangePair]:
    """The before → after pairs said over normalised, filler-free clauses, in order
    (`said_changes`)."""
    return said_changes(clauses).pairs


# a trend told as it was going on ("default was going up, from around 5 to nearly 9%"), with no
# time after the work in its clause: what the speaker found, the problem, never the change the
# work made (round 47)
_TREND_SAID = re.compile(r"\b(?:was|were) (?:(?:going|trending|creeping|drifting) (?:up|down)|"
                         r"growing|rising|climbing|dropping|falling|increasing|decreasing|"
                         r"getting (?:worse|better))\b")
_AFTER_WORK_TIME = re.compile(r"\b(?:after|afterwards|since|once|now|later|by the end)\b")


def trend_found(clause: str) -> bool:
    """`clause` tells a trend as it was going on, with no time after the work (`_TREND_SAID`)."""
    return _TREND_SAID.search(clause) is not None and _AFTER_WORK_TIME.search(clause) is None


def said_changes(clauses: list[str]) -> SaidChanges:
    """Before → after pairs said over normalised, filler-free clauses, in order:

    - "from 61% to 79%", "from 9 hours to 4 hours", "from failing 4 times a month to 0";
      "dropped to $1.5M a year, from $2M";
    - "2 weeks late instead of 6" → 6 weeks → 2 weeks (the unit is shared);
    - "dropped by 6 points to 2%" → 8% → 2% (derived);
    - "took 9 hours … got cut in half" → 9 hours → 4.5 hours (derived, the number stated
      before in the same clause, or in an earlier one when the halving is said of "it");
    - "about 40% of chats, and after my work that fell to 18%" → 40% → 18%; "1 in 10 … now
      it's 1 in 25" → 10% → 4% (a number said before, in the same unit, then the value after
      a change);
    - in either order and with the unit said once: "took 2 full days. now it takes 40
      minutes", "was at 91%, whereas before it had been 78%", "from 12 cents a prediction down
      to 3 cents", "between 15 and 20 times a month … 1 or 2 times a month" (ranges stay
      ranges), "in 40 minutes instead of crashing at hour 3" (3 hours → 40 minutes), "a 90%
      drop" of a level said before, "improved by 2 points, from 4%", "cut in half, from 6
      hours", "recall maybe 60% … recall went to around 90".

    Both ends are levels of one metric with compatible units (`_compatible`): counts of things
    ("500 sampled failures", "3 directors"), times of day and sizes pair with nothing.

    A time said, then a bare number right after "after" ("the app says 10 minutes and it
    arrives after 25") sets a promise against when it came — no pair; such two numbers are
    returned apart (`SaidChanges.promised`), so the triad never reads them as its own (QA26 F1).
    """
    out: list[ChangePair] = []
    promised: list[ChangePair] = []
    pieced: list[ChangePair] = []  # a baseline said late, set against a level said before it
    seen: list[Quantity] = []  # metric numbers said so far, in order
    levels_said: list[Quantity] = []  # … with bare numbers that may be a percent's level
    named: list[tuple[Quantity, str]] = []  # … with the words said before each
    context: list[tuple[Quantity, str]] = []  # … with the whole clause before each

    def pair(a: Quantity, b: Quantity, derived: bool, computed: str = "after",
             marked: bool = False) -> bool:
        # two bare numbers are a metric's levels when a marker says so ("before 8 …, and
        # after, only 3": `marked`), never by position alone
        if not (_compatible(a, b) or marked and not (a.unit or b.unit or a.noun or b.noun)):
            return False
        if any(not q.unit and head_count(text, q.start, q.end) for q in (a, b)):
            return False  # "my team grew from 6 people to 8": who did the work (QA67 F1)
        if _money_and_score(a, b):
            return False  # "it cost around €180K … after tuning it was 2.4": a price and a
            # score, never one level's before and after in a currency never said (QA54 F1)
        if setting_value(text, b.start) or a in said_here and setting_value(text, a.start):
            return False  # "going from rank 16 to 64": a knob turned, no metric's change
        if not (a.unit and b.unit) or a.unit == "$":  # said once for both: "from 12 to 3%";
            unit = a.unit or b.unit  # money in one form: "$1.2M", "$400000"
            # …in the one currency said: "from €80K a day back to 200K" is €200K (QA9 F25)
            sign = next((q.text[0] for q in (a, b) if q.text[:1] in ("$", "€")), "$")
            a, b = _with_unit(a, unit, sign=sign), _with_unit(b, unit, sign=sign)
        if derived and (computed == "before" and _said_earlier(a, seen)
                        or computed == "after" and _said_earlier(b, seen)):
            computed = ""  # worked out to a level said before: "was 84% the week before … went
            # up by 9 points, to 93%" — the 84% was said, never marked "(worked out)" (QA25 F5)
        a, b = _in_named_currency(text, a, b, said_here)
        if (a.value, a.unit) != (b.value, b.unit) and not any(p.before.text == a.text and p.after.text == b.text
                                          for p in out):
            out.append(ChangePair(a, b, derived, computed if derived else ""))
        return True

    year_before: Quantity | None = None  # a level said "the year before" in the last clause
    last_said: list[Quantity] = []  # the numbers of the clause before
    last_text: str | None = None  # … and its text
    clause_of: dict[int, str] = {}  # each level's whole clause, by `id` of its quantity
    lead_of: dict[int, str] = {}  # … and the words of its clause before it
    for text in lead_in_after(clauses):
        found = False
        n_before = len(out)
        # a span of time said as an amount of a thing ("two years of logs", "only 2 months of
        # labelled failures") is data or time used, never a level (QA114 F1, F2); "31 hours of
        # downtime per month" is one
        segments = [m.span("range") for m in _SEGMENT.finditer(text)]
        said_here = [q for q in quantities(text) if not _span_of_thing(text, q)
                     and (q.start, q.end) not in segments]
        qm = SAID_QTY_BEFORE.search(text)
        occasion = None if year_before is None and qm is None else _OCCASION_WAS.search(
            text, qm.end() if qm else 0)
        a = year_before if qm is None else next(
            (q for q in said_here if q.start == qm.start("before")), None)
        if occasion is not None and a is not None:
            b = next((q for q in said_here if q.start == occasion.end()), None)
            if b is not None and b.is_metric and _same_unit(a, b):
                found = pair(a, b, False)
        year_before = None if qm is None or occasion is not None else next(
            (q for q in said_here if q.start == qm.start("before")), None)
        defined = [r.span("range") for r in _DEFINED_RANGE.finditer(text)] \
            + _ranges_then_level(text)
        for rx in (FROM_TO, TO_FROM, DOWN_FROM, BEFORE_AFTER, MARKED_BEFORE_AFTER, _BEFORE_THEN_IS,
                   INSTEAD, LEVEL_FROM, AFTER_THEN_BEFORE, AFTER_THEN_EARLIER):
            for m in rx.finditer(text) if not trend_found(text) else ():
                if any(a <= m.start("before") < b for a, b in defined):
                    continue  # a range in the metric's definition (QA39 F1)
                qa = [q for q in said_here if m.start("before") <= q.start < m.end("before")]
                qb = [q for q in said_here if m.start("after") <= q.start < m.end("after")]
                zero = re.fullmatch(NOT_ONCE, m.group("after")) is not None
                if not qb and (m.group("after") in WORD_VALUES or zero):
                    value = 0.0 if zero else WORD_VALUES[m.group("after")]  # "… a week to one"
                    qb = [Quantity(_fmt_plain(Decimal(int(value))), value, "", m.start("after"),
                                   m.end("after"))]
                if not qa or not qb:
                    continue
                a, b = qa[0], qb[0]
                if rx is INSTEAD and (m.group("word") not in REPLACED
                                      or not (a.is_metric or b.is_metric)):
                    continue  # "3 instead of 6" alone is a count, "2 weeks instead of 6" a change
                if rx is INSTEAD and OTHER_WORK.match(text, m.end("before")):
                    continue  # "a rule in 2 days instead of a 3 month model project": how long
                    # the work took against another plan, not a metric's level (QA9 F22)
                if rx is INSTEAD and took_instead(text, m.start("after")):
                    continue  # "it took 3 weeks instead of 6 months": the work's own time
                if rx is INSTEAD and said_wrong_instead(text):
                    continue  # "the assistant gave the old return policy, with 30 days instead
                    # of 10": a wrong answer against the right one, no change (QA109 F4)
                if rx in (_BEFORE_THEN_IS, LEVEL_FROM) and (not _same_unit(a, b) or (a.unit or b.unit) == ""
                                              or said_as_share(text, b.start, b.end)):
                    continue  # no marker after: both levels in one unit said, no share
                if rx in (AFTER_THEN_BEFORE, AFTER_THEN_EARLIER) \
                        and (not (b.unit or b.noun) or a.unit and not _same_unit(a, b)
                                                or not b.is_metric):
                    continue  # "9000 calls a month, it was 20000 before": one unit, said once
                if rx is INSTEAD and m.group("point") and not a.unit:
                    a = _with_unit(a, m.group("point") + "s")  # "crashing at hour 3": 3 hours
                found = pair(a, b, False, marked=rx in (BEFORE_AFTER, MARKED_BEFORE_AFTER)) \
                    or found
        against = [(m, next((q for q in said_here if q.start == m.start("after")), None)
                    or (Quantity(_fmt_plain(Decimal(int(WORD_VALUES[m.group("after")]))),
                                 WORD_VALUES[m.group("after")], "", m.start("after"),
                                 m.end("after")) if m.group("after") in WORD_VALUES else None))
                   for m in COMPARED_BEFORE.finditer(text)]
        against += [(m, b) for m in (*LATER_VERSUS.finditer(text), *NOW_VERSUS.finditer(text))
                    if (b := next((q for q in said_here if q.start == m.start("after")), None))
                    and (a := next((q for q in said_here if q.start == m.start("before")), None))
                    and a.unit and a.unit == b.unit and not any(
                        x is not None and x.start("before") == m.start("before") for x, _ in against)]
        if (om := _AGAINST_EARLIER.match(text)) and last_said:  # "…1 outage last year, |
            against.append((om, last_said[-1]))  # versus 6 the year before": a split clause
        for m, b in against:
            a = next((q for q in said_here if q.start == m.start("before")), None)
            if a is None or b is None:
                continue
            if not (a.unit or a.noun):  # "0 incidents …, compared to 4 the year before": the
                a = a._replace(unit=b.unit, noun=b.noun)  # level against is of the same thing
            found = pair(a, b, False, marked=True) or found
        for m in BY_TO.finditer(text):
            amount = next((q for q in said_here if q.start == m.start("by")), None)
            after = next((q for q in said_here if q.start == m.start("to")), None)
            if amount is None or after is None or not (
                    amount.unit in ("%", "points") or amount.is_duration or after.unit == "%"):
                continue  # "by 5 to 12" could be anything
            if said_as_range(amount.value, after.value, amount.unit == after.unit):
                continue  # "cut it by 8 to 10%": the amount said as a range, no level reached
            by, down = amount.value, said_down(text[m.start():m.start("by")])
            if amount.is_duration:
                # "came down by 240 ms, to 60": the after is in the change's unit
                after = _with_unit(after, amount.unit)
                before = after.value + by if down else after.value - by
            elif amount.unit == "%" and after.unit != "%":
                # a relative change: "cut by 40% to 600 ms" started at 1000 ms
                before = after.value / (1 - by / 100 if down else 1 + by / 100)
            else:  # points: "dropped by 6 points to 2%" started at 8%
                before = after.value + by if down else after.value - by
            pair(_with_unit(after, after.unit, before), after, True, "before")
        # a % level with the points it moved, in either order or the step in a clause of its
        # own: "alert precision reached 63%, up 22 points" (QA44 F2), "we gained 4 points, it is
        # now at 71%" (QA84 F10), "the error was 8%. | so, minus 6 points." (QA85 F11): the
        # level the step started from is worked out
        # (level, step, down, the text said in, the level said in the past after its step)
        steps: list[tuple[Quantity | None, Quantity | None, bool, str, bool]] = []
        for m in LEVEL_THEN_STEP.finditer(text):
            at, down = _level_step(m)
            steps.append((_at(said_here, m.start("level")), _at(said_here, at), down, text, False))
        for m in STEP_THEN_LEVEL.finditer(text):
            down = m.group("verb") in ("lost", "loses") or said_down(m.group("verb"))
            steps.append((_at(said_here, m.start("level")), _at(said_here, m.start("step")), down,
                          text, _WAS_NOT_NOW.search(text, m.end("step"), m.start("level")) is not None))
        if not found and (sm := _STEP_ALONE.match(text.strip())) and last_said \
                and (level := last_said[-1]).unit == "%" and last_text is not None \
                and not last_text[level.end:].strip(" .,") \
                and LEVEL_THEN_STEP.search(f"{last_text[:level.end]}, {sm.group()}"):
            at, down = _level_step(sm)
            steps.append((level, _at(said_here, at + len(text) - len(text.lstrip())), down,
                          last_text, False))
        for after, step, down, said, in_past in steps:
            if after is None or step is None or after.unit != "%" or step.unit != "points" \
                    or said_as_target(said, after.start):
                continue
            if in_past or SAID_QTY_BEFORE.match(said, after.start):
                # the level is where it started, said with "before" or in the past after its
                # step: "the wrong grades dropped by 9 points, they were at 12% (before)" is
                # 12% → 3%, while "…, it is now at 71%" is where the step took it (QA131 F4)
                level = round(after.value - step.value if down else after.value + step.value, 2)
                if 0 <= level <= 100:
                    found = pair(after, _with_unit(after, "%", level), True, "after") or found
                continue
            before = round(after.value + step.value if down else after.value - step.value, 2)
            if 0 <= before <= 100:
                found = pair(_with_unit(after, "%", before), after, True, "before") or found
        if not found and len(out) == n_before and (bm := _BASELINE_OF.search(text)):
            # "a lift of 0.4 points … against a baseline of 5%" is 5% → 5.4% (QA9 F14)
            base = next((q for q in said_here if q.start == bm.start("base") and q.unit == "%"),
                        None)
            step = next((q for q in said_here if q.unit == "points"), None)
            if base is not None and step is not None:
                down = said_down(text[max(0, step.start - _STEP_WORDS_CHARS):step.start]) \
                    or re.match(r" (?:lower|less|down|fewer|smaller)\b", text[step.end:])
                value = round(base.value - step.value if down else base.value + step.value, 2)
                if 0 <= value <= 100:
                    found = pair(base, _with_unit(base, "%", value), True) or found
        here = [q for q in said_here if q.is_metric and not (
            q.is_duration and (_SAYS_WHEN.search(text, 0, q.start)
                               or _WINDOW_AFTER_BOUND.search(text, 0, q.start)))]
        changes = [*SAID_BY_CHANGE.finditer(text), *NOUN_CHANGE.finditer(text)]
        for m in sorted(changes, key=lambda m: m.start("by")) if not found else ():
            amount = next((q for q in said_here if q.start == m.start("by")), None)
            rest = text[m.end():]
            if amount is not None and amount.unit == "points" and (frm := _REL_FROM.match(rest)):
                # "improved by 2 percentage points, from 4%" is 4% → 6%; a bare level is a
                # percent when it moves in points ("improved by 7 points, from 74", QA86 F6)
                base = next((q for q in said_here if q.start == m.end() + frm.end()
                             and (q.unit == "%" or not q.unit and not q.noun
                                  and 0 <= q.value <= 100)), None)
                if base is not None:
                    base = _with_unit(base, "%") if not base.unit else base
                    step = -amount.value if said_down(text[m.start():m.start("by")]) \
                        else amount.value
                    found = pair(base, _with_unit(base, "%", base.value + step), True) or found
                continue
            if amount is not None and amount.unit == "points" and not re.match(r",? to\b", rest):
                # "error rate is around 0.8% … error rate is dropped by 0.6 percentage points":
                # points off the % level of the metric it names, or of "it"
                cut = max((c.end() for c in _CONJUNCTION.finditer(text, 0, m.start())), default=0)
                name = _changed_metric(text[cut:m.start()])
                of_it = _MULTIPLE_OF_IT.search(text[cut:].lstrip(" ,"))
                levels = [q for q, ctx in context if q.unit == "%" and (
                    name and name in ctx.split() or of_it)]
                if of_it and (topic := fronted_topic(text, cut)):
                    # "searches with no result, we cut them by 4 points": "them" is the fronted
                    # noun, so only a level of that metric loses the points (#13/#17)
                    levels = [q for q in levels if of_topic(clause_of.get(id(q), text), q.start,
                                                            q.end, topic)]
                base = levels[-1] if levels else None
                step = -amount.value if said_down(text[m.start():m.start("by")]) \
                    else amount.value
                if (said := _points_between([*levels_said, *(
                        q for q in said_here if q.end <= m.start())], step)):
                    # "landed at 19%. Before, we were at 31, so it dropped by 12 points": the
                    # points are the gap between two levels said, that pair restated — never a
                    # second step off the last one (QA90 F1: "19% → 7% (worked out)")
                    found = pair(*said, False) or found
                    continue
                if base is not None and _said_reached(clause_of.get(id(base), text), base):
                    # "precision now sits at 91% … it improved by 6 points": the level said
                    # reached is where the points took it, 85% → 91% (#13)
                    if 0 <= base.value - step <= 100:
                        found = pair(_with_unit(base, "%", round(base.value - step, 2)), base,
                                     True, "before") or found
                elif base is not None:
                    if 0 <= base.value + step <= 100:
                        found = pair(base, _with_unit(base, "%", round(base.value + step, 2)),
                                     True) or found
                continue
            if amount is None or amount.unit != "%" or re.match(r",? to\b", rest):
                continue
            if frm := _REL_FROM.match(rest):
                base = next((q for q in here if q.start == m.end() + frm.end()), None)
            else:  # the level said earlier, not a share (a % change of a % is points or not),
                # when the change is said of it ("we brought the cost down by"), not of a metric
                # it names ("refund complaints dropped by 40%")
                # or of the metric it names when that metric's level was said ("complaints, about
                # 400 a month … complaints came down by about 33%")
                cut = max((c.end() for c in _CONJUNCTION.finditer(text, 0, m.start())), default=0)
                of_it = _HALVED_OF_IT.search(text[cut:].lstrip(" ,")) or re.match(
                    r"(?:(?:and|then|so|but) )*(?:we|i)\b", text[cut:].lstrip(" ,"))
                # … a metric named beside "we" still binds it: "we got recall up by a quarter"
                # is of the recall said before, never of another number (QA13 F01)
                name = _changed_metric(text[cut:m.start()])
                name = "" if _HALVED_OF_IT.search(text[cut:].lstrip(" ,")) else name
                of_named = [q for q, ctx in context if name and name in ctx.split()]
                if not (of_it or of_named):
                    continue
                # a level said in the change's own clause binds it; only a clause that says
                # none refers back, so a change is never applied to another sentence's metric
                # (QA11 F02: "the AUC went from 0.71 to 0.76. The default rate was 9% and it
                # fell by a third" is 9% → 6%, never 0.76 → 0.51)
                down = said_down(text[m.start():m.start("by")])
                here_before = [q for q in here if q.end <= m.start()]
                relative = rest.startswith(" " + RELATIVE)  # "by 25% relative", "by a quarter"
                candidates = of_named or here_before or seen
                if of_it and (topic := fronted_topic(text, cut)):  # "the timeouts, we cut them
                    candidates = [q for q in candidates if of_topic(  # by 40%": of that noun
                        clause_of.get(id(q), text), q.start, q.end, topic)]
                base = next((q for q in reversed(candidates)
                             if not other_metric(clause_of.get(id(q), text), name, q.unit)
                             and (q.unit not in ("%", "points")
                             or q.unit == "%" and (relative or relative_of_share(
                                 q.value, amount.value, down))
                             and _LEVEL_SAID.search(text[:q.start] if q in here else next(
                                 (ctx for c, ctx in context if c == q), "")) is not None)),
                            None)
            if base is None or _restates_a_pair(base, amount.value, out):
                continue
            down = m.group("noun") in _DOWN_NOUNS if m.re is NOUN_CHANGE \
                else said_down(text[m.start():m.start("by")])
            ratio = 1 - amount.value / 100 if down else 1 + amount.value / 100
            value = float(f"{base.value * ratio:.2g}")
            after = _with_unit(base, base.unit, value)
            if amount.approximate:  # "up by roughly a quarter" of 60% is about 75%
                after = after._replace(hedge="about")
            elif abs(value - base.value * ratio) > 1e-9:  # a third off 40 cents is about 27
                after = after._replace(hedge=after.hedge or "about")
            found = pair(_with_unit(base, base.unit), after, True) or found
        if not any(p.before.start < p.after.start and not p.derived for p in out[n_before:]) \
                and (hm := _HALVED.search(text)):
            # the halving's own part of the clause: "…to 3%, and support calls halved" names
            # another metric; "took 9 hours and it got cut in half" refers back
            cut = max((c.end() for c in _CONJUNCTION.finditer(text, 0, hm.start())), default=0)
            earlier = [q for q in here if cut <= q.start and q.end <= hm.start()]
            if not earlier and (frm := _REL_FROM.match(text, hm.end())):
                # its level said after it: "runtime was cut in half, from about 6 hours"
                earlier = [q for q in here if q.start == frm.end()]
            if not earlier and (_HALVED_OF_IT.search(text[cut:].lstrip(" ,"))
                                or _MULTIPLE_OF_IT.search(text[cut:].lstrip(" ,"))):
                earlier = [q for q in here if q.end <= cut] or _seen_unless_which(text, cut, seen)
                if topic := fronted_topic(text, cut):  # "the false alarms, we halved them"
                    earlier = [q for q in earlier if of_topic(clause_of.get(id(q), text),
                                                              q.start, q.end, topic)]
            base = next((q for q in reversed(earlier) if q.unit != "$"), None)
            if base is not None:
                pair(base, _with_unit(base, base.unit, base.value / 2), True)
                found = True
        mm = None if found or _HALVED.search(text) else _MULTIPLE.search(text)
        if mm and (factor := _factor(mm)) is not None:
            # "we roughly halved it", "build time is reduced 5x", "4x cheaper", "a third fewer
            # complaints": the level before, in the change's part of the clause, said of "it", or
            # the level of the metric the change names, times the multiple
            cut = max((c.end() for c in _CONJUNCTION.finditer(text, 0, mm.start())), default=0)
            levels = [q for q in here if q.unit != "x"]
            earlier = [q for q in levels if cut <= q.start and q.end <= mm.start()]
            if not earlier and (frm := _REL_FROM.match(text, mm.end())):
                earlier = [q for q in levels if q.start == frm.end()]
            if not earlier and (_MULTIPLE_OF_IT.search(text[cut:].lstrip(" ,")) or _IT_IS.search(
                    text, cut, mm.start())):
                earlier = [q for q in levels if q.end <= cut] or [
                    q for q in _seen_unless_which(text, cut, seen) if q.unit != "x"]
                if topic := fronted_topic(text, cut):  # "the timeouts, we tripled them"
                    earlier = [q for q in earlier if of_topic(clause_of.get(id(q), text),
                                                              q.start, q.end, topic)]
            if not earlier and (name := _changed_metric(text[cut:mm.start()])):
                earlier = [q for q, ctx in context if name in ctx.split()]
            if mm.group("word") and (obj := _object_noun(text[mm.end():])):
                # "a storm doubled call volume": the multiple of the metric it names, if said
                earlier = [q for q, ctx in context if obj in ctx.split()]
            base = next((q for q in reversed(earlier) if q.is_metric), None)
            if base is not None:
                said = (mm.group("adj") or mm.group("verb") or mm.group("as") or "")
                if said in ("faster", "quicker", "fast", "quick") and not base.is_duration:
                    factor = 1 / factor  # "3x faster" throughput grows, a duration shrinks
                value = float(f"{base.value * factor:.2g}")
                after = _with_unit(base, base.unit, value)
                after = after._replace(hedge=after.hedge or "about")
                found = pair(_with_unit(base, base.unit), after, True) or found
        vm = None if found else _OPENS_AGAINST.match(text)
        if vm and seen:
            # "… was 3%. Against 12% in the first prototype": a sentence break (Whisper's) between
            # a level and the one it is set against; the level against is the one before
            a = next((q for q in said_here if q.start == vm.end()), None)
            b = seen[-1]
            if a is not None and a.is_metric and _same_unit(a, b):
                found = pair(a, b, False)
        for am in _AFTER_MARK.finditer(text):
            if found:  # each marker in turn: "after I rebuilt the features …, we ended at 0.85"
                break  # (QA16 F03) reads the level the later marker names
            # the first level after the change marker, within a few words ("after my work that
            # fell to 18%", "after a fine-tune on 18000 pairs it was 84%": 18000 counts pairs)
            words = re.split(r"[;.](?!\d)", text[am.end():])[0].split()
            window = " ".join(words[:MAX_AFTER_WORDS + 4])
            # each number read with the words after it, past the window's end: "was to the 1000
            # member questions" counts questions, no bare level (QA68 F1)
            said_on = " ".join(words[:MAX_AFTER_WORDS + 4 + _NOUN_WORDS])
            after_qs = [q for q in quantities(said_on) if q.start < len(window)
                        and not AMOUNT_OF_CHANGE.match(said_on, q.end)  # "33% faster": a change
                        and (q.is_metric or _BARE_LEVEL.fullmatch(
                window[:q.start]) and not (q.unit or q.noun)) and (
                len(window[:q.start].split()) <= MAX_AFTER_WORDS or _STATED.search(window[:q.start]))
                and not (q.is_duration and am.group(0) in ("after", "once")
                         and _WHEN.fullmatch(window[:q.start]))
                and not (q.is_duration and _SPAN_UNTIL_NOW.search(window[:q.start]))]
            b = after_qs[0] if after_qs else None
            if b is not None and not ROLLOUT.search(window[:b.start]) \
                    and not said_as_share(window, b.start, b.end):
                before_here = [q for q in here if q.end <= am.start()
                               and not said_as_target(text, q.start)]
                # a level said in an earlier clause is the start of the metric the after names
                # ("the chargeback rate was 0.3%") only when that clause names it too: "a score
                # of 0.8 did not mean 80% risk" is no chargeback rate before (QA19 F18)
                name = named_metric(window[:b.start]) or named_metric(
                    clause_lead(text, am.start()) + " " + window[:b.start])
                earlier = [q for q in seen
                           if not other_metric(clause_of.get(id(q), ""), name, q.unit)]
                # a level said of the thing the after names ("late deliveries were at 27% …
                # after the fix, late deliveries fell to 12%") before one said of another (a
                # restatement in between: "more than 1 in 4 parcels missed the window")
                subject = name or changed_subject(window[:b.start])
                a = next((q for q in reversed(before_here) if _same_unit(q, b)), None)
                if a is None:
                    a = next((q for q in of_subject_first(earlier[::-1], subject, lead_of,
                                                          clause_of)
                              if (b.unit or b.vague) and _same_unit(q, b)), None)
                last = next((q for q in reversed(earlier + before_here)
                             if q.unit not in ("", "x", "points")), None)
                if last is None and not (b.unit or b.noun) and _BARE_LEVEL.fullmatch(window[:b.start]):
                    last = next((q for q in reversed(seen + before_here) if q.is_metric
                                 and not (q.unit or q.noun)), None)  # two bare levels, "was 12000"
                if a is None and last is not None and not (b.unit or b.noun or b.vague) and (
                        last.unit != "%" or b.value <= 100) and said_as_level(window[:b.start]) \
                        and not _money_and_score(last, b):
                    # a bare level after the marker is in the unit of the last level said: "the
                    # false alarm rate was about 12% … it came out at about 6", "the backlog was
                    # 12000 tickets … after that it sat at around 3000"
                    a, b = last, _with_unit(b, last.unit)
                    if b.is_duration and am.group(0) in ("after", "once") \
                            and _WHEN.fullmatch(window[:b.start]):
                        # a bare number right after "after", read in a duration's unit, is
                        # when, as "after 15 minutes" is: "the app says 10 minutes and it
                        # arrives after 25" sets a promise against what happened, no level the
                        # work moved (QA26 F1)
                        promised.append(ChangePair(last, b, False))
                        a = None
                if a is not None:
                    found = pair(a, b, False)
        # the baseline said after its result, in a clause of its own or after a comma of the
        # same one ("precision was at 91%, whereas before it had been about 78%")
        lm = None if found else (_LATE_BEFORE.search(text) if seen else None) \
            or _LATE_BEFORE_IN.search(text)
        # a level dated by the speaker's arrival is the start of the level said right before
        # it, in its clause or the one before ("down to 4 minutes. when I joined it was 9")
        arrival = None if found or lm else _BEFORE_ARRIVAL.search(text) \
            or _ARRIVAL_BEFORE.search(text) or _LEVEL_BEFORE_TAIL.search(text)
        if lm or arrival:
            lm = lm or arrival
            a = next((q for q in said_here if q.start == lm.end() and not q.noun), None)
            earlier = [q for q in here if q.end <= lm.start()]
            b = None if a is None else next(
                (q for q in reversed((last_said if arrival else seen) + earlier)
                 if (q.unit == a.unit or not a.unit and q.unit
                     or q.is_duration and a.is_duration)
                 # a limit is no level the work reached ("an alarm when a truck is above 14%
                 # moisture. | before the alarm, around 11% …": QA144 F2)
                 and not said_as_target(clause_of.get(id(q), text), q.start)), None)
            if a is not None and b is not None:
                n_out = len(out)
                found = pair(a, b, False)
                pieced.extend(out[n_out:])
        if not found and last_text is not None and len(last_said) == 1 \
                and _LEVEL_ONLY.fullmatch(last_text[:last_said[0].start]
                                          + last_text[last_said[0].end:]) \
                and LEVEL_WAS_WHERE.match(last_said[0].text + _WAS_WHERE_ALONE.sub("", text, 1)):
            # "… to around 54%. | 92%. | that was where we started before." (QA86 F1): the
            # level said on its own, then said to be where things stood
            a = last_said[0]
            b = next((q for q in reversed(seen) if q is not a and q.unit not in ("points", "x")
                      and (q.unit == a.unit or not (q.unit and a.unit))), None)
            if b is not None:
                found = pair(a, b, False, marked=True)
        wm = None if found else LEVEL_WAS_WHERE.search(text)
        if wm is not None and (a := next((q for q in said_here if q.start == wm.start("before")),
                                         None)) is not None:
            # the level said to be where things stood, against the level said last: "ended at
            # 81, … 78 was where it was stuck before" is 78 → 81 (QA73 F3)
            b = next((q for q in reversed(seen + [q for q in said_here if q.end <= a.start])
                      if q is not a and q.unit not in ("points", "x")  # a level, no change
                      and (q.unit == a.unit or not (q.unit and a.unit))), None)
            if b is not None:
                found = pair(a, b, False, marked=True)
        cm = None if found else _CHANGED_TO.search(text)
        if cm and not ROLLOUT.search(text[:cm.end()]):
            b = next((q for q in said_here if q.start >= cm.end()), None)
            if b is not None and b.start == cm.end() and b.is_metric and b.unit \
                    and not said_as_share(text, b.start, b.end):
                # the nearest level in the same unit: in the clause ("after 6 weeks, the rate
                # dropped to 7%" passes over the 6 weeks), else said before
                earlier = [q for q in here if q.end <= cm.start()]
                # … of the thing the change names first: "late deliveries were at 27%. more
                # than 1 in 4 parcels missed … late deliveries fell to 12%" is 27% → 12%
                said = of_subject_first([*reversed(earlier), *reversed(seen)],
                                        changed_subject(text[:cm.end()]),
                                        {**lead_of, **{id(q): text[:q.start] for q in earlier}},
                                        {**clause_of, **{id(q): text for q in earlier}})
                # … never a level said of another thing the change does not name ("that ring
                # was behind about 40% of the fraud … precision climbed to 72%": QA43 F1); a
                # level said of "it" may be of the metric ("it was closer to 0.4")
                name = named_metric(text[:b.start])
                leads = {**lead_of, **{id(q): text[:q.start] for q in earlier}}
                clauses_of = {**clause_of, **{id(q): text for q in earlier}}
                a = next((q for q in said if (q.unit == b.unit or q.is_duration and b.is_duration)
                          and (_SAID_OF_IT.search(leads.get(id(q), "")) is not None
                               or not other_metric(clauses_of.get(id(q), ""), name, q.unit))),
                         None)  # "4 seconds" → "800 ms"
                if a is not None and pair(a, b, False) and cm.group("back"):
                    # an excursion, then the recovery: "went up to 9 a day … came back down to
                    # 1.8 a day" — the level it went to is the baseline of the fix
                    out[:] = [p for p in out if p.after.value != a.value or p.before.value == a.value
                              or p.after.unit != a.unit]
            elif b is not None and b.start == cm.end() and not (b.unit or b.noun):
                # a bare end of a metric named with its level before: "recall maybe 60%. …
                # recall went to around 90" is 60% → 90%
                name = _metric_word(text[:cm.start()]) or _score_word(text[:cm.start()])
                a = next((q for q, before in reversed(named) if (q.unit or "." in q.text and "." in b.text)
                          and name and name in before.split()), None)
                if a is not None:
                    pair(a, b, False)
        rm = None if found else SAID_REACHED.search(text)
        if rm and "." in rm.group("after"):
            # a score reached, named after or before it: "the macro f1 was 0.71 with the old
            # model … the small model reached 0.81 macro f1" is 0.71 → 0.81
            b = next((q for q in said_here if q.start == rm.start("after")), None)
            names = {_score_word(text[:rm.start()]), *(re.findall(r"[a-z]*\d*[a-z]+\d*", text[rm.end(
                "after"):])[:2])} - {""} - _NOT_NOUN_WORDS
            a = next((q for q, ctx in reversed(context) if "." in q.text and not q.unit
                      and names & set(ctx.split()[-4:])), None) \
                if b is not None and not b.unit else None
            if a is not None:
                found = pair(a, b, False)
        # an exposure ("canary at 5% of those queries") or a share ("maybe 6% of traffic") is
        # no level a later change starts from
        here = [q for q in here if not (ROLLOUT.search(text[:q.start])
                                        or _CANARY.search(text[:q.start])
                                        or HELD_AT.search(text[:q.start])
                                        or said_as_share(text, q.start, q.end)
                                        or said_as_target(text, q.start)
                                        or set_by_speaker(text, q.start)
                                        # a change's amount ("dropped by roughly 1.8 days") is
                                        # no level a later one pairs with (QA67 F2)
                                        or _BY_AMOUNT.search(text, max(0, q.start - 50),
                                                             q.start))]
        named.extend((q, " ".join(text[:q.start].split()[-5:])) for q in here)
        context.extend((q, text[:q.start]) for q in here if q.unit != "x")
        clause_of.update((id(q), text) for q in here)
        lead_of.update((id(q), text[:q.start]) for q in here)
        seen.extend(here)
        # … and a bare number that can be a percent's level ("before, we were at 31,")
        levels_said.extend(q for q in said_here if q in here or not (q.unit or q.noun) and (
            0 <= q.value <= 100 and not _BY_AMOUNT.search(text, max(0, q.start - 50), q.start)))
        last_said, last_text = said_here, text
    # a baseline starts one change: a change said from it in so many words ("before the alarm,
    # around 11% … | after the alarm, it went down from 11% to 4%") wins over the level said
    # before it that the late baseline was set against (QA144 F2)
    out = [p for p in out if not any(p is q for q in pieced) or not any(
        o.before.value == p.before.value and o.before.unit == p.before.unit
        and not any(o is q for q in pieced) and not o.derived for o in out)]
    # an end worked out from a change and said in a later clause is said, never "(worked out)":
    # "dropped by 20 points, to around 3%. Before the fix it was 23%" (QA35 F3)
    out = [p._replace(computed="", before=p.before._replace(
        hedge=said.hedge, vague=said.vague, text=said.text)) if p.computed == "before" and (
        said := next((q for q in seen if q.value == p.before.value and q.unit == p.before.unit
                      and q.is_metric), None)) is not None else p for p in out]
    return SaidChanges(out, promised)


# the dots Whisper writes for a pause: a thinking pause before a number ("the error went
# from... 11 minutes to 6", "it was... about 12%") is inside the sentence (QA130 F4)
PAUSE_DOTS = r"(?:\.\.\.|…)"
_NUMBER_NEXT = rf"{APPROX}[$€£]?\d"  # a number, hedged or not, in normalised text
_PAUSE_INSIDE = re.compile(rf"{PAUSE_DOTS}(?=\s+{_NUMBER_NEXT})", re.IGNORECASE)


def number_follows(tokens: Sequence[str], j: int) -> bool:
    """Tokens `j`… say a number, hedged or not ("twelve", "about 12%"), as `said_sentences`
    reads them."""
    return re.match(_NUMBER_NEXT, normalize_numbers(" ".join(tokens[j:j + 4])).lower()) is not None


def said_sentences(text: str) -> list[str]:
    """The answer's sentences as the number readers see them: numbers normalised ("1.2M"), lower
    case, split at sentence ends and at ", and / which / so"; the dots of a thinking pause
    before a number are no end of one."""
    norm = _PAUSE_INSIDE.sub("", normalize_numbers(text))
    norm = re.sub(r"(?<=\d)([mbkt])\b", lambda m: m.group(1).upper(), norm.lower())
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|,\s+(?=and |which |so )", norm)
            if s.strip()]
