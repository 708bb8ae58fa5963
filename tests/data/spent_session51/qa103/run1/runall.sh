#!/bin/bash
cd /work/wt/qa103
O=/work/evaldata51/qa103/run1
run() { out=$1; shift; echo "### $(date +%T) $*" > $O/$out; ( time PYTHONPATH=$PWD COLUMNS=160 nice .venv/bin/voice-coach "$@" --recordings /tmp/qa103/rec ) >> $O/$out 2>&1 < /dev/null; echo "rc=$?" >> $O/$out; }
run a2.practice.out practice --question ml-overfitting-1 --input /tmp/qa103/a2.wav --no-voice --no-follow-up
run a3.practice.out practice --question code-kmeans-1 --input /tmp/qa103/a3.wav --no-voice --no-follow-up
run a4.practice.out practice --question scale-inference-1 --input /tmp/qa103/a4.wav --no-voice --no-follow-up
run a5n.practice.out practice --question lp-customer-obsession-3 --input /tmp/qa103/a5n.wav --no-voice --no-follow-up
run a6v.practice.out practice --question forecast-demand-1 --input /tmp/qa103/a6v.wav --no-voice --no-follow-up
run a8.practice.out practice --question recsys-cold-start-1 --input /tmp/qa103/a8.wav --no-voice --no-follow-up
run a7.realtime.out practice --question lp-dive-deep-1 --input /tmp/qa103/a7.wav --realtime --no-voice --no-follow-up
run a7.analyze.json analyze /tmp/qa103/a7.wav --question lp-dive-deep-1 --json
run a7.analyze.out analyze /tmp/qa103/a7.wav --question lp-dive-deep-1
echo ALLDONE > $O/runall.done
