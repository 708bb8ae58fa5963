"""Hand-made answer reports (DESIGN.md "Report schema") for store/report/review tests.

The numbers are computed here from a small script of words and silences, so every value in a
report is consistent with the others (pauses lie between speech segments, wpm = words / span).
"""

from __future__ import annotations

import copy
from typing import Any

from voice_coach.report_model import AnswerReport

WORD_S = 0.3  # each word lasts 0.3 s
GAP_S = 0.05  # words within a speech segment are 0.05 s apart
FILLERS = {"um", "uh"}

# (text of a speech segment, silence after it in seconds)
SCRIPT: list[tuple[str, float]] = [
    ("So um the situation was our fraud model flagged twelve percent of good orders.", 0.6),
    ("I owned the retraining pipeline and the threshold.", 2.4),
    ("I added new features and uh tuned the threshold with the risk team.", 1.7),
    ("As a result false positives dropped from 12% to 3% and we saved $1.2M per quarter.", 0.4),
    ("I learned to dive deep into the data <first>.", 0.0),
]
LEAD_IN_S = 1.5
TAIL_S = 1.0


def make_report(n: int = 1, *, question_id: str = "lp-dive-deep-1", category: str = "behavioral",
                kind: str = "behavioral", overall: int = 71, follow_up_of: int | None = None,
                script: list[tuple[str, float]] | None = None, pause_s: float = 2.0,
                min_gap_s: float = 0.3) -> dict[str, Any]:
    """A complete, self-consistent answer report."""
    script = script or SCRIPT
    t = LEAD_IN_S
    words, segments, pauses, fillers = [], [], [], []
    for text, silence_after in script:
        seg_start = t
        for tok in text.split():
            words.append({"text": tok, "start": round(t, 3), "end": round(t + WORD_S, 3),
                          "probability": 0.9})
            if tok.strip(",.").lower() in FILLERS:
                fillers.append({"text": tok.strip(",.").lower(), "start": round(t, 3)})
            t += WORD_S + GAP_S
        seg_end = t - GAP_S
        segments.append({"start": round(seg_start, 3), "end": round(seg_end, 3)})
        if silence_after:
            if silence_after >= min_gap_s:
                pauses.append({"start": round(seg_end, 3), "end": round(seg_end + silence_after, 3),
                               "duration": silence_after})
            t = seg_end + silence_after
    speech_start, speech_end = segments[0]["start"], segments[-1]["end"]
    duration = round(speech_end + TAIL_S, 3)
    n_words = sum(1 for w in words if w["text"].strip(",.").lower() not in FILLERS)
    span_min = (speech_end - speech_start) / 60
    pause_total = sum(p["duration"] for p in pauses)
    long_pauses = [p for p in pauses if p["duration"] >= pause_s]
    feedback = [{"area": "silence", "severity": "warn", "at_s": p["start"],
                 "message": f"{p['duration']:.1f} s pause at {int(p['start'])} s — "
                            "say what you are weighing."} for p in long_pauses]
    feedback.append({"area": "structure", "severity": "good", "at_s": None,
                     "message": "Clear result with a baseline and an outcome."})
    return {
        "schema_version": 1,
        "n": n,
        "follow_up_of": follow_up_of,
        "question": {"id": question_id, "text": "Tell me about a time you dove deep into data.",
                     "kind": kind, "category": category},
        "audio": {"path": f"answer-{n:02d}.wav", "duration_s": duration, "sample_rate": 16000},
        "transcript": {"text": " ".join(s for s, _ in script), "backend": "faster-whisper",
                       "model": "tiny.en", "words": words},
        "delivery": {
            "speech_start_s": speech_start, "speech_end_s": speech_end, "lead_in_s": LEAD_IN_S,
            "speech_segments": segments,
            "pauses": pauses,
            "long_pause_count": len(long_pauses), "silence_count": 0,
            "longest_pause_s": max((p["duration"] for p in pauses), default=0.0),
            "word_count": n_words, "wpm": round(n_words / span_min, 1),
            "articulation_wpm": round(n_words / (span_min - pause_total / 60), 1),
            "pace_timeline": [{"start": 0.0, "end": 15.0, "wpm": 140.0},
                              {"start": 5.0, "end": 20.0, "wpm": 128.0},
                              {"start": 10.0, "end": 25.0, "wpm": 150.0}],
            "fillers": fillers, "filler_count": len(fillers),
            "fillers_per_min": round(len(fillers) / span_min, 2),
        },
        "structure": {
            "kind": kind,
            "star": {"situation": {"present": True, "share": 0.2},
                     "task": {"present": True, "share": 0.15},
                     "action": {"present": True, "share": 0.35},
                     "result": {"present": True, "share": 0.2},
                     "learning": {"present": True, "share": 0.1}},
            "metric_triad": {"baseline": True, "after": True, "business_outcome": True,
                             "complete": True, "evidence": ["12% to 3%", "$1.2M per quarter"]},
            "quantified_results": 2, "scale_evidence": [], "leadership_principles": ["Dive Deep"],
            "i_we_ratio": 3.0, "hedges": 0, "clarifying_question": False, "signposts": 1,
            "tradeoffs": False, "key_points": {"covered": ["baseline"], "missed": []},
        },
        "scores": {"delivery": 74, "structure": 80, "content": 60, "overall": overall},
        "feedback": feedback,
        "follow_up": "How did you validate the new threshold?",
        "timings": {"transcribe_s": 1.2, "analyze_s": 0.1, "feedback_latency_s": 0.5},
    }


def transcript_only(n: int = 1) -> dict[str, Any]:
    """A report from `analyze answer.txt`: no audio, no delivery."""
    r = make_report(n)
    r = copy.deepcopy(r)
    r["audio"] = None
    r["delivery"] = None
    r["transcript"] = {"text": r["transcript"]["text"], "backend": None, "model": None,
                       "words": []}
    r["feedback"] = [f for f in r["feedback"] if f["area"] != "silence"]
    r["scores"]["delivery"] = None
    return r


def make_answer(n: int = 1, **kw: Any) -> AnswerReport:
    """`make_report` as the typed report the stages pass around (loaded as a saved file is)."""
    return AnswerReport.from_json(make_report(n, **kw))


def transcript_only_answer(n: int = 1) -> AnswerReport:
    return AnswerReport.from_json(transcript_only(n))
