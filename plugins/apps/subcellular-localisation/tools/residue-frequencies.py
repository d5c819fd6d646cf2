#!/usr/bin/python3
"""Amino-acid frequencies of a UniProtKB/Swiss-Prot flat file (the background of the subcellular
generator, LocalisationSignals.BACKGROUND), and the labelled FASTA of its entries.

    apt-get install emboss-test
    tools/residue-frequencies.py /usr/share/EMBOSS/test/swiss/seq.dat
    tools/residue-frequencies.py /usr/share/EMBOSS/test/swiss/seq.dat --fasta OUT.fasta

prints the entries' count, their residues' count and the frequencies in the order
ACDEFGHIKLMNPQRSTVWY. With --fasta, also writes each entry that has a "SUBCELLULAR LOCATION"
comment as '>ID loc=CLASS', the class being the first location's first words (Cytoplasm,
Nucleus, Membrane, Secreted, ...; a cell membrane counts as Membrane).
"""
import collections
import re
import sys

ORDER = "ACDEFGHIKLMNPQRSTVWY"


def entries(path):
    entry = {"id": None, "cc": [], "seq": []}
    in_seq = False
    with open(path) as f:
        for line in f:
            if line.startswith("ID "):
                entry["id"] = line.split()[1]
            elif line.startswith("CC "):
                entry["cc"].append(line[5:].rstrip())
            elif line.startswith("SQ "):
                in_seq = True
            elif line.startswith("//"):
                yield entry["id"], " ".join(entry["cc"]), "".join(entry["seq"])
                entry = {"id": None, "cc": [], "seq": []}
                in_seq = False
            elif in_seq:
                entry["seq"].append(line.replace(" ", "").strip())


def location(cc):
    m = re.search(r"-!- SUBCELLULAR LOCATION: (?:\[[^]]*\]: )?([A-Za-z -]+)", cc)
    if not m:
        return None
    words = m.group(1).strip()
    if words.startswith("Cell membrane"):
        return "Membrane"
    return words.split(" (")[0].strip().replace(" ", "_")


def main():
    records = list(entries(sys.argv[1]))
    counts = collections.Counter("".join(seq for _, _, seq in records))
    total = sum(counts[a] for a in ORDER)
    print(len(records), "entries,", total, "residues")
    print(", ".join("%.4f" % (counts[a] / total) for a in ORDER))
    if len(sys.argv) > 3 and sys.argv[2] == "--fasta":
        with open(sys.argv[3], "w") as out:
            for id_, cc, seq in records:
                loc = location(cc)
                if loc:
                    out.write(">%s loc=%s\n" % (id_, loc))
                    for i in range(0, len(seq), 60):
                        out.write(seq[i:i + 60] + "\n")


if __name__ == "__main__":
    main()
