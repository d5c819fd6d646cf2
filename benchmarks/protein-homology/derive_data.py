#!/usr/bin/python3
"""Derives examples/data/pfam-seeds.sto from the Pfam seed alignments that Debian's hmmer-examples
package ships (/usr/share/doc/hmmer/examples): one Stockholm alignment per family, named by its
#=GF ID, with only the ID, AC and DE annotation kept and each row on one line.

Families: Pkinase and fn3 (tutorial/), RRM_1, LuxC and Caudal_act (testsuite/), and Globin: the 45
globins of tutorial/globins45.fa aligned by hmmalign to tutorial/globins4.hmm (an HMM of four
globins). Needs: apt-get install hmmer hmmer-examples.

usage: derive_data.py OUTPUT.sto
"""
import gzip
import subprocess
import sys

EXAMPLES = "/usr/share/doc/hmmer/examples"
SEEDS = ["tutorial/Pkinase.sto", "tutorial/fn3.sto", "testsuite/RRM_1.sto.gz", "testsuite/LuxC.sto.gz",
         "testsuite/Caudal_act.sto.gz"]


def text(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return f.read()


def alignment(stockholm, family=None):
    """(annotation lines, {name: aligned row}) of a single-alignment Stockholm text."""
    notes, rows = [], {}
    for line in stockholm.splitlines():
        if line.startswith("#=GF ") and line.split()[1] in ("ID", "AC", "DE"):
            notes.append(line)
        elif line.strip() and not line.startswith("#") and line.strip() != "//":
            name, row = line.split()
            rows[name] = rows.get(name, "") + row
    if family is not None:
        notes.insert(0, "#=GF ID   " + family)
    return notes, rows


def main(out):
    families = [alignment(text(EXAMPLES + "/" + p)) for p in SEEDS]
    globins = subprocess.run(["hmmalign", "--outformat", "Pfam", EXAMPLES + "/tutorial/globins4.hmm",
                              EXAMPLES + "/tutorial/globins45.fa"], check=True, capture_output=True, text=True).stdout
    families.append(alignment(globins, "Globin"))
    with open(out, "w") as f:
        for notes, rows in families:
            width = max(len(n) for n in rows) + 2
            f.write("# STOCKHOLM 1.0\n")
            for n in notes:
                f.write(n + "\n")
            for name, row in rows.items():
                f.write(name.ljust(width) + row + "\n")
            f.write("//\n")
    for notes, rows in families:
        print(notes[0].split()[2], len(rows), "sequences")


if __name__ == "__main__":
    main(sys.argv[1])
