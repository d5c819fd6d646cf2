#!/bin/bash
# Engram's LSTM beside HMMER on the same split of the example's Pfam seed families.
#
# 1. split.py holds a quarter of each family of examples/data/pfam-seeds.sto out (seed 1):
#    train.sto keeps the training members as aligned in the seed, test.fasta the rest, ungapped.
# 2. Engram: `engram run` of examples/protein-homology-lstm.properties with data.train.file and
#    data.test.file set to the split; its test metrics (auc.<family>, roc50.<family>).
# 3. HMMER: hmmbuild makes one profile HMM per family from its training alignment; hmmsearch scores
#    every test sequence against every family (--max: no filters; -E/--domE 1e10: report all it can;
#    a sequence not reported for a family ranks below the reported ones). Scores are bit scores.
# 4. roc.py prints ROC-AUC and ROC50 per family for both, side by side.
# 5. Time per 1,000 sequences scored: the test set repeated to 1,050 sequences, scored by
#    `engram predict` (minus the time of predicting one sequence, the start-up) and by hmmsearch
#    against all six HMMs.
#
# Needs: the distribution built (mvn -o -q -pl distribution -am -DskipTests package), python3,
# and Debian's hmmer (apt-get install hmmer). Run from anywhere; writes into
# distribution/target/engram/data/protein-homology-bench/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOME_DIR=$ROOT/distribution/target/engram
ENGRAM=$HOME_DIR/bin/engram
WORK=$HOME_DIR/data/protein-homology-bench
HERE=$ROOT/benchmarks/protein-homology
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$HOME_DIR"

echo "== split"
"$HERE/split.py" "$ROOT/examples/data/pfam-seeds.sto" 0.25 1 "$WORK"

echo "== Engram: training"
sed -e "s|^data.train.file=.*|data.train.file=data/protein-homology-bench/train.sto|" \
    -e "s|^data.test.fraction=.*|data.test.file=data/protein-homology-bench/test.fasta|" \
    -e "s|^job.name=.*|job.name=protein-homology-bench|" \
    -e "s|^checkpoint=.*|checkpoint=protein-homology-bench.ckpt|" \
    "$ROOT/examples/protein-homology-lstm.properties" > "$WORK/bench.properties"
start=$(date +%s.%N)
"$ENGRAM" run "$WORK/bench.properties" | tee "$WORK/engram-run.txt"
echo "Engram training and evaluation: $(echo "$(date +%s.%N) - $start" | bc) s"

echo "== HMMER"
start=$(date +%s.%N)
hmmbuild --amino "$WORK/families.hmm" "$WORK/train.sto" > "$WORK/hmmbuild.txt"
hmmsearch --cpu 2 --noali --max -E 1e10 --domE 1e10 --tblout "$WORK/hits.tbl" -o /dev/null \
    "$WORK/families.hmm" "$WORK/test.fasta"
echo "HMMER build and search: $(echo "$(date +%s.%N) - $start" | bc) s"

echo "== ROC-AUC and ROC50 on the test set"
grep -E "^  test\." "$WORK/engram-run.txt" > "$WORK/engram-metrics.txt"
"$HERE/roc.py" "$WORK/test-labels.tsv" "$WORK/hits.tbl" "$WORK/engram-metrics.txt"

echo "== time per 1,000 sequences scored"
python3 - "$WORK/test.fasta" "$WORK/many.fasta" "$WORK/one.fasta" <<'PY'
import sys
records = open(sys.argv[1]).read().split(">")[1:]
with open(sys.argv[2], "w") as f:
    for copy in range(15):
        for r in records:
            f.write(">c%d_%s" % (copy, r))
with open(sys.argv[3], "w") as f:
    f.write(">" + records[0])
PY
n=$(grep -c ">" "$WORK/many.fasta")
ckpt=$HOME_DIR/data/models/protein-homology-bench.ckpt
T="/usr/bin/time -f %e_%U_%S -o"
$T "$WORK/t-one" "$ENGRAM" predict "$ckpt" "$WORK/one.fasta" > /dev/null
$T "$WORK/t-many" "$ENGRAM" predict "$ckpt" "$WORK/many.fasta" > "$WORK/predictions.txt"
head -3 "$WORK/predictions.txt"
$T "$WORK/t-hmmer" hmmsearch --cpu 2 --noali --max -E 1e10 --domE 1e10 --tblout /dev/null -o /dev/null \
    "$WORK/families.hmm" "$WORK/many.fasta"
python3 - "$n" "$WORK/t-one" "$WORK/t-many" "$WORK/t-hmmer" <<'PY'
import sys
n = int(sys.argv[1])
one, many, hmmer = ([float(x) for x in open(f).read().split("_")] for f in sys.argv[2:5])
wall = lambda t: t[0]
cpu = lambda t: t[1] + t[2]
print(f"{n} sequences against 6 families; seconds per 1,000 sequences, wall (CPU: user + system)")
print(f"Engram predict: {(wall(many) - wall(one)) * 1000 / n:.2f} ({(cpu(many) - cpu(one)) * 1000 / n:.2f}),"
      f" after a start-up of {wall(one):.1f} ({cpu(one):.1f}) s to predict one sequence, excluded")
print(f"HMMER hmmsearch --max: {wall(hmmer) * 1000 / n:.2f} ({cpu(hmmer) * 1000 / n:.2f})")
PY
