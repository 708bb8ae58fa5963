"""QA25 fixes in the report's metric triad (`analysis.structure.detect_metric_triad`,
`analysis.numbers`), which the story bank and the brief follow (one set of facts).

F1: a level said with "before" (or "previously", "at the start") right after it ("churn was
12% before, and now it is 6%", its "now" misheard) is the baseline, never the after; the level
said next in the same clause is the after.
F2: how long the work took set against another plan's time ("it took three weeks instead of six
months") is the work's effort, never the metric's baseline → after nor its outcome: a baseline
left out stays a gap; a process named as the subject ("the monthly close now takes two days
instead of nine") keeps its pair.
F4: an outcome said as a change with a verb of ending ("complaints stopped by roughly 30%") keeps
its sign, "−30%", with what changed or "[metric?]" when the words name nothing.
F5: a level said outright before a change by an amount ("was 84% the week before … up by nine
points, to 93%") is the baseline as said, never marked "(worked out)".
F3: money after a loss, saving or cost verb whose one currency word was heard as two words
("we stopped losing close to 2 million send in every quarter") is the outcome's money, shown
"2M [currency?] per quarter" — never "number unclear"; ordinary words after a number (things
counted, "of them", a clause's link) are never a currency.

The sentences are this test's own; the QA25 transcripts are kept as regression repros."""

from __future__ import annotations

import pytest

from voice_coach.analysis.numbers import UNSAID_CURRENCY, currency_word_after
from voice_coach.questions import load_bank
from tests.tools import triad_of



def _triad(text: str, qid: str = "lp-ownership-3"):
    return triad_of(text, qid)


def _slots(tri, role: str) -> list[str]:
    """The spans read in `role`; a "pair" slot ("12% to 6%") gives its baseline and after."""
    out = [span for r, span in tri.slots if r == role]
    for r, span in tri.slots:
        if r == "pair" and role in ("baseline", "after"):
            out.append(span.split(" to ")[0 if role == "baseline" else -1])
    return out


# --- F3: a currency word heard as two words ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "we stopped losing close to 2M send in every quarter",
    "and it saved roughly 3M seed ease a year",
    "what we were paying went down by 4M run deep per month",
])
def test_a_currency_heard_as_two_words_is_marked(text):
    end = text.index("M ") + 1
    assert currency_word_after(text, end) == UNSAID_CURRENCY


@pytest.mark.parametrize("text", [
    "we lost 2M users in every quarter",  # things counted
    "we stopped losing 2M of them every quarter",  # a pronoun, no currency
    "we saved 2M and then every quarter",  # a clause's link
    "the model scores 2M claim records a month",  # no money verb: a volume
])
def test_ordinary_words_after_a_number_are_no_currency(text):
    end = text.index("M ") + 1
    assert currency_word_after(text, end) != UNSAID_CURRENCY


def test_we_saved_rand_keeps_its_currency():
    """Near case: a currency heard keeps its name."""
    text = "we saved 2M rand every quarter"
    assert currency_word_after(text, text.index("M ") + 1) == " rand"


PARCELS = (
    "At the courier company I owned the routing model, and drivers kept missing their windows. "
    "I rebuilt the features from the drivers' own notes and ran a test in one city first. "
    "Late deliveries went from 20% down to 9%, and we stopped losing about three million "
    "{currency} every quarter. I learned to listen to the drivers first.")


def test_money_with_a_currency_heard_as_two_words_is_the_outcome():
    tri = _triad(PARCELS.format(currency="said ease"), "lp-customer-obsession-3")
    assert any(s.startswith("3M [currency?]") and "quarter" in s
               for s in _slots(tri, "outcome")), tri.slots


# --- F1: a level tagged "before" is the baseline ------------------------------------------------

@pytest.mark.parametrize("clause, base, after", [
    ("Weekly returns were 15% before, and how the dew 8%.", "15%", "8%"),
    ("The error rate was 9% previously, and in the last sprint 3%.", "9%", "3%"),
])
def test_a_level_said_with_before_is_the_baseline(clause, base, after):
    text = (f"At the retailer I owned the sizing model. I rebuilt its features with the stylists. "
            f"{clause} I learned to ask the stylists first.")
    tri = _triad(text)
    assert any(base in s for s in _slots(tri, "baseline")), tri.slots
    assert not any(base in s for s in _slots(tri, "after")), tri.slots
    assert any(after in s for s in _slots(tri, "after")), tri.slots


def test_before_that_opens_a_time_phrase_is_no_tag():
    """Near case: "fell to 6% before the holidays" keeps 6% as the after-level."""
    text = ("At the retailer I owned the sizing model. I rebuilt its features with the stylists. "
            "Returns were 15% in spring and fell to 6% before the holidays. I learned to ask the "
            "stylists first.")
    tri = _triad(text)
    assert any("6%" in s for s in _slots(tri, "after")), tri.slots


def test_before_that_opens_a_time_phrase_is_unchanged():
    """Near case: "before, it was 12%, and now it is 6%" keeps its pair."""
    text = ("At the retailer I owned the sizing model. I rebuilt its features with the stylists. "
            "Before, it was 12%, and now it is 6%. I learned to ask the stylists first.")
    tri = _triad(text)
    assert any("12%" in s for s in _slots(tri, "baseline")), tri.slots
    assert any("6%" in s for s in _slots(tri, "after")), tri.slots


# --- F2: the work's own duration is no before → after ------------------------------------------

SORTER = ("At the warehouse I owned the parcel sorter's scanning model. The team wanted a new "
          "camera rig, but I retrained the model on the rejected scans instead. "
          "The wrong-bin rate is now roughly 15%. {took} I learned to try the cheap fix first.")


@pytest.mark.parametrize("took", [
    "It took us about two weeks instead of four months.",
    "The whole thing took two weeks rather than five months.",
])
def test_the_time_the_work_took_is_no_pair(took):
    tri = _triad(SORTER.format(took=took))
    assert not tri.baseline, tri.slots  # left out: a gap, "[baseline?]"
    assert any("15%" in s for s in _slots(tri, "after")), tri.slots
    assert not any("weeks" in s or "months" in s for _, s in tri.slots), tri.slots


@pytest.mark.parametrize("took, pair", [
    ("The monthly close now takes two days instead of nine days.", "9 days to 2 days"),
    ("The next model review took two weeks instead of the usual two months.", "2 months"),
])
def test_a_process_that_takes_less_keeps_its_pair(took, pair):
    """Near case: a process named as the subject is a metric with its before → after."""
    tri = _triad(SORTER.format(took=took).replace("The wrong-bin rate is now roughly 15%. ", ""))
    assert tri.baseline and any(pair in s for _, s in tri.slots), tri.slots


def test_the_bank_reads_no_pair_from_the_work_time():
    """The bank's own reading of the words (`facts.triad_values`) agrees with the report."""
    from voice_coach.analysis.facts import triad_values
    tv = triad_values(SORTER.format(took="It took us about two weeks instead of four months."))
    assert tv.baseline is None and tv.after != "2 weeks", tv
    near = triad_values("The monthly close now takes two days instead of nine days.")
    assert (near.baseline, near.after) == ("9 days", "2 days"), near


# --- F4: an outcome said as a change keeps its sign ------------------------------------------

@pytest.mark.parametrize("sentence, shown", [
    ("After the release, refund requests stopped by about 20%.", "refund requests −20%"),
    ("and the late pickups, eliminated by roughly 40%.", "−40%"),
])
def test_a_change_said_with_a_verb_of_ending_is_downward(sentence, shown):
    from voice_coach.analysis.triad_said import worded_change
    assert worded_change(sentence, shown.split()[-1][1:]) == shown


@pytest.mark.parametrize("sentence", [
    "On the tour we stopped by 30% of the stores.",  # a visit: a share, no change
    "Refund requests came in at about 20%.",  # a level
])
def test_a_visit_or_a_level_is_no_change(sentence):
    from voice_coach.analysis.triad_said import worded_change
    assert worded_change(sentence, sentence.split("%")[0].split()[-1] + "%") is None


def test_an_unnamed_change_outcome_is_marked_in_the_bank():
    from voice_coach.stories import report_outcome
    text = ("At the courier company I owned the routing model. I rebuilt its features. "
            "Late deliveries went from 20% down to 9%, and the drivers quit, stopped by "
            "roughly 30%. I learned to listen to the drivers.")
    tri = _triad(text)
    assert report_outcome(tri, text) in ("[metric?] −30%", "drivers quit −30%"), tri.slots


# --- F5: a baseline said outright is never "(worked out)" -----------------------------------

RETURNS = ("At the shop I owned the size advice model. {said}I retrained it on the returns "
           "notes with the stylists. After the fix, the return rate went down by ten points, to "
           "30%. I learned to read the notes.")


def test_a_level_said_before_a_change_is_not_marked_worked_out():
    tri = _triad(RETURNS.format(said="The return rate was 40% the month before. "))
    assert "40% to 30%" in [s for r, s in tri.slots if r == "pair"], tri.slots


def test_a_level_never_said_stays_worked_out():
    """Near case: with no 40% said, the baseline is worked out from the change."""
    tri = _triad(RETURNS.format(said=""))
    assert "40% (worked out) to 30%" in [s for r, s in tri.slots if r == "pair"], tri.slots


# --- the QA25 transcripts (repro), through the brief -------------------------------------------

def test_qa25_brief_shows_the_triads_as_spoken(tmp_path, capsys, monkeypatch):
    from datetime import datetime
    from pathlib import Path

    from voice_coach.store import Store
    from tests.test_stories_followed_up import _save
    from tests.test_stories_qa22 import transcript
    from tests.tools import main_stdout
    import tests.test_stories_qa22 as qa22

    root = tmp_path / "recordings"
    data = Path(__file__).parent / "data" / "qa25"
    monkeypatch.setattr(qa22, "QA22", data)  # the same boxed practice output
    for hour, name in enumerate(("practice-a1.txt", "practice-a2.txt", "practice-a3.txt",
                                 "practice-a4.txt")):
        qid, text = transcript(name)
        _save(Store(root), datetime(2026, 12, 2, 9 + hour), qid, text)
    brief = main_stdout(capsys, "brief", "--recordings", str(root))
    impact = [x for x in brief.splitlines() if x.startswith("- **Impact:**")]
    assert len(impact) == 3, brief
    churn, outage, geocoder = impact
    assert "12% → 6%" in churn and "[currency?]" in churn, churn  # F1, F3
    assert "84% → 93%" in outage and "worked out" not in outage, outage  # F5
    assert "−30%" in outage, outage  # F4
    assert "[baseline?] → 78%" in geocoder, geocoder  # F2
    assert "weeks" not in geocoder and "months" not in geocoder, geocoder
