"""A story's automatic title: a short window of the candidate's own words, well heard and about
the story.

Pure functions, no I/O. `token_probabilities` lines a transcript's words (Whisper's word
probabilities) up with the whitespace tokens of its text; `story_title` picks the window:

- candidates are windows of up to `TITLE_MAX_WORDS` words inside one clause of one of the
  story's tellings (answers, oldest first), never across a word Whisper heard with probability
  under `MISHEARD_PROBABILITY` ("accentent" 0.19, "kagish" 0.29): such a word is a break, so a
  misheard word never makes the title;
- a window scores the distinct topic words it holds — words said in two or more of the story's
  tellings (+1; with one telling: said more than once in it), repeated only inside one telling
  of several (+0.5), names (+0.5), other content words (+0.25) — times the mean probability of
  its words (1 where it is not known: a typed transcript, an older session), less 10 % per later
  clause and per later telling, so a story is named where it is first told unless a later
  telling says its topic clearly better.

The title depends on the story's own tellings only (never on the other stories), so it stays
put as the bank grows and through `tune`; it changes when a telling joins or leaves the story.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.story_similarity import features, name_vocabulary
from voice_coach.analysis.vocabulary import SPOKEN_HEDGES, VAGUE_AMOUNTS

__all__ = ["MISHEARD_PROBABILITY", "TITLE_MAX_WORDS", "TitleSource", "split_word", "story_title",
           "token_probabilities"]

TITLE_MAX_WORDS = 8
TITLE_MIN_WORDS = 3  # a shorter stretch between misheard words is no title
TITLE_MIN_CONTENT = 2  # …nor one naming fewer things ("Instead of arguing")
TITLE_LEAD_WORDS = 2  # …plus the words its first word belongs to ("a seven billion …")
# Whisper's word probability is close to the chance the word was heard right (docs/stories.md
# "Titles": 69 % of words under 0.2 were wrong, 4 % of those over 0.95): a word under this is
# taken as misheard and never makes a title; any other word costs its chance of being wrong
MISHEARD_PROBABILITY = 0.3
MISHEARD_COST = 2.0  # per unit of probability a word falls short of SURE
SURE = 0.8
TOPIC_WEIGHT = 1.0  # a word said in several tellings (or repeated in the only one)
REPEAT_WEIGHT = 0.5  # a word repeated inside one telling of several
NAME_WEIGHT = 0.5  # a proper name ("Harborbank") makes a title recognisable
WORD_WEIGHT = 0.25  # any other content word
# a noun naming a thing the work built or changed ("model", "pipeline", "scorecard"): a title
# that holds one says what the project was, not where or who ("My last company", "The machine
# learning engineer": QA37 F10, QA38 F6, QA39 F8)
WORK_WEIGHT = 0.75
WORK_NOUNS = frozenset("""model models system systems classifier classifiers forecast forecasts
forecaster pipeline pipelines tool tools assistant scorecard detector detection engine service
platform chatbot bot dashboard migration ranker ranking recommender recommendations search
index agent summariser summarizer tagger router scoring rules alerts alerting
evaluation benchmark""".split())
LATER_CLAUSE = 0.1  # each later clause weighs 10 % less: a story is named where it starts
LATER_TELLING = 0.1  # …and each later telling 10 % less: the first telling names it

_LEAD = re.compile(r"^(?:and|so|but|because|then|which|that|or|also|well)[,]?$", re.I)
# words a title never ends on: they promise a word the window cut off ("… customers within")
_TAIL = frozenset("a an the and or but so of for to in on at by with within from into while "
                  "than that which who my our their its was were is are had has have".split())
# a word before the window that belongs to its first word ("seven billion parameter …",
# "my task …", "I was …"): the title takes it along
_MODIFIER = frozenset("my our their his her its a an the this i we they he she".split())
_NAME_PREPOSITION = frozenset("in at for with from on".split())  # "At Harborbank …"
_CLAUSE_END = re.compile(r"[,.;:!?]$")
# a word a whole phrase may stand next to: a title starting after it or ending before it cuts
# no phrase ("… the click model was badly" cuts "badly calibrated"; QA7 F12)
PHRASE_EDGE = frozenset("""a an the and or but so because which that who whom whose when while
where with for to in on at by from into of than after before as until since during about over
under without within through across against per via is was were are had has have will would
could should can did do does then also i we he she they it you my our their his her its this
these those not""".split())
CUT_COST = 0.5  # a title that starts or ends inside a phrase, per cut end

# A title names the project as a noun phrase ("the promotion forecast model"), not a clause ("we
# had to move fast", "At Tallyline I inherited an on-call rota"): a word that makes a clause —
# a subject pronoun, a form of be / have / do or a modal, a past-tense verb — breaks the
# stretch a title is taken from (as a misheard word does), and a title never starts on a
# preposition or conjunction. Only a story with no such noun phrase of two content words is
# named by a clause, as before (`story_title`).
_SUBJECT_WORDS = frozenset("""i we they he she you it there me us them him myself ourselves
themselves himself herself itself i'm i've i'd i'll we're we've we'd
we'll they're they've they'd he's he'd she's she'd you're you've it's there's there'd""".split())
_VERB_WORDS = frozenset("""am is are was were be been being had has have having do does did
will would could should can may might must shall won't wouldn't couldn't shouldn't can't didn't
doesn't don't isn't aren't wasn't weren't hadn't hasn't haven't got""".split())
# common irregular past tenses (a regular one ends in -ed)
_IRREGULAR_PAST = frozenset("""built made took went saw found gave told said ran led wrote brought
kept left lost sent spent thought came became began chose drove fell felt held knew met paid sold
stood taught understood won grew drew threw flew broke spoke woke rose shook struck sought caught
bought fought meant heard sat slept shot stuck forgot rebuilt rewrote overtook withdrew""".split())
# verbs whose infinitive after "to" is the clause's own predicate — what happened ("it started
# to give false alarms", "it kept … began to drop"), never the work's name as "my task was to
# recalculate safety stock" is
_ASPECT_VERBS = frozenset("""start starts started starting begin begins began begun beginning
continue continues continued continuing seem seems seemed tend tends tended appear appears
appeared happen happens happened used""".split())
# nouns that end in -ed
_ED_NOUNS = frozenset("speed need feed seed breed hundred bed shed red bred".split())
_RELATIVE = frozenset("that which who whom whose".split())  # words that open a relative clause
_SUBORDINATE = frozenset("because since although though whereas unless until".split())  # … and
#   a clause of reason or concession
# an article or possessive right after a content word starts a new noun phrase ("Predict | the
# buy rate …", "In Casa Forte | the safety stock …")
_PHRASE_START = frozenset("the a an our my their his your its these those".split())
# a participle after one of these describes a noun ("a retrained adapter"), it is no verb
_DETERMINERS = frozenset("""a an the my our their his her its your this these those each
every some any no one two three several many""".split())


# hedges and vague-amount idioms ("I'd say", "roughly", "a fair bit") say how sure or how much,
# never what the story is about: their words break a stretch as a misheard word does, so they
# never make a title (QA13 F15: two stories titled "A fair bit", the speaker's habit)
_IDIOM = re.compile("|".join(f"(?:{p})" for p in (*SPOKEN_HEDGES, *VAGUE_AMOUNTS)))


def idiom_words(words: Sequence[str]) -> list[bool]:
    """Per word of `words`: inside a hedge or a vague-amount idiom (`_IDIOM`)."""
    low = [w.strip(",.;:!?\"'()").lower().replace("\u2019", "'") for w in words]
    starts, pos = [], 0
    for w in low:
        starts.append(pos)
        pos += len(w) + 1
    inside = [False] * len(words)
    for m in _IDIOM.finditer(" ".join(low)):
        for k, a in enumerate(starts):
            if a < m.end() and m.start() < a + max(1, len(low[k])):
                inside[k] = True
    return inside


class TitleSource(NamedTuple):
    """One telling as the title reads it."""

    text: str  # the transcript, single-spaced
    # per whitespace token of `text`: Whisper's probability (the lowest of the words it spans),
    # None where not known; () for a transcript without words (typed, or an older session)
    heard: tuple[float | None, ...] = ()
    asked: str = ""  # the question it answers: its words name the question, not the story


def token_probabilities(text: str, words: Sequence[tuple[str, float]]
                        ) -> tuple[float | None, ...]:
    """Whisper's probability of each whitespace token of `text`: the lowest probability of the
    words (`(text, probability)` pairs, as transcribed) whose characters it holds, lined up
    character by character without spaces ("10%" is the words "10" and "%"); None for a token
    no word lines up with (text the words do not hold)."""
    tokens = text.split()
    if not words:
        return tuple(None for _ in tokens)
    t_chars, t_owner = [], []
    for i, tok in enumerate(tokens):
        t_chars += list(tok.lower())
        t_owner += [i] * len(tok)
    w_chars, w_owner = [], []
    for j, (w, _) in enumerate(words):
        w = "".join(w.split()).lower()
        w_chars += list(w)
        w_owner += [j] * len(w)
    out: list[float | None] = [None] * len(tokens)
    matcher = difflib.SequenceMatcher(None, t_chars, w_chars, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            i, p = t_owner[a + k], float(words[w_owner[b + k]][1])
            cur = out[i]
            out[i] = p if cur is None else min(cur, p)
    return tuple(out)


class _Window(NamedTuple):
    value: float
    words: tuple[str, ...]


def story_title(tellings: Sequence[TitleSource]) -> str:
    """The story's title: the best window of its tellings' words (module docstring); "(no
    words)" when there are none."""
    sources = [s for s in tellings if s.text.split()]
    if not sources:
        return "(no words)"
    names = name_vocabulary([s.text for s in sources])
    counts = [Counter(f[2:] for f in features(s.text, names) if f[0] in "wp") for s in sources]
    df = Counter(t for c in counts for t in c)
    name_set = {f[2:] for s in sources for f in features(s.text, names) if f[0] == "p"}

    def tokens(w: str) -> list[str]:
        return [f[2:] for f in features(w, names) if f[0] in "wp"]

    def weights(c: Counter[str], asked: str) -> dict[str, float]:
        echo = set(tokens(asked))  # "the deepest investigation I did" echoes the question, it
        # names no project (QA107 F10)
        out = {}
        for t, n in c.items():
            if len(sources) == 1:
                topic = TOPIC_WEIGHT * (n > 1)
            else:
                topic = TOPIC_WEIGHT if df[t] > 1 else REPEAT_WEIGHT * (n > 1)
            out[t] = 0.0 if t in echo else WORD_WEIGHT + topic + NAME_WEIGHT * (t in name_set)
        return out

    best = _Window(float("-inf"), ())
    # ignore what was heard only if every word was misheard; a lesson names the story only if
    # nothing else does
    # (a clause names the story only if no noun phrase does)
    # (a hedge or vague-amount idiom makes a title only if nothing else can)
    passes = ((True, False, True), (True, False, False), (True, True, True), (True, True, False),
              (False, False, True), (False, False, False), (False, True, True),
              (False, True, False))
    for idioms, (trust, lessons, phrases) in [(i, p) for i in (False, True) for p in passes]:
        for n, (src, c) in enumerate(zip(sources, counts)):
            w = weights(c, src.asked)
            for k, stretch in enumerate(_clauses(src, trust, lessons, phrases, idioms)):
                found = _best_window(stretch, w, tokens, phrases)
                if found is None:
                    continue
                value = found.value / (1 + LATER_CLAUSE * k) / (1 + LATER_TELLING * n)
                if value > best.value:
                    best = _Window(value, found.words)
        if best.words:
            break
    words = list(best.words)
    while len(words) > TITLE_MIN_WORDS and _LEAD.match(words[0]):  # "And I had …" → "I had …"
        words = words[1:]
    title = " ".join(words).strip(" ,.;:!?")
    return (title[:1].upper() + title[1:]) or "(no words)"


class _Stretch(NamedTuple):
    """Words of one clause between misheard words, with their probabilities."""

    words: list[tuple[str, float]]
    starts_clause: bool  # False: a misheard word comes just before it
    ends_clause: bool  # False: a misheard word comes just after it


# the lesson of a story, from its lead to the end of its sentence: "I learned that the latency
# budget decides the model" says what the candidate took away, not which project it was (QA8 F25)
_LESSON_LEAD = re.compile(r"^(?:and|so|but|well)?,? ?(?:i (?:have |also )?(?:learned|learnt)|"
                          r"the (?:main |key |big |biggest |real )?(?:lesson|takeaway)|"
                          r"my (?:main |key |big )?(?:lesson|takeaway)|what i (?:learned|learnt|"
                          r"took away)|lesson learned)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]$")
# "… the claim history and I added a human review": a conjunction before a subject starts a new
# clause, said without a comma; a title never runs across it
_JOINS = frozenset("and but so then".split())
_SUBJECTS = frozenset("i we they he she".split())


def makes_clause(words: Sequence[str], k: int) -> bool:
    """`words[k]` makes a clause rather than a noun phrase: a subject or object pronoun, a form
    of be / have / do, a modal, a past-tense verb (-ed or a common irregular one) not after a
    determiner ("we shipped", "Owned the model"; not "a retrained adapter"), or the "to" of an
    infinitive ("apps to inflate fares")."""
    w = words[k].strip(",.;:!?\"'()").lower().replace("\u2019", "'")
    if w in _SUBJECT_WORDS or w in _VERB_WORDS:
        return True
    if k > 1 and words[k - 1].lower() == "to" and makes_clause(words, k - 1) \
            and words[k - 2].strip("\"'()").lower() in _ASPECT_VERBS:
        return True  # the clause's own verb: "it started to give false alarms" (QA28 F7)
    if w == "to" and k + 1 < len(words) and not _CLAUSE_END.search(words[k]):
        # "to" before a verb ("apps to inflate fares"), not before a noun phrase ("to the
        # customer", "to 3%", "to Rotterdam") nor a gerund ("to running")
        nxt = words[k + 1].strip(",.;:!?\"'()")
        return bool(nxt) and nxt.islower() and nxt not in _DETERMINERS and not (
            nxt[:1].isdigit() or nxt.endswith(("ing", "s")))
    if "-" in w or not (w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4
                                                   and w not in _ED_NOUNS)):
        return False
    before = [x.strip(",.;:!?\"'()").lower() for x in words[max(k - 2, 0):k]]
    after_determiner = bool(before) and (before[-1] in _DETERMINERS or (
        before[-1].endswith("ly") and len(before) == 2 and before[0] in _DETERMINERS))
    return not (after_determiner and not _CLAUSE_END.search(words[k - 1]))


# a subject pronoun right before one of these makes no clause ("class if I for our sorting
# centres"): it is a piece of a word Whisper heard as several ("classifier")
_NO_VERB_AFTER = frozenset("for of from with at on in into our their the a an my".split())
_PIECE_MAX_CHARS = 3  # a middle piece ("if" of "class if I") is a short word


def split_word(words: Sequence[str]) -> set[int]:
    """Indices of `words` that are pieces of one word heard as several: a subject pronoun
    followed by a preposition or determiner (no clause can go on so: "… class if I for our …"),
    with the short word and the word before it, when no punctuation parts them ("class",
    "if"). A title never ends on such a piece (QA30 F6: "The damaged parcel class")."""
    low = [w.lower() for w in words]
    out: set[int] = set()
    for k in range(1, len(words) - 1):
        if low[k] not in _SUBJECTS or _CLAUSE_END.search(words[k]) \
                or _CLAUSE_END.search(words[k - 1]) \
                or low[k + 1].strip(",.;:!?\"'") not in _NO_VERB_AFTER:
            continue
        piece = {k}
        j = k - 1
        if len(low[j]) <= _PIECE_MAX_CHARS and low[j] not in _DETERMINERS and j > 0 \
                and not _CLAUSE_END.search(words[j - 1]):
            piece |= {j, j - 1}  # "class if" before "I"
        out |= piece
    return out


def _clauses(src: TitleSource, trust: bool, lessons: bool = True,
             phrases: bool = False, idioms: bool = True) -> list[_Stretch]:
    """The telling's clauses (split after , . ; : ! ?) as stretches of (word, probability)
    pairs; with `trust`, a misheard word also ends a stretch and is left out; without
    `lessons`, the sentence that states the lesson is left out; with `phrases`, a word that
    makes a clause (`makes_clause`) ends a stretch too, so what is left is noun phrases; without
    `idioms`, a hedge or vague-amount idiom (`idiom_words`) ends a stretch and is left out."""
    heard = list(src.heard) + [None] * (len(src.text.split()) - len(src.heard))
    words = src.text.split()
    for k in split_word(words):  # a word heard as pieces is misheard, whatever its probability
        heard[k] = 0.0
    skip = [False] * len(words)
    idiom = [False] * len(words) if idioms else idiom_words(words)
    if not lessons:
        start = 0
        for i, word in enumerate(words):
            if _SENTENCE_END.search(word) or i == len(words) - 1:
                if _LESSON_LEAD.match(" ".join(words[start:i + 1])):
                    skip[start:i + 1] = [True] * (i + 1 - start)
                start = i + 1
    out: list[_Stretch] = []
    clause: list[tuple[str, float]] = []
    starts = True
    for k, (word, p, skipped) in enumerate(zip(words, heard, skip)):
        if (clause and word.lower() in _JOINS and k + 1 < len(words)
                and words[k + 1].strip(",.;:!?\"'").lower() in _SUBJECTS):
            out.append(_Stretch(clause, starts, True))
            clause, starts = [], True
        if skipped:
            if clause:
                out.append(_Stretch(clause, starts, False))
            clause, starts = [], True
            continue
        prob = 1.0 if p is None else p
        if idiom[k] or (phrases and makes_clause(words, k)):
            if clause:
                out.append(_Stretch(clause, starts, True))
            clause, starts = [], True
            continue
        if (phrases and clause and word.lower() in _PHRASE_START
                and clause[-1][0].strip("\"'()").lower() not in PHRASE_EDGE
                and not _names_employer(words, k - 1)):
            out.append(_Stretch(clause, starts, True))
            clause, starts = [], True
        if trust and prob < MISHEARD_PROBABILITY:
            if clause:
                out.append(_Stretch(clause, starts, False))
            clause, starts = [], False
            continue
        clause.append((word, prob))
        if _CLAUSE_END.search(word):
            out.append(_Stretch(clause, starts, True))
            clause, starts = [], True
    if clause:
        out.append(_Stretch(clause, starts, True))
    return out


def _best_window(stretch: _Stretch, weight: dict[str, float], tokens,
                 phrases: bool = False) -> _Window | None:
    """The best window of `TITLE_MIN_WORDS` to `TITLE_MAX_WORDS` words in one stretch: the most
    topic weight heard right in expectation (each distinct word's weight times its
    probability), less `MISHEARD_COST` per unit of probability a word falls short of `SURE`,
    less `CUT_COST` per end that cuts a phrase; its end trimmed to a content word, with the
    words its first word belongs to taken along. With `phrases` (a noun phrase is wanted) a
    window never starts on a preposition or conjunction ("At Tallyline …"). Ties go to the
    longer, then the earlier window."""
    words = [w for w, _ in stretch.words]
    probs = [p for _, p in stretch.words]
    if len(words) < TITLE_MIN_WORDS:
        return None
    toks = [tokens(w) for w in words]
    low = [w.strip(",.;:!?\"'").lower() for w in words]

    def whole(a: int, b: int) -> int:
        """Ends of words[a:b] that cut no phrase (0–2)."""
        start = (stretch.starts_clause if a == 0 else low[a - 1] in PHRASE_EDGE)
        end = (stretch.ends_clause if b == len(words) else low[b] in PHRASE_EDGE
               or bool(_CLAUSE_END.search(words[b - 1])))
        return start + end

    def value(a: int, b: int) -> float:
        gain: dict[str, float] = {}
        for w in range(a, b):
            for t in toks[w]:
                gain[t] = max(gain.get(t, 0.0), weight.get(t, 0.0) * probs[w])
        work = max((probs[w] for w in range(a, b) if low[w] in WORK_NOUNS), default=0.0)
        return (sum(gain.values()) + WORK_WEIGHT * work - CUT_COST * (2 - whole(a, b))
                - MISHEARD_COST * sum(max(0.0, SURE - p) for p in probs[a:b]))

    def shaped(a: int, b: int) -> tuple[int, int]:
        while b - a > TITLE_MIN_WORDS and (not toks[b - 1]  # end on a word of this story
                                           or low[b - 1] in _TAIL or low[b - 1] in PHRASE_EDGE):
            b -= 1
        while a > 0 and _leads_into(words[a - 1], words[a], phrases) \
                and b - a < TITLE_MAX_WORDS + TITLE_LEAD_WORDS:
            a -= 1
        while b - a > TITLE_MIN_WORDS and (low[b - 1] in _TAIL or low[b - 1] in PHRASE_EDGE):
            b -= 1  # the words taken along made room: never end on "that" ("an on-call rota")
        return a, b

    spans = [ab for ab in {shaped(a, b) for a in range(len(words)) for b in range(
        a + TITLE_MIN_WORDS, min(a + TITLE_MAX_WORDS, len(words)) + 1)}
        if len({t for w in range(*ab) for t in toks[w]}) >= TITLE_MIN_CONTENT
        and not (phrases and _opens_inside(words, low, ab[0]))
        # a window too short to trim still never ends on a word that promises more ("Summary
        # model for" of "the call summary model for a telecom": QA27 F2)
        and low[ab[1] - 1] not in _TAIL and low[ab[1] - 1] not in PHRASE_EDGE
        and not _stops_mid_phrase(stretch, words, low, *ab)]
    if not spans:
        return None
    i, j = max(spans, key=lambda ab: (value(*ab), ab[1] - ab[0], -ab[0]))
    return _Window(value(i, j), tuple(words[i:j]))


def _stops_mid_phrase(stretch: _Stretch, words: Sequence[str], low: Sequence[str], a: int,
                      b: int) -> bool:
    """words[a:b] stops inside a phrase it opened: its end cuts a phrase (the next word is no
    phrase edge) and an article, preposition or conjunction stands inside it, after its first
    word, so what that word opened runs on past the title ("… with a deep learning" of "… with
    a deep learning ensemble", "… ready before the store" of "… before the store opened": QA31
    F9)."""
    if _CLAUSE_END.search(words[b - 1]):
        return False
    if any(low[k] in _RELATIVE or low[k] in _SUBORDINATE for k in range(a + 1, b)):
        return True  # "A large language model that answers | these questions": the relative
        # clause it opened runs on past the title, wherever the stretch stops (QA68 F6); so
        # does a clause "because" opens ("… in Auckland because our prediction": QA117 F7)
    if b == len(words):
        if stretch.ends_clause:
            return False
    elif low[b] in PHRASE_EDGE:
        return False
    return any(low[k] in PHRASE_EDGE for k in range(a + 1, b - 1))


def _names_employer(words: Sequence[str], k: int) -> bool:
    """`words[k]` is a name said after "at / in / for …" ("At Lumen our nightly pipeline"):
    the place the noun phrase after it is of, no phrase of its own (so it opens no new stretch,
    and the noun phrase keeps its place as the story's first)."""
    return (0 < k < len(words) and words[k][:1].isupper() and not _CLAUSE_END.search(words[k])
            and words[k - 1].lower() in _NAME_PREPOSITION)


def _opens_inside(words: Sequence[str], low: Sequence[str], a: int) -> bool:
    """A noun phrase cannot start at word `a` of a stretch (`low`: its words in lower case): it
    is a preposition or conjunction ("At the time …"), or it follows one without an article or
    possessive of its own, so the window would start inside a prepositional phrase ("Berlin at
    Rydo" of "In Berlin at Rydo"; "a bad launch in Manaus" of "After a bad launch …" is whole).
    The preposition of a name the phrase is of may lead it ("At Lumen our nightly pipeline")."""
    edge = PHRASE_EDGE - _DETERMINERS
    if low[a] in _NAME_PREPOSITION and _names_employer(words, a + 1):
        return False
    if _ADVERB.fullmatch(low[a]) and low[a] not in _LY_NAMING:
        return True  # "mostly because the document parser": an adverb opens no noun phrase
    return low[a] in edge or (a > 0 and low[a - 1] in edge and low[a] not in _DETERMINERS)


_ADVERB = re.compile(r"[a-z]{3,}ly")
# words in -ly that name or qualify a thing and may open a title ("Anomaly detector for the
# trucks", "Daily demand forecast")
_LY_NAMING = frozenset("""anomaly family supply assembly italy july reply monopoly ally rally
daily weekly monthly yearly quarterly hourly nightly early friendly costly""".split())


def _leads_into(word: str, first: str, phrases: bool = False) -> bool:
    """`word` (just before a title window) belongs to the window's first word `first`: a
    number ("seven" of "seven billion parameter model"), a possessive or article ("my" of "my
    task"), the subject of a window that starts on its verb ("I" of "I was the …") or the
    preposition of a name ("In" of "In Casa Forte …"); with `phrases` (a noun phrase is
    wanted) never a subject nor a preposition."""
    w = word.strip(",.;:!?\"'").lower()
    if phrases and w in _SUBJECT_WORDS:
        return False
    return bool(w) and word[-1:] not in ",.;:!?" and (
        w in _MODIFIER or normalize_numbers(w)[:1].isdigit()
        or (w in _NAME_PREPOSITION and first[:1].isupper()))
