"""The think-aloud drill: one long coding / design answer, interviewer prompts during silence,
think-aloud metrics and feedback.

Built on `interview.ask_and_record` (speak + show the question, record with streaming
transcription and end phrases, analyse, save) through its `AnswerHooks`:

* `PromptScheduler` (no threads, no clock) watches the recorder's `RecorderStatus` and fires one
  prompt per silent stretch once the silence reaches `cfg.drill.prompt_after_s`. Every time is
  on the recording's own timeline (`RecorderStatus.elapsed_s`), so a file replayed as fast as
  possible gives the same prompt times as the live microphone.
* The prompt is shown at once (`ui.interviewer_prompt`, when the UI has it) and spoken by
  `_PromptVoice`, a named worker thread, so the recording never waits for the speaker.
* The mic may hear the interviewer, and a candidate often starts talking while (or just after)
  the nudge plays. The whole answer is transcribed as recorded; inside a prompt's interval
  `[at_s, at_s + spoken length]` the words that are the prompt's own words are the interviewer's
  (`interviewer_words`) and are dropped, every other word is the candidate's and is kept. The
  interval then ends where the candidate's first word starts (`trim_prompts`): only
  `[at_s, trimmed end]` is zeroed in the audio the analysis reads and left out by
  `analysis.think_aloud`, so the candidate's speech is never cut and their silence is measured up
  to their first word. The WAV on disk keeps what the mic heard. A prompt the voice did not
  play (`--no-voice`, no speaker, or the voice still busy) is only shown: its interval is empty
  and nothing is cut for it (QA9 F19).

Concurrency: the recording thread runs the hooks (never blocks); `_PromptVoice` blocks in
`Speaker.say` (bounded by the speaker's own timeout) and is joined with a timeout in `finally`.
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from voice_coach.analysis.think_aloud import PromptEvent
from voice_coach.audio import AudioSource
from voice_coach.clock import SAMPLE_RATE
from voice_coach.compare import attempt_facts, compare_attempts
from voice_coach.config import Config
from voice_coach.interview import AnswerHooks, RetryPolicy, ask_and_record
from voice_coach.report_model import AnswerReport, DrillInfo
from voice_coach.speaker import Speaker
from voice_coach.store import Store
from voice_coach.transcriber import Transcriber, Word

log = logging.getLogger(__name__)

# Short, varied nudges, as an interviewer would say them; used in this order, then again.
PROMPTS = (
    "What are you weighing right now?",
    "Talk me through what you're checking.",
    "What's going through your mind?",
    "Walk me through your current idea.",
    "What are you trying at the moment?",
    "Say out loud where you're stuck, if anywhere.",
)
SECONDS_PER_MINUTE = 60.0
PROMPT_MARGIN_S = 1.5  # TTS start-up and tail added to the spoken-length estimate of a prompt
REARM_GUARD_S = 0.5  # speech must come this long after a prompt interval to end the stretch
VOICE_JOIN_MARGIN_S = 2.0  # extra wait for the prompt voice thread beyond the speaker's timeout
DRILL_MODE = "drill"
PROMPT_WORD_MATCH = 0.75  # difflib ratio from which a transcribed word is one of the prompt's words
WORD_ONSET_PAD_S = 0.2  # Whisper's word start may trail the speech onset by this much

def prompt_length_s(text: str, rate_wpm: float) -> float:
    """Estimated length of a spoken prompt, seconds: words ÷ rate + `PROMPT_MARGIN_S`."""
    words = max(1, len(text.split()))
    return words / max(1.0, float(rate_wpm)) * SECONDS_PER_MINUTE + PROMPT_MARGIN_S


class PromptScheduler:
    """Decides when the interviewer prompts, from the recorder's status (recording timeline).

    One prompt per silent stretch: after firing, the next prompt needs candidate speech that
    starts after the prompt's interval (+ `REARM_GUARD_S`), so the interviewer's own voice
    leaking into the mic never counts as the candidate talking. Silence before the first word
    counts too (an interviewer nudges a candidate who has not started).

    Args:
        prompt_after_s: silence that triggers a prompt, seconds; 0 turns prompts off.
        rate_wpm: the interviewer's speaking rate (for the interval estimate).
        texts: the prompts to rotate through.
    """

    def __init__(self, prompt_after_s: float, rate_wpm: float, texts: Sequence[str] = PROMPTS):
        self.prompt_after_s = float(prompt_after_s)
        self.rate_wpm = float(rate_wpm)
        self.texts = tuple(texts)
        self.events: list[PromptEvent] = []
        self._armed = True
        self._quiet_until_s = 0.0

    @property
    def enabled(self) -> bool:
        return self.prompt_after_s > 0 and bool(self.texts)

    def update(self, status: Any) -> PromptEvent | None:
        """Feed one `RecorderStatus`; returns the prompt to give now, if any."""
        if not self.enabled:
            return None
        t = float(status.elapsed_s)
        if status.speaking and t > self._quiet_until_s + REARM_GUARD_S:
            self._armed = True
            return None
        if (self._armed and not status.speaking and t >= self._quiet_until_s
                and status.silence_s >= self.prompt_after_s):
            text = self.texts[len(self.events) % len(self.texts)]
            event = PromptEvent(round(t, 3), round(t + prompt_length_s(text, self.rate_wpm), 3),
                                text)
            self.events.append(event)
            self._armed = False
            self._quiet_until_s = event.end_s
            log.info("interviewer prompt at %.1f s: %s", t, text)
            return event
        return None

    def extend_last(self, end_s: float) -> None:
        """The last prompt is still being spoken at `end_s`: stretch its interval to cover it."""
        if self.events and end_s > self.events[-1].end_s:
            self.events[-1] = self.events[-1]._replace(end_s=round(end_s, 3))
            self._quiet_until_s = self.events[-1].end_s


class _PromptVoice:
    """Speaks prompts on a named worker thread; `say` never blocks the caller.

    A prompt that arrives while the previous one is still being spoken is only shown.
    """

    def __init__(self, speaker: Speaker):
        self.speaker = speaker
        self.spoken: dict[int, bool] = {}  # prompt index -> it was heard through the speaker
        self._queue: queue.Queue[tuple[int, str] | None] = queue.Queue()
        self._busy = threading.Event()
        self._thread: threading.Thread | None = None
        if speaker is not None:
            self._thread = threading.Thread(target=self._run, name="drill-prompt-voice",
                                            daemon=True)
            self._thread.start()

    @property
    def busy(self) -> bool:
        return self._busy.is_set()

    def say(self, index: int, text: str) -> bool:
        """Queue `text` to be spoken; False when there is no voice or it is still talking."""
        if self._thread is None or self._busy.is_set():
            self.spoken[index] = False
            return False
        self._busy.set()
        self._queue.put((index, text))
        return True

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            index, text = item
            try:
                self.spoken[index] = bool(self.speaker.say(text))
            finally:
                self._busy.clear()

    def close(self) -> None:
        """Sentinel → join (bounded by the speaker's own timeout); idempotent.

        After it, `spoken` is final: a prompt still being spoken when the join gives up has no
        entry and counts as not spoken."""
        if self._thread is None:
            return
        thread, self._thread = self._thread, None
        self._queue.put(None)
        timeout = VOICE_JOIN_MARGIN_S
        if hasattr(self.speaker, "timeout_s"):
            timeout += max(self.speaker.timeout_s(t) for t in PROMPTS)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the prompt voice is still speaking after %.0f s; leaving it", timeout)


class DrillHooks(AnswerHooks):
    """The drill's extension of `ask_and_record`: prompts, exclusion, the think_aloud block."""

    def __init__(self, *, cfg: Config, speaker: Speaker, ui: Any, sample_rate: int,
                 measure_speech: bool, minutes: float, transcriber: Transcriber):
        self.cfg = cfg
        self.transcriber = transcriber
        self.ui = ui
        self.sample_rate = sample_rate
        self.measure_speech = measure_speech  # real-time source: wall time ≈ recording time
        self.minutes = minutes
        self.scheduler = PromptScheduler(cfg.drill.prompt_after_s, cfg.voice.rate_wpm)
        self.voice = _PromptVoice(speaker)

    # -- recording thread ------------------------------------------------------------------

    def on_status(self, status: Any) -> None:
        t = float(status.elapsed_s)
        if self.measure_speech and self.voice.busy:
            self.scheduler.extend_last(t)  # still talking: the mic may still hear it
        event = self.scheduler.update(status)
        if event is None:
            return
        index = len(self.scheduler.events) - 1
        self.voice.say(index, event.text)
        show = getattr(self.ui, "interviewer_prompt", None)
        if show is not None:
            show(event)

    # -- after recording -------------------------------------------------------------------

    def close(self) -> None:
        self.voice.close()

    def intervals(self) -> list[tuple[float, float]]:
        return [(e.at_s, e.end_s) for e in self.scheduler.events]

    def before_analysis(self, audio: Any, transcript: Any) -> tuple[Any, Any]:
        """The transcript of everything the mic heard without the interviewer's words; each
        prompt interval trimmed to the candidate's first word, and only that zeroed."""
        # a prompt may still be playing (a file replayed faster than real time, or a TTS child
        # slow to start on a loaded machine): wait for it, so that whether each prompt was
        # heard is known before anything is cut or reported
        self.voice.close()
        # QA9 F19: a prompt the voice did not play (voice off, or still busy with the last one)
        # was only shown: nothing of it can be in the audio, so nothing is cut for it and no
        # silence is shortened by it (one still playing when the wait gave up keeps its interval)
        self.scheduler.events = [e._replace(end_s=e.at_s) if self.voice.spoken.get(i) is False
                                 else e for i, e in enumerate(self.scheduler.events)]
        if not self.scheduler.events:
            return audio, transcript
        if transcript is None:  # a file replayed as fast as possible: transcribed here, once
            from voice_coach import pipeline

            transcript = pipeline.transcribe_audio(audio, self.transcriber, self.cfg)
        theirs = interviewer_words(transcript.words, self.scheduler.events)
        self.scheduler.events = trim_prompts(self.scheduler.events, transcript.words, theirs)
        # `audio` was just loaded from the WAV for this analysis only: mask it in place
        return (mask_intervals(audio, self.intervals(), self.sample_rate, in_place=True),
                drop_words(transcript, theirs))

    def prompts(self) -> list[PromptEvent]:
        """The interviewer prompts given: the pipeline excludes them and builds `think_aloud`."""
        return list(self.scheduler.events)

    def after_analysis(self, report: AnswerReport, recording: Any) -> AnswerReport:
        """The report with each prompt marked as spoken aloud or not, and the drill's set-up."""
        ta = report.think_aloud
        if ta is not None:
            ta = dataclasses.replace(ta, prompts=tuple(
                dataclasses.replace(p, spoken=self.voice.spoken.get(i, False))
                for i, p in enumerate(ta.prompts)))
        return dataclasses.replace(report, think_aloud=ta, drill=DrillInfo(
            "think-aloud", self.minutes, self.cfg.drill.prompt_after_s))


def mask_intervals(audio: np.ndarray, intervals: Sequence[tuple[float, float]],
                   sample_rate: int, *, in_place: bool = False) -> np.ndarray:
    """`audio` with every (start_s, end_s) interval set to digital silence (a copy unless
    `in_place`; a 10-minute answer is 38 MB of float32, so the drill masks in place)."""
    if not intervals:
        return audio
    out = audio if in_place and audio.flags.writeable else np.array(audio, copy=True)
    for s, e in intervals:
        a = max(0, int(round(s * sample_rate)))
        b = min(out.size, int(round(e * sample_rate)))
        if b > a:
            out[a:b] = 0.0
    return out


def _token(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum() or c == "'")


def _is_prompt_word(token: str, prompt_tokens: Sequence[str]) -> bool:
    return bool(token) and any(
        difflib.SequenceMatcher(None, token, p).ratio() >= PROMPT_WORD_MATCH for p in prompt_tokens)


def interviewer_words(words: Sequence[Word], prompts: Sequence[PromptEvent]) -> set[int]:
    """Indices of the words that are the interviewer's own prompt heard through the mic.

    The interviewer speaks first, from `at_s`: the words inside a prompt's interval, from the
    first, are the interviewer's while they follow the prompt's words in order
    (spelling-tolerant, `PROMPT_WORD_MATCH`; one misheard word between two matches is theirs
    too), and only when at least half of the prompt was heard that way. Every other word is
    the candidate's, even inside the interval — "right now I'm weighing" said by the candidate
    is not the prompt "What are you weighing right now?"."""
    theirs: set[int] = set()
    for p in prompts:
        tokens = [_token(t) for t in p.text.split()]
        inside = [i for i, w in enumerate(words)
                  if p.at_s <= (float(w.start) + float(w.end)) / 2 <= p.end_s]
        j = hits = misses = 0
        run = 0  # words of `inside` that are the interviewer's
        for pos, i in enumerate(inside):
            tok = _token(words[i].text)
            k = next((k for k in range(j, len(tokens)) if _is_prompt_word(tok, tokens[k:k + 1])),
                     None)
            if k is None:
                misses += 1
                if misses > 1:
                    break
                continue
            hits, j, misses, run = hits + 1, k + 1, 0, pos + 1
            if j >= len(tokens):
                break
        if hits >= max(2, (len(tokens) + 1) // 2):
            theirs.update(inside[:run])
    return theirs


def trim_prompts(prompts: Sequence[PromptEvent], words: Sequence[Word],
                 theirs: set[int]) -> list[PromptEvent]:
    """Each prompt with `end_s` moved back to where the candidate's first word inside its
    interval starts (less `WORD_ONSET_PAD_S`, never before the interviewer's last word before
    it, nor before `at_s`): the candidate's speech is never part of the excluded interval."""
    out = []
    for p in prompts:
        end = p.end_s
        last_theirs = p.at_s
        for i, w in enumerate(words):
            if not p.at_s <= (float(w.start) + float(w.end)) / 2 <= p.end_s:
                continue
            if i in theirs:
                last_theirs = max(last_theirs, float(w.end))
                continue
            end = min(p.end_s, max(last_theirs, float(w.start) - WORD_ONSET_PAD_S))
            break
        if end < p.end_s:
            log.info("prompt at %.1f s: the candidate spoke from %.1f s; interval trimmed",
                     p.at_s, end)
        out.append(p._replace(end_s=round(end, 3)))
    return out


def drop_words(transcript: Any, indices: set[int]) -> Any:
    """The transcript without the words at `indices` (text and segments rebuilt)."""
    if transcript is None or not indices:
        return transcript
    gone = {(w.text, w.start, w.end) for i, w in enumerate(transcript.words) if i in indices}
    kept = [w for i, w in enumerate(transcript.words) if i not in indices]
    log.info("dropped %d word(s) of the interviewer's prompt", len(indices))
    segments = [seg._replace(words=tuple(w for w in seg.words
                                         if (w.text, w.start, w.end) not in gone))
                for seg in transcript.segments]
    return dataclasses.replace(transcript, words=kept, segments=segments,
                               text=" ".join(w.text.strip() for w in kept))


# ---------------------------------------------------------------------------- the loop

def run_drill(question: Any, *, store: Store, cfg: Config, transcriber: Transcriber,
              speaker: Speaker,
              source: AudioSource, ui: Any, minutes: float | None = None,
              stop_event: Any | None = None, retries: RetryPolicy | None = None,
              source_for_attempt: Callable[[int], Any] | None = None,
              finalize: Callable[[str], object] | None = None) -> tuple[AnswerReport, str]:
    """Run one think-aloud drill and return its report (also saved as answer-01.json).

    Args:
        question: a `questions.Question` (coding or design).
        store: `store.Store`; a session of mode "drill" is created in it.
        cfg: settings; `cfg.drill.prompt_after_s` sets the prompts (0 = off).
        transcriber: a loaded Transcriber, or a zero-argument callable that loads one.
        speaker: `speaker.Speaker` or None (questions and prompts are then only shown).
        source: the AudioSource (MicrophoneSource, or FileSource for --input).
        ui: the terminal UI (`interview.RoundUI`, plus optional `interviewer_prompt(event)`).
        minutes: time limit (default `cfg.drill.minutes`); the answer also ends on Enter
            (`stop_event`), an end phrase, or the end of an input file.
        retries: after each attempt, whether to drill the same question again (saved as
            answer-02.json, … with `attempt` 2, …; the UI is shown what changed).
        source_for_attempt: the AudioSource for attempt 2, 3, … (needed with `retries`).
        finalize: called with the session id when the drill ends, however it ends (the CLI
            passes `report.finalize_session`).

    Returns:
        The last attempt's report (with the `think_aloud` block and the think-aloud feedback)
        and the session id.
    """

    minutes = float(cfg.drill.minutes if minutes is None else minutes)
    cfg = cfg.with_value("answer.max_s", minutes * SECONDS_PER_MINUTE, source="--minutes")
    if not hasattr(transcriber, "transcribe"):
        transcriber = transcriber()
    session = store.new_session(DRILL_MODE, question.id, cfg.to_dict())
    report: AnswerReport | None = None
    previous: AnswerReport | None = None
    heard = False  # some attempt had speech: else the session is not complete
    attempt = 1
    try:
        while True:
            hooks = DrillHooks(cfg=cfg, speaker=speaker, ui=ui,
                               sample_rate=int(getattr(source, "sample_rate", SAMPLE_RATE)),
                               measure_speech=bool(getattr(source, "realtime", True)),
                               minutes=minutes, transcriber=transcriber)
            try:
                report = ask_and_record(n=attempt, question=question, text=question.text,
                                        follow_up=False, session=session, cfg=cfg,
                                        transcriber=transcriber, speaker=speaker, source=source,
                                        ui=ui, stop_event=stop_event, hooks=hooks,
                                        attempt=attempt)
            finally:
                hooks.close()
            heard = heard or not report.no_speech
            if previous is not None:
                ui.attempt_comparison(compare_attempts(attempt_facts(previous),
                                                       attempt_facts(report)))
            previous = report
            if retries is None or source_for_attempt is None \
                    or not retries(question, attempt, report):
                break
            attempt += 1
            source = source_for_attempt(attempt)
        session.finish("complete" if heard else "interrupted")
    finally:
        if finalize is not None:
            finalize(session.id)
    return report, session.id


__all__ = [
    "DrillHooks", "PROMPTS", "PromptScheduler", "drop_words", "interviewer_words",
    "mask_intervals", "prompt_length_s", "run_drill", "trim_prompts",
]
