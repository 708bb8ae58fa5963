"""The learned decision over the follow-up rubric's mechanisms (scripts/train_follow_up_head.py,
measured by `bench/follow_ups_cv.py --learned`; not shipped, docs/follow_ups.md session 15):
its leave-one-set-out never reads the held-out set, its call keeps the report's meaning, and its
features are the judge's own mechanisms read on a real pipeline reply."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_follow_up_head as th  # noqa: E402

from bench.follow_ups_accuracy import LABELS  # noqa: E402


def _row(set_name: str, i: int, x: list[float], truth: bool, rules: bool = False,
         not_checked: bool = False) -> th.Row:
    full = np.zeros(len(th.feature_names()))
    full[:len(x)] = x
    return th.Row(set_name, f"{set_name}-{i}", "no_result", full,
                  {"supplied": truth, "specific": truth, "switched_story": not truth},
                  dict.fromkeys(LABELS, rules), not_checked)


def _separable(set_name: str, n: int = 12, flip: bool = False) -> list[th.Row]:
    """Rows whose first feature says the label (the opposite when `flip`)."""
    rng = np.random.default_rng(len(set_name))
    return [_row(set_name, i, [(1.0 if (i % 2 == 0) != flip else -1.0) + 0.1 * rng.normal()],
                 i % 2 == 0) for i in range(n)]


def test_leave_one_set_out_never_reads_the_held_out_set(tmp_path):
    """A held-out set whose labels contradict the others is judged as the others teach: were
    its own labels read (for the weights, the feature set or C), it would agree with them."""
    sets = []
    rows = []
    for name, flip in (("a", False), ("b", False), ("c", False), ("odd", True)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "items.toml").write_text(f"# {name}\n")
        (folder / "labels.toml").write_text(f"# {name}\n")
        sets.append(folder)
        rows += _separable(name, flip=flip)
    cache = tmp_path / "rows.pkl"
    import pickle

    cache.write_bytes(pickle.dumps({"digest": th.source_digest(sets), "rows": rows}))
    from bench.follow_ups_cv import learned_table

    out = learned_table(sets, cache)
    assert "| odd | 12 | learned | 0.000 (FP 6, FN 6) |" in out
    assert "| a | 12 | learned | 1.000 (FP 0, FN 0) |" in out
    assert "| pooled | 48 | rules |" in out and "| pooled | 48 | learned |" in out


def test_the_call_keeps_the_reports_meaning():
    """Joint call: a switched reply supplies nothing, specific only when supplied; a reply the
    rubric cannot check keeps the rules' call (not checked, nothing claimed)."""
    rows = _separable("a", 20) + _separable("b", 20) + _separable("c", 20)
    head = th.fit(rows)
    yes, no = rows[0], rows[1]
    assert th.decide(head, yes) == {"supplied": True, "specific": True, "switched_story": False}
    assert th.decide(head, no) == {"supplied": False, "specific": False, "switched_story": True}
    nc = _row("a", 99, [1.0], True, rules=False, not_checked=True)
    assert th.decide(head, nc) == dict.fromkeys(LABELS, False)
    # with each label alone, a switched reply could still be said to supply it
    both = th.Head({**head.params, "switched_story": head.params["supplied"]}, head.c)
    assert th.decide(both, yes) == {"supplied": False, "specific": False,
                                    "switched_story": True}
    assert th.decide(both, yes, joint=False)["supplied"]
    assert all(subset in th.SUBSETS and c in th.C_GRID for subset, c in head.c.values())


@pytest.mark.slow
def test_features_are_the_judges_mechanisms_on_a_real_reply(tmp_path):
    """Through the real pipeline (own wordings): a reply that moves to another project has the
    switch cue and the rules' switch among its features; one that says it cannot give the
    number deflects; the follow-up key is one-hot; the cosines are cosines."""
    from voice_coach.embedder import shared_meaning_model

    if shared_meaning_model() is None:
        pytest.skip("the sentence-embedding model is not installed")
    answer = ("I rebuilt the invoice matching for the finance team. Before, it was hand-written "
              "rules. I trained a gradient boosting model on amounts, dates and supplier names, "
              "and after the rollout the automatic match rate reached 87 percent.")
    replies = {
        "sw": "Actually a better example is the churn model at my previous company, where we "
              "started from a 40 percent retention rate and the marketing team ran weekly "
              "campaigns on the scores.",
        "df": "Honestly I don't remember the exact figure. That's really a question for the "
              "finance team, I'd have to check.",
    }
    items = "".join(
        f'[[item]]\nid = "{i}"\nquestion_id = "lp-deliver-results-3"\nanswer = """{answer}"""\n'
        f'follow_up_key = "no_baseline"\nfollow_up = "What was it before?"\n'
        f'reply = """{text}"""\n\n' for i, text in replies.items())
    (tmp_path / "items.toml").write_text(items)
    (tmp_path / "labels.toml").write_text(
        "[sw]\nsupplied = false\nspecific = false\nswitched_story = true\n\n"
        "[df]\nsupplied = false\nspecific = false\nswitched_story = false\n")
    rows = th.collect([tmp_path])
    sw, df = ({n: float(v) for n, v in zip(th.feature_names(), r.x)} for r in rows)
    assert sw["cue"] == 1 and sw["rule_switched"] == 1 and rows[0].rules["switched_story"]
    assert df["deflects"] == 1 and df["rule_switched"] == 0 and not rows[1].rules["supplied"]
    assert sw["key:no_baseline"] == 1 and sum(v for n, v in sw.items() if n[:4] == "key:") == 1
    assert all(-1.0 <= f[c] <= 1.0 for f in (sw, df) for c in th.MEANING_FEATURES)
    assert rows[0].truth["switched_story"] and not rows[1].truth["switched_story"]
