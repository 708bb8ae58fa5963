"""Retell a past-tense clause in the present, for tense-invariant training of the clause head.

Many speakers tell a past story in the historic present ("I profile the ranking service, I move
two heavy features to a cache") or the present continuous ("I am checking the logs and I am
finding the cache is cold"). `scripts/train_meaning.py` trains the STAR-L clause head on each
labelled past-tense clause also in these renderings, with the same label.

`retell(text, "present")` / `retell(text, "continuous")` change every finite past-tense verb
and leave the rest of the words as they are; they return None when the text has no past-tense
verb. Verb forms come from lemminflect (lemmas and inflections, irregular verbs included); which
past form is a finite verb and not a participle, and who its subject is, is read from the
neighbouring words. Build-time only: nothing at run time imports this module.
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas, getInflection

TENSES = ("present", "continuous")

# words between a subject or auxiliary and its verb that do not change what the verb is
_ADVERBS = frozenset("""just also then really finally quickly actually basically already still
    immediately eventually only even never not first later literally mostly manually
    personally together""".split())
# a past form right after these is a participle or an adjective ("was asked", "a trained model")
_PARTICIPLE_AFTER = frozenset("""was were is are am be been being has have had get gets got
    getting a an the my our their his her its your this these those very well newly fully
    recently badly poorly partly it's that's there's he's she's we've i've they've you've
    to""".split())
# verbs that describe a state: the present continuous keeps them simple ("we have a problem")
_STATIVE = frozenset("""be have know need want seem like love hate belong mean own contain cost
    include depend matter realize realise understand believe remember forget prefer sound
    appear exist consist weigh""".split())
_PLURAL = frozenset("we you they these those both".split())
_THIRD = frozenset("""he she it this that there who which everything nothing everyone nobody
    someone somebody something""".split())
_CONJUNCTIONS = frozenset("and then so or but".split())
_BE = ("am", "is", "are")
# past auxiliaries and their present forms for "I", a third person singular, a plural
_AUX = {"was": _BE, "were": _BE, "wasn't": ("am not", "isn't", "aren't"),
        "weren't": ("am not", "isn't", "aren't"), "did": ("do", "does", "do"),
        "didn't": ("don't", "doesn't", "don't"), "had": ("have", "has", "have"),
        "hadn't": ("haven't", "hasn't", "haven't"), "could": ("can", "can", "can"),
        "couldn't": ("can't", "can't", "can't")}
_MODALS = frozenset("should would might must ought".split())
_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def _person(prev: str) -> int | None:
    """0 for "I", 1 for a third person singular, 2 for a plural, None when `prev` (the word
    before the verb) is no subject: the previous verb's subject goes on ("I profiled the
    service, moved two features …")."""
    if prev == "i":
        return 0
    if prev in _PLURAL:
        return 2
    if prev in _THIRD:
        return 1
    if prev in _CONJUNCTIONS or not prev:
        return None
    if prev.endswith("s") and not prev.endswith(("ss", "us", "is")):
        return 2
    return 1


def _past_lemma(word: str) -> str | None:
    """The lemma of `word` when it is a past-tense form that differs from the lemma ("moved" →
    "move", "went" → "go"); None otherwise (also for "put", "set", "cut": same in both tenses)."""
    if word in _MODALS:
        return None
    for lemma in getAllLemmas(word, "VERB").get("VERB", ()):
        if lemma != word and word in getInflection(lemma, "VBD"):
            return lemma
    return None


def _case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def retell(text: str, tense: str) -> str | None:
    """`text` with each finite past-tense verb in `tense` ("present": "I move", "latency goes";
    "continuous": "I am moving", "latency is going"), or None when it has no past-tense verb."""
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {TENSES}, not {tense!r}")
    tokens = list(_TOKEN.finditer(text))
    words = [m.group(0).lower() for m in tokens]
    out: dict[int, str] = {}
    last = 2
    for i, w in enumerate(words):
        j = i - 1
        while j >= 0 and words[j] in _ADVERBS:
            j -= 1
        prev = words[j] if j >= 0 else ""
        between = text[tokens[j].end():tokens[i].start()] if j >= 0 else ""
        person = None if any(ch in between for ch in ",;:") else _person(prev)
        if w in _AUX:
            new = _AUX[w][last if person is None else person]
            if prev == "there":
                plural = w.startswith("were") or (i + 1 < len(words) and words[i + 1] in
                                                  ("many", "few", "several", "two", "three"))
                new = _AUX[w][2 if plural else 1]
        else:
            lemma = _past_lemma(w)
            if lemma is None or prev in _PARTICIPLE_AFTER:
                continue
            who = last if person is None else person
            if tense == "continuous" and lemma not in _STATIVE:
                ing = getInflection(lemma, "VBG")[0]
                new = ing if person is None else f"{_BE[who]} {ing}"
            else:
                new = getInflection(lemma, "VBZ" if who == 1 else "VBP")[0]
        if person is not None:
            last = person
        out[i] = _case(new, tokens[i].group(0))
    if not out:
        return None
    pieces, at = [], 0
    for i, m in enumerate(tokens):
        if i in out:
            pieces.append(text[at:m.start()] + out[i])
            at = m.end()
    pieces.append(text[at:])
    return "".join(pieces)


_FIRST_PERSON_VERB = re.compile(r"\b(?:i|we)(?:'m|'re)?\s+(?:(?:just|then|also|really|actually|"
                                r"basically|finally|quickly)\s+)?([a-z']+)")


def told_in_present(text: str) -> bool:
    """True when the speaker's own verbs ("I …", "we …") are more often in the present than in
    the past: a story told in the historic present or the present continuous."""
    past = present = 0
    for m in _FIRST_PERSON_VERB.finditer(text.lower()):
        w = m.group(1)
        if w in _AUX or _past_lemma(w) is not None:
            past += 1
        elif m.group(0).split()[0].endswith(("'m", "'re")) or w in ("am", "are", "have", "do") \
                or w in getAllLemmas(w, "VERB").get("VERB", ()):
            present += 1
    return present > past
