#!/usr/bin/env bash
# Print an HTML page to PDF in headless Chromium (offline, no profile, no header/footer).
# Usage: scripts/print_pdf.sh PAGE.html [OUT.pdf]
set -euo pipefail
html=${1:?usage: $0 PAGE.html [OUT.pdf]}
out=${2:-${html%.html}.pdf}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "chromium not found: install it with 'apt-get install -y chromium'" >&2
  exit 3
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --no-pdf-header-footer \
  --user-data-dir="$profile" --print-to-pdf="$out_abs" "file://$abs" >/dev/null 2>&1
[ -s "$out_abs" ] || { echo "no PDF written to $out_abs" >&2; exit 1; }
echo "$out_abs"
