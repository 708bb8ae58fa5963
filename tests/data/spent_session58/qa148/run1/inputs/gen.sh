#!/bin/sh
# voice rate per answer
set -e
W=/tmp/qa148/wav
espeak-ng -m -v en-us -s 150 -w $W/a1.wav -f a1.txt
espeak-ng -m -v en-gb -s 170 -w $W/a2.wav -f a2.txt
espeak-ng -m -v en-gb-scotland -s 140 -w $W/a3.wav -f a3.txt
espeak-ng -m -v en-us+f3 -s 190 -w $W/a4.wav -f a4.txt
espeak-ng -m -v en-029 -s 160 -w $W/a5_clean.wav -f a5.txt
espeak-ng -m -v en-gb+m4 -s 145 -w $W/a6.wav -f a6.txt
espeak-ng -m -v en-us -s 130 -w $W/a7.wav -f a7.txt
espeak-ng -m -v en-gb -s 180 -w $W/a8_clean.wav -f a8.txt
espeak-ng -m -v en-us+f3 -s 160 -w $W/a8_bg_raw.wav -f a8_bg.txt
