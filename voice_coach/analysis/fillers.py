"""Filler detection over Whisper words: hesitation sounds and lexical fillers used as fillers.

Hesitations ("um", "uh", "er", "ah", "hmm", "mm" and Whisper's spellings "Umm", "Uh,", "Hmm…")
are always fillers. Lexical fillers ("like", "you know", "I mean", "sort of", "kind of",
"basically", "actually") count only when the context says they are fillers: "it was, like,
huge" and "you know, we shipped" are; "I like Python", "looks like", "would like",
"do you know", "what kind of model" and "it actually worked" are not. The rules read the
punctuation Whisper writes (commas, sentence ends) and the neighbouring words; cue lists are
data at the top of the module. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from voice_coach.transcriber import Word


class Filler(NamedTuple):
    """One filler: canonical text ("um", "you know", …), start and end in seconds (None =
    unknown), and who found it: "whisper" (a transcribed word), "acoustic" (the sound alone) or
    "whisper+acoustic" (a transcribed hesitation the sound confirmed and timed)."""

    text: str
    start: float | None
    end: float | None = None
    source: str = "whisper"


HESITATIONS: dict[str, str] = {  # spelling (lower case, letters only) → canonical filler
    "um": "um", "umm": "um", "ummm": "um", "uhm": "um", "erm": "um",
    "uh": "uh", "uhh": "uh", "uhhh": "uh", "eh": "uh",
    "er": "er", "err": "er",
    "ah": "ah", "ahh": "ah", "ahhh": "ah",
    "hmm": "hmm", "hm": "hmm", "hmmm": "hmm",
    "mm": "mm", "mmm": "mm", "mhm": "mm",
}

# Verbs of seeming: "like" after them is a preposition ("looked like a fault"), even before a
# number word ("looks like a hundred").
LIKE_SEEMING_VERBS = frozenset("""
look looks looked looking seem seems seemed sound sounds sounded feel feels felt feeling
smell smells taste tastes
""".split())
# Words after which "like" is a verb or a preposition, never a filler ("I like", "looks like").
LIKE_LEXICAL_BEFORE = LIKE_SEEMING_VERBS | frozenset("""
i you we they he she it who people everyone nobody somebody anyone one don't doesn't didn't
do does did would 'd i'd you'd we'd they'd he'd she'd should could might may will 'll to not
something anything nothing things stuff more less much just exactly
really also very most least is was are were be been being am 's it's that's
""".split())
# Words right after "like" that make it a verb/preposition reading ("like to", "like this"):
# a determiner opens the noun phrase "like" introduces ("something like that, like a mobile").
LIKE_LEXICAL_AFTER = frozenset("""
to this that these those a an the my your our their his her its some any
""".split())

# "like I said" / "like I told you" / "like we discussed" is the connective "as I said" that points
# back to something said before (QA15 F04), not a filler: "like", a subject, at most
# `SAYING_AUX_WORDS` auxiliaries or adverbs ("was", "'ve", "just", "already"), then a verb of
# saying. A modal ("like I could tell you") or any other verb leaves the other rules to decide.
SAYING_SUBJECTS = frozenset("i we you they he she i've we've you've they've i'd we'd".split())
SAYING_AUX = frozenset("""
was were have has had 've 'd just already also previously earlier before kind sort of
""".split())
SAYING_AUX_WORDS = 2
SAYING_VERBS = frozenset("""
say says said saying tell tells told telling mention mentions mentioned mentioning
explain explains explained explaining describe described describing note noted noting
discuss discussed discussing state stated stating write wrote written show showed shown
point pointed promise promised agree agreed suggest suggested put
""".split())

# ", like X or Y" / ", like X." names examples ("such as"), not a filler: after a comma, "like"
# followed within `LIKE_EXAMPLE_WORDS` words by a list joiner or the end of the clause — unless
# the next word opens a clause or a hedge (", like we had to", ", like maybe two weeks", ", like
# 300 ms"), which is the filler "like".
LIKE_EXAMPLE_WORDS = 4
LIKE_LIST_JOINERS = frozenset("or and etc".split())
LIKE_CLAUSE_OR_HEDGE_AFTER = frozenset("""
i you we they he she it there i'm you're we're they're he's she's it's there's that's
so then just really maybe about around almost nearly roughly literally totally basically
actually not no yes yeah kind sort
""".split())

# "you know" is a real verb phrase after these ("do you know", "if you know", "as you know").
YOU_KNOW_LEXICAL_BEFORE = frozenset("""
do did does don't didn't if as what how would will could should can when whether because
that so-that let let's unless until once
""".split())
# … or when an object or clause follows without a comma ("you know the answer").
YOU_KNOW_LEXICAL_AFTER = frozenset("""
what how why where when who whom whether if that the a an this these those it him her them me
us about of your my his our their which
""".split())

# "I mean" is lexical after these ("what I mean is"). Without a comma after it, it is a filler
# only when a clause starts right after it ("I mean we shipped late", "I mean so …"); any other
# word is what the speaker means ("I mean exactly what I say", "I mean it", "I mean business").
I_MEAN_LEXICAL_BEFORE = frozenset("what when if do did that".split())
I_MEAN_CLAUSE_AFTER = frozenset("""
i we they he she there i'm we're they're she's it's that's there's i've we've they've
i'd we'd they'd i'll we'll they'll so and but or because like yeah yes no well honestly
basically anyway
""".split())

# "kind of"/"sort of" hedge a predicate: after a pronoun, an auxiliary or copula, an adverb or a
# conjunction ("it was kind of slow", "we sort of guessed", "and kind of"), or after a clause
# break. After a noun ("options kind of recording") or a determiner ("a kind of model", "what
# kind of") it names a type and is not a filler.
KIND_OF_HEDGE_BEFORE = frozenset("""
i you we they he she it one i'm you're we're they're he's she's it's that's there's
is was are were be been being am 's 're 'm 've 'd have has had do does did would could should
will can might may must just really also still even only pretty so and but or then which who
get got gets getting
""".split())

# "basically"/"actually" are fillers only as a sentence opener or between commas.
SENTENCE_ADVERBS = frozenset({"basically", "actually"})
SENTENCE_OPENERS = frozenset("so and but well okay ok yeah yes no right".split())

# Whisper, primed with a filler prompt, sometimes loops ("uh, uh, uh") or writes fillers it did
# not hear; those tokens carry near-zero word probability (measured on the shared clips:
# invented "uh" 0.00-0.01, real "um"/"uh" 0.12-0.73). Fillers below this are dropped.
MIN_FILLER_PROBABILITY = 0.05
SHORT_WORD_S = 0.05  # a recognised word stamped shorter than this has no usable time span

_SENTENCE_END = (".", "?", "!")
_PAUSE_PUNCT = (",", ";", ":", "—", "–", "-", "…", "...")
_TOKEN_RE = re.compile(r"[^\w'\-]+")


def normalize(text: str) -> str:
    """Lower-case a word and strip surrounding punctuation (keeps inner ' and -)."""
    return _TOKEN_RE.sub("", text.lower().replace("’", "'")).strip("-'")


def is_hesitation(text: str) -> bool:
    """True for "um", "Uh,", "Hmm…", "umm" and similar non-lexical hesitation sounds."""
    return normalize(text) in HESITATIONS


def is_filler_token(words: Sequence[Word | str], i: int) -> bool:
    """True when word `i` is (part of) a filler in this context."""
    return filler_mask(words)[i]


def _text(w: Word | str) -> str:
    return w if isinstance(w, str) else w.text


def _start(w: Word | str) -> float | None:
    return None if isinstance(w, str) else float(w.start)


def _ends_clause(raw: str) -> bool:
    s = raw.rstrip()
    return s.endswith(_SENTENCE_END) or s.endswith(_PAUSE_PUNCT)


def _ends_sentence(raw: str) -> bool:
    return raw.rstrip().endswith(_SENTENCE_END)


def _match(words: Sequence[Word | str], extra: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """(first index, number of tokens, canonical text) of every filler, in order; `extra`:
    the user's own filler words (`fillers.words`, see `user_filler_at`)."""
    raw = [_text(w) for w in words]
    norm = [normalize(t) for t in raw]
    n = len(norm)
    out: list[tuple[int, int, str]] = []
    phrases = sorted({tuple(normalize(t) for t in p.split()) for p in extra if p.split()},
                     key=len, reverse=True)

    def prev_raw(i: int) -> str | None:
        return raw[i - 1] if i > 0 else None

    def prev(i: int) -> str | None:
        return norm[i - 1] if i > 0 else None

    def nxt(i: int) -> str | None:
        return norm[i] if i < n else None

    def open_before(i: int) -> bool:
        """Start of text/sentence, after a comma-like break, or after a hesitation."""
        p = prev_raw(i)
        return p is None or _ends_clause(p) or norm[i - 1] in HESITATIONS

    def sentence_start(i: int) -> bool:
        p = prev_raw(i)
        if p is None or _ends_sentence(p):
            return True
        # "So basically, …": an opener word right at a sentence start
        return (norm[i - 1] in SENTENCE_OPENERS
                and (i - 1 == 0 or _ends_sentence(raw[i - 2]) or _ends_clause(raw[i - 2])))

    i = 0
    while i < n:
        w = norm[i]
        if not w:
            i += 1
            continue
        if w in HESITATIONS:
            out.append((i, 1, HESITATIONS[w]))
            i += 1
            continue
        k = user_filler_at(norm, raw, i, phrases)
        if k:
            out.append((i, k, " ".join(norm[i:i + k])))
            i += k
            continue
        if w == "yknow" or w == "y'know":
            out.append((i, 1, "you know"))
            i += 1
            continue
        two = i + 1 < n and norm[i + 1]
        if w == "you" and two == "know":
            after, before = nxt(i + 2), prev(i)
            comma_after = _ends_clause(raw[i + 1]) or after is None or after in HESITATIONS
            lexical_before = before in YOU_KNOW_LEXICAL_BEFORE and not (
                prev_raw(i) is not None and _ends_clause(prev_raw(i)))
            if not lexical_before and (comma_after or after not in YOU_KNOW_LEXICAL_AFTER):
                out.append((i, 2, "you know"))
                i += 2
                continue
        if w == "i" and two == "mean":
            after, before = nxt(i + 2), prev(i)
            comma_after = _ends_clause(raw[i + 1]) or after is None
            if before not in I_MEAN_LEXICAL_BEFORE and (
                    comma_after or (open_before(i) and (after in I_MEAN_CLAUSE_AFTER
                                                        or after in HESITATIONS))):
                out.append((i, 2, "i mean"))
                i += 2
                continue
        if w in ("kind", "sort") and two == "of":
            before = prev(i)
            if before is not None and (before in KIND_OF_HEDGE_BEFORE or open_before(i)):
                out.append((i, 2, f"{w} of"))
                i += 2
                continue
        if w == "like" and _points_back(norm, raw, i):
            i += 1  # "like I said": the connective "as I said"
            continue
        if w == "like":
            after, before = nxt(i + 1), prev(i)
            comma_before = prev_raw(i) is not None and _ends_clause(prev_raw(i))
            comma_after = _ends_clause(raw[i])
            next_filler = after in HESITATIONS or after == "like"
            prev_filler = before in HESITATIONS or (out and out[-1][0] + out[-1][1] == i)
            if comma_before and comma_after:
                is_f = True  # "it was, like, huge"
            elif comma_after and (before is None or before not in LIKE_LEXICAL_BEFORE):
                is_f = True  # "Like, we had…", "and like, …"
            elif next_filler or prev_filler:
                is_f = True  # "like um", "um like", "like like"
            elif comma_before and after not in LIKE_LEXICAL_AFTER and before is not None:
                # ", like we had to" is a filler; ", like shoes or kitchen" names examples
                is_f = before not in LIKE_LEXICAL_BEFORE and not _names_examples(norm, raw, i)
            else:
                is_f = False
            if is_f:
                out.append((i, 1, "like"))
                i += 1
                continue
        if w in SENTENCE_ADVERBS:
            comma_after = _ends_clause(raw[i])
            if sentence_start(i) or (open_before(i) and comma_after):
                out.append((i, 1, w))
                i += 1
                continue
        i += 1
    return out


def _points_back(norm: Sequence[str], raw: Sequence[str], i: int) -> bool:
    """True when "like" at `i` opens "like I said" / "like we've discussed" (`SAYING_VERBS`),
    read without a clause break inside ("Like, you tell us" is the filler "like")."""
    j = i + 1
    if j >= len(norm) or norm[j] not in SAYING_SUBJECTS or _ends_clause(raw[i]):
        return False
    j += 1
    for _ in range(SAYING_AUX_WORDS):
        if j < len(norm) and norm[j] in SAYING_AUX and not _ends_clause(raw[j - 1]):
            j += 1
    return j < len(norm) and norm[j] in SAYING_VERBS and not _ends_clause(raw[j - 1])


def user_filler_at(norm: Sequence[str], raw: Sequence[str], i: int,
                   phrases: Sequence[tuple[str, ...]]) -> int:
    """Tokens of the user's filler phrase starting at `i` (0: none). A phrase counts wherever
    Whisper writes it ("este", "o sea", "pues"), except a one-letter word ("a"), which counts
    only when set off by a comma or sentence end ("A, the result first") — the article never is.
    """
    for ph in phrases:
        k = len(ph)
        if tuple(norm[i:i + k]) != ph:
            continue
        if k == 1 and len(ph[0]) == 1 and not _ends_clause(raw[i]):
            continue
        return k
    return 0


def _names_examples(norm: Sequence[str], raw: Sequence[str], i: int) -> bool:
    """True when "like" at `i` introduces examples ("such as"): see `LIKE_LIST_JOINERS`."""
    after = norm[i + 1] if i + 1 < len(norm) else None
    if (not after or after in LIKE_CLAUSE_OR_HEDGE_AFTER or after in HESITATIONS
            or after[:1].isdigit()):
        return False
    for j in range(i + 1, min(len(norm), i + 1 + LIKE_EXAMPLE_WORDS)):
        if norm[j] in LIKE_LIST_JOINERS and j > i + 1:
            return True
        if _ends_clause(raw[j]):
            return True
    return False


def _kept(words: Sequence[Word | str], extra: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """Matches minus fillers Whisper wrote with near-zero probability. Repeats all count:
    "uh, uh, uh" is three hesitations (true duplicates — one sound emitted twice — are removed
    by the transcriber, `transcriber.is_duplicate`)."""
    return [(i, k, text) for i, k, text in _match(words, extra)
            if isinstance(words[i], str) or float(words[i].probability) >= MIN_FILLER_PROBABILITY]


def filler_mask(words: Sequence[Word | str], extra: Sequence[str] = ()) -> list[bool]:
    """One flag per word: True when the word is (part of) a filler, or a dropped filler artefact
    (fillers never count as words); `extra`: the user's own filler words (`fillers.words`)."""
    mask = [False] * len(words)
    for i, k, _ in _match(words, extra):
        for j in range(i, i + k):
            mask[j] = True
    return mask


def find_fillers(words: Sequence[Word | str], extra: Sequence[str] = ()) -> list[Filler]:
    """Fillers in `words` (Whisper `Word`s, or plain tokens for text-only use), in order;
    `extra`: the user's own filler words and phrases (config `fillers.words`).

    Fillers Whisper wrote with probability below `MIN_FILLER_PROBABILITY` are dropped; every
    repeat counts ("uh, uh" is two).

    Returns:
        `Filler(text, start, end)` with canonical text ("um", "uh", "like", "you know", …), the
        start of its first and the end of its last word in seconds (None for plain tokens).
    """
    out = []
    for i, k, text in _kept(words, extra):
        last = words[i + k - 1]
        out.append(Filler(text, _start(words[i]),
                          None if isinstance(last, str) else float(last.end)))
    return out


def improbable_fillers(words: Sequence[Word]) -> list[Filler]:
    """The fillers `find_fillers` drops as improbable (Whisper guessed "um" at probability
    below `MIN_FILLER_PROBABILITY`): a hint of what a sound found acoustically was."""
    return [Filler(text, float(words[i].start), float(words[i + k - 1].end))
            for i, k, text in _match(words)
            if float(words[i].probability) < MIN_FILLER_PROBABILITY]


def improbable_mask(words: Sequence[Word]) -> list[bool]:
    """One flag per word: True for a word of a filler `find_fillers` drops as improbable (an
    artefact of the filler prompt, not a sound the speaker made), so a transcript that does not
    count it does not print it either."""
    mask = [False] * len(words)
    for i, k, _ in _match(words):
        if float(words[i].probability) < MIN_FILLER_PROBABILITY:
            mask[i:i + k] = [True] * k
    return mask


def tokens(text: str) -> list[str]:
    """Split plain text into word tokens that keep their punctuation (for text-only use)."""
    return text.split()


# A one-letter word set off by punctuation at the start of a clause ("A, the result first.",
# "S, the situation was …", "O, C, I will …") is how Whisper's English model writes a sound it
# could not spell — typically a hesitation in the speaker's first language ("eh", "este", "o
# sea"), QA15 F05. English has no such word ("I" aside; the article "a" never takes a comma), so
# these tokens are a sign that fillers were heard but not counted. They are never counted as
# fillers themselves (their sound is unknown): the report says fillers may be missed.
# The same holds for any token English punctuation cannot produce (QA16 F07: "este", "o sea",
# "pues" written as "As,", "you,", "on a, as,"): a short word standing as a clause of its own
# ("…the training data, you, it's …", "As, underfitting …") that is no English word said alone,
# and an article followed by a comma ("on a, as"), which English never writes.
UNSPELLED_MIN = 2  # this many in one answer make the report say fillers may be missed
STRAY_MAX_LETTERS = 4  # a one-word clause this short or shorter may be an unspelled sound
# words that stand alone as a clause in English ("So, …", "Yes, …", "Now, …")
_ALONE = frozenset("so well yes no yeah yep nope okay ok now then sure right also and but or nor "
                   "plus first next last again here there oh ah hmm see look wait true fine thus "
                   "hence sir hi hey bye nice cool wow zero one two four five six nine ten none i".split())
_ARTICLES = frozenset(("a,", "an,", "the,"))  # as written, lower case: "plan A," names a thing


def unspelled_fillers(words: Sequence[Word | str], extra: Sequence[str] = ()) -> list[int]:
    """Indices of tokens that are sounds Whisper could not spell, not counted fillers (`extra`
    = the user's own filler words): one-letter clause openers set off by punctuation ("A,",
    "S,", "O."), short one-word clauses that are no English word said alone ("As,", "you,"
    between clauses) and articles followed by a comma ("a,")."""
    raw = [_text(w) for w in words]
    norm = [normalize(t) for t in raw]
    counted = filler_mask(words, extra)
    out = []
    for i, w in enumerate(norm):
        if not w.isalpha() or counted[i] or not _ends_clause(raw[i]):
            continue
        if len(w) > 1 and i + 1 < len(norm) and (counted[i + 1] or norm[i + 1] in HESITATIONS):
            continue  # "the, um, …": a word broken off before a filler heard and counted
        opens = i == 0 or _ends_clause(raw[i - 1]) or norm[i - 1] in HESITATIONS
        if len(w) == 1 and _letter_run(raw, norm, i) >= LETTER_LIST_MIN:
            continue  # "a, b, a, c, a, b": letters spelled as a list, an input said (QA92 F7)
        if len(w) == 1 and w != "i" and opens and not _repeated(norm, i):
            out.append(i)  # ("a, a" is the article said twice, a restart: QA115 F7)
            continue
        if not raw[i].rstrip().endswith(",") or _repeated(norm, i) or _listed(raw, norm, i):
            continue  # "the, the model" is a restart; "crop, flip, rotate" a list
        if raw[i].strip() in _ARTICLES or (1 < len(w) <= STRAY_MAX_LETTERS and w not in _ALONE
                                           and opens):
            out.append(i)
    return out


LETTER_LIST_MIN = 3  # one-letter tokens in a row, set off by commas: a list spelled out


def _letter_run(raw: Sequence[str], norm: Sequence[str], i: int) -> int:
    """How many one-letter tokens set off by commas run through token `i` ("a, b, a, c")."""
    def letter(j: int) -> bool:  # a letter with a comma after it, or after one before it
        return 0 <= j < len(raw) and len(norm[j]) == 1 and norm[j].isalpha() \
            and norm[j] != "i" and (raw[j].rstrip().endswith(",")
                                    or j > 0 and raw[j - 1].rstrip().endswith(","))
    if not letter(i):
        return 0
    a = b = i
    while letter(a - 1):
        a -= 1
    while letter(b + 1):
        b += 1
    return b - a + 1


def _repeated(norm: Sequence[str], i: int) -> bool:
    return (i > 0 and norm[i - 1] == norm[i]) or (i + 1 < len(norm) and norm[i + 1] == norm[i])


def _listed(raw: Sequence[str], norm: Sequence[str], i: int) -> bool:
    """Token `i` is an item of a list of short words ("crop, flip, rotate"): the next word is
    such an item too, or the two before it are (a short word followed by a comma, not one said
    alone, not an article). One clause ending before it ("the model, Nay,") is no list."""
    def item(j: int) -> bool:
        return 0 <= j < len(raw) and raw[j].rstrip().endswith(",") and norm[j].isalpha() \
            and len(norm[j]) <= 2 * STRAY_MAX_LETTERS and norm[j] not in _ALONE \
            and raw[j].strip().lower() not in _ARTICLES
    return item(i + 1) or (item(i - 1) and i >= 2 and raw[i - 2].rstrip().endswith(","))
