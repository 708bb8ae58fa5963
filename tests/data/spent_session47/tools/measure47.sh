#!/bin/bash
# usage: measure47.sh CODEPATH TAG  -> out_TAG_{A,B}.json in each round folder, summary to stdout
D=/work/main/tests/data/spent_session47
for r in round51:dar round52:bcn round53:lyo; do
  rd=${r%%:*}; p=${r##*:}
  for L in A B; do
    (cd /tmp && PYTHONPATH=$1 nice /work/main/.venv/bin/python /work/main/tests/data/spent_session26/tools/structacc.py $D/$rd/out_$2_$L.json $D/$rd/answers_$p.toml:$D/$rd/labels_${p}_$L.toml > $D/$rd/out_$2_$L.txt 2>&1) &
  done
  wait
done
