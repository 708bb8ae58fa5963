"""Stories told in the present read like the same stories told in the past (issue #13 1(a),
QA7 F28): the clause head is trained on every past-tense story clause also retold in the
historic present and the present continuous (scripts/train_meaning.py, scripts/retell.py).

The texts below were written for this test (not taken from any tuning round or trial); each
story comes in the present and in the past, with the same events."""

import pytest

from voice_coach import embedder
from voice_coach.analysis.structure import analyze_structure

PAIRS = [
    # historic present, a data engineer
    ("Last spring our nightly billing export starts failing about twice a week and finance is "
     "waiting on it every morning. I dig into the job logs and I find that one upstream table "
     "lands late. I add a sensor that waits for the table, I split the export into three smaller "
     "steps, and I set up an alert that pages me if a step runs over an hour. After that the "
     "export fails once in two months and finance gets the file by eight every day.",
     "Last spring our nightly billing export started failing about twice a week and finance was "
     "waiting on it every morning. I dug into the job logs and I found that one upstream table "
     "landed late. I added a sensor that waited for the table, I split the export into three "
     "smaller steps, and I set up an alert that paged me if a step ran over an hour. After that "
     "the export failed once in two months and finance got the file by eight every day."),
    # present continuous, non-native, lower case without punctuation at the end
    ("so in my previous company we are having a problem with the fraud model, it is flagging too "
     "many good customers. i am looking at the false positives one by one and i am seeing most of "
     "them are new accounts. so i am building a separate model for new accounts and i am "
     "retraining the main one without them. then the false positives are going down by almost "
     "half and the support team is getting much less complaints",
     "so in my previous company we had a problem with the fraud model, it flagged too many good "
     "customers. i looked at the false positives one by one and i saw most of them were new "
     "accounts. so i built a separate model for new accounts and i retrained the main one "
     "without them. then the false positives went down by almost half and the support team got "
     "much less complaints"),
    # historic present, terse
    ("Two thousand twenty two, the checkout page loads in six seconds on mobile. I profile it. I "
     "drop two tracking scripts, I lazy load the images, I move the price call to the server. "
     "Load time goes down to two seconds and mobile conversion goes up four percent.",
     "Two thousand twenty two, the checkout page loaded in six seconds on mobile. I profiled it. "
     "I dropped two tracking scripts, I lazy loaded the images, I moved the price call to the "
     "server. Load time went down to two seconds and mobile conversion went up four percent."),
]


@pytest.fixture(scope="module")
def model():
    return embedder.load_meaning_model()


NOT_YET = pytest.mark.xfail(strict=True, reason="the present continuous: the retold build "
                            "(train_meaning.py --retell) passes it, not shipped yet (docs/"
                            "structure.md, session 8)")


@pytest.mark.slow
@pytest.mark.parametrize(("present", "past"), [
    PAIRS[0], pytest.param(*PAIRS[1], marks=NOT_YET), PAIRS[2]])
def test_a_story_told_in_the_present_has_its_actions(model, present, past):
    """The Action and the Result are found in both tellings, and telling the story in the
    present does not halve the Action's share of the answer (QA7 F28: "halves the Action")."""
    now, then = (analyze_structure(t, kind="behavioral", model=model, method="meaning").star
                 for t in (present, past))
    assert then["action"].present and then["result"].present
    assert now["action"].present and now["result"].present
    assert now["action"].share >= 0.5 * then["action"].share
