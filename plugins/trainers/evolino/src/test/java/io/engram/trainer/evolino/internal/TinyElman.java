package io.engram.trainer.evolino.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.backend.cpu.CpuBackend;
import io.engram.layers.StackSettings;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceRnn;
import java.util.List;
import java.util.Map;

/** A one-layer tanh network built from the platform's stack, with and without its linear readout. */
final class TinyElman {
    private TinyElman() {
    }

    static Network of(CpuBackend backend, int hidden, long seed, boolean readout) {
        Hyperparameters h = new ReferenceRnn().schema().validate(Map.of(), "model.").get();
        ModelSpec spec = new ModelSpec("tiny-elman", 1, 1, DType.F64, h);
        StackSettings s = new StackSettings(hidden, 1, 0.0, "xavier", 1.0);
        StackedNetwork.Layer layer = (ops, p, k, x, state) -> List.of(ops.tanh(ops.add(ops.add(
                ops.matmul(x, p.get(k + "w")), ops.matmul(state.get(0), p.get(k + "r"))), p.get(k + "b"))));
        StackedNetwork n = new StackedNetwork(spec, s, 1, StackedNetwork.initialParameters(spec, s, backend.ops(), seed,
                (p, init, k, in, units) -> {
                    p.put(k + "w", init.weights(in, units, 1));
                    p.put(k + "r", init.weights(units, units, 1));
                    p.put(k + "b", init.constant(units, 0));
                }, true), layer);
        return readout ? n.withLinearReadout() : n;
    }
}
