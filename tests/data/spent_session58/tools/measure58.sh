#!/bin/bash
# usage: measure58.sh CODEPATH TAG [ROUND...]  -> out_TAG_{A,B}.json/.txt in each round folder
D=/work/main/tests/data/spent_session58
shift 0
CODE=$1; TAG=$2; shift 2
ROUNDS=${*:-"round84:oyunaa round85:juhani round86:valentina"}
for r in $ROUNDS; do
  rd=${r%%:*}; p=${r##*:}
  for L in A B; do
    (cd /tmp && PYTHONPATH=$CODE nice /work/main/.venv/bin/python /work/main/tests/data/spent_session26/tools/structacc.py $D/$rd/out_${TAG}_$L.json $D/$rd/answers_$p.toml:$D/$rd/labels_${p}_$L.toml > $D/$rd/out_${TAG}_$L.txt 2>&1) &
  done
  wait
done
