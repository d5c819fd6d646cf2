#!/usr/bin/python3
"""The peer side of `engram bench`: the same configs in PyTorch, the same JSON keys.

Run with the system Python and Debian's python3-torch:

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch_bench.py --config lstm_small --threads 2

On a machine with an NVIDIA GPU, `--device cuda` runs the same configs there (nn.LSTM and nn.GRU
then run through cuDNN), synchronising the device before each clock reading; the backend is
reported as `torch-cuda`.

Each config is one recurrent layer (torch.nn.LSTM, GRU, or RNN with tanh for Elman) of `hidden`
units and a linear readout to `hidden` outputs, as Engram builds it. A training step is forward
over the sequence, the mean squared error over all outputs, backward and one plain SGD step
(lr 1e-3); an inference pass is forward over the sequence under torch.no_grad(). Timings are
taken with time.perf_counter() after the warm-up. gflops_per_s counts the recurrent layer's
matrix products only (2*g*H*(I+H)*B per step forward, g = 4 LSTM, 3 GRU, 1 Elman; backward 2x
forward), as engram bench does. peak_heap_bytes is the process's peak resident set size
(ru_maxrss), since Python has no separate heap to read. One JSON object per line goes to stdout,
notes to stderr; bad options exit 2.
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402  (after OMP_WAIT_POLICY, which OpenMP reads when it starts)

GATES = {"lstm": 4, "gru": 3, "elman": 1}
BUILT_IN = {
    "lstm_small": ("lstm", 64, 128, 50, 32),
    "lstm_std": ("lstm", 128, 256, 100, 32),
    "lstm_big": ("lstm", 512, 1024, 50, 64),
    "gru_std": ("gru", 128, 256, 100, 32),
    "elman_std": ("elman", 128, 256, 100, 32),
}
BIG_FLOPS = 10_000_000_000
LEARNING_RATE = 1e-3


def flops(family, i, h, t, b, mode):
    forward = 2 * GATES[family] * h * (i + h) * b * t
    return 3 * forward if mode == "train" else forward


def configs(args, fail):
    """The configs to run, named and resized as engram bench names and resizes them."""
    names = [n.strip() for n in ",".join(args.config).split(",") if n.strip()] if args.config else list(BUILT_IN)
    out = []
    for name in names:
        if name == "custom":
            base = ("lstm", 128, 256, 100, 32)
        elif name in BUILT_IN:
            base = BUILT_IN[name]
        else:
            fail("config: unknown '%s' (expected one of %s, custom)" % (name, ", ".join(BUILT_IN)))
            continue
        family, i, h, t, b = base
        label = name
        if args.family and args.family != family:
            family = args.family
            label = name if name == "custom" else name + ":" + family
        sizes = (args.input or i, args.hidden or h, args.seq or t, args.batch or b)
        if sizes != (i, h, t, b) and name != "custom":
            label = label + ":" + "/".join(str(s) for s in sizes)
        out.append((label, family) + sizes)
    return out


class Model(torch.nn.Module):
    def __init__(self, family, i, h):
        super().__init__()
        if family == "lstm":
            self.rnn = torch.nn.LSTM(i, h)
        elif family == "gru":
            self.rnn = torch.nn.GRU(i, h)
        else:
            self.rnn = torch.nn.RNN(i, h, nonlinearity="tanh")
        self.readout = torch.nn.Linear(h, h)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.readout(out)


def measure(action, warmup, reps, sync=lambda: None):
    for _ in range(warmup):
        action()
    sync()
    seconds = []
    for _ in range(reps):
        start = time.perf_counter()
        action()
        sync()
        seconds.append(time.perf_counter() - start)
    return seconds


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--config", action="append", help="configs, comma-separated (repeatable; default all built-in)")
    p.add_argument("--mode", choices=["train", "infer", "both"], default="both")
    p.add_argument("--threads", type=int, help="torch.set_num_threads (default: torch's own)")
    p.add_argument("--dtype", choices=["f32", "f64"], default="f32")
    p.add_argument("--warmup", type=int, help="warm-up iterations (default 3; 1 for configs over 10 GFLOP per step)")
    p.add_argument("--reps", type=int, help="timed iterations (default 10; 3 for configs over 10 GFLOP per step)")
    p.add_argument("--family", choices=sorted(GATES))
    p.add_argument("--input", type=int)
    p.add_argument("--hidden", type=int)
    p.add_argument("--seq", type=int)
    p.add_argument("--batch", type=int)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    args = p.parse_args(argv)
    problems = []
    for key in ("threads", "input", "hidden", "seq", "batch", "reps"):
        v = getattr(args, key)
        if v is not None and v < 1:
            problems.append("%s: %d is below 1" % (key, v))
    if args.warmup is not None and args.warmup < 0:
        problems.append("warmup: %d is below 0" % args.warmup)
    chosen = configs(args, problems.append)
    if args.device == "cuda" and not torch.cuda.is_available():
        problems.append("device: cuda asked for, but torch sees no CUDA device")
    if problems:
        print("pytorch_bench: the options were rejected (%d problems):" % len(problems), file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 2
    if args.threads:
        torch.set_num_threads(args.threads)
    threads = torch.get_num_threads()
    dtype = torch.float32 if args.dtype == "f32" else torch.float64
    modes = ["train", "infer"] if args.mode == "both" else [args.mode]
    device = torch.device(args.device)
    sync = torch.cuda.synchronize if args.device == "cuda" else (lambda: None)
    backend = "torch-cuda" if args.device == "cuda" else "torch"
    print("pytorch_bench: torch %s, %d threads, %s, %s, OMP_WAIT_POLICY=%s" % (
        torch.__version__, threads, args.dtype,
        torch.cuda.get_device_name(0) if args.device == "cuda" else "cpu",
        os.environ.get("OMP_WAIT_POLICY")), file=sys.stderr)
    for name, family, i, h, t, b in chosen:
        torch.manual_seed(args.seed)
        model = Model(family, i, h).to(dtype).to(device)
        x = (torch.rand(t, b, i, dtype=dtype) * 2 - 1).to(device)
        y = (torch.rand(t, b, h, dtype=dtype) * 2 - 1).to(device)
        sgd = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

        def train():
            sgd.zero_grad()
            loss = torch.nn.functional.mse_loss(model(x), y)
            loss.backward()
            sgd.step()

        def infer():
            with torch.no_grad():
                model(x)

        big = flops(family, i, h, t, b, "train") > BIG_FLOPS
        warmup = args.warmup if args.warmup is not None else (1 if big else 3)
        reps = args.reps if args.reps is not None else (3 if big else 10)
        for mode in modes:
            print("pytorch_bench: %s %s: I/H/T/B %d/%d/%d/%d, %d warm-up + %d timed iterations"
                  % (name, mode, i, h, t, b, warmup, reps), file=sys.stderr)
            seconds = measure(train if mode == "train" else infer, warmup, reps, sync)
            median = statistics.median(seconds)
            f = flops(family, i, h, t, b, mode)
            print(json.dumps({
                "config": name, "mode": mode, "backend": backend, "dtype": args.dtype, "threads": threads,
                "median_s": median, "min_s": min(seconds), "max_s": max(seconds),
                "tokens_per_s": t * b / median, "gflops_per_s": f / median / 1e9,
                "peak_heap_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                "family": family, "input": i, "hidden": h, "seq": t, "batch": b, "output": h, "flops": f,
                "warmup": warmup, "reps": reps}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
