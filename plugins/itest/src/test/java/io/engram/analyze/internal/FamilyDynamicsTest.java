package io.engram.analyze.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Associative;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.ctrnn.internal.CtrnnFamily;
import io.engram.family.hopfield.internal.HopfieldFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code engram analyze}'s analysis on networks of the real families, set to known dynamics: a CTRNN
 * (Beer 1995, RK4) on a limit cycle, a Hopfield memory of sign units, an LSTM whose state is two tensors.
 */
class FamilyDynamicsTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static AnalyzeOptions options(int starts, int length, int warmup, int steps) {
        return new AnalyzeOptions("test", null, null, starts, 3, 2000, 0.01, 1e-12, 1e-4, 0.1, 4, length, warmup, steps,
                false, null);
    }

    @Test
    void aCtrnnOnALimitCycleHasALyapunovExponentNearZeroAndOnlyAnUnstableFocusInside() {
        // tau dy_i/dt = -y_i + sum_j w_ji tanh(y_j), W = 2 R(pi/4): the origin is an unstable focus with
        // mu = -1 + 2 e^{+-i pi/4}, and orbits wind out to a limit cycle; y0 starts the run off the origin
        CtrnnFamily family = new CtrnnFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "2", "dt", "0.05", "substeps", "4",
                "integrator", "rk4", "activation", "tanh", "output", "rates", "state.trainable", "true"), "model.").get();
        ModelSpec spec = new ModelSpec("ctrnn", 1, 2, DType.F64, h);
        Network net = family.create(spec, BACKEND, 1);
        double g = 2;
        double th = Math.PI / 4;
        Map<String, Tensor> p = new LinkedHashMap<>(net.parameters());
        // w_ji at row j, column i: the transpose of g R(th)
        p.put("w", OPS.fromArray(DType.F64, Shape.of(2, 2),
                new double[] {g * Math.cos(th), g * Math.sin(th), -g * Math.sin(th), g * Math.cos(th)}));
        p.put("theta", OPS.zeros(DType.F64, Shape.of(2)));
        p.put("tau.log", OPS.zeros(DType.F64, Shape.of(2)));
        p.put("y0", OPS.fromArray(DType.F64, Shape.of(2), new double[] {0.5, 0}));
        p.put("input.w", OPS.zeros(DType.F64, Shape.of(1, 2)));
        net.setParameters(p);
        Optional<Double> duration = AnalyzeVerb.stepDuration(family.schema(), spec.hyper());
        assertEquals(Optional.of(0.05 * 4), duration, "continuous time: dt * substeps per step");
        Analysis a = Analyzer.run(new StepMap(net, OPS, 1), "ctrnn", options(32, 300, 500, 3000), new double[1],
                List.of(), duration.get());
        assertTrue(a.fixedPoints().stream().noneMatch(f -> f.stability() == Analysis.Stability.STABLE),
                "no stable fixed point");
        Analysis.FixedPoint origin = a.fixedPoints().stream().filter(f -> f.norm() < 1e-6).findFirst().orElseThrow();
        assertEquals(Analysis.Stability.UNSTABLE, origin.stability());
        assertEquals(-1 + g * Math.cos(th), Math.log(origin.spectralRadius()) / duration.get(), 1e-4, "Re mu");
        double perTime = a.autonomous().perStep() / duration.get();
        assertTrue(Math.abs(perTime) < 0.01, "on the cycle from the initial state, per unit time: " + perTime);
    }

    @Test
    void theStoredPatternsOfAHopfieldMemoryAreStableFixedPoints() {
        HopfieldFamily family = new HopfieldFamily();
        int n = 16;
        ModelSpec spec = new ModelSpec("hopfield", n, n, DType.F64,
                family.schema().validate(Map.of("units", "16"), "model.").get());
        Network net = family.create(spec, BACKEND, 1);
        double[][] patterns = new double[3][];
        double[] flat = new double[3 * n];
        for (int k = 0; k < 3; k++) {
            patterns[k] = new double[n];
            for (int i = 0; i < n; i++) {
                patterns[k][i] = Integer.bitCount(i & (k + 1)) % 2 == 0 ? 1 : -1;
                flat[k * n + i] = patterns[k][i];
            }
        }
        net.capability(Associative.class).orElseThrow().store(OPS, "hebbian", OPS.fromArray(DType.F64, Shape.of(3, n), flat));
        AnalyzeOptions o = new AnalyzeOptions("test", null, null, 64, 5, 50, 0.01, 1e-12, 1e-4, 0.01, 40, 10, 0, 20,
                false, null);
        Analysis a = Analyzer.run(new StepMap(net, OPS, 1), "hopfield", o, new double[n], List.of(), null);
        assertEquals(false, a.autodiff());
        for (double[] xi : patterns) {
            assertTrue(a.fixedPoints().stream().anyMatch(f -> f.norm() > 1 && Math.abs(cosine(f.state(), xi)) > 1 - 1e-12
                            && f.stability() == Analysis.Stability.STABLE && f.spectralRadius() == 0),
                    "every stored pattern (or its negative) is a fixed point with a zero Jacobian");
        }
    }

    @Test
    void anLstmStateOfHiddenAndCellIsAnalysedAsOneVector() {
        LstmFamily family = new LstmFamily();
        ModelSpec spec = new ModelSpec("lstm", 2, 2, DType.F64,
                family.schema().validate(Map.of("hidden", "5"), "model.").get());
        Network net = family.create(spec, BACKEND, 4);
        StepMap map = new StepMap(net, OPS, 1);
        assertEquals(10, map.dimension(), "h and c of 5 units");
        Analysis a = Analyzer.run(map, "lstm", options(16, 100, 100, 400), new double[2], List.of(), null);
        assertTrue(a.fixedPoints().size() >= 1);
        for (Analysis.FixedPoint f : a.fixedPoints()) {
            assertTrue(f.q() < 1e-12);
            assertEquals(10, f.re().length);
        }
        if (a.autonomous().perStep() < 0) {
            assertTrue(a.fixedPoints().stream().anyMatch(f -> f.stability() == Analysis.Stability.STABLE
                            && Math.abs(Math.log(f.spectralRadius()) - a.autonomous().perStep()) < 1e-3),
                    "the run settles in a stable fixed point whose log spectral radius is the exponent");
        }
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (Dense.norm(a) * Dense.norm(b));
    }
}
