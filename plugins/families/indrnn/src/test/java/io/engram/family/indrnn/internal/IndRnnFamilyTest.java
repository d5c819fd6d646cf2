package io.engram.family.indrnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.api.Problem;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.vavr.collection.Seq;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class IndRnnFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final IndRnnFamily family = new IndRnnFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, String> hyper) {
        Hyperparameters h = IndRnnFamily.SCHEMA.validate(hyper, "model.").get();
        return new ModelSpec("indrnn", 2, 2, DType.F64, h);
    }

    private static double[] project(double[] x, double[] w, double[] b, int n) {
        double[] a = b.clone();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < x.length; i++) {
                a[j] += x[i] * w[i * n + j];
            }
        }
        return a;
    }

    /** h_t = relu(W x_t + u ⊙ h_{t-1} + b), unit by unit; with a residual second layer o = h + input. */
    @Test
    void eachUnitSeesOnlyItsOwnPast() {
        int n = 3;
        Network net = family.create(spec(Map.of("hidden", "3", "layers", "2", "residual", "true")), BACKEND, 5);
        Map<String, Tensor> p = net.parameters();
        double[][] hs = new double[2][n];
        State s = net.initialState(OPS, 1);
        double[][] xs = {{1, 0.5}, {-0.5, 0.25}, {0.1, -1}, {0.7, 0.7}};
        for (double[] x : xs) {
            double[] in = x;
            for (int l = 0; l < 2; l++) {
                String k = "layer" + l + ".";
                double[] a = project(in, p.get(k + "w").toDoubleArray(), p.get(k + "b").toDoubleArray(), n);
                double[] u = p.get(k + "u").toDoubleArray();
                double[] out = new double[n];
                for (int j = 0; j < n; j++) {
                    hs[l][j] = Math.max(0, a[j] + u[j] * hs[l][j]);
                    out[j] = hs[l][j] + (l > 0 ? in[j] : 0);
                }
                in = out;
            }
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), x), s, StepContext.inference(0));
            s = step.state();
            assertArrayEquals(hs[0], s.get(1).toDoubleArray(), 1e-12, "layer 0 h");
            assertArrayEquals(hs[1], s.get(3).toDoubleArray(), 1e-12, "layer 1 h");
            assertArrayEquals(in, s.get(2).toDoubleArray(), 1e-12, "layer 1 output with its shortcut");
        }
    }

    /** The initial recurrent weights lie in the initial range, cut at gamma^(1/T). */
    @Test
    void recurrentWeightsStartInTheirRangeAndInsideTheConstraint() {
        Network net = family.create(spec(Map.of("hidden", "200", "recurrent.horizon", "100",
                "recurrent.init.low", "0.5", "recurrent.init.high", "1.5")), BACKEND, 1);
        double bound = Math.pow(2, 1.0 / 100);
        double[] u = net.parameters().get("layer0.u").toDoubleArray();
        int atBound = 0;
        for (double v : u) {
            assertTrue(v >= 0.5 && v <= bound, "u = " + v);
            atBound += v == bound ? 1 : 0;
        }
        assertTrue(atBound > 60 && atBound < 140, "about half drawn above the bound and clipped: " + atBound);
    }

    /** Every update is followed by the clipping: setParameters stores u clipped, other values as given. */
    @Test
    void setParametersClipsTheRecurrentWeightsOnly() {
        Network net = family.create(spec(Map.of("hidden", "3", "recurrent.horizon", "10", "recurrent.gamma", "4")),
                BACKEND, 2);
        double bound = Math.pow(4, 0.1);
        Tensor w = OPS.fromArray(DType.F64, Shape.of(2, 3), new double[] {5, -5, 1, 2, 3, 4});
        net.setParameters(Map.of("layer0.u", OPS.fromArray(DType.F64, Shape.of(3), new double[] {3, -0.5, -7}),
                "layer0.w", w));
        assertArrayEquals(new double[] {bound, -0.5, -bound}, net.parameters().get("layer0.u").toDoubleArray(), 0.0);
        assertSame(w, net.parameters().get("layer0.w"));
        Tensor inside = OPS.fromArray(DType.F64, Shape.of(3), new double[] {0.1, -0.2, bound});
        net.setParameters(Map.of("layer0.u", inside));
        assertSame(inside, net.parameters().get("layer0.u"), "values inside the bound are stored as given");
    }

    @Test
    void theParameterVectorBoundsTheRecurrentWeightsAndNamesARefusedElement() {
        Network net = family.create(spec(Map.of("hidden", "2", "recurrent.horizon", "5")), BACKEND, 3);
        ParameterVector v = net.capability(ParameterVector.class).orElseThrow();
        double bound = Math.pow(2, 0.2);
        double[] lower = v.lower().orElseThrow();
        double[] upper = v.upper().orElseThrow();
        // layer0.w [2, 2] = elements 0..3, then layer0.u [2] = 4..5
        assertEquals(Double.POSITIVE_INFINITY, upper[3]);
        assertEquals(bound, upper[4]);
        assertEquals(-bound, lower[5]);
        double[] values = v.values();
        values[5] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.write(OPS, values));
        assertTrue(e.getMessage().contains("element 5 (of layer0.u)"), e.getMessage());
    }

    @Test
    void anInitialRangeUpsideDownIsRefusedByName() {
        Seq<Problem> problems = family.validate(spec(Map.of("recurrent.init.low", "1", "recurrent.init.high", "0.5")));
        assertEquals(1, problems.size());
        assertEquals("model.recurrent.init.low", problems.get(0).where());
    }

    /** With recurrent.init.top=long the top layer starts on [gamma^(-1/T), gamma^(1/T)], the layers below on their range. */
    @Test
    void aLongTopLayerStartsCloseToOne() {
        Network net = family.create(spec(Map.of("hidden", "50", "layers", "2", "recurrent.horizon", "1000",
                "recurrent.init.top", "long")), BACKEND, 4);
        double bound = Math.pow(2, 1.0 / 1000);
        double below = 0;
        for (double v : net.parameters().get("layer1.u").toDoubleArray()) {
            assertTrue(v >= 1 / bound && v <= bound, "top u = " + v);
        }
        for (double v : net.parameters().get("layer0.u").toDoubleArray()) {
            assertTrue(v >= 0 && v <= 1, "lower u = " + v);
            below += v < 1 / bound ? 1 : 0;
        }
        assertTrue(below > 45, "the lower layer keeps its range [0, 1]: " + below);
    }

    @Test
    void aLongTopLayerWithoutAHorizonIsRefusedByName() {
        Seq<Problem> problems = family.validate(spec(Map.of("recurrent.init.top", "long")));
        assertEquals(1, problems.size());
        assertEquals("model.recurrent.init.top", problems.get(0).where());
        assertTrue(problems.get(0).toString().contains("recurrent.horizon"), problems.get(0).toString());
    }

    /** With recurrent.hold.top every update keeps the top layer's u in [gamma^(-1/T), gamma^(1/T)]; the layers below keep [-b, b]. */
    @Test
    void aHeldTopLayerCannotForget() {
        Network net = family.create(spec(Map.of("hidden", "3", "layers", "2", "recurrent.horizon", "10",
                "recurrent.hold.top", "true")), BACKEND, 6);
        double bound = Math.pow(2, 0.1);
        for (double v : net.parameters().get("layer1.u").toDoubleArray()) {
            assertTrue(v >= 1 / bound && v <= bound, "top u = " + v);
        }
        net.setParameters(Map.of("layer1.u", OPS.fromArray(DType.F64, Shape.of(3), new double[] {0.5, -2, 1}),
                "layer0.u", OPS.fromArray(DType.F64, Shape.of(3), new double[] {0.5, -2, 1})));
        assertArrayEquals(new double[] {1 / bound, 1 / bound, 1}, net.parameters().get("layer1.u").toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0.5, -bound, 1}, net.parameters().get("layer0.u").toDoubleArray(), 1e-15);
        ParameterVector v = net.capability(ParameterVector.class).orElseThrow();
        // layer0: w [2, 3] = elements 0..5, u [3] = 6..8, b [3] = 9..11; layer1: w [3, 3] = 12..20, u = 21..23
        assertEquals(-bound, v.lower().orElseThrow()[6]);
        assertEquals(1 / bound, v.lower().orElseThrow()[21]);
        assertEquals(bound, v.upper().orElseThrow()[21]);
    }

    /** With activation.top=linear the top layer's units are not rectified: h_t = W x_t + u h_{t-1} + b. */
    @Test
    void aLinearTopLayerAccumulatesWithoutRectification() {
        Network net = family.create(spec(Map.of("hidden", "2", "activation.top", "linear")), BACKEND, 7);
        Map<String, Tensor> p = net.parameters();
        double[] w = p.get("layer0.w").toDoubleArray();
        double[] u = p.get("layer0.u").toDoubleArray();
        double[] b = p.get("layer0.b").toDoubleArray();
        double[] v = p.get("readout.w").toDoubleArray();
        double[] c = p.get("readout.b").toDoubleArray();
        double[] h = new double[2];
        State s = net.initialState(OPS, 1);
        boolean negative = false;
        double[][] xs = {{1, -1}, {-1, 1}, {0.5, 0.5}, {-0.5, -1}};
        for (int t = 0; t < xs.length; t++) {
            double[] a = project(xs[t], w, b, 2);
            for (int j = 0; j < 2; j++) {
                h[j] = a[j] + u[j] * h[j];
                negative |= h[j] < 0;
            }
            double[] y = c.clone();
            for (int k = 0; k < 2; k++) {
                y[k] += h[0] * v[k] + h[1] * v[2 + k];
            }
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), xs[t]), s, StepContext.inference(t));
            s = step.state();
            assertArrayEquals(y, step.output().toDoubleArray(), 1e-12, "y at step " + t);
        }
        assertTrue(negative, "some hidden value went below zero, which a relu would have cut");
    }

    @Test
    void aHeldTopLayerWithoutAHorizonIsRefusedByName() {
        Seq<Problem> problems = family.validate(spec(Map.of("recurrent.hold.top", "true")));
        assertEquals(1, problems.size());
        assertEquals("model.recurrent.hold.top", problems.get(0).where());
    }
}
