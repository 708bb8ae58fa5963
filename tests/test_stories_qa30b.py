"""Session 26 (issue #17, QA30 F4/F6/F8/F9) — the bank's story lines say what was said, once:

- F4: a before → after pair said without a metric name is named by its sentence's own subject
  ("The forecast error at locker level was cut by nine points, from 31 % to 22%" → "forecast
  error at locker level 31% → 22%"); a change of another thing said after the pair is shown as
  said beside the triad ("[metric?] −40%" when its name was not heard), never left out.
- F6: a story's title is made of words its tellings share, and never ends on a fragment.
- F8: one conflict is said once on the Check line (the outcome that is a named change is not
  also listed as that change).
- F9: scale evidence said only in another telling is shown on the brief's scale line, marked
  "(another telling)".

The sentences are this test's own (a parcel network), modelled on the QA persona's answers."""

from __future__ import annotations

import pytest

from tests.test_stories_qa24 import _bank
from tests.tools import main_stdout

PICK = ("At our warehouses the pickers walked too far every shift. I built a pick path planner "
        "from a warehouse system export and an open source solver. The walking distance went "
        "from 14 kilometers per shift to 9 kilometers. Picks per hour was 92 before, now 121. We "
        "saved about 380,000 loaded per quarter. It runs in 4 warehouses for 1,200 pickers and "
        "60,000 order lines per day. I learned to measure the walking first.")
LOCK = ("I owned the demand forecast for our parcel locker network. Customers found full lockers "
        "and their parcels were redirected. I rebuilt the forecast with weather and holiday "
        "features and I met the planners every week. The forecast error at locker level was cut "
        "by nine points, from 31 % to 22%. {effect} We stopped losing about 1.2 million load -y "
        "per year. 40 planners use it for 2 million parcels a week. I learned to listen to the "
        "planners.")
# Whisper's hearing of "The share of full locker redirects dropped by 40%"
LOCK_EFFECT = "The Sharon Full locker redirect stopped by 40%."
DMG = ("I built the damaged parcel classifier for our sorting centres. The first model missed "
       "too many crushed boxes, so I set a release gate on recall per box type. The recall on "
       "damaged parcels is now 94%. Damage claims paid fell by 25%. It checks 300,000 images a "
       "day and the regression rate on releases is under 1%. I learned to set the bar before "
       "the release.")
DMG_RETOLD = ("This is a Dive Deep story. I built the damaged parcel class if I for our sorting "
              "centres and I read every missed box myself. The recall went from 78 % to 95%. "
              "Damage claims paid dropped at 30%. It checks about 300,000 images every day. I "
              "learned to read the failures.")


def _one(tmp_path, *texts):
    root, bank = _bank(tmp_path, *texts)
    assert len(bank.stories) == 1, [s.title for s in bank.stories]
    return root, bank.stories[0]


# --- F4 ------------------------------------------------------------------------------------------

def test_a_pair_without_a_name_is_named_by_its_sentence_subject(tmp_path):
    _, story = _one(tmp_path, ("lp-customer-obsession-3", LOCK.format(effect="")))
    assert (story.triad.baseline, story.triad.after) == ("31%", "22%"), story.triad
    assert story.triad.metric == "forecast error at locker level", story.triad


def test_a_change_of_another_thing_after_the_pair_is_shown_as_said(tmp_path):
    _, story = _one(tmp_path, ("lp-customer-obsession-3", LOCK.format(effect=LOCK_EFFECT)))
    assert story.triad.effect is not None and story.triad.effect.endswith("−40%"), story.triad


def test_a_change_said_plainly_after_the_pair_keeps_its_name(tmp_path):
    """Near case: the change's own name heard is shown."""
    _, story = _one(tmp_path, ("lp-customer-obsession-3", LOCK.format(
        effect="The share of full locker redirects dropped by 40%.")))
    assert story.triad.effect == "share of full locker redirects −40%", story.triad


# --- F6 ------------------------------------------------------------------------------------------

# both tellings heard "classifier" as "class if I"
DMG_GARBLED = DMG.replace("I built the damaged parcel classifier",
                          "I built the damaged parcel class if I")


@pytest.mark.parametrize("told", [(DMG_GARBLED,), (DMG_GARBLED, DMG_RETOLD)])
def test_a_title_never_ends_on_a_word_heard_as_pieces(tmp_path, told):
    qids = ("lp-highest-standards-1", "lp-dive-deep-1")
    _, story = _one(tmp_path, *zip(qids, told))
    assert not story.title.lower().endswith((" class", " class if", " if")), story.title


def test_a_title_is_made_of_words_the_tellings_share(tmp_path):
    """Near case: a telling that said the word whole names the story with it."""
    _, story = _one(tmp_path, ("lp-highest-standards-1", DMG), ("lp-dive-deep-1", DMG_RETOLD))
    assert "classifier" in story.title.lower() and "class if" not in story.title.lower(), \
        story.title


def test_split_word_finds_pieces_only_where_no_clause_goes_on():
    from voice_coach.analysis.titles import split_word
    words = "I built the damaged parcel class if I for our sorting centres".split()
    assert split_word(words) == {5, 6, 7}
    # near cases: a pronoun that starts a clause, a pronoun after a comma
    assert not split_word("When I joined the team I rebuilt the forecast".split())
    assert not split_word("It was slow, I for one wanted a rewrite".split())


# --- F8 ------------------------------------------------------------------------------------------

def test_one_conflict_is_said_once(tmp_path, capsys):
    root, story = _one(tmp_path, ("lp-highest-standards-1", DMG), ("lp-dive-deep-1", DMG_RETOLD))
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    check = brief.split("**Check:**", 1)[1].split("which is right?", 1)[0]
    assert check.count("−25%") == 1 and check.count("−30%") == 1, check
    assert "94%" in check and "95%" in check, check


# --- F9 ------------------------------------------------------------------------------------------

def test_scale_said_only_in_another_telling_is_on_the_brief(tmp_path, capsys):
    root, story = _one(tmp_path, ("lp-highest-standards-1", DMG), ("lp-dive-deep-1", DMG_RETOLD))
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    scale = brief.split("**Scale and ship:**", 1)[1].split("**", 1)[0]
    assert "regression rate" in scale and "(another telling)" in scale, scale
