#!/usr/bin/python3
"""ONNX files exported by PyTorch, with PyTorch's outputs, kept as fixtures for the io.engram.onnx tests.

For each case this builds a small seeded torch.nn.LSTM, GRU or RNN (one layer or stacked, time-major
input [time, batch, features]) followed by a torch.nn.Linear read out at every step, exports it with
torch.onnx.export (opset 14, time and batch axes dynamic) to OUT/NAME.onnx, and writes OUT/NAME.json:

    {"case": NAME, "family": "lstm"|"gru"|"elman", "input": I, "hidden": H, "layers": L, "output": O,
     "nonlinearity": "tanh"|"relu",          (RNN cases only)
     "sequences": [[[x, ...], ...], ...],    each sequence's steps, of different lengths
     "outputs":   [[[y, ...], ...], ...]}    PyTorch's outputs of each sequence run on its own (batch 1)

in float32 values written as decimal numbers (repr of the float32 widened to float64, exact).
The tests import each .onnx file into an Engram checkpoint and compare Engram's outputs with these.

Run with Debian's interpreter (python3-torch, python3-onnx):
    /usr/bin/python3 benchmarks/onnx/torch_onnx_fixtures.py bundles/onnx/src/test/resources/io/engram/onnx/internal/torch
"""
import json
import os
import sys

import torch

CASES = [
    # name, kind, input, hidden, layers, output, nonlinearity
    ("torch-lstm-1", "lstm", 3, 5, 1, 2, None),
    ("torch-lstm-2", "lstm", 4, 6, 2, 3, None),
    ("torch-gru-1", "gru", 3, 5, 1, 2, None),
    ("torch-gru-2", "gru", 4, 6, 2, 3, None),
    ("torch-rnn-tanh-2", "elman", 3, 5, 2, 2, "tanh"),
    ("torch-rnn-relu-1", "elman", 4, 6, 1, 3, "relu"),
]

LENGTHS = [7, 3, 5, 1]


class Model(torch.nn.Module):
    def __init__(self, kind, inputs, hidden, layers, outputs, nonlinearity):
        super().__init__()
        if kind == "lstm":
            self.rnn = torch.nn.LSTM(inputs, hidden, num_layers=layers)
        elif kind == "gru":
            self.rnn = torch.nn.GRU(inputs, hidden, num_layers=layers)
        else:
            self.rnn = torch.nn.RNN(inputs, hidden, num_layers=layers, nonlinearity=nonlinearity)
        self.readout = torch.nn.Linear(hidden, outputs)

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.readout(h)


def main(out):
    os.makedirs(out, exist_ok=True)
    for i, (name, kind, inputs, hidden, layers, outputs, nonlinearity) in enumerate(CASES):
        torch.manual_seed(100 + i)
        model = Model(kind, inputs, hidden, layers, outputs, nonlinearity).eval()
        sequences = [torch.rand(t, 1, inputs) * 2 - 1 for t in LENGTHS]
        with torch.no_grad():
            results = [model(x) for x in sequences]
            torch.onnx.export(model, (sequences[0],), os.path.join(out, name + ".onnx"), opset_version=14,
                              input_names=["x"], output_names=["y"],
                              dynamic_axes={"x": {0: "time", 1: "batch"}, "y": {0: "time", 1: "batch"}})
        case = {"case": name, "family": kind, "input": inputs, "hidden": hidden, "layers": layers, "output": outputs}
        if nonlinearity:
            case["nonlinearity"] = nonlinearity
        case["sequences"] = [x[:, 0, :].tolist() for x in sequences]
        case["outputs"] = [y[:, 0, :].tolist() for y in results]
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(case, f)
            f.write("\n")
        print(name, os.path.getsize(os.path.join(out, name + ".onnx")), "bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "torch-onnx-fixtures")
