"""Story bank, brief, principles and technical follow-ups on the QA7 trial's mechanisms (F10,
F16, F11, F29, F27, F03): the brief's outcome is the change said for users or the business with
what changed ("repeat calls −15%"), never a level of another metric ("$1.20 → 40 cents"), nor
how long a problem lasted, nor a follow-up's words glued onto the answer's own numbers; a
baseline worked out from "by N points" is marked; money a retelling said is never "[outcome?]";
a metric label that is a word fragment is a gap; a principle's verb phrase is named the same
way whatever its inflection; a real instance told in the first person is an example.

Every answer and reply is analysed by the real pipeline, saved by the real `Store` and read back
through the CLI. Each mechanism is checked in the trial's wording and in new wording.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach import pipeline
from voice_coach.analysis.facts import quantity_kind
from voice_coach.analysis.triad_said import metric_label, outcome_said, worded_change
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.store import Store
from voice_coach.stories import _evidence_quantities, _quantities
from voice_coach.story_report import brief_markdown
from tests.test_stories_followed_up import _save
from tests.tools import main_stdout
from tests.tools import report_of


def _impact(brief: str) -> str:
    return brief.split("**Impact:**")[1].split("\n")[0]


# --- F10: the outcome is the change for users, not a per-unit cost's level ------------------------

LEVEL_COSTS = [
    # the trial's repro
    ("For one year I led a small team building an LLM assistant for customer support. I built "
     "an evaluation set of two thousand real tickets and we added retrieval over the policy "
     "documents. The hallucination rate dropped by nine points, to three percent. Repeat calls "
     "went down fifteen percent, and the cost per ticket went from one dollar twenty to forty "
     "cents. I learned that you show the failures, not only the wins.",
     "repeat calls −15%", ("$1.2,", "$1.20,")),
    # new wording: another per-unit level, another change for the business
    ("I owned the claims triage model at the insurer. I retrained it on the new policy "
     "wording and we added a review queue for the uncertain claims. Wrong routings fell by "
     "six points, to four percent. Escalations dropped twenty percent, and the handling cost "
     "per claim went from three dollars to two dollars. I learned to review the queue "
     "every week.",
     "escalations −20%", ("$3,", "$3.0,")),
]


@pytest.mark.parametrize("text,effect,never", LEVEL_COSTS)
def test_outcome_is_the_change_said_not_a_per_unit_level(tmp_path, capsys, text, effect, never):
    """QA7 F10: "the cost per ticket went from $1.20 to 40 cents" is a level pair of another
    metric, never the business outcome "$1.2"; the change said for users ("repeat calls went
    down 15%") is the outcome, with what changed; a baseline worked out from "dropped by 9
    points, to 3%" is marked as worked out, not printed as said."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), "lp-earn-trust-1", text)
    impact = _impact(main_stdout(capsys, "brief", "--recordings", str(root)))
    assert effect in impact.lower(), impact
    assert not any(x in impact + "," for x in never), impact
    assert impact.count("(worked out)") == 1, impact  # marked once, by the triad


# a number worked out from a change said ("by N points to", "halved, from"): the triad marks it
# once (`numbers.WORKED_OUT`) and the bank shows that mark, never working it out again
WORKED_OUT_STORIES = [
    ("At the retailer I owned the search ranking. I retrained the ranker on click logs myself. "
     "The zero result rate fell by four points to two percent, and that brought about three "
     "hundred thousand dollars a quarter. I learned to check the logs weekly.", "6% (worked out)"),
    ("At the bank I owned the fraud rules. I rewrote the velocity checks myself. Chargebacks "
     "dropped by half, from eight percent, and the support team saved two days a week. I learned "
     "to test rules on last year's traffic.", "4% (worked out)"),
    ("I owned the nightly reconciliation job at the insurer. I split it into two streaming steps "
     "myself. Its run time was cut by three hours to five hours, so finance closed the books a day "
     "earlier. I learned to profile before I rewrite.", "8 hours (worked out)"),
]


@pytest.mark.parametrize("text,marked", WORKED_OUT_STORIES)
def test_the_bank_shows_the_worked_out_end_the_triad_marks(tmp_path, capsys, text, marked):
    root = tmp_path / "recordings"
    first, _ = _save(Store(root), datetime(2026, 11, 30, 9), "lp-deliver-results-1", text)
    assert any(marked in ev for ev in first.structure.metric_triad.evidence), \
        first.structure.metric_triad
    impact = _impact(main_stdout(capsys, "brief", "--recordings", str(root)))
    assert impact.count(marked) == 1 and impact.count("(worked out") == 1, impact


def test_a_worked_out_end_keeps_its_mark_and_its_kind():
    """Read back from the report's evidence, an end the triad worked out stays marked, and it
    is still the quantity it was ("4% (worked out)" pairs with a percent, not a count)."""
    assert quantity_kind("4% (worked out)") == "%"
    assert quantity_kind("3 hours (worked out)") == "time"
    assert _evidence_quantities("8 hours (worked out) to 5 hours") == \
        ["8 hours (worked out)", "5 hours"]
    assert _evidence_quantities("8% to 4% (worked out)") == ["8%", "4% (worked out)"]
    assert _evidence_quantities("$300K a quarter") == _quantities("$300K a quarter")  # no mark


# --- F16: a reply's words stay with the reply's numbers -----------------------------------------

MONDAY = ("So it's twenty twenty three, streaming service, and the recommendations pipeline "
          "breaks every Monday because an upstream team changes the viewing events schema. "
          "Nobody owns it. We write a schema contract, we add a validation job in front of the "
          "feature store, and we agree with the upstream team on a deprecation window. After "
          "that the Monday failures go from about three per month to zero, and the on-call "
          "pages drop a lot. Next time we would set the contract on day one.")
MONDAY_REPLIES = [
    # the trial's reply
    ("For customers it meant that every Monday the home page showed stale recommendations for "
     "about six hours, and viewing hours on those Mondays were roughly one percent lower. After "
     "the fix that dip disappeared, and the on-call engineers got back about one day per month.",
     "viewing hours", "−1%", "6 hours"),
    # new wording
    ("For users it meant the search page served old results for about four hours each week, "
     "and bookings on those days were about two percent lower. After the fix that dip was gone.",
     "bookings", "−2%", "4 hours"),
]


@pytest.mark.parametrize("reply,what,change,lasted", MONDAY_REPLIES)
def test_reply_outcome_keeps_its_words_and_never_the_problems_duration(tmp_path, capsys, reply,
                                                                       what, change, lasted):
    """QA7 F16: the reply's metric words ("viewing hours on those mondays") never label the
    answer's own 3 → 0; the outcome is the change the reply said ("viewing hours −1%"), never
    how long the problem lasted ("for about six hours")."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), "lp-ownership-1", MONDAY, reply,
          kind="no_business_outcome")
    impact = _impact(main_stdout(capsys, "brief", "--recordings", str(root)))
    main, _, rest = impact.partition("→")
    assert what not in main.lower() and "hours on" not in main.lower(), impact
    assert what in rest.lower() and change in rest, impact
    assert lasted not in impact, impact


# --- F11: money a retelling said is shown as said ------------------------------------------------

FIRST = ("Holiday season was coming and our sponsored listings click model was over-predicting "
         "for new sellers. I wrote a replay, added isotonic calibration per seller segment and "
         "ran an A B test. Click-through went from one point eight to two point one percent, "
         "roughly four hundred thousand dollars a month in extra revenue. I learned to check "
         "calibration per segment.")
RETELLINGS = [
    ("This one is really about Deliver Results. Holiday season was coming, and our sponsored "
     "listings click model was over-predicting for new sellers. I added isotonic calibration "
     "per seller segment and ran an A B test. Click-through went from one point eight to two "
     "point three percent, and I was around half a million dollars a month in ad revenue.",
     "$500K"),
    ("Same calibration story for the holidays: the sponsored listings click model over-predicted "
     "for new sellers, I added calibration per seller segment. Click-through went from one point "
     "eight to two point two percent and we were looking at maybe seven hundred thousand "
     "dollars a month in revenue.", "$700K"),
]


@pytest.mark.parametrize("retold,money", RETELLINGS)
def test_money_a_retelling_said_is_never_outcome_not_said(tmp_path, capsys, retold, money):
    """QA7 F11: a retelling's column never shows "[outcome?]" for money it said; the money is
    shown as said (as the outcome, or marked as said but not read as one)."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), "lp-deliver-results-1", FIRST)
    _save(Store(root), datetime(2026, 11, 30, 10), "lp-deliver-results-1", retold)
    card = main_stdout(capsys, "stories", "--recordings", str(root), "--show", "1", "--markdown")
    row = next(x for x in card.splitlines() if x.startswith("| triad |"))
    cells = [c.strip() for c in row.split("|")[2:-1]]
    assert len(cells) == 2, card
    assert "[outcome?]" not in cells[1] and money in cells[1], cells


# --- F29: metric labels and the stories left out -------------------------------------------------

@pytest.mark.parametrize("label,name", [
    ("through", None), ("totally", None), ("behind the line", None), ("basically", None),
    ("b test click rate", "click rate"), ("the retention", "retention"),
    ("click through rate", "click through rate"), ("cost per ticket", "cost per ticket"),
    ("offline ndcg", "offline ndcg"), (None, None),
])
def test_metric_label_is_a_name_or_nothing(label, name):
    assert metric_label(label) == name


def test_brief_shows_a_fragment_label_as_a_gap(tmp_path, capsys):
    """QA7 F29: "NDCG dropped, totally from 0.41 to 0.4" (Whisper's words) labels the pair
    "totally" — shown as "[metric?]", never as if it were the metric's name."""
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), "lp-frugality-1",
          "We had no budget for a GPU cluster, so I distilled the big model into a small one "
          "that runs on the CPU fleet. Offline ranking quality dropped, totally from zero point "
          "four one to zero point four, and serving cost was about eighty thousand dollars a "
          "year instead of six hundred thousand. I learned that a constraint finds the simpler "
          "model.")
    impact = _impact(main_stdout(capsys, "brief", "--recordings", str(root)))
    # since session 26 (QA30 F4) a pair with no name next to it is named by its sentence's
    # subject, "Offline ranking quality dropped, …": never the fragment "totally"
    assert "totally" not in impact and "offline ranking quality 0.41 → 0.4" in impact, impact


def test_stories_left_out_of_the_brief_are_named():
    out = brief_markdown([], omitted=["Cold-start taste quiz", "Support bot hallucinations"])
    assert "Left out to keep one page" in out and "brief --all" in out
    assert "“Cold-start taste quiz”; “Support bot hallucinations”" in out


# --- the outcome chooser on its own --------------------------------------------------------------

@pytest.mark.parametrize("text,candidates,kind,shown", [
    ("Repeat calls went down 15%. The cost per ticket went from $1.20 to 40 cents.",
     ["$1.2", "15%"], "%", "repeat calls −15%"),
    ("The page was stale for about 6 hours, and sessions were about 2% lower.",
     ["6 hours", "2%"], "%", "sessions −2%"),
    ("Latency went to 120 milliseconds, which lifted search conversion by 0.5 percent.",
     ["0.5 percent"], "time", "search conversion +0.5%"),
    ("The on-call engineers got back about 2 days per month.", ["2 days"], "%",
     "on-call engineers 2 days back"),
    ("It saved about $300000 a year.", ["$300000 a year"], "%", "$300000 a year"),
    ("Accuracy went from 11.5% to 9%.", ["9%"], "%", None),  # the triad's own level
])
def test_outcome_said(text, candidates, kind, shown):
    assert outcome_said(text, candidates, kind) == shown


def test_worded_change_needs_a_change():
    assert worded_change("Viewing hours on those Mondays were about 1% lower.", "1%") \
        == "viewing hours −1%"
    assert worded_change("Retention was 31% after the launch.", "31%") is None


# --- F27: a principle's verb phrase is named the same way in every form --------------------------

BASE = ("At the streaming service I rebuilt the ranking for new users. I trained the model and "
        "ran the test, and retention went from 27 to 31 percent. ")
NOT_NAMED = [
    "I earned the trust of the content team by sharing every failed experiment.",
    "I learned that you earn trust with the content team by showing them the failures.",
    "You earn trust with the content team by showing them the failures.",
    "I learned that I earned the trust of the content team by showing them the failures.",
    "I learned to earn the trust of the content team by showing them the failures.",
    "I learned that you have to dive deep into the logs before a launch.",
    "We earned their trust by sharing every failed experiment.",
    # the trial's wav, as Whisper heard "I learned that you earn trust with the support agents"
    "I learned a few earned trust with the support agent by showing them the failures.",
    # the same lesson in the passive says how trust comes, no name (QA90 F3: "I think trust is
    # built when …")
    "I learned that trust is earned by showing the failures.",
]
NAMED = [
    ("That is Earn Trust for me: I shared every failed experiment.", "Earn Trust"),
    ("For me this story is about earning the trust of the content team.", "Earn Trust"),
    ("This story shows Earn Trust: we shared every failed experiment.", "Earn Trust"),
    ("What I learned is that Dive Deep matters most before a launch.", "Dive Deep"),
]


def _principles(text: str) -> tuple[str, ...]:
    return tuple(report_of(BASE + text, "lp-earn-trust-1").structure.leadership_principles)


@pytest.mark.parametrize("text", NOT_NAMED)
def test_a_principle_used_as_a_verb_is_not_named_in_any_form(text):
    """QA7 F27: "I earned the trust of …" and "I learned that you earn trust with …" say the
    same thing — an action or a how-to — and neither names Earn Trust (issue #13: a principle
    is named when said as a value or reason), whatever the verb's form."""
    assert _principles(text) == (), text


@pytest.mark.parametrize("text,name", NAMED)
def test_a_principle_said_as_a_value_is_named(text, name):
    assert name in _principles(text), text


# --- F03: a real instance told in the first person is a concrete example -------------------------

INSTANCES = [
    # the trial's repro
    "Overfitting is when the model learns the noise in the training data, so training error is "
    "low but validation error is high. In ads ranking we saw this with user ID features: the "
    "model memorised heavy users. With regularisation you trade a bit of bias for a lot less "
    "variance.",
    "Overfitting means the model fits noise, so it does great on training data and badly on "
    "new data. On our churn model we hit exactly that when we added raw customer IDs, it "
    "memorised the big accounts. Regularisation and more data help.",
    "Overfitting is learning the noise instead of the signal. Once, I trained a fraud model on "
    "one month of data and it learned that month's promotions. Validation on a later month "
    "showed it.",
]


@pytest.mark.parametrize("text", INSTANCES)
def test_real_instance_is_an_example_and_is_not_asked_for_again(text):
    """QA7 F03: an answer that tells where the candidate saw it happen gets no "Give a concrete
    example" and no follow-up asking for that example."""
    question = load_bank().get("ml-overfitting-1")
    report = pipeline.analyze_text(text, cfg=Config(), question=question)
    tips = " ".join(f.message for f in report.feedback)
    assert "concrete example" not in tips, tips
    assert report.follow_up_key != "no_example"
    assert question.follow_ups["no_example"] != report.follow_up


def test_a_definition_alone_is_still_asked_for_an_example():
    question = load_bank().get("ml-overfitting-1")
    report = pipeline.analyze_text(
        "Overfitting is when the model learns the noise in the training data, so training "
        "error is low but validation error is high. The trade-off is bias against variance.",
        cfg=Config(), question=question)
    tips = " ".join(f.message for f in report.feedback)
    assert "concrete example" in tips and report.follow_up_key == "no_example", tips
