"""Session 32 (issue #13, QA35) — a report reads what was said and never contradicts itself:

- F1: a reply naming the principle as "I would say Frugality" supplies the principle it was
  asked for, as "I'd say" and "I think it shows" always did.
- F2: a filler inside a Task phrase, with its commas ("It was, um, kind of on me to, like, sign
  off …"), leaves the Task: the commas that only set a filler off go with it.
- F3: "dropped by 15 points, to around 5%. Before the fix it was 20%" — the 20% was said, never
  "(worked out)", and the 15 points (the pair's own change) is no second business outcome beside
  the money said.
- F4: a missed key point lists only the facts still lacking once the follow-up reply is counted
  ("(Task ✗)", never "(Situation ✗, Task ✗)" beside "S ✗ → ✓ with the follow-up"), and the
  set-up fact is labelled as what it is: situation *or* responsibility.
- F8: a sentence opening with "But" is no trade-off by itself.

The answers are this test's own (a Nairobi payouts team), through the real analysis."""

from __future__ import annotations

from types import SimpleNamespace

from tests.tools import report_of
from voice_coach.analysis.point_facts import point_with_gaps
from voice_coach.analysis.structure import detect_tradeoffs
from voice_coach.analysis.vocabulary import FACT_LABELS
from voice_coach.pipeline import FollowUpOf
from voice_coach.report_model import MetricTriadInfo

STORY = (
    "At a payments company in Nairobi I owned the payout model for our merchants. One Friday a "
    "bank changed its file format and the model started holding good payouts. I paused the "
    "model within the hour, fixed the parser, and added a check on every new file. Payouts were "
    "back to normal by Monday and the merchants got their money on time.")


def test_a_reply_that_says_i_would_say_a_principle_supplies_it():
    first = report_of(STORY, "lp-frugality-1")
    for reply in ("I would say Frugality. We had no budget, so I reused the old cluster.",
                  "I'd say Frugality. We had no budget, so I reused the old cluster."):
        r = report_of(reply, "lp-frugality-1", follow_up=FollowUpOf("no_principle", first))
        assert r.structure.leadership_principles == ("Frugality",), reply
        assert r.follow_up_check.supplied, reply


def test_i_would_still_tells_no_principle_when_it_is_an_action():
    r = report_of("I would dive deep into the logs first and then call the bank.")
    assert r.structure.leadership_principles == ()


TASK = ("The bank changed its file format on a Friday. It was, um, kind of on me to, like, sign "
        "off on the payout model, and I did. I paused the model, fixed the parser and added a "
        "check on every new file.")


def test_a_filler_inside_the_task_phrase_leaves_the_task():
    assert report_of(TASK, "lp-ownership-1").structure.star["task"].present


PAYOUTS = (
    "I owned the payout model. One Friday a bank file was read twice, so we held good payouts. "
    "I added a check that rejects a file seen before. A month later another bad file came, and "
    "the share of wrongly held payouts dropped by fifteen points, to around five percent. Before "
    "the fix it was twenty percent of the payouts. That saved us about thirty thousand dollars "
    "that weekend.")


def test_a_baseline_said_after_its_change_is_said_and_the_change_is_no_outcome():
    tri = report_of(PAYOUTS, "lp-ownership-3").structure.metric_triad
    assert ("pair", "20% to around 5%") in tri.slots, tri
    assert not any("worked out" in span for _, span in tri.slots), tri
    outcomes = [span for role, span in tri.slots if role == "outcome"]
    assert outcomes and not any("points" in span for span in outcomes), tri
    assert tri.business_outcome


def test_a_missed_point_lists_only_what_the_reply_left_missing():
    star = {p: SimpleNamespace(present=p == "action") for p in
            ("situation", "task", "action", "result", "learning")}
    point = "short situation and your own responsibility"
    alone = point_with_gaps(point, star, MetricTriadInfo())
    assert "Situation ✗" in alone and "Task ✗" in alone, alone
    after = point_with_gaps(point, star, MetricTriadInfo(), added={"situation", "setup"})
    assert after == f"{point} (Task ✗)", after
    assert FACT_LABELS["setup"] == "situation or responsibility"


def test_a_sentence_opening_with_but_is_no_trade_off():
    assert not detect_tradeoffs("we shipped the new ranker. but i saw that listings with dark "
                                "photos got fewer clicks.")
    assert detect_tradeoffs("the tree model is faster, but it is less accurate on rare items.")
    assert detect_tradeoffs("we picked the small model. the trade-off is a bit of recall.")


def test_a_comma_between_two_numbers_stays_when_a_filler_goes():
    """The comma a filler takes with it never joins two numbers into one: "about two point,
    like, zero point four one" keeps "two point" apart from "0.41"."""
    from voice_coach.analysis.structure import clean_clauses

    said = "NDCG went up about two point, like, zero point four one to zero point four three."
    (clause,) = [c for _, _, c in clean_clauses(said.split(), for_cues=True)]
    assert "two point, zero point four one" in clause, clause


KNN = ("So I would first ask whether the features are scaled. Then the plan: training just stores "
       "the points, so that is O(n d) memory and no time really. To predict I compute the "
       "distance to every stored point, that is O(n d), then take the k smallest with a heap, "
       "O(n log k), and vote. I would test it with k equal to one on a tiny set where I know "
       "the answer, and with ties in the vote.")
KNN_REPLY = ("The trade-off is exact versus approximate search. Brute force is exact but slow at "
             "scale; an HNSW index is much faster but can miss a neighbour and needs more "
             "memory. I gave up speed to keep it exact.")


def test_a_trade_off_the_reply_gave_is_marked_as_given_with_the_follow_up():
    """F9: "trade-offs ✗" next to "with the follow-up: trade-off ✓" — now "trade-offs ✗ → ✓
    with the follow-up", as the STAR-L parts and triad slots are marked."""
    from voice_coach.config import Config
    from voice_coach.pipeline import merge_follow_up
    from voice_coach.questions import load_bank
    from voice_coach.report import structure_lines

    first = report_of(KNN, "code-knn-1")
    assert not first.structure.tradeoffs
    reply = report_of(KNN_REPLY, "code-knn-1", follow_up=FollowUpOf("no_tradeoff", first),
                      n=2, follow_up_of=1)
    merged = merge_follow_up(first, reply, Config(), load_bank().get("code-knn-1"))
    facts = next(line for line in structure_lines(merged) if "trade-offs" in line)
    assert "trade-offs ✗ → ✓ with the follow-up" in facts, facts


def test_a_story_shows_no_clarifying_question_and_a_technical_answer_does():
    """F11: a customer's request quoted in a story ("can you make the bot answer more
    questions?") was shown as "clarifying question ✓"; asking back is a technical skill."""
    from voice_coach.report import structure_lines

    story = report_of(STORY + " The care team asked, can you make the bot answer more "
                      "questions by itself?", "lp-customer-obsession-2")
    assert not any("clarifying question" in line for line in structure_lines(story))
    tech = report_of(KNN, "code-knn-1")
    assert any("clarifying question" in line for line in structure_lines(tech))


DESIGN = ("So, five million searches a day is about sixty per second on average, but the peak is "
          "like four times that, so I would design for three hundred per second. For forty "
          "milliseconds I would watch the p99, not the average. First I would make the model "
          "small, distil it to int8 and serve it on CPUs, because GPUs only pay off with big "
          "batches. I would cache repeated queries and use small dynamic batches with a timeout "
          "of a few milliseconds, then autoscaling behind a load balancer on latency and queue "
          "length. If the model is down I would fall back to a popularity ranking. And I would "
          "monitor p50, p99, error rate and cost per thousand requests.")


def test_without_a_question_no_definition_is_asked_and_no_question_is_cited():
    """F10: with no question given, a design answer was told "Start with a one-sentence
    definition" and "nothing the question asks for was missing"."""
    from voice_coach.report import no_follow_up_reason

    r = report_of(DESIGN)
    assert r.structure.kind == "technical"
    assert not any("definition" in f.message for f in r.feedback), r.feedback
    reason = no_follow_up_reason(r) or ""
    assert "the question" not in reason, reason


SIMPLE = ("The ads team wanted a big transformer re-ranker that would take two quarters and a GPU "
          "cluster. My task was to improve ranking before the holidays. I built a small gradient "
          "boosted model with twelve features and tested it in an A/B test against the old "
          "ranking. Click-to-booking conversion went up to three point one percent, and it "
          "served in ten milliseconds on our CPUs.")


def test_the_old_plans_cost_is_no_baseline_of_the_after():
    """F5: asked for the number before, a reply giving the old plan's cost ("four engineers for
    two quarters, a GPU cluster of $20K a month") was credited as the baseline of a conversion
    "up to 3.1%"; a conversion level said before still is."""
    first = report_of(SIMPLE, "lp-invent-simplify-1")
    assert first.follow_up_key == "no_baseline", first.follow_up_key
    cost = report_of("The big re-ranker was planned as two quarters of work for four engineers, "
                     "plus a GPU cluster of around twenty thousand dollars a month.",
                     "lp-invent-simplify-1", follow_up=FollowUpOf("no_baseline", first))
    assert not cost.follow_up_check.supplied, cost.follow_up_check
    level = report_of("Before my model, conversion was about two point four percent on the old "
                      "ranking.", "lp-invent-simplify-1",
                      follow_up=FollowUpOf("no_baseline", first))
    assert level.follow_up_check.supplied, level.follow_up_check
