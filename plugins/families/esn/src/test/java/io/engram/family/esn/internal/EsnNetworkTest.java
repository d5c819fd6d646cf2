package io.engram.family.esn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.LinearReadout;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EsnNetworkTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final Ops ops = backend.ops();
    private final EsnFamily family = new EsnFamily();

    private ModelSpec spec(Map<String, String> raw, int in, int out) {
        Hyperparameters h = family.schema().validate(raw, "model.").get();
        return new ModelSpec("esn", in, out, DType.F64, h);
    }

    private static Batch batchOf(double[] u) {
        double[][] x = new double[u.length][1];
        for (int t = 0; t < u.length; t++) {
            x[t][0] = u[t];
        }
        return new Dataset(List.of(Sequence.perStep(x, new double[u.length][1])), 1, 1).batches(1).get(0);
    }

    /** One unit by hand: x(t) = (1 - a) x(t-1) + a tanh(u(t) w_in + b + x(t-1) w), features [x(t), u(t)]. */
    @Test
    void oneUnitFollowsTheLeakyIntegratorEquation() {
        Network n = family.create(spec(Map.of("units", "1", "connectivity", "1", "spectral.radius", "0.5",
                "leak", "0.3", "bias.scaling", "0.2"), 1, 1), backend, 5);
        Map<String, Tensor> p = n.parameters();
        double w = p.get("reservoir.w").toDoubleArray()[0];
        double win = p.get("reservoir.in").toDoubleArray()[0];
        double b = p.get("reservoir.bias").toDoubleArray()[0];
        assertEquals(0.5, Math.abs(w), 1e-9, "a 1x1 reservoir scaled to spectral radius 0.5");
        double[] u = {0.4, -1.0, 0.25, 0.9, 0.0};
        double[] f = n.capability(LinearReadout.class).orElseThrow().features(ops, p, batchOf(u)).toDoubleArray();
        double x = 0;
        for (int t = 0; t < u.length; t++) {
            x = 0.7 * x + 0.3 * Math.tanh(u[t] * win + b + x * w);
            assertEquals(x, f[2 * t], 1e-15, "state at step " + t);
            assertEquals(u[t], f[2 * t + 1], 0.0, "input at step " + t);
        }
    }

    @Test
    void onlyTheReadoutIsTrainableAndARestoredNetworkRunsBitForBit() {
        ModelSpec spec = spec(Map.of("units", "30", "leak", "0.5", "bias.scaling", "0.5"), 1, 1);
        Network n = family.create(spec, backend, 77);
        assertEquals(Set.of("readout.w", "readout.b"), n.trainable());
        Map<String, Tensor> params = new LinkedHashMap<>(n.parameters());
        double[] readout = new double[31];
        for (int i = 0; i < readout.length; i++) {
            readout[i] = Math.sin(i);
        }
        params.put("readout.w", ops.fromArray(DType.F64, Shape.of(31, 1), readout));
        n.setParameters(Map.of("readout.w", params.get("readout.w")));
        Network restored = family.restore(spec, backend, params, (CheckpointMetadata) null, n.payloads());
        assertEquals(List.of(77L), restored.payloads().integers("esn.seed").orElseThrow());
        Batch b = batchOf(new double[] {0.1, 0.5, -0.3, 0.8, 0.2, -0.6});
        LinearReadout a = n.capability(LinearReadout.class).orElseThrow();
        LinearReadout c = restored.capability(LinearReadout.class).orElseThrow();
        assertArrayEquals(a.features(ops, n.parameters(), b).toDoubleArray(),
                c.features(ops, restored.parameters(), b).toDoubleArray(), 0.0);
        Map<String, Tensor> bad = new LinkedHashMap<>(params);
        bad.put("reservoir.w", ops.zeros(DType.F64, Shape.of(30, 29)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> family.restore(spec, backend, bad));
        assertTrue(e.getMessage().contains("'reservoir.w' must be F64 [30, 30]"), e.getMessage());
    }

    @Test
    void theSameSeedDrawsTheSameReservoirAndAnotherSeedAnother() {
        ModelSpec spec = spec(Map.of("units", "20"), 2, 1);
        double[] a = family.create(spec, backend, 3).parameters().get("reservoir.w").toDoubleArray();
        double[] b = family.create(spec, backend, 3).parameters().get("reservoir.w").toDoubleArray();
        double[] c = family.create(spec, backend, 4).parameters().get("reservoir.w").toDoubleArray();
        assertArrayEquals(a, b, 0.0);
        assertTrue(!java.util.Arrays.equals(a, c));
        long nonzero = java.util.Arrays.stream(a).filter(v -> v != 0).count();
        assertTrue(nonzero > 20 && nonzero < 80, "connectivity 0.1 of 400 weights: " + nonzero);
    }

    /**
     * The readout's feature rows, run on the host with the reservoir held sparse, are the states
     * that {@code steps} computes on the backend's ops, for every present step of a padded batch of
     * two sequences of different lengths (the shorter one holds its state through the padding).
     */
    @Test
    void featuresMatchTheStatesOfStepsOnEveryPresentRow() {
        for (DType dtype : List.of(DType.F64, DType.F32)) {
            Hyperparameters h = family.schema().validate(Map.of("units", "40", "connectivity", "0.2", "leak", "0.4",
                    "bias.scaling", "0.3", "spectral.radius", "1.1"), "model.").get();
            Network n = family.create(new ModelSpec("esn", 2, 1, dtype, h), backend, 9);
            double[][] a = new double[7][2];
            double[][] b = new double[4][2];
            for (int t = 0; t < 7; t++) {
                a[t] = new double[] {Math.sin(t), Math.cos(0.5 * t)};
                b[t % 4] = new double[] {0.3 * t - 0.5, 0.1 * t};
            }
            Dataset d = new Dataset(List.of(Sequence.perStep(a, new double[7][1]), Sequence.perStep(b, new double[4][1])), 2, 1);
            Batch batch = d.batches(2).get(0);
            double[] f = n.capability(LinearReadout.class).orElseThrow().features(ops, n.parameters(), batch).toDoubleArray();
            double tolerance = dtype == DType.F64 ? 1e-13 : 1e-5;
            for (int j = 0; j < 2; j++) {
                Sequence s = d.get(j);
                double[] xs = new double[s.length() * 2];
                List<io.engram.api.StepContext> contexts = new java.util.ArrayList<>();
                for (int t = 0; t < s.length(); t++) {
                    xs[2 * t] = s.input(t, 0);
                    xs[2 * t + 1] = s.input(t, 1);
                    contexts.add(io.engram.api.StepContext.inference(t));
                }
                io.engram.api.Steps steps = n.steps(ops, n.parameters(), ops.fromArray(dtype, Shape.of(s.length(), 2), xs),
                        n.initialState(ops, 1), contexts);
                for (int t = 0; t < 7; t++) {
                    double[] state = steps.states().get(Math.min(t, s.length() - 1)).get(0).toDoubleArray();
                    for (int u = 0; u < 40; u++) {
                        assertEquals(state[u], f[(t * 2 + j) * 42 + u], tolerance,
                                dtype + " sequence " + j + " step " + t + " unit " + u);
                    }
                }
                assertEquals(s.input(s.length() - 1, 1), f[((s.length() - 1) * 2 + j) * 42 + 41], 1e-7);
            }
        }
    }

    @Test
    void theHostTanhIsWithinRoundingOfMathTanh() {
        double worst = 0;
        for (int i = -300_000; i <= 300_000; i++) {
            double x = i * 1e-4 + 1e-9 * (i % 7);
            worst = Math.max(worst, Math.abs(HostReservoir.tanh(x) - Math.tanh(x)));
        }
        assertTrue(worst < 5e-16, "largest difference " + worst);
        assertEquals(1.0, HostReservoir.tanh(400), 0.0);
        assertEquals(-1.0, HostReservoir.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(0.0, HostReservoir.tanh(0), 0.0);
    }
}
