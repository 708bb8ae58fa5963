#!/bin/bash
# usage: run.sh NAME QID [extra args]
n=$1; q=$2; shift 2
cd /work/wt/qa139
O=/work/evaldata56/qa139/run1/out
start=$(date +%s)
PYTHONPATH=$PWD nice .venv/bin/voice-coach practice --question $q --input /tmp/qa139/wav/$n.wav --no-voice --no-follow-up --recordings /tmp/qa139/rec "$@" > $O/$n.txt 2>&1 </dev/null
echo "rc=$? secs=$(( $(date +%s)-start ))" >> $O/$n.txt
S=$(grep -o 'review [0-9_a-z-]*' $O/$n.txt | tail -1 | cut -d' ' -f2)
echo session=$S >> $O/$n.txt
PYTHONPATH=$PWD nice .venv/bin/voice-coach review $S --export json --recordings /tmp/qa139/rec > $O/$n.json 2>&1
PYTHONPATH=$PWD nice .venv/bin/voice-coach review $S --export md --recordings /tmp/qa139/rec > $O/$n.md 2>&1
python3 /tmp/qa139/summ.py $O/$n.json /tmp/qa139/wav/${SUMWAV:-$n}.wav > $O/$n.summ 2>&1
