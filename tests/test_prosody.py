"""Prosody: pitch, monotone stretches, fades, uptalk — against signals with known prosody.

Synthetic answers (tests/prosody_signals.py) have an exactly known F0 per sample and known
flat runs, fades and final rises; speech regions are their known sentence spans (Silero VAD
does not take a harmonic buzz for speech). espeak-ng speech (flat vs default pitch range) and
the real clips in tests/data/audio go through the real VAD.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import replace

import numpy as np
import pytest
import prosody_signals as ps
from rich.console import Console
from tools import require_tool

from voice_coach import pipeline
from voice_coach.analysis.prosody import (
    NO_PITCH_STATS, SAMPLE_RATE, ProsodyTrack, TrackBuilder, analyze_prosody, extract_track,
    track_from_info)
from voice_coach.analysis.vad import SpeechRegion, detect_speech
from voice_coach.coach import prosody_score
from voice_coach.config import Config, ConfigError, from_dict
from voice_coach.report_model import AnswerReport, SessionReport
from voice_coach.transcriber import Transcript, UnrecognisedStretch, Word

CFG = Config()
LIVELY = ps.Sentence(3.5, lively=True)
FLAT = ps.Sentence(3.5, lively=False)


def regions_of(truth: ps.Truth) -> list[SpeechRegion]:
    return [SpeechRegion(s, e) for s, e in truth.regions]


def sentence_words(truth: ps.Truth, texts: list[str] | None = None) -> list[Word]:
    """One transcript word per sentence, ending it (the transcript's sentence boundaries)."""
    texts = texts or ["said."] * len(truth.regions)
    return [Word(t, s, e, 1.0) for t, (s, e) in zip(texts, truth.regions)]


def run(audio, truth, words=None, cfg=CFG):
    return analyze_prosody(extract_track(audio), regions_of(truth), words or [], cfg.prosody)


@pytest.mark.parametrize("base_hz", [85.0, 130.0, 220.0])
def test_f0_within_50_cents_of_the_known_contour(base_hz):
    audio, truth = ps.answer([LIVELY, FLAT, LIVELY], base_hz=base_hz, seed=3)
    track = extract_track(audio)
    idx = np.minimum((track.times() * SAMPLE_RATE).astype(int), len(truth.f0_hz) - 1)
    true = truth.f0_hz[idx]
    both = ~np.isnan(true) & ~np.isnan(track.hz)
    cents = 1200 * np.abs(np.log2(track.hz[both] / true[both]))
    assert both.sum() >= 0.95 * (~np.isnan(true)).sum()  # voiced cells found voiced
    assert np.median(cents) <= 50
    p = analyze_prosody(track, regions_of(truth), [], CFG.prosody)
    assert abs(1200 * np.log2(p.pitch.median_hz / np.nanmedian(truth.f0_hz))) <= 50


def test_flat_stretch_is_flagged_monotone_at_the_right_times():
    audio, truth = ps.answer([LIVELY] * 3 + [FLAT] * 3 + [LIVELY] * 3, base_hz=120)
    p = run(audio, truth)
    [(fs, fe)] = truth.flat
    assert len(p.monotone_stretches) == 1
    m = p.monotone_stretches[0]
    assert abs(m.start - fs) <= 1.0 and abs(m.end - fe) <= 1.0
    assert m.variation_st < CFG.prosody.monotone_st
    assert 0.25 <= p.monotone_share <= 0.45  # 3 of 9 equally long sentences


def test_plus_minus_4_semitone_contour_is_not_monotone():
    audio, truth = ps.answer([LIVELY] * 6, base_hz=180)
    p = run(audio, truth)
    assert p.monotone_stretches == ()
    assert 2.0 <= p.pitch.variation_st <= 3.5  # a ±4 st sine has a 2.8 st standard deviation
    assert p.pitch.coverage > 0.9


def test_known_fades_are_detected_and_plain_ends_are_not():
    sentences = [LIVELY, ps.Sentence(3.5, True, fade_db=15), LIVELY,
                 ps.Sentence(3.5, True, fade_db=14), LIVELY]
    audio, truth = ps.answer(sentences, base_hz=140)
    p = run(audio, truth, sentence_words(truth))
    assert p.sentence_ends == 5
    found = sorted(f.end for f in p.fades)
    expected = sorted(e for _, e, _ in truth.fades)
    assert len(found) == 2 and all(abs(f - e) <= 0.3 for f, e in zip(found, expected))
    assert all(f.drop_db >= CFG.prosody.fade_db for f in p.fades)


def test_final_rise_is_uptalk_and_a_real_question_is_not_judged():
    sentences = [LIVELY, ps.Sentence(3.5, True, rise_st=5.0), LIVELY,
                 ps.Sentence(3.5, True, rise_st=5.0)]
    audio, truth = ps.answer(sentences, base_hz=200, seed=2)
    words = sentence_words(truth, ["done.", "numbers.", "there.", "What?"])
    p = run(audio, truth, words)
    assert p.declaratives == 3  # "What?" opens like a question: not a statement
    [u] = p.uptalk
    assert abs(u.end - truth.rises[0][1]) <= 0.3 and u.rise_st >= CFG.prosody.uptalk_st
    # Uptalk is only judged where a transcript says where statements end.
    assert run(audio, truth).uptalk == ()


def test_noise_has_no_pitch_and_gets_no_voice_score():
    rng = np.random.default_rng(0)
    audio = np.concatenate([np.zeros(8000), 0.1 * rng.standard_normal(12 * SAMPLE_RATE),
                            np.zeros(8000)]).astype(np.float32)
    p = analyze_prosody(extract_track(audio), [SpeechRegion(0.5, 12.5)], [], CFG.prosody)
    assert p.pitch == NO_PITCH_STATS  # no median, range or variation; coverage 0
    assert p.monotone_stretches == ()
    assert p.no_pitch and p.no_pitch[0].start <= 1.0 and p.no_pitch[-1].end >= 12.0
    assert prosody_score(p, CFG) is None


def test_streamed_track_equals_the_batch_track():
    audio, _ = ps.answer([LIVELY, FLAT], base_hz=100)
    builder = TrackBuilder()
    rng = np.random.default_rng(1)
    i = 0
    while i < len(audio):
        n = int(rng.integers(100, 5000))
        builder.add(audio[i:i + n])
        builder.process(min_cells=int(rng.integers(1, 60)))
        i += n
    streamed, batch = builder.finish(), extract_track(audio)
    assert len(streamed.hz) == len(batch.hz) == -(-len(audio) // 800)
    np.testing.assert_array_equal(np.isnan(streamed.hz), np.isnan(batch.hz))
    np.testing.assert_allclose(streamed.hz, batch.hz, rtol=1e-6)
    np.testing.assert_allclose(streamed.dbfs, batch.dbfs, atol=1e-6)


def test_prosody_stream_worker_builds_the_same_track():
    from voice_coach.prosody_stream import ProsodyStream

    audio, _ = ps.answer([LIVELY, FLAT, LIVELY], base_hz=160)
    with ProsodyStream() as stream:
        for i in range(0, len(audio), 1600):
            stream.feed(audio[i:i + 1600])
        stream.wait_idle()
        track = stream.finish()
        stream.feed(audio[:1600])  # after finish: ignored, never an error
    batch = extract_track(audio)
    np.testing.assert_allclose(track.hz, batch.hz, rtol=1e-6)
    np.testing.assert_allclose(track.dbfs, batch.dbfs, atol=1e-6)


def test_energy_only_track_has_the_same_loudness_and_no_pitch():
    """A long file's window without speech gets `extract_track(pitch=False)`: the same energy
    cells (and clipped share) as the full track, every pitch cell NaN."""
    audio, _ = ps.answer([LIVELY, FLAT], base_hz=140)
    audio = audio.copy()
    audio[:40] = 1.0  # some clipped samples
    full, energy = extract_track(audio), extract_track(audio, pitch=False)
    assert np.count_nonzero(~np.isnan(full.hz)) > 50  # the full track does find pitch
    assert len(energy.hz) == len(full.hz) and np.all(np.isnan(energy.hz))
    np.testing.assert_array_equal(energy.dbfs, full.dbfs)
    assert energy.clipped_share == full.clipped_share > 0


def test_window_tracks_join_on_one_timeline():
    audio, _ = ps.answer([LIVELY] * 4, base_hz=150)
    cut = 7 * 800
    joined = ProsodyTrack.join([(0.0, extract_track(audio[:cut])),
                                (cut / SAMPLE_RATE, extract_track(audio[cut:]))])
    whole = extract_track(audio)
    assert len(joined.hz) == len(whole.hz)
    same = ~np.isnan(whole.hz) & ~np.isnan(joined.hz)
    assert same.mean() > 0.8
    np.testing.assert_allclose(joined.hz[same][10:-10], whole.hz[same][10:-10], rtol=0.02)


def test_real_clips_get_no_monotone_flag(manifest, data_dir):
    """Natural speech: every real clip in tests/data/audio (the four added on 2026-11-29 were
    not looked at when the defaults were set)."""
    checked = 0
    for clip in manifest.values():
        if clip["kind"] != "real":
            continue
        audio = ps.load(data_dir / clip["path"])
        p = analyze_prosody(extract_track(audio), detect_speech(audio, CFG.vad), [], CFG.prosody)
        assert p.monotone_stretches == (), clip["id"]
        checked += p.pitch.median_hz is not None
    assert checked >= 10


def test_sox_pitch_shift_moves_the_median_by_the_shift(clip, tmp_path):
    require_tool("sox", install="apt-get install -y sox")
    src = clip("mfa_acoustic_corpus")
    base = ps.load(src)
    regions = detect_speech(base, CFG.vad)
    p0 = analyze_prosody(extract_track(base), regions, [], CFG.prosody)
    for cents in (-300, 400):
        shifted = ps.load(ps.pitch_shifted(src, cents, tmp_path / f"s{cents}.wav"))
        p1 = analyze_prosody(extract_track(shifted), detect_speech(shifted, CFG.vad), [],
                             CFG.prosody)
        assert abs(1200 * np.log2(p1.pitch.median_hz / p0.pitch.median_hz) - cents) <= 50
        assert p1.monotone_stretches == ()


def test_espeak_flat_voice_is_monotone_and_default_is_not(tmp_path):
    require_tool("espeak-ng", install="apt-get install -y espeak-ng")
    out = {}
    for flat in (False, True):
        audio = ps.load(ps.espeak(ps.ESPEAK_TEXT, flat, tmp_path / f"{flat}.wav"))
        out[flat] = analyze_prosody(extract_track(audio), detect_speech(audio, CFG.vad), [],
                                    CFG.prosody)
    assert out[False].monotone_stretches == ()
    assert out[True].monotone_share >= 0.8
    assert out[True].pitch.variation_st < out[False].pitch.variation_st / 3


def test_config_validation_one_line_errors():
    assert Config().prosody.monotone_window_s == 8.0
    cfg = Config().with_value("prosody.monotone_st", "1.5")
    assert cfg.prosody.monotone_st == 1.5
    for key, value, why in (("prosody.monotone_st", "0", "greater than 0"),
                            ("prosody.fade_db", "-3", "negative"),
                            ("prosody.monotone_window_s", "1", "between 2 and 60"),
                            ("prosody.enabled", "maybe", "must be bool")):
        with pytest.raises(ConfigError, match=why) as e:
            Config().with_value(key, value)
        assert "\n" not in str(e.value) and key in str(e.value)
    with pytest.raises(ConfigError, match="unknown key 'prosody.pitch'"):
        from_dict({"prosody": {"pitch": 1.0}}, "config.toml")
    with pytest.raises(ConfigError, match="'prosody.uptalk_st' must be float"):
        from_dict({"prosody": {"uptalk_st": "2"}}, "config.toml")


def _synthetic_report(cfg: Config = CFG) -> AnswerReport:
    """A report through the pipeline's own assembly: known sentences, one word per sentence."""
    sentences = ([LIVELY] * 2 + [FLAT] * 3 + [ps.Sentence(3.5, True, fade_db=15)]
                 + [ps.Sentence(3.5, True, rise_st=5.0), LIVELY])
    audio, truth = ps.answer(sentences, base_hz=120, seed=5)
    words = sentence_words(truth, ["We", "shipped.", "It", "worked.", "Then", "latency.",
                                   "fell.", "done."])
    transcript = Transcript(" ".join(w.text for w in words), words)
    return pipeline._speech_report(transcript, regions_of(truth), len(audio) / SAMPLE_RATE,
                                   None, cfg, None, transcribe_s=None,
                                   analyze_started=time.monotonic(), track=extract_track(audio))


def test_report_json_round_trip_and_tune_rescore_from_saved_track():
    report = _synthetic_report()
    p = report.to_json()["prosody"]
    assert set(p) >= {"pitch", "monotone_stretches", "energy", "fades", "uptalk"}
    assert set(p["pitch"]) >= {"median_hz", "range_st", "variation_st", "timeline"}
    assert set(p["energy"]) >= {"speech_dbfs", "timeline"}
    assert p["monotone_stretches"] and p["fades"]
    saved = AnswerReport.from_json(json.loads(json.dumps(report.to_json(), allow_nan=False)))
    assert saved == report
    again = pipeline.rescore(saved, CFG)
    assert again.prosody.monotone_stretches == report.prosody.monotone_stretches
    assert [f.end for f in again.prosody.fades] == [f["end"] for f in p["fades"]]
    assert again.scores == report.scores
    track = track_from_info(saved.prosody)
    assert len(track.hz) == len(p["pitch"]["timeline"]["hz"])
    stricter = pipeline.rescore(saved, CFG.with_value("prosody.monotone_st", "0.05"))
    assert stricter.prosody.monotone_stretches == ()
    off = pipeline.rescore(saved, CFG.with_value("prosody.enabled", "false"))
    assert off.prosody is None


def test_transcript_only_report_has_null_prosody():
    report = pipeline.analyze_text("I led the migration and cut latency by half.", cfg=CFG)
    assert report.prosody is None


def test_feedback_and_delivery_score_use_prosody():
    report = _synthetic_report()
    voice = [f for f in report.feedback if f.area == "voice"]
    text = " ".join(f.message for f in voice)
    assert "your pitch barely moved (±" in text
    # QA6 F20: the number is named only when the answer has one
    stress = ("stress the number" if report.structure.quantified_results
              else "stress the word that carries your point")
    assert stress in text
    assert "sentences fade out at the end" in text and "land the last word" in text
    monotone = next(f for f in voice if "barely moved" in f.message)
    assert monotone.at_s == pytest.approx(report.prosody.monotone_stretches[0].start, abs=0.01)
    loose = replace(CFG, prosody=replace(CFG.prosody, monotone_st=0.01, fade_db=60.0,
                                         uptalk_st=30.0))
    assert _synthetic_report(loose).scores.delivery > report.scores.delivery


def test_report_with_prosody_renders_in_terminal_markdown_and_html():
    from voice_coach.report import (
        prosody_line, prosody_png, render_answer_terminal, render_session_html,
        render_session_markdown)
    from voice_coach.store import SessionData

    report = dataclasses.replace(_synthetic_report(), n=1)
    line = prosody_line(report)
    assert line.startswith("voice: median 1") and "1 monotone stretch " in line
    con = Console(width=120, record=True, color_system=None, file=open("/dev/null", "w"))
    render_answer_terminal(report, con)
    assert "voice: median" in con.export_text()
    meta = {"schema_version": 1, "id": "s1", "title": "t", "mode": "practice",
            "status": "complete", "questions": [], "answers": [], "config": CFG.to_dict()}
    session = SessionData(meta=SessionReport.from_json(meta), answers=[report], id="s1")
    assert "voice: median" in render_session_markdown(session)
    page = render_session_html(session)
    assert 'alt="pitch and loudness of answer 1"' in page and "voice: median" in page
    png = prosody_png(report)
    assert png.startswith(b"\x89PNG")
    assert prosody_png(dataclasses.replace(report, prosody=None)) is None


def test_no_voice_advice_over_speech_not_recognised():
    """QA4 F38: a flat stretch the transcriber did not recognise is not judged for monotone —
    not in the feedback, the prosody block or the voice score — and a rescore keeps it so."""
    sentences = [LIVELY] * 3 + [FLAT] * 3 + [LIVELY] * 3
    audio, truth = ps.answer(sentences, base_hz=120, seed=7)
    [(fs, fe)] = truth.flat
    words = [w for w in sentence_words(truth) if not fs <= w.start < fe]  # no words there
    lost = (UnrecognisedStretch(fs, fe),)

    def report(unrecognised):
        transcript = Transcript(" ".join(w.text for w in words), words, unrecognised=unrecognised)
        return pipeline._speech_report(transcript, regions_of(truth), len(audio) / SAMPLE_RATE,
                                       None, CFG, None, transcribe_s=None,
                                       analyze_started=time.monotonic(),
                                       track=extract_track(audio))

    heard_all = report(())
    assert heard_all.prosody.monotone_stretches  # the flat run is judged when it has words
    r = report(lost)
    assert r.transcript.unrecognised
    assert r.prosody.monotone_stretches == ()
    assert not any(f.area == "voice" and "barely moved" in f.message for f in r.feedback)
    voice = [f for f in r.feedback if f.area == "voice"]
    assert voice and all("recognised speech only" in f.message for f in voice)  # QA4 F23
    again = pipeline.rescore(AnswerReport.from_json(r.to_json()), CFG)
    assert again.prosody.monotone_stretches == ()
