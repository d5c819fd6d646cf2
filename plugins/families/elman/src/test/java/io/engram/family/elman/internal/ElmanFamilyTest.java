package io.engram.family.elman.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ElmanFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final ElmanFamily family = new ElmanFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, Object> hyper) {
        return new ModelSpec("elman", 2, 2, DType.F64, Hyperparameters.of(hyper));
    }

    /** h_t = f(W x_t + U h_{t-1} + b), element by element, for each activation. */
    @Test
    void contextUnitsCopyThePreviousHiddenLayer() {
        for (String act : new String[] {"tanh", "sigmoid", "relu"}) {
            int n = 3;
            Network net = family.create(spec(Map.of("hidden", n, "activation", act)), BACKEND, 23);
            Map<String, Tensor> p = net.parameters();
            double[] w = p.get("layer0.w").toDoubleArray();
            double[] u = p.get("layer0.u").toDoubleArray();
            double[] h = new double[n];
            State s = net.initialState(OPS, 1);
            double[][] xs = {{1, 0.5}, {-0.5, 0.25}, {0.1, -1}};
            for (double[] x : xs) {
                double[] next = new double[n];
                for (int j = 0; j < n; j++) {
                    double a = 0;
                    for (int i = 0; i < 2; i++) {
                        a += x[i] * w[i * n + j];
                    }
                    for (int i = 0; i < n; i++) {
                        a += h[i] * u[i * n + j];
                    }
                    next[j] = act.equals("tanh") ? Math.tanh(a) : act.equals("sigmoid") ? 1 / (1 + Math.exp(-a)) : Math.max(0, a);
                }
                h = next;
                Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), x), s, StepContext.inference(0));
                s = step.state();
                assertArrayEquals(h, s.get(0).toDoubleArray(), 1e-12, act);
            }
        }
    }

    @Test
    void seededAndStacked() {
        Network a = family.create(spec(Map.of("hidden", 4, "layers", 3)), BACKEND, 1);
        Network b = family.create(spec(Map.of("hidden", 4, "layers", 3)), BACKEND, 1);
        a.parameters().forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), b.parameters().get(k).toDoubleArray(), 0.0, k));
        assertEquals(3, a.initialState(OPS, 2).size());
        assertEquals(11, a.parameters().size());
        Network c = family.create(spec(Map.of("hidden", 4, "layers", 3)), BACKEND, 2);
        assertFalse(java.util.Arrays.equals(a.parameters().get("layer2.u").toDoubleArray(), c.parameters().get("layer2.u").toDoubleArray()));
    }
}
