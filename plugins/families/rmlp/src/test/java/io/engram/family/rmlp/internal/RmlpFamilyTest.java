package io.engram.family.rmlp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class RmlpFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final RmlpFamily family = new RmlpFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, Object> hyper) {
        return new ModelSpec("rmlp", 2, 1, DType.F64, Hyperparameters.of(hyper));
    }

    /** Layers of 3 and 2 units, by hand: h1 = tanh(x W1 + h1' U1 + b1), h2 = tanh(h1 W2 + h2' U2 + b2), y = h2 V + c. */
    @Test
    void twoLayersByHand() {
        Network net = family.create(spec(Map.of("layers", "3,2")), BACKEND, 5);
        Map<String, Tensor> p = new java.util.LinkedHashMap<>(net.parameters());
        double[] b1 = {0.1, -0.2, 0.3};
        double[] b2 = {-0.05, 0.15};
        p.put("layer0.b", OPS.fromArray(DType.F64, Shape.of(3), b1));
        p.put("layer1.b", OPS.fromArray(DType.F64, Shape.of(2), b2));
        p.put("readout.b", OPS.fromArray(DType.F64, Shape.of(1), new double[] {0.25}));
        double[] h1 = new double[3];
        double[] h2 = new double[2];
        State s = net.initialState(OPS, 1);
        double[][] xs = {{1, -0.5}, {0.25, 0.75}, {-1, 0.1}};
        for (int t = 0; t < xs.length; t++) {
            h1 = layer(xs[t], h1, p.get("layer0.w").toDoubleArray(), p.get("layer0.u").toDoubleArray(), b1);
            h2 = layer(h1, h2, p.get("layer1.w").toDoubleArray(), p.get("layer1.u").toDoubleArray(), b2);
            double[] v = p.get("readout.w").toDoubleArray();
            double y = h2[0] * v[0] + h2[1] * v[1] + 0.25;
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), xs[t]), s, StepContext.inference(t));
            s = step.state();
            assertArrayEquals(h1, s.get(0).toDoubleArray(), 1e-12, "layer 1 at step " + t);
            assertArrayEquals(h2, s.get(1).toDoubleArray(), 1e-12, "layer 2 at step " + t);
            assertEquals(y, step.output().toDoubleArray()[0], 1e-12, "output at step " + t);
        }
    }

    private static double[] layer(double[] in, double[] h, double[] w, double[] u, double[] b) {
        int n = h.length;
        double[] next = new double[n];
        for (int j = 0; j < n; j++) {
            double a = b[j];
            for (int i = 0; i < in.length; i++) {
                a += in[i] * w[i * n + j];
            }
            for (int i = 0; i < n; i++) {
                a += h[i] * u[i * n + j];
            }
            next[j] = Math.tanh(a);
        }
        return next;
    }

    @Test
    void layerSizesAreCheckedAndNamed() {
        Network net = family.create(spec(Map.of("layers", " 4, 3 ,2")), BACKEND, 1);
        assertEquals(3, net.initialState(OPS, 5).size());
        assertEquals(2, net.initialState(OPS, 5).get(2).dim(1));
        assertEquals(11, net.parameters().size());
        var problems = family.validate(spec(Map.of("layers", "4,a,0")));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).where().equals("model.layers") && problems.get(0).message().contains("'a'"), problems.toString());
        assertTrue(problems.get(1).message().contains("layer 3 has 0 units"), problems.toString());
        assertEquals("model.layers", family.validate(spec(Map.of("layers", " "))).get(0).where());
        assertThrows(IllegalArgumentException.class, () -> family.create(spec(Map.of("layers", "3,,2")), BACKEND, 1));
    }
}
