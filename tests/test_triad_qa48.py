"""Session 40, QA48 (issue #13, persona Pedro) by mechanism: a level set against another group's
("22% of Portuguese answers, against 6% in English") is never the start of the subject's later
level; the money the work was worth is no baseline beside the pair; how long a recovery took
("came back to normal in about 20 minutes") is no business outcome."""

from __future__ import annotations

from voice_coach.analysis.numbers import change_pairs, said_sentences
from tests.tools import triad_of

AGAINST = ("We measured the chatbot on real tickets: it was wrong in 31 percent of Spanish "
           "answers, against 5 percent in English. I rebuilt the retrieval for the Spanish "
           "documents, and after three weeks the Spanish error was down to 9 percent.")
WORTH = ("Late pickups dropped by three points, to eight percent. It was eleven percent before. "
         "Drivers kept more trips, which was around four million reais a year.")
RECOVERY = ("The ETA service started failing on a Sunday and support tickets jumped. I rolled back "
            "the release and the rider ETAs came back to normal in about fifteen minutes. Then I "
            "found the root cause and failed checkouts went from seven percent to under one "
            "percent.")


def test_a_level_set_against_another_group_is_not_the_start():
    pairs = [(p.before.value, p.after.value) for p in change_pairs(said_sentences(AGAINST))]
    assert pairs == [(31.0, 9.0)], pairs
    tri = triad_of(AGAINST, "lp-ownership-1")
    assert ("pair", "31% to 9%") in tri.slots, tri.slots


def test_the_money_the_work_was_worth_is_no_baseline():
    tri = triad_of(WORTH, "lp-customer-obsession-3")
    assert not any(role == "baseline" and "reais" in span for role, span in tri.slots), tri.slots
    assert any(role == "outcome" and "reais" in span for role, span in tri.slots), tri.slots


def test_a_recovery_time_is_no_business_outcome():
    tri = triad_of(RECOVERY, "lp-ownership-3")
    assert not any(role == "outcome" and "15 minutes" in span for role, span in tri.slots), \
        tri.slots


OUTCOME_FIRST = ("I will start with the outcome. We saved about 1.2 million Singapore dollars a year "
                 "at the terminal because crane re-handles dropped by 25%. The feature pipeline "
                 "belonged to nobody, so I took it over. I moved the feed to a streaming job and "
                 "added an alert. After the fix the prediction error came down from 10 hours to "
                 "4 hours.")


def test_a_saving_told_first_is_the_outcome_not_the_problem():
    """QA49 F1: what the work saved, told before the steps ("we saved … because re-handles
    dropped by 25%"), is the outcome; the change said after "because" is of its own subject,
    never applied to the money."""
    tri = triad_of(OUTCOME_FIRST, "lp-ownership-2")
    assert tri.business_outcome and any(role == "outcome" and "1.2M" in span
                                        for role, span in tri.slots), tri.slots
    assert not any("worked out" in span for _, span in tri.slots), tri.slots
