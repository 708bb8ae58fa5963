"""QA9: scores follow what the answer covers; a drop is explained; nothing unjudged is scored
(F17, F26, F24, F04)."""

from __future__ import annotations


from voice_coach import pipeline
from voice_coach.compare import attempt_facts, compare_attempts
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.report import comparison_rows
from tests.tools import report_of

# Two attempts at a Dive Deep question: the first names the principle and a money outcome but
# only gestures at the investigation; the second tells the hypotheses, the tool, the root cause
# and the confirmed fix, with the same before/after metric, no money and no principle named.
FIRST = ("This story is about Dive Deep. Our fraud model for card payments started to miss cases. "
         "My part was to look into it. I looked at the data and I changed the model. Recall went "
         "from 61 percent to 78 percent, which saved about two million dollars a year.")
SECOND = ("Our fraud model for card payments started to miss cases, and chargebacks were rising, "
          "which hurt our merchants. My part was to find out why. I formed two hypotheses: label "
          "delay, or a shift in the merchant mix. I tested both with recall plots per merchant "
          "category in a notebook. The root cause was that a new merchant category had no history "
          "features. I fixed it by adding category level features, and I confirmed the fix in a "
          "two week A/B test. Recall went from 61 percent to 78 percent. I learned to slice the "
          "errors before retraining anything.")


def _attempt(text: str, n: int, qid: str = "lp-dive-deep-1"):
    return report_of(text, qid, attempt=n, n=n, follow_up_of=None)


def test_a_retry_that_makes_the_key_points_is_better_not_worse():
    first, second = _attempt(FIRST, 1), _attempt(SECOND, 2)
    cmp = compare_attempts(attempt_facts(first), attempt_facts(second))
    gained = {c.name for c in cmp.gained if c.group == "key point"}
    assert {"the root cause", "hypotheses you formed and tested"} <= gained
    lost = {c.name for c in cmp.lost}
    assert "business outcome" in lost  # the money the second attempt did not say is still named
    content = next(m for m in cmp.metrics if m.label == "content score")
    assert content.better is True and second.scores.content > first.scores.content


def test_a_score_that_drops_is_explained_by_the_facts_that_dropped():
    cmp = compare_attempts(attempt_facts(_attempt(SECOND, 1)), attempt_facts(_attempt(FIRST, 2)))
    content = next(m for m in cmp.metrics if m.label == "content score")
    assert content.better is False and "the root cause" in content.because
    row = next(r for r in comparison_rows(cmp) if r[0] == "content score")
    assert row[3].startswith("✗ worse — lost: ") and "the root cause" in row[3]
    assert "because" in cmp.to_dict()["metrics"][0]


# F26: an explanation's content is what it covers — more key points never score lower.
TECH_DEFINITION = ("Overfitting is when the model learns the noise in the training data instead "
                   "of the signal.")
TECH_GAP = (" You see it when the training error keeps going down but the validation error goes "
            "up. Underfitting is when both the training and the validation error stay high.")
# fewer key points, but said with an example, a trade-off and a measurement (the shape the
# structure scores)
TECH_FEW = TECH_DEFINITION + TECH_GAP + (
    " For example, a deep decision tree that memorises every customer. The trade-off is that too "
    "much regularisation underfits. I measure it on a held-out validation set.")
TECH_MORE = TECH_DEFINITION + TECH_GAP + (
    " To check, plot learning curves over the amount of data, and use cross-validation.")


def test_content_is_monotone_in_the_key_points_covered():
    few, more = (_attempt(t, 1, "ml-overfitting-1") for t in (TECH_FEW, TECH_MORE))
    k_few, k_more = few.structure.key_points, more.structure.key_points
    assert k_more.covered_share() > k_few.covered_share()
    assert few.scores.structure > more.scores.structure  # the shape stays the structure's
    assert more.scores.content > few.scores.content
    share = (len(k_more.covered) + 0.5 * len(k_more.unclear)) / (
        len(k_more.covered) + len(k_more.unclear) + len(k_more.missed))
    assert more.scores.content == round(100 * share)


# F24: a reply that dodges the follow-up shows its verdict in the round summary, not the
# answer's score again.
def test_a_dodged_follow_up_shows_its_verdict_not_the_answers_score():
    from follow_up_answers import follow_up_reply, main_answer
    from voice_coach.report import follow_up_cell

    main, q = main_answer("At my last job the checkout model was too slow. My task was to cut "
                          "its latency. I profiled the service and I rewrote the feature joins. "
                          "Latency went from 120 ms to 40 ms. I learned to measure first.",
                          "lp-deliver-results-1")
    dodged = follow_up_reply("That is a good question. It was really a team effort and "
                             "everybody was quite happy with it.", main, q, "no_business_outcome")
    parent = pipeline.merge_follow_up(main, dodged, Config(), q)
    assert parent.with_follow_up is not None and not parent.with_follow_up.supplied
    cell = follow_up_cell(parent, [parent, dodged])
    assert cell.startswith("✗ not answered") and str(parent.scores.overall) not in cell
    from voice_coach.report import structure_lines

    [line] = [x for x in structure_lines(parent) if x.startswith("with the follow-up")]
    assert "(not answered: the answer's score stands)" in line and "→" not in line, line
    good = follow_up_reply("It was worth about three hundred thousand dollars a year in saved "
                           "sales.", main, q, "no_business_outcome")
    merged = pipeline.merge_follow_up(main, good, Config(), q)
    assert follow_up_cell(merged, [merged, good]) == str(merged.with_follow_up.scores.overall)


# F04: the start of a story was lost by the transcriber. What is not found in the recognised
# words is "not heard" (not ✗ / missed) in every view, and no score is computed from it.
LOST_SCRIPT = [
    ("Last spring our ads team and the data platform team disagreed about schema contracts.",
     0.6),
    ("I was responsible for the bidding model that depended on their features.", 0.8),
    ("I set up a meeting with their manager and I showed the incidents the changes caused.", 0.6),
    ("As a result we agreed on a contract test, and schema breaks dropped from five a quarter "
     "to zero.", 0.4),
    ("I learned to raise a disagreement early and with data.", 0.0),
]


def _lost_start(with_stretch: bool):
    from review_fixtures import make_report

    from voice_coach.report_model import AnswerReport

    r = make_report(question_id="lp-backbone-1", script=LOST_SCRIPT)
    words = r["transcript"]["words"]
    cut = sum(len(text.split()) for text, _ in LOST_SCRIPT[:2])
    r["transcript"]["words"] = words[cut:]
    r["transcript"]["text"] = " ".join(text for text, _ in LOST_SCRIPT[2:])
    if with_stretch:
        r["transcript"]["unrecognised"] = [{"start": words[0]["start"],
                                            "end": words[cut - 1]["end"]}]
    q = load_bank().get("lp-backbone-1")
    return pipeline.rescore(AnswerReport.from_json(r), Config(), question=q)


def test_speech_the_transcriber_lost_is_not_heard_in_every_view(tmp_path):
    from rich.console import Console

    from voice_coach.report import (
        render_answer_terminal, render_session_html, render_session_markdown, structure_lines,
    )
    from voice_coach.report_model import SessionReport
    from voice_coach.store import SessionData

    blind, heard = _lost_start(False), _lost_start(True)
    # without the stretch the same words read as a story with no set-up (what QA9 saw)
    assert not blind.structure.star["situation"].present and blind.structure.key_points.missed
    star = heard.structure.star
    lost_parts = [p for p, part in star.items() if part.not_heard]
    assert "situation" in lost_parts and not any(star[p].present for p in lost_parts)
    kp = heard.structure.key_points
    assert not kp.missed and set(kp.not_heard) == set(blind.structure.key_points.missed)
    lines = "\n".join(structure_lines(heard))
    assert "S not heard" in lines and "S ✗" not in lines and "key points missed" not in lines
    assert "key points not heard (speech not recognised 0:01–" in lines
    assert not any(f.area == "star" and f.message.startswith("No Situation")
                   for f in heard.feedback)
    js = heard.to_json()["structure"]
    assert js["star"]["situation"]["not_heard"] is True and js["key_points"]["missed"] == []
    console = Console(width=200, record=True, color_system=None)
    render_answer_terminal(heard, console)
    data = SessionData(id="s1", path=tmp_path, answers=[heard], pending=[],
                       meta=SessionReport("s1", mode="practice", status="complete"))
    for view in (console.export_text(), render_session_markdown(data),
                 render_session_html(data)):
        assert "S not heard" in view and "key points missed" not in view
    # scores over what was heard: the structure is the heard parts' weights, not a ✗ for S/T
    from voice_coach.coach import STAR_WEIGHTS

    judged = {p: w for p, w in STAR_WEIGHTS.items() if p not in lost_parts}
    present = sum(w for p, w in judged.items() if star[p].present)
    assert heard.scores.structure == round(100 * present / sum(judged.values()))
    assert heard.scores.structure > blind.scores.structure
    assert heard.scores.content >= blind.scores.content


# F10: one filler is "1 filler ("um")", not "1 fillers … mostly "um" ×1".
def test_one_filler_is_named_in_the_singular():
    from voice_coach.analysis.delivery import analyze_delivery
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.analysis.vad import SpeechRegion
    from voice_coach.coach import coach
    from voice_coach.transcriber import Word

    said = "so um the baseline was two percent before my change".split()
    words = [Word(w, 0.5 + i * 0.5, 0.5 + i * 0.5 + 0.35, 0.9) for i, w in enumerate(said)]
    d = analyze_delivery([SpeechRegion(0.4, words[-1].end + 0.1)], words, words[-1].end + 0.5,
                         Config())
    assert d.filler_count == 1 and d.fillers_per_min > Config().fillers.max_per_min
    c = coach(delivery=d, structure=analyze_structure(" ".join(said), kind="behavioral"),
              question=None, cfg=Config(), kind="behavioral")
    [line] = [f.message for f in c.feedback if f.area == "fillers"]
    assert line.startswith('1 filler, ') and '— "um";' in line and "×" not in line, line
