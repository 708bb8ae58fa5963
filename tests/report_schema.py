"""The report JSON contract from DESIGN.md, as a checker the tests share."""

from __future__ import annotations

import json
import math

from voice_coach.report_model import SCHEMA_VERSION, AnswerReport

TOP_KEYS = {"schema_version", "question", "audio", "transcript", "delivery", "structure", "scores",
            "feedback", "follow_up", "timings"}
DELIVERY_KEYS = {"speech_start_s", "speech_end_s", "lead_in_s", "pauses", "long_pause_count",
                 "silence_count", "longest_pause_s", "word_count", "wpm", "articulation_wpm",
                 "pace_timeline", "fillers", "filler_count", "fillers_per_min"}
STRUCTURE_KEYS = {"kind", "star", "metric_triad", "quantified_results", "scale_evidence",
                  "leadership_principles", "i_we_ratio", "hedges", "clarifying_question",
                  "signposts", "tradeoffs", "key_points"}
STAR_PARTS = {"situation", "task", "action", "result", "learning"}
TRIAD_KEYS = {"baseline", "after", "business_outcome", "complete", "evidence"}
SCORE_KEYS = {"delivery", "structure", "content", "overall"}
TIMING_KEYS = {"transcribe_s", "analyze_s", "feedback_latency_s"}


def _no_nan(obj, path="report"):
    if isinstance(obj, float):
        assert math.isfinite(obj), f"{path} is {obj}"
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _no_nan(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            _no_nan(v, f"{path}[{i}]")


def check_report(report: dict | AnswerReport, *, audio: bool) -> None:
    """Assert `report` (or the JSON a typed report writes) follows the schema
    (`schema_version` 2); `audio` says whether delivery must be filled."""
    if isinstance(report, AnswerReport):
        report = report.to_json()
    json.dumps(report, allow_nan=False)
    _no_nan(report)
    assert TOP_KEYS <= report.keys(), TOP_KEYS - report.keys()
    assert report["schema_version"] == SCHEMA_VERSION
    _check_prosody(report.get("prosody"), audio=audio)
    t = report["transcript"]
    assert isinstance(t["text"], str)
    if audio:
        a = report["audio"]
        assert a["sample_rate"] == 16000 and a["duration_s"] > 0
        assert t["backend"] in ("faster-whisper", "openai-whisper")
        for w in t["words"]:
            assert {"text", "start", "end", "probability"} <= w.keys()
            assert 0 <= w["start"] <= w["end"] <= a["duration_s"] + 0.05
        assert isinstance(t["unrecognised"], list)  # DESIGN.md "Additions (2026-11-29)"
        for u in t["unrecognised"]:
            assert {"start", "end"} <= set(u) <= {"start", "end", "reason"}
            assert u.get("reason") in (None, "too quiet")  # analysis/quiet.py
            assert 0 <= u["start"] < u["end"] <= a["duration_s"] + 0.05
        d = report["delivery"]
        assert DELIVERY_KEYS <= d.keys(), DELIVERY_KEYS - d.keys()
        for p in d["pauses"]:
            assert {"start", "end", "duration"} <= p.keys()
            assert p["end"] > p["start"]
        for f in d["fillers"]:
            assert {"text", "start"} <= f.keys()
        for w in d["pace_timeline"]:
            assert {"start", "end", "wpm"} <= w.keys()
    else:
        assert report["audio"] is None and report["delivery"] is None
        assert t["unrecognised"] is None
    s = report["structure"]
    assert STRUCTURE_KEYS <= s.keys(), STRUCTURE_KEYS - s.keys()
    assert STAR_PARTS <= s["star"].keys()
    for part in STAR_PARTS:
        assert {"present", "share"} <= s["star"][part].keys()
    assert TRIAD_KEYS <= s["metric_triad"].keys()
    assert {"covered", "missed"} <= s["key_points"].keys()
    assert SCORE_KEYS <= report["scores"].keys()
    for k in ("structure", "content", "overall"):
        assert 0 <= report["scores"][k] <= 100
    for item in report["feedback"]:
        assert {"area", "severity", "at_s", "message"} <= item.keys()
        assert item["message"]
    assert TIMING_KEYS <= report["timings"].keys()


def _check_prosody(p: dict | None, *, audio: bool) -> None:
    """DESIGN.md "Additions": `prosody` is null without audio; its field names are fixed."""
    if not audio:
        assert p is None
        return
    if p is None:  # prosody.enabled = false
        return
    assert {"median_hz", "range_st", "variation_st", "timeline"} <= p["pitch"].keys()
    assert {"speech_dbfs", "timeline"} <= p["energy"].keys()
    for key, fields in (("monotone_stretches", {"start", "end", "variation_st"}),
                        ("fades", {"start", "end", "drop_db"}),
                        ("uptalk", {"start", "end", "rise_st"})):
        for item in p[key]:
            assert fields <= item.keys()
