#!/usr/bin/python3
"""ROC-AUC and ROC50 per family of HMMER bit scores (hmmsearch --tblout), printed beside Engram's
(the test.* lines of the final metrics that `engram run` prints), as a Markdown table. The same definitions as the application's:
ties as one segment of the curve (trapezoid), ROC50 the area up to the 50th false positive divided
by 50 times the positives (by the number of negatives when there are fewer), a sequence that HMMER
did not report for a family scoring below every reported one.

usage: roc.py TEST_LABELS.tsv HMMSEARCH_TBLOUT ENGRAM_METRICS_FILE
"""
import re
import sys


def roc_n(scores, positive, n):
    positives = sum(positive)
    cap = min(n, len(positive) - positives)
    if positives == 0 or cap <= 0:
        return float("nan")
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    area, tp, fp, start = 0.0, 0, 0, 0
    while start < len(order) and fp < cap:
        end, p, q = start, 0, 0
        while end < len(order) and scores[order[end]] == scores[order[start]]:
            p, q = p + positive[order[end]], q + (not positive[order[end]])
            end += 1
        taken = min(q, cap - fp)
        area += taken * (tp + p * taken / (2.0 * q)) if q else 0.0
        tp, fp, start = tp + p, fp + q, end
    return area / (cap * positives)


def main(labels_file, tblout, engram_file):
    labels = dict(line.rstrip("\n").split("\t") for line in open(labels_file) if line.strip())
    names = list(labels)
    families = sorted(set(labels.values()))
    bits = {f: {} for f in families}
    for line in open(tblout):
        if line.startswith("#"):
            continue
        f = line.split()
        target, query, score = f[0], f[2], float(f[5])
        bits[query][target] = max(score, bits[query].get(target, float("-inf")))
    engram = dict((k, float(v)) for k, v in re.findall(r"test\.([\w.\-]+) = ([-\d.eE]+|NaN)", open(engram_file).read()))
    rows, sums = [], [0.0, 0.0, 0.0, 0.0]
    for fam in families:
        floor = min(bits[fam].values(), default=0.0) - 1.0
        scores = [bits[fam].get(n, floor) for n in names]
        positive = [labels[n] == fam for n in names]
        h_auc, h_roc = roc_n(scores, positive, 10**9), roc_n(scores, positive, 50)
        e_auc, e_roc = engram.get("auc." + fam, float("nan")), engram.get("roc50." + fam, float("nan"))
        rows.append(f"| {fam} | {sum(positive)} | {e_auc:.3f} | {h_auc:.3f} | {e_roc:.3f} | {h_roc:.3f} |")
        for i, v in enumerate((e_auc, h_auc, e_roc, h_roc)):
            sums[i] += v
    print("| family | test members | Engram ROC-AUC | HMMER ROC-AUC | Engram ROC50 | HMMER ROC50 |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    m = [s / len(families) for s in sums]
    print(f"| mean | {len(names)} | {m[0]:.3f} | {m[1]:.3f} | {m[2]:.3f} | {m[3]:.3f} |")
    print(f"(Engram's own means: auc={engram.get('auc', float('nan')):.3f} roc50={engram.get('roc50', float('nan')):.3f}"
          f" accuracy={engram.get('accuracy', float('nan')):.3f})")


if __name__ == "__main__":
    main(*sys.argv[1:4])
