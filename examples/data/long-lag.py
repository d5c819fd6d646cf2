#!/usr/bin/env python3
"""Writes long-lag-train.csv and long-lag-test.csv for examples/long-lag-*.properties.

A long-lag prediction task in the style of Schmidhuber (1992), "Learning complex, extended
sequences using the principle of history compression": a sequence is a random key symbol (one of
KEYS), a fixed stretch of GAP distinct symbols, then the key again. Inputs are one-hot columns
x00..xNN; the target column `next` is the next symbol (s00..sNN, the same order). In the training
file every step but the last has its target; in the test file only the step before the last (whose
target is the key, GAP steps after the key was seen), so that test.accuracy is the accuracy on the
long-lag prediction alone. Run from examples/data: python3 long-lag.py
"""
import random

KEYS = 4
GAP = 30
SYMBOLS = KEYS + GAP


def rows(name, key, last_only):
    symbols = [key] + [KEYS + i for i in range(GAP)] + [key]
    out = []
    for t, s in enumerate(symbols):
        onehot = ["1" if j == s else "0" for j in range(SYMBOLS)]
        if t + 1 == len(symbols) or (last_only and t + 2 != len(symbols)):
            target = ""
        else:
            target = "s%02d" % symbols[t + 1]
        out.append(",".join([name] + onehot + [target]))
    return out


def write(path, count, last_only, rng):
    header = ",".join(["id"] + ["x%02d" % j for j in range(SYMBOLS)] + ["next"])
    lines = [header]
    for i in range(count):
        lines += rows("q%03d" % i, rng.randrange(KEYS), last_only)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


rng = random.Random(1992)
write("long-lag-train.csv", 80, False, rng)
write("long-lag-test.csv", 40, True, rng)
