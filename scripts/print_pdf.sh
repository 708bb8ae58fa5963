#!/usr/bin/env bash
# Print an HTML page to PDF in headless Chromium (offline, no profile, no header/footer).
# Usage: scripts/print_pdf.sh PAGE.html [OUT.pdf]
set -euo pipefail
html=${1:?usage: $0 PAGE.html [OUT.pdf]}
out=${2:-${html%.html}.pdf}
. "$(dirname "$0")/headless.sh"
abs=$(abs_path "$html")
out_abs=$(abs_path "$out")
headless --no-pdf-header-footer --print-to-pdf="$out_abs" "file://$abs"
[ -s "$out_abs" ] || { echo "no PDF written to $out_abs" >&2; exit 1; }
echo "$out_abs"
