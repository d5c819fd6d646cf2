#!/usr/bin/python3
"""Checks the README's activation-memory formula against what engram bench measured.

    /usr/bin/python3 benchmarks/compare.py --config all --out results.jsonl
    /usr/bin/python3 benchmarks/memory_formula.py results.jsonl

Reads the JSON lines of engram bench (and of pytorch_bench.py, when present: compare.py --out holds
both) and prints, per config measured in mode train, a Markdown table: the formula's activations
A = T*B*a*s with the tape's a per layer as the families' BPTT code records it (LSTM 14H: its slice
of the input projection 4H, the gate activations 4H, h' and c', the 4H pre-activation adjoint; GRU
11H: the projection 3H, the gates [r | u | n | r h] 4H, h', the adjoint 3H; Elman 3H: the projection,
h', the adjoint), W = 4*P*s for the P parameters (weights, gradients, two optimizer moments), the
step heap engram bench measured (step_heap_bytes: what one training step allocates), the ratio
measured / (A + W), and the a that the measurement implies, (step - 2*P*s) / (T*B*s) in units of H
(a plain SGD step allocates the gradients and the new weights, 2*P*s, besides its activations).
The NTM and the ESN have no a in the README; their rows give the measurement only.
"""
import json
import statistics
import sys

TAPE = {"lstm": 14, "gru": 11, "elman": 3}
GATES = {"lstm": 4, "gru": 3, "elman": 1}


def parameters(r):
    family, i, h, o, layers = r["family"], r["input"], r["hidden"], r["output"], r.get("layers", 1)
    if family in GATES:
        g = GATES[family]
        return g * h * (i + h + 1) + (layers - 1) * g * h * (2 * h + 1) + o * (h + 1)
    if family == "ntm":  # controller over [x, r], head parameters, readout over [h, r]: 128 x 20, one read and one write head
        m, k, w = 20, 2, 1
        return 4 * h * (i + m + h + 1) + (h + 1) * (k * (m + 6) + 2 * w * m) + (h + m + 1) * o
    return (h + i + 1) * o  # esn: the readout only


def main(paths):
    rows = [json.loads(line) for p in paths for line in open(p) if line.strip().startswith("{")]
    steps = {}
    for r in rows:
        if r["mode"] == "train" and r.get("step_heap_bytes", -1) >= 0:
            steps.setdefault((r["config"], r["backend"]), []).append(r)
    mib = 2 ** 20
    print("| config | T*B | a (tape) | A = T*B*a*s | W = 4*P*s | A + W | engram step | measured / (A + W) | a measured | torch step |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for (config, backend), mine in steps.items():
        if backend == "torch":
            continue
        r = mine[0]
        s = 4 if r["dtype"] == "f32" else 8
        tb = r["seq"] * r["batch"]
        h = r["hidden"]
        layers = r.get("layers", 1)
        p = parameters(r)
        step = statistics.median(x["step_heap_bytes"] for x in mine)
        torch = steps.get((config, "torch"))
        torch_step = "%.1f MiB" % (statistics.median(x["step_heap_bytes"] for x in torch) / mib) if torch else "-"
        implied = (step - 2 * p * s) / (tb * s) / h
        if r["family"] in TAPE:
            a = TAPE[r["family"]] * h * layers
            big_a = tb * a * s
            w = 4 * p * s
            print("| %s | %d | %dH%s | %.1f MiB | %.1f MiB | %.1f MiB | %.1f MiB | %.2f | %.1fH | %s |" % (
                config, tb, TAPE[r["family"]], " x %d" % layers if layers > 1 else "", big_a / mib, w / mib,
                (big_a + w) / mib, step / mib, step / (big_a + w), implied, torch_step))
        else:
            print("| %s | %d | - | - | %.2f MiB | - | %.1f MiB | - | %s | %s |" % (
                config, tb, 4 * p * s / mib, step / mib, "%.1fH" % implied if r["family"] != "esn" else "-", torch_step))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
