#!/bin/sh
# Trains examples/translation-en-es.properties with Engram (from the distribution) and the PyTorch
# peer of the same shape (benchmarks/translation/peer.py) on the same TSV files, 2 threads each,
# and prints their training times, target tokens per second and test BLEU side by side.
# Engram's training time is the time of its training batches only: each line it prints is
# timestamped, and the per-epoch validation (greedy and beam decoding) is left out, as the peer
# decodes only once, after training.
# usage: benchmarks/translation/run.sh   (after: mvn -o -q -pl distribution -am -DskipTests package)
# needs: /usr/bin/python3 with python3-torch (apt-get install -y python3-torch)
set -eu
EXAMPLE=${EXAMPLE:-examples/translation-en-es.properties}
DATA=examples/data/translation-en-es
ENGRAM=distribution/target/engram/bin/engram
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
prop() { sed -n "s/^$1=//p" "$EXAMPLE"; }

"$ENGRAM" run --set backend.cpu.threads=2 "$EXAMPLE" 2>&1 | /usr/bin/python3 -u -c '
import sys, time
t0 = time.monotonic()
for line in sys.stdin:
    sys.stdout.write("%9.2f %s" % (time.monotonic() - t0, line))
' | tee "$OUT/engram.txt"

OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/translation/peer.py --train "$DATA/train.tsv" \
    --test "$DATA/test.tsv" --embedding "$(prop model.embedding)" --hidden "$(prop model.encoder.hidden)" \
    --context "$(prop model.context)" --attention-size "$(prop model.attention.size)" \
    --source-vocabulary "$(prop data.source.vocabulary)" --target-vocabulary "$(prop data.target.vocabulary)" \
    --batch "$(prop trainer.batch.size)" --epochs "$(prop trainer.epochs)" --lr "$(prop trainer.lr)" \
    --clip "$(prop trainer.clip)" --threads 2 | tee "$OUT/peer.txt"

/usr/bin/python3 - "$OUT/engram.txt" "$OUT/peer.txt" <<'PY'
import re, sys
engram, peer = open(sys.argv[1]).read(), open(sys.argv[2]).read()
tokens = int(re.search(r"(\d+) target tokens an epoch", peer).group(1))
# training time: from the job's start (or the end of the previous epoch's validation) to the epoch's last batch
train, since, epochs = 0.0, None, 0
for line in engram.splitlines():
    t, _, text = line.strip().partition(" ")
    if text.endswith("RUNNING"):
        since = float(t)
    elif re.match(r"epoch (\d+)/\d+ batch (\d+)/\2 ", text):
        train += float(t) - since
    elif re.match(r"epoch \d+ train loss", text):
        since, epochs = float(t), epochs + 1
def metric(name):
    m = re.search(r"^\s*[0-9.]+\s+test\." + re.escape(name) + r" = ([0-9.]+)", engram, re.M)
    return float(m.group(1)) if m else float("nan")
peer_train = float(re.search(r"training ([0-9.]+) s for (\d+) epochs", peer).group(1))
peer_epochs = int(re.search(r"training ([0-9.]+) s for (\d+) epochs", peer).group(2))
print()
print(f"{'':32}{'Engram':>10}{'PyTorch':>10}")
print(f"{'epochs':32}{epochs:10d}{peer_epochs:10d}")
print(f"{'training time (s)':32}{train:10.1f}{peer_train:10.1f}")
print(f"{'target tokens/s':32}{tokens * epochs / train:10.0f}{tokens * peer_epochs / peer_train:10.0f}")
print(f"{'test BLEU, greedy':32}{metric('bleu'):10.2f}{float(re.search(r'test bleu ([0-9.]+)', peer).group(1)):10.2f}")
print(f"{'test BLEU, beam':32}{metric('bleu.beam'):10.2f}{'':>10}")
print(f"{'test chrF, greedy':32}{metric('chrf'):10.2f}{'':>10}")
print(f"{'test BLEU, copying the source':32}{metric('bleu.copy'):10.2f}{float(re.search(r'bleu.copy ([0-9.]+)', peer).group(1)):10.2f}")
PY
