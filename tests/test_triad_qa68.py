"""QA68 (#17 trial, persona Lars): brief numbers read from what was heard, nothing invented.

Each case is the transcript Whisper gave the tester, as the report read it."""
import pytest

from voice_coach.analysis.numbers import currency_word_after, head_count
from voice_coach.analysis.structure import detect_scale, split_clauses
from voice_coach.config import Config
from voice_coach.pipeline import analyze_text
from voice_coach.questions import load_bank

pytestmark = pytest.mark.slow  # the bundled sentence model reads the clauses


def _triad(text: str, qid: str):
    return analyze_text(text, cfg=Config(), question=load_bank().get(qid)).structure.metric_triad


LLM = ("At the pension fund, our members write to us with questions about their savings. For "
       "example, what happens with their pension if they retire two years early? We built a "
       "system with a large language model that answers these questions from the member's own "
       "data and our rules. In the first pilot, we had a problem with wrong answers. So, I "
       "changed the direction of the project. Before that change, the wrong answer rate was I in "
       "1000 member questions. After the change, the wrong answer rate was to the 1000 member "
       "questions. That is customer obsession, I would say.")


def test_a_bare_count_never_borrows_the_unit_of_a_situation_duration():
    """F1: "retire 2 years early … was to the 1000 member questions" is no "2 years → 1000
    years": the number counts questions, read with the words after it."""
    tri = _triad(LLM, "lp-customer-obsession-3")
    assert not any("years" in words for _, words in tri.slots), tri.slots


CHURN = ("At the pension fund, we had a problem with members leaving us for other funds. The churn "
         "was 31,000 members per year. I built a gradient boosting model on contributions and "
         "logins. After one year, the churn was 24 per 1,000 members. The business outcome was "
         "that we kept around 600 million crooner, so maybe million euros, of saving under "
         "management per year.")


def test_a_rate_per_members_is_a_level_and_money_glossed_in_euros_keeps_its_amount():
    """F2: "24 per 1000 members" is the after (a rate's denominator counts no team), and "600M
    crooner, so maybe million euros" is money whose currency was misheard."""
    tri = _triad(CHURN, "lp-deliver-results-1")
    assert ("after", "24 per 1000") in tri.slots, tri.slots
    assert any(role == "outcome" and words.startswith("600M [currency?]")
               for role, words in tri.slots), tri.slots


def test_a_level_of_the_metric_the_story_moved_is_no_scale():
    """F2: "the churn was 31000 members per year" was a level of churn, said again later."""
    text = ("the churn was 31000 members per year. i built a model. after 1 year, the churn was "
            "24 per 1000 members.")
    assert detect_scale(text) == []
    assert detect_scale("the platform serves 31000 members per year.") != []


def test_the_denominator_of_a_rate_is_no_head_count():
    text = "after 1 year, the churn was 24 per 1000 members."
    assert not head_count(text, text.index("1000"), text.index("1000") + 4)
    team = "we were 5 engineers."
    assert head_count(team, team.index("5"), team.index("5") + 1)


def test_an_amount_glossed_in_a_currency_marks_its_own_misheard_currency():
    text = "we kept around 600M crooner, so maybe million euros, of savings."
    assert currency_word_after(text, text.index("600M") + 4) == " [currency?]"
    plain = "we kept around 600M members, and the team grew."
    assert currency_word_after(plain, plain.index("600M") + 4) == ""


def test_a_gloss_of_an_amount_stays_in_the_amount_clause():
    tokens = "we kept around 600M crooner, so maybe million euros, of saving".split()
    assert len(split_clauses(tokens)) == 1, split_clauses(tokens)
    other = "we kept around 600M crooner of savings, so I moved to the next project".split()
    assert len(split_clauses(other)) == 2


SPARES = ("The forecast error for the critical part was 23%. I built a first gradient boosting "
          "forecast in three days, it was good enough to start, and we improved it every two "
          "weeks. After six weeks the forecast error was 11%. Because of that we reduced the "
          "stock and freed around 30 million crooner, that is 4 million euros on capital.")


def test_how_often_the_work_was_done_is_no_outcome():
    """F4: "we improved it every 2 weeks" is a cadence, not 2 weeks saved."""
    tri = _triad(SPARES, "lp-bias-for-action-1")
    outcomes = [words for role, words in tri.slots if role == "outcome"]
    assert outcomes and not any("2 weeks" in w for w in outcomes), tri.slots


def test_a_title_never_ends_inside_a_relative_clause():
    """F6: "A large language model that answers" ended on the verb of "that answers these
    questions"."""
    from voice_coach.analysis.titles import TitleSource, story_title

    title = story_title([TitleSource(LLM)])
    assert not title.lower().endswith(("that answers", "answers")), title
