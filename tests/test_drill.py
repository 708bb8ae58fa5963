"""The think-aloud drill: prompt scheduling on the recording timeline, exclusion of the prompt
interval, feedback wording, the terminal timeline, and a whole drill end to end (espeak-ng answer
with a 20 s silence into which the interviewer's prompt "bleeds", fed through FileSource)."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from tools import require_tool

from voice_coach.analysis.think_aloud import PromptEvent, analyze_think_aloud
from voice_coach.analysis.vad import SpeechRegion
from voice_coach.clock import format_clock
from voice_coach.coach import think_aloud_feedback
from voice_coach.config import Config
from voice_coach.drill import PROMPTS, PromptScheduler, drop_words, mask_intervals, prompt_length_s
from voice_coach.recorder import RecorderStatus
from voice_coach.report_model import AnswerReport, ThinkAloudInfo, load_as
from voice_coach.transcriber import Transcript, Word

CFG = Config()
SR = 16000
BLOCK_S = 0.1


def statuses(pattern: list[tuple[bool, float]]):
    """RecorderStatus every 0.1 s for (speaking, seconds) runs, like the recorder reports them."""
    t = 0.0
    silence = 0.0
    for speaking, secs in pattern:
        for _ in range(int(round(secs / BLOCK_S))):
            t = round(t + BLOCK_S, 3)
            silence = 0.0 if speaking else round(silence + BLOCK_S, 3)
            yield RecorderStatus(t, -20.0 if speaking else -70.0, silence, speaking, False)


def run(scheduler: PromptScheduler, pattern) -> list[PromptEvent]:
    for st in statuses(pattern):
        scheduler.update(st)
    return scheduler.events


# ------------------------------------------------------------------------- scheduler


def test_one_prompt_per_silent_stretch_at_the_right_time():
    s = PromptScheduler(15.0, 165)
    events = run(s, [(True, 5), (False, 40), (True, 3), (False, 10), (True, 2), (False, 16)])
    # 1st stretch starts at 5.0 → prompt at 20.0 (and only one in those 40 s)
    # 2nd stretch (10 s) too short; 3rd starts at 60.0 → prompt at 75.0
    assert [e.at_s for e in events] == [20.0, 75.0]
    assert [e.text for e in events] == list(PROMPTS[:2])  # rotated deterministically
    assert events[0].end_s == pytest.approx(20.0 + prompt_length_s(PROMPTS[0], 165), abs=1e-3)


def test_silence_before_the_first_word_is_prompted_too():
    events = run(PromptScheduler(15.0, 165), [(False, 16), (True, 2)])
    assert [e.at_s for e in events] == [15.0]


def test_prompt_after_zero_turns_prompts_off():
    assert run(PromptScheduler(0.0, 165), [(True, 1), (False, 60)]) == []


def test_interviewer_bleed_does_not_start_a_new_stretch():
    """The mic hears the prompt (speech inside its interval): no second prompt afterwards."""
    s = PromptScheduler(4.0, 165)
    n = prompt_length_s(PROMPTS[0], 165)
    # speech 2 s, silence 4 s → prompt at 6.0; bleed 6.5-8.0; silence again for 20 s
    # then the candidate speaks at 28.0 and goes quiet again → the next prompt at 33.0
    events = run(s, [(True, 2), (False, 4.5), (True, 1.5), (False, 20), (True, 1), (False, 5)])
    assert 8.0 < 6.0 + n
    assert [e.at_s for e in events] == [6.0, 33.0]


def test_extend_last_covers_a_prompt_still_being_spoken():
    s = PromptScheduler(4.0, 165)
    run(s, [(True, 1), (False, 4)])
    end = s.events[0].end_s
    s.extend_last(end + 2.0)
    assert s.events[0].end_s == pytest.approx(end + 2.0)


# ------------------------------------------------------------------ exclusion helpers


def test_mask_intervals_zeroes_only_the_interval():
    audio = np.ones(SR * 4, np.float32)
    out = mask_intervals(audio, [(1.0, 2.5)], SR)
    assert out[: SR].min() == 1.0 and out[int(2.5 * SR):].min() == 1.0
    assert not out[SR:int(2.5 * SR)].any()
    assert audio.min() == 1.0  # the caller's array is untouched
    same = mask_intervals(audio, [(0.0, 0.5)], SR, in_place=True)
    assert same is audio and not audio[: SR // 2].any()


def test_drop_words_rebuilds_text():
    words = [Word("so", 0.0, 0.2, 0.9), Word("what", 5.1, 5.3, 0.9), Word("weighing", 5.4, 5.8, 0.9),
             Word("okay", 9.0, 9.2, 0.9)]
    t = Transcript("so what weighing okay", words, backend="faster-whisper", model="tiny.en")
    out = drop_words(t, {1, 2})
    assert [w.text for w in out.words] == ["so", "okay"]
    assert out.text == "so okay" and out.backend == "faster-whisper"
    assert drop_words(t, set()) is t


def test_a_prompt_still_being_spoken_when_the_answer_ends_is_waited_for(monkeypatch):
    """CI failure, session 13: a file replayed faster than real time reached the report while
    a slow-starting TTS child was still speaking the prompt, and the report said "not spoken".
    The child here stands in for a loaded machine's TTS: it takes 1.5 s and succeeds."""
    import shlex
    import sys

    from voice_coach.config import VoiceOptions
    from voice_coach.drill import DrillHooks
    from voice_coach.speaker import CHILD_COMMAND_ENV, Speaker

    code = "import sys, time; sys.stdin.read(); time.sleep(1.5)"
    monkeypatch.setenv(CHILD_COMMAND_ENV, f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}")
    hooks = DrillHooks(cfg=CFG, speaker=Speaker(VoiceOptions(timeout_margin_s=30.0)), ui=None,
                       sample_rate=SR, measure_speech=False, minutes=1.0, transcriber=None)
    try:
        for st in statuses([(True, 2), (False, CFG.drill.prompt_after_s + 1)]):
            hooks.on_status(st)
        [event] = hooks.prompts()
        assert hooks.voice.busy  # the answer "ended" while the prompt is being spoken
        words = [Word("hello", 0.5, 1.0, 0.9)]
        audio = np.zeros(int((CFG.drill.prompt_after_s + 3) * SR), np.float32)
        hooks.before_analysis(audio, Transcript("hello", words))
        assert hooks.voice.spoken == {0: True}
        assert hooks.prompts()[0].end_s > hooks.prompts()[0].at_s  # its interval is kept
    finally:
        hooks.close()


# -------------------------------------------------------------------------- feedback


def test_feedback_names_longest_silence_time_and_preceding_words():
    words = [Word(w, 240.0 + i * 0.4, 240.3 + i * 0.4, 0.9)
             for i, w in enumerate("okay so the base case is".split())]
    ta = analyze_think_aloud(regions=[SpeechRegion(238.0, 252.0), SpeechRegion(275.0, 290.0)],
                             words=words, duration_s=290.0, cfg=CFG)
    items = think_aloud_feedback(ta, CFG, kind="coding")
    msgs = [i.message for i in items]
    assert ("The longest silence was 23.0 s at 4:12, right after 'okay so the base case is' — "
            "narrate what you check next.") in msgs
    first = next(i for i in items if i.message.startswith("The longest"))
    assert first.at_s == 252.0 and first.severity == "warn"
    assert any(m.startswith("Not heard:") and "time/space complexity" in m for m in msgs)
    assert all(i.area == "think_aloud" for i in items)
    assert {i.severity for i in items} <= {"info", "warn", "good"}  # no stray "tip"


def test_feedback_mentions_prompts_and_design_skips_complexity():
    ta = analyze_think_aloud(
        regions=[SpeechRegion(0, 10), SpeechRegion(40, 60)],
        words=[Word("the", 1.0, 1.2, 1.0), Word("trade-off", 1.3, 1.8, 1.0), Word("is", 1.9, 2.0, 1.0)],
        duration_s=60.0, cfg=CFG, prompts=[PromptEvent(25.0, 28.0, PROMPTS[0])])
    items = think_aloud_feedback(ta, CFG, kind="technical")
    msgs = " ".join(i.message for i in items)
    assert "prompt you 1 time (at 0:25)" in msgs
    assert "(the interviewer had to prompt you)" in msgs
    assert "complexity" not in msgs  # not expected from a design answer
    assert "Heard: trade-offs." in msgs


def test_feedback_without_speech():
    ta = analyze_think_aloud(regions=[], words=[], duration_s=30.0, cfg=CFG)
    [item] = think_aloud_feedback(ta, CFG)
    assert item.message.startswith("No speech was heard")


# -------------------------------------------------------------------------- timeline


def test_timeline_bar_marks_speech_silence_prompts_and_markers():
    from voice_coach.report import timeline_bar

    ta = {"duration_s": 60.0,
          "speech_regions": [{"start": 0.0, "end": 20.0}, {"start": 40.0, "end": 60.0}],
          "prompts": [{"at_s": 35.0, "end_s": 38.0, "text": "x"}],
          "markers": {"plan": {"present": True, "first_at_s": 2.0},
                      "complexity": {"present": True, "first_at_s": 50.0},
                      "tradeoffs": {"present": False, "first_at_s": None}}}
    bar = timeline_bar(load_as(ThinkAloudInfo, ta), width=12)  # 5 s per character
    assert bar == "P███···!██O█"


def test_render_think_aloud_at_fixed_width():
    from rich.console import Console

    from voice_coach.cli.drill import render_think_aloud

    ta = analyze_think_aloud(regions=[SpeechRegion(1, 20), SpeechRegion(42, 60)],
                             words=[Word("my", 2, 2.2, 1), Word("plan", 2.2, 2.5, 1),
                                    Word("is", 2.5, 2.7, 1)],
                             duration_s=60.0, cfg=CFG, prompts=[PromptEvent(35, 38, PROMPTS[0])])
    buf = io.StringIO()
    render_think_aloud(AnswerReport(think_aloud=ta.info()),
                       Console(file=buf, width=100, color_system=None))
    out = buf.getvalue()
    assert "Think-aloud timeline" in out and "!" in out
    assert "narration coverage" in out and "prompts needed" in out
    assert "✓ 0:02 \"my plan is\"" in out


# ------------------------------------------------------------------------ end to end

GAP_S = 20.0  # the long silence in the synthesized answer
SHORT_GAP_S = 8.0
LEAD_S = 1.0
BLEED_AFTER_S = 16.0  # the interviewer's voice reaches the mic this long into the long gap
SENTENCES = (
    "So the question is to find two numbers that add up to the target. My plan is to use a "
    "hash map, and first I will walk through the array once.",
    "For example, if the input is two, seven, eleven and the target is nine, we return zero "
    "and one. What if the list is empty? Then we return nothing.",
    "The time complexity is linear, big O of n, and it needs linear space. The trade-off is "
    "memory. Let me check it with a dry run.",
)


def _espeak(text: str, tmp: Path, voice: str = "en-us", rate: int = 160) -> np.ndarray:
    from voice_coach.audio import load_audio

    out = tmp / "s.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text],
                   check=True, capture_output=True, timeout=60)
    a = load_audio(out)
    frame = SR // 100
    n = a.size // frame
    rms = np.sqrt(np.mean(a[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(20 * np.log10(rms) > -45.0)
    a = a[loud[0] * frame:(loud[-1] + 1) * frame]
    return (a * (0.5 / np.abs(a).max())).astype(np.float32)


@pytest.fixture(scope="module")
def answer(tmp_path_factory):
    """answer.wav + where its silences are: speech, 20 s gap (with the prompt's bleed), speech,
    8 s gap, speech."""
    from voice_coach.audio import write_wav

    require_tool("espeak-ng", install="apt-get install -y espeak-ng")
    tmp = tmp_path_factory.mktemp("drill-answer")
    a, b, c = (_espeak(s, tmp) for s in SENTENCES)
    bleed = _espeak(PROMPTS[0], tmp, voice="en-us+m3", rate=175) * 0.6
    gap = np.zeros(int(GAP_S * SR), np.float32)
    at = int(BLEED_AFTER_S * SR)
    gap[at:at + bleed.size] = bleed
    parts = [np.zeros(int(LEAD_S * SR), np.float32), a, gap, b,
             np.zeros(int(SHORT_GAP_S * SR), np.float32), c, np.zeros(int(1.5 * SR), np.float32)]
    audio = np.concatenate(parts)
    audio += np.random.default_rng(0).normal(0, 1e-3, audio.shape).astype(np.float32)
    path = write_wav(tmp / "answer.wav", audio)
    gap1 = LEAD_S + a.size / SR
    gap2 = gap1 + GAP_S + b.size / SR
    return {"path": path, "gap1": (gap1, gap1 + GAP_S), "gap2": (gap2, gap2 + SHORT_GAP_S),
            "bleed": (gap1 + BLEED_AFTER_S, gap1 + BLEED_AFTER_S + bleed.size / SR),
            "duration_s": audio.size / SR, "speech_s": (a.size + b.size + c.size) / SR}


@pytest.fixture(scope="module")
def drill(answer, tmp_path_factory, virtual_mic):
    """`voice-coach drill think-aloud --input answer.wav` with its prompts played (default
    prompt_after 15 s, replayed as fast as possible); returns the saved session and the terminal
    output."""
    from voice_coach.cli import main

    rec = tmp_path_factory.mktemp("recordings")
    # a loaded CI machine can take longer than the default 5 s margin to start the TTS engine
    (rec / "config.toml").write_text("[voice]\ntimeout_margin_s = 60.0\n")
    out = io.StringIO()
    # the prompt is really spoken by pyttsx3 into the virtual microphone's null sink (the
    # machine has no speaker); the bleed mixed into the file is what the mic heard of it
    with contextlib.redirect_stdout(out):
        rc = main(["drill", "think-aloud", "--recordings", str(rec), "--input",
                   str(answer["path"]), "--question", "code-top-k-stream-1"])
    [session] = [p for p in rec.iterdir() if p.is_dir()]
    report = json.loads((session / "answer-01.json").read_text())
    return {"rc": rc, "session": session, "report": report, "out": out.getvalue()}


@pytest.mark.slow
@pytest.mark.virtual_mic
def test_drill_prompt_fires_once_on_the_recording_timeline(drill, answer):
    assert drill["rc"] == 0
    ta = drill["report"]["think_aloud"]
    [prompt] = ta["prompts"]
    assert ta["prompts_needed"] == 1
    gap_start = answer["gap1"][0]
    assert abs(prompt["at_s"] - (gap_start + CFG.drill.prompt_after_s)) <= 0.5, prompt
    assert prompt["text"] == PROMPTS[0]
    assert prompt["spoken"] is True
    assert prompt["end_s"] == pytest.approx(prompt["at_s"] + prompt_length_s(PROMPTS[0], 165),
                                            abs=0.01)


@pytest.mark.slow
@pytest.mark.virtual_mic
def test_drill_excludes_the_prompt_interval(drill, answer):
    from voice_coach.analysis.vad import detect_speech
    from voice_coach.audio import load_audio

    report = drill["report"]
    ta = report["think_aloud"]
    [prompt] = ta["prompts"]
    at, end = prompt["at_s"], prompt["end_s"]
    b0, b1 = answer["bleed"]
    assert at < b0 and b1 < end, "the synthesized bleed must fall inside the prompt interval"
    # the mic "heard" the interviewer: the saved WAV has speech in the interval …
    raw = detect_speech(load_audio(drill["session"] / "answer-01.wav"), CFG.vad)
    assert any(r.start_s < end and r.end_s > at for r in raw)
    # … but none of it is the candidate's
    for r in ta["speech_regions"] + report["delivery"]["speech_segments"]:
        assert r["end"] <= at or r["start"] >= end, r
    for w in report["transcript"]["words"]:
        assert not at <= (w["start"] + w["end"]) / 2 <= end, w
    assert "weighing" not in report["transcript"]["text"].lower()
    # the 20 s gap is one silent stretch, prompted, its duration without the prompt's seconds
    g0, g1 = answer["gap1"]
    [long] = [s for s in ta["silent_stretches"]["items"] if s["prompted"]]
    assert abs(long["start"] - g0) < 0.5 and abs(long["end"] - g1) < 0.5
    assert long["duration"] == pytest.approx(long["end"] - long["start"] - (end - at), abs=0.01)
    # the delivery analysis saw the masked audio: one pause across the whole gap
    assert report["delivery"]["longest_pause_s"] == pytest.approx(GAP_S, abs=0.6)


@pytest.mark.slow
@pytest.mark.virtual_mic
def test_drill_report_has_think_aloud_block_and_feedback(drill, answer):
    report = drill["report"]
    ta = report["think_aloud"]
    st = ta["silent_stretches"]
    assert (st["count_5s"], st["count_10s"], st["count_20s"]) == (2, 1, 0)
    [short] = [s for s in st["items"] if not s["prompted"]]
    assert abs(short["start"] - answer["gap2"][0]) < 0.5
    assert abs(short["duration"] - SHORT_GAP_S) < 0.6
    assert ta["longest_silence"]["prompted"] and ta["longest_silence"]["preceding_words"]
    # upper bound: all sentence audio over the answer time (from the first word, minus the
    # prompt); the VAD also drops the short pauses inside sentences
    [p] = ta["prompts"]
    bound = answer["speech_s"] / (answer["duration_s"] - LEAD_S - (p["end_s"] - p["at_s"]))
    assert 0.75 * bound < ta["narration_coverage"] <= bound + 0.02
    assert ta["narration_wpm"] > 50 and ta["narration_wpm_timeline"]
    heard = {n for n, m in ta["markers"].items() if m["present"]}
    assert len(heard & {"restate_clarify", "plan", "example_test_case", "edge_cases",
                        "complexity", "tradeoffs", "checking_testing"}) >= 5, ta["markers"]
    msgs = [f["message"] for f in report["feedback"] if f["area"] == "think_aloud"]
    assert any(m.startswith("The longest silence was") and "right after '" in m for m in msgs)
    assert any("prompt you 1 time" in m for m in msgs)
    # one silence list: the feedback names the longest stretch exactly as the table shows it
    # (same length, same clock, same preceding words), and no second line re-measures it
    ls = ta["longest_silence"]
    assert any(f"{ls['duration']:.1f} s" in m and f" at {format_clock(ls['start'])}, right after "
               f"'{ls['preceding_words']}'" in m for m in msgs), (msgs, ls)
    # the prompted stretch also names the length with the prompt (the delivery table's pause)
    assert any(f"{ls['duration']:.1f} s ({ls['end'] - ls['start']:.1f} s with the prompt)" in m
               for m in msgs), (msgs, ls)
    assert not [f for f in report["feedback"] if f["area"] == "silence"]
    assert all(f["severity"] in ("info", "warn", "good") for f in report["feedback"])
    assert report["recording"]["ended_by"] == "end_of_input"
    assert report["drill"]["mode"] == "think-aloud"
    json.dumps(report, allow_nan=False)


@pytest.mark.slow
@pytest.mark.virtual_mic
def test_drill_session_saved_and_summary_printed(drill):
    session = drill["session"]
    meta = json.loads((session / "session.json").read_text())
    assert meta["mode"] == "drill" and meta["status"] == "complete"
    assert meta["questions"][0]["id"] == "code-top-k-stream-1"
    assert meta["config"]["answer"]["max_s"] == 600.0  # 10 minutes
    for name in ("answer-01.wav", "answer-01.json", "report.md", "report.html"):
        assert (session / name).stat().st_size > 0
    out = drill["out"]
    assert "interviewer: " + PROMPTS[0] in out
    assert "Think-aloud timeline" in out and "prompts needed" in out
    bar_line = next(line for line in out.splitlines() if line.startswith("0:00 "))
    assert "!" in bar_line and "█" in bar_line and "·" in bar_line


# ------------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("argv,message", [
    (["--minutes", "0"], "--minutes must be more than 0"),
    (["--prompt-after", "-1"], "drill.prompt_after_s"),
    (["--question", "no-such-question"], "unknown question id"),
])
def test_cli_bad_options_are_one_line_errors(argv, message, clip, capsys):
    from voice_coach.cli import main

    rc = main(["drill", "think-aloud", "--input", str(clip("jfk")), "--no-voice", *argv])
    err = capsys.readouterr().err
    assert rc == 2 and message in err and "Traceback" not in err


def test_cli_default_question_is_coding_or_design():
    from voice_coach.cli import build_parser
    from voice_coach.cli.drill import pick_question

    for seed in range(6):
        args = build_parser().parse_args(["drill", "think-aloud", "--seed", str(seed)])
        q = pick_question(args)
        assert q.category in ("coding", "ml-design"), q.id
    args = build_parser().parse_args(["drill", "think-aloud", "--question", "code-knn-1",
                                      "--minutes", "2.5", "--prompt-after", "0"])
    assert pick_question(args).id == "code-knn-1"
    assert args.minutes == 2.5 and args.prompt_after == 0.0
