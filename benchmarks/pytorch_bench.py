#!/usr/bin/python3
"""The peer side of `engram bench`: the same configs in PyTorch, the same JSON keys.

Run with the system Python and Debian's python3-torch:

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch_bench.py --config lstm_small --threads 2

On a machine with an NVIDIA GPU, `--device cuda` runs the same configs there (nn.LSTM and nn.GRU
then run through cuDNN), synchronising the device before each clock reading; the backend is
reported as `torch-cuda`.

Each recurrent-layer config is one recurrent layer (torch.nn.LSTM, GRU, or RNN with tanh for Elman)
of `hidden` units, or two for lstm2_std (torch.nn.LSTM(num_layers=2)), and a linear readout to
`hidden` outputs, as Engram builds it. A training step is forward over the sequence, the mean
squared error over all outputs, backward and one plain SGD step (lr 1e-3); an inference pass is
forward over the sequence under torch.no_grad(). ntm_step is the neural Turing machine of
benchmarks/ntm (its Ntm module, imported from ntm_bench.py: LSTM controller of 100 units, memory
128 x 20, one read and one write head, 10 inputs, 8 outputs), trained the same way. esn_fit is an
echo state network of 1000 leaky tanh units (connectivity 0.01, spectral radius 1.25, leak 0.3,
input and bias scaling 0.5) on the Mackey-Glass series, in torch: a training step is one ridge fit
of the readout (the reservoir run step by step over the sequence with the recurrent product over
the nonzeros, torch.sparse.mm; the design rows [x, u, 1] past a washout of 100 steps, centred;
X^T X + 1e-8 D and X^T Y in float64; torch.linalg.solve), an inference pass the reservoir run and
the readout. Timings are taken with time.perf_counter() after the warm-up.

gflops_per_s counts what engram bench counts (BenchConfig): the recurrent layers' matrix products
(2*g*H*(I+H)*B per step forward for the first layer, 2*g*H*2H*B for each further one, g = 4 LSTM,
3 GRU, 1 Elman; backward 2x forward), the NTM's controller, head projection and memory products,
and for the ESN the reservoir's expected nonzeros, the Gram product, X^T Y and the solve.

Memory: peak_heap_bytes is the process's peak resident set size over the mode's iterations, since
Python has no separate heap to read (the kernel's VmHWM, reset through /proc/self/clear_refs before
each mode; where that cannot be reset, ru_maxrss, the peak since the process started);
heap_before_bytes is the resident set just before the mode's first iteration (the interpreter,
libtorch and OpenBLAS, the model and its data), and step_heap_bytes the peak less that: what the
iterations added at their high point (the first one, warm-up included, when PyTorch's allocator and
the threads' buffers grow). Resident sets count native memory too, where the JVM heap figures of
engram bench do not: compare step_heap_bytes with step_heap_bytes, and take the peaks as the whole
process's footprint. One JSON object per line goes to stdout,
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

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ntm"))
from ntm_bench import Ntm  # noqa: E402  (the network of benchmarks/ntm)

GATES = {"lstm": 4, "gru": 3, "elman": 1}
# name: (family, input, hidden, seq, batch, layers, outputs or None for hidden)
BUILT_IN = {
    "lstm_small": ("lstm", 64, 128, 50, 32, 1, None),
    "lstm_std": ("lstm", 128, 256, 100, 32, 1, None),
    "lstm_big": ("lstm", 512, 1024, 50, 64, 1, None),
    "gru_std": ("gru", 128, 256, 100, 32, 1, None),
    "elman_std": ("elman", 128, 256, 100, 32, 1, None),
    "lstm2_std": ("lstm", 128, 256, 100, 32, 2, None),
    "esn_fit": ("esn", 1, 1000, 10000, 1, 1, 1),
    "ntm_step": ("ntm", 10, 100, 42, 16, 1, 8),
}
DEFAULTS = ["lstm_small", "lstm_std", "lstm_big", "gru_std", "elman_std"]
NTM = {"rows": 128, "width": 20, "reads": 1, "writes": 1}
ESN = {"connectivity": 0.01, "radius": 1.25, "leak": 0.3, "input_scaling": 0.5, "bias_scaling": 0.5,
       "ridge": 1e-8, "washout": 100}
BIG_FLOPS = 10_000_000_000
LEARNING_RATE = 1e-3


def forward_flops_per_step(family, i, h, b, layers):
    if family == "ntm":
        n, m, r, w = NTM["rows"], NTM["width"], NTM["reads"], NTM["writes"]
        k = r + w
        return (8 * h * (i + r * m + h) + 2 * h * (k * (m + 6) + 2 * w * m) + 2 * n * m * (k + r + 2 * w)) * b
    if family == "esn":
        return 2 * (i * h + round(ESN["connectivity"] * h * h)) * b
    g = GATES[family]
    return 2 * g * h * (i + h) * b + (layers - 1) * 2 * g * h * 2 * h * b


def flops(family, i, h, t, b, mode, layers=1, outputs=None):
    forward = forward_flops_per_step(family, i, h, b, layers) * t
    if family == "esn":
        d, o = h + i + 1, outputs
        if mode == "infer":
            return forward + 2 * d * o * b * t
        rows = max(0, t - ESN["washout"]) * b
        return forward + rows * d * d + 2 * rows * d * o + d * d * d // 3 + 2 * d * d * o
    return 3 * forward if mode == "train" else forward


def rss_bytes():
    """The resident set size now, from /proc/self/statm (0 where there is none)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def reset_peak_rss():
    """Resets the kernel's peak resident set (VmHWM) to the current one; False where it cannot."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def peak_rss_bytes():
    """The peak resident set since the last reset (VmHWM), else since the start (ru_maxrss)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def mackey_glass(samples, tau=17.0, dt=0.1, subsample=10, x0=1.2, discard=1000):
    """The series of benchmarks/esn-fit/esn_fit.py and engram bench's esn_fit."""
    delay = max(1, int(round(tau / dt)))
    steps = (discard + samples) * subsample
    x = [x0] * (delay + steps + 1)
    for k in range(delay, delay + steps):
        lag = x[k - delay]
        x[k + 1] = x[k] + dt * (0.2 * lag / (1 + lag ** 10) - 0.1 * x[k])
    return x[delay::subsample][discard:discard + samples]


def configs(args, fail):
    """The configs to run, named and resized as engram bench names and resizes them."""
    names = [n.strip() for n in ",".join(args.config).split(",") if n.strip()] if args.config else list(DEFAULTS)
    names = list(dict.fromkeys(n2 for n in names for n2 in (BUILT_IN if n == "all" else [n])))
    out = []
    for name in names:
        if name == "custom":
            base = ("lstm", 128, 256, 100, 32, 1, None)
        elif name in BUILT_IN:
            base = BUILT_IN[name]
        else:
            fail("config: unknown '%s' (expected one of %s, all, custom)" % (name, ", ".join(BUILT_IN)))
            continue
        family, i, h, t, b, layers, outputs = base
        label = name
        if args.family and args.family != family:
            if family not in GATES:
                layers = 1
            family, outputs = args.family, None
            label = name if name == "custom" else name + ":" + family
        sizes = (args.input or i, args.hidden or h, args.seq or t, args.batch or b)
        if sizes != (i, h, t, b) and name != "custom":
            label = label + ":" + "/".join(str(s) for s in sizes)
        out.append((label, family) + sizes + (layers, outputs or sizes[1]))
    return out


class Model(torch.nn.Module):
    def __init__(self, family, i, h, layers=1):
        super().__init__()
        if family == "lstm":
            self.rnn = torch.nn.LSTM(i, h, num_layers=layers)
        elif family == "gru":
            self.rnn = torch.nn.GRU(i, h, num_layers=layers)
        else:
            self.rnn = torch.nn.RNN(i, h, num_layers=layers, nonlinearity="tanh")
        self.readout = torch.nn.Linear(h, h)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.readout(out)


class Esn:
    """An echo state network and its ridge fit in torch (see the module comment)."""

    def __init__(self, i, n, o, dtype, seed):
        import numpy as np
        rng = np.random.default_rng(seed)
        c = ESN["connectivity"]
        w = np.where(rng.random((n, n)) < c, rng.uniform(-1, 1, (n, n)), 0.0)
        v = rng.standard_normal(n)
        v /= np.linalg.norm(v)
        growth = 0.0
        for k in range(1300):  # the spectral radius by Gelfand's formula, as esn_fit.py estimates it
            v = v @ w
            norm = np.linalg.norm(v)
            v /= norm
            if k >= 300:
                growth += np.log(norm)
        w *= ESN["radius"] / float(np.exp(growth / 1000))
        self.w_t = torch.tensor(w.T, dtype=dtype).to_sparse()  # x @ w as (w^T x^T)^T over the nonzeros
        self.w_in = torch.tensor(rng.uniform(-ESN["input_scaling"], ESN["input_scaling"], (i, n)), dtype=dtype)
        self.bias = torch.tensor(rng.uniform(-ESN["bias_scaling"], ESN["bias_scaling"], n), dtype=dtype)
        self.w_out = torch.zeros(n + i, o, dtype=dtype)
        self.b_out = torch.zeros(o, dtype=dtype)
        self.leak = ESN["leak"]

    def states(self, x):
        """The reservoir states [T, B, N] over inputs x [T, B, I], from zero."""
        t_len, b = x.shape[0], x.shape[1]
        projected = x @ self.w_in + self.bias
        s = torch.zeros(b, self.w_in.shape[1], dtype=x.dtype)
        out = torch.empty(t_len, b, s.shape[1], dtype=x.dtype)
        a = self.leak
        for t in range(t_len):
            s = (1 - a) * s + a * torch.tanh(projected[t] + torch.sparse.mm(self.w_t, s.t()).t())
            out[t] = s
        return out

    def fit(self, x, y):
        """The readout by ridge regression on the rows past the washout; returns the training mse."""
        with torch.no_grad():
            s = self.states(x)[ESN["washout"]:]
            rows = torch.cat([s, x[ESN["washout"]:]], -1).reshape(-1, self.w_out.shape[0]).double()
            targets = y[ESN["washout"]:].reshape(-1, self.w_out.shape[1]).double()
            mean = rows.mean(0)
            centred = torch.cat([rows - mean, torch.ones(rows.shape[0], 1, dtype=torch.float64)], 1)
            gram = centred.t() @ centred
            penalty = torch.full((gram.shape[0],), ESN["ridge"], dtype=torch.float64)
            penalty[-1] = 0.0
            solved = torch.linalg.solve(gram + torch.diag(penalty), centred.t() @ targets)
            w, b = solved[:-1], solved[-1] - mean @ solved[:-1]
            self.w_out, self.b_out = w.to(x.dtype), b.to(x.dtype)
            return float(((rows @ w + b - targets) ** 2).mean())

    def infer(self, x):
        with torch.no_grad():
            return torch.cat([self.states(x), x], -1) @ self.w_out + self.b_out


WARMUP_SECONDS = 2.0


def measure(action, warmup, reps, sync=lambda: None, warmup_seconds=0.0):
    """Seconds of each of reps timed runs, after at least warmup untimed runs lasting warmup_seconds in all."""
    start = time.perf_counter()
    made = 0
    while made < warmup or time.perf_counter() - start < warmup_seconds:
        action()
        sync()
        made += 1
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
    p.add_argument("--config", action="append",
                   help="configs, comma-separated (repeatable; all for every built-in; default the five single-layer ones)")
    p.add_argument("--mode", choices=["train", "infer", "both"], default="both")
    p.add_argument("--threads", type=int, help="torch.set_num_threads (default: torch's own)")
    p.add_argument("--dtype", choices=["f32", "f64"], default="f32")
    p.add_argument("--warmup", type=int, help="warm-up iterations (default: at least 3, or 1 for configs over 10 GFLOP per step, and at least 2 s in all)")
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
    for name, family, *_ in chosen:
        if args.device == "cuda" and family in ("esn", "ntm"):
            problems.append("device: %s runs on the CPU only (its %s peer builds its tensors there)" % (name, family))
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
    for name, family, i, h, t, b, layers, outputs in chosen:
        torch.manual_seed(args.seed)
        if family == "esn":
            series = torch.tensor(mackey_glass(t * b + 1), dtype=dtype)
            # sequence j holds samples j*T .. (j+1)*T - 1, its targets the next ones
            x = series[:-1].reshape(b, t).t().reshape(t, b, 1).expand(t, b, i).contiguous()
            y = series[1:].reshape(b, t).t().reshape(t, b, 1).expand(t, b, outputs).contiguous()
            esn = Esn(i, h, outputs, dtype, args.seed)

            def train():
                esn.fit(x, y)

            def infer():
                esn.infer(x)
        else:
            if family == "ntm":
                model = Ntm(i, outputs, h, NTM["rows"], NTM["width"], NTM["reads"], NTM["writes"])
            else:
                model = Model(family, i, h, layers)
            model = model.to(dtype).to(device)
            x = (torch.rand(t, b, i, dtype=dtype) * 2 - 1).to(device)
            y = (torch.rand(t, b, outputs, dtype=dtype) * 2 - 1).to(device)
            sgd = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

            def train():
                sgd.zero_grad()
                loss = torch.nn.functional.mse_loss(model(x), y)
                loss.backward()
                sgd.step()

            def infer():
                with torch.no_grad():
                    model(x)

        big = flops(family, i, h, t, b, "train", layers, outputs) > BIG_FLOPS
        warmup = args.warmup if args.warmup is not None else (1 if big else 3)
        reps = args.reps if args.reps is not None else (3 if big else 10)
        for mode in modes:
            reset = reset_peak_rss()
            before = rss_bytes()
            print("pytorch_bench: %s %s: I/H/T/B %d/%d/%d/%d%s, %d warm-up + %d timed iterations"
                  % (name, mode, i, h, t, b, ", %d layers" % layers if layers > 1 else "", warmup, reps), file=sys.stderr)
            # as engram bench's settling warm-up, which lasts at least 2 s: both sides are timed in their steady state
            seconds = measure(train if mode == "train" else infer, warmup, reps, sync,
                              WARMUP_SECONDS if args.warmup is None else 0.0)
            median = statistics.median(seconds)
            f = flops(family, i, h, t, b, mode, layers, outputs)
            peak = peak_rss_bytes() if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            print(json.dumps({
                "config": name, "mode": mode, "backend": backend, "dtype": args.dtype, "threads": threads,
                "median_s": median, "min_s": min(seconds), "max_s": max(seconds),
                "tokens_per_s": t * b / median, "gflops_per_s": f / median / 1e9,
                "peak_heap_bytes": peak, "step_heap_bytes": max(0, peak - before) if before else -1,
                "heap_before_bytes": before if before else -1,
                "family": family, "input": i, "hidden": h, "seq": t, "batch": b, "output": outputs,
                "layers": layers, "flops": f, "warmup": warmup, "reps": reps}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
