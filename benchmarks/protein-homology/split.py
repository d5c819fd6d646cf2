#!/usr/bin/python3
"""Splits a multi-alignment Stockholm file into a training alignment file (each family's training
rows, aligned as in the seed) and a test FASTA (ungapped, upper-case, label=FAMILY in each header):
a seeded shuffle of each family, round(fraction * n) of its members to the test set (at least one,
never all).

usage: split.py SEEDS.sto FRACTION SEED OUT_DIR   (writes train.sto, test.fasta, test-labels.tsv)
"""
import os
import random
import sys


def alignments(path):
    """[(family, [annotation lines], {name: row})] of a Stockholm file."""
    out, notes, rows, family = [], [], {}, None
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("# STOCKHOLM"):
            notes, rows, family = [], {}, None
        elif line.startswith("#=GF ID"):
            family = line.split()[2]
            notes.append(line)
        elif line.startswith("#=GF"):
            notes.append(line)
        elif line.strip() == "//":
            out.append((family, notes, rows))
        elif line.strip() and not line.startswith("#"):
            name, row = line.split()
            rows[name] = rows.get(name, "") + row
    return out


def main(seeds, fraction, seed, out):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(seed)
    with open(os.path.join(out, "train.sto"), "w") as train, open(os.path.join(out, "test.fasta"), "w") as test, \
            open(os.path.join(out, "test-labels.tsv"), "w") as labels:
        for family, notes, rows in sorted(alignments(seeds)):
            names = sorted(rows)
            rng.shuffle(names)
            k = min(max(1, round(fraction * len(names))), len(names) - 1)
            held = set(names[:k])
            train.write("# STOCKHOLM 1.0\n" + "".join(n + "\n" for n in notes))
            width = max(len(n) for n in rows) + 2
            for name, row in rows.items():
                if name in held:
                    residues = "".join(c for c in row if c not in ".-").upper()
                    test.write(f">{name} label={family}\n{residues}\n")
                    labels.write(f"{name}\t{family}\n")
                else:
                    train.write(name.ljust(width) + row + "\n")
            train.write("//\n")
            print(f"{family}: {len(rows) - k} training, {k} test")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
