"""Session 53 (issue #12, QA115 F7): the article said twice ("on a, a smaller cluster") is a
restart, not a sound Whisper could not spell ("um, uh, uh, um, a, a glass roof") — no "fillers
may be missed" hedge for it; a lone
one-letter opener still is one."""

from __future__ import annotations

from voice_coach.analysis.fillers import unspelled_fillers


def test_an_article_said_twice_is_a_restart():
    assert unspelled_fillers("It was under, um, uh, uh, um, a, a glass roof.".split()) == []


def test_a_lone_letter_opener_is_still_an_unspelled_sound():
    assert unspelled_fillers("The model was slow. A, we cached the features.".split()) == [4]
