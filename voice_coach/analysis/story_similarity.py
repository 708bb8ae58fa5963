"""Which answers tell the same story: a text similarity and a grouping over it.

Pure functions, no I/O. A telling is described by three families of features, TF-IDF weighted
over the candidate's own tellings (so words every story shares — the employer, "model",
"team" — weigh little and the words of one project weigh a lot):

- content words: lower-case word stems outside a stop list, plus adjacent-stem bigrams
  ("cache hit", "pickup zone");
- quantities: numbers after `normalize_numbers` that carry a unit or are large or decimal
  ("3.1%", "$2.4M", "180 milliseconds", "40M") — a retelling often repeats them;
- names: words written with a capital letter inside a sentence somewhere in the candidate's
  tellings (people, products, companies); lower-case ASR transcripts get the same feature
  for the same word, so a spoken and a typed telling match.

Each family's columns are scaled by its weight before the rows are L2-normalised; the
similarity of two tellings is the cosine of their rows. Tellings are grouped by average-linkage
clustering cut at `GroupingOptions.min_similarity`; answers that must be together (a follow-up
and the answer it followed) are merged into one unit before clustering.

`similarity_matrix` is the one place to swap in another measure; `group_tellings` only needs a
square matrix of similarities in [0, 1]. (Averaging in sentence-embedding similarity was tried
and measured worse on the frozen set — docs/stories.md.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from voice_coach.analysis.numbers import normalize_numbers

__all__ = ["GroupingOptions", "features", "group_texts", "group_tellings", "name_vocabulary",
           "similarity_matrix"]

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
_QTY_RE = re.compile(r"(?<![\w.])[$€]?\d+(?:\.\d+)?(?:[MBKT%x]\b|%)?(?:\s+(?:milliseconds|ms|"
                     r"seconds|minutes|hours|days|weeks|months|points|dollars|users|requests|"
                     r"transactions|tickets|calls|orders|customers|gpus|tokens))?")
_NAME_RE = re.compile(r"(?<=[a-z,;:'\"] )([A-Z][a-zA-Z'-]+)")
MIN_BARE_NUMBER = 100  # "2 weeks" is common to many stories; "180" or "41000" is specific


@dataclass(frozen=True)
class GroupingOptions:
    """Weights and the cut of the grouping (chosen on tests/data/stories_tuning.toml only)."""

    word_weight: float = 1.0  # content-word stems
    bigram_weight: float = 0.7  # adjacent content-stem pairs
    number_weight: float = 1.0  # quantities ("3.1%", "$2.4M", "180 milliseconds")
    name_weight: float = 1.5  # capitalised names (people, products, companies)
    min_similarity: float = 0.12  # average-linkage cut: groups join above this cosine


def _stem(word: str) -> str:
    """A light suffix stripper: 'declines'/'declined'/'declining' → 'declin'."""
    w = word.strip("'-").removesuffix("'s")
    for suf in ("ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers",
                "er", "ed", "es", "ly", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def name_vocabulary(texts: Sequence[str]) -> frozenset[str]:
    """Lower-cased words written capitalised inside a sentence in any of `texts`."""
    names: set[str] = set()
    for t in texts:
        for m in _NAME_RE.finditer(t):
            w = m.group(1).lower().removesuffix("'s")
            if w not in STOP_WORDS and len(w) > 2:
                names.add(w)
    return frozenset(names)


def _quantity_token(q: str) -> str | None:
    q = " ".join(q.split())
    num = re.match(r"[$€]?(\d+(?:\.\d+)?)", q)
    if num is None:
        return None
    bare = q == num.group(0)
    if bare and "." not in q and float(num.group(1)) < MIN_BARE_NUMBER:
        return None
    return "n:" + q


def features(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The feature tokens of one telling: 'w:stem', 'b:stem_stem', 'n:qty', 'p:name'."""
    norm = normalize_numbers(text)
    out = [t for m in _QTY_RE.finditer(norm) if (t := _quantity_token(m.group(0)))]
    low = norm.lower()
    stems: list[str] = []
    for m in _WORD_RE.finditer(low):
        w = m.group(0)
        bare = w.removesuffix("'s")
        if bare in names:
            out.append("p:" + bare)
            stems.append("")
            continue
        if w in STOP_WORDS or bare in STOP_WORDS or len(bare) < 3:
            stems.append("")
            continue
        s = _stem(bare)
        out.append("w:" + s)
        stems.append(s)
    out.extend(f"b:{a}_{b}" for a, b in zip(stems, stems[1:]) if a and b)
    return out


def similarity_matrix(texts: Sequence[str], options: GroupingOptions = GroupingOptions()
                      ) -> np.ndarray:
    """Cosine similarities (n × n, diagonal 1) of TF-IDF feature vectors of `texts`.

    IDF comes from `texts` themselves: pass every telling of one candidate at once.
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, 0))
    from sklearn.feature_extraction.text import TfidfVectorizer  # heavy: only when grouping

    names = name_vocabulary(texts)
    docs = [features(t, names) for t in texts]
    if not any(docs):
        return np.eye(n)
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, norm=None)
    x = vec.fit_transform(docs).toarray()
    weight = {"w": options.word_weight, "b": options.bigram_weight, "n": options.number_weight,
              "p": options.name_weight}
    cols = np.array([weight[f[0]] for f in vec.get_feature_names_out()])
    x = x * cols
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
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


def group_tellings(sim: np.ndarray, *, together: Sequence[tuple[int, int]] = (),
                   min_similarity: float) -> list[int]:
    """Group tellings by average-linkage clustering of a similarity matrix.

    Args:
        sim: n × n similarities in [0, 1] (`similarity_matrix`).
        together: index pairs that must end in one group (a follow-up and its answer).
        min_similarity: two groups merge while the mean similarity between their members is
            at least this.

    Returns:
        A group number per telling, numbered 0, 1, … in order of first appearance.
    """
    n = sim.shape[0]
    groups = joined_sets(n, together)
    while len(groups) > 1:
        best, pair = -1.0, (0, 0)
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                s = float(sim[np.ix_(groups[i], groups[j])].mean())
                if s > best:
                    best, pair = s, (i, j)
        if best < min_similarity:
            break
        i, j = pair
        groups[i] = groups[i] + groups[j]
        del groups[j]
    label = [0] * n
    for g in groups:
        for i in g:
            label[i] = min(g)
    order = {first: k for k, first in enumerate(sorted(set(label)))}
    return [order[x] for x in label]


def group_texts(texts: Sequence[str], *, together: Sequence[tuple[int, int]] = (),
                options: GroupingOptions = GroupingOptions()) -> list[int]:
    """Group tellings by their text: answers that must be together are joined into one text
    first (a short follow-up then counts with the answer it completed), the units are compared
    with `similarity_matrix` and clustered with `group_tellings`.

    Returns:
        A group number per telling, 0, 1, … in order of first appearance.
    """
    n = len(texts)
    members = joined_sets(n, together)
    sim = similarity_matrix([" ".join(texts[i] for i in m) for m in members], options)
    unit_label = group_tellings(sim, min_similarity=options.min_similarity)
    label = [0] * n
    for m, lab in zip(members, unit_label):
        for i in m:
            label[i] = lab
    order = {lab: k for k, lab in enumerate(dict.fromkeys(label))}
    return [order[x] for x in label]
