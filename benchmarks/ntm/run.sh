#!/bin/sh
# Training steps per second of a neural Turing machine in Engram (the ntm family on the cpu backend,
# NtmBench.java, the classes of the distribution built in this tree) and in PyTorch (ntm_bench.py,
# the same network op for op, Debian's python3-torch), side by side, round after round, and the
# ratio. The shape is that of the copy task of Graves, Wayne and Danihelka (2014): an LSTM controller
# of 100 units, a memory of 128 x 20, one read and one write head, 10 inputs, 8 outputs, sequences
# of 42 steps (copying 20 vectors), 16 sequences a batch, f32.
#
#   mvn -o -q -pl distribution -am -DskipTests package     # once, to build the distribution
#   benchmarks/ntm/run.sh [ROUNDS] [THREADS]                 # defaults 3, 2
#
# Each side is one process per round: 2 untimed training steps, then 5 timed; the figure of a round
# is the median of its five, the table gives the median over rounds. ratio = torch seconds / Engram
# seconds per step: above 1 means Engram is faster.
set -e
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
dist=$root/distribution/target/engram
rounds=${1:-3}
threads=${2:-2}
if [ ! -d "$dist/plugins" ]; then
  echo "ntm bench: no distribution at $dist: build it first (mvn -o -q -pl distribution -am -DskipTests package)" >&2
  exit 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cp="$dist/system/*:$dist/plugins/*:$dist/lib/*"
r=1
while [ "$r" -le "$rounds" ]; do
  OPENBLAS_NUM_THREADS=1 java -Xmx2g -cp "$cp" "$here/NtmBench.java" 100 128 20 10 8 42 16 "$threads" 2 5 | grep '^{' >> "$out"
  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 "$here/ntm_bench.py" --threads "$threads" >> "$out"
  r=$((r + 1))
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
med = {}
for side in ("engram", "torch"):
    mine = [r for r in rows if r["side"] == side]
    med[side] = statistics.median(r["median_s"] for r in mine)
    print("%-7s %d rounds, %d parameters, %d threads: median %.3f s per training step, %.2f steps/s (rounds: %s)"
          % (side, len(mine), mine[0]["parameters"], mine[0]["threads"], med[side], 1 / med[side],
             " ".join("%.3f" % r["median_s"] for r in mine)))
print("ratio (torch s / engram s): %.2f" % (med["torch"] / med["engram"]))
PY
