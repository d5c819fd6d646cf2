#!/bin/sh
# Builds the English-Spanish example corpus offline from Debian packages:
#   English: the short package descriptions of `apt-cache dumpavail` (Debian's package index) of 3 to
#            10 words of letters, spaces and , ' ( ) -, deduplicated, kept when every word is among the
#            WORDS most frequent ones (so that the corpus has a closed vocabulary);
#   Spanish: apertium's rule-based eng-spa translation of each sentence (apertium, apertium-en-es).
# The pairs are shuffled with a fixed seed and split into train/validation/test TSV files
# (source<TAB>target, UTF-8, one pair per line).
#
# usage: benchmarks/translation/build-corpus.sh [OUT_DIR] [PAIRS]
#   OUT_DIR defaults to examples/data/translation-en-es, PAIRS (all splits together) to 6000.
# needs: apt-get install -y apertium apertium-en-es   (and /usr/bin/python3)
set -eu
OUT=${1:-examples/data/translation-en-es}
PAIRS=${2:-6000}
SEED=13
WORDS=1500
command -v apertium >/dev/null || { echo "apertium is missing: apt-get install -y apertium apertium-en-es" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# 1. English sentences from the package descriptions.
cat > "$TMP/sentences.py" <<'EOF'
import random, re, sys
pairs, seed, top = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
sentences = set()
for line in sys.stdin:
    if line.startswith('Description:'):
        s = line[len('Description:'):].strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z ,'()-]*[A-Za-z)]", s) and 3 <= len(s.split()) <= 10:
            sentences.add(s)
sentences = sorted(sentences)
words = lambda s: re.findall(r"[a-z]+|[^a-z ]", s.lower())
count = {}
for s in sentences:
    for w in set(words(s)):
        count[w] = count.get(w, 0) + 1
common = set(sorted(count, key=lambda w: (-count[w], w))[:top])
kept = [s for s in sentences if all(w in common for w in words(s))]
print(len(sentences), 'descriptions,', len(kept), 'with common words only', file=sys.stderr)
random.Random(seed).shuffle(kept)
print('\n'.join(kept[:pairs]))
EOF
apt-cache dumpavail | /usr/bin/python3 "$TMP/sentences.py" "$PAIRS" "$SEED" "$WORDS" > "$TMP/en.txt"

# 2. Spanish by apertium, one line in, one line out (-u: no marks on unknown words).
apertium -u eng-spa "$TMP/en.txt" "$TMP/es.txt"
[ "$(wc -l < "$TMP/en.txt")" = "$(wc -l < "$TMP/es.txt")" ] || { echo "apertium changed the line count" >&2; exit 1; }

# 3. TSV, split 90/5/5 in the (already seeded) order.
mkdir -p "$OUT"
paste "$TMP/en.txt" "$TMP/es.txt" | awk -F'\t' 'NF == 2 && $1 != "" && $2 != ""' > "$TMP/all.tsv"
N=$(wc -l < "$TMP/all.tsv")
HELD=$((N / 20))
head -n $((N - 2 * HELD)) "$TMP/all.tsv" > "$OUT/train.tsv"
tail -n $((2 * HELD)) "$TMP/all.tsv" | head -n "$HELD" > "$OUT/validation.tsv"
tail -n "$HELD" "$TMP/all.tsv" > "$OUT/test.tsv"
wc -l "$OUT"/*.tsv
