#!/usr/bin/python3
"""Writes a seasonal series with injected, labelled anomalies as CSV (header time,value,anomaly).

The clean series, for t = 0 .. LENGTH-1, is
    x(t) = 10 + 0.0005 t + 2 sin(2 pi t / 24) + 0.8 sin(2 pi t / 168) + e(t),   e(t) ~ N(0, 0.15^2)
(a daily cycle of 24 steps and a weekly one of 168 on a slow trend). Anomalies are injected only
after the first 60% of the series (the part a forecaster trains on stays clean), at random places
at least 40 steps apart, of three kinds in turn:
  spike        one step moved by +-(1.5 .. 2.5)
  level shift  12 steps moved by +-(1.0 .. 1.5)
  noise burst  12 steps with extra noise N(0, 0.8^2)
Every step an anomaly touches has anomaly=1, every other step 0. Seeded (numpy default_rng(SEED)):
the same arguments write the same file. Usage, from the repository root:
    /usr/bin/python3 benchmarks/forecast/make-anomalies.py examples/data/anomalies.csv
"""
import sys

import numpy as np

LENGTH = 3000
SEED = 14
COUNT = 15
CLEAN = 0.6


def series(rng):
    t = np.arange(LENGTH)
    x = 10 + 0.0005 * t + 2 * np.sin(2 * np.pi * t / 24) + 0.8 * np.sin(2 * np.pi * t / 168)
    x = x + rng.normal(0, 0.15, LENGTH)
    label = np.zeros(LENGTH, dtype=int)
    starts = []
    while len(starts) < COUNT:
        s = int(rng.integers(int(CLEAN * LENGTH), LENGTH - 20))
        if all(abs(s - o) >= 40 for o in starts):
            starts.append(s)
    for k, s in enumerate(sorted(starts)):
        kind = k % 3
        sign = 1 if rng.random() < 0.5 else -1
        if kind == 0:
            x[s] += sign * rng.uniform(1.5, 2.5)
            label[s] = 1
        elif kind == 1:
            x[s:s + 12] += sign * rng.uniform(1.0, 1.5)
            label[s:s + 12] = 1
        else:
            x[s:s + 12] += rng.normal(0, 0.8, 12)
            label[s:s + 12] = 1
    return t, x, label


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "examples/data/anomalies.csv"
    t, x, label = series(np.random.default_rng(SEED))
    with open(path, "w") as f:
        f.write("time,value,anomaly\n")
        for i in range(LENGTH):
            f.write("%d,%.6f,%d\n" % (t[i], x[i], label[i]))
    print(path, LENGTH, "steps,", int(label.sum()), "anomalous")


if __name__ == "__main__":
    main()
