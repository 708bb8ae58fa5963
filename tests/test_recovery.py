"""Lost speech, with real tiny.en on real audio: speech the first pass loses comes back; speech
nothing can recognise is reported (JSON, Markdown) and kept out of pace."""

from __future__ import annotations

import dataclasses

import jiwer
import numpy as np
import pytest
from report_schema import check_report

from voice_coach import pipeline
from voice_coach.analysis.coverage import longest_uncovered_s, word_coverage
from voice_coach.analysis.vad import SpeechRegion, detect_speech
from voice_coach.audio import SAMPLE_RATE, load_audio
from voice_coach.config import Config
from voice_coach.report import UNRECOGNISED_LABEL, render_session_markdown
from voice_coach.report_model import AnswerReport, SessionReport
from voice_coach.store import SessionData
from voice_coach.transcriber import empty_transcript

pytestmark = pytest.mark.slow
CFG = Config()
# The case: espeak-ng en-gb+f3, -s 160, answering ml-overfitting-1 (tests/data/README.md)
LOST_CLIP = "espeak_ml_overfitting_en-gb-f3"
LOST_SCRIPT = (
    "Overfitting means the model has memorised the noise in the training data, so it does very "
    "well on the examples it has seen and badly on new ones. Underfitting is the opposite: the "
    "model is too simple to capture the signal, so it does badly everywhere. To tell which one I "
    "have, I compare the training error with the validation error. If the training error is low "
    "and the validation error is much higher, that large gap means overfitting. If both errors "
    "are high and close together, the model is underfitting. I would also plot learning curves "
    "as a function of training set size or training time, and use cross-validation to get a "
    "reliable estimate rather than trusting a single split.")


def wer(reference: str, hypothesis: str) -> float:
    from whisper.normalizers import EnglishTextNormalizer

    norm = EnglishTextNormalizer()
    return jiwer.wer(norm(reference), norm(hypothesis))


def regions_of(report: AnswerReport) -> list[SpeechRegion]:
    return [SpeechRegion(s.start, s.end) for s in report.delivery.speech_segments]


def test_speech_the_default_decode_loses_comes_back(transcriber, clip):
    audio = load_audio(clip(LOST_CLIP))
    first = pipeline.transcribe_audio(audio, transcriber, CFG)
    regions = detect_speech(audio, CFG.vad)
    assert word_coverage(regions, first.words) < 0.5  # the failure reproduces: ~30 s lost

    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber)
    check_report(report, audio=True)
    words = list(report.words)
    assert word_coverage(regions_of(report), words) >= 0.97
    assert longest_uncovered_s(regions_of(report), words) < 1.0
    assert report.transcript.unrecognised == ()
    assert wer(LOST_SCRIPT, report.transcript.text) < 0.25
    assert report.delivery.wpm > CFG.pace.min_wpm  # espeak -s 160: no "pace too slow"
    assert not any(f.area == "pace" and "below" in f.message for f in report.feedback)


def test_a_first_pass_that_returned_nothing_is_redecoded(transcriber, clip):
    """As when a live (streaming) transcript missed everything: the shared pipeline recovers."""
    audio = load_audio(clip("jfk"))
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber,
                                    transcript=empty_transcript("faster-whisper", "tiny.en"))
    assert report.transcript.unrecognised == ()
    words = list(report.words)
    assert longest_uncovered_s(regions_of(report), words) < 1.0
    assert wer("And so my fellow Americans, ask not what your country can do for you, ask what "
               "you can do for your country.", report.transcript.text) < 0.25


def babble_after_speech(clip) -> tuple[np.ndarray, float, float]:
    """jfk, 0.8 s of silence, then 3 s of babble: five overlapping copies of jfk played
    backwards — voiced and speech-like to the VAD, but no words. Returns (audio, start, end)."""
    jfk = load_audio(clip("jfk"))
    backwards = jfk[::-1][:3 * SAMPLE_RATE]
    babble = sum(np.roll(backwards, k * SAMPLE_RATE * 3 // 4) for k in range(5))
    babble = (babble / np.max(np.abs(babble)) * 0.5).astype(np.float32)
    gap = np.zeros(int(0.8 * SAMPLE_RATE), np.float32)
    start = (jfk.size + gap.size) / SAMPLE_RATE
    return np.concatenate([jfk, gap, babble, gap]), start, start + 3.0


def test_speech_nothing_recognises_is_reported_shown_and_kept_out_of_pace(transcriber, clip,
                                                                         tmp_path):
    audio, b_start, b_end = babble_after_speech(clip)
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber)
    check_report(report, audio=True)
    lost = report.transcript.unrecognised
    assert len(lost) == 1
    inside = min(lost[0].end, b_end) - max(lost[0].start, b_start)
    assert inside >= 2.0  # the babble, not the speech around it
    assert not any(lost[0].start <= w.start <= lost[0].end for w in report.words)

    blind = pipeline.rescore(dataclasses.replace(
        report, transcript=dataclasses.replace(report.transcript, unrecognised=())), CFG)
    assert report.delivery.wpm > blind.delivery.wpm  # the babble is not slow speech
    assert report.feedback[0].area == "transcription"
    assert "not recognised" in report.feedback[0].message

    session = SessionData(meta=SessionReport("s", mode="practice", status="complete"),
                          answers=[report], id="s", path=tmp_path)
    assert f"\\[{UNRECOGNISED_LABEL} " in render_session_markdown(session)


# The unseen robustness set's reverberant clip (tests/data/README.md): tiny.en stamps "to" over
# 27.5-43.3 s and never decodes the last two sentences, whose text this is.
COLLAPSED_CLIP = "espeak_collapsed_timestamps_rp-f4_reverb"
COLLAPSED_TAIL = ("It now finishes in forty minutes, and the cost per run went down from, er, "
                  "thirty one dollars to nine. I also added an alert if the job has not finished "
                  "by six a m.")


def test_speech_under_a_collapsed_word_timestamp_comes_back(transcriber, clip):
    audio = load_audio(clip(COLLAPSED_CLIP))
    first = pipeline.transcribe_audio(audio, transcriber, CFG)
    regions = detect_speech(audio, CFG.vad)
    # the failure reproduces with the CTranslate2 build it was found with (Intel hosts); where
    # this build decodes the clip right, the outcome below must hold all the same
    if any(w.end - w.start > 10 for w in first.words):
        assert word_coverage(regions, first.words) < 0.8  # … and is counted as lost speech

    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber)
    words = list(report.words)
    assert word_coverage(regions_of(report), words) >= 0.97
    assert report.transcript.unrecognised == ()
    tail = [w.text for w in words if 28.0 <= w.start < 43.0 and w.end - w.start < 2.0]
    assert wer(COLLAPSED_TAIL, " ".join(tail)) < 0.6  # before: no word decoded there


# The robustness set's clean en-gb-scotland "intro-about-me" (tests/data/README.md): tiny.en hears
# nothing of this sentence in the first pass nor in the 1 s-context window of the lost-speech
# decode; the decode is deterministic, so the second round cuts a wider window.
LOST_WINDOW_CLIP = "espeak_lost_window_en-gb-scotland"
LOST_WINDOW_SENTENCE = ("Last year we moved from gradient boosted trees to a two tower neural model, "
                        "and click through rate went up by seven percent.")


def test_a_stretch_the_first_window_loses_is_decoded_again_in_a_wider_one(transcriber, clip):
    from voice_coach.recovery import FALLBACKS, recover_lost_speech

    audio = load_audio(clip(LOST_WINDOW_CLIP))
    first = pipeline.transcribe_audio(audio, transcriber, CFG)
    regions = detect_speech(audio, CFG.vad)
    same_window_twice = recover_lost_speech(audio, regions, first, transcriber, prompt=None,
                                            fallbacks=(FALLBACKS[0],) * 2)
    # with the CTranslate2 build the failure was found with, the same window twice keeps
    # losing the sentence; a build that hears it at once must still end with it recognised
    lost_twice = any(s.start_s <= 16.0 and s.end_s >= 20.0
                     for s in same_window_twice.unrecognised)
    assert lost_twice or not same_window_twice.unrecognised

    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber)
    assert report.transcript.unrecognised == ()
    words = [w.text for w in report.words if 14.5 <= (w.start + w.end) / 2 <= 21.8]
    assert wer(LOST_WINDOW_SENTENCE, " ".join(words)) < 0.5  # before: no word there


# QA29's a5 (tests/data/README.md): an 87 s espeak-ng coding answer. The first pass loses
# 57.6-86.2 s, the first round brings back only the words after 75.6 s, and the second round's
# wider window ends with a repetition loop the transcriber drops, so 18 s of clear speech stayed
# "not recognised". Decoded in pieces of at most `recovery.PIECE_S`, every piece is heard.
LOST_LONG_CLIP = "qa29_lost_long_stretch_en"
LOST_LONG_WORDS = ("This is O of n time and constant memory. To test it, I'd check that all "
                   "correct predictions give one, one, one, that all wrong gives zeros, and a "
                   "small hand example, like three true positives, one false positive and two "
                   "false negatives, which gives precision zero point seven five")


def test_a_long_stretch_two_whole_windows_lose_is_decoded_in_pieces(transcriber, clip):
    from voice_coach.recovery import FALLBACKS, PIECE_S, recover_lost_speech

    assert FALLBACKS[2].piece_s == PIECE_S
    audio = load_audio(clip(LOST_LONG_CLIP))
    first = pipeline.transcribe_audio(audio, transcriber, CFG)
    regions = detect_speech(audio, CFG.vad)
    whole = recover_lost_speech(audio, regions, first, transcriber, prompt=None,
                                fallbacks=FALLBACKS[:2])
    # with the CTranslate2 build the failure was found with, the two whole-window rounds leave
    # the stretch lost; a build that hears it at once must still end with it recognised
    lost = any(s.end_s - s.start_s >= 10.0 for s in whole.unrecognised)
    assert lost or not whole.unrecognised, whole.unrecognised

    pieces = recover_lost_speech(audio, regions, first, transcriber,
                                 prompt=pipeline.filler_prompt(CFG), fallbacks=FALLBACKS[:3])
    assert not any(s.end_s - s.start_s >= 1.0 for s in pieces.unrecognised), pieces.unrecognised
    words = [w.text for w in pieces.words if 57.4 <= (w.start + w.end) / 2 <= 75.8]
    assert wer(LOST_LONG_WORDS, " ".join(words)) < 0.5, words  # before: no word there


# QA47 F3: an English answer quoting one Swahili sentence (tests/data/LICENSES.md); tiny.en
# writes a video outro over the Swahili ("… thank you very much for watching, and I'll see you in
# the next …")
CODESWITCH_CLIP = "espeak_codeswitch_sw_en-gb"


def test_an_invented_outro_is_speech_not_recognised(transcriber, clip):
    from voice_coach.analysis.repeats import stock_phrase

    from voice_coach.recovery import recover_lost_speech

    audio = load_audio(clip(CODESWITCH_CLIP))
    first = pipeline.transcribe_audio(audio, transcriber, CFG)
    recovered = recover_lost_speech(audio, detect_speech(audio, CFG.vad), first, transcriber,
                                    prompt=pipeline.filler_prompt(CFG), guard=False)
    if not stock_phrase(recovered.words):
        # the failure reproduces (in the lost speech's decode) only where CTranslate2's CPU
        # kernels decode the Swahili as on the machine the clip was recorded for: an AMD EPYC
        # decodes it without the outro, and there is nothing for the guard to mark
        pytest.skip("this CPU's tiny.en decode writes no outro over the Swahili")
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber)
    assert not stock_phrase(report.words), report.transcript.text
    (gap,) = [u for u in report.transcript.unrecognised if 19.0 < u.start < 30.0]
    assert "stock phrase" in gap.reason
    # the English around it is kept, and no pace window is built on the invented words
    assert "she was exhausted" in report.transcript.text
    assert "in her own words" in report.transcript.text


# QA127's a10 (tests/data/LICENSES.md): an espeak-ng en-gb+m4 answer to nlp-review-sentiment-2
# quoting a customer's SMS in Russian (espeak-ng -v ru, 10.3–18.7 s); tiny.en writes "We'll read
# it again." four times over the Russian, unsure of the first telling.
LOOP_CLIP = "espeak_codeswitch_ru_en-gb-m4"


def test_a_loop_over_speech_in_another_language_is_speech_not_recognised(transcriber, clip):
    from voice_coach.analysis.repeats import loops
    from voice_coach.recovery import LOOPED, recover_lost_speech

    audio = load_audio(clip(LOOP_CLIP))
    first = pipeline.transcribe_audio(audio, transcriber, CFG)
    unguarded = recover_lost_speech(audio, detect_speech(audio, CFG.vad), first, transcriber,
                                    prompt=pipeline.filler_prompt(CFG), guard=False)
    assert [lp.times for lp in loops(unguarded.words)] == [4]  # the failure reproduces
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber)
    assert not loops(report.words), report.transcript.text
    (gap,) = report.transcript.unrecognised
    assert gap.start < 12.0 and gap.end > 17.0 and gap.reason == LOOPED
    # the English either side is kept; the feedback says so first; pace leaves the stretch out
    assert "I will read it" in report.transcript.text
    assert "restructuring team" in report.transcript.text
    assert report.feedback[0].area == "transcription"
    blind = pipeline.rescore(dataclasses.replace(
        report, transcript=dataclasses.replace(report.transcript, unrecognised=())), CFG)
    assert report.delivery.wpm > blind.delivery.wpm  # 8 s of Russian are not slow speech


# QA136's a9 (tests/data/LICENSES.md): an espeak-ng en-us answer to intro-tell-me-about-yourself-1
# that opens "So my first job was in Davao, at a banana exporter, and, uh, uh, uh, uh, uh, uh,
# uh, the main problem…"; tiny.en hears nothing of its first seconds in the first pass, and no
# beam fallback (wide window, pieces) brings them back.
UH_RUN_CLIP = "espeak_uh_run_lost_en-us_qa136"


def test_the_greedy_round_brings_back_what_every_beam_decode_lost(transcriber, clip):
    from voice_coach.recovery import FALLBACKS, GREEDY, recover_lost_speech

    audio = load_audio(clip(UH_RUN_CLIP))
    regions = detect_speech(audio, CFG.vad)
    first = pipeline.transcribe_audio(audio, transcriber, CFG)
    prompt = pipeline.filler_prompt(CFG)
    assert FALLBACKS[-1].decode == GREEDY
    beams = recover_lost_speech(audio, regions, first, transcriber, prompt=prompt,
                                fallbacks=FALLBACKS[:-1])
    (lost,) = beams.unrecognised  # the failure reproduces
    assert lost.start_s < 1.0 and lost.end_s > 4.0
    twice = [recover_lost_speech(audio, regions, first, transcriber, prompt=prompt)
             for _ in range(2)]
    assert not twice[0].unrecognised
    assert [w.text for w in twice[0].words] == [w.text for w in twice[1].words]
    opening = [w for w in twice[0].words if w.end < lost.end_s]
    assert len(opening) >= 8, twice[0].text
    assert word_coverage(regions, twice[0].words) >= 0.97


# QA142 F1 (session 57's tester, tests/data/LICENSES.md): an espeak-ng en-gb+m4 answer to
# lp-customer-obsession-3 with a second voice 20 dB quieter; tiny.en writes a sentence never said
# ("and I just wanted to see how much of the messages I had to do.") as 15 words at one instant
SQUEEZED_CLIP = "espeak_second_voice_ka_en_qa142"
SQUEEZED_SAID = ("I changed the direction. I collected real mixed messages, I added a "
                 "transliteration step, and we retrained.")


def test_words_stamped_at_one_instant_are_decoded_again(transcriber, clip):
    from voice_coach.analysis.repeats import squeezed_runs

    audio = load_audio(clip(SQUEEZED_CLIP))
    first = pipeline.transcribe_audio(audio, transcriber, CFG)
    if not squeezed_runs(first.words):
        # as with the outro above: only where CTranslate2's CPU kernels decode it as the
        # tester's machine did
        pytest.skip("this CPU's tiny.en decode stamps no words at one instant here")
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber)
    assert not squeezed_runs(report.transcript.words)
    assert "how much of the messages" not in report.transcript.text
    heard = " ".join(w.text for w in report.transcript.words if 26.5 <= w.start <= 36.0)
    assert jiwer.wer(SQUEEZED_SAID.lower(), heard.lower()) < 0.35, heard
