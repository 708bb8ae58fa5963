"""Silero VAD segmentation: synthetic espeak-ng speech with known silences, noise robustness,
streaming = batch, and boundary error against the shared clips' ground truth."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from tools import require_tool

from voice_coach.analysis.vad import (
    WINDOW_SAMPLES,
    SpeechRegion,
    StreamingVad,
    VadState,
    detect_speech,
    load_vad_model,
    regions_from_probabilities,
)
from voice_coach.audio import SAMPLE_RATE, load_audio, resample
from voice_coach.config import VadOptions

TRIM_DB = -45.0  # same rule as the shared data's synthetic clips: 10 ms frames above -45 dBFS
FRAME = SAMPLE_RATE // 100


@pytest.fixture(scope="module")
def model():
    return load_vad_model()


def _espeak(text: str, tmp_path, voice: str = "en-us", rate: int = 160) -> np.ndarray:
    """Render `text` with espeak-ng, 16 kHz, trimmed to its first/last frame above -45 dBFS."""
    import soundfile as sf

    require_tool("espeak-ng", install="apt-get install -y espeak-ng")
    out = tmp_path / f"say{abs(hash((text, voice, rate)))}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text],
                   check=True, capture_output=True, timeout=30)
    data, sr = sf.read(str(out), dtype="float32")
    x = resample(data, sr)
    n = x.shape[0] // FRAME
    db = 20 * np.log10(np.sqrt((x[: n * FRAME].reshape(n, FRAME) ** 2).mean(axis=1)) + 1e-12)
    loud = np.flatnonzero(db > TRIM_DB)
    return x[loud[0] * FRAME:(loud[-1] + 1) * FRAME]


def _splice(parts: list[np.ndarray], gaps_s: list[float], lead_s: float, tail_s: float,
            noise_dbfs: float, seed: int = 0) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Speech parts separated by silences, a noise bed over everything → (audio, speech spans)."""
    rng = np.random.default_rng(seed)
    pieces = [np.zeros(int(lead_s * SAMPLE_RATE), np.float32)]
    spans = []
    t = lead_s
    for k, p in enumerate(parts):
        pieces.append(p)
        spans.append((t, t + p.shape[0] / SAMPLE_RATE))
        t += p.shape[0] / SAMPLE_RATE
        gap = gaps_s[k] if k < len(gaps_s) else tail_s
        pieces.append(np.zeros(int(round(gap * SAMPLE_RATE)), np.float32))
        t += int(round(gap * SAMPLE_RATE)) / SAMPLE_RATE
    x = np.concatenate(pieces)
    x = x + rng.normal(0, 10 ** (noise_dbfs / 20), x.shape[0]).astype(np.float32)
    return x.astype(np.float32), spans


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("espeak")
    texts = ["I would start by looking at the data pipeline.",
             "Then I would check the model's precision and recall.",
             "Finally we shipped it to production."]
    return [_espeak(t, tmp) for t in texts]


def _gaps(regions: list[SpeechRegion], min_gap_s: float = 0.3) -> list[tuple[float, float]]:
    return [(a.end_s, b.start_s) for a, b in zip(regions, regions[1:])
            if b.start_s - a.end_s >= min_gap_s]


@pytest.mark.parametrize("noise_dbfs", [-70.0, -50.0, -40.0, -35.0, -30.0])
def test_known_silences_found_within_100ms(model, spoken, noise_dbfs):
    gaps = [1.2, 0.6]
    audio, spans = _splice(spoken, gaps, lead_s=2.0, tail_s=1.5, noise_dbfs=noise_dbfs)
    regions = detect_speech(audio, VadOptions(), model=model)
    found = _gaps(regions)
    expected = [(spans[0][1], spans[1][0]), (spans[1][1], spans[2][0])]
    assert len(found) == len(expected), (found, expected)
    errs = []
    # A noise bed 10-15 dB below the speech (-35 dBFS and up): Silero keeps scoring the first
    # 150-250 ms of the bed after a sentence as 0.5-0.8 at most window phases, and the energy
    # rule does not move an edge inwards by 150-250 ms (`vad._refine`; on real speech that
    # stretch is a soft ending, bench/vad_phase.py "no dead zone"). One phase passed ±100 ms
    # here at 5 of 16 start offsets (2 ms apart) and 10 of 16 at -30 dBFS; the phase mean gives
    # every offset the typical answer: ≤ 0.2 s late.
    tol = 0.1 if noise_dbfs < -35.0 else 0.25
    for (fs, fe), (es, ee) in zip(found, expected):
        assert abs(fs - es) <= tol and abs(fe - ee) <= tol, (found, expected)
        errs += [abs(fs - es), abs(fe - ee)]
    # Mean boundary error. The spans' edges are where the raw render crosses -45 dBFS; a noise
    # bed louder than that (-40 dBFS and up) hides the softest edge frames, so edges found there
    # sit further inside the speech (each still within the 100 ms bound above).
    mean_limit_s = 0.05 if noise_dbfs < -45.0 else 0.08 if noise_dbfs < -35.0 else 0.1
    assert np.mean(errs) <= mean_limit_s, errs
    assert abs(regions[0].start_s - spans[0][0]) <= 0.1  # lead-in
    assert abs(regions[-1].end_s - spans[-1][1]) <= 0.15


def test_known_silences_under_hum_and_rumble(model, spoken):
    audio, spans = _splice(spoken, [1.2, 0.6], lead_s=2.0, tail_s=1.5, noise_dbfs=-55)
    rng = np.random.default_rng(3)
    t = np.arange(audio.shape[0]) / SAMPLE_RATE
    brown = np.cumsum(rng.normal(0, 1, t.shape[0]))
    brown = (brown - brown.mean()) / brown.std()
    audio = (audio + 10 ** (-30 / 20) * np.sin(2 * np.pi * 50 * t)
             + 10 ** (-35 / 20) * brown).astype(np.float32)
    regions = detect_speech(audio, VadOptions(), model=model)
    found = _gaps(regions)
    expected = [(spans[0][1], spans[1][0]), (spans[1][1], spans[2][0])]
    assert len(found) == 2, found
    for (fs, fe), (es, ee) in zip(found, expected):
        assert abs(fs - es) <= 0.1 and abs(fe - ee) <= 0.1, (found, expected)


def test_noise_bed_and_hiss_are_not_speech(model):
    rng = np.random.default_rng(1)
    t = np.arange(10 * SAMPLE_RATE) / SAMPLE_RATE
    hiss = rng.normal(0, 10 ** (-55 / 20), t.shape[0])
    hum = 10 ** (-35 / 20) * np.sin(2 * np.pi * 50 * t)  # mains hum
    brown = np.cumsum(rng.normal(0, 1, t.shape[0]))
    brown = 10 ** (-40 / 20) * (brown - brown.mean()) / brown.std()  # rumble
    for bed in (hiss, hum + hiss, brown + hiss, np.zeros_like(t)):
        assert detect_speech(bed.astype(np.float32), VadOptions(), model=model) == []


def test_empty_and_tiny_input(model):
    assert detect_speech(np.zeros(0, np.float32), VadOptions(), model=model) == []
    assert detect_speech(np.zeros(100, np.float32), VadOptions(), model=model) == []


def test_wrong_sample_rate_raises(model):
    with pytest.raises(ValueError, match="16000"):
        detect_speech(np.zeros(8000, np.float32), VadOptions(), sample_rate=8000, model=model)


def test_batch_probabilities_equal_window_by_window(model, spoken):
    x = np.concatenate([np.zeros(SAMPLE_RATE, np.float32), spoken[0]])
    x = x[: x.shape[0] // WINDOW_SAMPLES * WINDOW_SAMPLES]
    batch = model.probabilities(x, 1)
    state = model.initial_state()
    one = []
    for i in range(0, x.shape[0], WINDOW_SAMPLES):
        p, state = model.step(x[i:i + WINDOW_SAMPLES], state)
        one.append(p)
    np.testing.assert_allclose(batch, np.array(one), atol=1e-5)


@pytest.mark.parametrize("block", [1600, 333, 512, 4000])
def test_streaming_matches_batch_for_any_block_size(model, spoken, block):
    audio, spans = _splice(spoken, [1.2, 0.6], lead_s=1.0, tail_s=1.0, noise_dbfs=-50)
    opts = VadOptions(speech_pad_ms=0, min_speech_ms=0)
    # the streaming detector has no energy edge refinement: compare with Silero-only batch
    batch = regions_from_probabilities(model.probabilities(audio, 1), opts, audio.shape[0],
                                       phases=1)
    vad = StreamingVad(opts, model=model)
    states: list[VadState] = []
    for i in range(0, audio.shape[0], block):
        states.append(vad.process(audio[i:i + block]))
    streamed = vad.flush()
    assert len(streamed) == len(batch)
    for s, b in zip(streamed, batch):
        assert abs(s.start_s - b.start_s) < 1e-6 and abs(s.end_s - b.end_s) < 1e-6
    # state semantics
    assert not states[0].speech_seen and states[0].silence_s == pytest.approx(states[0].t_s)
    assert states[-1].speech_seen and not states[-1].is_speech
    assert states[-1].t_s == pytest.approx(audio.shape[0] // WINDOW_SAMPLES * WINDOW_SAMPLES
                                           / SAMPLE_RATE)
    assert states[-1].silence_s == pytest.approx(audio.shape[0] / SAMPLE_RATE - spans[-1][1],
                                                 abs=0.15)
    # inside the 1.2 s gap the silence meter climbs to about 1.2 s, then resets in speech
    in_gap = [s for s in states if spans[0][1] + 0.3 < s.t_s < spans[1][0]]
    assert in_gap and all(s.silence_s > 0.1 for s in in_gap)
    assert 1.2 - block / SAMPLE_RATE - 0.1 <= max(s.silence_s for s in in_gap) <= 1.3
    in_speech = [s for s in states if spans[1][0] + 0.3 < s.t_s < spans[1][1] - 0.3]
    assert any(s.is_speech and s.silence_s == 0.0 for s in in_speech)


def test_streaming_reset(model, spoken):
    vad = StreamingVad(VadOptions(), model=model)
    vad.process(np.concatenate([np.zeros(8000, np.float32), spoken[0]]))
    vad.reset()
    st = vad.process(np.zeros(SAMPLE_RATE, np.float32))
    assert not st.speech_seen and st.t_s == pytest.approx(1.0, abs=0.04)


# Boundary error against the shared ground truth (tolerances reflect the benchmark).

def _match_pauses(found, truth, tol):
    used, errs = set(), []
    for fs, fe in found:
        for j, (ts, te) in enumerate(truth):
            if j not in used and abs(fs - ts) <= tol and abs(fe - te) <= tol:
                used.add(j)
                errs += [abs(fs - ts), abs(fe - te)]
                break
    return len(used), errs


@pytest.mark.parametrize("clip_id", ["syn_star_60s", "syn_rate120_20s", "syn_rate190_20s",
                                     "syn_long_silence_90s"])
def test_synthetic_clips_exact_pauses(model, manifest, clip, clip_id):
    gt = manifest[clip_id]
    regions = detect_speech(load_audio(clip(clip_id)), VadOptions(), model=model)
    found = _gaps(regions)
    hits, errs = _match_pauses(found, gt["pauses"], 0.1)
    assert hits == len(gt["pauses"]) == len(found)
    if errs:
        assert float(np.mean(errs)) < 0.05  # mean boundary error, seconds
    assert abs(regions[0].start_s - gt["speech_start_s"]) <= 0.1


@pytest.mark.parametrize("clip_id", ["jfk", "mfa_crossword", "mfa_youknow", "mfa_putty",
                                     "mfa_surround", "praatio_mary", "mfa_uh"])
def test_real_clips_pauses_and_lead_in(model, manifest, clip, clip_id):
    gt = manifest[clip_id]
    regions = detect_speech(load_audio(clip(clip_id)), VadOptions(), model=model)
    found = [p for p in _gaps(regions)
             if not any(min(p[1], u[1]) > max(p[0], u[0]) for u in gt["uncertain_pauses"])]
    hits, _ = _match_pauses(found, gt["pauses"], 0.2)
    assert hits == len(gt["pauses"]) == len(found), (found, gt["pauses"])
    assert abs(regions[0].start_s - gt["speech_start_s"]) <= 0.1


UNSEEN_CLIPS = ["ami_es2004a_fee013_buttons", "ami_es2004a_meo015_lcd", "mfa_internalsil",
                "librispeech_2412_153948_0000"]


def test_unseen_real_clips_pause_edges(model, manifest, clip):
    """Held-out real speech (nothing was tuned on these clips): meeting speech with other
    speakers faintly audible, hesitant speech with silences inside words, clean reading.
    Pooled pause F1 at ±100 ms ≥ 0.80 (bench: 0.82; the misses are pauses whose reference edge
    is the mean of two methods disagreeing on a sound ~30 dB below the speaker), every clip's
    lead-in within 0.1 s, and the two clips with clean references exact at ±100 ms."""
    tp = fp = fn = 0
    for clip_id in UNSEEN_CLIPS:
        gt = manifest[clip_id]
        regions = detect_speech(load_audio(clip(clip_id)), VadOptions(), model=model)
        found = [p for p in _gaps(regions)
                 if not any(min(p[1], u[1]) > max(p[0], u[0]) for u in gt["uncertain_pauses"])]
        hits, errs = _match_pauses(found, gt["pauses"], 0.1)
        tp, fp, fn = tp + hits, fp + len(found) - hits, fn + len(gt["pauses"]) - hits
        assert abs(regions[0].start_s - gt["speech_start_s"]) <= 0.1, clip_id
        if clip_id in ("mfa_internalsil", "librispeech_2412_153948_0000"):
            assert hits == len(gt["pauses"]) == len(found), (clip_id, found)
            assert float(np.mean(errs)) < 0.05
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.80, (tp, fp, fn)


@pytest.mark.parametrize("clip_id", ["jfk", "librispeech_2412_153948_0000",
                                     "ami_es2004a_fee013_buttons"])
def test_recording_that_starts_inside_the_first_word(model, manifest, clip, clip_id):
    """A clipped first word (the recording starts 50-200 ms into it): speech starts at the
    recording's start (lead-in ≤ 0.1 s)."""
    gt = manifest[clip_id]
    audio = load_audio(clip(clip_id))
    for cut_s in (0.05, 0.1, 0.15, 0.2):
        t0 = gt["speech_start_s"] + cut_s
        regions = detect_speech(audio[int(t0 * SAMPLE_RATE):], VadOptions(), model=model)
        assert regions[0].start_s <= 0.1, (cut_s, regions[0])


START_OFFSETS = tuple(range(0, WINDOW_SAMPLES, 32))  # samples cut: every 2 ms of a window


def _pauses_and_lead_in(model, audio, offset):
    from voice_coach.analysis.delivery import clean_regions, find_pauses

    x = audio[offset:]
    regions = clean_regions(detect_speech(x, VadOptions(), model=model), x.shape[0] / SAMPLE_RATE)
    t0 = offset / SAMPLE_RATE
    return ([(p.start + t0, p.end + t0) for p in find_pauses(regions, 0.3)],
            regions[0].start_s + t0)


def test_pauses_do_not_depend_on_where_the_recording_starts(model, manifest, clip, monkeypatch):
    """A recording that starts a few ms earlier or later moves Silero's 32 ms window grid over
    the speech. `mfa_internalsil`'s soft onset at 2.50 s (a 10 ms dip inside it) and `meo015`'s
    90 ms opening "uh" used to be kept or lost with the grid; with Silero at `PHASES` window
    phases and the edge bridge, every pause of `mfa_internalsil` is within ±100 ms and
    `meo015`'s speech starts at its "uh" at all 16 start offsets. One phase without the bridge
    loses both at some offsets (the mechanism this replaced)."""
    from voice_coach.analysis import vad

    sil, meo = manifest["mfa_internalsil"], manifest["ami_es2004a_meo015_lcd"]
    a_sil, a_meo = load_audio(clip("mfa_internalsil")), load_audio(clip("ami_es2004a_meo015_lcd"))

    def worst() -> tuple[int, float]:
        missed, lead_err = 0, 0.0
        for off in START_OFFSETS:
            found, _ = _pauses_and_lead_in(model, a_sil, off)
            hits, _ = _match_pauses(found, sil["pauses"], 0.1)
            missed += len(sil["pauses"]) - hits
            lead_err = max(lead_err, abs(_pauses_and_lead_in(model, a_meo, off)[1]
                                         - meo["speech_start_s"]))
        return missed, lead_err

    missed, lead_err = worst()
    assert missed == 0 and lead_err <= 0.1, (missed, lead_err)
    monkeypatch.setattr(vad, "PHASES", 1)
    monkeypatch.setattr(vad, "EDGE_BRIDGE_S", 0.0)
    missed, lead_err = worst()
    assert missed > 0 and lead_err > 1.0, (missed, lead_err)


def test_phase_mean_puts_every_phase_on_one_grid():
    """Two phases (256 samples apart) over 1024 samples: four 256-sample steps; a step covered
    by one window of each phase gets their mean, a step before a phase starts or after its last
    window gets the other phase's window alone."""
    from voice_coach.analysis.vad import phase_mean

    got = phase_mean([np.array([0.2, 0.8], np.float32), np.array([0.6], np.float32)], 1024)
    np.testing.assert_allclose(got, [0.2, 0.4, 0.7, 0.8], rtol=1e-6)


def test_silero_at_phases_is_the_phase_mean_of_shifted_audio(model, spoken):
    x = np.concatenate([np.zeros(SAMPLE_RATE // 2, np.float32), spoken[0]])
    step = WINDOW_SAMPLES // 4
    per = [model.probabilities(x[k * step:], 1) for k in range(4)]
    from voice_coach.analysis.vad import phase_mean

    got = model.probabilities(x, 4)
    assert got.shape[0] == -(-x.shape[0] // step)
    np.testing.assert_array_equal(got, phase_mean(per, x.shape[0]))
    assert got[: int(0.4 * SAMPLE_RATE / step)].max() < 0.5 < got.max()


def test_faint_voice_between_words_is_not_speech():
    """A voice 30 dB below the speaker, alone in a pause, is not the speaker's speech even when
    Silero scores it as speech; the same voice 12 dB below (a soft "uh") is."""
    from voice_coach.analysis.vad import frame_levels_db

    for faint_db, is_speech in ((-30.0, False), (-12.0, True)):
        spans = [(1.0, 2.0), (3.5, 4.5)]
        audio = _tone_bursts(spans, 5.5, -70.0)
        t = np.arange(audio.shape[0]) / SAMPLE_RATE
        m = (t >= 2.5) & (t < 2.9)
        audio[m] += (10 ** (faint_db / 20) * 0.1 * np.sin(2 * np.pi * 120 * t[m])).astype(
            np.float32)
        win_s = WINDOW_SAMPLES / SAMPLE_RATE
        centers = (np.arange(audio.shape[0] // WINDOW_SAMPLES) + 0.5) * win_s
        probs = np.zeros(centers.shape[0], np.float32)
        for s, e in [*spans, (2.5, 2.9)]:
            probs[(centers >= s) & (centers < e)] = 0.9
        opts = VadOptions(speech_pad_ms=0, min_speech_ms=0)
        regions = regions_from_probabilities(probs, opts, audio.shape[0],
                                             levels_db=frame_levels_db(audio), phases=1)
        assert len(regions) == (3 if is_speech else 2), (faint_db, regions)


def _tone_bursts(spans, dur_s, noise_dbfs, seed=0):
    """Harmonic 'voiced' bursts (150 Hz fundamental, 8 harmonics, syllable-rate wobble)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(dur_s * SAMPLE_RATE)) / SAMPLE_RATE
    x = rng.normal(0, 10 ** (noise_dbfs / 20), t.shape[0])
    voiced = sum(np.sin(2 * np.pi * 150 * k * t) / k for k in range(1, 9))
    wobble = 0.6 + 0.4 * np.sin(2 * np.pi * 4 * t)
    for s, e in spans:
        m = (t >= s) & (t < e)
        x[m] += 0.1 * voiced[m] * wobble[m]
    return x.astype(np.float32)


@pytest.mark.parametrize("noise_dbfs", [-60.0, -45.0])
@pytest.mark.parametrize("lag_s", [-0.064, 0.0, 0.096])
def test_energy_refinement_snaps_edges(noise_dbfs, lag_s):
    """Silero-like probabilities that are early/late by `lag_s` get their edges snapped to the
    true burst edges by the energy refinement; a gap stays a gap. Over the burst the windows
    are sure (0.95); where they run past it into silence they are 0.7 — real Silero windows
    within 100 ms outside a true pause edge are ≥ 0.5 in 17 % and ≥ 0.9 in 2 % of cases on the
    real clips (0 % on the synthetic ones), so a lagging edge is an unsure one."""
    from voice_coach.analysis.vad import frame_levels_db

    spans = [(1.0, 2.5), (3.1, 4.0), (6.0, 7.2)]
    audio = _tone_bursts(spans, 8.0, noise_dbfs)
    win_s = WINDOW_SAMPLES / SAMPLE_RATE
    centers = (np.arange(audio.shape[0] // WINDOW_SAMPLES) + 0.5) * win_s
    probs = np.zeros(centers.shape[0], np.float32)
    for s, e in spans:
        probs[(centers >= s + lag_s) & (centers < e + lag_s)] = 0.7
    for s, e in spans:
        probs[(centers >= max(s, s + lag_s)) & (centers < min(e, e + lag_s))] = 0.95
    opts = VadOptions(speech_pad_ms=0, min_speech_ms=0)
    plain = regions_from_probabilities(probs, opts, audio.shape[0], phases=1)
    refined = regions_from_probabilities(probs, opts, audio.shape[0],
                                         levels_db=frame_levels_db(audio), phases=1)
    assert len(refined) == len(spans) == len(plain)
    for r, (s, e) in zip(refined, spans):
        assert abs(r.start_s - s) <= 0.02 and abs(r.end_s - e) <= 0.02, refined


@pytest.mark.parametrize("silero_p, end_s", [(0.95, 2.62), (0.7, 2.5)])
def test_sure_silero_holds_a_soft_ending_in_noise(silero_p, end_s):
    """A word whose last 120 ms sink into the background noise (1-2 dB above the floor, under
    the energy rule's floor + 8 dB): when Silero is sure of speech there (≥ EDGE_SURE_PROB) the
    region keeps the soft ending, as a breathy voice's word end under noise (exact ground truth:
    bench/pause_voices.py); when Silero is unsure the edge snaps to the loud part."""
    from voice_coach.analysis.vad import EDGE_SURE_PROB, energy_mask, frame_levels_db

    spans = [(1.0, 2.5), (3.5, 4.5)]
    audio = _tone_bursts(spans, 5.5, -45.0)
    t = np.arange(audio.shape[0]) / SAMPLE_RATE
    tail = (t >= 2.5) & (t < 2.62)
    audio[tail] += (0.003 * sum(np.sin(2 * np.pi * 150 * k * t[tail]) / k
                                for k in range(1, 9))).astype(np.float32)
    levels = frame_levels_db(audio)
    assert not energy_mask(levels)[251:262].any()  # the soft ending is below the energy rule
    win_s = WINDOW_SAMPLES / SAMPLE_RATE
    centers = (np.arange(audio.shape[0] // WINDOW_SAMPLES) + 0.5) * win_s
    probs = np.zeros(centers.shape[0], np.float32)
    for s, e in spans:
        probs[(centers >= s) & (centers < e)] = 0.95
    probs[(centers >= 2.5) & (centers < 2.62)] = silero_p
    assert (silero_p >= EDGE_SURE_PROB) == (end_s > 2.5)
    opts = VadOptions(speech_pad_ms=0, min_speech_ms=0)
    regions = regions_from_probabilities(probs, opts, audio.shape[0], levels_db=levels,
                                         phases=1)
    assert len(regions) == 2
    assert abs(regions[0].start_s - 1.0) <= 0.02 and abs(regions[0].end_s - end_s) <= 0.02, regions


@pytest.mark.parametrize("noise_dbfs", [-70.0, -55.0])
def test_fluent_speech_has_no_pauses(model, tmp_path, noise_dbfs):
    """Sentences joined by 0.15 s (below silence.min_gap_s) give no pause: the energy edges
    do not carve quiet word endings into silences at ordinary noise levels."""
    texts = ["So the first thing I would do is look carefully at how the training data was "
             "collected and labelled.",
             "Then I would compare the distribution of the features between training and "
             "serving traffic.",
             "If they differ a lot I would retrain with fresh data and add monitoring for drift.",
             "Finally I would run an online experiment before rolling the model out."]
    parts = [_espeak(t, tmp_path) for t in texts]
    audio, spans = _splice(parts, [0.15, 0.15, 0.15], lead_s=0.5, tail_s=0.5,
                           noise_dbfs=noise_dbfs)
    regions = detect_speech(audio, VadOptions(), model=model)
    assert _gaps(regions) == []
    assert abs(regions[0].start_s - spans[0][0]) <= 0.1
    assert abs(regions[-1].end_s - spans[-1][1]) <= 0.1


def _pauses(audio: np.ndarray, model) -> list[tuple[float, float]]:
    from voice_coach.analysis.delivery import find_pauses
    from voice_coach.config import Config

    cfg = Config()
    return [(p.start, p.end) for p in
            find_pauses(detect_speech(audio, cfg.vad, model=model), cfg.silence.min_gap_s)]


def _without_tails(monkeypatch) -> None:
    from voice_coach.analysis import vad

    monkeypatch.setattr(vad, "with_tails", lambda mask, levels_db: mask)


def test_a_soft_word_ending_under_white_noise_keeps_the_pause_start(model, clip, monkeypatch):
    """Session 22: a real reader (LibriSpeech 2412-153948-0000) under white noise 20 dB below
    the speech. The word before the pause at 4.06 s ends in a soft sound 15-20 dB under the word
    (clean: -45 dBFS for 80 ms); in the noise it is 5-7 dB over the floor, under the energy
    rule's floor + 8 dB, so the pause started 0.17 s early (3.89 s). It is the word's ending
    (the word stops abruptly, the soft sound stays over the background): every pause is where
    the clean recording has it, ±0.1 s."""
    audio = load_audio(clip("librispeech_2412_153948_0000"))
    clean = _pauses(audio, model)
    assert [round(s, 1) for s, _ in clean] == [1.9, 4.1, 7.6], clean
    noise = np.random.default_rng(0).standard_normal(audio.size).astype(np.float32)
    noisy = audio + noise * np.sqrt(float(np.mean(audio ** 2)) / 10 ** (20 / 10))
    found = _pauses(noisy, model)
    assert len(found) == len(clean), found
    for (s, e), (cs, ce) in zip(found, clean):
        assert abs(s - cs) <= 0.1 and abs(e - ce) <= 0.1, (found, clean)
    _without_tails(monkeypatch)  # what the energy rule alone gives: the soft ending cut
    assert _pauses(noisy, model)[1][0] < clean[1][0] - 0.15


def _word_then_release(background_db: float, release_db: float, room_bumps_db: float | None = None
                       ) -> np.ndarray:
    """10 ms frame levels: 0.5 s of background, a 0.6 s word at -20 dBFS, a 40 ms closure 42 dB
    under it, a 90 ms release at `release_db`, 0.5 s of background (with `room_bumps_db`: the
    room's hum rising to that level in its middle), another word, background."""
    bg = [background_db] * 50
    pause = [background_db] * 50
    if room_bumps_db is not None:
        pause[10:20] = [room_bumps_db] * 10
    word = [-20.0 + 2.0 * np.sin(k) for k in range(60)]
    return np.array(bg + word + [-62.0] * 4 + [release_db] * 9 + pause + word + bg)


def test_a_soft_release_in_a_silent_room_is_where_the_pause_starts():
    """Session 26 (session 25's rule, now for pause edges only): in a silent background a
    word's soft release after its closure, 30-45 dB under the loud frames, lies under the energy
    rule's 30 dB range, so the pause after it started 0.1-0.15 s early and a comma gap grew into
    a false 0.3 s pause. `with_releases` keeps it (down to `RELEASE_RANGE_DB` under the loud
    frames, `RELEASE_CLEAR_DB` over the background); `with_tails`, which places the speech
    regions, does not."""
    from voice_coach.analysis import vad

    levels = _word_then_release(-200.0, -55.0)
    released = vad.with_releases(vad.energy_mask(levels), levels)
    assert released[110:123].all()  # the word, its closure and its release: one sound
    assert not released[124:170].any()  # the pause after it stays silence
    assert not vad.with_tails(vad.energy_mask(levels), levels)[114:123].any()  # regions: cut


def test_no_release_where_the_room_can_hide_it():
    """Near case: a quiet real room (LibriSpeech-like: floor -75 dBFS, its hum rising to -63
    dBFS), where a faint sound 20 dB over the floor is under `RELEASE_CLEAR_DB` over the room
    and more than the energy rule's 30 dB under the words: the pause edges are the regions'
    (`with_releases` = `with_tails`)."""
    from voice_coach.analysis import vad

    levels = _word_then_release(-75.0, -55.0, -63.0)
    mask = vad.energy_mask(levels)
    assert (vad.with_releases(mask, levels) == vad.with_tails(mask, levels)).all()


def _word_in_hiss(after: list[float], seed: int = 0) -> np.ndarray:
    """10 ms frame levels in a white-noise bed at -50 dBFS (±0.3 dB): 0.5 s of hiss, a 0.6 s
    word at -20 dBFS, `after` (levels over the hiss, dB), 0.5 s of hiss, another word, hiss."""
    rng = np.random.default_rng(seed)
    word = [-20.0 + 2.0 * np.sin(k) for k in range(60)]
    seq = [0.0] * 50 + [None] * 60 + list(after) + [0.0] * 50 + [None] * 60 + [0.0] * 50
    levels, k = [], 0
    for x in seq:
        if x is None:
            levels.append(word[k % 60])
            k += 1
        else:
            levels.append(-50.0 + x + rng.normal(0.0, 0.3))
    return np.array(levels)


@pytest.mark.parametrize("after", [[0.0] * 4 + [7.0, 7.0, 5.0, 4.0, 3.0],  # closure, burst
                                   [2.0] * 12])  # a release 2 dB over the hiss
def test_a_release_under_white_noise_is_where_the_pause_starts(after):
    """Session 26, white noise SNR 25 (hear25's white rows: pauses started 0.1 s early and
    0.12-0.2 s gaps read as 0.3 s pauses): a stop's release burst after a 40 ms closure at the
    hiss, 4-7 dB over it, or a breathy release 1-3 dB over it for 0.1 s, is the word's ending:
    the energy rule (floor + 8 dB) and `with_tails` (3 dB, no closure) cut it.
    `with_releases` keeps it (`RELEASE_DB` over the background, a closure up to
    `RELEASE_CLOSURE_S` stepped over)."""
    from voice_coach.analysis import vad

    levels = _word_in_hiss(after)
    mask = vad.energy_mask(levels)
    n = len(after)
    assert vad.with_releases(mask, levels)[110:110 + n - 3].all()  # (50 ms medians at its end)
    assert not vad.with_releases(mask, levels)[110 + n + 1:160].any()
    assert not vad.with_tails(mask, levels)[110 + n - 3:110 + n].any()


def test_no_release_in_the_hiss_alone():
    """Near case: a word that stops into the hiss alone (±0.3 dB) has no release: the pause
    starts where the word stops, as with `with_tails`."""
    from voice_coach.analysis import vad

    for seed in range(5):
        levels = _word_in_hiss([0.0] * 12, seed)
        mask = vad.energy_mask(levels)
        assert (vad.with_releases(mask, levels) == vad.with_tails(mask, levels)).all()


def test_releases_start_at_region_ends_a_pause_follows():
    """`releases_after`: a wider region that holds a region's end and goes on past it gives a
    release from that end, at most to the next region's start; the last region gets none (no
    pause follows it: the answer's end stays the region's), nor does an end no wider region
    goes past."""
    from voice_coach.analysis.vad import releases_after

    regions = [SpeechRegion(0.5, 1.0), SpeechRegion(1.5, 2.0), SpeechRegion(2.2, 3.0)]
    wider = [SpeechRegion(0.5, 1.12), SpeechRegion(1.5, 2.3), SpeechRegion(2.2, 3.2)]
    assert releases_after(regions, wider) == [SpeechRegion(1.0, 1.12), SpeechRegion(2.0, 2.2)]
    assert releases_after(regions, regions) == []


@pytest.mark.parametrize("before", [[2.0] * 12,  # a breathy onset 2 dB over the hiss
                                    [4.0, 6.0, 7.0] + [0.0] * 4])  # a burst, then its gap
def test_a_soft_onset_under_white_noise_is_where_the_pause_ends(before):
    """Session 26b, white noise SNR 25 (pauses ended 100-108 ms late: the next word's soft
    start under the hiss): a breathy onset 1-3 dB over the hiss for 0.1 s, or a stop's burst
    4-7 dB over it 40 ms before the voicing, is the word's start; the energy rule and
    `with_tails` cut it. `with_onsets` (`with_releases` backwards in time) keeps it, and the
    pause before it stays silence."""
    from voice_coach.analysis import vad

    levels = _word_in_hiss(before[::-1])[::-1]  # hiss, word, hiss, `before`, word, hiss
    mask = vad.energy_mask(levels)
    n = len(before)
    start = 50 + 60 + 50 + n  # the second word's first frame in `levels`
    assert not mask[start - n + 3:start].any()
    assert vad.with_onsets(mask, levels)[start - n + 3:start].all()  # (50 ms medians)
    assert not vad.with_onsets(mask, levels)[110:start - n - 1].any()
    assert not vad.with_tails(mask, levels)[start - n + 3:start - 3].any()


def test_no_onset_in_the_hiss_alone():
    """Near case: a word that starts abruptly out of the hiss alone (±0.3 dB) has no onset:
    `with_onsets` adds nothing before it."""
    from voice_coach.analysis import vad

    for seed in range(5):
        levels = _word_in_hiss([0.0] * 12, seed)[::-1]
        mask = vad.energy_mask(levels)
        assert not vad.with_onsets(mask, levels)[112:170].any()


def test_onsets_end_at_region_starts_a_pause_precedes():
    """`onsets_before`: a wider region that holds a region's start and begins before it gives
    an onset from the wider start (at least the previous region's end) to that start; the
    first region gets none (no pause precedes it: the lead-in stays the region's), nor does a
    start no wider region begins before, nor one it begins more than an onset's length (0.2 s)
    before (Silero's edge moved by another voice in the pause)."""
    from voice_coach.analysis.vad import onsets_before

    regions = [SpeechRegion(0.5, 1.0), SpeechRegion(1.5, 2.1), SpeechRegion(2.2, 3.0)]
    wider = [SpeechRegion(0.3, 1.0), SpeechRegion(1.4, 2.1), SpeechRegion(2.0, 3.0)]
    assert onsets_before(regions, wider) == [SpeechRegion(1.4, 1.5), SpeechRegion(2.1, 2.2)]
    assert onsets_before(regions, regions) == []
    assert onsets_before(regions[:2], [SpeechRegion(0.5, 1.0), SpeechRegion(1.2, 2.1)]) == []


def test_real_speech_onsets_only_move_pause_ends(model, clip):
    """Real speech (`mfa_surround`, `jfk`): the onsets end at region starts a pause may
    precede, never before the previous region's end, and the speech regions are
    `detect_speech`'s (pace and the lead-in read them)."""
    from voice_coach.analysis.vad import speech_and_quiet

    for clip_id in ("mfa_surround", "jfk"):
        audio = load_audio(clip(clip_id))
        speech = speech_and_quiet(audio, VadOptions(), model=model)
        starts = {r.start_s: i for i, r in enumerate(speech.regions)}
        for o in speech.onsets:
            assert o.end_s in starts and starts[o.end_s] > 0
            assert speech.regions[starts[o.end_s] - 1].end_s <= o.start_s < o.end_s
        assert speech.regions == detect_speech(audio, VadOptions(), model=model)


def test_a_real_word_s_soft_release_moves_the_pause_start_not_the_region(model, clip):
    """Real speech in a quiet booth (MFA's `mfa_surround`): the word before 1.86 s ends in a
    soft release to 1.89 s, so the 0.30 s "pause" the regions leave there is a 0.27 s gap, no
    pause (the reference has none), and the pause at 3.08 s starts at 3.12 s (reference
    3.087 s; within ±0.1 s either way). The speech regions keep their ends: pace and the
    answer's end read them."""
    from voice_coach.analysis.delivery import find_pauses
    from voice_coach.analysis.vad import speech_and_quiet

    audio = load_audio(clip("mfa_surround"))
    speech = speech_and_quiet(audio, VadOptions(), model=model)
    before = [(round(p.start, 2), round(p.end, 2)) for p in find_pauses(speech.regions, 0.3)]
    after = [(round(p.start, 2), round(p.end, 2))
             for p in find_pauses(speech.regions, 0.3, speech.releases)]
    assert (1.86, 2.16) in before and not any(s < 2.16 and e > 1.86 for s, e in after)
    assert len(after) == len(before) - 1
    assert {r.start_s for r in speech.releases} <= {r.end_s for r in speech.regions[:-1]}
    assert speech.regions == detect_speech(audio, VadOptions(), model=model)


@pytest.mark.parametrize("clip_id", ["espeak_collapsed_timestamps_rp-f4_reverb", "jfk",
                                     "librispeech_2412_153948_0000", "syn_star_60s"])
def test_no_tail_where_a_sound_fades_or_nothing_hides_it(model, clip, monkeypatch, clip_id):
    """Near cases that must not change: a reverberant answer (each sound fades gradually into
    its room tail: no abrupt stop, so nothing is added past the energy rule's edge) and clean
    recordings (a soft ending there is already within the energy rule's range)."""
    audio = load_audio(clip(clip_id))
    with_tails = _pauses(audio, model)
    _without_tails(monkeypatch)
    assert _pauses(audio, model) == with_tails


def _room(dry: np.ndarray, rt60_s: float, wet_db: float, seed: int = 0) -> np.ndarray:
    """`dry` played in a room: convolved with a direct impulse plus exponentially decaying noise
    (level falling 60 dB in `rt60_s`), the reverberant part `wet_db` under the direct one in
    energy."""
    from scipy.signal import fftconvolve

    rng = np.random.default_rng(seed)
    t = np.arange(int(rt60_s * SAMPLE_RATE)) / SAMPLE_RATE
    tail = rng.standard_normal(t.size) * 10 ** (-3 * t / rt60_s)
    tail *= 10 ** (wet_db / 20) / np.sqrt(np.sum(tail ** 2))
    ir = np.concatenate([[1.0], tail[1:]])
    wet = fftconvolve(dry, ir)[:dry.size]
    return (wet * 0.5 / np.max(np.abs(wet))).astype(np.float32)


@pytest.fixture(scope="module")
def reverberant_answer(tmp_path_factory):
    """Five sentences (espeak-ng en-gb, 150 wpm) with pauses of 0.38-1.3 s between them, dry and
    in a room with RT60 0.8 s; the true pauses are the dry silences."""
    tmp = tmp_path_factory.mktemp("room")
    texts = ["We moved the nightly batch job onto spot instances.",
             "Costs fell by almost a third in the first month.",
             "Then two jobs were killed halfway and nobody noticed.",
             "So we added retries and an alert on partial output.",
             "Since then the reports arrive on time every morning."]
    parts = [_espeak(t, tmp, voice="en-gb", rate=150) for t in texts]
    dry, spans = _splice(parts, [0.38, 1.3, 0.45, 0.9], lead_s=0.6, tail_s=1.0, noise_dbfs=-90)
    truth = [(a[1], b[0]) for a, b in zip(spans, spans[1:])]
    return dry, _room(dry, rt60_s=0.8, wet_db=-4.0), truth


def test_reverberant_tails_are_not_speech(model, reverberant_answer, monkeypatch):
    """Session 24 (issue #12 part 4): in a reverberant room every sentence's last sound is
    followed by the room's decay, which the energy rule read as speech: pauses started 0.1-0.2 s
    late and a pause under 0.4 s vanished. The room is recognised from the straight, slow decays
    after the answer's offsets and each sound ends where its direct sound does: every pause is
    found, both edges within 0.1 s of the dry silence."""
    from voice_coach.analysis import vad
    from voice_coach.analysis.vad import frame_levels_db, room_slope, with_tails, energy_mask

    _, wet, truth = reverberant_answer
    levels = frame_levels_db(wet)
    slope = room_slope(with_tails(energy_mask(levels), levels), levels)
    assert slope is not None and 40 <= slope <= 120, slope  # 60 dB in 0.8 s: 75 dB/s
    found = _pauses(wet, model)
    assert len(found) == len(truth), (found, truth)
    for (s, e), (ts, te) in zip(found, truth):
        assert abs(s - ts) <= 0.1 and abs(e - te) <= 0.1, (found, truth)
    monkeypatch.setattr(vad, "without_reverb_tails", lambda mask, levels_db: mask)
    before = _pauses(wet, model)  # the tail counted as speech: late starts, a pause lost
    assert len(before) < len(truth) or any(s - ts > 0.1 for (s, _), (ts, _) in
                                           zip(before, truth)), before


@pytest.mark.parametrize("clip_id", ["jfk", "librispeech_2412_153948_0000", "mfa_surround",
                                     "mfa_internalsil", "syn_star_60s"])
def test_a_dry_room_keeps_its_soft_endings(model, clip, monkeypatch, clip_id):
    """Near cases that must not change: real voices in ordinary rooms (a speaker trailing off
    decays in a line too, but faster than a reverberant room) and a dry synthetic answer. No
    room slope is found and the pauses are those without the rule."""
    from voice_coach.analysis import vad
    from voice_coach.analysis.vad import frame_levels_db, room_slope, with_tails, energy_mask

    audio = load_audio(clip(clip_id))
    levels = frame_levels_db(audio)
    assert room_slope(with_tails(energy_mask(levels), levels), levels) is None
    kept = _pauses(audio, model)
    monkeypatch.setattr(vad, "without_reverb_tails", lambda mask, levels_db: mask)
    assert _pauses(audio, model) == kept


def test_the_same_answer_dry_is_left_alone(model, reverberant_answer, monkeypatch):
    """The dry version of the reverberant answer: no room, the rule changes nothing."""
    from voice_coach.analysis import vad

    dry, _, truth = reverberant_answer
    kept = _pauses(dry, model)
    assert len(kept) == len(truth)
    monkeypatch.setattr(vad, "without_reverb_tails", lambda mask, levels_db: mask)
    assert _pauses(dry, model) == kept
