"""Session 24 (issue #17: the bank and the brief show each triad with the numbers as spoken) —
QA28 F2, F4, F5 and QA26 F3:

- F2: a change its report read after the triad's pair, of another thing, is shown as said
  beside the triad ("[metric?] −30%" when its words name nothing), never "[outcome?]" for a
  number that was said.
- F4: a telling whose report read the baseline and the after each from its own words shows
  each slot's own level — a level heard as two numbers joined by "and" ("1 and 24") as heard,
  marked to be checked — never two numbers of one slot read as "1 → 24"; a loss verb, an
  amount and a misheard currency before a bare plural period ("3 ,5 million karat years") is
  the money outcome in every telling.
- F5: the "Check:" line names a retelling's changed after and money, heard or plain.
- QA26 F3: a scale figure retold with another number ("30K … 35K calls a day") is flagged.

The sentences are this test's own (a hospital lab, a parcel depot), not the QA personas'."""

from __future__ import annotations

from tests.tools import main_stdout, one_story

LAB = ("At the regional hospital lab, blood samples were sometimes labelled with the wrong "
       "patient. My task was to stop the mix-ups. I built a barcode check at the bench and "
       "trained the night shift on it myself. The sample mix-up rate was 1 in 30 before, and "
       "after the change it was 1 in 90. We stopped losing about 2 million rand a year in "
       "repeated tests. I learned to watch the night shift work before changing anything.")
LAB_HEARD = ("I think this shows Dive Deep. At the regional hospital lab the blood samples got "
             "the wrong patient labels. I read every mix-up report myself and built a barcode "
             "check at the bench. The sample mix-up rate was 1 and 34, and now that it's 1 and "
             "19, we stop losing about 2 ,5 million corona years. I learned to read the raw "
             "reports before any dashboard.")
LAB_PLAIN = ("I think this shows Dive Deep. At the regional hospital lab the blood samples got "
             "the wrong patient labels. I read every mix-up report myself and built a barcode "
             "check at the bench. The sample mix-up rate was 1 in 30, and now it is 1 in 90. We "
             "stopped losing about 2 million rand a year. I learned to read the raw reports "
             "before any dashboard.")


def test_a_level_heard_as_two_numbers_is_shown_as_heard_never_split(tmp_path):
    _, story = one_story(tmp_path, ("lp-customer-obsession-3", LAB), ("lp-dive-deep-1", LAB_HEARD))
    heard = story.tellings[1].triad
    assert heard.after is not None and "1 and 19" in heard.after, heard
    assert heard.baseline is not None and "1 and 34" in heard.baseline, heard
    assert heard.outcome is not None and heard.outcome.startswith("2.5M [currency?]"), heard


def test_the_check_line_names_the_retold_after_and_money(tmp_path, capsys):
    root, story = one_story(tmp_path, ("lp-customer-obsession-3", LAB),
                            ("lp-dive-deep-1", LAB_HEARD))
    parts = {c.part: c.values for c in story.conflicts}
    assert "1 in 90" in parts["after"] and any("1 and 19" in v for v in parts["after"]), parts
    assert len(parts["outcome"]) == 2, parts
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "after said as 1 in 90 and as 1 and 19" in brief, brief


def test_a_plain_retelling_of_the_same_numbers_is_no_check(tmp_path):
    """Near case: the same levels and money said again plainly are nothing to check."""
    _, story = one_story(tmp_path, ("lp-customer-obsession-3", LAB), ("lp-dive-deep-1", LAB_PLAIN))
    assert not story.conflicts, story.conflicts
    assert story.tellings[1].triad.after == "1 in 90", story.tellings[1].triad


DEPOT = ("At the parcel depot the sorting scanner started to misread labels after a firmware "
         "update, so parcels went to the wrong van. It was my system, so I took ownership. I "
         "rolled back the update that night and added a label check to the pipeline. The "
         "misread rate went down from 8.5% to 1.5%. The {what} went down with 40%. Now every "
         "update runs on one belt first, and the regression rate on updates is under 1%. I "
         "learned to test on one belt first.")


def test_a_change_after_the_pair_is_shown_as_said(tmp_path, capsys):
    root, story = one_story(tmp_path, ("lp-ownership-3", DEPOT.format(what="wrong van stopped")))
    assert story.triad.effect is not None and story.triad.effect.endswith("−40%"), story.triad
    brief = " ".join(main_stdout(capsys, "brief", "--recordings", str(root)).split())
    assert "−40%" in brief and "[outcome?]" not in brief, brief


def test_the_quality_gate_stays_on_the_scale_line(tmp_path):
    """Near case: "the regression rate … is under 1%" is how it ships, never the triad's."""
    _, story = one_story(tmp_path, ("lp-ownership-3", DEPOT.format(what="wrong van stopped")))
    assert "1%" not in str(story.triad), story.triad
    assert any("under 1%" in x for x in story.scale), story.scale


CALLS = ("At the utility's call centre, customers waited too long because calls went to the "
         "wrong desk. I built one routing model for all the desks and tested it with the agents "
         "myself. The misrouted share went from 20% to 8%. It handles {calls} calls per day. I "
         "learned to listen to the agents.")
CALLS_AGAIN = ("This is about Deliver Results. At the utility's call centre I built the one "
               "routing model for the desks, tested with the agents. Misrouted calls went from "
               "20% to 8%, on {calls} calls per day. I learned to listen to the agents.")


def test_a_scale_figure_retold_differently_is_flagged(tmp_path):
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", CALLS.format(calls="40000")),
                         ("lp-deliver-results-1", CALLS_AGAIN.format(calls="45000")))
    scale = [c.values for c in story.conflicts if c.part == "scale"]
    assert scale and len(scale[0]) == 2, story.conflicts


def test_a_scale_figure_retold_alike_is_not_flagged(tmp_path):
    """Near case: the same volume said again is nothing to check."""
    _, story = one_story(tmp_path, ("lp-invent-simplify-1", CALLS.format(calls="40000")),
                         ("lp-deliver-results-1", CALLS_AGAIN.format(calls="40000")))
    assert not [c for c in story.conflicts if c.part == "scale"], story.conflicts
