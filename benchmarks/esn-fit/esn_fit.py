#!/usr/bin/python3
"""A plain numpy echo state network fit, the peer of Engram's esn family and ridge trainer.

    /usr/bin/python3 benchmarks/esn-fit/esn_fit.py --units 1000 --steps 10000

The same algorithm as `model.family=esn` with `trainer=ridge` (one ridge value): the Mackey-Glass
series (tau 17, Euler step 0.1, every 10th value, the first 1000 samples dropped), a sparse random
reservoir (each weight nonzero with probability --connectivity, uniform in [-1, 1]) scaled to a
spectral radius estimated by Gelfand's formula (300 + 1000 normalised power iterations), dense
input and bias weights, leaky-integrator states x(t) = (1 - a) x(t-1) + a tanh(u(t) W_in + b +
x(t-1) W) run one step at a time from zero, design rows [x(t), u(t), 1] past the washout, and the
readout solved from X^T X + lambda D (the bias not penalised) by a Cholesky factorisation, all in
float64. The reservoir product x(t-1) W is, with --product dense, a dense matrix-vector product
(what a plain numpy implementation writes), or with --product sparse, a product over the nonzeros
of W only, in numpy (the nonzeros of each column gathered, multiplied and summed by
np.add.reduceat), the same work as Engram's sparse recurrence.

Prints one JSON line on stdout: build_s (drawing the reservoir and estimating its radius) and fit_s
(running the reservoir over the series and solving the readout), the medians of --reps timed
repetitions after --warmup untimed ones, every fit time, the training NRMSE and the numpy version.
"""
import argparse
import json
import statistics
import time

import numpy as np


def mackey_glass(samples, tau=17.0, dt=0.1, subsample=10, x0=1.2, discard=1000):
    delay = max(1, int(round(tau / dt)))
    steps = (discard + samples) * subsample
    x = np.empty(delay + steps + 1)
    x[: delay + 1] = x0
    for k in range(delay, delay + steps):
        lag = x[k - delay]
        x[k + 1] = x[k] + dt * (0.2 * lag / (1 + lag ** 10) - 0.1 * x[k])
    return x[delay::subsample][discard : discard + samples]


def radius(w, rng):
    v = rng.standard_normal(w.shape[0])
    v /= np.linalg.norm(v)
    log_growth = 0.0
    for k in range(1300):
        v = v @ w
        norm = np.linalg.norm(v)
        if norm == 0:
            return 0.0
        v /= norm
        if k >= 300:
            log_growth += np.log(norm)
    return float(np.exp(log_growth / 1000))


def build(n, inputs, args, rng):
    w = np.where(rng.random((n, n)) < args.connectivity, rng.uniform(-1, 1, (n, n)), 0.0)
    r = radius(w, rng)
    if r > 0:
        w *= args.radius / r
    w_in = rng.uniform(-args.input_scaling, args.input_scaling, (inputs, n))
    bias = rng.uniform(-args.bias_scaling, args.bias_scaling, n)
    return w, w_in, bias


def recurrent_product(w, dense):
    """x -> x @ w, dense or over the nonzeros of w (columns with none get 0)."""
    if dense:
        return lambda x: x @ w
    n = w.shape[0]
    rows, cols = np.nonzero(w.T)  # rows: the unit fed, cols: the unit feeding it, sorted by unit fed
    values = w.T[rows, cols]
    fed = np.unique(rows)
    starts = np.searchsorted(rows, fed)

    def product(x):
        out = np.zeros(n)
        out[fed] = np.add.reduceat(values * x[cols], starts)
        return out
    return product


def fit(u, d, w, w_in, bias, args):
    steps, n = u.shape[0], w.shape[0]
    product = recurrent_product(w, args.product == "dense")
    projected = u @ w_in + bias
    states = np.empty((steps, n))
    x = np.zeros(n)
    a = args.leak
    for t in range(steps):
        x = (1 - a) * x + a * np.tanh(projected[t] + product(x))
        states[t] = x
    rows = np.hstack([states, u, np.ones((steps, 1))])[args.washout :]
    y = d[args.washout :]
    gram = rows.T @ rows
    penalty = np.full(gram.shape[0], args.ridge)
    penalty[-1] = 0.0
    gram[np.diag_indices_from(gram)] += penalty
    c = np.linalg.cholesky(gram)
    w_out = np.linalg.solve(c.T, np.linalg.solve(c, rows.T @ y))
    error = rows @ w_out - y
    return float(np.sqrt(np.mean(error ** 2) / np.var(y)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--units", type=int, default=1000)
    p.add_argument("--steps", type=int, default=10000)
    p.add_argument("--connectivity", type=float, default=0.01)
    p.add_argument("--radius", type=float, default=1.25)
    p.add_argument("--leak", type=float, default=0.3)
    p.add_argument("--input-scaling", type=float, default=0.5)
    p.add_argument("--bias-scaling", type=float, default=0.5)
    p.add_argument("--ridge", type=float, default=1e-8)
    p.add_argument("--washout", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--product", choices=["dense", "sparse"], default="dense")
    p.add_argument("--warmup", type=int, default=0)
    p.add_argument("--reps", type=int, default=1)
    args = p.parse_args()
    s = mackey_glass(args.steps + 1)
    u, d = s[:-1, None], s[1:, None]
    builds, fits = [], []
    for r in range(args.warmup + args.reps):
        rng = np.random.default_rng(args.seed)
        t0 = time.perf_counter()
        w, w_in, bias = build(args.units, 1, args, rng)
        t1 = time.perf_counter()
        nrmse = fit(u, d, w, w_in, bias, args)
        t2 = time.perf_counter()
        if r >= args.warmup:
            builds.append(t1 - t0)
            fits.append(t2 - t1)
    print(json.dumps({"side": "numpy-" + args.product, "units": args.units, "steps": args.steps,
                      "build_s": round(statistics.median(builds), 4), "fit_s": round(statistics.median(fits), 4),
                      "fit_runs_s": [round(f, 4) for f in fits], "train_nrmse": nrmse, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
