"""Think-aloud analysis: markers on hand-written transcripts (Whisper spellings included),
coverage and silent stretches on synthetic regions with hand-computed answers, prompt exclusion."""

from __future__ import annotations

import json

import pytest

from voice_coach.analysis.think_aloud import (
    MARKER_NAMES, PromptEvent, analyze_think_aloud, find_markers, marker_tokens,
    merge_intervals, subtract_intervals, think_aloud_from_report,
)
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.config import Config
from voice_coach.report import think_aloud_rows
from voice_coach.report_model import AnswerReport
from voice_coach.transcriber import Word

CFG = Config()


def words_at(text: str, start_s: float, step_s: float = 0.4) -> list[Word]:
    """Whisper-like words: one every `step_s` seconds from `start_s`, each 0.3 s long."""
    return [Word(t, start_s + i * step_s, start_s + i * step_s + 0.3, 0.9)
            for i, t in enumerate(text.split())]


def heard(text: str) -> set[str]:
    return {n for n, m in find_markers(text.split()).items() if m.present}


# ------------------------------------------------------------------------------- markers

MARKER_CASES = [
    # restating / clarifying
    ("Let me restate the problem to make sure.", "restate_clarify"),
    ("So the question is, given an array of integers, return two indices.", "restate_clarify"),
    ("Just to clarify, can the input contain negatives?", "restate_clarify"),
    ("Can I assume the input fits in memory?", "restate_clarify"),
    ("If I understand correctly, we want the top K items.", "restate_clarify"),
    ("Are there any constraints on the size?", "restate_clarify"),
    ("Is the array sorted?", "restate_clarify"),
    ("In other words we need the shortest path.", "restate_clarify"),
    # plan
    ("My plan is to use two pointers.", "plan"),
    ("First I'll sort the array, then scan it.", "plan"),
    ("First, I'll build a frequency map.", "plan"),
    ("Firstly we can count the characters.", "plan"),
    ("Here's my approach.", "plan"),
    ("I'll start with a brute force solution.", "plan"),
    ("The brute force approach would be two loops.", "plan"),
    ("At a high level the system has three parts.", "plan"),
    ("Step one is data collection.", "plan"),
    ("Step 1, collect the labels.", "plan"),
    ("Before I start coding, the idea is simple.", "plan"),
    # the plan as a headline, then its steps (QA15 F08: Whisper's words for the trial's drill)
    ("A, S, the plan. First initial is the center's my picking K random points. And then I "
     "sign every point to the nearest center.", "plan"),
    ("OK, my game plan: sort, then scan.", "plan"),
    ("First we clean the data, then we train, then we check it.", "plan"),
    # example / test case
    ("For example, if the input is one, two, three.", "example_test_case"),
    ("For instance a user who just signed up.", "example_test_case"),
    ("Let's say the input is [2, 7, 11, 15] and the target is 9.", "example_test_case"),
    ("Let's take an example.", "example_test_case"),
    ("Suppose the array is 3, 1, 2.", "example_test_case"),
    ("Here is a quick test case.", "example_test_case"),
    ("e.g. five and seven", "example_test_case"),
    # edge cases
    ("What if the list is empty?", "edge_cases"),
    ("We should handle an empty list.", "edge_cases"),
    ("One edge case is a single element.", "edge_cases"),
    ("There are a few corner cases here.", "edge_cases"),
    ("Negative numbers would break this.", "edge_cases"),
    ("What about duplicates?", "edge_cases"),
    ("If there is only one element we return it.", "edge_cases"),
    ("Watch out for integer overflow.", "edge_cases"),
    ("the index could go out of bounds", "edge_cases"),
    ("New users have a cold start problem.", "edge_cases"),
    # complexity — Whisper writes it many ways
    ("That gives O of n log n overall.", "complexity"),
    ("That gives o(n log n) overall.", "complexity"),
    ("That gives O(N log N) overall.", "complexity"),
    ("It's O(nlogn).", "complexity"),
    ("This is big O of N squared.", "complexity"),
    ("This is Big-O of n-squared.", "complexity"),
    ("Two nested loops, so n squared.", "complexity"),
    ("Two nested loops, so N².", "complexity"),
    ("Two nested loops, so O(n^2).", "complexity"),
    ("n to the power of two comparisons", "complexity"),
    ("It runs in linear time.", "complexity"),
    ("It uses constant space.", "complexity"),
    ("One pass over the rows, and the memory is constant.", "complexity"),  # QA47 F6
    ("Lookups are O(1).", "complexity"),
    ("Lookups are O of one.", "complexity"),
    ("Lookups are O of 1.", "complexity"),
    ("Binary search takes log n steps.", "complexity"),
    ("The time complexity is fine.", "complexity"),
    ("That part is quadratic.", "complexity"),
    ("It's order n in the number of nodes.", "complexity"),
    ("The graph search is O of V plus E.", "complexity"),
    ("Exponential time if we try every subset.", "complexity"),
    # trade-offs
    ("The trade-off is memory.", "tradeoffs"),
    ("There is a tradeoff between speed and accuracy.", "tradeoffs"),
    ("There are some trade offs.", "tradeoffs"),
    ("On the other hand, a heap is simpler.", "tradeoffs"),
    ("The downside is latency.", "tradeoffs"),
    ("Faster at the cost of more memory.", "tradeoffs"),
    ("Let's look at the pros and cons.", "tradeoffs"),
    ("It is precision versus recall.", "tradeoffs"),
    ("A hash map uses more memory.", "tradeoffs"),
    ("It depends on the read write ratio.", "tradeoffs"),
    # checking / testing
    ("Let me check the loop bounds.", "checking_testing"),
    ("Let me test this with the example.", "checking_testing"),
    ("Let me walk through it once.", "checking_testing"),
    ("Let's dry run it.", "checking_testing"),
    ("A quick dry-run with three elements.", "checking_testing"),
    ("Let me trace through the second iteration.", "checking_testing"),
    ("I want to double check the base case.", "checking_testing"),
    ("Let's run it on the example.", "checking_testing"),
    ("Okay, does that work?", "checking_testing"),
    ("I would write unit tests for the parser.", "checking_testing"),
    ("Now I'll verify the output.", "checking_testing"),
]


@pytest.mark.parametrize("text,marker", MARKER_CASES)
def test_marker_heard(text, marker):
    assert marker in heard(text)


NEGATIVES = [
    "I like pizza and I went to the store.",
    "Let me walk you through how I would design it.",
    "We log the results to a file every night.",
    "A linear regression model is the baseline.",
    "Oh, okay, sure.",
    "The first time I saw it I was surprised.",
    "That's how it works and how does this work anyway.",
    "We have a constant stream of events.",
    "The learning rate is constant after warm-up.",
    "The second one was better.",
    "I log in and open the dashboard.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_marker_in_plain_talk(text):
    assert heard(text) == set()


@pytest.mark.parametrize("text,not_marker", [
    ("I would start the car.", "plan"),           # "start" without by/with
    ("The order was shipped.", "complexity"),     # "order" without n / one / log
    ("We logged everything.", "complexity"),
    ("How does this work?", "checking_testing"),
    ("So the answer is yes.", "restate_clarify"),
    ("The example was good.", "example_test_case"),  # "the example" alone is not an example given
    ("First I will walk through the array once.", "checking_testing"),  # a plan, not a check
    ("The first time I saw it I was surprised, then I laughed.", "plan"),  # "the first time"
    ("At first it failed, then it worked.", "plan"),  # a story's "at first", not steps
])
def test_specific_negatives(text, not_marker):
    assert not_marker not in heard(text)


def test_marker_tokens_normalise_whisper_spellings():
    assert marker_tokens("O(n²)") == ["o", "n", "squared"]
    assert marker_tokens("O(N^2),") == ["o", "n", "squared"]
    assert marker_tokens("trade-off,") == ["trade", "off"]
    assert marker_tokens("Let’s") == ["let's"]
    assert marker_tokens("nlogn") == ["n", "log", "n"]


def test_marker_time_and_evidence_come_from_words():
    ws = words_at("okay so um I think it is simple my plan is to sort it is O(n log n) time", 10.0)
    m = find_markers(ws)
    plan = m["plan"]
    assert plan.present
    assert plan.first_at_s == pytest.approx(10.0 + 8 * 0.4)  # "my" is word 8
    assert plan.evidence == ("my plan is",)
    cx = m["complexity"]
    assert cx.first_at_s == pytest.approx(10.0 + 15 * 0.4)
    assert cx.evidence == ("O(n log n)",)
    assert not m["tradeoffs"].present and m["tradeoffs"].first_at_s is None
    assert set(m) == set(MARKER_NAMES)


def test_evidence_is_capped_and_unique():
    m = find_markers("what if what if what if empty list what if a null input".split())
    ev = m["edge_cases"].evidence
    assert len(ev) == 3 and len(set(ev)) == 3


# ------------------------------------------------------------------- intervals


def test_merge_and_subtract_intervals():
    assert merge_intervals([(5, 7), (1, 2), (6, 9), (-1, 0.5), (20, 30)], 25) == [
        (0.0, 0.5), (1.0, 2.0), (5.0, 9.0), (20.0, 25.0)]
    regions = [SpeechRegion(0, 10), SpeechRegion(12, 14)]
    assert subtract_intervals(regions, [(2, 3), (9, 12.5)]) == [
        SpeechRegion(0, 2), SpeechRegion(3, 9), SpeechRegion(12.5, 14)]
    assert subtract_intervals(regions, [(-1, 20)]) == []


# --------------------------------------------------------- coverage and silent stretches

REGIONS = [SpeechRegion(2, 10), SpeechRegion(12, 20), SpeechRegion(32, 40), SpeechRegion(41, 50)]


def _words() -> list[Word]:
    # 10 words in each region, at 0.5 s steps from the region start
    out: list[Word] = []
    texts = {2: "let me restate the problem we get a sorted array",
             12: "my plan is binary search so the base case is",
             32: "okay so that is O of log n now let",
             41: "me check it with an example the input is two"}
    for start, text in texts.items():
        out += words_at(text, start, 0.5)
    return out


def test_coverage_and_stretches_hand_computed():
    ta = analyze_think_aloud(regions=REGIONS, words=_words(), duration_s=60.0, cfg=CFG)
    assert ta.answer_start_s == 2.0
    assert ta.lead_in_s == 2.0
    assert ta.answer_time_s == pytest.approx(58.0)
    assert ta.speaking_s == pytest.approx(33.0)
    assert ta.narration_coverage == round(33.0 / 58.0, 2)  # kept in whole percent (QA11 F10)
    # gaps: 10-12 (2 s), 20-32 (12 s), 40-41 (1 s), trailing 50-60 (10 s)
    assert [(s.start, s.end, s.duration) for s in ta.silent_stretches] == [
        (20.0, 32.0, 12.0), (50.0, 60.0, 10.0)]
    assert ta.stretch_counts == {5.0: 2, 10.0: 2, 20.0: 0}
    assert ta.longest_silence.start == 20.0 and ta.longest_silence.duration == 12.0
    assert ta.longest_silence.preceding_words == "search so the base case is"  # 6 words
    assert not ta.longest_silence.prompted
    # 40 words, none fillers: 40 / (58/60) wpm
    assert ta.word_count == 40
    assert ta.narration_wpm == pytest.approx(40 / (58 / 60))
    # timeline: [2, 32] holds 20 words, 16 s of speech; [32, 60] holds 20 words, 17 s
    tl = ta.narration_wpm_timeline
    assert [(w.start, w.end) for w in tl] == [(2.0, 32.0), (32.0, 60.0)]
    assert tl[0].wpm == pytest.approx(20 / 0.5) and tl[0].speaking_share == pytest.approx(16 / 30)
    assert tl[1].wpm == pytest.approx(20 / (28 / 60))
    assert tl[1].speaking_share == pytest.approx(17 / 28)
    m = ta.markers
    assert m["restate_clarify"].first_at_s == pytest.approx(2.0)
    assert m["plan"].first_at_s == pytest.approx(12.0)
    assert m["complexity"].present and m["checking_testing"].present
    assert m["example_test_case"].present
    assert not m["tradeoffs"].present and not m["edge_cases"].present


def test_prompt_interval_is_excluded():
    """The interviewer's prompt bled into the mic at 27-30 s: a speech region and its words."""
    bleed = SpeechRegion(27.5, 29.5)
    bleed_words = words_at("what are you weighing right now", 27.6, 0.3)
    prompt = PromptEvent(27.0, 30.0, "What are you weighing right now?")
    ta = analyze_think_aloud(regions=REGIONS + [bleed], words=_words() + bleed_words,
                             duration_s=60.0, prompts=[prompt], cfg=CFG)
    assert ta.speaking_s == pytest.approx(33.0)  # the bleed is not the candidate's speech
    assert ta.answer_time_s == pytest.approx(55.0)  # 58 s minus the 3 s prompt
    assert ta.narration_coverage == round(33.0 / 55.0, 2)
    s = ta.silent_stretches[0]
    assert (s.start, s.end) == (20.0, 32.0)
    assert s.duration == pytest.approx(9.0)  # 12 s gap minus the prompt's 3 s
    assert s.prompted
    # QA5 F19: the pause table counts the whole 12 s gap; every silence line says why they differ
    assert s.prompt_note == " (12.0 s with the prompt)"
    assert ta.silent_stretches[-1].prompt_note == "" or ta.silent_stretches[-1].prompted
    short = analyze_think_aloud(regions=REGIONS + [bleed], words=_words() + bleed_words,
                                duration_s=52.0, prompts=[prompt], cfg=CFG)  # no 10 s tail
    rows = dict(think_aloud_rows(short.info()))
    assert rows["longest silence"].startswith("9.0 s (12.0 s with the prompt) at 0:20"), rows
    assert ta.word_count == 40
    assert all("weighing" not in e for m in ta.markers.values() for e in m.evidence)
    d = ta.to_dict()
    assert d["prompts"] == [{"at_s": 27.0, "end_s": 30.0, "text": "What are you weighing right now?",
                             "spoken": None}]  # set by the drill once the prompt was said aloud
    assert d["prompts_needed"] == 1
    assert d["excluded"] == [{"start": 27.0, "end": 30.0}]
    assert {"start": 27.5, "end": 29.5} not in d["speech_regions"]
    # without the exclusion the bleed would split the silence and count as speech
    raw = analyze_think_aloud(regions=REGIONS + [bleed], words=_words() + bleed_words,
                              duration_s=60.0, cfg=CFG)
    assert raw.speaking_s == pytest.approx(35.0)
    assert raw.stretch_counts[10.0] == 1


def test_extra_excluded_interval_and_lead_in():
    ta = analyze_think_aloud(regions=REGIONS, words=_words(), duration_s=60.0, cfg=CFG,
                             excluded=[(0.0, 1.0), (55.0, 60.0)])
    assert ta.lead_in_s == pytest.approx(1.0)
    assert ta.answer_time_s == pytest.approx(53.0)
    trailing = ta.silent_stretches[-1]
    assert (trailing.start, trailing.end, trailing.duration) == (50.0, 60.0, 5.0)


def test_long_silences_counted_at_5_10_20():
    regions = [SpeechRegion(0, 1), SpeechRegion(6.5, 7), SpeechRegion(18, 19),
               SpeechRegion(45, 46), SpeechRegion(47, 48)]
    ta = analyze_think_aloud(regions=regions, words=[], duration_s=48.0, cfg=CFG)
    assert [round(s.duration, 3) for s in ta.silent_stretches] == [5.5, 11.0, 26.0]
    assert ta.stretch_counts == {5.0: 3, 10.0: 2, 20.0: 1}
    d = ta.to_dict()["silent_stretches"]
    assert (d["count_5s"], d["count_10s"], d["count_20s"]) == (3, 2, 1)
    assert d["threshold_s"] == 5.0
    cfg = CFG.with_value("silence.long_silence_s", 10.0)
    assert len(analyze_think_aloud(regions=regions, words=[], duration_s=48.0,
                                   cfg=cfg).silent_stretches) == 2


def test_preceding_words_skip_hesitations():
    ws = words_at("so the base case is um uh", 0.0, 0.4)
    ta = analyze_think_aloud(regions=[SpeechRegion(0, 3), SpeechRegion(30, 31)], words=ws,
                             duration_s=31.0, cfg=CFG)
    assert ta.longest_silence.preceding_words == "so the base case is"


def test_preceding_words_follow_word_midpoints_like_the_transcript_view():
    """Whisper stretches word edges over a silence: the last word the VAD cut short still comes
    before it, a next word stretched back into it does not (as in the marked transcript)."""
    ws = [Word("the", 0.5, 0.8, 0.9), Word("min", 0.9, 1.6, 0.9),
          Word("heap", 2.05, 2.4, 0.9),  # VAD speech ends at 2.0, Whisper puts "heap" after it
          Word("so", 1.95, 12.3, 0.9), Word("now", 12.4, 12.7, 0.9)]  # "so" stretched back
    ta = analyze_think_aloud(regions=[SpeechRegion(0.4, 2.0), SpeechRegion(12.0, 13.0)],
                             words=ws, duration_s=13.0, cfg=CFG)
    assert ta.longest_silence.preceding_words == "the min heap"


def test_no_speech_is_none_not_nan():
    ta = analyze_think_aloud(regions=[], words=[], duration_s=30.0, cfg=CFG,
                             prompts=[PromptEvent(15.0, 17.0, "Talk me through it.")])
    d = ta.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["narration_coverage"] is None and d["longest_silence"] is None
    assert d["facts"]["no_speech"] is True
    assert d["prompts_needed"] == 1
    assert d["silent_stretches"]["count_5s"] == 0


def test_to_dict_is_json_and_round_trips_through_a_report():
    ta = analyze_think_aloud(regions=REGIONS, words=_words(), duration_s=60.0, cfg=CFG,
                             prompts=[PromptEvent(27.0, 30.0, "Talk me through what you're checking.")])
    d = ta.to_dict()
    json.dumps(d, allow_nan=False)
    assert set(d) >= {"narration_coverage", "silent_stretches", "longest_silence",
                      "narration_wpm_timeline", "prompts", "prompts_needed", "markers", "facts"}
    assert set(d["markers"]) == set(MARKER_NAMES)
    # the prompt's 3 s do not count, so the 12 s gap is 9 s and the trailing 10 s is longest
    assert d["facts"]["longest_silence_clock"] == "0:50"
    assert "tradeoffs" in d["facts"]["markers_missing"]
    report = {"audio": {"duration_s": 60.0}, "think_aloud": d,
              "transcript": {"words": [w._asdict() for w in _words()]}}
    again = think_aloud_from_report(AnswerReport.from_json(report), CFG)
    assert again.to_dict() == d
