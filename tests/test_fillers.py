"""Filler detection: a context table of phrase → fillers, Whisper spellings, times from words."""

from __future__ import annotations

import pytest

from voice_coach.analysis.fillers import (
    filler_mask,
    find_fillers,
    improbable_fillers,
    is_filler_token,
    is_hesitation,
    normalize,
)
from voice_coach.transcriber import Word

CASES = [
    # hesitations, any spelling Whisper writes
    ("Um, so I think we, uh, shipped it.", ["um", "uh"]),
    ("Umm... I would say hmm, maybe.", ["um", "hmm"]),
    ("Uhh, er, ah, mm.", ["uh", "er", "ah", "mm"]),
    ("montreal uh forced aligner", ["uh"]),
    # like
    ("I like Python.", []),
    ("It looks like rain.", []),
    ("I would like to explain.", []),
    ("I'd like to add one thing.", []),
    ("m f a is like putty", []),
    ("Things like caching help.", []),
    ("It was, like, huge.", ["like"]),
    ("Like, we had no data.", ["like"]),
    ("And like, nobody knew.", ["like"]),
    ("We had like um no data.", ["like", "um"]),
    # you know
    ("You know, we shipped it.", ["you know"]),
    ("we're just yknow there's some speech errors", ["you know"]),
    ("It failed, you know?", ["you know"]),
    ("you know montreal forced aligner", ["you know"]),
    ("Do you know the answer?", []),
    ("If you know the data, it helps.", []),
    ("You know what the problem was?", []),
    # I mean
    ("I mean, it worked.", ["i mean"]),
    ("What I mean is this.", []),
    ("I mean it.", []),
    # kind of / sort of
    ("It was kind of slow.", ["kind of"]),
    ("We sort of guessed.", ["sort of"]),
    ("What kind of model did you use?", []),
    ("This sort of problem is common.", []),
    ("A kind of tree.", []),
    # basically / actually
    ("Basically, we retrained the model.", ["basically"]),
    ("So actually, the model failed.", ["actually"]),
    ("It actually worked.", []),
    ("The result was basically correct.", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_context_table(text, expected):
    assert [f.text for f in find_fillers(text.split())] == expected


def test_times_come_from_first_word():
    words = [Word("So", 1.0, 1.2, 0.9), Word("um,", 1.4, 1.6, 0.8), Word("you", 2.0, 2.1, 0.9),
             Word("know,", 2.1, 2.3, 0.9), Word("it", 2.5, 2.6, 0.9),
             Word("worked.", 2.6, 3.0, 0.9)]
    got = find_fillers(words)
    assert [(f.text, f.start) for f in got] == [("um", 1.4), ("you know", 2.0)]
    assert filler_mask(words) == [False, True, True, True, False, False]
    assert is_filler_token(words, 1) and not is_filler_token(words, 0)


def test_plain_tokens_have_no_time():
    assert find_fillers(["uh", "yes"]) == [("uh", None, None, "whisper")]


@pytest.mark.parametrize("tok", ["Um,", "UMM", "uh.", "Hmm…", "mm-hmm"[:2], "Er"])
def test_hesitation_spellings(tok):
    assert is_hesitation(tok)


@pytest.mark.parametrize("tok", ["umbrella", "her", "a", "hum", "summer"])
def test_not_hesitations(tok):
    assert not is_hesitation(tok)


def test_normalize():
    assert normalize("Americans,") == "americans"
    assert normalize("don’t") == "don't"
    assert normalize("—") == ""
    assert normalize("well-known.") == "well-known"


def test_empty():
    assert find_fillers([]) == [] and filler_mask([]) == []


def test_improbable_fillers_dropped_but_never_words():
    words = [Word("Montreal,", 1.1, 1.9, 0.95), Word("uh,", 2.9, 2.9, 0.4),
             Word("uh,", 3.8, 3.8, 0.01), Word("forced", 4.0, 4.1, 0.45),
             Word("Uh,", 4.5, 5.8, 0.0)]
    assert [(f.text, f.start) for f in find_fillers(words)] == [("uh", 2.9)]
    assert filler_mask(words) == [False, True, True, False, True]  # never counted as words
    assert [(f.text, f.start) for f in improbable_fillers(words)] == [("uh", 3.8), ("uh", 4.5)]


def test_repeated_fillers_all_count():
    """A person says "uh, uh, uh": three fillers, whatever times Whisper gave them."""
    words = [Word(t, i * 0.3, i * 0.3 + 0.2, 0.6) for i, t in
             enumerate("um, um, we, you know, you know, shipped".split())]
    assert [f.text for f in find_fillers(words)] == ["um", "um", "you know", "you know"]
    stacked = [Word("Montreal,", 1.0, 1.6, 0.9)] + [Word("uh,", 1.6, 1.6, 0.5)] * 7 + [
        Word("forced", 4.0, 4.4, 0.9)]
    assert [f.text for f in find_fillers(stacked)] == ["uh"] * 7


@pytest.mark.slow
def test_real_clips_filler_recovery_with_prompt(manifest, clip):
    """The benchmark's filler numbers, end to end (tiny.en, beam 5, filler prompt, VAD gating):
    pooled recall ≥ 0.8 and precision ≥ 0.8 on the annotated real clips (bench: 1.00 / 0.90)."""
    from collections import Counter

    from voice_coach.analysis.delivery import analyze_delivery
    from voice_coach.analysis.vad import detect_speech, load_vad_model
    from voice_coach.audio import load_audio
    from voice_coach.config import Config
    from voice_coach.transcriber import FILLER_PROMPT, load_transcriber

    cfg = Config()
    tr = load_transcriber("faster-whisper", "tiny.en", beam_size=5)
    vad = load_vad_model()

    def cls(t):
        return "hes" if t in ("um", "uh", "er", "ah", "hmm", "mm") else t

    tp = fp = fn = 0
    for cid in ("mfa_acoustic_corpus", "mfa_crossword", "mfa_youknow", "mfa_uh", "mfa_um",
                "mfa_putty"):
        audio = load_audio(clip(cid))
        words = tr.transcribe(audio, initial_prompt=FILLER_PROMPT).words
        d = analyze_delivery(detect_speech(audio, cfg.vad, model=vad), words,
                             len(audio) / 16000, cfg)
        det = Counter(cls(f.text) for f in d.fillers)
        ref = Counter(cls(f["word"]) for f in manifest[cid]["fillers"])
        hit = sum(min(det[k], ref[k]) for k in det)
        tp, fp, fn = tp + hit, fp + sum(det.values()) - hit, fn + sum(ref.values()) - hit
    assert tp / (tp + fn) >= 0.8 and tp / (tp + fp) >= 0.8, (tp, fp, fn)
