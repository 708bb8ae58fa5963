#!/bin/bash
# usage: run.sh KEY WAV [extra practice flags]
K=$1; W=$2; shift 2
cd /work/wt/qa118; export PYTHONPATH=$PWD COLUMNS=160
O=/work/evaldata53/qa118/run1/outputs
Q=$(/work/main/.venv/bin/python -c "import json;print(json.load(open('/work/evaldata53/qa118/run1/inputs/truth.json'))['$K']['question'])")
echo "CMD: voice-coach practice --question $Q --input $W --no-voice --no-follow-up $* --recordings /tmp/qa118/rec" > $O/${K}_practice.txt
/usr/bin/time -f "wall %e s" nice .venv/bin/voice-coach practice --question $Q --input $W --no-voice --no-follow-up "$@" --recordings /tmp/qa118/rec >> $O/${K}_practice.txt 2>&1
echo "rc=$?" >> $O/${K}_practice.txt
S=$(ls -td /tmp/qa118/rec/2026-*/ | head -1); S=$(basename $S)
echo "$K $S" >> $O/sessions.txt
nice .venv/bin/voice-coach review $S --export md --recordings /tmp/qa118/rec > $O/${K}_review.md 2>&1
cd /work/evaldata53/qa118/run1 && /work/main/.venv/bin/python cmp.py $K /tmp/qa118/rec/$S/answer-01.json > $O/${K}_cmp.txt
