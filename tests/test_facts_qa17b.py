"""QA17 F05: "short situation and your own responsibility" is a Task told by someone who is in
the story. An answer that never says "I", "me" or "my" tells the team's task, not the
candidate's: the point is missed, never covered next to "you said "we" … and "I" 0 times". A
story that says "I" or "my" anywhere is judged as before (the Task decides)."""

from __future__ import annotations

import pytest

from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

CFG = Config()
BANK = load_bank()
POINT = "short situation and your own responsibility"

WE_ONLY = [
    # QA17 a02, as typed
    ("lp-customer-obsession-3",
     "So we had recommendation project for e-commerce site. We planned to improve click through "
     "rate. Then we got feedback from customers that recommendations were too similar. We "
     "discussed as a team and we decided to add diversity. We changed the ranking and we did "
     "A/B test. The result was good and the customers were happy. We learned a lot from this "
     "project."),
    # other wordings, other domains
    ("lp-ownership-3",
     "Our billing service double-charged about two hundred customers one weekend. Our team's "
     "goal was to stop the double charges before the month closed. We rolled back the release "
     "within an hour and we refunded everyone. Then we added idempotency keys to the payment "
     "calls. Since then there were no double charges. We learned to test retries early."),
    ("lp-customer-obsession-3",
     "The team was building a demand forecast for the stores. The objective was to cut "
     "overstock. Store managers told us the forecast ignored local holidays, so the team added "
     "a holiday calendar as a feature and retrained. Overstock went down and the managers "
     "trusted it more. The lesson for us was to talk to users first."),
]


@pytest.mark.parametrize(("qid", "text"), WE_ONLY)
def test_an_answer_that_never_says_i_has_no_own_responsibility(qid, text):
    r = analyze_text(text, cfg=CFG, question=BANK.get(qid))
    kp = r.structure.key_points
    assert POINT not in kp.covered and POINT not in kp.unclear
    assert POINT in kp.missed


# near cases: the same stories with the speaker in them keep the point as the Task decides
WITH_I = [
    ("lp-customer-obsession-3",
     "So we had a recommendation project for an e-commerce site. I owned the ranking model and my "
     "goal was to improve click through rate. Then we got feedback from customers that "
     "recommendations were too similar. I proposed adding diversity and I changed the ranking, "
     "then we ran an A/B test. Click through went from 3.1% to 3.4%. I learned to read the "
     "feedback early."),
    ("lp-ownership-3",
     "Our billing service double-charged about two hundred customers one weekend. My "
     "responsibility was to stop the double charges before the month closed. We rolled back the "
     "release within an hour and we refunded everyone. Then we added idempotency keys to the "
     "payment calls. Since then there were no double charges. We learned to test retries "
     "early."),
]


@pytest.mark.parametrize(("qid", "text"), WITH_I)
def test_a_story_with_the_speaker_in_it_keeps_its_own_responsibility(qid, text):
    r = analyze_text(text, cfg=CFG, question=BANK.get(qid))
    assert r.structure.star["task"].present
    assert POINT in r.structure.key_points.covered
