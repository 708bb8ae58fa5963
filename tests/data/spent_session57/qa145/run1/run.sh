#!/bin/bash
# run.sh NAME QUESTION WAV [extra practice args]  -> practice, export json+md, compare
N=$1; Q=$2; W=$3; shift 3
O=/work/evaldata57/qa145/run1/out; cd /work/wt/qa145
export PYTHONPATH=$PWD COLUMNS=140
/usr/bin/time -f "wall %e s" nice .venv/bin/voice-coach practice --question $Q --input $W --no-voice --no-follow-up --recordings /tmp/qa145/rec "$@" > $O/${N}_practice.txt 2>&1; echo "rc=$?" >> $O/${N}_practice.txt
ID=$(grep -o 'review with: voice-coach review [^ ]*' $O/${N}_practice.txt | awk '{print $NF}')
echo "session $ID"
nice .venv/bin/voice-coach review $ID --export json --recordings /tmp/qa145/rec > $O/${N}_export.json 2>>$O/${N}_export.err
nice .venv/bin/voice-coach review $ID --export md --recordings /tmp/qa145/rec > $O/${N}_export.md 2>>$O/${N}_export.err
nice /work/main/.venv/bin/python /work/evaldata57/qa145/run1/compare.py /work/evaldata57/qa145/run1/inputs/${N}.gt.json $O/${N}_export.json > $O/${N}_compare.txt 2>&1
