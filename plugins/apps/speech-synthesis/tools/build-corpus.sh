#!/bin/sh
# Synthesises the spoken-number corpus of examples/speech-synthesis-seq2seq.properties with espeak-ng
# and sox (apt-get install -y espeak-ng sox): the numbers 0 to 159 written as words, one voice
# (espeak-ng's default English, 190 words a minute), each with its espeak-ng phonemes (-x, one
# symbol per token), as 8 kHz mu-law WAV with the silence at both ends cut. Manifests
# (path<TAB>text<TAB>phonemes): test.tsv holds the numbers n with n % 8 = 3, validation.tsv those with
# n % 8 = 6, train.tsv the rest (120, 20 and 20 utterances). Word boundaries are the token "|".
#   plugins/apps/speech-synthesis/tools/build-corpus.sh [OUT_DIR [LAST]]
set -eu
out=${1:-examples/data/speech-synthesis}
last=${2:-159}
for tool in espeak-ng sox; do
  command -v $tool >/dev/null || { echo "build-corpus: $tool is not installed (apt-get install -y espeak-ng sox)" >&2; exit 1; }
done
rm -rf "$out/wav" "$out/train.tsv" "$out/validation.tsv" "$out/test.tsv"
mkdir -p "$out/wav"
ones="zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
tens="_ _ twenty thirty forty fifty sixty seventy eighty ninety"
word() { echo "$1" | cut -d' ' -f$(($2 + 1)); }
words() {
  n=$1; text=""
  if [ "$n" -ge 100 ]; then text="$(word "$ones" $((n / 100))) hundred"; n=$((n % 100)); [ "$n" -eq 0 ] && { echo "$text"; return; }; text="$text and "; fi
  if [ "$n" -lt 20 ]; then echo "$text$(word "$ones" "$n")"; return; fi
  text="$text$(word "$tens" $((n / 10)))"
  [ $((n % 10)) -ne 0 ] && text="$text $(word "$ones" $((n % 10)))"
  echo "$text"
}
header="# path<TAB>text<TAB>phonemes (espeak-ng $(espeak-ng --version | cut -d' ' -f4) -x, \"|\" between words)"
for set in train validation test; do echo "$header" > "$out/$set.tsv"; done
tmp=$(mktemp /tmp/build-corpus-XXXXXX.wav)
trap 'rm -f "$tmp"' EXIT
n=0
while [ "$n" -le "$last" ]; do
  text=$(words "$n")
  name=$(printf 'n%03d.wav' "$n")
  espeak-ng -s 190 -w "$tmp" "$text"
  sox "$tmp" -r 8000 -e u-law -b 8 "$out/wav/$name" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  phonemes=$(espeak-ng -q -x --sep=" " "$text" | sed 's/^ *//; s/ *$//; s/   */ | /g')
  case $((n % 8)) in 3) set=test;; 6) set=validation;; *) set=train;; esac
  printf 'wav/%s\t%s\t%s\n' "$name" "$text" "$phonemes" >> "$out/$set.tsv"
  n=$((n + 1))
done
echo "build-corpus: $(grep -vc '^#' "$out/train.tsv") training, $(grep -vc '^#' "$out/validation.tsv") validation, $(grep -vc '^#' "$out/test.tsv") test utterances in $out ($(du -sh "$out" | cut -f1))"
