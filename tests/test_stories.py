"""Story bank: triad values as spoken, grouping accuracy on labelled tellings, coverage, gaps."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from voice_coach import pipeline
from voice_coach.analysis.story_similarity import (EVIDENCE, DocumentFrequencies,
                                                   GroupingOptions, feature_matrix, features,
                                                   group_texts, name_vocabulary, number_values,
                                                   own_actions, pair_evidence)
from voice_coach.analysis.numbers import normalize_numbers
from voice_coach.config import Config
from voice_coach.questions import LEADERSHIP_PRINCIPLES, load_bank
from voice_coach.stories import (AnswerSource, build_bank, principle_gaps, story_reference,
                                 telling_from_report, triad_values)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from stories_grouping import (FROZEN_2, FROZEN_3, TUNING_SETS, group,  # noqa: E402
                              load_frozen, load_set, load_tuning, new_user_banks, pairwise,
                              small_banks, tally_story_banks)

TARGET = 0.9  # issue #17: pairwise "same story" precision and recall


@pytest.mark.parametrize("text, metric, baseline, after, change, effect, outcome", [
    ("Click-through on suggestions went from nine to fourteen percent, which saved about "
     "one point two million dollars per quarter.",
     "click-through on suggestions", "9%", "14%", None, None, "$1.2M per quarter"),
    ("The hallucination rate dropped from 12% to 3%. Repeat calls fell by 15%, and customers "
     "noticed, saving $1.2M per quarter.", "hallucination rate", "12%", "3%", None,
     "repeat calls −15%", "$1.2M per quarter"),
    ("Average handle time dropped by about forty seconds.", "average handle time", None, None,
     "−40 seconds", None, None),
    ("I rewrote the parser and everyone was happy.", None, None, None, None, None, None),
    ("Routing cost about forty-one thousand dollars a month before, and it dropped to about "
     "five thousand a month.", "routing cost", "about $41000", "about $5000", None, None, None),
    # QA3 A4 / C2: money said once keeps its unit; the baseline said first is the baseline
    ("Our cloud bill was about 1.2 million dollars a year. The annual cost went down to four "
     "hundred thousand dollars, so we saved eight hundred thousand a year.", "cloud bill",
     "about $1.2M", "$400000", None, None, "$800000 a year"),
    ("Losses dropped to around 1.5 mil a year, from two mil.", "losses", "$2M", "around $1.5M", None,
     None, None),
    # QA3 D2: a sample size is not the baseline; the pair is the metric said before and after
    ("Before the fine tune, accuracy on our five hundred question golden set was sixty one "
     "percent. After a fine tune on eighteen thousand curated pairs it was eighty four percent.",
     "accuracy", "61%", "84%", None, None, None),
    # QA finding 4: the number said first with "before" is the baseline, not the later one
    ("Error rate was twelve percent before and four percent after.", "error rate", "12%", "4%",
     None, None, None),
    # the metric is named before the verb nearest its number, not the sentence's first verb
    ("The difference was the feature lookups: the cache hit rate had dropped from 98% to almost "
     "0 after someone changed the expiry setting.", "cache hit rate", "98%", "almost 0%", None,
     None, None),
    # people reached are scale, not an after, also when the noun is a unit word ("users")
    ("The new ranker went out to 10M users in March.", None, None, None, None, None, None),
    ("The new ranker went out to about 400 stores in March.", None, None, None, None, None, None),
    # "came down by" is a change downward, as "dropped by" is
    ("We switched over in about a month and our training costs came down by around 25%.",
     "training costs", None, None, "−25%", None, None),
    # a change by an amount is a change, not where the metric ended, with or without "by"
    ("Our engagement survey score went up 18 points.", "engagement survey score", None, None,
     "+18 points", None, None),
])
def test_triad_values_as_spoken(text, metric, baseline, after, change, effect, outcome):
    t = triad_values(text)
    assert (t.metric, t.baseline, t.after, t.change, t.effect, t.outcome) == (
        metric, baseline, after, change, effect, outcome)


def test_names_are_one_feature_in_typed_and_asr_text():
    names = frozenset({"kofi"})
    assert "p:kofi" in features("I mentored Kofi for a summer.", names)
    assert "p:kofi" in features("i mentored kofi for a summer", names)
    assert "n:3.1%" in features("false declines were three point one percent")


# tunings 5 and 6 retell stories from other angles (a conflict, a deep dive, a failure): their
# look-alike precision (and tuning 6's recall) are still short of the target in-sample
# (docs/stories.md, session 11); strict, so the day one meets the target this test says so.
# Tuning 1 (one story told for two questions of one session, a look-alike of it) meets it since
# session 11: the evidence "alike overall and in the project's own words" keeps the look-alike
# out and the two halves of the story together
ANGLE_SETS = ("tuning 5", "tuning 6")
ANGLES_UNMET = pytest.mark.xfail(strict=True, reason="angle retellings / one story twice in "
                                                     "one session")
# tuning 12 (session 15's unseen set 17, folded in session 16) meets it since session 25: the
# credit-limit model's fairness story and its validation-deadline story, each retold alike, are
# kept apart by the event gap (`GroupingOptions.event_gap`; precision 0.852 -> 0.945, recall
# 0.945; docs/stories.md, session 25)
# tuning 16 (session 20's unseen set 22, folded in session 21): podcast ad-targeting story merged
# with the double-ad incident (same PM, same ad product, "one percent" said in both), and a hiring
# story with the cold-start service its hire built the harness for (precision 0.875, recall 0.891
# with the other sets as reference and in-sample alike; docs/stories.md, session 21)
# tuning 17 (session 21's unseen set 23, folded in session 22): two driver-incentive stories of one
# manager merged, and two forecasting projects of one manager and metric (precision 0.747, recall
# 1.000 with the other sets as reference and in-sample alike; docs/stories.md, session 22);
# since session 25 (the event gap) tuning 16 0.980 / 0.891 (its recall), tuning 17 0.838 / 1.000;
# tuning 17 meets it since session 26 (`GroupingOptions.apart_min_score`: 1.000 / 1.000)
LOOK_ALIKE_SETS = ("tuning 16",)
LOOK_ALIKES_UNMET = pytest.mark.xfail(strict=True, reason="look-alike stories of one employer")
TARGET_MET_SETS = [s for s in TUNING_SETS if s[0] not in ANGLE_SETS + LOOK_ALIKE_SETS]


def _target_marks(name: str) -> tuple:
    return ((ANGLES_UNMET,) if name in ANGLE_SETS
            else (LOOK_ALIKES_UNMET,) if name in LOOK_ALIKE_SETS else ())


@pytest.mark.parametrize("name, path", [
    pytest.param(n, p, marks=_target_marks(n)) for n, p in TUNING_SETS])
def test_grouping_meets_target_on_each_tuning_set(name, path):
    data = load_set(path)
    p, r, *_ = pairwise(group(data, GroupingOptions()), data.truth)
    assert p >= TARGET and r >= TARGET, name


def test_grouping_keeps_stories_told_from_other_angles_apart():
    """Tuning 5: look-alike stories at one employer and one system stay apart (precision), on
    the full set and on small banks cut from it (0.985). Full set: 0.871 in-sample and held out
    since session 11 (session 10: 0.914 in-sample, 0.836 held out; docs/stories.md)."""
    data = load_set(dict(TUNING_SETS)["tuning 5"])
    p, *_ = pairwise(group(data, GroupingOptions()), data.truth)
    assert p >= 0.85
    tp = npred = 0
    for sub in small_banks(data):
        _, _, t, pr, _ = pairwise(group(sub, GroupingOptions()), sub.truth)
        tp, npred = tp + t, npred + pr
    assert tp / npred >= 0.95


def test_a_new_users_bank_keeps_look_alike_stories_apart():
    """Tunings 6 and 7 (written for the angle problem, with look-alike stories at one employer
    and on one metric): in a new user's bank of 2, 3 or 5 of their stories, pooled, a merged
    pair is one story at least 9 times in 10 (0.923 and 0.957 in-sample, session 10)."""
    tp = npred = 0
    for name in ("tuning 6", "tuning 7"):
        for sub in small_banks(load_set(dict(TUNING_SETS)[name])):
            _, _, t, pr, _ = pairwise(group(sub, GroupingOptions()), sub.truth)
            tp, npred = tp + t, npred + pr
    assert tp / npred >= 0.9


def test_grouping_keeps_small_banks_together():
    """A user's bank starts with a few stories: random subsets of 2, 3 and 5 stories of every
    tuning set the target is met on, pooled."""
    tp = npred = ntrue = 0
    for _, path in TARGET_MET_SETS:
        for sub in small_banks(load_set(path)):
            _, _, t, pr, tr = pairwise(group(sub, GroupingOptions()), sub.truth)
            tp, npred, ntrue = tp + t, npred + pr, ntrue + tr
    assert tp / npred >= TARGET and tp / ntrue >= TARGET


def test_own_actions_are_the_sentences_where_the_speaker_acts():
    """What the speaker did, in typed and in lower-case ASR text: the scene (employer, system,
    people) is left out, as look-alike stories of one employer share it (session 11)."""
    typed = ("At Keystone the reps priced loads by hand. I built the buy-rate model. The VP "
             "did not like it, i.e. he trusted the index. So I ran a six-month backtest.")
    assert own_actions(typed) == "I built the buy-rate model. So I ran a six-month backtest."
    asr = "the helpline was overwhelmed. i reused the synonym table. it handled a third of chats."
    assert own_actions(asr) == "i reused the synonym table."
    assert own_actions("we shipped it in march and it worked") == ""
    ev = pair_evidence([typed, asr, "I built a buy-rate model for Keystone's reps."])
    assert ev.shape == (3, 3, len(EVIDENCE))
    assert ev[0, 2, EVIDENCE.index("own actions")] > ev[0, 1, EVIDENCE.index("own actions")]


def test_number_values_match_however_they_are_said():
    def tokens(text):
        return {f for f in features(text) if f.startswith("v:")}

    assert tokens("the bill was twenty-six thousand dollars a month") & tokens("about 26k")
    assert not tokens("the bill was twenty-six thousand dollars a month") & tokens("about 41k")
    # "from 41 to 47 percent" also gives the change a retelling may state ("six points")
    assert 6.0 in number_values(normalize_numbers("retention went from 41 to about 47 percent"))
    assert number_values(normalize_numbers("I picked 3 artists over 2 weeks")) == []
    # a share said as a fraction is the percentage a retelling says in figures
    assert tokens("about a third of them gave up on the application") & tokens(
        "33% of flagged applicants abandoned")
    assert tokens("false declines went down by about a fifth") & tokens("declines fell 20%")
    assert not tokens("a third of them gave up") & tokens("a fifth of them gave up")
    assert number_values(normalize_numbers("we relaunched a quarter later")) == []


def test_principles_said_aloud_are_not_story_features():
    text = ("We rolled it back within the hour. That's Ownership, and I had to Disagree and "
            "Commit with Helen, so Have Backbone too.")
    assert name_vocabulary([text]) == frozenset({"helen"})
    assert not {f for f in features(text, name_vocabulary([text]))
                if f.split(":")[1].startswith(("owner", "disagre", "commit", "backbone"))}


def test_follow_up_joins_the_answer_it_followed():
    data = load_tuning()
    follow, parent = data.ids.index("u27"), data.ids.index("u26")
    joined = group_texts(data.texts, together=data.pairs)
    assert joined[follow] == joined[parent]
    # a reply that shares no word with its story stays apart unless it is joined to its answer
    texts = list(data.texts)
    texts[follow] = "Yes, my manager was happy with how it went, and so was I."
    assert group_texts(texts)[follow] != group_texts(texts)[parent]
    assert group_texts(texts, together=data.pairs)[follow] == joined[parent]


def test_a_retry_of_the_question_in_one_session_is_the_same_story():
    data = load_tuning()
    follow, parent = data.ids.index("u27"), data.ids.index("u26")
    texts = list(data.texts)
    texts[follow] = "Yes, my manager was happy with how it went, and so was I."
    kept = group_texts(texts, sessions=data.sessions, questions=data.questions)
    assert kept[follow] == kept[parent]  # same question, same session: one unit
    apart = group_texts(texts, sessions=data.sessions, questions=data.questions,
                        options=GroupingOptions(join_retries=False))
    assert apart[follow] != apart[parent]


def test_a_long_second_answer_to_the_question_may_tell_another_story():
    """Tuning set 4: in session 4 the candidate answered lp-earn-trust-2 with the Manaus launch
    incident (v25), then again with the wrong transformer bet (v29). The second is a full
    answer, not a reply: it is grouped by its text, with the transformer story."""
    data = load_set(TUNING_SETS[3][1])
    first, second = data.ids.index("v25"), data.ids.index("v29")
    assert (data.sessions[first], data.questions[first]) == (data.sessions[second],
                                                             data.questions[second])
    assert data.truth[first] != data.truth[second]
    label = group(data, GroupingOptions())
    assert label[second] != label[first]
    assert label[second] == label[data.ids.index("v12")]  # the transformer story told before
    assert label[first] == label[data.ids.index("v02")]  # the Manaus incident told before
    # the same answer cut to a reply's length joins the answer before it
    short = list(data.texts)
    short[second] = " ".join(data.texts[second].split()[:40])
    assert group(data._replace(texts=short), GroupingOptions())[second] == label[first]


def test_grouping_on_frozen_set_measured():
    """The frozen set, pooled, with the shipped options (docs/stories.md): precision and recall
    do not fall below what was reported (0.953 / 0.953, session 9)."""
    data = load_frozen()
    p, r, *_ = pairwise(group(data, GroupingOptions()), data.truth)
    assert p >= 0.95
    assert r >= 0.95


def test_grouping_on_second_frozen_set_measured():
    """The second frozen set (written after the first, never tuned on), pooled, with the shipped
    options: precision and recall do not fall below what was reported (1.000 / 1.000, session 9;
    1.000 / 0.949 since session 10's per-family priors, which merge fewer stories in a new user's
    small bank: 36 % → 27 % of three-story banks of the frozen sets and set 13, docs/stories.md)."""
    data = load_frozen(FROZEN_2)
    p, r, *_ = pairwise(group(data, GroupingOptions()), data.truth)
    assert p >= 0.95
    assert r >= 0.94


def test_grouping_on_third_frozen_set_measured():
    """The third frozen set (written in session 4, never tuned on), with the shipped options:
    precision and recall do not fall below what was reported (0.922 / 0.870, session 9)."""
    data = load_frozen(FROZEN_3)
    p, r, *_ = pairwise(group(data, GroupingOptions()), data.truth)
    assert p >= 0.90
    assert r >= 0.85


def _report(n, qid, text, *, follow_up_of=None, day=1, parent=None):
    """A real report (`pipeline.analyze_text`), as a session saves it."""
    q = load_bank().get(qid)
    follow_up = pipeline.FollowUpOf("no_baseline", parent) if follow_up_of else None
    report = pipeline.analyze_text(text, cfg=Config(), question=q, follow_up=follow_up)
    return dataclasses.replace(report, n=n, follow_up_of=follow_up_of,
                               created_at=f"2026-11-{day:02d}T10:00:00+00:00")


def _source(session_id, report):
    """The report re-scored with the facts it was written from, as `stories` loads it."""
    q = load_bank().get(report.question_id)
    fresh, facts = pipeline.rescore_with_facts(report, Config(), q)
    assert fresh.created_at == report.created_at
    return AnswerSource(session_id, "", fresh, facts)


def test_intro_and_technical_answers_are_not_tellings():
    bank = load_bank()
    intro = _report(1, "intro-about-you-1" if "intro-about-you-1" in bank else
                    next(q.id for q in bank if q.category == "intro"),
                    "I built a fraud model at a bank and cut false declines from 3% to 1%.")
    assert telling_from_report(_source("s", intro)) is None
    tech = _report(2, next(q.id for q in bank if q.category == "core-ml"),
                   "Overfitting is when the model memorises the training data; regularise it.")
    assert telling_from_report(_source("s", tech)) is None


def test_bank_merges_follow_up_triad_and_names_gaps():
    qb = load_bank()
    a = _report(1, "lp-deliver-results-1",
                "At Harborbank I owned the card fraud model. I added device fingerprint features "
                "and retrained it, and false declines went down to 1.2 percent.", day=1)
    b = _report(2, "lp-deliver-results-1",
                "Before that they were 3.1 percent, and it was worth 2.4 million dollars a "
                "year. That is Deliver Results.", follow_up_of=1, day=1, parent=a)
    c = _report(1, "lp-hire-develop-1",
                "At Loopway I mentored an intern, Kofi. I paired with him on tests and code "
                "review, and in the end he got a full-time offer. I learned to step back.", day=2)
    srcs = [_source("d1", a), _source("d1", b), _source("d2", c)]
    bank = build_bank(srcs, qb.get)
    assert len(bank.stories) == 2
    fraud = bank.stories[0]
    assert len(fraud.tellings) == 2
    assert (fraud.triad.baseline, fraud.triad.after) == ("3.1%", "1.2%")
    assert fraud.best.n == 1  # a follow-up is never the best telling of a story
    assert bank.coverage.level[("Deliver Results", fraud.id)] == "strong"
    assert bank.coverage.level[("Hire and Develop the Best", bank.stories[1].id)] == "weak"
    gaps = principle_gaps(bank, qb)
    none = [g.principle for g in gaps if g.level == "none"]
    assert "Earn Trust" in none and "Frugality" in none and "Deliver Results" not in none
    assert len(none) == len(LEADERSHIP_PRINCIPLES) - 2
    assert next(g for g in gaps if g.principle == "Earn Trust").question_id == "lp-earn-trust-1"
    assert fraud.last_told == "2026-11-01"


def test_close_groups_are_the_pairs_just_under_the_cut_strongest_first():
    import numpy as np

    from voice_coach.analysis.story_similarity import close_groups

    sim = np.array([[9.0, 5.0, 2.5, 1.0],
                    [5.0, 9.0, 2.1, 0.5],
                    [2.5, 2.1, 9.0, 2.9],
                    [1.0, 0.5, 2.9, 9.0]])
    pairs = close_groups(sim, [0, 0, 1, 2], lower=2.0, upper=3.0)
    # groups {0, 1} and {2}: mean 2.3; {2} and {3}: 2.9; {0, 1} and {3}: 0.75 (under the band)
    assert [(p.a, p.b) for p in pairs] == [(1, 2), (0, 1)]
    assert pairs[0].relative == pytest.approx(2.9) and pairs[1].relative == pytest.approx(2.3)
    assert close_groups(sim, [0, 0, 1, 2], lower=2.95, upper=3.0) == []


def test_shared_terms_are_the_words_both_groups_say():
    from voice_coach.analysis.story_similarity import shared_terms

    texts = ["At Roamly I moved checkout latency onto Redis and cut it to 180 milliseconds.",
             "The Redis cache took checkout latency down; Priya asked why it mattered.",
             "I mentored Kofi on code review at Loopway for a summer.",
             "Our GPU bill fell once the training jobs moved to spot instances."]
    terms = shared_terms(texts, [0], [1])
    assert "Redis" in terms and "checkout latency" in terms  # as said: capitals, both words
    assert not {"checkout", "latency"} & set(terms)  # a word inside a chosen pair is not repeated
    assert shared_terms(texts, [2], [3]) == ()


def test_hint_terms_are_what_the_fewest_other_stories_say():
    """QA7 F12: a hint between an LLM support-bot story and a conflict with a sales director
    (Whisper transcripts of the trial) was justified by "3%, long, showing"; "showing" is said
    ("showed") by a third story too, so it is weaker evidence that these two are one than what
    only the two say. The manager all three stories name is never shown (QA19 F08)."""
    from voice_coach.analysis.story_similarity import shared_terms

    bot = ("For one year I learned a small team and four people wielding an LLM assistant for "
           "customer support. Customers got long answers and called again. I built an evaluation "
           "set of 2000 real tickets. The solution rate dropped by nine points to 3%. I learned a "
           "few earned trust with the support agent by showing them the failures not only the "
           "wins.")
    sales = ("So, there was a disagreement with the sales director at the market place. I thought "
             "it would hurt really once and long time by a trust. I showed that the Multiplier "
             "would cut my a conversion by about 3%. I learned to bring the numbers to the "
             "conflict, or leave.")
    angle = ("Okay, so, um, this one a conflict with the unsales leader to the market place, "
             "right before the holiday season. I added the segment as a topic calibration, and "
             "showed him the replay numbers, and he agreed to a new test.")
    assert "showing" not in shared_terms([bot, sales, angle], [0], [1])
    # with no third story it is shared, shown in each story's form ("showing / showed")
    assert any("showing" in t for t in shared_terms([bot, sales], [0], [1]))
    texts = ["Declan asked me to rebuild the fraud model before the card launch.",
             "The fraud model rebuild: Declan wanted it before launch, I cut false declines.",
             "Declan also sponsored the data-contract work with the payments team."]
    terms = shared_terms(texts, [0], [1])
    assert "fraud model" in terms and "Declan" not in terms
    # the manager every other story names too is no evidence that two are one (QA19 F08)
    assert shared_terms(texts[:1] + ["Declan signed off on it."] + texts[2:], [0], [1]) == ()
    assert shared_terms(texts[:1] + ["Declan signed off the card launch."] + texts[2:],
                        [0], [1]) == ("card launch",)  # one term once, not once per word


def _first_tellings_banks(seed: int = 0, draws: int = 40):
    """Banks of a new user: one telling each of three different stories of one tuning set."""
    import random

    rng = random.Random(seed)
    for name, path in TUNING_SETS:
        data = load_set(path)
        for _ in range(draws):
            idx = rng.sample(range(len(data.texts)), 3)
            if len({data.truth[i] for i in idx}) == 3:
                yield [data.texts[i] for i in idx]


def test_a_bank_of_first_tellings_keeps_different_stories_apart():
    """A new user's bank holds one telling of each story: the evidence leans on the prior there.
    Until session 11 the names and content words weighed on their own used the all-feature
    prior: 91 of 231 such banks of the tuning sets merged two stories (0.39); session 11, 63
    (0.27). Session 12: the priors are the background the evidence model is fitted with and the
    IDF counts other people's tellings (`story_reference`), so words every story says ("model",
    "data") weigh little in a bank of three too: of 266 banks of the eight tuning sets, 76 merged
    (0.29) with session 11's grouping, 55 (0.21) since (in-sample). QA10 F02: two unrelated
    stories merged in a small bank."""
    banks = list(_first_tellings_banks())
    merged = sum(len(set(group_texts(texts, reference=story_reference()))) < 3
                 for texts in banks)
    assert merged / len(banks) <= 0.22, (merged, len(banks))


def test_a_new_users_small_bank_merges_rarely_and_asks_before_splitting():
    """Banks of 2, 3 or 4 tellings (`new_user_banks`, 30 of each per tuning set; in-sample): of
    distinct stories, two merged in 0.304 of them before session 12, 0.208 since (0.224 with
    ten sets); session 14 (a lone pair needs `lone_margin` more to merge in a small bank): 0.069.
    With one story told twice (in two sessions): merged 0.074 → 0.026; the retelling kept apart
    0.060 → 0.171 of the banks, but kept apart with no hint asking about it 0.029 → 0.027 —
    wrong without asking 0.097 → 0.052 (docs/stories.md, session 14)."""
    ref = story_reference()
    banks = [b for _, path in TUNING_SETS for b in new_user_banks(load_set(path))]
    distinct = tally_story_banks([b.data for b in banks if b.kind == "distinct"],
                                 GroupingOptions(), ref)
    retold = tally_story_banks([b.data for b in banks if b.kind == "retold"],
                               GroupingOptions(), ref)
    assert distinct.merged / distinct.banks <= 0.09, distinct
    assert retold.merged / retold.banks <= 0.04, retold
    assert retold.silent_split / retold.banks <= 0.035, retold
    # a pair the bank groups is one story (both kinds pooled: 0.726 in-sample before, 0.885)
    every = distinct + retold
    assert every.tp / every.npred >= 0.87, every


def test_reference_tellings_make_everyday_story_words_weigh_little():
    """In a bank of two tellings every shared word is "said in every telling"; other people's
    tellings (`DocumentFrequencies`) tell the words any story says from a project's own."""
    texts = ["I retrained the model on the new data and the model improved.",
             "I rebuilt the planogram model for the shelf data."]
    ref = DocumentFrequencies(100, {"w:model": 80, "w:data": 70})
    x, tokens = feature_matrix(texts, GroupingOptions(), ref)
    x0, tokens0 = feature_matrix(texts, GroupingOptions())
    assert tokens == tokens0
    model, planogram = tokens.index("w:model"), tokens.index("w:planogram")
    assert x0[1, model] / x0[1, planogram] > 0.7  # the bank alone: nearly alike
    assert x[1, model] / x[1, planogram] < 0.5  # with the reference: "model" is everyday


def test_a_missing_story_reference_is_a_one_line_install_error(tmp_path):
    """A broken install (the bundled reference gone or damaged) says so in one line."""
    from voice_coach.errors import ModelNotFoundError
    from voice_coach.stories import read_reference

    with pytest.raises(ModelNotFoundError, match="story reference .* missing or unreadable"):
        read_reference(tmp_path / "missing.json")
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(ModelNotFoundError, match="missing or unreadable"):
        read_reference(tmp_path / "broken.json")
    assert story_reference().docs > 0
