package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Hyperparameters;
import io.engram.api.Optimizer;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizersTest {
    private final Ops ops = new CpuBackend(1).ops();

    private Map<String, Tensor> vec(double... v) {
        return Map.of("w", ops.fromArray(DType.F64, Shape.of(v.length), v));
    }

    private double[] run(Optimizer opt, double[] p0, double[][] grads, double lr) {
        Map<String, Tensor> p = vec(p0);
        for (double[] g : grads) {
            p = opt.step(ops, p, vec(g), lr);
        }
        return p.get("w").toDoubleArray();
    }

    @Test
    void plainSgd() {
        double[] p = run(Optimizers.sgd(0, false), new double[] {1, -2}, new double[][] {{0.5, -1}, {1, 1}}, 0.1);
        assertArrayEquals(new double[] {1 - 0.05 - 0.1, -2 + 0.1 - 0.1}, p, 1e-15);
    }

    @Test
    void heavyBallMomentum() {
        // v1 = g1 = 1, p1 = 1 - 0.1 = 0.9; v2 = 0.9 * 1 + 2 = 2.9, p2 = 0.9 - 0.29 = 0.61
        double[] p = run(Optimizers.sgd(0.9, false), new double[] {1}, new double[][] {{1}, {2}}, 0.1);
        assertArrayEquals(new double[] {0.61}, p, 1e-15);
    }

    @Test
    void nesterovMomentum() {
        // v1 = 1, p1 = 1 - 0.1 (1 + 0.9) = 0.81; v2 = 2.9, p2 = 0.81 - 0.1 (2 + 2.61) = 0.349
        double[] p = run(Optimizers.sgd(0.9, true), new double[] {1}, new double[][] {{1}, {2}}, 0.1);
        assertArrayEquals(new double[] {0.349}, p, 1e-14);
    }

    @Test
    void adamFollowsAlgorithmOne() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double lr = 0.01;
        double p = 0.5;
        double m = 0;
        double v = 0;
        double[] gs = {0.3, -0.2, 0.7};
        for (int t = 1; t <= gs.length; t++) {
            m = b1 * m + (1 - b1) * gs[t - 1];
            v = b2 * v + (1 - b2) * gs[t - 1] * gs[t - 1];
            p -= lr * (m / (1 - Math.pow(b1, t))) / (Math.sqrt(v / (1 - Math.pow(b2, t))) + eps);
        }
        double[] got = run(Optimizers.adam(b1, b2, eps), new double[] {0.5}, new double[][] {{0.3}, {-0.2}, {0.7}}, lr);
        assertEquals(p, got[0], 1e-14);
        // The first Adam step moves every coordinate by lr, whatever the gradient's size.
        double[] first = run(Optimizers.adam(b1, b2, eps), new double[] {0, 0}, new double[][] {{0.5, -50}}, lr);
        assertArrayEquals(new double[] {-lr, lr}, first, 1e-9);
    }

    @Test
    void rmsPropAndZeroGradients() {
        // s1 = 0.1 * 4 = 0.4, p1 = 1 - 0.1 * 2 / (sqrt(0.4) + 1e-8)
        double expected = 1 - 0.1 * 2 / (Math.sqrt(0.4) + 1e-8);
        double[] got = run(Optimizers.rmsprop(0.9, 1e-8), new double[] {1, 3}, new double[][] {{2, 0}}, 0.1);
        assertArrayEquals(new double[] {expected, 3}, got, 1e-14);
    }

    @Test
    void createdByIdFromHyperparameters() {
        Hyperparameters h = TrainingSchema.common()
                .validate(Map.of("optimizer", "sgd", "momentum", "0.9", "nesterov", "true"), "trainer.").get();
        Optimizer sgd = Optimizers.of(h);
        assertEquals("sgd", sgd.id());
        double[] p = run(sgd, new double[] {1}, new double[][] {{1}, {2}}, 0.1);
        assertArrayEquals(new double[] {0.349}, p, 1e-14);
        assertEquals("rmsprop", Optimizers.of(Hyperparameters.of(Map.of("optimizer", "rmsprop"))).id());
        assertEquals("adam", Optimizers.of(Hyperparameters.empty()).id());
    }
}
