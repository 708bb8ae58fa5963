#!/usr/bin/env bash
# Render an HTML report in headless Chromium and save a PNG screenshot (offline, no profile).
# Usage: scripts/screenshot_report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
set -euo pipefail
html=${1:?usage: $0 REPORT.html [OUT.png] [WIDTHxHEIGHT]}
out=${2:-${html%.html}.png}
size=${3:-1100x2400}
. "$(dirname "$0")/headless.sh"
abs=$(abs_path "$html")
out_abs=$(abs_path "$out")
headless --hide-scrollbars --window-size="${size/x/,}" --screenshot="$out_abs" "file://$abs"
[ -s "$out_abs" ] || { echo "no screenshot written to $out_abs" >&2; exit 1; }
echo "$out_abs"
