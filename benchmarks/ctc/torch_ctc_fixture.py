#!/usr/bin/python3
"""Reference values of CTC from PyTorch, kept as a fixture for the io.engram.loss.ctc tests.

For fixed random logits (seeded numpy, float64) this computes torch.nn.functional.ctc_loss
(blank 0, reduction='none', and 'sum') and the gradient of the summed loss with respect to the
logits (through log_softmax), and writes them as plain text:

    case NAME
    classes C
    lengths T_0 T_1 ...            steps of each sequence (the batch is padded to the longest)
    labels 1 2 2 | 3 | ...         each sequence's labels, '|' between sequences (may be empty)
    zero_infinity 0|1
    logits v v v ...               [time * batch, classes], row t * batch + b (time-major, as Engram's outputs)
    loss v v ...                   per sequence (reduction='none')
    sum v                          reduction='sum'
    grad v v v ...                 d sum / d logits, same layout as logits (0 at padded steps)
    end

Engram's loss() returns the 'sum' value; its trainers divide it by Loss.terms(batch), the number
of sequences, so the loss a trainer reports equals reduction='sum' divided by the batch size. This
is not reduction='mean', which first divides each sequence's loss by its own label count.

Run with Debian's interpreter:  /usr/bin/python3 benchmarks/ctc/torch_ctc_fixture.py OUT
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

CASES = [
    # name, classes, lengths, labels, zero_infinity
    ("padded", 5, [6, 4, 5], [[1, 2, 3], [4], [2, 2]], False),
    ("repeats", 4, [9, 7], [[1, 1, 2, 2], [3, 3, 3]], False),
    ("every-step", 4, [5, 3, 4], [[1, 1, 1], [2, 3, 2], [1, 2, 2]], False),
    ("empty-labels", 3, [4, 2], [[], [1]], False),
    ("one-step", 3, [1, 1], [[2], []], False),
    ("long", 8, [30, 17, 24, 9], [[1, 5, 5, 7, 2, 3, 3, 3, 1, 6], [4, 4, 2], [7, 6, 5, 4, 3, 2, 1], [1, 2, 3, 4]],
     False),
    ("impossible-zeroed", 4, [3, 5], [[1, 1, 2], [3, 1]], True),
]


def run(name, classes, lengths, labels, zero_infinity, rng):
    time, batch = max(lengths), len(lengths)
    logits = rng.uniform(-3.0, 3.0, size=(time, batch, classes))
    x = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    log_probs = F.log_softmax(x, dim=2)
    targets = torch.tensor([l for seq in labels for l in seq], dtype=torch.long)
    input_lengths = torch.tensor(lengths, dtype=torch.long)
    target_lengths = torch.tensor([len(seq) for seq in labels], dtype=torch.long)
    per_seq = F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="none",
                         zero_infinity=zero_infinity)
    total = F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="sum",
                       zero_infinity=zero_infinity)
    total.backward()
    grad = x.grad.detach().numpy()
    for b, steps in enumerate(lengths):
        grad[steps:, b, :] = 0.0  # torch leaves padded steps at 0 already; made explicit
    out = [f"case {name}", f"classes {classes}", "lengths " + " ".join(map(str, lengths)),
           "labels " + " | ".join(" ".join(map(str, seq)) for seq in labels),
           f"zero_infinity {int(zero_infinity)}",
           "logits " + " ".join(repr(float(v)) for v in logits.reshape(-1)),
           "loss " + " ".join(repr(float(v)) for v in per_seq.detach().numpy()),
           "sum " + repr(float(total.item())),
           "grad " + " ".join(repr(float(v)) for v in grad.reshape(-1)),
           "end"]
    return "\n".join(out)


def main():
    torch.set_default_dtype(torch.float64)
    rng = np.random.default_rng(20061)
    text = [f"# torch.nn.functional.ctc_loss, torch {torch.__version__}, written by benchmarks/ctc/torch_ctc_fixture.py"]
    text += [run(*case, rng) for case in CASES]
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(text) + "\n")


if __name__ == "__main__":
    main()
