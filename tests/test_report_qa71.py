"""QA71 F3: the "with the follow-up" line never names a fact made of others beside them
("Situation ✓ … situation or responsibility ✓" next to a key point still missing the Task)."""
from voice_coach.report import follow_up_gave
from voice_coach.report_model import WithFollowUp


def test_a_fact_made_of_others_is_not_named_beside_them():
    block = WithFollowUp(kind="real_time", label="one real time", supplied=True,
                         facts={"situation": True, "setup": True, "action": True})
    assert follow_up_gave(block) == "one real time ✓, Situation ✓, Action ✓"


def test_it_is_named_when_it_is_all_the_reply_gave_of_it():
    block = WithFollowUp(kind="no_setup", label="situation or responsibility", supplied=True,
                         facts={"setup": True, "result": True})
    assert follow_up_gave(block) == "situation or responsibility ✓, result ✓"


def test_levels_shown_without_a_metric_name_are_marked():
    """QA70 F6: "61% → 79%" with no metric named is "[metric?] 61% → 79%", as a misheard name
    is; money names itself."""
    from voice_coach.analysis.facts import TriadValues
    from voice_coach.story_report import triad_text

    assert triad_text(TriadValues(None, "61%", "79%", None, "$1M")).startswith("[metric?] 61%")
    assert triad_text(TriadValues(None, "$90K", "$11K", None, None)).startswith("$90K → $11K")
    assert triad_text(TriadValues("help rate", "61%", "79%", None, None)).startswith("help rate")
