package io.engram.family.ctrnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.StepContext;
import io.engram.layers.continuous.BeerEquation;
import io.engram.layers.continuous.Integrator;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The integrators against the equation: convergence orders, agreement as dt goes to 0, one Euler step by hand. */
class CtrnnIntegratorTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private static final double SPAN = 1.0;

    /** The state after 4 input steps of {@code SPAN} each, integrated with {@code SPAN / dt} substeps. */
    private static double[] run(String integrator, double dt) {
        int substeps = (int) Math.round(SPAN / dt);
        Network net = new CtrnnFamily().create(new ModelSpec("ctrnn", 2, 1, DType.F64, Hyperparameters.of(Map.of(
                "hidden", 5, "integrator", integrator, "dt", dt, "substeps", substeps, "tau", 0.7,
                "init.scale", 3.0))), BACKEND, 11);
        State s = net.initialState(OPS, 2);
        double[][] xs = {{1, -0.5, 0.2, 0.3}, {-1, 0.25, 0.5, -0.8}, {0.3, 0.3, -0.3, 0}, {0, 0, 1, 1}};
        for (int t = 0; t < xs.length; t++) {
            Tensor x = OPS.fromArray(DType.F64, Shape.of(2, 2), xs[t]);
            s = net.step(OPS, net.parameters(), x, s, StepContext.inference(t)).state();
        }
        return s.get(0).toDoubleArray();
    }

    private static double error(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void eulerIsFirstOrderRk4FourthOrderAndBothConvergeToOneSolution() {
        double[] exact = run("rk4", 1.0 / 1000);
        double euler1 = error(run("euler", 0.1), exact);
        double euler2 = error(run("euler", 0.05), exact);
        double rk1 = error(run("rk4", 0.1), exact);
        double rk2 = error(run("rk4", 0.05), exact);
        System.out.printf("ctrnn integrators: euler %.3g -> %.3g (ratio %.2f), rk4 %.3g -> %.3g (ratio %.2f)%n",
                euler1, euler2, euler1 / euler2, rk1, rk2, rk1 / rk2);
        assertEquals(2, euler1 / euler2, 0.2, "halving dt halves Euler's error (first order)");
        assertEquals(16, rk1 / rk2, 2, "halving dt divides RK4's error by 16 (fourth order)");
        assertTrue(rk2 < euler2 * 1e-3, "RK4 error " + rk2 + " vs Euler's " + euler2 + " at dt 0.05");
        assertTrue(error(run("euler", 0.001), exact) < 1e-3, "Euler agrees with RK4 as dt -> 0");
        assertTrue(euler1 > 1e-3, "the test distinguishes the integrators: Euler's error at dt 0.1 is " + euler1);
    }

    @Test
    void oneEulerStepIsTheEquationByHand() {
        Tensor w = OPS.fromArray(DType.F64, Shape.of(2, 2), new double[] {1, -2, 0.5, 3});
        Tensor theta = OPS.fromArray(DType.F64, Shape.of(2), new double[] {-0.5, 0.25});
        Tensor invTau = OPS.fromArray(DType.F64, Shape.of(2), new double[] {1, 0.5});
        Tensor input = OPS.fromArray(DType.F64, Shape.of(1, 2), new double[] {0.2, -0.1});
        Tensor y = OPS.fromArray(DType.F64, Shape.of(1, 2), new double[] {0.3, -0.4});
        double[] next = Integrator.EULER.step(OPS, new BeerEquation(OPS, "sigmoid", w, theta, invTau, input), y, 0.1)
                .toDoubleArray();
        double s0 = 1 / (1 + Math.exp(-(0.3 - 0.5)));
        double s1 = 1 / (1 + Math.exp(-(-0.4 + 0.25)));
        double d0 = (-0.3 + s0 * 1 + s1 * 0.5 + 0.2) / 1;
        double d1 = (0.4 + s0 * -2 + s1 * 3 - 0.1) / 2;
        assertEquals(0.3 + 0.1 * d0, next[0], 1e-15);
        assertEquals(-0.4 + 0.1 * d1, next[1], 1e-15);
    }

    @Test
    void anUnknownIntegratorIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Integrator.of("heun"));
        assertEquals("unknown integrator 'heun' (known: euler, rk4)", e.getMessage());
    }
}
