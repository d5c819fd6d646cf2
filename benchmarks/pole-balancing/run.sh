#!/bin/sh
# Double pole balancing without velocities (the robot-control application, damping fitness, an
# Elman controller of 3 tanh units, 25 weights, its 4 biases held at 0 so that every trainer
# evolves the same 21 weights: cosyne with fixed=.*[.]b, the others with model.biases=false), solved by each population trainer over SEEDS seeds: the
# evaluations each needs until a network balances both poles for 100,000 steps and 200 of the 625
# generalisation starts (Gomez, Schmidhuber and Miikkulainen 2008, sec. 6.1), as mean, median and
# failures (runs that spend BUDGET evaluations unsolved), beside the CoSyNE paper's count; then the
# wall time per 1,000 evaluations on 1 and 2 workers (jobs.workers), measured on WARM evaluations
# of seed 1 without the solution tests.
#
#   mvn -o -q -pl distribution -am -DskipTests package      # once, to build the distribution
#   benchmarks/pole-balancing/run.sh [SEEDS] [BUDGET] [TRAINER...]
#
# Defaults: 20 seeds, a budget of 20,000 evaluations, the trainers genetic and cosyne (any trainer
# on PopulationSearch can be named: annealing, swarm, random-search's class name...). Each
# trainer's settings are in the TRAINER_SETTINGS lines below (model.family=frnn, model.hidden=N and
# other model. or data. settings there change the controller or the task; model.biases=false leaves
# the biases out of any trainer's vector). Seeds run one at a time on 1 worker.
set -e
set -f
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
dist=$root/distribution/target/engram
seeds=${1:-20}
budget=${2:-20000}
shift 2 2>/dev/null || shift $#
trainers=${*:-genetic cosyne}
if [ ! -d "$dist/plugins" ]; then
  echo "pole-balancing: no distribution at $dist: build it first (mvn -o -q -pl distribution -am -DskipTests package)" >&2
  exit 2
fi
cp="$dist/system/*:$dist/plugins/*:$dist/lib/*"
settings() {
  case "$1" in
    cosyne) echo "population=40 top=0.25 replaced=0.75 mutation.rate=0.3 mutation.scale=0.3 init.sigma=1.0 fixed=.*[.]b" ;;
    genetic) echo "population=50 elitism=2 tournament=3 crossover=uniform mutation.rate=0.2 mutation.sigma=0.3 init.sigma=1.0 model.biases=false" ;;
    annealing) echo "sigma=0.3 model.biases=false" ;;
    swarm) echo "spread=1.0 model.biases=false" ;;
    *) echo "" ;;
  esac
}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for t in $trainers; do
  s=1
  while [ "$s" -le "$seeds" ]; do
    OPENBLAS_NUM_THREADS=1 java -cp "$cp" "$here/PoleBalancing.java" "$t" "$s" 1 "$budget" $(settings "$t") 2>/dev/null | grep '^{' >> "$out"
    s=$((s + 1))
  done
  for w in 1 2; do
    OPENBLAS_NUM_THREADS=1 java -cp "$cp" "$here/PoleBalancing.java" "$t" 1 "$w" 4000 judge=off $(settings "$t") 2>/dev/null \
      | grep '^{' | sed 's/^{/{"timing":true,/' >> "$out"
  done
done
/usr/bin/python3 - "$out" "$budget" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
budget = int(sys.argv[2])
paper = {"cosyne": "3,416"}
print("Double pole without velocities: evaluations to solve (budget %d per run)" % budget)
print("| trainer | runs | solved | failures | mean | median | CoSyNE paper (mean) |")
print("|---|---:|---:|---:|---:|---:|---:|")
names = []
for r in rows:
    if r["trainer"] not in names:
        names.append(r["trainer"])
for n in names:
    runs = [r for r in rows if r["trainer"] == n and not r.get("timing")]
    ok = [r["evaluations"] for r in runs if r["solved"]]
    mean = "%.0f" % statistics.mean(ok) if ok else "-"
    median = "%.0f" % statistics.median(ok) if ok else "-"
    print("| %s | %d | %d | %d | %s | %s | %s |" % (n, len(runs), len(ok), len(runs) - len(ok), mean, median,
                                                  paper.get(n, "-")))
print()
print("Wall time per 1,000 evaluations (seed 1, %s)" % "4,000 evaluations, no solution tests")
print("| trainer | 1 worker (s) | 2 workers (s) | speed-up |")
print("|---|---:|---:|---:|")
for n in names:
    t = {r["workers"]: 1000 * r["seconds"] / r["evaluations"] for r in rows if r["trainer"] == n and r.get("timing")}
    if 1 in t and 2 in t:
        print("| %s | %.3f | %.3f | %.2f |" % (n, t[1], t[2], t[1] / t[2]))
PY
