#!/usr/bin/python3
"""Runs `engram bench` and the PyTorch peer alternately, config by config, and prints the ratios.

    /usr/bin/python3 benchmarks/compare.py --threads 2
    /usr/bin/python3 benchmarks/compare.py --config lstm_small,gru_std --rounds 3 --threads 2
    /usr/bin/python3 benchmarks/compare.py --config lstm_big --reps 2 --warmup 1

For every round and every config it runs `engram bench --config NAME ...` and then
`pytorch_bench.py --config NAME ...` (with OMP_WAIT_POLICY=PASSIVE) as child processes, one at a
time, so both see the same machine load. Their JSON lines go to --out (default: not kept); the
table on stdout gives, per config and mode, the median seconds of each side (the median over the
rounds of each round's median) and ratio = torch median / engram median, the speed of Engram
relative to PyTorch: above 1 means Engram is faster. Then the memory of each side in MiB (medians
over the rounds): Engram's peak_heap_bytes and step_heap_bytes (JVM heap: the pools' summed peak
over the timed iterations; what one iteration allocates, on a fresh thread after a collection) and
PyTorch's (peak resident set; that less the resident set before the mode's first iteration). Notes
of both sides go to stderr. Without --config the five configs of engram bench's default run;
--config all runs all eight (adding lstm2_std, esn_fit and ntm_step).

With --dl4j it also runs the DL4J peer (benchmarks/dl4j, built once with
`mvn -q -f benchmarks/dl4j/pom.xml package`) after PyTorch, with OMP_NUM_THREADS set to --threads,
and adds its median and the ratio engram speed / DL4J speed (DL4J has no GRU layer: gru_std has
no DL4J figure; nor have lstm2_std, esn_fit and ntm_step, which the DL4J peer does not build).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_ENGRAM = os.path.join(ROOT, "distribution", "target", "engram", "bin", "engram")
DL4J = os.path.join(HERE, "dl4j", "target")
CONFIGS = ["lstm_small", "lstm_std", "lstm_big", "gru_std", "elman_std"]  # engram bench's default
ALL = CONFIGS + ["lstm2_std", "esn_fit", "ntm_step"]


def run(command, env):
    """The JSON objects a child printed on stdout; its stderr passes through."""
    done = subprocess.run(command, stdout=subprocess.PIPE, env=env, text=True)
    if done.returncode != 0:
        raise SystemExit("compare: %s exited with %d" % (" ".join(command), done.returncode))
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip().startswith("{")]


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--engram", default=DEFAULT_ENGRAM, help="the engram command (default: the distribution built in this tree)")
    p.add_argument("--config", action="append",
                   help="configs, comma-separated (default the five of engram bench's default; all for all eight)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=1, help="alternations per config (default 1)")
    p.add_argument("--mode", choices=["train", "infer", "both"], default="both")
    p.add_argument("--warmup", type=int)
    p.add_argument("--reps", type=int)
    p.add_argument("--out", help="file to which every JSON line of both sides is written")
    p.add_argument("--dl4j", action="store_true", help="also run the DL4J peer (build benchmarks/dl4j first)")
    args = p.parse_args(argv)
    names = [n.strip() for n in ",".join(args.config).split(",") if n.strip()] if args.config else CONFIGS
    names = list(dict.fromkeys(n2 for n in names for n2 in (ALL if n == "all" else [n])))
    common = ["--config", "", "--threads", str(args.threads), "--mode", args.mode]
    if args.warmup is not None:
        common += ["--warmup", str(args.warmup)]
    if args.reps is not None:
        common += ["--reps", str(args.reps)]
    torch_env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    dl4j_env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE", OMP_NUM_THREADS=str(args.threads))
    dl4j_cp = os.path.join(DL4J, "engram-dl4j-bench-0.2.0-SNAPSHOT.jar") + ":" + os.path.join(DL4J, "lib", "*")
    if args.dl4j and not os.path.isdir(os.path.join(DL4J, "lib")):
        raise SystemExit("compare: build the DL4J peer first: mvn -q -f benchmarks/dl4j/pom.xml package")
    medians = {}
    memory = {}
    lines = []
    for _ in range(args.rounds):
        for name in names:
            common[1] = name
            sides = [("engram", [args.engram, "bench"] + common, os.environ),
                     ("torch", ["/usr/bin/python3", os.path.join(HERE, "pytorch_bench.py")] + common, torch_env)]
            if args.dl4j and name in CONFIGS:  # the DL4J peer builds the five single-layer configs only
                sides.append(("dl4j", ["java", "-cp", dl4j_cp, "io.engram.benchmarks.dl4j.Dl4jBench"] + common, dl4j_env))
            for side, command, env in sides:
                for r in run(command, env):
                    lines.append(r)
                    medians.setdefault((r["config"], r["mode"], side), []).append(r["median_s"])
                    for key in ("peak_heap_bytes", "step_heap_bytes"):
                        if r.get(key, -1) >= 0:
                            memory.setdefault((r["config"], r["mode"], side, key), []).append(r[key])
    if args.out:
        with open(args.out + ".tmp", "w") as f:
            for r in lines:
                f.write(json.dumps(r) + "\n")
        os.replace(args.out + ".tmp", args.out)
    header = ("config", "mode", "engram_s", "torch_s", "engram_gflops", "torch_gflops", "ratio")
    mib = ("engram_peak_mib", "engram_step_mib", "torch_peak_mib", "torch_step_mib")
    rows = [header + (("dl4j_s", "ratio_dl4j") if args.dl4j else ()) + mib]
    flops = {(r["config"], r["mode"]): r["flops"] for r in lines}
    for (config, mode) in dict.fromkeys((c, m) for (c, m, _) in medians):
        e = statistics.median(medians.get((config, mode, "engram"), [float("nan")]))
        t = statistics.median(medians.get((config, mode, "torch"), [float("nan")]))
        f = flops[(config, mode)]
        row = (config, mode, "%.4f" % e, "%.4f" % t, "%.1f" % (f / e / 1e9), "%.1f" % (f / t / 1e9), "%.3f" % (t / e))
        if args.dl4j:
            d = medians.get((config, mode, "dl4j"))
            row += ("%.4f" % statistics.median(d), "%.3f" % (statistics.median(d) / e)) if d else ("-", "-")
        for side in ("engram", "torch"):
            for key in ("peak_heap_bytes", "step_heap_bytes"):
                v = memory.get((config, mode, side, key))
                row += ("%.1f" % (statistics.median(v) / 2 ** 20),) if v else ("-",)
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    print("ratio = engram speed / torch speed (torch median / engram median); above 1: Engram is faster; %d threads, %d round(s)"
          % (args.threads, args.rounds))
    print("memory, MiB (medians over the rounds): engram_peak = JVM heap pools' summed peak over the timed iterations, "
          "engram_step = heap one iteration allocates (on a fresh thread, after a GC); torch_peak = peak resident set "
          "(interpreter, libtorch, OpenBLAS included), torch_step = peak resident set less that before the mode's first "
          "iteration. The JVM figures leave out native memory; RSS counts it, and memory PyTorch freed but the C "
          "library kept (an infer line after a train line in one process can show 0).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
