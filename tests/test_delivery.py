"""Delivery metrics: hand-computed answers on synthetic regions, invariants (hypothesis),
JSON schema, and the shared clips with their reference transcripts (no Whisper needed)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice_coach.analysis.acoustic_fillers import AcousticFiller
from voice_coach.analysis.delivery import (
    Pause,
    analyze_delivery,
    countable_words,
    pace_timeline,
    retime_fillers,
)
from voice_coach.analysis.fillers import Filler
from voice_coach.analysis.vad import SpeechRegion, detect_speech
from voice_coach.audio import load_audio
from voice_coach.config import Config
from voice_coach.transcriber import Word

CFG = Config()


def _words_over(regions: list[SpeechRegion], tokens: list[str]) -> list[Word]:
    """Spread tokens evenly over the speech regions (a stand-in for Whisper word times)."""
    total = sum(r.end_s - r.start_s for r in regions)
    out, k = [], 0
    per = total / max(1, len(tokens))
    for r in regions:
        n = round((r.end_s - r.start_s) / total * len(tokens)) if r is not regions[-1] else (
            len(tokens) - k)
        for j in range(n):
            if k >= len(tokens):
                break
            s = r.start_s + j * (r.end_s - r.start_s) / max(1, n)
            out.append(Word(tokens[k], s, min(r.end_s, s + per * 0.8), 0.9))
            k += 1
    return out


def _three_regions() -> tuple[list[SpeechRegion], list[Word]]:
    """Three speech regions with a 0.35 s and a 1.0 s silence between them, and ten words over
    them: the set-up of the release and onset tests."""
    return ([SpeechRegion(1.0, 3.0), SpeechRegion(3.35, 5.0), SpeechRegion(6.0, 8.0)],
            [Word(t, 1.0 + i * 0.6, 1.4 + i * 0.6, 0.9)
             for i, t in enumerate("We tried it and it worked well in the end".split())])


def test_a_soft_release_moves_the_pause_start_only():
    """Session 26: a word's soft release past a region's end (`analysis.vad.releases_after`)
    starts the pause after it at the release's end; a gap the release leaves under
    `silence.min_gap_s` is no pause. The speech segments, the speech span, wpm and articulation
    wpm (pace) and the answer's end are the regions', as without releases; the releases are
    saved, so a re-score from the saved block gives the same pauses."""
    regions, words = _three_regions()
    releases = [SpeechRegion(3.0, 3.1), SpeechRegion(5.0, 5.12), SpeechRegion(8.0, 8.2)]
    plain = analyze_delivery(regions, words, 9.0, CFG)
    d = analyze_delivery(regions, words, 9.0, CFG, releases=releases)
    assert plain.pauses == (Pause(3.0, 3.35, 0.35), Pause(5.0, 6.0, 1.0))
    assert d.pauses == (Pause(5.12, 6.0, 0.88),)  # 3.10-3.35: 0.25 s, no pause
    assert d.speech_segments == plain.speech_segments and d.speech_end_s == 8.0
    assert (d.wpm, d.articulation_wpm) == (plain.wpm, plain.articulation_wpm)
    assert d.releases == ((3.0, 3.1), (5.0, 5.12))  # the last region's end starts no pause
    saved = [SpeechRegion(s.start, s.end) for s in d.speech_segments]
    again = analyze_delivery(saved, words, 9.0, CFG,
                             releases=[SpeechRegion(r.start, r.end) for r in d.releases])
    assert again.pauses == d.pauses


def test_a_soft_onset_moves_the_pause_end_only():
    """Session 26b: a word's soft onset before a region's start (`analysis.vad.onsets_before`)
    ends the pause before it at the onset's start; a gap the onset leaves under
    `silence.min_gap_s` is no pause. The speech segments, the lead-in, wpm and articulation wpm
    are the regions', as without onsets; the onsets are saved, so a re-score from the saved
    block gives the same pauses."""
    regions, words = _three_regions()
    onsets = [SpeechRegion(0.8, 1.0), SpeechRegion(3.2, 3.35), SpeechRegion(5.9, 6.0)]
    plain = analyze_delivery(regions, words, 9.0, CFG)
    d = analyze_delivery(regions, words, 9.0, CFG, onsets=onsets)
    assert plain.pauses == (Pause(3.0, 3.35, 0.35), Pause(5.0, 6.0, 1.0))
    assert d.pauses == (Pause(5.0, 5.9, 0.9),)  # 3.00-3.20: 0.2 s, no pause
    assert d.speech_segments == plain.speech_segments and d.lead_in_s == 1.0
    assert (d.wpm, d.articulation_wpm) == (plain.wpm, plain.articulation_wpm)
    assert d.onsets == ((3.2, 3.35), (5.9, 6.0))  # the first region's start ends no pause
    saved = [SpeechRegion(s.start, s.end) for s in d.speech_segments]
    again = analyze_delivery(saved, words, 9.0, CFG,
                             onsets=[SpeechRegion(o.start, o.end) for o in d.onsets])
    assert again.pauses == d.pauses


def test_an_onset_in_another_voice_moves_no_pause():
    """Near case: an "onset" the background voice is heard in (`analysis.background`) is that
    voice going on into the pause, not the word's start: the pause keeps the region's edge."""
    regions = [SpeechRegion(1.0, 2.0), SpeechRegion(3.0, 4.0)]
    d = analyze_delivery(regions, [], 5.0, CFG, onsets=[SpeechRegion(2.8, 3.0)],
                         background=[SpeechRegion(2.5, 2.9)])
    assert d.pauses == (Pause(2.0, 3.0, 1.0),) and d.onsets == ()


def test_a_release_and_an_onset_that_meet_leave_no_pause():
    """A release and an onset that together cover the gap leave no silence: no pause, and
    never a pause of negative length."""
    regions = [SpeechRegion(1.0, 2.0), SpeechRegion(2.5, 4.0)]
    d = analyze_delivery(regions, [], 5.0, CFG, releases=[SpeechRegion(2.0, 2.3)],
                         onsets=[SpeechRegion(2.1, 2.5)])
    assert d.pauses == ()


def test_a_release_never_passes_the_next_region():
    """A release that reaches the next region's start leaves no silence: no pause, and never a
    pause of negative length."""
    regions = [SpeechRegion(1.0, 2.0), SpeechRegion(2.5, 4.0)]
    d = analyze_delivery(regions, [], 5.0, CFG, releases=[SpeechRegion(2.0, 2.9)])
    assert d.pauses == ()


def test_hand_computed():
    regions = [SpeechRegion(2.0, 5.0), SpeechRegion(5.2, 8.0), SpeechRegion(10.5, 14.0),
               SpeechRegion(20.0, 26.0)]
    words = [Word(t, 2.0 + i * 0.5, 2.3 + i * 0.5, 0.9)
             for i, t in enumerate("So um I think we , like , shipped it".split())]
    d = analyze_delivery(regions, words, 30.0, CFG)
    assert d.speech_start_s == 2.0 and d.speech_end_s == 26.0 and d.lead_in_s == 2.0
    # 0.2 s gap is below min_gap_s: not a pause
    assert d.pauses == (Pause(8.0, 10.5, 2.5), Pause(14.0, 20.0, 6.0))
    assert d.long_pause_count == 2 and d.silence_count == 1 and d.longest_pause_s == 6.0
    assert [f.text for f in d.fillers] == ["um", "like"] and d.filler_count == 2
    assert d.word_count == 6  # So I think we shipped it — "," and fillers excluded
    assert d.wpm == pytest.approx(6 / (24 / 60))
    assert d.articulation_wpm == pytest.approx(6 / ((24 - 8.5) / 60))
    assert d.fillers_per_min == pytest.approx(2 / (24 / 60))
    assert d.speech_segments == tuple(regions) and d.duration_s == 30.0


def test_thresholds_come_from_config():
    regions = [SpeechRegion(0.0, 1.0), SpeechRegion(1.4, 2.0), SpeechRegion(4.0, 5.0)]
    d = analyze_delivery(regions, [], 6.0, CFG)
    assert len(d.pauses) == 2 and d.long_pause_count == 1
    cfg = CFG.with_value("silence.min_gap_s", 0.5).with_value("silence.pause_s", 2.5)
    d = analyze_delivery(regions, [], 6.0, cfg)
    assert len(d.pauses) == 1 and d.long_pause_count == 0


def test_silent_file_gives_none_not_nan():
    d = analyze_delivery([], [], 10.0, CFG)
    assert d.speech_start_s is None and d.wpm is None and d.articulation_wpm is None
    assert d.pauses == () and d.word_count == 0 and d.fillers_per_min is None
    text = json.dumps(d.to_dict(), allow_nan=False)
    assert "NaN" not in text
    d0 = analyze_delivery([], [], 0.0, CFG)
    json.dumps(d0.to_dict(), allow_nan=False)


def test_one_word():
    d = analyze_delivery([SpeechRegion(1.0, 1.4)], [Word("Yes.", 1.0, 1.4, 0.9)], 3.0, CFG)
    assert d.word_count == 1 and d.pauses == ()
    assert d.wpm == pytest.approx(1 / (0.4 / 60)) and d.articulation_wpm == d.wpm
    assert len(d.pace_timeline) == 1
    json.dumps(d.to_dict(), allow_nan=False)


def test_words_in_silence_are_ignored():
    words = [Word("Yes,", 1.0, 1.5, 0.9), Word("uh,", 1.6, 1.8, 0.5), Word("uh,", 5.0, 5.2, 0.3),
             Word("Thank", 7.0, 7.2, 0.3), Word("you.", 7.2, 7.5, 0.3)]
    d = analyze_delivery([SpeechRegion(0.95, 1.9)], words, 9.0, CFG)
    assert d.word_count == 1 and [f.text for f in d.fillers] == ["uh"]
    d = analyze_delivery([], words, 9.0, CFG)  # no speech at all
    assert d.word_count == 0 and d.fillers == () and d.speech_start_s is None


def test_improbable_trailing_words_dropped():
    words = [Word("We", 1.0, 1.2, 0.9), Word("shipped", 1.2, 1.6, 0.8), Word("it.", 1.6, 1.8, 0.7),
             Word("Okay.", 1.8, 2.3, 0.02)]
    d = analyze_delivery([SpeechRegion(0.9, 2.0)], words, 3.0, CFG)
    assert d.word_count == 3
    words[1] = Word("shipped", 1.2, 1.6, 0.01)  # improbable but not trailing: still a word
    assert analyze_delivery([SpeechRegion(0.9, 2.0)], words, 3.0, CFG).word_count == 3


def test_to_dict_schema():
    regions = [SpeechRegion(1.23456, 3.0), SpeechRegion(4.0, 6.0)]
    d = analyze_delivery(regions, [Word("um", 1.3, 1.5, 0.5), Word("yes", 4.1, 4.5, 0.9)], 7.0,
                         CFG).to_dict()
    assert set(d) >= {"speech_start_s", "speech_end_s", "lead_in_s", "pauses", "long_pause_count",
                      "silence_count", "longest_pause_s", "word_count", "wpm",
                      "articulation_wpm", "pace_timeline", "fillers", "filler_count",
                      "fillers_per_min", "speech_segments"}
    assert d["speech_start_s"] == 1.235
    assert d["pauses"] == [{"start": 3.0, "end": 4.0, "duration": 1.0}]
    # the filler opens the region: it starts at the VAD onset
    assert d["fillers"] == [{"text": "um", "start": 1.235, "end": 1.5,
                             "source": "whisper"}]
    assert d["speech_segments"] == [{"start": 1.235, "end": 3.0}, {"start": 4.0, "end": 6.0}]
    assert set(d["pace_timeline"][0]) == {"start", "end", "wpm"}


def test_pace_timeline_windows():
    words = [Word("w", t, t + 0.2, 0.9) for t in [i * 0.5 for i in range(120)]]  # 120 wpm, 60 s
    tl = pace_timeline(words, 0.0, 60.0, 15.0, 5.0)
    assert tl[0].start == 0.0 and tl[0].end == 15.0 and tl[-1].end == 60.0
    assert all(w.end - w.start == pytest.approx(15.0) for w in tl)
    assert all(w.wpm == pytest.approx(120.0, abs=4.1) for w in tl)
    assert pace_timeline(words, 5.0, 5.0, 15.0, 5.0) == []


def test_percent_and_currency_count_as_spoken():
    ws = [Word(t, i, i + 0.5, 0.9) for i, t in enumerate("It fell 30% saving $5M".split())]
    d = analyze_delivery([SpeechRegion(0.0, 5.0)], ws, 5.0, CFG)
    assert d.word_count == 7  # it fell thirty percent saving five-M dollars
    assert d.pace_timeline[0].wpm == pytest.approx(7 / (5 / 60))


def test_non_speech_tags_and_punctuation_not_counted():
    ws = [Word(t, i, i + 0.5, 0.9) for i, t in enumerate(["[cough]", "Hello", "—", "(laughs)",
                                                           "world."])]
    assert [w.text for w in countable_words(ws)] == ["Hello", "world."]


regions_st = st.lists(
    st.tuples(st.floats(0, 100, allow_nan=False), st.floats(0, 10, allow_nan=False)),
    max_size=30).map(lambda xs: [SpeechRegion(s, s + d) for s, d in xs])
words_st = st.lists(st.tuples(st.sampled_from(["um", "like", "data", "you", "know", ",", "I",
                                                "yes."]),
                              st.floats(0, 110, allow_nan=False),
                              st.floats(0, 2, allow_nan=False)),
                    max_size=40).map(lambda xs: [Word(t, s, s + d, 0.9) for t, s, d in xs])


@settings(max_examples=200, deadline=None)
@given(regions=regions_st, words=words_st, duration=st.floats(0, 120, allow_nan=False))
def test_invariants(regions, words, duration):
    d = analyze_delivery(regions, words, duration, CFG)
    json.dumps(d.to_dict(), allow_nan=False)  # never NaN/inf
    ps = d.pauses
    assert all(p.duration >= CFG.silence.min_gap_s for p in ps)
    assert all(a.end <= b.start for a, b in zip(ps, ps[1:]))  # sorted, non-overlapping
    if ps:
        assert d.speech_start_s < ps[0].start and ps[-1].end < d.speech_end_s
    segs = d.speech_segments
    assert all(a.end < b.start for a, b in zip(segs, segs[1:]))
    assert all(0 <= s.start < s.end <= max(duration, 0) for s in segs)
    for v in (d.wpm, d.articulation_wpm, d.fillers_per_min):
        assert v is None or (math.isfinite(v) and v >= 0)
    if d.wpm is not None and d.articulation_wpm is not None:
        assert d.articulation_wpm >= d.wpm - 1e-9
    assert d.long_pause_count >= d.silence_count
    assert 0 <= d.word_count <= len(words)
    if d.speech_start_s is None:
        assert d.word_count == 0 and d.wpm is None


@settings(max_examples=200, deadline=None)
@given(regions=regions_st, words=words_st, duration=st.floats(0, 120, allow_nan=False),
       lengths=st.lists(st.floats(0, 1, allow_nan=False), min_size=30, max_size=30))
def test_releases_move_only_pause_starts(regions, words, duration, lengths):
    """Any releases at the regions' ends: pauses stay sorted, inside the speech span, no
    shorter than `min_gap_s`, each starting at or after the pause without releases it comes
    from; speech segments, span, wpm and articulation wpm are those without releases."""
    releases = [SpeechRegion(r.end_s, r.end_s + x) for r, x in zip(regions, lengths)]
    plain = analyze_delivery(regions, words, duration, CFG)
    d = analyze_delivery(regions, words, duration, CFG, releases=releases)
    assert (d.speech_segments, d.speech_start_s, d.speech_end_s) == (
        plain.speech_segments, plain.speech_start_s, plain.speech_end_s)
    assert (d.wpm, d.articulation_wpm, d.word_count) == (
        plain.wpm, plain.articulation_wpm, plain.word_count)
    assert all(p.duration >= CFG.silence.min_gap_s for p in d.pauses)
    assert all(a.end <= b.start for a, b in zip(d.pauses, d.pauses[1:]))
    ends = {p.end: p for p in plain.pauses}
    assert all(p.end in ends and p.start >= ends[p.end].start for p in d.pauses)


@settings(max_examples=200, deadline=None)
@given(regions=regions_st, words=words_st, duration=st.floats(0, 120, allow_nan=False),
       lengths=st.lists(st.floats(0, 1, allow_nan=False), min_size=30, max_size=30))
def test_onsets_move_only_pause_ends(regions, words, duration, lengths):
    """Any onsets at the regions' starts: pauses stay sorted, inside the speech span, no
    shorter than `min_gap_s`, each ending at or before the pause without onsets it comes
    from; speech segments, span, wpm and articulation wpm are those without onsets."""
    onsets = [SpeechRegion(max(0.0, r.start_s - x), r.start_s) for r, x in zip(regions, lengths)]
    plain = analyze_delivery(regions, words, duration, CFG)
    d = analyze_delivery(regions, words, duration, CFG, onsets=onsets)
    assert (d.speech_segments, d.speech_start_s, d.speech_end_s) == (
        plain.speech_segments, plain.speech_start_s, plain.speech_end_s)
    assert (d.wpm, d.articulation_wpm, d.word_count) == (
        plain.wpm, plain.articulation_wpm, plain.word_count)
    assert all(p.duration >= CFG.silence.min_gap_s for p in d.pauses)
    assert all(a.end <= b.start for a, b in zip(d.pauses, d.pauses[1:]))
    starts = {p.start: p for p in plain.pauses}
    assert all(p.start in starts and p.end <= starts[p.start].end for p in d.pauses)


# Shared clips: VAD regions + the reference transcript spread over them (no Whisper).

@pytest.mark.parametrize("clip_id", ["jfk", "mfa_putty", "mfa_surround", "syn_star_60s",
                                     "syn_rate120_20s", "syn_rate190_20s",
                                     "syn_long_silence_90s"])
def test_shared_clip_metrics(vad_model, manifest, clip, clip_id):
    gt = manifest[clip_id]
    audio = load_audio(clip(clip_id))
    regions = detect_speech(audio, CFG.vad, model=vad_model)
    tokens = [t for t in gt["transcript"].split() if not t.startswith("[")]
    words = _words_over(regions, tokens)
    d = analyze_delivery(regions, words, len(audio) / 16000, CFG)
    assert d.word_count == gt["word_count"]
    assert d.filler_count == gt["filler_count"]
    assert abs(d.lead_in_s - gt["lead_in_s"]) <= 0.1
    assert d.wpm == pytest.approx(gt["wpm"], rel=0.03)
    assert d.articulation_wpm == pytest.approx(gt["articulation_wpm"], rel=0.12)
    assert len(d.pauses) >= len(gt["pauses"])


@pytest.fixture(scope="module")
def tiny_en():
    from voice_coach.transcriber import load_transcriber

    return load_transcriber("faster-whisper", "tiny.en", beam_size=5)


@pytest.mark.slow
@pytest.mark.parametrize("clip_id", ["syn_rate120_20s", "jfk"])
def test_pipeline_pace_with_whisper(vad_model, tiny_en, manifest, clip, clip_id):
    """Whisper words + VAD span: wpm within 3 % of the reference (bench: 0.3 % and 0.1 %)."""
    from voice_coach.transcriber import FILLER_PROMPT

    gt = manifest[clip_id]
    audio = load_audio(clip(clip_id))
    words = tiny_en.transcribe(audio, initial_prompt=FILLER_PROMPT).words
    d = analyze_delivery(detect_speech(audio, CFG.vad, model=vad_model), words,
                         len(audio) / 16000, CFG)
    assert d.wpm == pytest.approx(gt["wpm"], rel=0.03)
    assert abs(d.lead_in_s - gt["lead_in_s"]) <= 0.1
    assert len(d.pauses) == len(gt["pauses"])


def test_filler_opening_a_region_snaps_to_vad_onset():
    regions = [SpeechRegion(1.0, 3.0), SpeechRegion(4.0, 6.0)]
    words = [Word("We", 1.0, 1.3, 0.9), Word("tried.", 1.3, 2.9, 0.9),
             Word("Um,", 4.6, 4.9, 0.7), Word("then", 5.0, 5.3, 0.9), Word("uh,", 5.4, 5.6, 0.6),
             Word("it", 5.7, 5.9, 0.9)]
    d = analyze_delivery(regions, words, 7.0, CFG)
    assert [(f.text, f.start) for f in d.fillers] == [("um", 4.0), ("uh", 5.4)]


def test_stacked_fillers_keep_their_count_and_share_the_speech_between_words():
    """Seven "uh" stamped at one instant after "Montreal," are seven fillers, spread over the
    speech that lies between "Montreal," and "forced" and no word covers."""
    regions = [SpeechRegion(1.0, 1.6), SpeechRegion(2.0, 3.4), SpeechRegion(4.0, 4.5)]
    words = [Word("Montreal,", 1.0, 1.6, 0.9)] + [Word("uh,", 1.6, 1.6, 0.5)] * 7 + [
        Word("forced", 4.0, 4.5, 0.9)]
    d = analyze_delivery(regions, words, 5.0, CFG)
    assert d.filler_count == 7 and d.word_count == 2
    starts = [f.start for f in d.fillers]
    assert starts == sorted(starts) and len(set(starts)) == 7
    assert all(2.0 <= t < 3.4 for t in starts), starts
    # no uncovered speech between the words: the nearest speech region gives the time
    lone = retime_fillers([Filler("uh", 5.3, 5.3)], [Word("yes", 4.0, 5.0, 0.9)],
                          [SpeechRegion(4.0, 5.0)])
    assert lone == [Filler("uh", 5.0, 5.0)]


def test_a_stamped_filler_takes_the_free_speech_nearest_its_stamp():
    """ "2022. Uh, the reason": Whisper times "2022." short of its held tail (41.4-41.61 s is
    the word's sound running on) and stamps "Uh," with no length at 42.6 s, inside the sound
    that starts at 42.25 s. The filler is that sound, not the word's tail (hear43, reverb)."""
    regions = [SpeechRegion(38.35, 41.61), SpeechRegion(42.25, 45.67)]
    words = [Word("2022.", 40.92, 41.4, 0.9), Word("Uh,", 42.6, 42.6, 0.4),
             Word("the", 42.76, 42.82, 0.9)]
    assert retime_fillers([Filler("uh", 42.6, 42.6)], words, regions) == [
        Filler("uh", 42.25, 42.25)]
    # two stamped at once share the two nearest pieces, one in each, in time order
    a, b = (f.start for f in retime_fillers([Filler("uh", 42.6, 42.6)] * 2, words, regions))
    assert 41.4 <= a < 41.61 and 42.25 <= b < 42.76


def test_acoustic_fillers_are_added_marked_and_switchable():
    regions = [SpeechRegion(0.5, 0.9), SpeechRegion(1.5, 3.0)]
    words = [Word("Um,", 0.0, 1.0, 0.002), Word("we", 1.5, 1.8, 0.9),
             Word("shipped", 1.8, 2.4, 0.9),
             Word("uh", 2.5, 2.5, 0.6), Word("it", 2.6, 3.0, 0.9)]
    acoustic = [AcousticFiller(0.55, 0.9, 0.9), AcousticFiller(2.42, 2.6, 0.8)]
    d = analyze_delivery(regions, words, 4.0, CFG.with_value("fillers.acoustic", True), acoustic)
    # the first is new (text from Whisper's improbable "Um"), the second is Whisper's "uh"
    assert [(f.text, f.source) for f in d.fillers] == [("um", "acoustic"),
                                                      ("uh", "whisper+acoustic")]
    assert d.fillers[0].start == pytest.approx(0.5) and d.fillers[1].start == pytest.approx(2.4)
    assert d.to_dict()["fillers"][0]["source"] == "acoustic"
    off = analyze_delivery(regions, words, 4.0, CFG.with_value("fillers.acoustic", False), acoustic)
    assert analyze_delivery(regions, words, 4.0, CFG, acoustic).fillers == d.fillers  # default: on
    assert [f.text for f in off.fillers] == ["uh"]
