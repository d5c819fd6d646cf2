package io.engram.family.clockwork.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.testkit.ReferenceBackend;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ClockworkFamilyTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private final ClockworkFamily family = new ClockworkFamily();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static ModelSpec spec(Map<String, Object> hyper) {
        return new ModelSpec("clockwork", 2, 1, DType.F64, Hyperparameters.of(hyper));
    }

    /** Periods 1, 2, 4 of two units each: U[j][i] is free exactly when T(j) >= T(i), zero elsewhere. */
    @Test
    void recurrentWeightsAreBlockTriangularByPeriod() {
        Network net = family.create(spec(Map.of("module.size", 2, "periods", "1,2,4")), BACKEND, 3);
        double[] u = net.parameters().get("recurrent.w").toDoubleArray();
        int[] period = {1, 1, 2, 2, 4, 4};
        for (int j = 0; j < 6; j++) {
            for (int i = 0; i < 6; i++) {
                if (period[j] >= period[i]) {
                    assertNotEquals(0.0, u[j * 6 + i], "slower or equal unit " + j + " feeds unit " + i);
                } else {
                    assertEquals(0.0, Math.abs(u[j * 6 + i]), "faster unit " + j + " must not feed slower unit " + i);
                }
            }
        }
        Network all = family.create(spec(Map.of("module.size", 2, "periods", "1,2,4", "connections", "all")), BACKEND, 3);
        for (double w : all.parameters().get("recurrent.w").toDoubleArray()) {
            assertNotEquals(0.0, w);
        }
    }

    /**
     * Two units, periods 1 and 4: by hand, h_t = tanh(x_t W + h_{t-1} (U*M) + b) on the active units,
     * and the period-4 unit holds its value through steps 1, 2 and 3 and changes at 4.
     */
    @Test
    void slowModuleKeepsItsStateBetweenItsTicks() {
        Network net = family.create(spec(Map.of("module.size", 1, "periods", "1,4")), BACKEND, 11);
        Map<String, io.engram.tensor.Tensor> p = net.parameters();
        double[] w = p.get("input.w").toDoubleArray();
        double[] u = p.get("recurrent.w").toDoubleArray();
        assertEquals(0.0, Math.abs(u[1]), "the fast unit 0 does not feed the slow unit 1");
        double[] h = new double[2];
        State s = net.initialState(OPS, 1);
        double[] slow = new double[6];
        for (int t = 0; t < 6; t++) {
            double[] x = {Math.sin(t + 1), Math.cos(2 * t)};
            double[] next = h.clone();
            for (int i = 0; i < 2; i++) {
                if (t % (i == 0 ? 1 : 4) == 0) {
                    double a = x[0] * w[i] + x[1] * w[2 + i];
                    for (int j = 0; j < 2; j++) {
                        a += h[j] * (j == 0 && i == 1 ? 0 : u[j * 2 + i]);
                    }
                    next[i] = Math.tanh(a);
                }
            }
            h = next;
            s = net.step(OPS, p, OPS.fromArray(DType.F64, Shape.of(1, 2), x), s, StepContext.inference(t)).state();
            assertArrayEquals(h, s.get(0).toDoubleArray(), 1e-12, "step " + t);
            slow[t] = s.get(0).toDoubleArray()[1];
        }
        assertEquals(slow[0], slow[1], 0.0);
        assertEquals(slow[0], slow[2], 0.0);
        assertEquals(slow[0], slow[3], 0.0);
        assertNotEquals(slow[3], slow[4]);
        assertEquals(slow[4], slow[5], 0.0);
    }

    @Test
    void defaultPeriodsAreExponentialAndBadPeriodsAreNamed() {
        assertArrayEquals(new int[] {1, 2, 4, 8, 16}, ClockworkSettings.periods(" ", 5).get());
        var problems = family.validate(spec(Map.of("periods", "1,x,0")));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).where().equals("model.periods") && problems.get(0).message().contains("'x'"), problems.toString());
        assertTrue(problems.get(1).message().contains("period 3 is 0"), problems.toString());
        assertThrows(IllegalArgumentException.class, () -> family.create(spec(Map.of("periods", "2,,4")), BACKEND, 1));
        assertTrue(family.validate(spec(Map.of("periods", "1, 3, 9"))).isEmpty());
    }
}
