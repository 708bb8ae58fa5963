#!/bin/bash
# usage: run.sh NAME QUESTION [extra args]
N=$1; Q=$2; shift 2
cd /work/wt/qa151 && export PYTHONPATH=$PWD
O=/work/evaldata58/qa151/run1
start=$(date +%s)
nice .venv/bin/voice-coach practice --question $Q --input /tmp/qa151/wav/$N.wav --no-voice --no-follow-up --recordings /tmp/qa151/rec "$@" > $O/$N.out 2>&1
echo "rc=$? elapsed=$(( $(date +%s)-start ))s" >> $O/$N.out
S=$(grep -o 'review with:.*' -A1 $O/$N.out | tr -d '\n' | grep -o '20[0-9_-]*[a-z0-9-]*' | tail -1)
S=$(ls -t /tmp/qa151/rec | grep ^20 | head -1)
echo session $S
nice .venv/bin/voice-coach review $S --export md --recordings /tmp/qa151/rec > $O/$N.md 2>&1
nice .venv/bin/voice-coach review $S --export json --recordings /tmp/qa151/rec > $O/$N.json 2>&1
cat $O/$N.out | sed -n '/transcript/,/scores:/p'
sed -n '/^feedback/,/Round summary/p' $O/$N.out
tail -2 $O/$N.out
python3 $O/summ.py $O/$N.json | grep -v keys
