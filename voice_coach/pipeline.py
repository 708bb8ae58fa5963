"""Wiring of the analysis stages into one report (no metric is computed here).

audio → VAD speech regions + Whisper transcript → delivery + structure → coach →
`report_model.AnswerReport` (schema: DESIGN.md "Report schema"; JSON only when the store writes
it). `rescore` re-runs the pure stages on a saved report under new thresholds without
re-transcribing.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from voice_coach.analysis.acoustic_fillers import (
    AcousticFiller,
    FillerModel,
    detect_acoustic_fillers,
)
from voice_coach.analysis.background import background_voice, without_background
from voice_coach.analysis.delivery import Delivery, analyze_delivery, clean_regions, invented_tail
from voice_coach.analysis.echoes import check_fillers, sound_bursts, spelled_hesitations
from voice_coach.analysis.facts import reconcile
from voice_coach.analysis.intervals import subtract
from voice_coach.analysis.hearing import hearing_signals, transcript_unreliable
from voice_coach.analysis.prosody import (
    Prosody,
    ProsodyTrack,
    analyze_prosody,
    extract_track,
    track_from_info,
)
from voice_coach.analysis.embed import cosine_matrix
from voice_coach.analysis.structure import Structure, analyze_structure, key_point_hits
from voice_coach.analysis.think_aloud import (
    PromptEvent, ThinkAloud, analyze_think_aloud, find_markers,
)
from voice_coach.analysis.quiet import TOO_QUIET, with_quiet
from voice_coach.analysis.vad import (
    HeardSpeech,
    SileroVad,
    SpeechRegion,
    frame_levels_db,
    load_vad_model,
    speech_and_levels,
)
from voice_coach.audio import (
    SAMPLE_RATE,
    audio_file_duration_s,
    duration_s,
    iter_audio_windows,
    load_audio,
    split_at_quiet,
)
from voice_coach.coach import FollowUpContext, coach, settle_drill_markers, with_follow_up
from voice_coach.config import Config
from voice_coach.embedder import shared_meaning_model
from voice_coach.errors import AudioError
from voice_coach.follow_ups import asked_terms, fill, rubric
from voice_coach.models import acoustic_filler_arrays
from voice_coach.questions import answer_kind
from voice_coach.recovery import mark_faint_voice, recover_lost_speech
from voice_coach.report_model import (
    AnswerReport, AudioInfo, DeliveryInfo, FeedbackItem, LostSpan, Question, RecordingInfo,
    ROUND_DIGITS, Scores, Timings, TranscriptInfo,
)
from voice_coach.transcriber import (
    FILLER_PROMPT,
    Transcriber,
    Transcript,
    UnrecognisedStretch,
    Word,
    edit_words,
)

log = logging.getLogger(__name__)


def question_info(question: Any | None) -> Question | None:
    """The report's `question` block from a `questions.Question` (or None)."""
    if question is None:
        return None
    return Question(question.id, question.text, question.kind, question.category)


def report_words(words: Sequence[Word]) -> tuple[Word, ...]:
    """Words as saved: seconds and probability rounded to 3 decimals."""
    return tuple(Word(w.text, round(w.start, 3), round(w.end, 3), round(float(w.probability), 3))
                 for w in words)


def report_stretches(stretches: Sequence[UnrecognisedStretch],
                     quiet: Sequence[SpeechRegion] = ()) -> tuple[LostSpan, ...]:
    """`transcript.unrecognised`; a stretch mostly inside quiet speech (`analysis.quiet`) has
    the reason "too quiet"; otherwise the stretch keeps its own (`recovery.REPEATED`)."""
    out = []
    for s in stretches:
        inside = sum(max(0.0, min(s.end_s, q.end_s) - max(s.start_s, q.start_s)) for q in quiet)
        out.append(LostSpan(round(s.start_s, 3), round(s.end_s, 3),
                            TOO_QUIET if inside > (s.end_s - s.start_s) / 2 else s.reason))
    return tuple(out)


def saved_stretches(report: AnswerReport) -> tuple[UnrecognisedStretch, ...]:
    """`transcript.unrecognised` of a saved report as the stages' type (None → ())."""
    return tuple(UnrecognisedStretch(float(s.start), float(s.end), s.reason)
                 for s in report.transcript.unrecognised or () if s.end > s.start)


class FollowUpOf(NamedTuple):
    """The answer being analysed replies to a follow-up question about an earlier answer."""

    kind: str  # the follow-up key, e.g. "no_baseline"
    parent: AnswerReport | None  # the report of the answer it was about (None: unknown)
    asked: tuple[str, ...] = ()  # follow-up keys asked about that answer before this one
    asked_texts: tuple[str, ...] = ()  # follow-up questions spoken so far (this one included)
    parent_text: str | None = None  # that answer's transcript when its report is not given


def _timings(timings: dict[str, float | None]) -> Timings:
    return Timings(**{k: (round(v, 3) if isinstance(v, float) else v) for k, v in timings.items()})


def build_report(*, question: Any | None, audio_info: AudioInfo | None,
                 transcript: TranscriptInfo, delivery: Delivery | None, structure: Structure,
                 coaching: Any, timings: Timings,
                 think_aloud: ThinkAloud | None = None,
                 prosody: Prosody | None = None) -> AnswerReport:
    """Assemble the typed report from the stage results; blocks a mode cannot compute are None.

    Each stage's value writes its own block as the report's frozen type (`info()`, which owns
    the rounding). The `structure` block is the coach's reconciled facts (`Coaching.facts`) when there
    are any, so the block and every feedback line come from one reading of the answer.
    """
    facts = getattr(coaching, "facts", None) or structure
    check = getattr(coaching, "follow_up_check", None)
    return AnswerReport(
        question=question_info(question),
        audio=audio_info,
        transcript=transcript,
        delivery=delivery.info() if delivery else None,
        structure=facts.info(),
        prosody=prosody.info() if prosody else None,
        scores=coaching.scores,
        feedback=tuple(dataclasses.replace(f, at_s=None if f.at_s is None else round(f.at_s, 2))
                       for f in coaching.feedback),
        follow_up=coaching.follow_up,
        follow_up_key=coaching.follow_up_key,
        follow_up_kind=check.kind if check is not None else None,
        follow_up_check=check.info() if check is not None else None,
        timings=timings,
        think_aloud=think_aloud.info() if think_aloud is not None else None,
        no_content=bool(getattr(coaching, "no_content", False)),
        unheard=getattr(coaching, "unheard", None),
    )


def no_speech_message(duration_s: float) -> str:
    """What to tell the user about an answer in which the VAD found no speech at all."""
    return (f"No speech found ({duration_s:.1f} s of silence or noise) — check that the "
            "microphone was on (`voice-coach devices`) and answer again; this answer is not "
            "scored and not counted in progress.")


def mark_no_speech(report: AnswerReport) -> AnswerReport:
    """`report` unscored when its audio holds no speech region: scores None, no follow-up, one
    feedback line saying why — the same judgement `analyze` refuses a file on. Any other
    report is returned as it is."""
    if report.delivery is None or report.delivery.speech_segments:
        return report
    duration = float(report.audio.duration_s or 0.0) if report.audio is not None else 0.0
    return dataclasses.replace(
        report, no_speech=True, scores=Scores(None, None, None, None), follow_up=None,
        follow_up_key=None,
        feedback=(FeedbackItem("speech", "warn", None, no_speech_message(duration)),))


def saved_answer(report: AnswerReport, *, n: int, text: str | None, follow_up: bool,
                 attempt: int, recording: RecordingInfo, created_at: str | None,
                 extra_prosody_s: float = 0.0) -> AnswerReport:
    """An analysed answer as a session saves it (live round, drill and `recover` alike): no
    speech → unscored, the question as it was spoken, its number, the answer it follows up
    (`n - 1`), attempt, how the recording went. A reply to a follow-up carries no follow-up
    of its own: a round asks one follow-up per question, so no report (a recovered one
    neither) shows a question that was never asked. `extra_prosody_s` (the wait for the
    streamed pitch track) is added to `timings.prosody_s`."""
    report = mark_no_speech(report)
    question = report.question
    if question is not None and text:
        question = dataclasses.replace(question, text=text)
    timings = report.timings
    if timings.prosody_s is not None and extra_prosody_s:
        timings = dataclasses.replace(timings,
                                      prosody_s=round(timings.prosody_s + extra_prosody_s, 3))
    if follow_up:
        report = dataclasses.replace(report, follow_up=None, follow_up_key=None)
    return dataclasses.replace(report, question=question, timings=timings, n=n,
                               follow_up_of=n - 1 if follow_up else None, attempt=attempt,
                               created_at=created_at, recording=recording)


def _kind(question: Any | None, told_as: str | None = None) -> str | None:
    """The kind the answer is coached as (`questions.answer_kind`); `told_as` is the kind the
    structure analysis inferred from the answer."""
    return answer_kind(question, told_as)


def _structure(text: str, words: Sequence[Word], question: Any | None, *,
               follow_up: bool = False) -> Any:
    """`analyze_structure` with the question's kind and key points (a follow-up answer is judged
    on what the follow-up asked, not on the question's key points)."""
    key_points = tuple(question.key_points) if question is not None and not follow_up else ()
    return analyze_structure(text, words=words or None, kind=_kind(question),
                             key_points=key_points, model=shared_meaning_model(),
                             question=question.text if key_points else None,
                             story_asked=follow_up or getattr(question, "story", True))


def asked_point_made(text: str, words: Sequence[Word], question: Any | None,
                     kind: str) -> str | None:
    """The key point a question's own wording of follow-up `kind` asks about, when the reply
    makes it — judged by meaning on the reply alone, as an answer's key points are ("The ROC
    area hides that" makes "ROC area can look good under heavy imbalance" for "Why can the ROC
    curve be misleading here?", though the reply never says "curve": QA71 F1) —, else None.
    The point asked about is the one naming the wording's asked words; of several, the one
    closest in meaning to the wording. None without the meaning model."""
    terms = asked_terms(question, kind)
    model = shared_meaning_model()
    if not terms or model is None:
        return None
    named = [p for p in question.key_points if key_point_hits(p, " ".join(terms))[0]]
    if not named:
        return None
    wording = dict(question.follow_ups)[kind]
    vectors = model.embedder.embed([wording, *named])
    point = named[int(np.argmax(cosine_matrix(vectors[:1], vectors[1:])[0]))]
    return point if point in _structure(text, words, question).key_points.covered else None


def _markers(text: str, words: Sequence[Word], kind: str) -> dict[str, Any] | None:
    """Think-aloud reasoning markers of a technical or coding answer (they count for its shape:
    one vocabulary for drills and plain answers)."""
    if kind not in ("technical", "coding"):
        return None

    return find_markers(list(words) if words else text.split())


def _report_words(report: AnswerReport) -> tuple[str, list[Word]]:
    return report.transcript.text or "", list(report.words)


def _prosody(track: Any | None, regions: Sequence[Any] | None, words: Sequence[Word],
             cfg: Config, unrecognised: Sequence[UnrecognisedStretch] = ()) -> Any | None:
    """Prosody from a pitch/energy track (None without audio, or when `prosody.enabled` is off),
    over recognised speech only: speech in `unrecognised` stretches is cut out of the regions,
    so no voice advice or score rests on a stretch the transcript marks as not recognised.

    Track, regions and words are taken as the report saves them (`ProsodyTrack.as_saved`,
    times to `ROUND_DIGITS`, `report_words`), so an answer's report and a re-score of it
    (`rescore`, `tune`) start from exactly the same numbers."""
    if track is None or regions is None or not cfg.prosody.enabled:
        return None
    track = track.as_saved()
    dur = len(track.hz) * track.step_s
    saved = [SpeechRegion(round(r.start_s, ROUND_DIGITS), round(r.end_s, ROUND_DIGITS))
             for r in regions]
    heard = subtract(((r.start_s, r.end_s) for r in clean_regions(saved, dur)),
                     ((u.start_s, u.end_s) for u in unrecognised))
    return analyze_prosody(track, [SpeechRegion(s, e) for s, e in heard], report_words(words),
                           cfg.prosody)


def _analyze_parts(text: str, words: Sequence[Word], regions: Sequence[Any] | None,
                   dur_s: float | None, cfg: Config, question: Any | None, *,
                   prompts: Sequence[Any] | None = None,
                   excluded: Sequence[tuple[float, float]] = (),
                   unrecognised: Sequence[UnrecognisedStretch] = (),
                   follow_up: FollowUpOf | None = None, acoustic: Sequence[Any] = (),
                   prosody: Any | None = None, quiet: Sequence[SpeechRegion] = (),
                   background: Sequence[SpeechRegion] = (),
                   releases: Sequence[SpeechRegion] = (),
                   onsets: Sequence[SpeechRegion] = ()):
    """Pure stages: delivery (when audio exists), structure, think-aloud (a drill: `prompts`
    not None), coaching (with `prosody` when there is one). Returns (delivery, structure,
    coaching, think_aloud).

    Speech in `unrecognised` stretches is left out of pace (delivery), and the coach says that
    structure and key points rest on the recognised speech only."""
    delivery = None
    think_aloud = None
    if regions is not None and dur_s is not None:
        delivery = analyze_delivery(regions, words, dur_s, cfg, acoustic,
                                    unrecognised=unrecognised, quiet=quiet,
                                    background=background, releases=releases,
                                    onsets=onsets)
        if prompts is not None:
            think_aloud = analyze_think_aloud(regions=regions, words=words, duration_s=dur_s,
                                              prompts=prompts, cfg=cfg, excluded=excluded)
    if regions is not None and dur_s is not None:
        text, words = without_invented_tail(text, words, regions, dur_s)
    structure = _structure(text, words, question, follow_up=follow_up is not None)
    kind = _kind(question, structure.kind)
    context = None
    if follow_up is not None:
        original = (original_facts(follow_up.parent, cfg, question)
                    if follow_up.parent is not None else None)
        context = FollowUpContext(follow_up.kind, follow_up.asked, original,
                                  follow_up.asked_texts, follow_up.parent_text,
                                  asked_point_made(text, words, question, follow_up.kind))
        if original is not None:  # a reply continues its answer: coached as that answer's kind
            kind = original.kind
    markers = _markers(text, words, kind or structure.kind)
    # a transcript the transcriber wrote unsure of its words in a degraded recording is not
    # judged for what it says (QA14 F09); a typed transcript (no audio) is what was meant
    unheard = (transcript_unreliable(hearing_signals(words, prosody, delivery))
               if delivery is not None else None)
    coaching = coach(delivery=delivery, structure=structure, question=question, cfg=cfg,
                     kind=kind, think_aloud=think_aloud, unrecognised=unrecognised,
                     follow_up=context, markers=markers, prosody=prosody, unheard=unheard)
    if think_aloud is not None and coaching.facts is not None:
        think_aloud = dataclasses.replace(  # the marker table agrees with the feedback
            think_aloud, markers=settle_drill_markers(think_aloud.markers, coaching.facts,
                                                      question))
    return delivery, structure, coaching, think_aloud


def without_invented_tail(text: str, words: Sequence[Word], regions: Sequence[Any],
                          dur_s: float) -> tuple[str, list[Word]]:
    """`text` and `words` without the words Whisper appended after the answer ended
    (`delivery.invented_tail`: not counted, printed as unsure), so the structure does not read
    them either (QA8 F28: "… feature engineering. Really good.")."""
    tail = invented_tail(sorted(words, key=lambda w: (w.start, w.end)),
                         clean_regions(regions, dur_s))
    if not tail:
        return text, list(words)
    said = " ".join(w.text.strip() for w in tail)
    body = text.rstrip()
    if body.endswith(said):
        text = body[:-len(said)].rstrip()
    out = {id(w) for w in tail}
    return text, [w for w in words if id(w) not in out]


def original_facts(report: AnswerReport, cfg: Config, question: Any | None) -> Any:
    """The reconciled facts of a saved answer (its structure re-read from its transcript), as
    its report judged them: with the speech the transcriber lost (a key point that may lie in
    it is "not heard", not missed) and the transcript's unreliability. (QA29: a coding answer
    with 18 s lost scored content 100 with the test-cases point not heard; re-read without the
    lost speech, that point was missed, and the follow-up that supplied it showed the answer
    "85 → 84".)"""
    text, words = _report_words(report)
    s = _structure(text, words, question)
    kind = _kind(question, s.kind)
    return coach(delivery=None, structure=s, question=question, cfg=cfg, kind=kind,
                 unrecognised=report.transcript.unrecognised or (), unheard=report.unheard,
                 markers=_markers(text, words, kind or s.kind)).facts


def merge_follow_up(parent: AnswerReport, answer: AnswerReport, cfg: Config,
                    question: Any | None) -> AnswerReport:
    """`parent` with its `with_follow_up` block: what its follow-up answer supplied and the
    parent's scores with it merged in (`parent` unchanged when `answer` is no follow-up, or
    when nothing could check what its follow-up asked)."""
    kind = answer.follow_up_kind
    if not kind:
        return parent
    text, words = _report_words(answer)
    # a reply that tells the story asked for ("tell me about one real time") is the story now:
    # judged on the question's key points, as the answer it stands for
    s = _structure(text, words, question, follow_up=not rubric(kind).new_story)
    original = original_facts(parent, cfg, question)
    made = asked_point_made(text, words, question, kind)
    reply = coach(delivery=None, structure=s, question=question, cfg=cfg, kind=original.kind,
                  follow_up=FollowUpContext(kind, original=original,
                                            first_text=parent.transcript.text,
                                            asked_point_made=made),
                  markers=_markers(text, words, original.kind))
    if reply.follow_up_check.not_checked:
        return parent
    return dataclasses.replace(parent, with_follow_up=with_follow_up(
        original, reply.facts, reply.follow_up_check,
        question=question, cfg=cfg, kind=original.kind,
        delivery_score_=parent.scores.delivery, n=answer.n, point_made=made))


SINGLE_CALL_MAX_S = 120.0  # up to this, Whisper gets the whole answer in one call
WHISPER_WINDOW_S = 28.0  # longer audio goes in windows of one decoding window, cut in a pause


def transcribe_audio(audio: np.ndarray, transcriber: Transcriber, cfg: Config, offset_s: float = 0.0,
                     *, single_call_max_s: float = SINGLE_CALL_MAX_S) -> Transcript:
    """Run Whisper with the filler-keeping prompt.

    Answers up to `SINGLE_CALL_MAX_S` are one call (most accurate: on the 60 s and 90 s test
    answers WER 0.11/0.12 against 0.16/0.15 when cut in windows). Longer audio is cut into
    ≤ 28 s windows at the quietest frame, each with the filler prompt only. Measured on a
    10-minute answer (1501 words): 1500 words this way; Whisper's own seeking over 2-minute
    windows found 1323, and the previous text added to the prompt 1346 (tiny.en skips text
    it believes was already said).
    """
    base = filler_prompt(cfg)
    if len(audio) <= single_call_max_s * SAMPLE_RATE:
        return transcriber.transcribe(audio, initial_prompt=base, offset_s=offset_s)
    return _joined([transcriber.transcribe(chunk, initial_prompt=base, offset_s=offset_s + off)
                    for off, chunk in split_at_quiet(audio, WHISPER_WINDOW_S)], transcriber)


def analyze_audio(audio: np.ndarray, *, cfg: Config, transcriber: Transcriber, question: Any | None = None,
                  audio_path: str | Path | None = None, transcript: Transcript | None = None,
                  vad_model: SileroVad | None = None, transcribe_s: float | None = None,
                  answer_end_time: float | None = None, prompts: Sequence[Any] | None = None,
                  follow_up: FollowUpOf | None = None,
                  prosody_track: Any | None = None,
                  heard: HeardSpeech | None = None) -> AnswerReport:
    """Full report for one answer.

    Args:
        audio: mono float32 samples at 16 kHz.
        transcript: a transcript already made (e.g. by streaming transcription); if None the
            audio is transcribed here.
        answer_end_time: `time.monotonic()` when the answer ended; gives `feedback_latency_s`.
        prompts: a think-aloud drill's interviewer prompts (`PromptEvent`s; may be empty): the
            report then has the `think_aloud` block and its feedback.
        follow_up: the answer replies to a follow-up question; it is judged by its rubric.
        prosody_track: the pitch/energy track already made while recording
            (`voice_coach.prosody_stream`); computed from `audio` here if None.
        heard: the VAD computed while recording (`StreamingTranscriber.heard`); used only when
            it was computed on exactly `audio` with `cfg.vad` (then it equals the batch VAD),
            else the VAD runs here.
    """
    if transcript is None:
        t0 = time.monotonic()
        transcript = transcribe_audio(audio, transcriber, cfg)
        transcribe_s = time.monotonic() - t0
    t1 = time.monotonic()
    levels = None
    if heard is not None and heard.of(audio, cfg.vad):
        (regions, quiet, releases, onsets), levels = heard.speech, heard.levels_db
    else:
        if heard is not None:
            log.debug("the VAD heard while recording is not of this audio; running it again")
        (regions, quiet, releases, onsets), levels = speech_and_levels(audio, cfg.vad,
                                                                       model=vad_model)
    if levels is None:
        levels = frame_levels_db(audio)
    regions, background = candidate_speech(levels, regions, quiet, transcript)
    regions, quiet, transcript = mark_faint_voice(
        audio, levels, regions, quiet,
        recover_lost_speech(audio, regions, transcript, transcriber, prompt=filler_prompt(cfg)),
        transcriber, background=background)
    heard = recognised_regions(regions, transcript)
    transcript = fillers_by_sound(transcript, levels, heard)
    t2 = time.monotonic()
    if prosody_track is None and cfg.prosody.enabled:
        prosody_track = extract_track(audio)
    prosody_s = time.monotonic() - t2
    return _speech_report(transcript, regions, duration_s(audio), audio_path, cfg, question,
                          transcribe_s=transcribe_s, analyze_started=t1,
                          answer_end_time=answer_end_time, prompts=prompts, follow_up=follow_up,
                          acoustic=_acoustic_fillers(audio, transcript.words, heard, cfg,
                                                     levels_db=levels),
                          track=prosody_track, prosody_s_before=prosody_s, quiet=quiet,
                          background=background, releases=releases, onsets=onsets)


def candidate_speech(levels_db: np.ndarray, regions: Sequence[SpeechRegion],
                     quiet: Sequence[SpeechRegion], first_pass: Transcript, offset_s: float = 0.0
                     ) -> tuple[list[SpeechRegion], list[SpeechRegion]]:
    """The VAD's `regions` without a quieter background voice (`analysis.background`: another
    voice on the microphone, far below the candidate's recognised words, where Whisper's first
    pass wrote nothing), and those background stretches. Decided before recovery, so the other
    voice is neither decoded into the transcript nor counted in pauses, lead-in, pace or
    coverage. `regions`, `quiet` and the words are on the answer's timeline; the audio whose
    `levels_db` these are starts at `offset_s`."""
    shift = (lambda rs, d: [SpeechRegion(r.start_s + d, r.end_s + d) for r in rs])
    words = [w._replace(start=w.start - offset_s, end=w.end - offset_s)
             for w in first_pass.words]
    background = shift(background_voice(levels_db, shift(regions, -offset_s), words,
                                        shift(quiet, -offset_s)), offset_s)
    if background:
        log.debug("background voice: %.1f s in %d stretches not counted as the candidate's",
                  sum(b.end_s - b.start_s for b in background), len(background))
    return without_background(regions, background), background


def recognised_regions(regions: Sequence[SpeechRegion], transcript: Transcript
                       ) -> list[SpeechRegion]:
    """`regions` without the transcript's unrecognised speech: where no word was recognised
    no hesitation is counted either (a faint sentence's syllables are no "uh")."""
    return [SpeechRegion(a, b) for a, b in subtract(
        ((r.start_s, r.end_s) for r in regions),
        ((u.start_s, u.end_s) for u in transcript.unrecognised))]


def fillers_by_sound(transcript: Transcript, levels_db: np.ndarray, regions: Sequence[Any],
                     offset_s: float = 0.0) -> Transcript:
    """`transcript` with its hesitations counted by their sounds (`analysis.echoes`): one
    written twice for one sound is dropped, one sound of a run Whisper wrote fewer times than
    said is added, one stamped with no length is timed on the sound it stands for. Decided
    here, where the audio's frame levels are (`levels_db`: the VAD's `frame_levels_db` of it),
    so the saved words (and a re-score without audio) count each sound once. `regions` and the
    words are on the answer's timeline, the audio starts at `offset_s`."""
    local = [SpeechRegion(r.start_s - offset_s, r.end_s - offset_s) for r in regions]
    bursts = [(s + offset_s, e + offset_s) for s, e in sound_bursts(levels_db, local)]
    spelled = spelled_hesitations(transcript.words, bursts, regions)
    if spelled:  # "or, or, or" over three separate "uh" sounds is three hesitations
        log.debug("hesitations spelled as words: %s", [transcript.words[i].text for i in spelled])
        transcript = edit_words(transcript, spelled, [
            w._replace(text=re.sub(r"[A-Za-z]+", "Uh" if w.text[:1].isupper() else "uh", w.text,
                                   count=1))
            for w in (transcript.words[i] for i in spelled)])
    found = check_fillers(transcript.words, bursts, regions)
    if found.echoes or found.repeats:
        log.debug("hesitations by sound: %d written twice dropped, %d unwritten added",
                  len(found.echoes), len(found.repeats))
    moved = found.placed + found.sounded_guesses
    return edit_words(transcript, found.echoes + [i for i, _ in moved],
                      found.repeats + [w for _, w in moved])


def _acoustic_fillers(audio: np.ndarray, words: Sequence[Word], regions: Sequence[Any],
                      cfg: Config, offset_s: float = 0.0, levels_db: np.ndarray | None = None
                      ) -> list[Any]:
    """Hesitations heard in `audio` that Whisper did not write (when `fillers.acoustic`);
    `words`, `regions` and the results are on the answer's timeline, `audio` starts at
    `offset_s`; `levels_db`: the VAD's `frame_levels_db` of `audio` when already computed."""
    if not cfg.fillers.acoustic:
        return []

    local = detect_acoustic_fillers(
        audio, [w._replace(start=w.start - offset_s, end=w.end - offset_s) for w in words],
        [SpeechRegion(r.start_s - offset_s, r.end_s - offset_s) for r in regions],
        FillerModel.from_arrays(acoustic_filler_arrays()), levels_db)
    return [AcousticFiller(a.start_s + offset_s, a.end_s + offset_s, a.probability)
            for a in local]


def _speech_report(transcript: Transcript, regions: Sequence[Any], dur_s: float,
                   audio_path: str | Path | None, cfg: Config, question: Any | None, *,
                   transcribe_s: float | None, analyze_started: float,
                   answer_end_time: float | None = None, analyze_s_before: float = 0.0,
                   prompts: Sequence[Any] | None = None, follow_up: FollowUpOf | None = None,
                   acoustic: Sequence[Any] = (), track: Any | None = None,
                   prosody_s_before: float = 0.0,
                   quiet: Sequence[SpeechRegion] = (),
                   background: Sequence[SpeechRegion] = (),
                   releases: Sequence[SpeechRegion] = (),
                   onsets: Sequence[SpeechRegion] = ()) -> AnswerReport:
    """Run the pure stages on a transcript + VAD regions (and the soft releases that start
    pauses and the soft onsets that end them, `analysis.vad.releases_after` /
    `onsets_before`) and assemble the audio report."""
    t0 = time.monotonic()
    prosody = _prosody(track, regions, transcript.words, cfg, transcript.unrecognised)
    prosody_s = prosody_s_before + time.monotonic() - t0
    delivery, structure, coaching, think_aloud = _analyze_parts(
        transcript.text, transcript.words, regions, dur_s, cfg, question, prompts=prompts,
        unrecognised=transcript.unrecognised, follow_up=follow_up,
        acoustic=acoustic, prosody=prosody, quiet=quiet, background=background,
        releases=releases, onsets=onsets)
    timings = _timings({
        "transcribe_s": transcribe_s,
        "analyze_s": analyze_s_before + time.monotonic() - analyze_started,
        "feedback_latency_s": (time.monotonic() - answer_end_time) if answer_end_time else None,
        "prosody_s": prosody_s if prosody is not None else None,
    })
    audio_info = AudioInfo(Path(audio_path).name if audio_path else None, round(dur_s, 3),
                           SAMPLE_RATE)
    transcript_info = TranscriptInfo(transcript.text, transcript.backend, transcript.model,
                                     report_words(transcript.words),
                                     report_stretches(transcript.unrecognised, quiet))
    return build_report(question=question, audio_info=audio_info, transcript=transcript_info,
                        delivery=delivery, structure=structure, coaching=coaching, timings=timings,
                        think_aloud=think_aloud, prosody=prosody)


LONG_FILE_S = 300.0  # files longer than this are analysed window by window (bounded memory)
ANALYSIS_WINDOW_S = 120.0  # VAD / read window for long files (memory grows with it)
MAX_FILE_S = 4 * 3600.0  # longest file `analyze_file` accepts


def load_short_audio(path: str | Path) -> np.ndarray | None:
    """Load (and so validate) a file of up to `LONG_FILE_S`; None when it is longer and must
    stream through `analyze_file`'s windows. The one place that makes this decision.

    Raises:
        AudioError: unreadable, empty, or longer than `MAX_FILE_S`.
    """
    p = Path(path)
    header_s = audio_file_duration_s(p) if p.is_file() and p.stat().st_size else None
    if header_s is None or header_s <= LONG_FILE_S:
        return load_audio(p)
    if header_s > MAX_FILE_S:
        raise AudioError(f"{p} is {header_s / 3600:.1f} h long; voice-coach analyses files up to "
                         f"{MAX_FILE_S / 3600:.0f} h — cut out the answer first")
    return None


def analyze_file(path: str | Path, *, cfg: Config, transcriber: Transcriber,
                 question: Any | None = None, vad_model: SileroVad | None = None,
                 audio: np.ndarray | None = None) -> AnswerReport:
    """Report for an audio file; long files stream through in windows so memory stays bounded.

    Up to `LONG_FILE_S` the whole file is loaded (`analyze_audio`; pass `audio` from
    `load_short_audio` to avoid reading it twice). Longer files are read `ANALYSIS_WINDOW_S` at
    a time (cut at a quiet frame): each window gets the VAD and its loudness track; only a
    window that holds speech gets the pitch track and Whisper in ≤ 28 s calls (a window with no
    speech region is silence in the report: a pause, the lead-in or the tail after the last
    word). Regions and words are shifted to the file's timeline and merged, then the pure
    stages run once on the whole answer.

    Raises:
        AudioError: unreadable, empty, or longer than `MAX_FILE_S`.
    """
    p = Path(path)
    if audio is None:
        audio = load_short_audio(p)
    if audio is not None:
        return analyze_audio(audio, cfg=cfg, transcriber=transcriber, question=question,
                             audio_path=p, vad_model=vad_model)

    model = vad_model if vad_model is not None else load_vad_model()
    regions: list[SpeechRegion] = []
    quiet: list[SpeechRegion] = []
    releases: list[SpeechRegion] = []
    onsets: list[SpeechRegion] = []
    background: list[SpeechRegion] = []
    parts: list[Transcript] = []
    acoustic: list[Any] = []
    tracks: list[tuple[float, Any]] = []
    transcribe_s = 0.0
    vad_s = 0.0
    total_s = 0.0
    for offset_s, window in iter_audio_windows(p, ANALYSIS_WINDOW_S):
        if not np.all(np.isfinite(window)):
            raise AudioError(f"{p} contains invalid samples (NaN/inf)")
        total_s = offset_s + duration_s(window)
        t0 = time.monotonic()
        speech, levels = speech_and_levels(window, cfg.vad, model=model)
        found = [SpeechRegion(r.start_s + offset_s, r.end_s + offset_s) for r in speech.regions]
        quiet_here = [SpeechRegion(r.start_s + offset_s, r.end_s + offset_s)
                      for r in speech.quiet]
        releases += [SpeechRegion(r.start_s + offset_s, r.end_s + offset_s)
                     for r in speech.releases]
        onsets += [SpeechRegion(r.start_s + offset_s, r.end_s + offset_s)
                   for r in speech.onsets]
        vad_s += time.monotonic() - t0
        if cfg.prosody.enabled:  # a window without speech: its loudness, no pitch (YIN) run
            tracks.append((offset_s, extract_track(window, pitch=bool(found))))
        if not found:  # nothing to transcribe; the report shows the stretch as silence
            continue
        t0 = time.monotonic()
        # ≤ 28 s Whisper calls inside each window (one call per 2-minute window of a long
        # recording lost 12 % of the words: 1320 of 1501 on a 10-minute answer).
        part = transcribe_audio(window, transcriber, cfg, offset_s=offset_s, single_call_max_s=0)
        found, heard_bg = candidate_speech(levels, found, quiet_here, part, offset_s)
        background += heard_bg
        found, quiet_here, part = mark_faint_voice(
            window, levels, found, quiet_here,
            recover_lost_speech(window, found, part, transcriber, prompt=filler_prompt(cfg),
                                offset_s=offset_s),
            transcriber, background=heard_bg, offset_s=offset_s)
        quiet = with_quiet(quiet, quiet_here)
        heard = recognised_regions(found, part)
        parts.append(fillers_by_sound(part, levels, heard, offset_s))
        transcribe_s += time.monotonic() - t0
        acoustic += _acoustic_fillers(window, parts[-1].words, heard, cfg, offset_s)
        if regions and found[0].start_s - regions[-1].end_s < cfg.silence.min_gap_s:
            found[0] = SpeechRegion(regions.pop().start_s, found[0].end_s)
        regions.extend(found)
    transcript = _joined(parts, transcriber)
    track = None
    if tracks:
        track = ProsodyTrack.join(tracks)
    return _speech_report(transcript, regions, total_s, p, cfg, question,
                          transcribe_s=transcribe_s, analyze_started=time.monotonic(),
                          analyze_s_before=vad_s, acoustic=acoustic, track=track, quiet=quiet,
                          background=background, releases=releases, onsets=onsets)


def _joined(parts: Sequence[Transcript], transcriber: Transcriber) -> Transcript:
    """One transcript from consecutive pieces (times already on the whole answer's timeline)."""
    return Transcript(text=" ".join(p.text for p in parts if p.text),
                      words=[w for p in parts for w in p.words],
                      segments=[sg for p in parts for sg in p.segments],
                      backend=getattr(transcriber, "backend", ""),
                      model=getattr(transcriber, "model_name", ""),
                      unrecognised=tuple(u for p in parts for u in p.unrecognised))


def filler_prompt(cfg: Config) -> str | None:
    """Whisper's initial prompt that keeps "um"/"uh" in the text (`transcriber.filler_prompt`),
    None when that option is off."""
    return FILLER_PROMPT if cfg.transcriber.filler_prompt else None


def analyze_text(text: str, *, cfg: Config, question: Any | None = None,
                 follow_up: FollowUpOf | None = None) -> AnswerReport:
    """Report for a plain transcript: `audio` and `delivery` are None.

    `follow_up`: the text replies to a follow-up question; it is judged by that rubric."""
    t0 = time.monotonic()
    text = " ".join(text.split())
    _, structure, coaching, _ = _analyze_parts(text, [], None, None, cfg, question,
                                               follow_up=follow_up)
    return build_report(question=question, audio_info=None, transcript=TranscriptInfo(text),
                        delivery=None, structure=structure, coaching=coaching,
                        timings=_timings({"analyze_s": time.monotonic() - t0}))


def saved_acoustic_fillers(delivery: DeliveryInfo | None) -> list[Any]:
    """The acoustic finds a saved report holds (re-scoring has no audio to search again)."""
    return [AcousticFiller(float(f.start), float(f.end if f.end is not None else f.start), 1.0)
            for f in (delivery.fillers if delivery is not None else ())
            if "acoustic" in str(f.source) and f.start is not None]


def rescore(report: AnswerReport, cfg: Config, question: Any | None = None,
            parent_text: str | None = None) -> AnswerReport:
    """Re-run delivery, structure and coaching on a saved report under `cfg` (no re-transcription).

    Uses the saved words, VAD `speech_segments` and the prosody track (`prosody.pitch.timeline`,
    `prosody.energy.timeline`); returns a new report. `parent_text`: for a follow-up reply, the
    transcript of the answer it followed (whether the reply tells another story is judged
    against it; without it, only a switch cue with a set-up of its own counts).
    """
    return rescore_with_facts(report, cfg, question, parent_text)[0]


def story_facts(report: AnswerReport, question: Any | None = None) -> Any:
    """The answer read as a story (`analysis.facts.reconcile` with kind "behavioral", the
    meaning model as in every report) — for an answer to a technical or unknown question, whose
    own report judges it on that kind. Returns None when the answer is not told as a story (a
    main answer whose inferred kind is not behavioural)."""
    text, words = _report_words(report)
    follow_up = bool(report.follow_up_kind or report.follow_up_of)

    key_points = tuple(question.key_points) if question is not None and not follow_up else ()
    s = analyze_structure(" ".join(text.split()), words=words or None,
                          kind="behavioral" if follow_up else None, key_points=key_points,
                          model=shared_meaning_model(),
                          question=question.text if key_points else None,
                          story_asked=follow_up or getattr(question, "story", True))
    if s.kind != "behavioral":
        return None
    return reconcile(s, kind="behavioral", category=getattr(question, "category", None))


def rescore_with_facts(report: AnswerReport, cfg: Config, question: Any | None = None,
                       parent_text: str | None = None) -> tuple[AnswerReport, Any]:
    """`rescore` (`parent_text` as there), and the reconciled facts (`analysis.structure.Structure`) its `structure`
    block was written from — what a view of the answer (the story bank) reads. For a reply to
    a follow-up, the facts also hold what its follow-up check found supplied (`follow_ups.fill`,
    as merged into the parent's `with_follow_up`)."""
    words = list(report.words)
    old_delivery = report.delivery
    regions = None
    dur = None
    if old_delivery is not None and report.audio is not None:
        regions = [SpeechRegion(float(s.start), float(s.end))
                   for s in old_delivery.speech_segments]
        dur = float(report.audio.duration_s or 0.0)
    old_ta = report.think_aloud
    prompts = excluded = None
    if old_ta is not None:
        prompts = [PromptEvent(float(p.at_s), float(p.end_s), p.text) for p in old_ta.prompts]
        excluded = [(float(x.start), float(x.end)) for x in old_ta.excluded]
    kind = report.follow_up_kind
    t0 = time.monotonic()
    prosody = _prosody(track_from_info(report.prosody), regions, words, cfg,
                       saved_stretches(report))
    delivery, structure, coaching, think_aloud = _analyze_parts(
        report.transcript.text or "", words, regions, dur, cfg, question,
        prompts=prompts if regions is not None else None, excluded=excluded or (),
        unrecognised=saved_stretches(report),
        follow_up=FollowUpOf(kind, None, parent_text=parent_text) if kind else None,
        acoustic=saved_acoustic_fillers(old_delivery), prosody=prosody,
        quiet=[SpeechRegion(float(q.start), float(q.end))
               for q in (old_delivery.quiet_speech or () if old_delivery is not None else ())],
        background=[SpeechRegion(float(b.start), float(b.end))
                    for b in (old_delivery.background_voice or ()
                              if old_delivery is not None else ())],
        releases=[SpeechRegion(float(r.start), float(r.end))
                  for r in (old_delivery.releases or () if old_delivery is not None else ())],
        onsets=[SpeechRegion(float(r.start), float(r.end))
                for r in (old_delivery.onsets or () if old_delivery is not None else ())])
    new = build_report(question=question, audio_info=report.audio, transcript=report.transcript,
                       delivery=delivery, structure=structure, coaching=coaching,
                       timings=dataclasses.replace(
                           report.timings, analyze_s=round(time.monotonic() - t0, 3)),
                       think_aloud=think_aloud, prosody=prosody)
    ta = new.think_aloud
    if old_ta is not None and ta is None:
        ta = old_ta
    elif old_ta is not None:
        ta = dataclasses.replace(ta, prompts=tuple(
            dataclasses.replace(p, spoken=bool(old.spoken))
            for p, old in zip(ta.prompts, old_ta.prompts)) + ta.prompts[len(old_ta.prompts):])
    new = dataclasses.replace(
        new, question=new.question if question is not None else report.question,
        think_aloud=ta, n=report.n, follow_up_of=report.follow_up_of, attempt=report.attempt,
        created_at=report.created_at, recording=report.recording, drill=report.drill,
        with_follow_up=report.with_follow_up)
    if report.no_speech:
        new = mark_no_speech(new)
    facts = getattr(coaching, "facts", None) or structure
    check = getattr(coaching, "follow_up_check", None)
    if check is not None:
        facts = fill(facts, check, facts)
    return new, facts
