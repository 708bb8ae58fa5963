"""Filler detection: a context table of phrase → fillers, Whisper spellings, times from words."""

from __future__ import annotations

import tomllib
from pathlib import Path

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

# the context table: a phrase as Whisper writes it → the fillers a person counts in it
CASES = [(c["text"], c["fillers"]) for c in
         tomllib.loads((Path(__file__).parent / "data" / "filler_context.toml").read_text())["case"]]


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


@pytest.fixture(scope="module")
def tiny_greedy():
    from voice_coach.transcriber import load_transcriber

    return load_transcriber("faster-whisper", "tiny.en", beam_size=1)


@pytest.mark.slow
@pytest.mark.parametrize("gap_s", [0.1, 0.15])
def test_repeated_uh_all_counted_real_whisper(tiny_greedy, clip, gap_s):
    """Real speech with "uh, uh, uh": the "uh" of mfa_uh ("montreal uh forced aligner",
    2.92-3.65 s) said three times. tiny.en writes three "uh" (two stamped with no length);
    the report counts every one Whisper wrote confidently (the old de-duplication counted 1);
    each has a sound of its own, so the echo test (`pipeline.fillers_by_sound`) drops none."""
    import numpy as np

    from voice_coach.analysis.delivery import analyze_delivery
    from voice_coach.analysis.fillers import MIN_FILLER_PROBABILITY
    from voice_coach.analysis.vad import detect_speech
    from voice_coach.audio import SAMPLE_RATE, load_audio
    from voice_coach.config import Config
    from voice_coach.analysis.vad import frame_levels_db
    from voice_coach.pipeline import fillers_by_sound
    from voice_coach.transcriber import FILLER_PROMPT

    a = load_audio(clip("mfa_uh"))
    s, e = int(2.92 * SAMPLE_RATE), int(3.65 * SAMPLE_RATE)
    gap = np.zeros(int(gap_s * SAMPLE_RATE), np.float32)
    audio = np.concatenate([a[:e], gap, a[s:e], gap, a[s:e], a[e:]])
    transcript = tiny_greedy.transcribe(audio, initial_prompt=FILLER_PROMPT)
    written = [w for w in transcript.words if is_hesitation(w.text)
               and w.probability >= MIN_FILLER_PROBABILITY]
    assert len(written) >= 3, [w.text for w in transcript.words]
    cfg = Config().with_value("fillers.acoustic", False)
    regions = detect_speech(audio, cfg.vad)
    words = fillers_by_sound(transcript, frame_levels_db(audio), regions).words
    d = analyze_delivery(regions, words, len(audio) / SAMPLE_RATE, cfg)
    assert [f.text for f in d.fillers] == ["uh"] * len(written)
    assert all(1.27 <= f.start <= 6.0 for f in d.fillers)  # timed inside the speech
    assert d.word_count == 4  # "Montreal forced a liner": the fillers are not words


def _acoustic_report(clip_id, clip, tr):
    from voice_coach.analysis.acoustic_fillers import FillerModel, detect_acoustic_fillers
    from voice_coach.models import acoustic_filler_arrays
    from voice_coach.analysis.delivery import analyze_delivery
    from voice_coach.analysis.vad import detect_speech
    from voice_coach.audio import SAMPLE_RATE, load_audio
    from voice_coach.config import Config
    from voice_coach.transcriber import FILLER_PROMPT

    audio = load_audio(clip(clip_id))
    cfg = Config().with_value("fillers.acoustic", True)
    regions = detect_speech(audio, cfg.vad)
    words = tr.transcribe(audio, initial_prompt=FILLER_PROMPT).words
    found = detect_acoustic_fillers(audio, words, regions,
                                    FillerModel.from_arrays(acoustic_filler_arrays()))
    return found, analyze_delivery(regions, words, len(audio) / SAMPLE_RATE, cfg, found)


@pytest.mark.slow
def test_acoustic_detector_recovers_dropped_um_unseen(tiny_greedy, clip, manifest):
    """ami_es2004a_fee013_buttons (unseen in training) opens with "Um" that tiny.en writes at
    probability 0.002 (dropped as a guess): the detector hears it at the true start (±0.15 s),
    and the report counts both of the clip's "um"s, the first marked acoustic."""
    gt = manifest["ami_es2004a_fee013_buttons"]
    found, d = _acoustic_report("ami_es2004a_fee013_buttons", clip, tiny_greedy)
    first = gt["fillers"][0]["start_s"]
    assert any(abs(a.start_s - first) <= 0.15 for a in found), found
    hes = [f for f in d.fillers if is_hesitation(f.text.rstrip("?"))]
    assert len(hes) == gt["filler_count"] == 2
    assert hes[0].source == "acoustic" and abs(hes[0].start - first) <= 0.15
    assert hes[1].source == "whisper+acoustic"  # Whisper's "Um," 0.5 s late, timed by the sound
    assert abs(hes[1].start - gt["fillers"][1]["start_s"]) <= 0.15


@pytest.mark.slow
def test_acoustic_detector_no_false_alarm_on_read_speech(tiny_greedy, clip):
    """Clean read speech (LibriSpeech, unseen) and a fluent speech (jfk): nothing to add."""
    for clip_id in ("librispeech_2412_153948_0000", "jfk"):
        found, d = _acoustic_report(clip_id, clip, tiny_greedy)
        assert found == [] and d.filler_count == 0, (clip_id, found)


def test_a_candidate_needs_quiet_on_one_side():
    """Uncovered sound glued to sound on both sides is no hesitation candidate; quiet frames on
    one side, the edge of the audio or a VAD region edge make it one."""
    import numpy as np

    from voice_coach.analysis.acoustic_fillers import QUIET_FLANK_S, stands_apart
    from voice_coach.analysis.vad import SpeechRegion

    active = np.ones(300, bool)  # 3 s of sound, 10 ms frames
    region = [SpeechRegion(0.0, 3.0)]
    assert not stands_apart((1.0, 1.4), (1.0, 1.4), active, region)
    quiet_before = active.copy()
    quiet_before[100 - round(QUIET_FLANK_S / 0.01): 100] = False
    assert stands_apart((1.0, 1.4), (1.0, 1.4), quiet_before, region)
    short_gap = active.copy()
    short_gap[98:100] = False  # 20 ms: a stop closure inside running speech
    assert not stands_apart((1.0, 1.4), (1.0, 1.4), short_gap, region)
    assert stands_apart((0.0, 0.3), (0.0, 0.3), active, region)  # the audio starts there
    assert stands_apart((1.0, 1.4), (1.0, 1.4), active,
                        [SpeechRegion(0.0, 1.4), SpeechRegion(1.5, 3.0)])  # the VAD's edge


def test_a_candidate_is_a_sound_of_its_own():
    """A candidate whose sound runs on into a recognised word (its onset Whisper timed late, or
    its held tail) is that word's, not a hesitation; a sound with quiet between it and every
    word is one, even when Whisper stretched a word's end a few ms into it; a word stamped with
    no length inside the sound owns it too."""
    from voice_coach.analysis.acoustic_fillers import own_sound

    bursts = [(1.0, 1.3), (1.5, 2.4)]  # the speaker's sounds (s)
    assert own_sound((1.0, 1.3), bursts, [(1.6, 2.4)])  # quiet 1.3-1.5 s before the word
    assert own_sound((1.0, 1.3), bursts, [(0.2, 1.01)])  # a word's end stretched onto it
    assert not own_sound((1.5, 1.7), bursts, [(1.72, 2.4)])  # the word's onset
    assert not own_sound((2.2, 2.4), bursts, [(1.5, 2.18)])  # the word's held tail
    assert not own_sound((1.0, 1.3), bursts, [(1.2, 1.2)])  # a stamped word in the sound
    assert own_sound((1.0, 1.3), bursts, [])


@pytest.mark.slow
def test_acoustic_detector_ignores_words_whisper_dropped_in_running_speech(tiny_greedy, clip):
    """mfa_acoustic_corpus: tiny.en drops "else going" (4.69-5.16 s) from "nothing going else
    going on we're"; that voiced, steady stretch is glued to the words around it, so it is not
    even a candidate (it scored like a filler out of fold). Nor is the uncovered sound right
    after the 17.20-18.44 s pause (18.46-18.71 s): it is one sound with "And", which tiny.en
    starts late (18.9 s) — the word's onset, which out of fold scored 0.99, the highest of any
    candidate the detector saw on the 13 real clips (docs/accuracy.md, ninth round)."""
    from voice_coach.analysis.acoustic_fillers import FillerModel, detect_acoustic_fillers
    from voice_coach.analysis.vad import detect_speech
    from voice_coach.audio import load_audio
    from voice_coach.config import Config
    from voice_coach.models import acoustic_filler_arrays
    from voice_coach.transcriber import FILLER_PROMPT

    audio = load_audio(clip("mfa_acoustic_corpus"))
    words = tiny_greedy.transcribe(audio, initial_prompt=FILLER_PROMPT).words
    every = FillerModel.from_arrays(acoustic_filler_arrays())._replace(threshold=0.0)
    cands = detect_acoustic_fillers(audio, words, detect_speech(audio, Config().vad), every)
    assert not any(a.start_s < 5.16 and a.end_s > 4.69 for a in cands), cands
    assert not any(a.start_s < 18.9 and a.end_s > 18.38 for a in cands), cands


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="the two soft 'uh' of ami_es2004a_meo015_lcd are 90 ms "
                   "and 30 ms bursts ~17 dB below the speaker: the first is found since the "
                   "threshold is calibrated in use (0.5; scored 0.89 with this clip in "
                   "training), the second is not VAD speech: see docs/accuracy.md")
def test_acoustic_detector_soft_uhs_meeting_speech(tiny_greedy, clip, manifest):
    gt = manifest["ami_es2004a_meo015_lcd"]
    found, _ = _acoustic_report("ami_es2004a_meo015_lcd", clip, tiny_greedy)
    hits = [f for f in gt["fillers"] if any(abs(a.start_s - f["start_s"]) <= 0.15 for a in found)]
    assert len(hits) == 2 and len(found) == 2, found


@pytest.mark.slow
def test_report_marks_acoustic_fillers_and_rescore_keeps_them(tiny_greedy, clip):
    """Through the pipeline: with fillers.acoustic on, the report's filler entry says
    "source": "acoustic"; re-scoring the saved report (no audio) keeps it; off, it is gone.

    tiny.en writes the clip's first "um" (1.03 s) unsure ("Um," p < 0.05), and since it lies
    on a sound of its own it now counts as Whisper's (`echoes` sounded guess); the transcript
    here is tiny.en's without that word, so only the sound can find it."""
    import dataclasses

    from voice_coach.audio import load_audio
    from voice_coach.config import Config
    from voice_coach.pipeline import analyze_audio, rescore, transcribe_audio
    from voice_coach.transcriber import edit_words

    audio = load_audio(clip("ami_es2004a_fee013_buttons"))
    on = Config().with_value("fillers.acoustic", True)
    heard = transcribe_audio(audio, tiny_greedy, on)
    first = [i for i, w in enumerate(heard.words) if w.start < 1.2 and is_hesitation(w.text)]
    assert first, heard.words[:3]
    written = analyze_audio(audio, cfg=on, transcriber=tiny_greedy, transcript=heard)
    assert [f.source for f in written.delivery.fillers if f.start < 1.2] in (
        ["whisper"], ["whisper+acoustic"])
    without = dataclasses.replace(edit_words(heard, first), unrecognised=())
    report = analyze_audio(audio, cfg=on, transcriber=tiny_greedy, transcript=without)
    sources = [f.source for f in report.delivery.fillers]
    assert sources.count("acoustic") == 1, report.delivery.fillers
    assert report.delivery.fillers[sources.index("acoustic")].start < 1.2
    assert rescore(report, on).delivery.fillers == report.delivery.fillers
    off = rescore(report, Config().with_value("fillers.acoustic", False)).delivery.fillers
    assert [f.source for f in off] == ["whisper"] * len(off)
    assert len(off) == len(report.delivery.fillers) - 1


def test_acoustic_fillers_on_a_window_of_a_long_file(clip):
    """The long-file path searches each window: finds land on the file's timeline."""
    from voice_coach.analysis.vad import SpeechRegion, detect_speech
    from voice_coach.audio import load_audio
    from voice_coach.config import Config
    from voice_coach.pipeline import _acoustic_fillers

    cfg = Config().with_value("fillers.acoustic", True)
    # the first 2.8 s of meo015: a soft "uh" (0.28-0.37 s, a sound of its own) that tiny.en
    # does not write, then "Right. I was thinking" (tiny.en's times)
    audio = load_audio(clip("ami_es2004a_meo015_lcd"))[: int(2.8 * 16000)]
    regions = detect_speech(audio, cfg.vad)
    words = [Word("Right.", 1.68, 2.08, 0.9), Word("I", 2.42, 2.42, 0.9),
             Word("was", 2.42, 2.54, 0.9), Word("thinking", 2.54, 2.74, 0.9)]
    here = _acoustic_fillers(audio, words, regions, cfg)
    later = [w._replace(start=w.start + 300.0, end=w.end + 300.0) for w in words]
    shifted = _acoustic_fillers(audio, later, [SpeechRegion(r.start_s + 300.0, r.end_s + 300.0)
                                               for r in regions], cfg, offset_s=300.0)
    assert len(here) == 1 and 0.25 <= here[0].start_s <= 0.32, here  # the soft "uh"
    assert [round(a.start_s + 300.0, 6) for a in here] == [round(a.start_s, 6) for a in shifted]
    assert _acoustic_fillers(audio, words, regions,
                             Config().with_value("fillers.acoustic", False)) == []  # switched off


def test_the_first_sound_after_a_pause_before_the_first_word_is_its_onset():
    """A candidate that opens a VAD region whose first word Whisper timed after it is that
    word's onset (Whisper starts the first word after a pause late), even when Whisper
    stretched the word before the pause a few ms over the region's start; a region of its own,
    or a sound after a word of the region, is still a candidate."""
    from voice_coach.analysis.acoustic_fillers import opens_before_word
    from voice_coach.analysis.vad import SpeechRegion

    regions = [SpeechRegion(0.28, 0.37), SpeechRegion(1.0, 3.0)]
    words = [(0.0, 0.2), (1.2, 1.5), (1.9, 2.4)]
    assert opens_before_word((1.0, 1.18), regions, words)  # "so" timed 0.2 s late
    assert opens_before_word((1.02, 1.18), regions, [(0.0, 1.0), *words[1:]])  # end stretched
    assert not opens_before_word((0.28, 0.37), regions, words)  # a region of its own
    assert not opens_before_word((1.52, 1.85), regions, words)  # between two words


def test_a_hesitation_joined_to_a_word_is_no_candidate(clip):
    """The price of `own_sound` (a known limit): mfa_uh's "uh" is said joined to "Montreal"
    (one sound, 1.27-3.65 s); were Whisper to drop it and time "Montreal" over part of that
    sound, the detector would not find it — the sound is the word's as far as it can tell."""
    from voice_coach.analysis.vad import detect_speech
    from voice_coach.audio import load_audio
    from voice_coach.config import Config
    from voice_coach.pipeline import _acoustic_fillers

    cfg = Config().with_value("fillers.acoustic", True)
    audio = load_audio(clip("mfa_uh"))
    words = [Word("Montreal", 1.27, 2.9, 0.9), Word("forced", 3.7, 4.5, 0.9)]  # not the "uh"
    assert _acoustic_fillers(audio, words, detect_speech(audio, cfg.vad), cfg) == []


@pytest.mark.slow
@pytest.mark.parametrize("clip_id", ["ami_es2004a_fee013_buttons", "ami_es2004a_meo015_lcd"])
def test_meeting_speech_lexical_like_and_kind_of_are_not_fillers(tiny_greedy, clip, manifest,
                                                                   clip_id):
    """Real tiny.en on the AMI clips writes "options kind of recording" and "something like
    that, like a mobile"; the human transcripts count neither as a filler. Every filler the
    report keeps (Whisper only) is a hesitation, and no more of them than the truth has."""
    from voice_coach.analysis.delivery import analyze_delivery
    from voice_coach.analysis.vad import detect_speech
    from voice_coach.audio import SAMPLE_RATE, load_audio
    from voice_coach.config import Config
    from voice_coach.transcriber import FILLER_PROMPT

    audio = load_audio(clip(clip_id))
    cfg = Config().with_value("fillers.acoustic", False)
    words = tiny_greedy.transcribe(audio, initial_prompt=FILLER_PROMPT).words
    text = " ".join(w.text.lower() for w in words)
    assert "kind of" in text or "like a" in text, text  # the lexical uses are transcribed …
    d = analyze_delivery(detect_speech(audio, cfg.vad), words, len(audio) / SAMPLE_RATE, cfg)
    assert all(is_hesitation(f.text) for f in d.fillers), d.fillers  # … and not counted
    assert len(d.fillers) <= manifest[clip_id]["filler_count"]


def test_shipped_acoustic_model_round_trips(tmp_path):
    """The classifier ships as plain arrays (read without pickle) naming its features."""
    import numpy as np

    from voice_coach.analysis.acoustic_fillers import FEATURES, FillerModel, filler_probability
    from voice_coach.models import acoustic_filler_arrays, save_acoustic_filler_arrays

    model = FillerModel.from_arrays(acoustic_filler_arrays())
    assert len(model.coef) == len(model.mean) == len(model.scale) == len(FEATURES)
    assert 0.0 < model.threshold < 1.0
    save_acoustic_filler_arrays(model.to_arrays(), tmp_path / "m.npz")
    assert FillerModel.from_arrays(acoustic_filler_arrays(tmp_path / "m.npz")) == model
    x = np.asarray(model.mean)
    assert filler_probability(x, model) == pytest.approx(1 / (1 + np.exp(-model.intercept)))
    bad = model.to_arrays() | {"features": np.array(FEATURES[:-1])}
    with pytest.raises(ValueError, match="features"):
        FillerModel.from_arrays(bad)


def test_bench_filler_matching_needs_the_time_when_it_is_known():
    """The scoring behind the quoted filler numbers (bench/accuracy.py): a true "um" with a known
    start is found only by a hesitation within ±1 s of it; one without a time by any hesitation;
    "uh"/"um" are one class, lexical fillers match by text."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.accuracy import match_fillers_timed

    truth = [{"word": "um", "start_s": 1.0}, {"word": "uh", "start_s": None},
             {"word": "you know", "start_s": 5.0}]
    assert match_fillers_timed([("uh", 1.4), ("um", 9.0), ("you know", 5.2)], truth) == {
        "tp": 3, "fp": 0, "fn": 0}
    # nothing within 1 s of the timed "um": missed; the untimed "uh" takes one of the two
    assert match_fillers_timed([("um", 3.0), ("uh", 8.0)], truth) == {"tp": 1, "fp": 1, "fn": 2}
    assert match_fillers_timed([("like", 5.0)], truth) == {"tp": 0, "fp": 1, "fn": 3}


@pytest.mark.slow
def test_i_mean_with_what_is_meant_is_not_a_filler_real_whisper(tiny_greedy, clip):
    """QA6 F36 on the tester's audio: "I mean exactly what I say" (the verb, no comma) is not
    counted, while the "you know," and the hesitations Whisper writes still are."""
    from voice_coach import pipeline
    from voice_coach.analysis.vad import load_vad_model
    from voice_coach.config import Config

    r = pipeline.analyze_file(clip("qa6_fillers_en-gb-rp"), cfg=Config(), transcriber=tiny_greedy,
                              vad_model=load_vad_model())
    said = " ".join(w.text for w in r.words).lower()
    assert "i mean exactly" in said  # the phrase under test was transcribed
    texts = [f.text for f in r.delivery.fillers]
    assert "i mean" not in texts
    assert texts.count("um") + texts.count("uh") >= 4 and r.delivery.filler_count == len(texts)
