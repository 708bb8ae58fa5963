#!/bin/bash
cd /work/evaldata55/qa131/run1
P="env PYTHONPATH=/work/wt/qa131 nice /work/wt/qa131/.venv/bin/voice-coach"
$P practice --question lp-dive-deep-1 --input a4_dive.wav --input r2_a4_other.wav --no-voice --recordings /tmp/qa131/rec > out_practice_a4.txt 2>&1; echo "a4 rc=$?" >> chain.log
$P practice --question lp-bias-for-action-1 --input a3_hypo.wav --input r3_a3_realtime.wav --no-voice --recordings /tmp/qa131/rec > out_practice_a3.txt 2>&1; echo "a3 rc=$?" >> chain.log
$P practice --question lp-deliver-results-1 --input a1_deliver.wav --no-voice --recordings /tmp/qa131/rec > out_practice_a1.txt 2>&1; echo "a1 rc=$?" >> chain.log
$P practice --question lp-ownership-3 --input f1_owner_fillers.wav --no-voice --recordings /tmp/qa131/rec > out_practice_f1.txt 2>&1; echo "f1 rc=$?" >> chain.log
$P practice --question ml-overfitting-1 --input t1_overfit.wav --no-voice --recordings /tmp/qa131/rec > out_practice_t1.txt 2>&1; echo "t1 rc=$?" >> chain.log
$P practice --question code-metrics-1 --input c1_metrics.wav --no-voice --recordings /tmp/qa131/rec > out_practice_c1.txt 2>&1; echo "c1 rc=$?" >> chain.log
echo done >> chain.log
