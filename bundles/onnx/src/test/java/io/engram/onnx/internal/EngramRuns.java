package io.engram.onnx.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import java.util.LinkedHashMap;
import java.util.Map;

/** Engram's families and the testkit's reference backend, as the tests run them. */
final class EngramRuns {
    static final ReferenceBackend BACKEND = new ReferenceBackend();
    static final Ops OPS = BACKEND.ops();

    private EngramRuns() {
    }

    static NetworkFamily family(String id) {
        return switch (id) {
            case "lstm" -> new io.engram.family.lstm.internal.LstmFamily();
            case "gru" -> new io.engram.family.gru.internal.GruFamily();
            case "elman" -> new io.engram.family.elman.internal.ElmanFamily();
            default -> throw new IllegalArgumentException(id);
        };
    }

    static ModelSpec spec(String family, int in, int out, Map<String, Object> hyper) {
        return new ModelSpec(family, in, out, DType.F32, Hyperparameters.of(hyper));
    }

    /** A network of {@code spec} with parameters {@code tensors}. */
    static Network network(ModelSpec spec, Map<String, Dense> tensors) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        tensors.forEach((k, d) -> p.put(k, OPS.fromArray(DType.F32, Shape.of(d.shape()), d.data())));
        return family(spec.family()).restore(spec, BACKEND, p);
    }

    /** The network's parameters as float arrays. */
    static Map<String, Dense> dense(Network n) {
        Map<String, Dense> out = new LinkedHashMap<>();
        n.parameters().forEach((k, t) -> out.put(k, new Dense(t.shape().toArray(), t.toFloatArray())));
        return out;
    }

    /** The outputs of one sequence run alone, step by step from zero states: {@code [steps][outputs]}. */
    static float[][] run(Network n, float[][] sequence) {
        State s = n.initialState(OPS, 1);
        float[][] out = new float[sequence.length][];
        for (int t = 0; t < sequence.length; t++) {
            Step step = n.step(OPS, n.parameters(), OPS.fromArray(DType.F32, Shape.of(1, sequence[t].length),
                    sequence[t]), s, StepContext.inference(t));
            out[t] = step.output().toFloatArray();
            s = step.state();
        }
        return out;
    }
}
