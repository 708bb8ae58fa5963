#!/bin/bash
# run.sh AID [extra practice args]
set -u
AID=$1; shift
R=/work/evaldata57/qa142/run1
cd /work/wt/qa142
Q=$(python3 -c "import json;print(json.load(open('$R/ground_truth.json'))['$AID']['q'])")
TAG=${TAG:-}
start=$(date +%s)
PYTHONPATH=$PWD nice .venv/bin/voice-coach practice --question $Q --input /tmp/qa142/wav/$AID.wav --no-voice --no-follow-up "$@" --recordings /tmp/qa142/rec < /dev/null > $R/${AID}${TAG}_practice.out 2>&1
echo "rc=$? wall=$(( $(date +%s)-start ))s" >> $R/${AID}${TAG}_practice.out
SID=$(grep -o 'Saved to /tmp/qa142/rec/[^ ]*' $R/${AID}${TAG}_practice.out | sed 's#.*/##')
echo "$SID" > $R/${AID}${TAG}_session.txt
PYTHONPATH=$PWD nice .venv/bin/voice-coach review $SID --export json --recordings /tmp/qa142/rec > $R/${AID}${TAG}_review.json 2>&1
PYTHONPATH=$PWD nice .venv/bin/voice-coach review $SID --export md --recordings /tmp/qa142/rec > $R/${AID}${TAG}_review.md 2>&1
python3 $R/scripts/compare.py $AID $R/${AID}${TAG}_review.json > $R/${AID}${TAG}_compare.txt 2>&1
tail -1 $R/${AID}${TAG}_practice.out; cat $R/${AID}${TAG}_compare.txt
