#!/bin/bash
# file voice rate
set -e
W=/tmp/qa115/wav
gen(){ espeak-ng -m -v "$2" -s "$3" -w $W/$1.wav -f $1.ssml; }
gen a1 en-us 150
gen a2 en-gb 170
gen a3 en-gb-scotland 140
gen a4 en-us+f3 190
gen a5 en-029 160
gen a6 en-gb+m4 150
gen a7 en-us 130
gen a8 en-gb+f3 180
