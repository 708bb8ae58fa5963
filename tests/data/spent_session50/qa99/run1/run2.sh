#!/bin/bash
cd /work/wt/qa99; export PYTHONPATH=$PWD COLUMNS=160
VC="nice .venv/bin/voice-coach"; W=/tmp/qa99/wav; O=/work/evaldata50/qa99/run1/out; R=/tmp/qa99/rec
while ! grep -q ALLDONE /work/evaldata50/qa99/run1/run.log; do sleep 5; done
run(){ name=$1; shift; echo "\$ voice-coach $* --recordings $R" > $O/$name.txt; s=$(date +%s.%N); $VC "$@" --recordings $R >> $O/$name.txt 2> $O/$name.err; echo "rc=$? elapsed=$(echo "$(date +%s.%N)-$s"|bc)" >> $O/$name.txt; echo "done $name $(date +%T)"; }
run p9 practice --question lp-hire-develop-1 --input $W/a9.wav --no-voice --no-follow-up
run bad_silent analyze $W/silent.wav
run bad_empty analyze $W/empty.wav
run bad_zero practice --question lp-ownership-3 --input $W/zero_bytes.wav --no-voice --no-follow-up
run bad_missing analyze $W/nope.wav
run bad_missing_p practice --question lp-ownership-3 --input $W/nope.wav --no-voice
run review_list review
for s in $(ls $R | grep 2026); do run review_$s review $s; run exportmd_$s review $s --export md; done
echo ALLDONE2
