"""Is the answer about the question? A similarity between an answer and its question + key points.

Pure functions, no I/O. `topic_similarity` is the one entry point the coach uses, so the
measure can be swapped without touching its callers. A measure by meaning (all-MiniLM-L6-v2)
was measured against this one and did worse on the same pairs (docs/practice.md).

The measure: the share of the question's topic words (content words of the question text and
its key points) that the answer uses. Words are compared by their first `STEM_CHARS` letters
(prefix stemming: "leak", "leaks", "leakage" match; so do "validate" and "validation"), after
dropping stop words and words shorter than `MIN_WORD_CHARS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from voice_coach.analysis.structure import STOPWORDS

__all__ = ["OFF_TOPIC_BELOW", "STEM_CHARS", "is_off_topic", "topic_similarity", "topic_words",
           "unsaid_points"]

STEM_CHARS = 5  # words are compared by this many leading letters
MIN_WORD_CHARS = 3  # shorter words carry no topic
# Below this similarity an answer is flagged as off-topic. Chosen on tests/data/
# relevance_tuning.toml (the midpoint between the lowest on-topic and highest off-topic answer);
# measured on answers it was not chosen on in docs/practice.md.
OFF_TOPIC_BELOW = 0.11
MIN_TOPIC_WORDS = 6  # a question with fewer topic words cannot be judged
MIN_ANSWER_WORDS = 12  # nor can an answer this short
SAID_SHARE = 0.5  # a key point is said in its own words when the answer uses this share of them

# Words every interview question or answer uses; they say nothing about the topic.
GENERIC_WORDS = frozenset(
    "would explain tell describe walk through time example give like think know want make "
    "thing things something way ways really well good better best first then there here "
    "model models approach system data".split())

_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?")


def topic_words(text: str) -> set[str]:
    """The stems of the content words of `text` (lower-cased, stop words dropped)."""
    out = set()
    for w in _WORD_RE.findall(text.lower()):
        if len(w) < MIN_WORD_CHARS or w in STOPWORDS or w in GENERIC_WORDS:
            continue
        out.add(w[:STEM_CHARS])
    return out


def topic_similarity(answer: str, question_text: str, key_points: Iterable[str] = ()
                     ) -> float | None:
    """Share (0–1) of the question's topic words that the answer uses.

    Returns None when there is too little to judge: a question with fewer than
    `MIN_TOPIC_WORDS` topic words or an answer with fewer than `MIN_ANSWER_WORDS` words.
    """
    topic = topic_words(" ".join([question_text, *key_points]))
    if len(topic) < MIN_TOPIC_WORDS or len(answer.split()) < MIN_ANSWER_WORDS:
        return None
    return len(topic & topic_words(answer)) / len(topic)


def is_off_topic(answer: str, question_text: str, key_points: Sequence[str] = ()) -> bool:
    """True when `topic_similarity` is known and below `OFF_TOPIC_BELOW`."""
    sim = topic_similarity(answer, question_text, key_points)
    return sim is not None and sim < OFF_TOPIC_BELOW


def unsaid_points(answer: str, key_points: Iterable[str]) -> tuple[str, ...]:
    """The key points fewer than `SAID_SHARE` of whose own topic words (`topic_words`) the
    answer uses: credited, they rest on generic evidence ("evidence of their growth, such as a
    promotion or new scope" for an outage story that says "new"; "overfitting memorises noise,
    underfitting misses the signal" for an answer that says "understanding") — what an answer
    judged to answer another question is not credited."""
    said = topic_words(answer)
    out = []
    for kp in key_points:
        own = topic_words(kp)
        if len(own & said) < SAID_SHARE * len(own):
            out.append(kp)
    return tuple(out)
