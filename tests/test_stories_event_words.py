"""Event words (issue #17, session 15): look-alike stories of one speaker share the setting of
their stories — the employer, the fleet, the team, the metric — which the speaker says in many
tellings; the tellings of one story share the words of its event, which the speaker says only
when telling it. `event_cosine` is the likeness in the content words said in at most
`EVENT_MAX_UNITS` units of the speaker's own bank (measured as an evidence column in session 15,
not shipped, so it lives with the bench screen: docs/stories.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from voice_coach.analysis.story_similarity import family_cosine, feature_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from stories_grouping_event_screen import event_cosine  # noqa: E402

# one speaker's bank: every telling is set in the same fleet and engine shop; tellings 0 and 1
# retell the bleed-valve event, 2 and 3 are two other events in the same setting, 4 and 5 more
BANK = [
    "At the airline the fleet maintenance team had engine removals every month. I traced the "
    "bleed valve failures to a seal batch and we swapped the seals overnight.",
    "The bleed valve story: the fleet kept losing engine time, I found the seal batch behind "
    "the valve failures and we swapped every seal.",
    "At the airline the fleet maintenance team had engine removals every month. I built a "
    "vibration model for the gearbox bearings and planned removals ahead.",
    "Our airline's fleet maintenance planners hated surprise engine removals, so I rebuilt the "
    "borescope scheduling around the compressor blade images.",
    "Fleet maintenance at the airline again: engine oil analysis flagged metal particles before "
    "removals and I set up the lab thresholds with the chemists.",
    "The airline's fleet engine team asked for a dashboard of maintenance delays and removals "
    "every month; I wrote the tail utilisation report.",
]


def test_look_alikes_share_the_setting_retellings_the_event():
    x, tokens = feature_matrix(BANK)
    words = family_cosine(x, tokens, "w")
    event = event_cosine(x, tokens)
    # in all content words the look-alike pair (0, 2) is alike (the same opening sentence)
    assert words[0, 2] > 0.1
    # in the event's words it shares nothing; the retelling shares the valve and the seals
    assert event[0, 2] < 0.05
    assert event[0, 1] > 0.2
    # "fleet", "engine", "maintenance" are said in more than three units: setting, not event
    said = {t for t, k in zip(tokens, (x > 0).sum(axis=0)) if t[0] == "w" and k > 3}
    assert {"w:fleet", "w:engine", "w:maintenance", "w:airline", "w:removal"} <= said


def test_a_small_bank_counts_every_shared_word_as_the_events():
    """Three tellings: no word is said in more than three units, so event words are the
    content words (a new user's bank cannot know its setting yet)."""
    x, tokens = feature_matrix(BANK[:3])
    assert np.allclose(event_cosine(x, tokens), family_cosine(x, tokens, "w"))
