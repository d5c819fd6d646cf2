#!/usr/bin/python3
"""The PyTorch side of benchmarks/ntm: the same neural Turing machine, the same training step.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/ntm/ntm_bench.py --threads 2

The network is Engram's ntm family written in PyTorch op for op (Graves, Wayne and Danihelka 2014):
an LSTM controller (torch.nn.LSTMCell) reads [x_t, r_{t-1}]; one linear map gives every head's key,
key strength (softplus), gate (sigmoid), shift weights over -1/0/+1 (softmax) and sharpening
(1 + softplus), and the write heads' erase (sigmoid) and add (tanh) vectors; content addressing by
cosine similarity, interpolation, circular shift, sharpening; the write heads erase then add, the
read heads read the new memory; the output is a linear map of [h_t, r_t]. The memory starts at 1e-6,
every weighting on row 0. A training step is the forward pass over the sequence (a Python loop over
the steps, batched over the sequences), the mean squared error on every output, backward and one
plain SGD step (lr 1e-3); inputs and targets are uniform in [-1, 1]. One JSON line goes to stdout.
"""
import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

EPS = 1e-8


class Ntm(torch.nn.Module):
    def __init__(self, inputs, outputs, hidden, rows, width, reads, writes):
        super().__init__()
        self.rows, self.width, self.reads, self.writes = rows, width, reads, writes
        self.heads = reads + writes
        self.controller = torch.nn.LSTMCell(inputs + reads * width, hidden)
        self.head = torch.nn.Linear(hidden, self.heads * (width + 6) + 2 * writes * width)
        self.readout = torch.nn.Linear(hidden + reads * width, outputs)

    def split(self, z):
        b, k, m, w = z.shape[0], self.heads, self.width, self.writes
        sizes = [k * m, k, k, 3 * k, k, w * m, w * m]
        key, beta, gate, shift, gamma, erase, add = torch.split(z, sizes, dim=1)
        return (key.view(b, k, m), F.softplus(beta).view(b, k, 1), torch.sigmoid(gate).view(b, k, 1),
                torch.softmax(shift.view(b, k, 3), -1), 1 + F.softplus(gamma).view(b, k, 1),
                torch.sigmoid(erase.view(b, w, m)), torch.tanh(add.view(b, w, m)))

    def address(self, memory, key, beta, gate, shift, gamma, previous):
        dots = torch.bmm(key, memory.transpose(1, 2))
        norms = torch.sqrt((key * key).sum(-1, keepdim=True) + EPS) * torch.sqrt((memory * memory).sum(-1) + EPS).unsqueeze(1)
        wc = torch.softmax(beta * dots / norms, -1)
        wg = previous + gate * (wc - previous)
        shifted = shift[..., 2:3] * torch.roll(wg, 1, -1) + shift[..., 1:2] * wg + shift[..., 0:1] * torch.roll(wg, -1, -1)
        powered = torch.exp(gamma * torch.log(shifted + EPS))
        return powered / powered.sum(-1, keepdim=True)

    def forward(self, xs):
        t_len, b = xs.shape[0], xs.shape[1]
        dtype = xs.dtype
        memory = torch.full((b, self.rows, self.width), 1e-6, dtype=dtype)
        reads = torch.zeros(b, self.reads * self.width, dtype=dtype)
        weights = torch.zeros(b, self.heads, self.rows, dtype=dtype)
        weights[:, :, 0] = 1.0
        h = torch.zeros(b, self.controller.hidden_size, dtype=dtype)
        c = torch.zeros_like(h)
        outputs = []
        for t in range(t_len):
            h, c = self.controller(torch.cat([xs[t], reads], 1), (h, c))
            key, beta, gate, shift, gamma, erase, add = self.split(self.head(h))
            weights = self.address(memory, key, beta, gate, shift, gamma, weights)
            ww = weights[:, self.reads:]
            for k in range(self.writes):
                memory = memory - memory * torch.bmm(ww[:, k:k + 1].transpose(1, 2), erase[:, k:k + 1])
            memory = memory + torch.bmm(ww.transpose(1, 2), add)
            reads = torch.bmm(weights[:, :self.reads], memory).reshape(b, -1)
            outputs.append(self.readout(torch.cat([h, reads], 1)))
        return torch.stack(outputs)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name, default in (("hidden", 100), ("rows", 128), ("width", 20), ("input", 10), ("output", 8),
                          ("seq", 42), ("batch", 16), ("warmup", 2), ("reps", 5)):
        p.add_argument("--" + name, type=int, default=default)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = Ntm(args.input, args.output, args.hidden, args.rows, args.width, 1, 1)
    x = torch.rand(args.seq, args.batch, args.input) * 2 - 1
    y = torch.rand(args.seq, args.batch, args.output) * 2 - 1
    sgd = torch.optim.SGD(model.parameters(), lr=1e-3)
    seconds = []
    loss = None
    for r in range(args.warmup + args.reps):
        start = time.perf_counter()
        sgd.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        sgd.step()
        if r >= args.warmup:
            seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    print(json.dumps({"side": "torch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "hidden": args.hidden, "rows": args.rows, "width": args.width, "input": args.input,
                      "output": args.output, "seq": args.seq, "batch": args.batch,
                      "parameters": sum(q.numel() for q in model.parameters()), "median_s": median,
                      "min_s": min(seconds), "max_s": max(seconds), "steps_per_s": 1 / median,
                      "last_loss": loss.item()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
