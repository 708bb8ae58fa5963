"""Which answers tell the same story: a text similarity, made relative, and a grouping over it.

Pure functions, no I/O. A telling is described by five families of features, TF-IDF weighted
over the candidate's own tellings and, given as `DocumentFrequencies`, other people's (so words
every story shares — the employer, "model", "team" — weigh little and the words of one project
weigh a lot, also in a new user's bank of a few tellings):

- content words: lower-case word stems outside a stop list, and adjacent-stem bigrams;
- quantities as said after `normalize_numbers` ("3.1%", "$2.4M", "180 milliseconds");
- number values, unit-free and fuzzy ("26k" ≈ "$26000" ≈ "26,500"), plus the size of each
  "from X to Y" change;
- names: words written with a capital inside a sentence somewhere in the candidate's tellings
  (people, products, companies); lower-case ASR text gets the same feature for the same word.

Leadership Principles said aloud are cut out first (they name the framing, not the story).
Cosines are divided by the two tellings' background (`relative_similarity`), so one scale holds
for long and short answers alike; the evidence that two tellings tell one story
(`pair_evidence`: all features, the content words alone, the names alone, years that disagree,
all and content words together, the content words of what the speaker says they did) is weighed by a logistic model into log-odds (`same_story_scores`). Answers that must be
together (a follow-up and its answer, a short reply saved under a question answered before in
its session) are one unit; a full retry is compared by its words (it may tell another story);
answers to different questions of one session are kept apart
(`GroupingOptions.same_session_score`); units are grouped by average-linkage clustering of the
log-odds cut at `GroupingOptions.min_score` (in a new user's small bank a lone pair needs
`GroupingOptions.lone_margin` more, `group_tellings`; two groups of two or more units each
also need a mean log-odds within `GroupingOptions.event_gap` of the weaker group's own: two
events of one setting are each retold alike and far less alike to each other, `group_units`);
groups whose mean log-odds is just under it
(`close_groups`, at least `GroupingOptions.hint_min_score`) may be one story, with the words
only both say (`shared_terms`). Weights and cuts were chosen by nested leave-one-set-out
cross-validation over eight tuning sets (bench/stories_grouping.py --cv-pairs, docs/stories.md).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.analysis.structure import PRINCIPLE_PATTERNS

__all__ = ["ClosePair", "DocumentFrequencies", "GroupingOptions", "document_frequencies",
           "family_cosine", "close_groups", "feature_matrix", "features",
           "group_texts", "group_tellings", "group_units", "joined_sets", "merge_cut", "name_vocabulary",
           "number_values",
           "relative_similarity", "same_story_scores", "shared_terms", "similarity_matrix",
           "unit_similarity", "units", "sessions_apart", "without_principles", "years_disagree",
           "EVIDENCE", "own_actions", "pair_evidence"]

# Function words plus words any interview story uses; they say nothing about which story it is.
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can could couldn't did didn't do does doesn't doing don't
down during each few for from further had hadn't has hasn't have haven't having he he'd he's her
here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself
just let's me more most mustn't my myself no nor not of off on once only or other ought our ours
ourselves out over own same she she'd she's should shouldn't so some such than that that's the
their theirs them themselves then there there's these they they'd they're they've this those
through to too under until up very was wasn't we we'd we're we've were weren't what what's when
where which while who whom why with won't would wouldn't you you'd you're your yours yourself
um uh er ah hmm mm like yeah okay ok well really actually basically kind sort thing things lot
lots get got getting go going went gone make made making say said says tell told know knew think
thought want wanted need needed one two three four five six seven eight nine ten first second
time times day days week weeks month months year years now still even much many every way back
around roughly almost nearly instead already something anything everything nothing someone
people team teams work worked working proud proudest pick story example result results learned
learn lesson call called right good great big new old also able whole part point percent
""".split())
_WORD_RE = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_QTY_RE = re.compile(r"(?<![\w.])[$€£]?\d+(?:\.\d+)?(?:[MBKT%x]\b|%)?(?:\s+(?:milliseconds|ms|"
                     r"seconds|minutes|hours|days|weeks|months|points|dollars|users|requests|"
                     r"transactions|tickets|calls|orders|customers|gpus|tokens))?")
_NAME_RE = re.compile(r"(?<=[a-z,;:'\"] )([A-Z][a-zA-Z'-]+)")
# a principle said aloud tells which principle a telling was framed for, not which story it is
_PRINCIPLE_RE = re.compile("|".join(
    [f"(?:{p})" for pats in PRINCIPLE_PATTERNS.values() for p in pats]
    + [re.escape(part.strip()) for name in PRINCIPLE_PATTERNS for part in name.split(";")]),
    re.IGNORECASE)
CALENDAR_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december""".split())
MIN_BARE_NUMBER = 100  # "2 weeks" is common to many stories; "180" or "41000" is specific


@dataclass(frozen=True)
class GroupingOptions:
    """Weights, evidence model and cut of the grouping (chosen by leave-one-set-out
    cross-validation over the tuning sets, bench/stories_grouping.py --cv-pairs)."""

    word_weight: float = 1.0  # content-word stems
    bigram_weight: float = 0.7  # adjacent content-stem pairs
    number_weight: float = 1.5  # quantities as said ("3.1%", "$2.4M", "180 milliseconds")
    value_weight: float = 1.5  # number values, unit-free, fuzzy ("26k" ≈ "$26000" ≈ "26,500")
    name_weight: float = 1.0  # capitalised names (people, products, companies)
    join_retries: bool = True  # a reply to a question answered before in its session joins it
    retry_reply_max_words: int = 60  # a reply has at most this many words; a longer retry: compared
    background_cosine: float = 0.048  # prior of a unit's mean cosine to the bank's other units
    background_weight: float = 20.0  # the prior counts as this many pairs (small banks lean on it)
    # the same prior for the families weighed on their own (`pair_evidence`). Each prior is the
    # median over the tuning sets of a full bank's mean cosine of two units (its retellings
    # included: the background the evidence model is fitted with; bench/stories_grouping.py
    # --cv-pairs). Until session 12 they were the mean cosine of two *different* stories
    # (0.03, 0.044, 0.072, 0.027), 1.3-1.6x lower, so a new user's bank of a few tellings,
    # which leans on the prior, made its tellings look that much more alike
    word_background_cosine: float = 0.059  # content words alone
    name_background_cosine: float = 0.118  # names alone (a few per telling: often shared)
    action_background_cosine: float = 0.037  # content words of the speaker's own actions
    # the evidence that two units tell one story, as log-odds (`same_story_scores`): weights of
    # the `EVIDENCE` columns of `pair_evidence` — log(1 + relative similarity) of all features,
    # of the content words alone and of the names alone, "both say a year and no year is the
    # same", all × content words (both must agree), and the content words of the sentences
    # that say what "I" did; fitted on all tuning sets by bench/stories_grouping.py --cv-pairs
    evidence_weights: tuple[float, ...] = (2.41, 0.69, 0.55, -1.76, 2.34, 0.14)
    evidence_bias: float = -9.25
    # two units that share a session but no question in it: a candidate does not tell one story
    # for two questions of one interview (a reply or retry of one question is joined instead)
    same_session_score: float = -20.0
    min_score: float = -3.25  # average-linkage cut on the log-odds
    # in a new user's small bank a merge of two groups of n_a and n_b units needs a mean
    # log-odds of at least min_score + lone_margin / sqrt(n_a · n_b) (`group_tellings`): a lone
    # pair of tellings, the decision a small bank makes most and on statistics of a few
    # tellings, needs this much more than an average over many pairs; a pair kept apart by it
    # is a "maybe the same story" hint (`close_groups`), never merged silently. Full up to
    # `lone_margin_full_units` units, tapering to none at `lone_margin_none_units` (a grown
    # bank's grouping is as before; `margin_for`). Session 14, bench/stories_grouping.py
    # --story-banks (tuning)
    lone_margin: float = 2.0
    lone_margin_full_units: int = 12
    lone_margin_none_units: int = 20

    def margin_for(self, units: int) -> float:
        """`lone_margin` in a bank of `units` units (tellings, a follow-up with its answer)."""
        full, none = self.lone_margin_full_units, self.lone_margin_none_units
        return self.lone_margin * min(1.0, max(0.0, (none - units) / max(none - full, 1)))
    # two groups whose mean log-odds is at least this (but under the cut they needed to merge,
    # `merge_cut`) may be one story: shown as a hint, never merged (bench/stories_grouping.py
    # --hints)
    hint_min_score: float = -4.0
    # other people's tellings (`DocumentFrequencies`) count in the IDF as this many tellings
    reference_weight: float = 20.0
    # two groups of at least two units each merge only when their mean log-odds is at least the
    # weaker group's own mean log-odds minus this (`group_tellings`, pairs the session rule set
    # apart left out of every mean): each group is one event retold alike, and two events of
    # one setting (one model, manager, metric) are far less alike than each is to itself.
    # Session 25, leave-one-set-out over 22 sets (bench/stories_grouping_event_gap.py)
    event_gap: float = 4.75
    # two groups with a pair the session rule set apart (two answers of one interview to
    # different questions) merge only when their other pairs say "same story" at even odds or
    # better (mean log-odds at least this): the rule's pair is evidence the two differ, never
    # one low score averaged away among many middling ones (spent stories28 t08+t09, tuning 17
    # t08+t09: two events of one model and one manager, other pairs' mean −0.6 and −1.4; the
    # one story told twice in one interview of the 23 sets, tuning 1: +4.3). Session 26
    # (bench/stories_grouping.py)
    apart_min_score: float = 0.0


def _stem(word: str) -> str:
    """A light suffix stripper: 'declines'/'declined'/'declining' → 'declin'."""
    w = word.strip("'-").removesuffix("'s")
    for suf in ("ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers",
                "er", "ed", "es", "ly", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


@functools.lru_cache(maxsize=1024)  # names and features both ask for every telling
def without_principles(text: str) -> str:
    """`text` with every Leadership Principle said aloud cut out (a clause break in its place)."""
    return _PRINCIPLE_RE.sub(" ; ", text)


def name_vocabulary(texts: Sequence[str]) -> frozenset[str]:
    """Lower-cased words written capitalised inside a sentence in any of `texts`."""
    names: set[str] = set()
    for t in texts:
        for m in _NAME_RE.finditer(without_principles(t)):
            if m.group(1).isupper():  # an acronym ("GPU", "WER") is a term, not a name
                continue
            w = m.group(1).lower().removesuffix("'s")
            if w not in STOP_WORDS and w not in CALENDAR_WORDS and len(w) > 2:
                names.add(w)
    return frozenset(names)


def _quantity_token(q: str) -> str | None:
    q = " ".join(q.split())
    num = re.match(r"[$€£]?(\d+(?:\.\d+)?)", q)
    if num is None:
        return None
    bare = q == num.group(0)
    if bare and "." not in q and float(num.group(1)) < MIN_BARE_NUMBER:
        return None
    return "n:" + q


_VALUE_RE = re.compile(r"(?<![\w.])[$€£]?(\d+(?:\.\d+)?)([MBKT](?![\w])|%|x(?![\w]))?"
                       r"(\s+points?\b)?")
_FROM_TO_RE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|almost\s+|nearly\s+)?"
                         r"([$€£]?\d[^\s,;]*)\s+(?:down\s+|up\s+)?to\s+(?:about\s+|around\s+|"
                         r"roughly\s+|almost\s+|nearly\s+|just\s+)?([$€£]?\d[^\s,;]*)")
_SCALE = {"M": 1e6, "B": 1e9, "K": 1e3, "T": 1e12}
# a share said as a fraction ("a third of them gave up", "down by a fifth", "cut in half") is
# the percentage another telling says in figures; "a quarter" alone is also three months
_FRACTION_PERCENT = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0,
                     "tenth": 10.0}
_FRACTION_RE = re.compile(
    r"\b(?:by\s+(?:about\s+|around\s+|roughly\s+|almost\s+|nearly\s+)?(?:a|one)\s+"
    r"(third|quarter|fifth|tenth)\b|(?:a|one)\s+(half|third|quarter|fifth|tenth)\s+(?:of|less|"
    r"more|fewer|lower|higher|cheaper|faster|slower|smaller)\b|(?:by|in)\s+(half)\b)",
    re.IGNORECASE)
VALUE_BIN = 1.2  # ratio width of one fuzzy value bin: values within ~10 % share a bin
MIN_BARE_VALUE = 13  # "3 artists", "2 weeks" are common to many stories; 41 or 9 % are not


def _value(m: re.Match[str]) -> float | None:
    """The number of one `_VALUE_RE` match, or None when it is a small bare count."""
    v = float(m.group(1)) * _SCALE.get(m.group(2) or "", 1.0)
    marked = bool(m.group(2) or m.group(3) or m.group(0).startswith(("$", "€"))
                  or "." in m.group(1))
    if v <= 0 or (not marked and v < MIN_BARE_VALUE):
        return None
    return v


def number_values(norm: str) -> list[float]:
    """Number values of a `normalize_numbers` text, unit-free, plus the size of each "from X to Y"
    change ("from 41 % to 47 %" also gives 6, as a retelling may say "climbed six points") and
    shares said as fractions ("a third of them" gives 33.3, as a retelling may say "33 %")."""
    out = [v for m in _VALUE_RE.finditer(norm) if (v := _value(m)) is not None]
    out.extend(_FRACTION_PERCENT[next(g for g in m.groups() if g).lower()]
               for m in _FRACTION_RE.finditer(norm))
    for m in _FROM_TO_RE.finditer(norm):
        a, b = (_VALUE_RE.match(g) for g in m.groups())
        if a and b:
            va = float(a.group(1)) * _SCALE.get(a.group(2) or "", 1.0)
            vb = float(b.group(1)) * _SCALE.get(b.group(2) or "", 1.0)
            if va != vb:
                out.append(abs(va - vb))
    return out


def _value_tokens(v: float) -> tuple[str, str]:
    """Two fuzzy tokens of a value: its bin on two grids offset by half a bin, so values within
    about half a bin always share one token."""
    k = math.log(v) / math.log(VALUE_BIN)
    return f"v:{math.floor(k)}", f"v:{math.floor(k + 0.5)}h"


def _tokens(text: str, names: frozenset[str]) -> list[tuple[str, str | None]]:
    """(feature token, its words as said) of one telling, in the order of `features`; a value
    bin has no words of its own (None)."""
    norm = normalize_numbers(without_principles(text))
    out: list[tuple[str, str | None]] = [
        (t, m.group(0)) for m in _QTY_RE.finditer(norm) if (t := _quantity_token(m.group(0)))]
    out.extend((t, None) for v in number_values(norm) for t in _value_tokens(v))
    low = norm.lower()
    cased = len(low) == len(norm)  # lower() kept every offset: names keep their capitals
    stems: list[tuple[str, str]] = []
    for m in _WORD_RE.finditer(low):
        w = m.group(0)
        said = norm[m.start():m.end()] if cased else w
        bare = w.removesuffix("'s")
        if bare in names:
            out.append(("p:" + bare, said.removesuffix("'s")))
            stems.append(("", ""))
            continue
        if w in STOP_WORDS or bare in STOP_WORDS or len(bare) < 3:
            stems.append(("", ""))
            continue
        s = _stem(bare)
        out.append(("w:" + s, w))
        stems.append((s, w))
    out.extend((f"b:{a}_{b}", f"{wa} {wb}")
               for (a, wa), (b, wb) in zip(stems, stems[1:]) if a and b)
    return out


def features(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The feature tokens of one telling: 'w:stem', 'b:stem_stem', 'n:qty', 'v:value bin',
    'p:name'."""
    return [t for t, _ in _tokens(text, names)]


class DocumentFrequencies(NamedTuple):
    """In how many of `docs` reference tellings (other people's stories) each feature token
    (`features`) occurs: the word rarity a new user's bank of a few tellings cannot measure."""

    docs: int
    df: Mapping[str, int]


def document_frequencies(banks: Sequence[Sequence[str]]) -> DocumentFrequencies:
    """The `DocumentFrequencies` of the tellings of several candidates (each bank's names are
    its own capitalised words, as in `feature_matrix`)."""
    df: Counter[str] = Counter()
    docs = 0
    for texts in banks:
        names = name_vocabulary(texts)
        for t in texts:
            df.update(set(features(t, names)))
            docs += 1
    return DocumentFrequencies(docs, dict(df))


def feature_matrix(texts: Sequence[str], options: GroupingOptions = GroupingOptions(),
                   reference: DocumentFrequencies | None = None
                   ) -> tuple[np.ndarray, list[str]]:
    """TF-IDF rows of `texts` (sub-linear tf, smoothed IDF; each family scaled by its weight,
    rows L2-normalised) and the feature token of each column. IDF comes from `texts`
    themselves, plus `reference` counted as `options.reference_weight` more tellings (their
    share of each token kept): a bank of three tellings cannot tell that "model" or "data"
    is said in every story, other people's tellings can."""
    names = name_vocabulary(texts)
    docs = [features(t, names) for t in texts]
    tokens = sorted({t for d in docs for t in d})
    if not tokens:
        return np.zeros((len(texts), 0)), []
    col = {t: k for k, t in enumerate(tokens)}
    counts = np.zeros((len(texts), len(tokens)))
    for i, d in enumerate(docs):
        for t, c in Counter(d).items():
            counts[i, col[t]] = c
    df = (counts > 0).sum(axis=0).astype(float)
    n = float(len(texts))
    if reference is not None and reference.docs > 0:
        share = np.array([reference.df.get(t, 0) / reference.docs for t in tokens])
        df = df + options.reference_weight * share
        n += options.reference_weight
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    x = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0) * idf
    weight = {"w": options.word_weight, "b": options.bigram_weight, "n": options.number_weight,
              "v": options.value_weight, "p": options.name_weight}
    x = x * np.array([weight[f[0]] for f in tokens])
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0), tokens


def similarity_matrix(texts: Sequence[str], options: GroupingOptions = GroupingOptions()
                      ) -> np.ndarray:
    """Cosine similarities (n × n, diagonal 1) of TF-IDF feature vectors of `texts`.

    IDF comes from `texts` themselves: pass every telling of one candidate at once.
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, 0))
    x, tokens = feature_matrix(texts, options)
    if not tokens:
        return np.eye(n)
    sim = np.clip(x @ x.T, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def joined_sets(n: int, together: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Indices 0..n-1 partitioned so each pair in `together` shares a set (union-find); sets
    in order of their first member, members ascending."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in together:
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    sets: dict[int, list[int]] = {}
    for i in range(n):
        sets.setdefault(root(i), []).append(i)
    return list(sets.values())


def group_units(sim: np.ndarray, options: GroupingOptions = GroupingOptions()) -> list[int]:
    """The shipped grouping of units whose log-odds are `sim` (`unit_similarity`):
    `group_tellings` with the cut, the small bank's lone-pair margin and the event gap of
    `options`; pairs at the session rule's score are no evidence of a group's own likeness."""
    return group_tellings(sim, min_similarity=options.min_score,
                          lone_margin=options.margin_for(sim.shape[0]),
                          event_gap=options.event_gap,
                          apart=sim <= options.same_session_score,
                          apart_min_score=options.apart_min_score)


def group_tellings(sim: np.ndarray, *, min_similarity: float,
                   lone_margin: float = 0.0, cohesion_delta: float = math.inf,
                   event_gap: float = math.inf, apart: np.ndarray | None = None,
                   apart_min_score: float = -math.inf) -> list[int]:
    """Group tellings by average-linkage clustering of a similarity matrix.

    Two groups merge, the most similar first, while the mean similarity between their members
    is at least `min_similarity` + `lone_margin` / sqrt(n_a · n_b) (n_a, n_b: their sizes): a
    lone pair of tellings needs `lone_margin` more than two groups whose average rests on many
    pairs (`merge_cut`). With `lone_margin` 0 this is plain average linkage cut at
    `min_similarity`.

    Args:
        sim: n × n similarities, any scale (the diagonal is not used).
        min_similarity: the cut on the mean similarity of two large groups.
        lone_margin: how much more a merge of two single tellings needs (same scale as `sim`).
        cohesion_delta: a merge also needs a mean similarity of at least the weaker group's own
            mean inner similarity minus this (groups of one telling have none); infinite (the
            shipped grouping): no such rule. Screened in session 17, not shipped
            (bench/stories_grouping_lookalike_screen.py).
        event_gap: two groups of at least two units each also need a mean similarity of at
            least the weaker group's own mean inner similarity minus this (`apart` pairs left
            out of all three means); infinite: no such rule. A group of two or more tellings
            shows how alike the speaker retells *its* event; two events of one setting (one
            model, manager, metric: names and system words on both sides) are each retold
            alike and far less alike to each other. A lone telling has no such measure (an
            angle retelling is weakly alike to every telling of its story) and is not held to
            it; unlike `cohesion_delta`, which holds a lone telling to the group it joins.
        apart: n × n, True where a pair's similarity is the session rule's, not evidence of a
            group's own likeness (None: every pair counts).
        apart_min_score: two groups with an `apart` pair between them merge only when the
            mean similarity of their other pairs is at least this (none: they never merge);
            -inf: no such rule.

    Returns:
        A group number per telling, numbered 0, 1, … in order of first appearance.
    """
    n = sim.shape[0]
    if n < 2:
        return [0] * n
    total = np.array(sim, dtype=float)  # summed similarity between the members of two groups
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    label = list(range(n))
    inner, pairs = np.zeros(n), np.zeros(n)  # summed similarity and pairs inside each group
    # the same without the `apart` pairs: between two groups, and inside each (`event_gap`)
    valid = np.ones((n, n), dtype=bool) if apart is None else ~np.asarray(apart, dtype=bool)
    vtotal, vcount = np.where(valid, total, 0.0), valid.astype(float)
    vinner, vpairs = np.zeros(n), np.zeros(n)
    while alive.sum() > 1:
        mean = total / np.outer(size, size)
        ok = np.outer(alive, alive) & (mean >= merge_cut(min_similarity, lone_margin,
                                                          np.outer(size, size)))
        if not math.isinf(cohesion_delta):
            cohesion = np.where(pairs > 0, inner / np.maximum(pairs, 1), np.inf)
            weaker = np.minimum(cohesion[:, None], cohesion[None, :])
            ok &= mean >= np.where(np.isinf(weaker), -np.inf, weaker - cohesion_delta)
        if not math.isinf(event_gap):
            own = np.where((size >= 2) & (vpairs > 0), vinner / np.maximum(vpairs, 1), np.nan)
            weaker = np.fmin(own[:, None], own[None, :])
            both = (size[:, None] >= 2) & (size[None, :] >= 2) & ~np.isnan(weaker) & (vcount > 0)
            between = vtotal / np.maximum(vcount, 1)
            ok &= ~both | (between >= np.where(both, weaker, 0.0) - event_gap)
        if not math.isinf(apart_min_score):
            across = vcount < np.outer(size, size)  # an `apart` pair between the two groups
            ok &= ~across | ((vcount > 0)
                             & (vtotal / np.maximum(vcount, 1) >= apart_min_score))
        np.fill_diagonal(ok, False)
        if not ok.any():
            break
        a, b = sorted(np.unravel_index(np.argmax(np.where(ok, mean, -np.inf)), mean.shape))
        inner[a] += inner[b] + total[a, b]
        pairs[a] += pairs[b] + size[a] * size[b]
        vinner[a] += vinner[b] + vtotal[a, b]
        vpairs[a] += vpairs[b] + vcount[a, b]
        for m in (total, vtotal, vcount):
            m[a, :] += m[b, :]
            m[:, a] += m[:, b]
        size[a] += size[b]
        alive[b] = False
        label = [a if lab == b else lab for lab in label]
    order = {c: k for k, c in enumerate(dict.fromkeys(label))}
    return [order[c] for c in label]


def merge_cut(min_similarity: float, lone_margin: float, pairs: float | np.ndarray
              ) -> float | np.ndarray:
    """The mean similarity two groups need to merge, given `pairs` = n_a · n_b member pairs
    between them: `min_similarity` + `lone_margin` / sqrt(pairs) (`group_tellings`)."""
    return min_similarity + lone_margin / np.sqrt(pairs)


def relative_similarity(sim: np.ndarray, options: GroupingOptions = GroupingOptions(),
                        prior: float | None = None) -> np.ndarray:
    """Cosines in multiples of the two tellings' background: s_ij / sqrt(b_i · b_j), b_i the mean
    cosine of unit i to the others, shrunk towards `prior` (default
    `options.background_cosine`) as if that were `options.background_weight` more pairs. Long
    answers about one employer are alike everywhere and short ones nowhere; one cut on the
    relative scale holds for both."""
    n = sim.shape[0]
    off = sim.sum(axis=1) - np.diag(sim)
    prior = options.background_cosine if prior is None else prior
    background = ((off + options.background_weight * prior)
                  / (n - 1 + options.background_weight))
    return sim / np.sqrt(np.outer(background, background))


_YEAR_RE = re.compile(r"(?<![\w.$€£])(19[89]\d|20[0-4]\d)(?![\w%])")


def family_cosine(x: np.ndarray, tokens: Sequence[str], family: str) -> np.ndarray:
    """Cosines of the rows of `x` restricted to one feature family ('w', 'p', …), renormalised;
    0 where a unit has none of that family, 1 on the diagonal."""
    return _cosine_on(x, np.array([t[0] == family for t in tokens], dtype=bool))


def _cosine_on(x: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Cosines of the rows of `x` on the columns `cols`, renormalised; 0 where a row has none
    of them, 1 on the diagonal."""
    xf = x[:, cols]
    norms = np.linalg.norm(xf, axis=1, keepdims=True)
    xf = np.divide(xf, norms, out=np.zeros_like(xf), where=norms > 0)
    sim = np.clip(xf @ xf.T, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def years_disagree(texts: Sequence[str]) -> np.ndarray:
    """True where both texts say a year ("in 2016") and no year is the same: told as two
    different times."""
    years = [set(_YEAR_RE.findall(t)) for t in texts]
    n = len(texts)
    out = np.zeros((n, n), dtype=bool)
    for a, b in itertools.combinations(range(n), 2):
        out[a, b] = out[b, a] = bool(years[a] and years[b] and not years[a] & years[b])
    return out


EVIDENCE = ("all features", "content words", "names", "years disagree",
            "all × content words", "own actions")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")
_FIRST_PERSON_RE = re.compile(r"\bI\b|\bi\b(?!\.)")  # "i" too: lower-case ASR text


def own_actions(text: str) -> str:
    """The sentences of `text` that say what the speaker did ("I built …", "I re-split …"),
    joined; the rest sets the scene (the employer, the system, the people), which look-alike
    stories of one employer share. Text without sentence ends is one sentence."""
    return " ".join(s for s in _SENTENCE_END_RE.split(text) if _FIRST_PERSON_RE.search(s))


def pair_evidence(texts: Sequence[str], options: GroupingOptions = GroupingOptions(),
                  reference: DocumentFrequencies | None = None) -> np.ndarray:
    """The evidence that two texts tell one story (n × n × len(`EVIDENCE`)): log(1 + relative
    similarity) of all features (`relative_similarity`), of the content words alone and of the
    names alone — each made relative to the candidate's own tellings, so it holds for long and
    short answers alike —, whether the two say different years (`years_disagree`), the product
    of the first two (two tellings alike overall *and* in the project's own words; a look-alike
    is often alike in one only), and log(1 + relative similarity) of the content words of the
    sentences in which the speaker acts (`own_actions`: what was built or done, not the scene)."""
    n = len(texts)
    out = np.zeros((n, n, len(EVIDENCE)))
    x, tokens = feature_matrix(texts, options, reference)
    if n == 0 or not tokens:
        return out
    every = np.clip(x @ x.T, 0.0, 1.0)
    np.fill_diagonal(every, 1.0)
    out[:, :, 0] = np.log1p(relative_similarity(every, options))
    out[:, :, 1] = np.log1p(relative_similarity(family_cosine(x, tokens, "w"), options,
                                                options.word_background_cosine))
    out[:, :, 2] = np.log1p(relative_similarity(family_cosine(x, tokens, "p"), options,
                                                options.name_background_cosine))
    out[:, :, 3] = years_disagree(texts)
    out[:, :, 4] = out[:, :, 0] * out[:, :, 1]
    xa, tokens_a = feature_matrix([own_actions(t) for t in texts], options, reference)
    if tokens_a:
        out[:, :, 5] = np.log1p(relative_similarity(family_cosine(xa, tokens_a, "w"), options,
                                                    options.action_background_cosine))
    return out


def same_story_scores(texts: Sequence[str], options: GroupingOptions = GroupingOptions(),
                      reference: DocumentFrequencies | None = None) -> np.ndarray:
    """The log-odds that two texts tell one story (n × n): a logistic model over
    `pair_evidence`, weights `options.evidence_weights` fitted on the tuning sets. The content
    words count on their own because a story retold from another angle (a conflict, a
    deadline, a mistake) keeps the project's own words while its numbers and phrasing change,
    and look-alike stories of one employer share names and numbers more than those words."""
    score = options.evidence_bias + pair_evidence(texts, options, reference) @ np.array(
        options.evidence_weights)
    np.fill_diagonal(score, -options.same_session_score)
    return score


def unit_similarity(texts: Sequence[str], *, together: Sequence[tuple[int, int]] = (),
                    sessions: Sequence[Hashable] | None = None,
                    questions: Sequence[Hashable] | None = None,
                    options: GroupingOptions = GroupingOptions(),
                    reference: DocumentFrequencies | None = None
                    ) -> tuple[list[list[int]], np.ndarray]:
    """The units to cluster and the log-odds that two of them tell one story.

    Answers that must be together are one unit (its text the members' texts joined): a
    follow-up and the answer it followed (`together`), and with `options.join_retries` a short
    answer (at most `options.retry_reply_max_words` words: a follow-up reply saved under the
    question) and the answer before it to the same question in the same session. A longer
    second answer to the question is a retry, which may tell another story: it is compared
    like any other. Units are compared with `same_story_scores`; two units that share a
    session but no question in it get `options.same_session_score` (a candidate does not tell
    one story for two questions of one interview).

    Returns:
        (the telling indices of each unit, the units' log-odds matrix).
    """
    members = units(texts, together=together, sessions=sessions, questions=questions,
                    options=options)
    sim = same_story_scores([" ".join(texts[i] for i in m) for m in members], options,
                            reference)
    if sessions is not None:
        sim[sessions_apart(members, sessions, questions)] = options.same_session_score
    return members, sim


def units(texts: Sequence[str], *, together: Sequence[tuple[int, int]] = (),
          sessions: Sequence[Hashable] | None = None,
          questions: Sequence[Hashable] | None = None,
          options: GroupingOptions = GroupingOptions()) -> list[list[int]]:
    """The telling indices of each unit (`unit_similarity`): a follow-up with its answer, a
    short reply with the answer before it to the same question in the same session."""
    pairs = list(together)
    if options.join_retries and sessions is not None and questions is not None:
        last: dict[tuple[Hashable, Hashable], int] = {}
        for i, key in enumerate(zip(sessions, questions)):
            if key[1] is None:
                continue
            if key in last and len(texts[i].split()) <= options.retry_reply_max_words:
                pairs.append((last[key], i))
            last[key] = i
    return joined_sets(len(texts), pairs)


def sessions_apart(members: Sequence[Sequence[int]], sessions: Sequence[Hashable],
                   questions: Sequence[Hashable] | None = None) -> np.ndarray:
    """True where two units share a session but no question in it."""
    qs = questions if questions is not None else [None] * len(sessions)
    keys = [{(sessions[i], qs[i]) for i in m if qs[i] is not None} for m in members]
    out = np.zeros((len(members), len(members)), dtype=bool)
    for a, b in itertools.combinations(range(len(members)), 2):
        if ({sessions[i] for i in members[a]} & {sessions[j] for j in members[b]}
                and not keys[a] & keys[b]):
            out[a, b] = out[b, a] = True
    return out


def group_texts(texts: Sequence[str], *, together: Sequence[tuple[int, int]] = (),
                sessions: Sequence[Hashable] | None = None,
                questions: Sequence[Hashable] | None = None,
                options: GroupingOptions = GroupingOptions(),
                reference: DocumentFrequencies | None = None) -> list[int]:
    """Group tellings by their text (`unit_similarity`, then `group_tellings`).

    Args:
        texts: the tellings.
        together: index pairs that must end in one group (a follow-up and its answer); a short
            follow-up then counts with the answer it completed.
        sessions: the session of each telling: answers to one question in one session are one
            unit, answers to different questions of one session are kept apart.
        questions: the question id of each telling (None when unknown).
        options: weights and cut.

    Returns:
        A group number per telling, 0, 1, … in order of first appearance.
    """
    members, sim = unit_similarity(texts, together=together, sessions=sessions,
                                   questions=questions, options=options, reference=reference)
    unit_label = group_units(sim, options)
    label = [0] * len(texts)
    for m, lab in zip(members, unit_label):
        for i in m:
            label[i] = lab
    order = {lab: k for k, lab in enumerate(dict.fromkeys(label))}
    return [order[x] for x in label]


class ClosePair(NamedTuple):
    """Two groups that may be one story: their mean same-story score is just under the cut."""

    a: int  # group label, a < b
    b: int
    relative: float  # mean same-story log-odds between their units (what average linkage cuts)


def close_groups(sim: np.ndarray, unit_labels: Sequence[int], *, lower: float, upper: float,
                 lone_margin: float = 0.0) -> list[ClosePair]:
    """Pairs of groups whose mean similarity between their units is in [`lower`, the cut they
    needed to merge), strongest first: `upper` + `lone_margin` / sqrt(n_a · n_b) (`merge_cut`),
    so two small groups kept apart by the lone-pair margin are always in the band.

    Args:
        sim: the units' same-story log-odds (`unit_similarity`), or any similarity.
        unit_labels: the group of each unit.
        lower, upper: the band, on the scale of `sim`.
        lone_margin: the margin the grouping used (`GroupingOptions.margin_for` the bank).
    """
    labels = np.asarray(unit_labels)
    groups = sorted(set(labels.tolist()))
    out = []
    for a, b in itertools.combinations(groups, 2):
        block = sim[np.ix_(labels == a, labels == b)]
        mean = float(block.mean())
        if lower <= mean < float(merge_cut(upper, lone_margin, block.size)):
            out.append(ClosePair(a, b, mean))
    return sorted(out, key=lambda p: (-p.relative, p.a, p.b))


_TIME_UNIT = re.compile(r"(?:second|minute|hour|day|week|month|quarter|year)s?")


def _everyday(term: str, common: frozenset[str]) -> bool:
    """Every word of `term` is everyday English (`common`, in any inflection: "sends / send",
    QA44 F9), or a number said with a span of time ("2 weeks": how long, no story's own)."""
    words = [w.lower().removesuffix("'s") for w in term.split()]
    timed = any(_TIME_UNIT.fullmatch(w) for w in words)

    def common_form(w: str) -> bool:
        forms = {w, w.removesuffix("s"), w.removesuffix("es"), w.removesuffix("ed"),
                 w.removesuffix("d"), w.removesuffix("ing"), w.removesuffix("ing") + "e"}
        return bool(forms & common) or _TIME_UNIT.fullmatch(w) is not None \
            or timed and bool(re.fullmatch(r"[\d.,]+[kmb]?", w))
    return bool(words) and all(common_form(w) for w in words)


def shared_terms(texts: Sequence[str], a: Sequence[int], b: Sequence[int], *,
                 options: GroupingOptions = GroupingOptions(), max_terms: int = 3,
                 common: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words two groups of `texts` (indices `a`, `b`) share that the fewest other texts
    say — none, when the two share any word no other text says — those that weigh most in their
    similarity first, as said ("Redis", "checkout latency", "180 milliseconds"); IDF over all
    `texts`. A word another story also says is weaker evidence that these two are one ("3%,
    long, showing" with "showed" in a third story, QA7 F12), and a word every other text says
    is none: what all of one candidate's stories say ("payment" at a payments company) is rare
    in other people's tellings, not in the candidate's own (QA19 F08). Value bins have no words and are
    left out; a word both groups also say inside a pair of words is shown as that pair, and not
    repeated. Everyday words (`common`, lower case: "per", "worth", "added") are no evidence
    either: a word, name or pair made only of them is never shown (QA8 F10). A word the two say
    in two forms is shown in both ("handlers / handling")."""
    x, tokens = feature_matrix(texts, options)
    if not tokens:
        return ()
    names = name_vocabulary(texts)
    said: dict[str, Counter[str]] = {}
    side: tuple[dict[str, Counter[str]], dict[str, Counter[str]]] = ({}, {})  # as each group says it
    for group, idx in enumerate((a, b)):
        for i in idx:
            for tok, words in _tokens(texts[i], names):
                if words is not None:
                    said.setdefault(tok, Counter())[words] += 1
                    side[group].setdefault(tok, Counter())[words] += 1
    everyday = np.array([t[0] in "wpb" and t in said
                         and _everyday(said[t].most_common(1)[0][0], common)
                         for t in tokens], dtype=bool)
    x = x * ~everyday
    rest = [i for i in range(len(texts)) if i not in {*a, *b}]
    weight = x[list(a)].sum(axis=0) * x[list(b)].sum(axis=0)
    elsewhere = (x[rest] > 0).sum(axis=0)
    if (weight > 0).any():
        weight = weight * (elsewhere == elsewhere[weight > 0].min())
    if rest:  # what every other story says is the candidate's own vocabulary (QA19 F08)
        weight = weight * (elsewhere < len(rest))
    # a number is evidence with what it counts: "1.2M chats a month" and "1.2M pesos per
    # quarter" share no amount (QA27 F3)
    counted_a, counted_b = _counted([texts[i] for i in a]), _counted([texts[i] for i in b])
    weight = weight * np.array([not (counted_a.get(t, set()) and counted_b.get(t, set())
                                     and not counted_a[t] & counted_b[t]) for t in tokens],
                               dtype=bool)
    order = [k for k in np.argsort(-weight, kind="stable") if weight[k] > 0 and said.get(tokens[k])]
    pairs = [said[tokens[k]].most_common(1)[0][0] for k in order if tokens[k][0] == "b"]
    out: list[str] = []
    for k in order:
        if len(out) == max_terms:
            break
        term = said[tokens[k]].most_common(1)[0][0]
        if tokens[k][0] == "w":  # a word both say inside a pair both say: the pair reads better
            term = next((p for p in pairs if term.lower() in p.lower().split()), term)
        forms = [sd[tokens[k]].most_common(1)[0][0] for sd in side if tokens[k] in sd]
        if term in forms and len({f.lower() for f in forms}) == 2:
            term = " / ".join(forms)  # each story's own word: "handlers / handling" (QA42 F8)
        if any(term.lower() == t.lower() or term.lower() in t.lower().split()
               or t.lower() in term.lower().split() for t in out):
            continue
        out.append(term)
    return tuple(out)


_BARE_AMOUNT_TOKEN = re.compile(r"n:\d+(?:\.\d+)?[MBKT]?")  # no unit, no currency, no "%"
_COUNTED_WORD = re.compile(r"\s+(?:of\s+)?([a-z][a-z'-]*)")


def _counted(texts: Sequence[str]) -> dict[str, set[str]]:
    """Per bare amount token of `texts` (`_quantity_token` with no unit: "n:1.2M"), the stems
    of the words said right after it: what it counts ("1.2M chats" → "chat", "1.2M pesos" →
    "peso"); an amount said with nothing after it counts nothing known and is left out."""
    out: dict[str, set[str]] = {}
    for text in texts:
        norm = normalize_numbers(without_principles(text))
        for m in _QTY_RE.finditer(norm):
            tok = _quantity_token(m.group(0))
            if tok is None or not _BARE_AMOUNT_TOKEN.fullmatch(" ".join(tok.split())):
                continue
            word = _COUNTED_WORD.match(norm.lower(), m.end())
            if word is not None and word.group(1) not in STOP_WORDS:
                out.setdefault(tok, set()).add(_stem(word.group(1)))
    return out
