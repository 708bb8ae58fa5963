"""The invention guard (issue 12, QA8 F20/F28): a stretch whose words repeat an earlier stretch
of the answer, or words over no speech, are decoded again on their own; real repeats stay.

Pure detection on hand-made word lists; the guard itself with real tiny.en on real espeak-ng
audio (tests/data/audio/repeat9_*.flac, scripts below)."""

from __future__ import annotations

import dataclasses

import pytest

from voice_coach import pipeline
from voice_coach.analysis.fillers import normalize
from voice_coach.analysis.repeats import (LOOP, NO_SPEECH, REPEAT, SQUEEZED, find_suspects, loops,
                                          repeat_groups)
from voice_coach.analysis.vad import SpeechRegion, detect_speech
from voice_coach.audio import load_audio
from voice_coach.config import Config
from voice_coach.recovery import REPEATED, guard_inventions, recover_lost_speech
from voice_coach.report import UNRECOGNISED_LABEL, marked_transcript
from voice_coach.report_model import AnswerReport, LostSpan, TranscriptInfo
from voice_coach.report_model import Word as SavedWord
from voice_coach.transcriber import (
    Segment,
    Transcript,
    UnrecognisedStretch,
    Word,
)

CFG = Config()
# espeak-ng -v en-us -s 150, 16 kHz FLAC
BILLING = "repeat9_billing_en-us"
BILLING_SCRIPT = (
    "I led the move of our billing service to a new database. The old system failed every "
    "month during the invoice run. I wrote a plan, and we moved one customer group per week. "
    "The invoice run now finishes in twenty minutes instead of four hours. I learned to move "
    "step by step, and to measure every step.")
# espeak-ng -v en-gb -s 155: the speaker really says one sentence twice
SAID_TWICE = "repeat9_said_twice_en-gb"
SAID_TWICE_SCRIPT = (
    "We tested the new ranking on one region first. Then we waited a week and checked the "
    "numbers. We tested the new ranking on one region first, because a bad launch costs trust. "
    "It worked, so we rolled it out everywhere.")


def timed(text: str, start_s: float = 0.0, step_s: float = 0.4, p: float = 0.9) -> list[Word]:
    return [Word(t, start_s + k * step_s, start_s + (k + 1) * step_s - 0.05, p)
            for k, t in enumerate(text.split())]


def as_transcript(words: list[Word]) -> Transcript:
    return Transcript(" ".join(w.text for w in words), words,
                      [Segment(words[0].start, words[-1].end,
                               " ".join(w.text for w in words), tuple(words))])


def content(words) -> list[str]:
    return [normalize(w.text) for w in words if normalize(w.text)]


# --- detection (pure) ---------------------------------------------------------------------

def test_a_sentence_written_again_later_is_a_repeat():
    words = (timed("I was sure that fine tuning would beat retrieval on our documents.")
             + timed("So I stopped and wrote a note for the team.", 10.0)
             + timed("I was sure that fine tuning would beat retrieval", 20.0))
    groups = repeat_groups(words)
    assert len(groups) == 1
    first, last, n = groups[0]
    assert words[first].start == 20.0 and n >= 6


@pytest.mark.parametrize("text", [
    # a real repeated phrase: too short to be a suspect
    "We moved step by step through the backlog. Later the team went step by step again",
    # a repeated 3-word phrase twice, far apart, with other words around it
    "The validation error was high. We fixed the data. Now the validation error is low",
])
def test_short_repeated_phrases_are_not_suspects(text):
    words = timed(text, step_s=0.9)  # ≥ 4 s between the two occurrences
    assert repeat_groups(words) == []


def test_fillers_do_not_make_a_repeat():
    words = timed("uh, um, uh, so we uh, um, uh shipped it and uh, um, uh, it worked", step_s=1.0)
    assert repeat_groups(words) == []


def test_words_over_no_speech_are_suspects():
    said = timed("The invoice run now finishes in twenty minutes.")
    tail = [Word("Really", said[-1].end, said[-1].end + 0.2, 0.1),
            Word("good.", said[-1].end + 0.2, said[-1].end + 0.45, 0.3)]
    segments = [Segment(said[0].start, said[-1].end, "", tuple(said)),
                Segment(tail[0].start, tail[-1].end, "Really good.", tuple(tail))]
    regions = [SpeechRegion(0.0, said[-1].end + 0.15)]
    suspects = find_suspects(said + tail, segments, regions)
    assert [(s.reason, s.words) for s in suspects] == [(NO_SPEECH, 2)]
    assert find_suspects(said, segments[:1], regions) == []


def test_words_recovered_under_a_collapsed_word_are_not_over_no_speech():
    # The first pass stamped "platform" over 9 s of speech it never decoded (a failed span);
    # the lost-speech recovery put that speech's words in a segment of their own. The collapsed
    # word takes its first coverage.WORD_MAX_S of speech at most, so the recovered words lie on
    # speech nobody else covers: not a suspect (session 25: the guard used to "replace" them and
    # drop the collapsed word, leaving the 2 s it did cover without any word).
    said = timed("So we moved the whole", 10.0)
    collapsed = Word("platform", said[-1].end, said[-1].end + 9.0, 0.3)
    recovered = timed("to a queue that the team could replay after every failed deploy",
                      collapsed.start + 2.5, step_s=0.5)
    segments = [Segment(said[0].start, collapsed.end, "", (*said, collapsed)),
                Segment(recovered[0].start, recovered[-1].end, "", tuple(recovered))]
    regions = [SpeechRegion(9.9, collapsed.end + 0.2)]
    assert find_suspects([*said, collapsed, *recovered], segments, regions) == []


def test_words_inside_an_ordinary_word_span_are_still_over_no_speech():
    # Near case: the same recovered words laid inside another segment's ordinary words (each
    # shorter than WORD_MAX_S) have no speech of their own: still a suspect.
    said = timed("So we moved the whole platform from nightly batch jobs onto a small event "
                 "stream and then we measured how long each customer waited", 10.0)
    inside = timed("to a queue that the team could replay", 11.0, step_s=0.5)
    segments = [Segment(said[0].start, said[-1].end, "", tuple(said)),
                Segment(inside[0].start, inside[-1].end, "", tuple(inside))]
    regions = [SpeechRegion(9.9, said[-1].end + 0.05)]
    suspects = find_suspects([*said, *inside], segments, regions)
    assert [(s.reason, s.words) for s in suspects] == [(NO_SPEECH, len(inside))]


def test_a_repeat_left_unrecognised_says_why_in_every_view():
    out = pipeline.report_stretches([UnrecognisedStretch(20.0, 26.0, REPEATED),
                                     UnrecognisedStretch(30.0, 31.5)])
    assert out == (LostSpan(20.0, 26.0, REPEATED), LostSpan(30.0, 31.5, None))
    report = AnswerReport(transcript=TranscriptInfo(
        "Hello", words=(SavedWord("Hello", 0.2, 0.6),), unrecognised=out))
    labels = [t.text for t in marked_transcript(report) if t.kind == "unrecognised"]
    assert labels == [f"{UNRECOGNISED_LABEL} — {REPEATED}", UNRECOGNISED_LABEL]
    assert pipeline.saved_stretches(AnswerReport.from_json(report.to_json()))[0].reason == REPEATED


# --- the guard, real Whisper on real audio --------------------------------------------------

def first_pass(transcriber, name, clip):
    audio = load_audio(clip(name))
    regions = detect_speech(audio, CFG.vad)
    text = pipeline.transcribe_audio(audio, transcriber, CFG)
    return audio, regions, recover_lost_speech(audio, regions, text, transcriber,
                                               prompt=pipeline.filler_prompt(CFG), guard=False)


def with_opening_over_the_end(t: Transcript) -> tuple[Transcript, float, float]:
    """The F20 shape: the last sentence's words replaced by the first sentence's, confident,
    squeezed into the last sentence's time."""
    ends = [i for i, w in enumerate(t.words) if w.text.rstrip().endswith(".")]
    assert len(ends) >= 3, t.text
    opening = t.words[:ends[0] + 1]
    last = t.words[ends[-2] + 1:]
    a, b = last[0].start, last[-1].end
    step = (b - a) / len(opening)
    fake = [Word(w.text, a + k * step, a + (k + 1) * step - 0.02, 0.98)
            for k, w in enumerate(opening)]
    words = t.words[:ends[-2] + 1] + fake
    seg = Segment(words[0].start, words[-1].end, " ".join(w.text for w in words), tuple(words))
    return dataclasses.replace(t, text=seg.text, words=words, segments=[seg]), a, b


def _probable(words: list[Word], probs: list[float]) -> list[Word]:
    return [w._replace(probability=p) for w, p in zip(words, probs)]


def test_an_unsure_loop_of_one_sentence_is_a_suspect():
    """QA127 F1: Whisper's loop over a sentence in another language, unsure at first and surer
    as it goes on; too short for the gzip check of a segment."""
    said = timed("and I will read it as it was written.", 8.0)
    loop = _probable(timed("We'll read it again. " * 4, 11.2, step_s=0.35),
                     [0.04, 0.0, 0.06, 0.1] + [0.5, 0.4, 0.8, 0.9] * 3)
    words = said + loop + timed("Our classifier had to route this message.", 19.2)
    assert [(lp.unit, lp.times) for lp in loops(words)] == [(4, 4)]
    (sp,) = find_suspects(words, as_transcript(words).segments, [SpeechRegion(7.9, 22.0)])
    assert sp.reason == LOOP and sp.words == 16
    assert sp.start_s <= 11.2 and sp.end_s >= loop[-1].end


@pytest.mark.parametrize("text", [
    "thank you, thank you, thank you all for the help",  # said on purpose: heard surely
    "we tried again and again and again until it held",  # one word looped is not a unit
    "step by step, step by step we moved the customers",  # said twice, not three times
])
def test_phrases_said_again_on_purpose_are_not_suspect_loops(text):
    words = timed(text)
    assert not loops(words) or text.startswith("thank")
    speech = [SpeechRegion(0.0, words[-1].end)]
    assert not find_suspects(words, as_transcript(words).segments, speech)
    unsure = _probable(words, [0.2] * len(words))
    assert bool(find_suspects(unsure, as_transcript(unsure).segments, speech)) == bool(loops(words))


def _at_one_instant(text: str, at_s: float, probs: list[float]) -> list[Word]:
    return [Word(t, at_s, at_s, p) for t, p in zip(text.split(), probs)]


def test_unsure_words_stamped_at_one_instant_are_a_suspect():
    """QA142 F1: beside a faint second voice tiny.en wrote a sentence never said, twelve words
    at 29.98 s with no length, p 0.03-0.28; they were counted and the pace tip turned wrong."""
    said = timed("I collected real mixed messages,", 28.2)
    squeezed = _at_one_instant("and I just wanted to see how much of the messages I had to do.",
                               30.2, [0.54, 0.23, 0.03, 0.09, 0.85, 0.04, 0.24, 0.15, 0.1, 0.18,
                                      0.12, 0.28, 0.15, 0.05, 0.17])
    words = said + squeezed + timed("I added a transliteration step.", 30.2)
    (sp,) = find_suspects(words, as_transcript(words).segments, [SpeechRegion(28.0, 32.5)])
    assert sp.reason == SQUEEZED and sp.words == 15
    assert sp.start_s <= 28.2 and sp.end_s >= 30.2  # widened to the segment and its speech


@pytest.mark.parametrize("text, probs", [
    ("uh, uh, uh, um,", [0.2, 0.1, 0.2, 0.1]),  # fillers stamped with no length keep their count
    ("and the model", [0.9, 0.95, 0.9]),  # sure words: a quick phrase Whisper stamped short
    ("and the", [0.1, 0.1]),  # two words are no run
])
def test_fillers_sure_or_too_few_words_at_one_instant_are_no_suspect(text, probs):
    words = timed("We shipped it on Monday,", 1.0) + _at_one_instant(text, 3.0, probs) \
        + timed("and it held.", 3.0)
    assert not find_suspects(words, as_transcript(words).segments, [SpeechRegion(0.9, 4.5)])


@pytest.mark.slow
def test_the_real_answer_has_no_suspect_and_keeps_step_by_step(transcriber, clip):
    audio, regions, t = first_pass(transcriber, BILLING, clip)
    assert "step" in content(t.words)
    guarded, events = guard_inventions(audio, regions, t, transcriber)
    assert [e for e in events if e.outcome != "confirmed"] == []
    assert content(guarded.words) == content(t.words)


@pytest.mark.slow
def test_a_repeat_of_the_opening_over_the_end_is_decoded_again(transcriber, clip):
    audio, regions, t = first_pass(transcriber, BILLING, clip)
    broken, a, b = with_opening_over_the_end(t)
    assert "learned" not in content(broken.words)
    fixed, events = guard_inventions(audio, regions, broken, transcriber)
    assert [e.reason for e in events] == [REPEAT]
    assert events[0].outcome == "replaced"
    end = content(w for w in fixed.words if w.start >= a - 0.5)
    assert "learned" in end and "measure" in end
    assert content(fixed.words).count("billing") == 1
    assert fixed.unrecognised == ()


@pytest.mark.slow
def test_a_sentence_the_speaker_really_says_twice_stays(transcriber, clip):
    audio, regions, t = first_pass(transcriber, SAID_TWICE, clip)
    said = " ".join(content(t.words))
    assert said.count("one region first") == 2, t.text
    guarded, events = guard_inventions(audio, regions, t, transcriber)
    assert [e.reason for e in events] == [REPEAT]  # the guard did look at it …
    assert events[0].outcome == "confirmed"  # … and the decode of that audio alone heard it
    assert " ".join(content(guarded.words)) == said
    assert guarded.unrecognised == ()


@pytest.mark.slow
def test_words_invented_after_the_end_are_dropped(transcriber, clip):
    audio, regions, t = first_pass(transcriber, BILLING, clip)
    end = t.words[-1].end
    okay = Word("Okay.", end + 0.02, end + 0.4, 0.6)
    padded = dataclasses.replace(
        t, text=t.text + " Okay.", words=[*t.words, okay],
        segments=[*t.segments, Segment(okay.start, okay.end, "Okay.", (okay,))])
    fixed, events = guard_inventions(audio, regions, padded, transcriber)
    assert [(e.reason, e.outcome) for e in events] == [(NO_SPEECH, "dropped")]
    assert content(fixed.words) == content(t.words)


@pytest.mark.slow
def test_every_path_through_the_pipeline_is_guarded(transcriber, clip):
    """`analyze_audio` with a transcript made elsewhere (the streaming path's) is guarded too."""
    audio, _, t = first_pass(transcriber, BILLING, clip)
    broken, a, _ = with_opening_over_the_end(t)
    report = pipeline.analyze_audio(audio, cfg=CFG, transcriber=transcriber, transcript=broken)
    said = content(report.transcript.words)
    assert "learned" in said and said.count("billing") == 1


def test_a_squeezed_stretch_decoded_again_keeps_the_first_pass_timed_hesitations():
    """hear57 (session 58): the decode alone, with no filler prompt, left out "uh" of "to be
    accurate, uh, four years ago"; the squeeze puts only the words at one instant in doubt."""
    from voice_coach.analysis.repeats import Suspect
    from voice_coach.recovery import _decide

    before = timed("That got me moving,", 40.0) + [Word("uh,", 41.7, 42.0, 0.6)] \
        + _at_one_instant("into the data to be", 42.1, [0.1] * 5)
    new = timed("That got me moved into the data team", 40.0, step_s=0.2) \
        + timed("four years ago.", 42.1)
    outcome, added = _decide(Suspect(40.0, 43.4, SQUEEZED, 5), before, new, [])
    assert outcome == "replaced"
    assert [w.text for w in added if w.text == "uh,"] == ["uh,"]
    assert [w.start for w in added] == sorted(w.start for w in added)
