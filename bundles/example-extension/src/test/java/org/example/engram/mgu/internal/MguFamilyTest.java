package org.example.engram.mgu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MguFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final MguFamily family = new MguFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(String variant) {
        return new ModelSpec("mgu", 2, 1, DType.F64, MguFamily.SCHEMA.validate(Map.of("hidden", "3", "variant", variant), "model.").get());
    }

    @Test
    void variantsDropTermsOfTheForgetGate() {
        assertEquals(List.of("layer0.w_f", "layer0.u_f", "layer0.b_f", "layer0.w_h", "layer0.u_h", "layer0.b_h", "readout.w", "readout.b"),
                List.copyOf(family.create(spec("mgu"), BACKEND, 1).parameters().keySet()));
        assertEquals(List.of("layer0.u_f", "layer0.b_f", "layer0.w_h", "layer0.u_h", "layer0.b_h", "readout.w", "readout.b"),
                List.copyOf(family.create(spec("mgu1"), BACKEND, 1).parameters().keySet()));
        assertEquals(List.of("layer0.u_f", "layer0.w_h", "layer0.u_h", "layer0.b_h", "readout.w", "readout.b"),
                List.copyOf(family.create(spec("mgu2"), BACKEND, 1).parameters().keySet()));
        assertEquals(List.of("layer0.b_f", "layer0.w_h", "layer0.u_h", "layer0.b_h", "readout.w", "readout.b"),
                List.copyOf(family.create(spec("mgu3"), BACKEND, 1).parameters().keySet()));
    }

    /** MGU3 with f = sigma(0) = 1/2: h_t = h_{t-1}/2 + tanh(W_h x + U_h (h_{t-1}/2))/2. */
    @Test
    void mgu3UpdateFollowsTheEquations() {
        Network net = family.create(spec("mgu3"), BACKEND, 4);
        Map<String, Tensor> p = net.parameters();
        double[] w = p.get("layer0.w_h").toDoubleArray();
        double[] u = p.get("layer0.u_h").toDoubleArray();
        double[] h = new double[3];
        State s = net.initialState(OPS, 1);
        for (double[] x : new double[][] {{1, -1}, {0.5, 2}}) {
            double[] next = new double[3];
            for (int j = 0; j < 3; j++) {
                double a = x[0] * w[j] + x[1] * w[3 + j];
                for (int i = 0; i < 3; i++) {
                    a += 0.5 * h[i] * u[i * 3 + j];
                }
                next[j] = 0.5 * h[j] + 0.5 * Math.tanh(a);
            }
            h = next;
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), x), s, StepContext.inference(0));
            s = step.state();
            assertArrayEquals(h, s.get(0).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void sameSeedSameParameters() {
        Map<String, Tensor> a = family.create(spec("mgu"), BACKEND, 9).parameters();
        Map<String, Tensor> b = family.create(spec("mgu"), BACKEND, 9).parameters();
        a.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), b.get(k).toDoubleArray(), 0.0, k));
    }
}
