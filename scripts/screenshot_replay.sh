#!/usr/bin/env bash
# Screenshot an answer of report.html mid-replay: word N clicked (audio moved there, the word
# highlighted, the playhead on the timeline). Offline, no profile kept.
# Usage: scripts/screenshot_replay.sh REPORT.html OUT.png [WORD_INDEX] [WIDTHxHEIGHT]
set -euo pipefail
html=${1:?usage: $0 REPORT.html OUT.png [WORD_INDEX] [WIDTHxHEIGHT]}
out=${2:?usage: $0 REPORT.html OUT.png [WORD_INDEX] [WIDTHxHEIGHT]}
word=${3:-12}
size=${4:-1100x1000}
. "$(dirname "$0")/headless.sh"
tmp=$headless_tmp
probe="$tmp/replay.html"
script="<script>window.addEventListener('load',function(){var s=document.querySelector('section[data-audio]');
var a=document.getElementById(s.getAttribute('data-audio'));function go(){var w=s.querySelectorAll('.w[data-s]')[$word];
w.click();a.pause();}if(a.readyState>=1)go();else a.addEventListener('loadedmetadata',go);});</script>"
python3 - "$html" "$probe" "$script" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", sys.argv[3] + "</body>"))
PY
out_abs=$(abs_path "$out")
headless --hide-scrollbars --virtual-time-budget=5000 --window-size="${size/x/,}" \
  --screenshot="$out_abs" "file://$probe"
[ -s "$out_abs" ] || { echo "no screenshot written to $out_abs" >&2; exit 1; }
echo "$out_abs"
