#!/bin/sh
# Trains examples/translation-en-es.properties with Engram (from the distribution) and the PyTorch
# peer of the same shape (benchmarks/translation/peer.py) on the same TSV files, 2 threads each,
# and prints their training times, target tokens per second and test BLEU side by side.
# usage: benchmarks/translation/run.sh   (after: mvn -o -q -pl distribution -am -DskipTests package)
# needs: /usr/bin/python3 with python3-torch (apt-get install -y python3-torch)
set -eu
EXAMPLE=examples/translation-en-es.properties
DATA=examples/data/translation-en-es
ENGRAM=distribution/target/engram/bin/engram
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
prop() { sed -n "s/^$1=//p" "$EXAMPLE"; }
EPOCHS=$(prop trainer.epochs)

start=$(date +%s.%N)
"$ENGRAM" run "$EXAMPLE" > "$OUT/engram.txt" 2>&1
end=$(date +%s.%N)
cat "$OUT/engram.txt"

OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/translation/peer.py --train "$DATA/train.tsv" \
    --test "$DATA/test.tsv" --embedding "$(prop model.embedding)" --hidden "$(prop model.encoder.hidden)" \
    --context "$(prop model.context)" --attention-size "$(prop model.attention.size)" \
    --source-vocabulary "$(prop data.source.vocabulary)" --target-vocabulary "$(prop data.target.vocabulary)" \
    --batch "$(prop trainer.batch.size)" --epochs "$EPOCHS" --lr "$(prop trainer.lr)" --clip "$(prop trainer.clip)" \
    --threads 2 | tee "$OUT/peer.txt"

TOKENS=$(sed -n 's/.* \([0-9]*\) target tokens an epoch/\1/p' "$OUT/peer.txt")
/usr/bin/python3 - "$OUT/engram.txt" "$OUT/peer.txt" "$start" "$end" "$TOKENS" "$EPOCHS" <<'PY'
import re, sys
engram, peer = open(sys.argv[1]).read(), open(sys.argv[2]).read()
wall = float(sys.argv[4]) - float(sys.argv[3])
tokens, epochs = int(sys.argv[5]), int(sys.argv[6])
def metric(text, name):
    m = re.search(r"test\." + re.escape(name) + r"\D{0,3}([0-9.]+)", text)
    return m.group(1) if m else "?"
train = re.search(r"training ([0-9.]+) s", peer).group(1)
print()
print(f"{'':28}{'Engram':>12}{'PyTorch':>12}")
print(f"{'training time (s)':28}{wall:12.1f}{float(train):12.1f}")
print(f"{'target tokens/s':28}{tokens * epochs / wall:12.0f}{tokens * epochs / float(train):12.0f}")
print(f"{'test BLEU (greedy)':28}{metric(engram, 'bleu'):>12}{re.search(r'test bleu ([0-9.]+)', peer).group(1):>12}")
print(f"{'test bleu.copy':28}{metric(engram, 'bleu.copy'):>12}{re.search(r'bleu.copy ([0-9.]+)', peer).group(1):>12}")
print("(Engram's time is the whole `engram run`: loading, training, per-epoch validation and the test metrics)")
PY
