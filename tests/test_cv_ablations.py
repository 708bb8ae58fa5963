"""Mechanisms measured (and not shipped) in docs/accuracy.md: fourth round, the acoustic verifier
of Whisper's hesitations (scripts/train_acoustic_fillers.py) and keeping faint runs Silero is
confident about; sixth round, energy hysteresis at Silero's edges (bench/pause_cv.py). (Silero's
window phases and the edge bridge shipped in round seven: tests/test_vad.py.) Real audio, real
Silero, real tiny.en."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module")
def tiny_greedy():
    from voice_coach.transcriber import load_transcriber

    return load_transcriber("faster-whisper", "tiny.en", beam_size=1)


def _clip_words(clip_id, clip, tr):
    from scripts.train_acoustic_fillers import Clip

    from voice_coach.analysis.vad import detect_speech
    from voice_coach.audio import load_audio
    from voice_coach.config import Config
    from voice_coach.transcriber import FILLER_PROMPT

    audio = load_audio(clip(clip_id))
    regions = detect_speech(audio, Config().vad)
    words = list(tr.transcribe(audio, initial_prompt=FILLER_PROMPT).words)
    return Clip(clip_id, audio, regions, words, [])


@pytest.mark.slow
def test_verifier_hears_one_sound_under_two_uh(tiny_greedy, clip):
    """`mfa_internalsil` ends with one 0.25 s burst (the hesitated end of "aligner"); tiny.en
    writes "uh, uh." over it. The second "uh"'s own sound is the burst's unvoiced tail, scored
    below even odds, so the even-odds veto drops exactly that one; the first keeps its score."""
    from scripts.train_acoustic_fillers import VETO_EVEN_ODDS, hesitation_sounds, verified_counts

    from voice_coach.analysis.acoustic_fillers import FEATURES, FillerModel, filler_probability
    from voice_coach.analysis.fillers import is_hesitation
    from voice_coach.config import Config
    from voice_coach.models import acoustic_filler_arrays

    c = _clip_words("mfa_internalsil", clip, tiny_greedy)
    hes = [i for i, w in enumerate(c.words) if is_hesitation(w.text) and w.start > 9.0]
    assert len(hes) == 2 and hes[1] == hes[0] + 1, [w.text for w in c.words]
    model = FillerModel.from_arrays(acoustic_filler_arrays())
    sounds = dict(hesitation_sounds(c))
    assert set(hes) <= set(sounds)
    voiced = FEATURES.index("voiced_share")
    tail = max(sounds[hes[1]], key=lambda x: filler_probability(x, model))
    assert tail[voiced] < 0.5
    assert filler_probability(tail, model) < VETO_EVEN_ODDS
    assert max(filler_probability(x, model) for x in sounds[hes[0]]) >= VETO_EVEN_ODDS
    r = verified_counts(c, None, model, list(sounds.items()), VETO_EVEN_ODDS, Config())
    assert [(t, at) for t, at, _ in r["vetoed"]] == [(c.words[hes[1]].text.strip(),
                                                      round(c.words[hes[1]].start, 2))]


@pytest.mark.slow
def test_verifier_keeps_true_hesitations(tiny_greedy, clip):
    """The true "um"s tiny.en writes in `mfa_crossword` have voiced sounds the model scores at
    or above even odds: the veto keeps both (the report counts 2, the reference's count)."""
    from scripts.train_acoustic_fillers import VETO_EVEN_ODDS, hesitation_sounds, verified_counts

    from voice_coach.analysis.acoustic_fillers import FillerModel
    from voice_coach.config import Config
    from voice_coach.models import acoustic_filler_arrays

    c = _clip_words("mfa_crossword", clip, tiny_greedy)
    model = FillerModel.from_arrays(acoustic_filler_arrays())
    c = c._replace(truth=[{"word": "um", "start_s": None}] * 2)
    r = verified_counts(c, None, model, hesitation_sounds(c), VETO_EVEN_ODDS, Config())
    assert r["vetoed"] == [] and (r["tp"], r["fp"], r["fn"]) == (2, 0, 0), r


def test_silero_kept_mask_bounds_and_faint_stretch(clip):
    """Keeping faint runs by Silero's confidence: above probability 1 nothing changes (the
    shipped mask); at 0 every frame loud enough for the level rule is speech; at 0.6 the
    -44 dBFS stretch before `fee013`'s 15.25 s pause (Silero 0.4-0.7 there at one phase, mean
    0.61 over its phases; dropped by the shipped faint-sound rule) becomes speech while the
    pause after it stays silent."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from pause_cv import silero_kept_mask

    from voice_coach.analysis import vad
    from voice_coach.audio import load_audio

    audio = load_audio(clip("ami_es2004a_fee013_buttons"))
    probs = vad.load_vad_model().probabilities(audio)
    levels = vad.frame_levels_db(audio)
    shipped = vad.energy_mask(levels)
    assert np.array_equal(silero_kept_mask(levels, probs, 1.01), shipped)
    loud = np.percentile(levels, vad.ENERGY_LOUD_PCT)
    floor = np.percentile(levels, vad.ENERGY_FLOOR_PCT)
    level_ok = levels > max(loud - vad.ENERGY_RANGE_DB, floor + vad.ENERGY_FLOOR_DB)
    assert np.array_equal(silero_kept_mask(levels, probs, 0.0), shipped | level_ok)
    kept = silero_kept_mask(levels, probs, 0.6)
    f = vad.ENERGY_FRAME_S
    before = slice(int(14.9 / f), int(15.2 / f))
    assert not shipped[before].any() and kept[before].any()
    assert not kept[int(15.3 / f): int(15.6 / f)].any()


def _pause_cv():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import pause_cv

    return pause_cv


def test_hysteresis_mask_only_follows_loud_runs_down(clip):
    """Energy hysteresis: no drop is the shipped mask; a drop only adds frames joined to a loud
    run, and a larger drop adds at least as many."""
    from scipy.ndimage import label

    from voice_coach.analysis import vad
    from voice_coach.audio import load_audio

    pc = _pause_cv()
    levels = vad.frame_levels_db(load_audio(clip("ami_es2004a_fee013_buttons")))
    mask = vad.energy_mask(levels)
    assert np.array_equal(pc.hysteresis_mask(levels, mask, 0.0), mask)
    h4, h8 = pc.hysteresis_mask(levels, mask, 4.0), pc.hysteresis_mask(levels, mask, 8.0)
    assert (h4 >= mask).all() and (h8 >= h4).all() and h8.sum() > mask.sum()
    runs, n = label(h8)
    assert all(mask[runs == k].any() for k in range(1, n + 1))
