"""QA27 F2: a title window too short to trim (`TITLE_MIN_WORDS`) never ends on a word that
promises more ("Summary model for" of "the call summary model for a telecom", where "the" was
heard unsure): a window that ends whole wins instead. Words of this test's own."""

from __future__ import annotations

from voice_coach.analysis.titles import PHRASE_EDGE, TitleSource, _best_window, _Stretch, story_title

# "the" heard unsure, "a" and "regional" barely: the stretch ends where "bank" was misheard
STRETCH = [("the", 0.5), ("claims", 0.88), ("triage", 0.79), ("model", 0.94), ("for", 0.99),
           ("a", 0.39), ("regional", 0.47)]


def _tokens(word: str) -> list[str]:
    return [] if word.lower() in PHRASE_EDGE or word == "claims" else [word.lower()]


def test_a_short_window_never_ends_on_a_preposition():
    found = _best_window(_Stretch(STRETCH, True, False), {"triage": 1.25, "model": 1.25},
                         _tokens, True)
    assert found is not None and found.words[-1] not in PHRASE_EDGE, found
    assert found.words[-2:] == ("triage", "model"), found


def test_a_whole_title_is_unchanged():
    """Near case: a telling heard sure keeps its title."""
    text = ("Okay, so, at my last job I built the fraud alert model for a regional bank in Cebu. "
            "The analysts checked every alert by hand, and a fraud alert waited two days.")
    assert story_title([TitleSource(text)]) == "The fraud alert model for a regional bank"
