#!/bin/bash
cd /work/wt/qa99; export PYTHONPATH=$PWD COLUMNS=160
VC="nice .venv/bin/voice-coach"; W=/tmp/qa99/wav; O=/work/evaldata50/qa99/run1/out; R=/tmp/qa99/rec
run(){ name=$1; shift; echo "\$ voice-coach $* --recordings $R" > $O/$name.txt; s=$(date +%s.%N); $VC "$@" --recordings $R >> $O/$name.txt 2> $O/$name.err; echo "rc=$? elapsed=$(echo "$(date +%s.%N)-$s"|bc)" >> $O/$name.txt; echo "done $name $(date +%T)"; }
run p1 practice --question lp-ownership-3 --input $W/a1.wav --no-voice --no-follow-up
run p2 practice --question forecast-demand-1 --input $W/a2.wav --no-voice --no-follow-up
run p3 practice --question code-kmeans-1 --input $W/a3.wav --no-voice --no-follow-up
run p4 practice --question scale-inference-1 --input $W/a4.wav --no-voice --no-follow-up
run p5 practice --question lp-customer-obsession-3 --input $W/a5n.wav --no-voice --no-follow-up
run p6 practice --question cv-damage-detection-1 --input $W/a6v.wav --no-voice --no-follow-up
run p8 practice --question nlp-near-duplicates-1 --input $W/a8.wav --no-voice --no-follow-up
run p7rt practice --question lp-are-right-a-lot-2 --input $W/a7.wav --no-voice --no-follow-up --realtime
run a7an analyze $W/a7.wav --question lp-are-right-a-lot-2
run a7json analyze $W/a7.wav --question lp-are-right-a-lot-2 --json
echo ALLDONE
