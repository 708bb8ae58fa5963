"""The question bank: the shipped prompts validate and cover the guide; every validation error
is one line naming the file and line or id; lookups, filters, picks and rounds; the CLI."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voice_coach.cli import main
from voice_coach.errors import QuestionError
from voice_coach.questions import (
    FOLLOW_UP_KEYS,
    KINDS,
    LEADERSHIP_PRINCIPLES,
    MAX_FILE_BYTES,
    ROUNDS,
    Question,
    QuestionBank,
    answer_kind,
    asks_for_experience,
    default_prompts_dir,
    load_bank,
    plan_round,
)

REPO_PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


@pytest.fixture(autouse=True)
def _no_prompts_env(monkeypatch):
    monkeypatch.delenv("VOICE_COACH_PROMPTS", raising=False)


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_bank(REPO_PROMPTS)


# ------------------------------------------------------------------ the shipped bank

def test_default_prompts_dir_is_repo_prompts_and_env_overrides(monkeypatch, tmp_path):
    assert default_prompts_dir() == REPO_PROMPTS
    monkeypatch.setenv("VOICE_COACH_PROMPTS", str(tmp_path))
    assert default_prompts_dir() == tmp_path


def test_shipped_bank_loads_with_enough_questions(bank):
    assert len(bank) >= 80
    assert len(load_bank()) == len(bank)  # the default folder is the same bank
    ids = [q.id for q in bank]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_every_principle_has_at_least_two_behavioural_questions(bank):
    counts = Counter(p for q in bank.filter(category="leadership", kind="behavioral")
                     for p in q.principles)
    assert set(counts) == set(LEADERSHIP_PRINCIPLES)
    thin = {p: n for p, n in counts.items() if n < 2}
    assert not thin, thin


@pytest.mark.parametrize("qid,principle,words", [
    ("lp-bias-for-action-1", "Bias for Action", "without all the information"),
    ("lp-earn-trust-1", "Earn Trust", "difficult teammate"),
    ("lp-dive-deep-1", "Dive Deep", "deepest investigation"),
])
def test_classic_principle_mappings(bank, qid, principle, words):
    q = bank.get(qid)
    assert principle in q.principles and words in q.text


def test_every_behavioural_question_names_principles(bank):
    for q in bank.filter(kind="behavioral"):
        assert q.principles, q.id
        assert set(q.principles) <= set(LEADERSHIP_PRINCIPLES), q.id


def test_every_category_of_the_guide_is_present(bank):
    counts = Counter(q.category for q in bank)
    for cat in ("core-ml", "recsys", "nlp", "cv", "forecasting", "scale", "coding", "ml-design",
                "llm-finetuning", "intro", "leadership"):
        assert counts[cat] >= 3, (cat, counts[cat])
    assert Counter(q.kind for q in bank).keys() == set(KINDS)


# Every topic the interview guide lists -> words that must appear in some question's
# id, text or key points (search is case-insensitive).
GUIDE_TOPICS = {
    "supervised vs unsupervised": ["supervised and unsupervised"],
    "overfitting": ["overfitting"],
    "underfitting": ["underfitting"],
    "regularisation fix": ["regularisation"],
    "feature engineering": ["feature-engineering"],
    "precision and recall": ["precision", "recall"],
    "ROC-AUC": ["roc"],
    "MSE/MAE": ["mean squared error", "mean absolute error"],
    "bias-variance": ["bias variance"],
    "collaborative filtering": ["collaborative filtering"],
    "content-based": ["content based"],
    "cold start": ["cold-start"],
    "review sentiment": ["review-sentiment"],
    "voice assistant": ["voice assistant"],
    "huge text corpora": ["billions of text documents"],
    "image classification": ["image classifier"],
    "shelf object detection": ["shelves", "object detection"],
    "CV data preparation": ["augmentation"],
    "demand forecasting": ["forecast daily demand"],
    "trend and seasonality": ["trend and seasonality"],
    "ARIMA vs regression": ["arima", "linear regression"],
    "distributed training": ["distributed"],
    "distributed inference": ["ten million requests"],
    "efficient algorithms on huge data": ["too big to fit in memory"],
    "linear regression from scratch": ["code-linear-regression"],
    "k-means from scratch": ["code-kmeans"],
    "cleaning messy data": ["messy", "missing"],
    "normalising features": ["standardises"],
    "decision tree split": ["decision-tree-split"],
    "kNN complexity": ["k nearest neighbours", "complexity"],
    "LoRA / adapters vs full": ["lora", "adapter"],
    "fine-tuning measurement": ["measure whether it was actually better"],
    "production rollout": ["roll out"],
    "regressions": ["regression rate"],
    "SLAs": ["latency agreement"],
    "user impact": ["people using the product"],
    "cost impact": ["costs money"],
    "tell me about yourself": ["tell me a little about yourself"],
    "why Amazon": ["why amazon"],
    "résumé walk-through": ["résumé"],
}


@pytest.mark.parametrize("topic", sorted(GUIDE_TOPICS))
def test_guide_topic_is_covered(bank, topic):
    hits = None
    for word in GUIDE_TOPICS[topic]:
        found = {q.id for q in bank.filter(search=word)}
        hits = found if hits is None else hits & found
    assert hits, f"no question covers {topic!r}"


def test_shipped_questions_are_complete_and_speakable(bank):
    allowed_caps = {"ROC", "ARIMA", "AI", "I"}
    for q in bank:
        assert len(q.key_points) >= 3, q.id
        assert len(q.follow_ups) >= 2, q.id
        assert set(q.follow_ups) <= set(FOLLOW_UP_KEYS), q.id
        # spoken by TTS: no markdown, symbols or abbreviations it would mangle
        assert not re.search(r"[*#`_/\\\[\]{}<>|~^=%&@]", q.text), q.id
        assert not re.search(r"\b(e\.g|i\.e|etc)\b", q.text, re.IGNORECASE), q.id
        caps = set(re.findall(r"\b[A-Z]{2,}\b", q.text)) - allowed_caps
        assert not caps, (q.id, caps)
        assert q.text[-1] in ".?", q.id


def test_target_lengths_fit_the_kind(bank):
    for q in bank:
        if q.kind == "coding":
            assert 300 <= q.target_s <= 600, q.id
        elif q.category == "leadership":
            assert 90 <= q.target_s <= 150, q.id
        else:
            assert 60 <= q.target_s <= 600, q.id


def test_question_fields_types_and_follow_up(bank):
    q = bank.get("lp-dive-deep-1")
    assert isinstance(q, Question)
    assert q.kind == "behavioral" and q.category == "leadership"
    assert q.principles == ("Dive Deep",)
    assert isinstance(q.key_points, tuple) and isinstance(q.target_s, float)
    assert q.source.startswith("behavioral.toml:")
    with pytest.raises(TypeError):
        q.follow_ups["no_result"] = "x"  # read-only
    hash(q)  # usable in sets even with a mapping field
    # the question's own follow-up wins; unknown keys are skipped; generic fallback
    assert q.follow_up(["nonsense", "no_action"]) == q.follow_ups["no_action"]
    assert q.follow_up(["no_clarify"]).startswith("Is there anything")
    assert q.follow_up([]) is None
    assert q.to_dict()["principles"] == ["Dive Deep"]


# ------------------------------------------------------------------ validation errors

GOOD = '''[[question]]
id = "x-one-1"
category = "core-ml"
kind = "technical"
text = "Explain something."
key_points = ["a", "b"]
target_s = 90

[question.follow_ups]
no_example = "For example?"
'''

BEHAVIOURAL = '''
[[question]]
id = "x-story-1"
category = "leadership"
kind = "behavioral"
text = "Tell me about a time."
principles = ["Dive Deep"]
target_s = 120
'''


def _write(tmp_path: Path, text: str, name: str = "bank.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _error(path: Path) -> str:
    with pytest.raises(QuestionError) as exc:
        load_bank(path)
    msg = str(exc.value)
    assert "\n" not in msg
    return msg


def test_good_file_loads(tmp_path):
    p = _write(tmp_path, GOOD + BEHAVIOURAL)
    b = load_bank(p)
    assert [q.id for q in b] == ["x-one-1", "x-story-1"]
    assert b.get("x-one-1").source == "bank.toml:1"
    assert b.get("x-story-1").source == "bank.toml:12"
    assert load_bank(tmp_path).questions == b.questions  # folder form


def test_malformed_toml_names_file_and_line(tmp_path):
    p = _write(tmp_path, GOOD + '\n[[question]]\nid = "broken\n')
    msg = _error(p)
    assert "bank.toml" in msg and "invalid TOML" in msg and "line 13" in msg


def test_empty_file(tmp_path):
    msg = _error(_write(tmp_path, "# nothing here\n"))
    assert "bank.toml" in msg and "no questions" in msg


def test_empty_folder(tmp_path):
    msg = _error(tmp_path)
    assert str(tmp_path) in msg and "no *.toml" in msg


def test_missing_path(tmp_path):
    msg = _error(tmp_path / "nope")
    assert "nope" in msg and "not found" in msg


# A broken bank file: the one-line error names the file (and line), the question and the cause.
BANK_ERRORS = [
    pytest.param('[question]\nid = "a"\n', ("bank.toml", "[[question]]"), id="not-an-array"),
    pytest.param('title = "mine"\n' + GOOD, ("bank.toml:1", "'title'"), id="top-level-key"),
    pytest.param(GOOD + BEHAVIOURAL.replace("target_s", "txt = 'x'\ntarget_s"),
                 ("bank.toml:12", "x-story-1", "unknown key 'txt'", "did you mean 'text'"),
                 id="unknown-key"),
    pytest.param(GOOD.replace("[question.follow_ups]\nno_example", "follow_ups = 'x'\n#"),
                 ("x-one-1", "'follow_ups' must be a table"), id="follow-ups-not-a-table"),
    pytest.param(GOOD.replace('"technical"', '"behavioural"'),
                 ("x-one-1", "unknown kind 'behavioural'", "did you mean 'behavioral'"),
                 id="unknown-kind"),
    pytest.param(BEHAVIOURAL.replace("Dive Deep", "Dive Deeper"),
                 ("bank.toml:2", "x-story-1", "unknown principle 'Dive Deeper'",
                  "did you mean 'Dive Deep'"), id="unknown-principle"),
    pytest.param(BEHAVIOURAL.replace('"Dive Deep"', ""),
                 ("x-story-1", "at least one Leadership Principle"), id="no-principles"),
    pytest.param(GOOD + "\n" + GOOD, ("duplicate question id 'x-one-1'", "bank.toml:12"),
                 id="duplicate-id"),
    pytest.param(BEHAVIOURAL.replace("target_s = 120", "target_s = 120\nstory = 'no'"),
                 ("x-story-1", "'story' must be true or false"), id="story-not-a-bool"),
    pytest.param(GOOD.replace("target_s = 90", "target_s = 90\nstory = false"),
                 ("x-one-1", "'story = false' is for behavioral questions"),
                 id="story-false-technical"),
    pytest.param(GOOD.replace("no_example =", "no_exampel ="),
                 ("x-one-1", "unknown follow_ups key 'no_exampel'", "did you mean 'no_example'"),
                 id="unknown-follow-up-key"),
    pytest.param(GOOD.replace('"For example?"', '""'),
                 ("follow_ups.no_example must be a non-empty string",), id="empty-follow-up"),
    pytest.param(GOOD + "#" * (MAX_FILE_BYTES + 10) + "\n", ("bank.toml", "1 MB"), id="huge"),
    *(pytest.param(GOOD.replace('"Explain something."', text), ("x-one-1", "'text' is empty"),
                   id=f"text={text}") for text in ('""', '"   "')),
    *(pytest.param(GOOD.replace("target_s = 90", f"target_s = {value}"), ("x-one-1", "'target_s'"),
                   id=f"target_s={value}") for value in ("0", "-5", "nan", "1e9")),
    *(pytest.param(GOOD.replace('"x-one-1"', f'"{qid}"'), ("bank.toml:1", "kebab-case"),
                   id=f"id={qid}") for qid in ("Bad_Id", "a--b", "../x", "with space")),
]


@pytest.mark.parametrize(("text", "expected"), BANK_ERRORS)
def test_bank_errors_name_file_question_and_cause(tmp_path, text, expected):
    msg = _error(_write(tmp_path, text))
    for part in expected:
        assert part in msg, msg


@pytest.mark.parametrize("field", ["id", "category", "kind", "text", "target_s"])
def test_missing_required_field(tmp_path, field):
    lines = [ln for ln in GOOD.splitlines() if not ln.startswith(f"{field} =")]
    msg = _error(_write(tmp_path, "\n".join(lines)))
    assert "bank.toml:1" in msg and f"missing required key '{field}'" in msg
    if field != "id":
        assert "x-one-1" in msg


@pytest.mark.parametrize("line,expect", [
    ('text = 42', "'text' must be a string, got an integer"),
    ('key_points = "just one"', "'key_points' must be a list of strings"),
    ('key_points = ["a", 3]', "'key_points' must be a list of strings"),
    ('target_s = "ninety"', "'target_s' must be a number of seconds, got a string"),
    ('target_s = true', "'target_s' must be a number of seconds, got a boolean"),
    ('category = ["core-ml"]', "'category' must be a string, got a list"),
])
def test_wrong_types(tmp_path, line, expect):
    key = line.split(" =")[0]
    text = "\n".join(line if ln.startswith(f"{key} =") else ln for ln in GOOD.splitlines())
    msg = _error(_write(tmp_path, text))
    assert "bank.toml:1" in msg and "x-one-1" in msg and expect in msg


def test_duplicate_ids_name_both_files(tmp_path):
    _write(tmp_path, GOOD, "a.toml")
    _write(tmp_path, GOOD.replace("Explain something.", "Another."), "b.toml")
    msg = _error(tmp_path)
    assert "duplicate question id 'x-one-1'" in msg
    assert "a.toml:1" in msg and "b.toml:1" in msg


def test_not_utf8(tmp_path):
    p = tmp_path / "bank.toml"
    p.write_bytes(GOOD.encode("utf-8") + b"# \xff\xfe\n")
    msg = _error(p)
    assert "bank.toml" in msg and "UTF-8" in msg


def test_multiline_text_is_normalised(tmp_path):
    multiline = '"""Explain\n   something\nslowly."""'
    p = _write(tmp_path, GOOD.replace('"Explain something."', multiline))
    assert load_bank(p).get("x-one-1").text == "Explain something slowly."


# ------------------------------------------------------------------ lookups and filters

def test_get_suggests_close_ids(bank):
    with pytest.raises(QuestionError, match=r"did you mean ml-overfitting-1") as exc:
        bank.get("ml-overfiting-1")
    assert "voice-coach questions" in str(exc.value)
    with pytest.raises(QuestionError, match="lp-dive-deep-1"):
        bank.get("lp-dive-deep")  # a prefix lists its numbered questions


@pytest.mark.parametrize("qid", ["../prompts/core_ml", "a/b", "..", "x\\y", "", "ML-1"])
def test_get_rejects_path_like_ids(bank, qid):
    with pytest.raises(QuestionError, match="invalid question id"):
        bank.get(qid)


def test_filter(bank):
    lp = bank.filter(category="leadership")
    assert lp and all(q.category == "leadership" for q in lp)
    coding = bank.filter(kind="coding")
    assert coding and all(q.kind == "coding" for q in coding)
    hits = bank.filter(search="COLD START")  # case-insensitive, key points too
    assert {"recsys-cold-start-1", "recsys-cold-start-2"} <= {q.id for q in hits}
    assert bank.filter(search="zzzz-no-such-word") == []
    both = bank.filter(category="recsys", kind="technical", search="cold")
    assert {q.category for q in both} == {"recsys"}
    with pytest.raises(QuestionError, match="unknown category 'core_ml'.*did you mean 'core-ml'"):
        bank.filter(category="core_ml")
    with pytest.raises(QuestionError, match="unknown kind"):
        bank.filter(kind="story")
    cats = bank.categories()
    assert "leadership" in cats and list(cats) == sorted(cats)


def test_pick_is_deterministic_and_respects_filters(bank):
    a = [bank.pick(random.Random(7), category="nlp").id for _ in range(3)]
    assert len(set(a)) == 1
    rng = random.Random(1)
    ids = {bank.pick(rng, kind="coding").id for _ in range(30)}
    assert all(bank.get(i).kind == "coding" for i in ids) and len(ids) > 1
    only = bank.filter(category="cv")
    keep = only[0].id
    exclude = [q.id for q in only[1:]]
    assert bank.pick(random.Random(3), category="cv", exclude=exclude).id == keep
    with pytest.raises(QuestionError, match="no question left"):
        bank.pick(random.Random(3), category="cv", exclude=[q.id for q in only])


# ------------------------------------------------------------------ rounds

def test_rounds_are_deterministic_for_a_seed(bank):
    for name in ROUNDS:
        runs = [[q.id for q in plan_round(name, bank, random.Random(42))] for _ in range(2)]
        assert runs[0] == runs[1]
        assert len(set(runs[0])) == len(runs[0])
    seeds = {tuple(q.id for q in plan_round("behavioral", bank, random.Random(s)))
             for s in range(10)}
    assert len(seeds) > 5  # different seeds give different rounds


@pytest.mark.parametrize("seed", range(15))
def test_amazon_ml_round_composition(bank, seed):
    qs = plan_round("amazon-ml", bank, random.Random(seed))
    assert [q.category for q in qs][:1] == ["intro"]
    tech = qs[1:3]
    assert all(q.kind == "technical" for q in tech)
    assert all(q.category in {"core-ml", "recsys", "nlp", "cv", "forecasting", "scale"}
               for q in tech)
    assert tech[0].category != tech[1].category
    assert qs[3].kind == "coding"
    beh = qs[4:]
    assert len(beh) == 2 and all(q.category == "leadership" for q in beh)
    assert not set(beh[0].principles) & set(beh[1].principles)


@pytest.mark.parametrize("seed", range(15))
def test_amazon_aie_round_composition(bank, seed):
    qs = plan_round("amazon-aie", bank, random.Random(seed))
    assert len(qs) == 5
    assert qs[0].category == "intro"
    assert qs[1].category == "llm-finetuning"
    assert qs[2].category in {"llm-finetuning", "ml-design"}
    assert all(q.kind == "technical" for q in qs[1:3])
    assert all(q.category == "leadership" and q.kind == "behavioral" for q in qs[3:])


def test_amazon_aie_weights_dive_deep_and_deliver_results(bank):
    preferred = {"Dive Deep", "Deliver Results"}
    lp = bank.filter(category="leadership")
    base_share = sum(bool(preferred & set(q.principles)) for q in lp) / len(lp)
    picks = [q for s in range(200) for q in plan_round("amazon-aie", bank, random.Random(s))[3:]]
    share = sum(bool(preferred & set(q.principles)) for q in picks) / len(picks)
    assert share > base_share + 0.15, (share, base_share)


@pytest.mark.parametrize("seed", range(15))
def test_behavioral_round_composition(bank, seed):
    qs = plan_round("behavioral", bank, random.Random(seed))
    assert len(qs) == 6
    assert qs[0].category == "intro"
    beh = qs[1:]
    assert all(q.kind == "behavioral" and q.category == "leadership" for q in beh)
    principles = [p for q in beh for p in q.principles]
    assert len(principles) == len(set(principles))  # no principle repeated


def test_unknown_round_lists_valid_names(bank):
    with pytest.raises(QuestionError) as exc:
        plan_round("amazon", bank, random.Random(0))
    msg = str(exc.value)
    for name in ("amazon-ml", "amazon-aie", "behavioral"):
        assert name in msg


def test_round_on_a_thin_bank_says_what_is_missing(tmp_path):
    b = load_bank(_write(tmp_path, GOOD + BEHAVIOURAL))
    with pytest.raises(QuestionError, match="not enough intro questions"):
        plan_round("behavioral", b, random.Random(0))


# ------------------------------------------------------------------ CLI

@pytest.fixture
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def test_cli_lists_with_count(capsys, wide):
    assert main(["questions", "--category", "leadership"]) == 0
    out = capsys.readouterr().out
    n = len(load_bank().filter(category="leadership"))
    assert f"{n} questions of" in out
    assert "lp-dive-deep-1" in out and "Dive Deep" in out
    assert "ml-overfitting-1" not in out


def test_cli_kind_and_search(capsys, wide):
    assert main(["questions", "--kind", "coding", "--search", "kmeans"]) == 0
    out = capsys.readouterr().out
    assert "code-kmeans-1" in out and "1 question of" in out


def test_cli_no_match(capsys, wide):
    assert main(["questions", "--search", "zzzz-no-such-word"]) == 0
    assert "0 questions match" in capsys.readouterr().out


def test_cli_show(capsys, wide):
    assert main(["questions", "--show", "lp-dive-deep-1"]) == 0
    out = capsys.readouterr().out
    q = load_bank().get("lp-dive-deep-1")
    assert "deepest investigation" in out
    assert q.key_points[0] in out
    assert "no_action" in out and q.follow_ups["no_action"] in out
    assert "120 s" in out


@pytest.mark.parametrize("argv,expect", [
    (["questions", "--show", "lp-dive-dep"], "did you mean"),
    (["questions", "--show", "../etc/passwd"], "invalid question id"),
    (["questions", "--category", "nope"], "unknown category 'nope'"),
    (["questions", "--round", "nope"], "unknown round 'nope'"),
])
def test_cli_errors_are_one_line_exit_2(capsys, argv, expect):
    assert main(argv) == 2
    cap = capsys.readouterr()
    assert cap.out == ""
    lines = cap.err.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0]
    assert "Traceback" not in cap.err


def test_cli_prompts_option_and_bad_bank(capsys, tmp_path, wide):
    _write(tmp_path, GOOD + BEHAVIOURAL)
    assert main(["questions", "--prompts", str(tmp_path)]) == 0
    assert "2 questions of 2" in capsys.readouterr().out
    _write(tmp_path, GOOD, "dup.toml")
    assert main(["questions", "--prompts", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "duplicate question id 'x-one-1'" in err and len(err.strip().splitlines()) == 1


def test_cli_env_prompts(capsys, tmp_path, monkeypatch, wide):
    _write(tmp_path, GOOD)
    monkeypatch.setenv("VOICE_COACH_PROMPTS", str(tmp_path))
    assert main(["questions"]) == 0
    assert "1 question of 1" in capsys.readouterr().out


def test_cli_round_preview_is_reproducible(capsys, wide):
    assert main(["questions", "--round", "behavioral", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    for q in plan_round("behavioral", load_bank(), random.Random(5)):
        assert q.id in out
    assert "--seed 5" in out


# ------------------------------------------------------------------ robustness

_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10_000), st.floats(),
                     st.text(max_size=20), st.sampled_from(["Dive Deep", "coding", "x-1"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(FOLLOW_UP_KEYS + ("x",)),
                                                 inner, max_size=3)), max_leaves=6)
_entries = st.dictionaries(
    st.sampled_from(("id", "category", "kind", "text", "principles", "key_points", "follow_ups",
                     "target_s", "extra")), _values, max_size=9)


@_FUZZ
@given(entries=st.lists(_entries, min_size=0, max_size=3))
def test_any_toml_either_loads_or_raises_question_error(tmp_path, entries):
    import tomli_w

    def clean(v):  # TOML has no null
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items() if x is not None}
        if isinstance(v, list):
            return [clean(x) for x in v if x is not None]
        return v

    try:
        text = tomli_w.dumps({"question": [clean(e) for e in entries]})
    except (TypeError, ValueError):
        return  # not representable in TOML (e.g. mixed-type arrays in old tomli-w)
    p = tmp_path / "fuzz.toml"
    p.write_text(text, encoding="utf-8")
    try:
        bank = load_bank(p)
    except QuestionError as e:
        assert "\n" not in str(e) and "fuzz.toml" in str(e)
    else:
        assert all(isinstance(q, Question) for q in bank)


@_FUZZ
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_either_load_or_raise_question_error(tmp_path, raw):
    p = tmp_path / "junk.toml"
    p.write_bytes(raw)
    try:
        load_bank(p)
    except QuestionError as e:
        assert "\n" not in str(e) and "junk.toml" in str(e)


# ------------------------------------------------------------ the kind an answer is coached as

EXPERIENCE_ASKS = [  # (question text, asks about something the candidate did)
    ("Tell me about a ranking model you shipped. What did it change for sellers?", True),
    ("Describe a pipeline you rebuilt and how you knew it was better.", True),
    ("How did your retrieval system hold up once real traffic arrived?", True),
    ("Talk me through an evaluation you designed for a chatbot last year.", True),
    ("Have you ever trained a model on data you later found was leaking labels?", True),
    ("What was the hardest latency problem you solved?", True),
    ("What is a model decision you regretted, and why?", True),
    ("Describe a time a fine-tuned model surprised you in production.", True),
    ("Explain how LoRA works, and tie it to a project you worked on.", False),
    ("Walk me through how you would roll out a fine-tuned model to production.", False),
    ("How would you evaluate a retrieval system before launch?", False),
    ("What is the difference between bagging and boosting?", False),
    ("Your fine-tuned model got slower than the SLA. What are your options?", False),
    ("Design a system that flags fraudulent sellers. What would you ask first?", False),
]


@pytest.mark.parametrize(("text", "expected"), EXPERIENCE_ASKS)
def test_asks_for_experience_reads_the_first_ask(text, expected):
    assert asks_for_experience(text) is expected


def _q(kind, text, principles=()):
    return Question(id="q-1", category="llm-finetuning", kind=kind, text=text,
                    principles=tuple(principles), key_points=(), follow_ups={}, target_s=120.0,
                    source="t.toml:1")


ANSWER_KINDS = [  # (question kind, text, principles, kind the answer was told as, coached as)
    ("technical", "Tell me about a classifier you deployed and how you measured it.", (),
     "technical", "behavioral"),
    ("technical", "How did your fine-tune change support handle time?", ("Deliver Results",),
     None, "behavioral"),
    ("technical", "Explain what a learning rate warm-up does.", (), "behavioral", "technical"),
    ("technical", "Your model regressed on old queries. How do you handle it?", ("Dive Deep",),
     "behavioral", "behavioral"),
    ("technical", "Your model regressed on old queries. How do you handle it?", ("Dive Deep",),
     "technical", "technical"),
    ("technical", "Your model regressed on old queries. How do you handle it?", ("Dive Deep",),
     None, None),
    ("coding", "Write a function that dedupes events you received twice.", (), "behavioral",
     "coding"),
    ("behavioral", "Why this team?", ("Ownership",), "technical", "behavioral"),
]


@pytest.mark.parametrize(("kind", "text", "principles", "told_as", "expected"), ANSWER_KINDS)
def test_answer_kind_is_decided_in_one_place(kind, text, principles, told_as, expected):
    assert answer_kind(_q(kind, text, principles), told_as) == expected


@pytest.mark.parametrize("told_as", ["behavioral", "technical", None])
def test_answer_kind_without_a_question_is_the_answers_own(told_as):
    assert answer_kind(None, told_as) == told_as


def test_every_leadership_question_asks_for_experience(bank):
    stories = [q for q in bank if q.category == "leadership"]
    assert stories and all(asks_for_experience(q.text) for q in stories)


def test_questions_about_the_speaker_ask_for_no_story(tmp_path):
    """Session 26: "tell me about yourself", "why Amazon" and "your next role" ask about the
    speaker, not for one past event (`Question.story`); every other question asks for a story."""
    bank = load_bank()
    assert {q.id for q in bank.questions if not q.story} == {
        "intro-tell-me-about-yourself-1", "intro-why-amazon-1", "intro-next-role-1"}
    assert bank.get("intro-impact-brief-1").story and bank.get("lp-ownership-1").story
    q = load_bank(_write(tmp_path, BEHAVIOURAL.replace("target_s = 120",
                                                       "target_s = 120\nstory = false"))).get(
        "x-story-1")
    assert q.story is False and q.to_dict()["story"] is False


def test_an_id_with_a_control_character_gives_a_one_line_error(tmp_path):
    """Found by the fuzz test above: an id "0\\n" put a newline into the error message."""
    import tomli_w

    p = tmp_path / "bad.toml"
    p.write_text(tomli_w.dumps({"question": [{"id": "0\n"}]}), encoding="utf-8")
    with pytest.raises(QuestionError) as e:
        load_bank(p)
    assert "\n" not in str(e.value) and "'0\\n'" in str(e.value), str(e.value)
