"""Follow-ups judged as follow-ups: each kind has its own rubric and target length, the main
answer shows what the follow-up added, and a follow-up never repeats the question just asked.

Real pipeline throughout (`analyze_text` on real text, the real coach and renderers)."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from tests.follow_up_answers import follow_up_reply, main_answer
from tests.test_stories_qa5 import LINEAGE_MONEY, LINEAGE_TRUST as LINEAGE  # the bank tests' story
from voice_coach.analysis.facts import fact_values
from voice_coach.analysis.structure import analyze_structure
from voice_coach.config import Config
from voice_coach.follow_ups import MAY_NAME, RUBRICS, asked_terms, signal
from voice_coach.pipeline import FollowUpOf, analyze_text, merge_follow_up, rescore
from voice_coach.questions import GENERIC_FOLLOW_UPS
from voice_coach.report import structure_lines

CFG = Config()

VAGUE_STORY = ("So um, we had a launch coming up and we were not sure about the data. We kind of "
               "talked about it a lot and we decided to go ahead. We basically just shipped it "
               "and it was fine I think.")
NO_BASELINE_STORY = (
    "At my last job our search ranking model was stale and I owned it. I rebuilt the features "
    "and I retrained it every week. Click-through rate ended up at nine percent, which brought "
    "in about two million dollars a year. I learned to retrain on a schedule, which is Dive Deep.")
FOUR_STEPS = ("First I pulled the error logs from the last month. Then I wrote a script that "
              "found the rows with broken timestamps. Next I added a validation check to the "
              "pipeline. Finally I reran the launch checklist and shipped it myself.")


def test_step_by_step_reply_is_scored_on_what_was_asked():
    main, q = main_answer(VAGUE_STORY, "lp-bias-for-action-1")
    # judged against the whole STAR-L rubric (the old behaviour) the same words look weak …
    whole = analyze_text(FOUR_STEPS, cfg=CFG, question=q)
    assert any(f.message.startswith(("No Result", "No Learning")) for f in whole.feedback)
    # … judged as the reply to "What exactly did you do, step by step?" they answer it
    r = follow_up_reply(FOUR_STEPS, main, q, "no_action")
    assert r.follow_up_kind == "no_action"
    assert r.follow_up_check.supplied and r.follow_up_check.specific
    assert r.scores.overall >= 80, r.scores
    msgs = [f.message for f in r.feedback]
    assert not any(m.startswith(("No Situation", "No Task", "No Result", "No Learning"))
                   for m in msgs), msgs
    assert not any("120 s target" in m for m in msgs)
    assert not [f for f in r.feedback if f.area in ("length", "star", "metrics",
                                                          "key_points", "principles")]
    assert "STAR-L" not in " ".join(structure_lines(r))


# (kind, question id, a reply that supplies it, a reply that does not)
CASES = [
    ("no_baseline", "lp-dive-deep-1", "Before my change it was about twelve percent.",
     "I think the team was really happy with how it went."),
    ("no_result", "lp-bias-for-action-1", "The launch went out two weeks early and sign-ups "
     "grew by eighteen percent.", "We talked about it for a while and then we moved on."),
    ("no_business_outcome", "lp-dive-deep-1", "It saved about one point two million dollars a "
     "quarter in refunds.", "The model got a bit better on the test set."),
    ("no_scale", "lp-dive-deep-1", "It served about three million requests a day.",
     "It was a pretty important service for us."),
    ("no_principle", "lp-dive-deep-1", "That is Dive Deep, because I went into the raw logs "
     "myself.", "I just think it was the right thing to do."),
    ("no_learning", "lp-dive-deep-1", "I learned to check the raw data before touching the "
     "model, and next time I would add that check on day one.",
     "The model was retrained and deployed on Friday."),
    ("no_i", "lp-dive-deep-1", "I wrote the validation check and I ran the backfill myself; my "
     "teammate reviewed it.", "We all worked on it together as a team and we shipped it."),
    ("no_tradeoff", "ml-overfitting-1", "The trade-off is bias against variance: a simpler "
     "model has more bias but generalises better.", "Overfitting is a common problem."),
    ("no_complexity", "code-kmeans-1", "Each iteration is O of n times k times d, and the "
     "memory is O of n times d.", "It works well on most data sets."),
    ("no_test", "code-kmeans-1", "I would test it on two well separated blobs and check that it "
     "finds them, plus an empty cluster edge case.", "It is a fairly standard algorithm."),
]


@pytest.mark.parametrize("key, qid, good, bad", CASES, ids=[c[0] for c in CASES])
def test_each_follow_up_kind_has_its_own_rubric(key, qid, good, bad):
    main, q = main_answer("I worked on it.", qid)
    yes = follow_up_reply(good, main, q, key)
    no = follow_up_reply(bad, main, q, key)
    assert yes.follow_up_check.supplied, yes.follow_up_check
    assert not no.follow_up_check.supplied, no.follow_up_check
    assert yes.scores.overall >= 70 > no.scores.overall, (yes.scores, no.scores)
    assert yes.follow_up_check.target_s == (RUBRICS[key].min_s, RUBRICS[key].max_s)
    assert any(f.area == "follow_up" and f.severity == "good" for f in yes.feedback)
    warn = [f.message for f in no.feedback if f.area == "follow_up"]
    assert warn and RUBRICS[key].asks in warn[0]


def test_baseline_reply_target_is_the_follow_ups_not_the_questions():
    main, q = main_answer(NO_BASELINE_STORY, "lp-dive-deep-1")
    assert main.follow_up_key == "no_baseline"
    rambling = ("Before my change it was about six percent. " + "And there was a lot going on "
                "with the team and the roadmap and the other projects at the time. " * 12)
    r = follow_up_reply(rambling, main, q, "no_baseline")
    length = [f.message for f in r.feedback if f.area == "length"]
    assert length and "20–45 s is enough" in length[0], length
    assert r.follow_up_check.supplied and not r.follow_up_check.length_ok


def test_main_answer_shows_what_the_follow_up_added():
    main, q = main_answer(NO_BASELINE_STORY, "lp-dive-deep-1")
    assert not main.structure.metric_triad.baseline
    r = follow_up_reply("It was about six percent before I started.", main, q, "no_baseline")
    merged = merge_follow_up(main, r, CFG, q)
    block = merged.with_follow_up
    assert main.with_follow_up is None  # the saved answer is a new value, not patched
    assert block.kind == "no_baseline" and block.supplied and block.n == 2
    assert block.facts.get("baseline") is True
    assert block.scores.overall > main.scores.overall
    lines = structure_lines(merged)
    assert any(x.startswith("with the follow-up (answer 2): baseline ✓ — overall "
                            f"{main.scores.overall} → {block.scores.overall}")
               for x in lines), lines


@pytest.mark.parametrize("reply", [FOUR_STEPS, "Honestly I don't remember the details."])
def test_follow_up_of_a_follow_up_is_never_the_question_just_asked(reply):
    main, q = main_answer(VAGUE_STORY, "lp-bias-for-action-1")
    asked = main.follow_up
    key = main.follow_up_key
    assert asked and key
    r = follow_up_reply(reply, main, q, key)
    assert r.follow_up_key != key
    assert r.follow_up != asked
    # and a third one skips both
    if r.follow_up_key:
        third = analyze_text(reply, cfg=CFG, question=q, follow_up=FollowUpOf(
            r.follow_up_key, main, (key,), (q.text, asked, r.follow_up)))
        assert third.follow_up_key not in (key, r.follow_up_key)
        assert third.follow_up not in (asked, r.follow_up)


def test_rescore_keeps_judging_a_follow_up_by_its_rubric():
    main, q = main_answer(NO_BASELINE_STORY, "lp-dive-deep-1")
    r = follow_up_reply("It was about six percent before I started.", main, q, "no_baseline")
    again = rescore(r, CFG, q)
    assert again.follow_up_kind == "no_baseline"
    assert again.scores == r.scores
    assert again.follow_up_check.supplied


def test_a_reply_that_says_more_than_was_asked_counts_for_the_story():
    main, q = main_answer(VAGUE_STORY, "lp-bias-for-action-1")
    assert main.follow_up_key == "no_result"
    r = follow_up_reply("Late deliveries went from twelve percent to three percent, which saved about a "
               "million dollars a year.", main, q, "no_result")
    block = merge_follow_up(main, r, CFG, q).with_follow_up
    assert {"baseline", "after", "business_outcome"} <= {
        k for k, v in block.facts.items() if v}
    assert r.follow_up_key not in ("no_result", "no_baseline", "no_business_outcome")


def test_every_rubric_is_a_known_follow_up_with_signals_that_exist():
    """The rubric table is data: a misspelt key or signal would silently never fire, so every
    table must name a `GENERIC_FOLLOW_UPS` key and every signal must evaluate on a real answer."""
    s = analyze_structure(NO_BASELINE_STORY, kind="behavioral", method="rules")
    facts = fact_values(s)
    assert set(RUBRICS) == set(GENERIC_FOLLOW_UPS)
    for r in RUBRICS.values():
        assert r.min_s < r.max_s
        for name in r.supplied + r.specific:
            signal(name, s, facts)  # KeyError on an unknown fact name
        # what `fill` sets is named by the table too: every name must be a field it can set
        assert not r.triad or r.triad in {f.name for f in dataclasses.fields(s.metric_triad)}
        assert set(r.marks) <= {f.name for f in dataclasses.fields(s)}
        assert set(r.technical) <= {f.name for f in dataclasses.fields(s.technical)}
        assert r.counts_i in ("", "add", "own")
        assert set(r.may_name) <= set(MAY_NAME)


# --- a reply is shown as a reply, and the next follow-up never asks what the reply just gave ---

from voice_coach.report import score_cells  # noqa: E402

NO_PRINCIPLE_STORY = (
    "Last year our batch scoring job cost too much. I owned the bill. I moved it to spot "
    "instances and I cut the feature set. The monthly cost went from $90,000 to $35,000.")
# (reply to "Which principle?", the fact it also gives besides the principle)
PRINCIPLE_PLUS = [
    ("That was Frugality. I learned to question the defaults we inherit.", "no_learning"),
    ("It shows Frugality, and it taught me to track cost from the first week.", "no_learning"),
]


@pytest.mark.parametrize(("reply", "also_given"), PRINCIPLE_PLUS)
def test_next_follow_up_skips_what_the_reply_just_said(reply, also_given):
    main, q = main_answer(NO_PRINCIPLE_STORY, "lp-frugality-2")
    r = follow_up_reply(reply, main, q, "no_principle")
    assert r.follow_up_check.supplied
    assert r.follow_up_key not in ("no_principle", also_given)


@pytest.mark.parametrize(("key", "reply"), [
    ("no_baseline", "It failed about four times a month before that."),
    ("no_principle", "That story is about Ownership, because nobody else picked it up."),
])
def test_reply_is_shown_as_a_reply(key, reply):
    main, q = main_answer(NO_BASELINE_STORY, "lp-dive-deep-1")
    r = follow_up_reply(reply, main, q, key)
    lines = structure_lines(r)
    assert not any(x.startswith("kind:") for x in lines), lines
    names = [k for k, _ in score_cells(r)]
    assert "structure" not in names and names[1:3] == ["answered", "specific"]
    # only what the follow-up asked for: not the full answer's checklist (QA F20)
    shown = " ".join(lines)
    assert lines and lines[0].startswith("follow-up asked for"), lines
    for item in ("clarifying question", "trade-offs", "hedges", "signposts", "key points"):
        assert item not in shown, lines
    assert [k for k, _ in score_cells(main)] == ["delivery", "structure", "content", "overall"]


OUTCOME_WITHOUT_METRIC = [  # a business result said, but no metric before or after it
    "Nobody owned the flaky nightly export, so I took it on. I rewrote the retry logic and I "
    "added alerts. As a result we saved about $300,000 a quarter in rework.",
    "Nobody was looking after our label quality, so I took it on. I wrote the audit script and "
    "I trained two annotators. In the end that saved the company two million dollars a year.",
]


@pytest.mark.parametrize("text", OUTCOME_WITHOUT_METRIC)
def test_follow_up_asks_for_the_number_the_feedback_asks_for(text):
    main, q = main_answer(text, "lp-ownership-1")
    tri = main.structure.metric_triad
    assert tri.business_outcome and not tri.baseline and not tri.after
    said = " ".join(f.message for f in main.feedback if f.area == "metrics")
    assert "before and after" in said  # the feedback asks for the metric …
    assert main.follow_up_key == "no_baseline"  # … and so does the follow-up


THIN_RESULTS = [  # the outcome told without a number: the follow-up asks for its number
    "The checkout service went down on a Sunday and nobody on call answered. I disabled the new "
    "payment flag myself and restarted the pods. That brought it back. On Monday I wrote up "
    "what happened.",
    "Our nightly model refresh started failing and the owner was on leave. I pinned the old "
    "library version myself and reran the job. After that it worked again.",
]


@pytest.mark.parametrize("text", THIN_RESULTS)
def test_a_thin_result_is_asked_for_its_number_not_how_it_turned_out(text):
    main, q = main_answer(text, "lp-bias-for-action-1")
    assert main.structure.star["result"].present and main.follow_up_key == "no_result"
    assert "what number shows it" in main.follow_up
    assert main.follow_up != dict(q.follow_ups)["no_result"]


def test_no_result_at_all_is_asked_how_it_turned_out():
    main, q = main_answer("The deploy broke search on a Friday night and the on-call engineer "
                          "was unreachable. I rolled it back myself without waiting.",
                          "lp-bias-for-action-1")
    assert not main.structure.star["result"].present
    assert main.follow_up == dict(q.follow_ups)["no_result"]


# --- a question's own wording of a follow-up is judged by what it asks (QA4 F17, F19) ---------

DEFINITIONS_ONLY = (  # ml-metrics-1 answered with definitions only
    "Precision is the share of predicted positives that are actually positive, and recall is the "
    "share of actual positives that the model finds. Precision cares about false positives and "
    "recall cares about false negatives. You can compute both from the confusion matrix.")
EXAMPLES_NOT_THRESHOLD = (  # examples, but nothing about choosing a threshold
    "For example in fraud detection, if we block a card, precision matters because a false "
    "positive blocks a good customer. In cancer screening recall matters more, because missing "
    "a real case is much worse than a second test.")
THRESHOLD = ("I would sweep the threshold on a validation set and pick the point where the cost "
             "of false positives against misses is lowest, or fix recall at ninety percent and "
             "maximise precision.")


def test_own_wording_is_judged_by_the_words_it_asks_about():
    main, q = main_answer(DEFINITIONS_ONLY, "ml-metrics-1")
    assert q.follow_ups["no_tradeoff"] == "How would you pick the threshold in practice?"
    assert asked_terms(q, "no_tradeoff") == ("threshold",)
    # a reply full of trade-off talk that never says how to pick the threshold does not answer
    off = follow_up_reply(EXAMPLES_NOT_THRESHOLD, main, q, "no_tradeoff")
    assert not off.follow_up_check.supplied and off.scores.overall == 0, off.scores
    assert any("threshold" in f.message for f in off.feedback if f.severity == "warn")
    on = follow_up_reply(THRESHOLD, main, q, "no_tradeoff")
    assert on.follow_up_check.supplied and on.scores.overall >= 80, on.scores
    assert "threshold ✓" in structure_lines(on)[0]


def test_own_wording_with_nothing_to_check_is_not_scored():
    # "What is the weakness of pure collaborative filtering?" names no key-point words and not
    # the generic trade-off: no rubric can judge the reply, so it is shown as not checked
    main, q = main_answer("Collaborative filtering uses what similar users bought.",
                          "recsys-approaches-1")
    assert asked_terms(q, "no_tradeoff") == ()
    r = follow_up_reply("It needs a lot of history for every item.", main, q, "no_tradeoff")
    assert r.follow_up_check.not_checked
    assert r.scores.structure is None and r.scores.content is None and r.scores.overall is None
    assert structure_lines(r) == [f"follow-up asked “{q.follow_ups['no_tradeoff']}”: not checked"]
    assert merge_follow_up(main, r, CFG, q).with_follow_up is None


LORA = ("LoRA needs far less GPU memory, and it forgets less of the base model's knowledge. Full "
        "fine tuning can reach higher quality when the new domain is very different from the "
        "base model's data. In my experience LoRA gets within a point of full fine tuning on "
        "most tasks. I would start with LoRA and only go to full fine tuning if the evaluation "
        "shows a gap.")


def test_a_follow_up_is_never_what_the_answer_already_said():
    # "What quality, if any, do you give up with adapters?" is answered in the text ("higher
    # quality … within a point"): the trade-off is said, not asked for again
    main, q = main_answer(LORA, "llm-lora-vs-full-1")
    assert asked_terms(q, "no_tradeoff") == ("quality",)
    assert main.follow_up_key != "no_tradeoff", main.follow_up
    assert main.structure.tradeoffs
    assert not any("trade-off" in f.message for f in main.feedback if f.area == "technical")


def test_own_wording_is_answered_by_the_generic_fact_about_its_subject():
    # "Give me a real product where a false positive costs more than a miss." — an example
    # about false positives answers it without the words "real product" or "costs"
    main, q = main_answer(DEFINITIONS_ONLY, "ml-metrics-1")
    assert main.follow_up_key == "no_example"
    r = follow_up_reply("For example on a marketplace, blocking an honest seller by mistake is "
                        "a false positive, and it hurts far more than letting one fraud through.",
                        main, q, "no_example")
    assert r.follow_up_check.supplied, r.follow_up_check
    # the generic fact alone, about another subject, does not
    other = follow_up_reply("For example we had a recommender where I tuned the embeddings for "
                            "two weeks.", main, q, "no_example")
    assert not other.follow_up_check.supplied


# --- a reply that tells another story (QA4 F28) -----------------------------------------------

ROLLBACK = ("Two years ago our fraud model started blocking a lot of good transactions on a "
            "Friday evening, and the model owner was on a plane. I was the on call data "
            "scientist, so the task fell to me. I checked the score distribution, saw the "
            "threshold config had been overwritten by a deploy, and I rolled the config back "
            "myself within thirty minutes. I learned that a reversible decision should be made "
            "fast.")
# (follow-up key, reply): each tells another project, several giving the very kind of fact asked
SWITCHED = [
    ("no_result", "Sure. Actually let me tell you about a different project. At my previous job "
     "I led the migration of our feature store. The old one was slow, and my task was to move "
     "forty models without downtime. I wrote a dual write layer and migrated the models in "
     "waves. In the end feature latency went from eighty milliseconds to twelve."),
    ("no_baseline", "Hmm, a better example for numbers is our churn model at the telecom, where "
     "precision was about seventy percent before I rebuilt the retraining job."),
    ("no_business_outcome", "I think another story shows that better. When I ran the "
     "warehouse forecast we cut spoilage, which saved about two hundred thousand dollars a "
     "year."),
    ("no_action", "Can I use a different example? Last spring our search team had stale "
     "embeddings and I was asked to fix it. First I profiled the nightly job, then I cached "
     "the joins, and then I moved it to a bigger machine."),
    # no switch phrase: it names a piece of work the first answer never mentions
    ("no_result", "Well, the result I can speak to is from the churn pipeline rebuild, where "
     "weekly retraining lifted precision to ninety percent."),
    ("no_scale", "Hmm, I'd say our search ranking service was the big one, about forty million "
     "queries a day."),
]
# (follow-up key, reply): the same story, new facts in new words
SAME = [
    ("no_result", "The declines stopped within the hour, and by Monday the fraud team confirmed "
     "we had blocked maybe twenty thousand dollars of good transactions."),
    ("no_baseline", "Before the bad deploy the model declined about half a percent of "
     "transactions; that evening it was close to six percent."),
    ("no_action", "First I looked at the score distribution on the dashboard, then I diffed the "
     "config against the last release, and then I rolled the threshold back myself."),
    ("no_business_outcome", "Honestly, another half day of those declines would have cost us "
     "a lot of angry customers, and the owner agreed with my rollback."),
    ("no_action", "I opened the fraud model dashboard, compared the threshold config with the "
     "last deploy, and rolled it back myself."),  # a piece of work of this story
    ("no_result", "The other team was worried at first, but the owner agreed with the rollback "
     "when he landed."),  # "the other team" is in the story
]


@pytest.mark.parametrize(("key", "reply"), SWITCHED, ids=[k for k, _ in SWITCHED])
def test_a_reply_about_another_story_does_not_supply_what_was_asked(key, reply):
    main, q = main_answer(ROLLBACK, "lp-bias-for-action-1")
    r = follow_up_reply(reply, main, q, key)
    c = r.follow_up_check
    assert c.switched_story and not c.supplied and not c.specific and c.evidence == ()
    assert r.scores.structure == 0 and r.scores.content == 0
    warn = [f.message for f in r.feedback if f.area == "follow_up"]
    assert warn == [f"You moved to another story — the follow-up asked for {c.asks} in the "
                    "story you told."], warn
    assert structure_lines(r)[0].endswith("✗ — the reply tells another story")
    merged = merge_follow_up(main, r, CFG, q)
    block = merged.with_follow_up
    assert block is not None and not block.supplied and not any(block.facts.values())
    assert block.switched_story and block.scores == main.scores
    assert any(x.startswith(f"with the follow-up (answer 2): {block.label} ✗ (it told another "
                            "story)") for x in structure_lines(merged)), structure_lines(merged)
    assert r.to_json()["follow_up_check"]["switched_story"] is True


@pytest.mark.parametrize(("key", "reply"), SAME, ids=[k for k, _ in SAME])
def test_a_reply_in_the_same_story_is_no_switch(key, reply):
    main, q = main_answer(ROLLBACK, "lp-bias-for-action-1")
    r = follow_up_reply(reply, main, q, key)
    assert not r.follow_up_check.switched_story, r.follow_up_check
    assert r.to_json()["follow_up_check"]["switched_story"] is False


def test_the_switch_is_judged_again_from_the_saved_answers():
    """`rescore` (the story bank, `review --set`) judges a switch against the answer it
    followed when given its text; without it, a cue and a set-up of its own still tell."""
    main, q = main_answer(ROLLBACK, "lp-bias-for-action-1")
    key, reply = SWITCHED[0]
    r = follow_up_reply(reply, main, q, key)
    again = rescore(r, CFG, q, parent_text=main.transcript.text)
    assert again.follow_up_check == r.follow_up_check and again.scores == r.scores
    assert rescore(r, CFG, q).follow_up_check.switched_story  # cue + own set-up
    _, short = SWITCHED[1]  # a cue without a set-up of its own needs the first answer
    r = follow_up_reply(short, main, q, "no_baseline")
    assert r.follow_up_check.switched_story
    assert not rescore(r, CFG, q).follow_up_check.switched_story


def test_a_real_time_asked_for_is_never_a_switch():
    """ "Tell me about one real time" asks for a story the first answer did not tell."""
    main, q = main_answer("I would usually talk to the team first and then I would look at the "
                          "data before deciding anything.", "lp-bias-for-action-1")
    r = follow_up_reply("Actually a better example is last March at my previous company: our "
                        "fraud model blocked good customers, I was on call, so I rolled the "
                        "threshold back myself within thirty minutes and declines dropped to "
                        "normal.", main, q, "no_real_time")
    assert not r.follow_up_check.switched_story and r.follow_up_check.supplied


# (story, question, follow-up key, reply): each answers a different thing than was asked
OTHER_THING = [
    (NO_BASELINE_STORY, "lp-dive-deep-1", "no_baseline",
     "After my change click-through went up to eleven percent."),  # the after value again
    (NO_BASELINE_STORY, "lp-dive-deep-1", "no_baseline",
     "Revenue from search grew by about two million dollars a year."),  # the outcome
    (ROLLBACK, "lp-bias-for-action-1", "no_action",
     "We fixed it as a team, everybody helped out."),  # no step of one's own
    (ROLLBACK, "lp-bias-for-action-1", "no_action",
     "The team talked it through and the config was rolled back."),
]


@pytest.mark.parametrize(("story", "qid", "key", "reply"), OTHER_THING,
                         ids=[f"{k}-{i}" for i, (_, _, k, _) in enumerate(OTHER_THING)])
def test_a_reply_about_another_fact_does_not_supply_what_was_asked(story, qid, key, reply):
    """A number read as the after value or the outcome is no baseline; "we fixed it" is no
    step of one's own."""
    main, q = main_answer(story, qid)
    r = follow_up_reply(reply, main, q, key)
    assert not r.follow_up_check.supplied, r.follow_up_check
    assert not r.follow_up_check.switched_story


SWITCH_OWN = Path(__file__).parent / "data" / "follow_ups_switch_own.toml"


@pytest.mark.parametrize("name", sorted(tomllib.loads(SWITCH_OWN.read_text())))
def test_the_switch_decision_on_own_fresh_wordings(name):
    """Own replies in new wordings (tests/data/follow_ups_switch_own.toml, each set measured
    once when written, then the mechanism fixed): every call is right."""
    from voice_coach.analysis.story_switch import switch_signals, tells_another_story
    from voice_coach.embedder import shared_meaning_model

    block = tomllib.loads(SWITCH_OWN.read_text())[name]
    wrong = []
    for reply in block["replies"]:
        s = analyze_structure(reply["text"], model=shared_meaning_model())
        said = tells_another_story(switch_signals(reply["text"], block["first"], s.star_present))
        if said != reply["switched"]:
            wrong.append(reply["text"])
    assert not wrong, wrong


def test_a_system_named_in_a_technical_reply_is_no_switch():
    """In a technical reply "the sorted index" is content, not another project."""
    main, q = main_answer("To find duplicates I would hash each row and keep a set of the hashes "
                          "seen so far, so each row is checked once.", "code-clean-messy-data-1")
    r = follow_up_reply("It is O of n time, and the memory is O of n for the hash set; with the "
                        "sorted index instead it would be n log n.", main, q, "no_complexity")
    assert r.follow_up_check.supplied and not r.follow_up_check.switched_story


# --- a rubric's data, not its key, decides how a reply is judged ---


def test_a_new_piece_of_work_in_a_reply_is_judged_by_the_rubrics_data(monkeypatch):
    """`may_name` in the rubric file, not the follow-up's key, lets a reply that supplies what
    was asked name work the story did not ("the credit model could launch early")."""
    import dataclasses as dc

    from voice_coach import follow_ups

    main, q = main_answer(LINEAGE, "lp-earn-trust-1")
    r = follow_up_reply(LINEAGE_MONEY, main, q, "no_business_outcome")
    assert r.follow_up_check.supplied and not r.follow_up_check.switched_story
    monkeypatch.setitem(follow_ups.RUBRICS, "no_business_outcome", dc.replace(
        follow_ups.RUBRICS["no_business_outcome"], may_name=()))
    r = follow_up_reply(LINEAGE_MONEY, main, q, "no_business_outcome")
    assert r.follow_up_check.switched_story and not r.follow_up_check.supplied
