"""QA27 F3: a merge hint's evidence (`story_similarity.shared_terms`) compares an amount with
what it counts: "1.2 million parcels a month" and "1.2 million rand per quarter" share no amount;
the same amount of the same thing is still evidence. Words of this test's own."""

from __future__ import annotations

from voice_coach.analysis.story_similarity import shared_terms

OTHER = "On weekends I coach a junior football team and we practise passing drills."


def test_an_amount_of_different_things_is_no_shared_evidence():
    texts = ["The sorter now handles 1.2 million parcels a month at the Durban hub.",
             "The pricing change brought in 1.2 million rand per quarter for the airline.",
             OTHER]
    assert not any("1.2" in t for t in shared_terms(texts, [0], [1])), shared_terms(texts, [0], [1])


def test_the_same_amount_of_the_same_thing_stays_evidence():
    """Near case: the amount said with the same thing counted is what both mention."""
    texts = ["The sorter now handles 1.2 million parcels a month at the Durban hub.",
             "At the hub we sort 1.2 million parcels every month with the new line.",
             OTHER]
    assert "1.2M" in shared_terms(texts, [0], [1]), shared_terms(texts, [0], [1])
