#!/bin/bash
# usage: fu_all.sh CODE OUT
CODE=$1; OUT=$2; : > $OUT
for d in $(find /work/main/tests/data -name items.toml -path "*follow*" | xargs -n1 dirname | sort); do
  echo "## $d" >> $OUT
  (cd $CODE && PYTHONPATH=$CODE nice /work/main/.venv/bin/python /work/main/bench/follow_ups_accuracy.py --set $d 2>&1 | grep "| supplied | all\|| switched_story | all" >> $OUT)
done
