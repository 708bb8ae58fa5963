"""QA14 F09/F10/F07/F06: an answer the transcriber could not hear is not judged for what it says;
a word-less blip does not split a silence; no pace on a one-line reply; a slow pace names the
rate the score charges.

Real audio (tests/data/qa14/README.md): `quiet_noisy_story.flac` is an espeak-ng story at
vol 0.05 under white noise (the QA14 F09 recipe on new words); the clean control is the bundled
espeak clip. Real Whisper, real VAD.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from voice_coach.analysis.delivery import analyze_delivery
from voice_coach.analysis.hearing import HearingSignals, transcript_unreliable
from voice_coach.analysis.levels import SpeechRegion
from voice_coach.config import Config
from voice_coach.report_model import AnswerReport, Word

DATA = Path(__file__).parent / "data"
QA14 = DATA / "qa14"
CFG = Config()


def _analyze(path: Path, transcriber, qid: str) -> AnswerReport:
    from voice_coach.pipeline import analyze_file
    from voice_coach.questions import load_bank

    return analyze_file(path, cfg=CFG, transcriber=transcriber, question=load_bank().get(qid))


@pytest.fixture(scope="module")
def quiet_report(transcriber) -> AnswerReport:
    return _analyze(QA14 / "quiet_noisy_story.flac", transcriber, "lp-dive-deep-2")


def test_quiet_noisy_story_is_not_judged_for_what_it_says(quiet_report):
    r = quiet_report
    assert r.unheard, "a -48 dBFS recording under hiss that Whisper was unsure of"
    assert (r.scores.structure, r.scores.content, r.scores.overall) == (None, None, None)
    assert r.scores.delivery is not None  # pauses and the voice are still measured
    s = r.structure
    assert not s.hypothetical
    assert s.key_points.missed == () and s.key_points.unclear == ()
    assert s.key_points.not_heard
    assert not any(part.present is False and not part.not_heard for part in s.star.values())
    assert r.follow_up is None
    assert r.feedback[0].area == "transcription" and "unreliable" in r.feedback[0].message
    coached = {f.area for f in r.feedback}
    assert not coached & {"star", "key_points", "metrics", "principles", "pace", "fillers"}


def test_every_view_says_the_transcript_is_unreliable(quiet_report, tmp_path):
    from rich.console import Console

    from voice_coach.report import (render_answer_terminal, render_session_html,
                                    render_session_markdown, structure_lines)
    from voice_coach.report_model import SessionReport
    from voice_coach.store import SessionData

    lines = structure_lines(quiet_report)
    assert any("not judged — the transcript is unreliable" in x for x in lines)
    assert not any(x.startswith("key points missed") or "hypothetical" in x for x in lines)
    console = Console(width=300, record=True, color_system=None)
    render_answer_terminal(quiet_report, console)
    assert "transcript is unreliable" in console.export_text()
    data = SessionData(id="s1", path=tmp_path,
                       meta=SessionReport("s1", mode="practice", status="complete"),
                       answers=[quiet_report], pending=[])
    assert "transcript is unreliable" in render_session_markdown(data).replace("\\", "")
    assert "transcript is unreliable" in render_session_html(data)


def test_the_saved_report_keeps_the_verdict(quiet_report):
    back = AnswerReport.from_json(json.loads(json.dumps(quiet_report.to_json())))
    assert back.unheard == quiet_report.unheard


def test_a_clean_answer_is_judged(transcriber):
    r = _analyze(DATA / "audio" / "espeak_ml_overfitting_en-gb-f3.flac", transcriber,
                 "ml-overfitting-1")
    assert r.unheard is None
    assert r.scores.structure is not None and r.scores.content is not None


@pytest.mark.parametrize("sig, flagged", [
    # QA14 F09's own signals and the quiet clip's: unsure, quiet, hardly voiced
    (HearingSignals(0.49, 0.5, -48.0, 0.04, 4.2), True),
    # the noisiest clean tuning clip (qa9_uh_noise: unsure, but loud and voiced): judged
    (HearingSignals(0.53, 0.4, -25.4, 0.46, 2.0), False),
    # a quiet but clear recording: Whisper sure of its words — judged
    (HearingSignals(0.93, 0.1, -47.0, 0.5, 3.0), False),
    # too few words to judge confidence
    (HearingSignals(None, None, -48.0, 0.0, 3.0), False),
])
def test_unreliable_needs_low_confidence(sig, flagged):
    assert (transcript_unreliable(sig) is not None) is flagged


def test_a_wordless_blip_does_not_split_a_silence():
    regions = [SpeechRegion(0.5, 3.0), SpeechRegion(9.0, 9.02), SpeechRegion(11.2, 14.0)]
    words = [Word("one", 0.6, 2.9, 0.9), Word("two", 11.3, 13.9, 0.9)]
    d = analyze_delivery(regions, words, 15.0, CFG)
    assert [(p.start, p.end) for p in d.pauses] == [(3.0, 11.2)]
    assert d.silence_count == 1 and d.long_pause_count == 1


def _saved(name: str) -> AnswerReport:
    return AnswerReport.from_json(json.loads((QA14 / name).read_text()))


def test_speech_without_words_between_two_pauses_is_shown():
    """QA14 F10 addendum (p7, clean espeak): 'Um, [0.3 s] so, [0.3 s] this' — Whisper wrote
    one "So," over both speech regions, so two pause marks stood side by side; the speech
    between them is shown as speech without words."""
    from voice_coach.report import NO_WORDS_LABEL, marked_transcript

    toks = marked_transcript(_saved("slow_lp_answer-01.json"), CFG)
    kinds = [t.kind for t in toks]
    assert not any(a == b == "pause" for a, b in zip(kinds, kinds[1:]))
    assert sum(t.text == NO_WORDS_LABEL for t in toks) == 2


def test_the_saved_quiet_answer_has_one_silence_not_two():
    """QA14 F10 (a1.log): '[6.0 s] [2.2 s]' around a 20 ms VAD region with no word; re-scored
    from its saved words and regions (as `tune` does) it is one 8.3 s silence."""
    from voice_coach.pipeline import rescore

    r = rescore(_saved("quiet_noisy2_analyze.json"), CFG)
    assert [round(p.duration, 1) for p in r.delivery.pauses if p.duration >= 2.0] == [8.3]
    assert r.delivery.silence_count == 1 and r.delivery.long_pause_count == 1
    assert r.unheard  # and its transcript is not judged (F09, on the trial's own report)


def _reply_facts(words: int, span_s: float):
    from voice_coach import coach as c
    from voice_coach.report_model import DeliveryInfo

    d = DeliveryInfo(speech_start_s=0.2, speech_end_s=0.2 + span_s, word_count=words,
                     wpm=words * 60 / span_s)
    from voice_coach.analysis.structure import analyze_structure

    s = analyze_structure("Before the fix it was one point one percent.")
    return c._Facts(d, s, None, CFG, "behavioral", 60.0)


def test_no_pace_verdict_on_a_one_line_reply():
    from voice_coach import coach as c

    assert c.judged_pace(_reply_facts(10, 2.9))[0] is None  # QA14 F07: "230 wpm" on 10 words
    assert c.rule_pace(_reply_facts(10, 2.9)) == []
    assert c.judged_pace(_reply_facts(40, 12.0))[0] == 200.0


def test_slow_pace_names_the_rate_the_score_charges():
    """QA14 F06: 55 wpm with 38 s of named silences is 118 wpm without them; under a 140 floor
    the flag says 118 wpm is below 140 (what the score charges), not 'shorter pauses … 41.5 s'
    that counts the charged silences again."""
    from voice_coach import coach as c
    from voice_coach.analysis.delivery import Delivery
    from voice_coach.report_model import Pause

    pauses = (Pause(7.8, 20.5, 12.7), Pause(30.9, 56.5, 25.6), Pause(60.0, 61.6, 1.6),
              Pause(62.0, 63.6, 1.6))
    d = Delivery(speech_start_s=1.0, speech_end_s=80.0, word_count=72, wpm=55.0,
                     articulation_wpm=134.0, pauses=pauses,
                     after_sentence=(True, True, True, True))
    from voice_coach.analysis.structure import analyze_structure

    s = analyze_structure("We want k means from scratch.")
    cfg = dataclasses.replace(CFG, pace=dataclasses.replace(CFG.pace, min_wpm=140.0))
    f = c._Facts(d, s, None, cfg, "coding", 60.0)
    (item,) = c.rule_pace(f)
    without = c.pace_without_silences(f, 55.0)[1]
    assert f"without them you spoke at {without:.0f} wpm, still below 140" in item.message
    assert "41.5 s" not in item.message and "3.2 s of pauses fell between" in item.message


def test_an_unheard_answer_tells_no_story_in_the_bank(tmp_path):
    """The story bank (and the brief built on it) does not read Whisper's inventions as a story."""
    from datetime import datetime

    from voice_coach.cli.stories import load_story_bank
    from voice_coach.questions import load_bank
    from voice_coach.store import Store

    store = Store(tmp_path / "rec")
    s = store.new_session("practice", "lp-dive-deep-2", {}, now=datetime(2026, 12, 1, 4, 30))
    s.save_answer(1, dataclasses.replace(_saved("quiet_noisy2_analyze.json"), n=1))
    s.finish()
    assert load_story_bank(store, CFG, load_bank()).stories == ()
