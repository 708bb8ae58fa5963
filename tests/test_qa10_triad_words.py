"""The metric triad's words on the QA10 trial's mechanisms (F16, F04): a metric is named only
from its number's own clause — never from the symptom said in the clause before ("customers
were abandoning the chat before my change, 25% of conversations ended …") — and a label that is
a clause's verb ("stopped", Whisper's "mister looked" for "missed alerts") is shown as
`[metric?]`. Each answer is analysed by the real pipeline, saved by the real `Store` and read
back through the CLI; each mechanism in the trial's wording and in new wording.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from voice_coach.analysis.facts import triad_values
from voice_coach.analysis.triad_said import metric_label
from voice_coach.store import Store

from tests.test_stories_followed_up import _save
from tests.tools import main_stdout


def _impact(brief: str) -> str:
    return brief.split("**Impact:**")[1].split("\n")[0]


# the trial's attempt 2 as Whisper wrote it (espeak-ng en-gb+f2), and new wording
SYMPTOM_BEFORE = [
    ("At the conversational AI company in Dublin, my task was to evaluate our customer service "
     "chatbot before launch. When I listened to real conversations, customers were abandoning "
     "the chat before my change, 25% of conversation ended with the customer asking for a human "
     "agent. I pushed back on the launch, I built a new evaluation set from real transcripts. "
     "After we retrained, hand over to human agent, stopped to 10%. I saved the support team "
     "about 600 agent towers a month. This was customer obsession.", "abandoning"),
    ("I owned the returns flow at the retailer. Shoppers were complaining loudly on social media "
     "before the redesign, 30% of return requests needed a phone call. I rebuilt the form and "
     "added a status page. After the launch, phone calls for returns, fell to 8%. I learned to "
     "read the complaints first.", "complaining"),
]


@pytest.mark.parametrize("text,symptom", SYMPTOM_BEFORE)
def test_metric_is_not_named_from_the_clause_before(tmp_path, capsys, text, symptom):
    """QA10 F16: the 25% → 10% is the handover rate; "abandoning the chat" is said in the
    clause before "before my change," and names nothing the numbers measure."""
    t = triad_values(text)
    assert t.baseline and t.after, t
    assert symptom not in (t.metric or ""), t
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), "lp-customer-obsession-3", text)
    impact = _impact(main_stdout(capsys, "brief", "--recordings", str(root)))
    assert symptom not in impact, impact


@pytest.mark.parametrize("label,name", [
    ("mister looked", None), ("stopped", None), ("missed alerts", "missed alerts"),
    ("calls escalated", "calls escalated"), ("page load speed", "page load speed"),
    ("wrongly declined payments", "wrongly declined payments"),
])
def test_a_label_ending_in_a_clause_verb_names_nothing(label, name):
    assert metric_label(label) == name


def test_whisper_noise_label_is_a_gap_in_the_brief(tmp_path, capsys):
    """QA10 F04(b): Whisper's "the mister looked went from about 200 per week to less than 10"
    ("missed alerts") is shown as "[metric?]", never "mister looked"."""
    text = ("At the call centre analytics company in Lagos I owned the speech recognition model. "
            "One Monday the keyword alerts for the bank client stopped firing. I rolled back "
            "the acoustic model within two hours and retrained it with codec augmentation. "
            "The mister looked went from about 200 per week to less than 10 per week. I learned "
            "to monitor the input data, not only the model output.")
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), "lp-ownership-3", text)
    impact = _impact(main_stdout(capsys, "brief", "--recordings", str(root)))
    assert "mister" not in impact and "[metric?]" in impact, impact


# --- F04(c): a contract renewed is the outcome, its currency said as a word ----------------------

RENEWED = [
    # the trial's text (the currency said as a word, per annum)
    ("So in twenty twenty-two I was working at a call centre analytics company in Lagos, and I "
     "was having the responsibility for the speech recognition model that transcribes customer "
     "calls. One Monday morning the keyword alerts for the bank client stopped firing. The word "
     "error rate on Yoruba-accented calls had jumped to thirty-eight percent, when it used to be "
     "standing at around nineteen percent. I rolled back the acoustic model within two hours, "
     "then I retrained the model with codec augmentation. The error rate came down to fourteen "
     "percent, and the missed alerts went from about two hundred per week to less than ten. The "
     "client renewed the contract, worth about forty million naira per annum. What I learned is "
     "that I should monitor the input data.", "40M naira per annum"),
    # new wording: another currency word, another period
    ("At the payments start-up in Nairobi I owned the fraud model. False declines were at "
     "twelve percent and merchants were threatening to leave. I rebuilt the features and we "
     "shadow-tested for two weeks. False declines went down to four percent. The biggest merchant "
     "extended the deal, worth about ninety million shillings a year. I learned to shadow-test "
     "first.", "90M shillings a year"),
    # as Whisper heard the trial: the currency word misheard ("error" for "naira")
    ("I owned the speech recognition model at the call centre analytics company. The word "
     "error rate had jumped to thirty-eight percent, when it used to be standing at around "
     "nineteen percent. I retrained the model with codec augmentation. The error rate came down "
     "to fourteen percent. The client renewed the contract, worth about forty million error per "
     "annum. I learned to monitor the input data.", "40M [currency?] per annum"),
]


@pytest.mark.parametrize("text,outcome", RENEWED)
def test_renewed_contract_worth_is_the_outcome(tmp_path, capsys, text, outcome):
    """QA10 F04(c): "the client renewed the contract, worth about forty million naira per
    annum" is the business outcome in the brief — a currency said as a word, a period "per
    annum"; a misheard currency word is shown as "[currency?]", never as the currency."""
    assert triad_values(text).outcome == outcome
    root = tmp_path / "recordings"
    _save(Store(root), datetime(2026, 11, 30, 9), "lp-ownership-3", text)
    impact = _impact(main_stdout(capsys, "brief", "--recordings", str(root)))
    assert outcome in impact, impact
