#!/bin/bash
# usage: runev.sh CODEPATH TAG
cd /work/exp58
PYTHONPATH=$1 nice /work/main/.venv/bin/python ev.py $2_0.json 0 2 &
PYTHONPATH=$1 nice /work/main/.venv/bin/python ev.py $2_1.json 1 2 &
wait
