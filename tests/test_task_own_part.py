"""The speaker's own part in a story (issue #13, session 16): the unowned thing taken, said last
in either tense ("so I just took it", "so I say OK, I take it"); an obligation or an ask said in
the present in a story told in the present ("so I need to learn the compiler very fast", "my lead
ask me to look") before the work begins; "I need to …" is no completed step. Texts written for this test."""

from voice_coach.analysis.structure import (
    STRONG, _norm, label_clause, own_step, story_cues)


def _cues(text: str) -> list[dict[str, int]]:
    return story_cues([_norm(c) for c in text.split(" | ")])


def test_the_unowned_thing_taken_is_a_task_cue_in_either_tense():
    for clause in ("so i just, i took it.", "so i say ok i take it.", "and we took that on."):
        assert label_clause(_norm(clause))["task"] >= STRONG, clause
    assert label_clause(_norm("i took it to the architecture review"))["task"] < STRONG


def test_a_present_obligation_before_the_work_is_a_task_cue_in_a_present_story():
    story = ("so our compiler team lose the one person who know the toolchain | "
             "so i need to learn the new runtime very fast | "
             "i rewrite the export script | and the latency go from 90 to 40 milliseconds")
    cues = _cues(story)
    assert cues[1]["task"] >= STRONG
    assert _cues("so our bill go up every month | my lead ask me to look | "
                 "i check the instances")[1]["task"] >= STRONG


def test_a_present_obligation_is_no_task_cue_after_the_work_or_in_a_hypothetical_answer():
    after = _cues("i rewrote the export script | then we need to retrain the detector")
    assert after[1]["task"] < STRONG
    hypo = _cues("i would first look at the logs | i need to know the traffic pattern")
    assert hypo[1]["task"] < STRONG
    assert _cues("do you want me to talk about the training too")[0]["task"] < STRONG


def test_i_need_to_is_no_completed_step():
    assert not own_step(_norm("i need to decide quickly, because every hour costs orders"))
    assert own_step(_norm("i rolled back the firmware on half of the robots"))


def test_a_responsibility_named_as_ones_own_is_the_task_whatever_the_head_reads():
    """The rebuilt heads (session 16) read "…, it was my problem to find out why" as Action 0.35,
    Task 0.20: the speaker names the part, so it is the Task."""
    from voice_coach.analysis.structure import analyze_structure
    from voice_coach.embedder import shared_meaning_model

    s = analyze_structure("So when the refund rate doubled after a release, it was my problem "
                          "to find out why. We pulled the logs and we rolled the change back.",
                          kind="behavioral", model=shared_meaning_model(), method="meaning")
    told = [c for c in s.clauses if "my problem" in c.text]
    assert s.star_present["task"] and told and told[0].label == "task"
