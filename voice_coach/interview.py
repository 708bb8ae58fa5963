"""The mock-interview loop: ask → record → transcribe → coach → save, question after question.

Wires the stages (speaker, audio source, recorder, streaming transcriber, pipeline, store);
it computes no metric and draws nothing: the terminal lives behind the `RoundUI` protocol
(implemented in `cli.session`). Three activities run at once while an answer is recorded:
the audio callback / file source (never blocks), the recorder's writer thread (disk), and the
streaming transcriber's worker (Whisper on finished speech chunks); this thread consumes
blocks, checks end phrases, and reports status.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from voice_coach import pipeline
from voice_coach.analysis.structure import embed_question, embed_settled_clauses
from voice_coach.analysis.vad import SileroVad, detect_speech
from voice_coach.audio import SAMPLE_RATE, AudioSource, load_audio
from voice_coach.compare import attempt_facts, compare_attempts
from voice_coach.config import Config
from voice_coach.embedder import shared_meaning_model
from voice_coach.prosody_stream import ProsodyStream
from voice_coach.recorder import StopEvent, record_answer
from voice_coach.report_model import AnswerReport, RecordingInfo
from voice_coach.speaker import Speaker, TtsError
from voice_coach.store import Store
from voice_coach.streaming import StreamingTranscriber
from voice_coach.transcriber import Transcriber

log = logging.getLogger(__name__)


class RoundUI(Protocol):
    def question(self, n: int, text: str, *, follow_up: bool, spoken: bool | None) -> None: ...
    def recording_started(self, n: int) -> None: ...
    def status(self, status: Any) -> None: ...
    def recording_finished(self, recording: Any) -> None: ...
    def answer_report(self, report: AnswerReport) -> None: ...
    def summary(self, session_id: str, reports: Sequence[AnswerReport], path: Path) -> None: ...
    def attempt_comparison(self, comparison: Any) -> None: ...


SourceFactory = Callable[[int, Any], Any]  # (answer number, question) -> AudioSource
# (question, attempt just made, its report) -> ask the same question again?
RetryPolicy = Callable[[Any, int, AnswerReport], bool]


class AnswerHooks:
    """Optional extension points of `ask_and_record` for modes built on it (the think-aloud
    drill). The defaults change nothing; subclass and override what you need.

    `on_status` runs on the recording thread and must not block.
    """

    def on_status(self, status: Any) -> None:
        """Called with every `RecorderStatus` (after the end-phrase check, before the UI)."""

    def prompts(self) -> list[Any] | None:
        """Interviewer prompts given during the answer (`PromptEvent`s) for a think-aloud
        analysis, or None when the mode has none."""
        return None

    def before_analysis(self, audio: Any, transcript: Any) -> tuple[Any, Any]:
        """Replace the recorded audio / streamed transcript before the pipeline analyses them."""
        return audio, transcript

    def after_analysis(self, report: AnswerReport, recording: Any) -> AnswerReport:
        """The report with the mode's additions, before it is shown and saved."""
        return report


@dataclass
class RoundResult:
    session_id: str
    path: Path
    reports: list[AnswerReport] = field(default_factory=list)


class _EndPhraseWatch:
    """Sets `stop_event` when the committed transcript ends with one of the end phrases."""

    def __init__(self, streamer: Any, phrases: Sequence[str], stop_event: Any):
        self._streamer = streamer
        self._phrases = tuple(" ".join(p.lower().split()) for p in phrases if p.strip())
        self._stop = stop_event
        self.fired = False

    def check(self) -> None:
        if self.fired or not self._phrases:
            return
        text = "".join(c for c in self._streamer.partial_text().lower() if c.isalnum() or c in " '")
        tail = " ".join(text.split()[-8:])
        if any(p in tail for p in self._phrases):
            self.fired = True
            self._stop.set("end_phrase")


SETTLED_EVERY_S = 3.0  # how often the settled clauses of a live answer are embedded


class _SettledClauses:
    """Embeds the settled clauses of the growing transcript (`embed_settled_clauses`) every
    `SETTLED_EVERY_S`, in a daemon thread, so the analysis at the answer's end finds them in the
    embedder's cache. `check` runs on the recording thread and never blocks: it skips a turn
    while the previous one still runs."""

    def __init__(self, streamer: Any):
        self._streamer = streamer
        self._next_s = time.monotonic() + SETTLED_EVERY_S
        self._thread: threading.Thread | None = None

    def check(self) -> None:
        now = time.monotonic()
        if now < self._next_s or (
                self._thread is not None and self._thread.is_alive()):
            return
        self._next_s = now + SETTLED_EVERY_S
        self._thread = threading.Thread(target=self._embed, args=(self._streamer.partial_text(),),
                                        name="settled-clauses", daemon=True)
        self._thread.start()

    def _embed(self, text: str) -> None:
        model = shared_meaning_model()
        if model is None:
            return
        try:
            embed_settled_clauses(text, model.embedder)
        except Exception as e:  # the analysis at the end embeds (and reports) the same
            log.warning("embedding the answer so far failed: %s", e)


def _embed_question_ahead(question: Any, follow_up: bool) -> None:
    """In a daemon thread: embed the question's key points and clauses as the analysis of its
    answer will (`embed_question`), while the question is spoken."""
    key_points = tuple(getattr(question, "key_points", ()) or ()) if not follow_up else ()
    if not key_points:
        return

    def run() -> None:
        model = shared_meaning_model()
        if model is None:
            return
        try:
            embed_question(key_points, question.text, model)
        except Exception as e:  # the analysis at the end embeds (and reports) the same
            log.warning("embedding the question ahead failed: %s", e)

    threading.Thread(target=run, name="question-embedding", daemon=True).start()


def ask_and_record(*, n: int, question: Any, text: str, follow_up: bool, session: Any,
                   cfg: Config, transcriber: Transcriber, speaker: Speaker, source: AudioSource,
                   ui: RoundUI,
                   stop_event: Any | None = None, vad_model: SileroVad | None = None,
                   prompt_wav: Path | None = None,
                   hooks: AnswerHooks | None = None,
                   follow_up_of: Any | None = None, attempt: int = 1,
                   asks_follow_up: bool = True) -> AnswerReport:
    """Ask one question, record the answer to answer-NN.wav, analyse and save it.

    `asks_follow_up` False: no follow-up will be asked after this answer (`--no-follow-up`, or
    a reply, after which the round moves on), so its report names none.

    `hooks` (optional) lets a mode watch the recording and extend the report (`AnswerHooks`).
    `follow_up_of` (a `pipeline.FollowUpOf`) marks the answer as a reply to a follow-up: it is
    judged by that follow-up's rubric and saved with its `follow_up_kind`.
    `attempt` is 1 for the first answer to a question, 2, 3, … for retries (saved in the report).
    """
    spoken: bool | None = None  # None: voice off; False: no audio output / TTS failed
    _embed_question_ahead(question, follow_up_of is not None)
    if speaker is not None:
        if prompt_wav is not None:
            try:
                speaker.render_to_file(text, prompt_wav)
            except TtsError as e:  # the question is still shown on screen; the round goes on
                log.warning("could not render the question to %s: %s", prompt_wav.name, e)
        spoken = speaker.say(text)
    ui.question(n, text, follow_up=follow_up, spoken=spoken)
    session.add_question(n, {"n": n, "id": question.id, "text": text, "kind": question.kind,
                             "category": question.category, "follow_up": follow_up,
                             "follow_up_kind": getattr(follow_up_of, "kind", None),
                             "attempt": attempt})

    stop = stop_event if stop_event is not None else StopEvent()
    stop.clear()
    # A live source (microphone, real-time file) is transcribed while it records, so only the
    # last chunk is left when the answer ends. A file replayed as fast as possible outruns any
    # streaming worker: it is transcribed once, in one batch, after recording.
    live = bool(getattr(source, "realtime", True))
    streamer = (StreamingTranscriber(transcriber, initial_prompt=pipeline.filler_prompt(cfg),
                                     live=True, vad_options=cfg.vad, vad_model=vad_model)
                if live else None)
    watch = _EndPhraseWatch(streamer, cfg.answer.end_phrases, stop) if live else None
    settled = _SettledClauses(streamer) if live else None
    # Pitch/energy computed while recording too, from the same (filtered) blocks: only the
    # last ≤ 1 s is left when the answer ends.
    voice = None
    if live and cfg.prosody.enabled:
        voice = ProsodyStream()

    def on_status(st: Any) -> None:
        if watch is not None:
            watch.check()
        if settled is not None:
            settled.check()
        if hooks is not None:
            hooks.on_status(st)
        ui.status(st)

    def feed(block: Any) -> None:
        """Recorder blocks to the streaming workers (transcript, pitch/energy); never blocks."""
        streamer.feed(block)
        if voice is not None:
            voice.feed(block)

    wav = session.answer_wav_path(n)
    transcript = None
    heard = None
    track = None
    voice_wait_s = 0.0
    try:
        with source:
            ui.recording_started(n)
            recording = record_answer(source, wav, cfg=cfg, stop_event=stop, on_status=on_status,
                                      block_listener=feed if streamer is not None else None)
        ended_at = time.monotonic()
        ui.recording_finished(recording)
        if streamer is not None:
            transcript = streamer.finish()
            heard = streamer.heard()
        if voice is not None:
            t_voice = time.monotonic()
            track = voice.finish()
            voice_wait_s = time.monotonic() - t_voice
    finally:
        if streamer is not None:
            streamer.close()
        if voice is not None:
            voice.close()
    audio = load_audio(wav)
    if hooks is not None:
        audio, transcript = hooks.before_analysis(audio, transcript)
    report = pipeline.analyze_audio(audio, cfg=cfg, transcriber=transcriber, question=question,
                                    audio_path=wav, transcript=transcript, vad_model=vad_model,
                                    transcribe_s=None, answer_end_time=ended_at,
                                    prompts=hooks.prompts() if hooks is not None else None,
                                    follow_up=follow_up_of, prosody_track=track, heard=heard)
    report = pipeline.saved_answer(
        report, n=n, text=text, follow_up=follow_up, attempt=attempt,
        created_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        recording=RecordingInfo(recording.ended_by, recording.overflows,
                                tuple(round(t, 2) for t in recording.nudges_s)),
        extra_prosody_s=voice_wait_s)  # + the wait for the streamed pitch track
    if hooks is not None:
        report = hooks.after_analysis(report, recording)
    if not asks_follow_up:
        report = dataclasses.replace(report, follow_up=None, follow_up_key=None)
    ui.answer_report(report)
    report = dataclasses.replace(report, timings=dataclasses.replace(
        report.timings, feedback_latency_s=round(time.monotonic() - ended_at, 3)))
    session.save_answer(n, report)
    return report


def run_round(questions: Sequence[Any], *, mode: str, title: str, store: Store, cfg: Config,
              transcriber: Transcriber | Callable[[], Transcriber], speaker: Speaker, source_for: SourceFactory,
              ui: RoundUI, follow_ups: bool | Callable[[int], bool] = True,
              save_prompts: bool = False,
              stop_event: Any | None = None,
              retries: RetryPolicy | None = None,
              finalize: Callable[[str], object] | None = None) -> RoundResult:
    """Run a whole round; the session is `interrupted` on disk until the last answer is saved.

    Args:
        transcriber: a loaded Transcriber, or a zero-argument callable that loads one (it is
            then loaded in the background while the first question is spoken).
        source_for: returns the AudioSource for answer `n` (microphone or file).
        follow_ups: after each answer, ask the coach's follow-up question as a second answer
            (a callable is asked each time, with the number of main questions still to come);
            False: never, and no report names a follow-up.
        save_prompts: also render each spoken question to question-NN.wav (demo, tests).
        retries: after each attempt at a main question, whether to ask it again (attempt 2,
            3, …); the UI is shown what changed since the previous attempt. The follow-up, if
            any, comes after the last attempt.
        finalize: called with the session id when the round ends, however it ends (the CLI
            passes `report.finalize_session`, which writes report.md and report.html).
    """
    session = store.new_session(mode, title, cfg.to_dict())
    result = RoundResult(session.id, session.path)
    loaded = _Warmup(transcriber,
                     also=lambda: warm_analysis(cfg, questions[0] if questions else None))
    n = 0
    try:
        for i, q in enumerate(questions):
            attempt = 0
            previous: AnswerReport | None = None
            while True:
                n += 1
                attempt += 1
                main = ask_and_record(
                    n=n, question=q, text=q.text, follow_up=False, session=session, cfg=cfg,
                    transcriber=loaded.get(), speaker=speaker, source=source_for(n, q), ui=ui,
                    stop_event=stop_event, attempt=attempt, asks_follow_up=follow_ups is not False,
                    prompt_wav=session.path / f"question-{n:02d}.wav" if save_prompts else None)
                result.reports.append(main)
                if previous is not None:
                    ui.attempt_comparison(compare_attempts(attempt_facts(previous),
                                                           attempt_facts(main)))
                previous = main
                if retries is None or not retries(q, attempt, main):
                    break
            left = len(questions) - i - 1  # main questions still to come
            want = follow_ups(left) if callable(follow_ups) else follow_ups
            if want and main.follow_up and main.follow_up_key:
                n += 1
                of = pipeline.FollowUpOf(main.follow_up_key, main, (), (q.text, main.follow_up))
                reply = ask_and_record(
                    n=n, question=q, text=main.follow_up, follow_up=True, session=session,
                    cfg=cfg, transcriber=loaded.get(), speaker=speaker, source=source_for(n, q),
                    ui=ui, stop_event=stop_event, follow_up_of=of, asks_follow_up=False,
                    prompt_wav=session.path / f"question-{n:02d}.wav" if save_prompts else None)
                result.reports.append(reply)
                # the main answer's report shows what the follow-up added
                merged = pipeline.merge_follow_up(main, reply, cfg, q)
                result.reports[result.reports.index(main)] = merged
                session.save_answer(merged.n, merged)
        session.finish("complete")
    finally:
        loaded.settle()
        if finalize is not None:
            finalize(session.id)
        ui.summary(session.id, result.reports, session.path)
    return result


SETTLE_S = 30.0  # longest wait for a warm-up thread when a round ends (it takes ~0.5 s)
WARMUP_S = 1.0  # seconds of silence run through the VAD once, so its first real use is fast


def warm_vad(cfg: Config) -> None:
    """Run the VAD once on silence: ONNX Runtime's first call costs ~0.5 s, which would
    otherwise land in the first answer's feedback latency."""
    import numpy as np

    detect_speech(np.zeros(int(WARMUP_S * SAMPLE_RATE), np.float32), cfg.vad)


# A short made-up answer analysed once before the first real one: compiles the cue patterns of
# structure analysis and coaching (hundreds of regexes, compiled on first use), ~0.2 CPU-s that
# would otherwise land after the first answer (docs/transcription.md, "After the answer ends").
WARMUP_ANSWER = ("At my last job the checkout page was slow, and I was asked to find out why. I "
                 "profiled the service, found that one query ran for every item, and added an "
                 "index and a cache. As a result page load time dropped from 4 seconds to 1.2 "
                 "seconds and conversion went up 8 percent. I learned to measure first, um, "
                 "before guessing.")


def warm_analysis(cfg: Config, question: Any | None = None) -> threading.Thread:
    """Warm the VAD and load the sentence-embedding model of structure analysis (~0.3 s), so
    neither lands in the first answer's feedback latency (a missing VAD model fails here, before
    any answer). Then, in a background thread that holds nobody up, the text analysis runs once
    on `WARMUP_ANSWER` to `question` (its kind and key points take the paths the real answers
    will); nothing of it is kept but compiled patterns. Returns that thread."""
    warm_vad(cfg)
    shared_meaning_model()
    text = threading.Thread(target=_warm_text, args=(cfg, question), name="analysis-warmup",
                            daemon=True)
    text.start()
    return text


def _warm_text(cfg: Config, question: Any | None) -> None:
    try:
        pipeline.analyze_text(WARMUP_ANSWER, cfg=cfg, question=question)
    except Exception as e:  # the real analysis meets (and reports) the same error
        log.warning("warming up the text analysis failed: %s", e)
    # the models, compiled patterns and caches loaded so far live as long as the process: moved
    # out of the garbage collector's sight, a collection that falls in an answer's analysis no
    # longer walks them (~0.1 s after a 2-minute answer, `bench/answer_end_ab.py`)
    gc.collect()
    gc.freeze()


class _Warmup:
    """Loads the model in a background thread (while the first question is spoken)."""

    def __init__(self, transcriber: Transcriber | Callable[[], Transcriber],
                 also: Callable[[], None] | None = None):
        self._value: Any = transcriber if hasattr(transcriber, "transcribe") else None
        self._error: BaseException | None = None
        self._side: threading.Thread | None = None  # a thread `also` started (text warm-up)
        self._thread: threading.Thread | None = threading.Thread(
            target=self._load, args=(transcriber, also), name="model-warmup", daemon=True)
        self._thread.start()

    def _load(self, factory: Any, also: Callable[[], None] | None) -> None:
        try:
            if self._value is None:
                self._value = factory()
            if also is not None:
                side = also()
                self._side = side if isinstance(side, threading.Thread) else None
        except BaseException as e:  # re-raised in the caller's thread by get()
            self._error = e

    def get(self) -> Any:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            raise self._error
        return self._value

    def settle(self, timeout_s: float = SETTLE_S) -> None:
        """Wait (at most `timeout_s` seconds each) for the warm-up threads, so a round that
        ends early — an error, Ctrl-C — never exits while the model runtimes are mid-call
        (their native threads abort the process: "terminate called without an active
        exception")."""
        for t in (self._thread, self._side):
            if t is not None:
                t.join(timeout_s)

