#!/bin/bash
# usage: run.sh NAME WAV QID [extra args]
N=$1; W=$2; Q=$3; shift 3
cd /work/wt/qa130; O=/work/evaldata55/qa130/run1/out
start=$(date +%s)
PYTHONPATH=$PWD nice .venv/bin/voice-coach practice --question $Q --input $W --no-voice --no-follow-up "$@" --recordings /tmp/qa130/rec > $O/${N}_practice.txt 2>&1 </dev/null; echo rc=$? secs=$(( $(date +%s)-start ))
S=$(grep -o 'review with: *' -A1 $O/${N}_practice.txt >/dev/null; grep -oE '20[0-9]{2}-[0-9]{2}-[0-9]{2}_[0-9]{4}_[A-Za-z0-9_.-]+' $O/${N}_practice.txt | tail -1)
echo session=$S
PYTHONPATH=$PWD nice .venv/bin/voice-coach review $S --export json --recordings /tmp/qa130/rec > $O/$N.json 2>&1
PYTHONPATH=$PWD nice .venv/bin/voice-coach review $S --export md --recordings /tmp/qa130/rec > $O/$N.md 2>&1
/work/main/.venv/bin/python /work/evaldata55/qa130/run1/summ.py $O/$N.json
