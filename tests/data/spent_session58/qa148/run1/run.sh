#!/bin/bash
# usage: run.sh NAME QUESTION [extra practice flags]
N=$1; Q=$2; shift 2
cd /work/wt/qa148; export PYTHONPATH=$PWD
O=/work/evaldata58/qa148/run1/out; R=/tmp/qa148/rec
/usr/bin/time -f "wall %e s" nice .venv/bin/voice-coach practice --question $Q --input /tmp/qa148/wav/$N.wav --no-voice --no-follow-up --recordings $R "$@" > $O/${N}_practice.txt 2>&1
echo "rc=$?" >> $O/${N}_practice.txt
S=$(grep -o 'review with: *$' -A1 $O/${N}_practice.txt >/dev/null; ls -t $R | grep -v -e config -e '\.' | head -1)
echo "session $S" >> $O/${N}_practice.txt
nice .venv/bin/voice-coach review $S --export json --recordings $R > $O/$N.json 2>/dev/null
nice .venv/bin/voice-coach review $S --export md --recordings $R > $O/$N.md 2>&1
cd /work/evaldata58/qa148/run1 && python3 compare.py $N out/$N.json > out/${N}_compare.txt 2>&1
