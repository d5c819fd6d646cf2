#!/bin/sh
# Fits a 1000-unit echo state network on 10,000 steps of Mackey-Glass with Engram (the esn family
# and the ridge trainer, from the distribution built in this tree) and with a plain numpy
# implementation of the same algorithm (esn_fit.py, Debian's python3-numpy on OpenBLAS), side by
# side in one run, round after round, and prints each side's median fit time and the ratios.
#
#   mvn -o -q -pl distribution -am -DskipTests package     # once, to build the distribution
#   benchmarks/esn-fit/run.sh [ROUNDS] [UNITS] [STEPS]     # defaults 3, 1000, 10000
#
# Engram runs twice: with the CPU backend's default products (blas=auto: f64 products of at least
# 2^20 multiply-adds on OpenBLAS, smaller ones on the Java GEMM) and with blas=native (every f64
# product on OpenBLAS, as numpy's are). numpy runs twice: with the dense reservoir product a plain implementation writes,
# and with a product over the nonzeros only (the work Engram does). Each side is one process per
# round that fits once untimed, then twice timed; the figure of a round is the median of its two,
# and the table gives the median over rounds. ratio = numpy seconds / Engram seconds: above 1
# means Engram is faster. OPENBLAS_NUM_THREADS=1 for Engram as bin/engram sets it (its pool splits
# the products); numpy keeps OpenBLAS's own threads.
set -e
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
dist=$root/distribution/target/engram
rounds=${1:-3}
units=${2:-1000}
steps=${3:-10000}
if [ ! -d "$dist/plugins" ]; then
  echo "esn-fit: no distribution at $dist: build it first (mvn -o -q -pl distribution -am -DskipTests package)" >&2
  exit 2
fi
python=/usr/bin/python3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cp="$dist/system/*:$dist/plugins/*:$dist/lib/*"
r=1
while [ "$r" -le "$rounds" ]; do
  for blas in auto native; do
    OPENBLAS_NUM_THREADS=1 java -cp "$cp" "$here/EsnFit.java" "$units" "$steps" "$blas" 0 1 2 | grep '^{' >> "$out"
  done
  for product in dense sparse; do
    "$python" "$here/esn_fit.py" --units "$units" --steps "$steps" --product "$product" --warmup 1 --reps 2 >> "$out"
  done
  r=$((r + 1))
done
"$python" - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def side(r):
    return r["side"] + ("-" + r["blas"] if r["side"] == "engram" else "")
names = []
for r in rows:
    if side(r) not in names:
        names.append(side(r))
fit = {n: statistics.median(r["fit_s"] for r in rows if side(r) == n) for n in names}
nrmse = {n: [r["train_nrmse"] for r in rows if side(r) == n][-1] for n in names}
first = rows[0]
print("esn fit: %d units, %d steps, %d rounds (median fit seconds; training NRMSE)" % (first["units"], first["steps"], len(rows) // len(names)))
for n in names:
    print("  %-14s %8.3f s   nrmse %.3g" % (n, fit[n], nrmse[n]))
for e in [n for n in names if n.startswith("engram")]:
    for p in [n for n in names if n.startswith("numpy")]:
        print("  ratio %s / %s = %.2f" % (p, e, fit[p] / fit[e]))
PY
