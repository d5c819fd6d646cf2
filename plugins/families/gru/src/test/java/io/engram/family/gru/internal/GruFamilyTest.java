package io.engram.family.gru.internal;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class GruFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final GruFamily family = new GruFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, Object> hyper) {
        return new ModelSpec("gru", 2, 1, DType.F64, Hyperparameters.of(hyper));
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        Map<String, Tensor> a = family.create(spec(Map.of("hidden", 3, "layers", 2)), BACKEND, 5).parameters();
        Map<String, Tensor> b = family.create(spec(Map.of("hidden", 3, "layers", 2)), BACKEND, 5).parameters();
        assertEquals(List.of("layer0.w", "layer0.b", "layer0.u_rz", "layer0.u", "layer1.w", "layer1.b", "layer1.u_rz",
                "layer1.u", "readout.w", "readout.b"), List.copyOf(a.keySet()));
        a.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), b.get(k).toDoubleArray(), 0.0, k));
        assertFalse(java.util.Arrays.equals(a.get("layer0.u").toDoubleArray(),
                family.create(spec(Map.of("hidden", 3, "layers", 2)), BACKEND, 6).parameters().get("layer0.u").toDoubleArray()));
    }

    /** Two steps against eqs. 5-8 of Cho et al. 2014 written out element by element. */
    @Test
    void stepFollowsChoEquations() {
        int n = 3;
        Network net = family.create(spec(Map.of("hidden", n)), BACKEND, 17);
        Map<String, Tensor> p = net.parameters();
        double[] w = p.get("layer0.w").toDoubleArray();
        double[] urz = p.get("layer0.u_rz").toDoubleArray();
        double[] u = p.get("layer0.u").toDoubleArray();
        double[] v = p.get("readout.w").toDoubleArray();
        double[][] xs = {{0.5, -1.0}, {-0.25, 0.75}};
        double[] h = new double[n];
        State s = net.initialState(OPS, 1);
        for (double[] x : xs) {
            double[] r = new double[n];
            double[] z = new double[n];
            for (int j = 0; j < n; j++) {
                double ar = 0;
                double az = 0;
                for (int i = 0; i < 2; i++) {
                    ar += x[i] * w[i * 3 * n + j];
                    az += x[i] * w[i * 3 * n + n + j];
                }
                for (int i = 0; i < n; i++) {
                    ar += h[i] * urz[i * 2 * n + j];
                    az += h[i] * urz[i * 2 * n + n + j];
                }
                r[j] = 1 / (1 + Math.exp(-ar));
                z[j] = 1 / (1 + Math.exp(-az));
            }
            double[] next = new double[n];
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int i = 0; i < 2; i++) {
                    a += x[i] * w[i * 3 * n + 2 * n + j];
                }
                for (int i = 0; i < n; i++) {
                    a += r[i] * h[i] * u[i * n + j];
                }
                next[j] = z[j] * h[j] + (1 - z[j]) * Math.tanh(a);
            }
            h = next;
            Step step = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), x), s, StepContext.inference(0));
            s = step.state();
            assertArrayEquals(h, s.get(0).toDoubleArray(), 1e-12);
            double y = 0;
            for (int i = 0; i < n; i++) {
                y += h[i] * v[i];
            }
            assertEquals(y, step.output().item(), 1e-12);
        }
    }

    /** With reset.after, two steps against eqs. 5-7 and 8' (the reset gate scales U h + b_u), element by element. */
    @Test
    void resetAfterScalesTheRecurrentProduct() {
        int n = 3;
        Network net = family.create(spec(Map.of("hidden", n, "reset.after", true)), BACKEND, 19);
        Map<String, Tensor> p = new java.util.LinkedHashMap<>(net.parameters());
        assertEquals(List.of("layer0.w", "layer0.b", "layer0.u_rz", "layer0.u", "layer0.bu", "readout.w", "readout.b"),
                List.copyOf(p.keySet()));
        double[] bu = {0.3, -0.2, 0.1};
        double[] b = {0.05, -0.1, 0.15, 0.2, -0.25, 0.3, -0.35, 0.4, -0.45};
        p.put("layer0.bu", OPS.fromArray(DType.F64, Shape.of(n), bu));
        p.put("layer0.b", OPS.fromArray(DType.F64, Shape.of(3 * n), b));
        double[] w = p.get("layer0.w").toDoubleArray();
        double[] urz = p.get("layer0.u_rz").toDoubleArray();
        double[] u = p.get("layer0.u").toDoubleArray();
        double[][] xs = {{0.5, -1.0}, {-0.25, 0.75}, {1.0, 0.5}};
        double[] h = new double[n];
        State s = net.initialState(OPS, 1);
        for (double[] x : xs) {
            double[] next = new double[n];
            for (int j = 0; j < n; j++) {
                double ar = b[j];
                double az = b[n + j];
                double ax = b[2 * n + j];
                double uh = bu[j];
                for (int i = 0; i < 2; i++) {
                    ar += x[i] * w[i * 3 * n + j];
                    az += x[i] * w[i * 3 * n + n + j];
                    ax += x[i] * w[i * 3 * n + 2 * n + j];
                }
                for (int i = 0; i < n; i++) {
                    ar += h[i] * urz[i * 2 * n + j];
                    az += h[i] * urz[i * 2 * n + n + j];
                    uh += h[i] * u[i * n + j];
                }
                double r = 1 / (1 + Math.exp(-ar));
                double z = 1 / (1 + Math.exp(-az));
                next[j] = z * h[j] + (1 - z) * Math.tanh(ax + r * uh);
            }
            h = next;
            s = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), x), s, StepContext.inference(0)).state();
            assertArrayEquals(h, s.get(0).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void dropoutOnlyWhileTraining() {
        Network net = family.create(spec(Map.of("hidden", 8, "layers", 3, "dropout", 0.5)), BACKEND, 2);
        Tensor x = OPS.fromArray(DType.F64, Shape.of(2, 2), new double[] {1, -1, 0.5, 0.25});
        State s = net.initialState(OPS, 2);
        double[] a = net.step(OPS, net.parameters(), x, s, StepContext.inference(0)).output().toDoubleArray();
        double[] b = net.step(OPS, net.parameters(), x, s, StepContext.inference(0)).output().toDoubleArray();
        double[] c = net.step(OPS, net.parameters(), x, s, new StepContext(true, 0, new java.util.SplittableRandom(1)))
                .output().toDoubleArray();
        assertArrayEquals(a, b, 0.0);
        assertFalse(java.util.Arrays.equals(a, c));
    }
}
