#!/bin/sh
# Synthesises the spoken-digit corpus of examples/speech-digits-ctc.properties with espeak-ng
# (apt-get install -y espeak-ng python3-numpy): 400 training, 40 validation and 80 test utterances
# of two to four digits, 8 kHz mu-law, the test voices held apart. See build_digits.py.
#   benchmarks/speech/build-digits.sh [OUT_DIR [TRAIN VALIDATION TEST [SEED]]]
set -eu
here=$(dirname "$0")
out=${1:-examples/data/digits}
shift 2>/dev/null || true
command -v espeak-ng >/dev/null || { echo "build-digits: espeak-ng is not installed (apt-get install -y espeak-ng)" >&2; exit 1; }
rm -rf "$out/wav" "$out/train.tsv" "$out/validation.tsv" "$out/test.tsv"
mkdir -p "$out"
/usr/bin/python3 "$here/build_digits.py" "$out" "$@"
echo "build-digits: $(grep -vc '^#' "$out/train.tsv") training, $(grep -vc '^#' "$out/validation.tsv") validation, $(grep -vc '^#' "$out/test.tsv") test utterances in $out ($(du -sh "$out" | cut -f1))"
