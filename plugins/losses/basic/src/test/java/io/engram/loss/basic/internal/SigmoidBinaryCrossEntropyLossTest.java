package io.engram.loss.basic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.engram.autodiff.Tape;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SigmoidBinaryCrossEntropyLossTest {
    private final Ops ops = new CpuBackend(1).ops();
    private final SigmoidBinaryCrossEntropyLoss bce = new SigmoidBinaryCrossEntropyLoss();
    /** Three rows of two outputs; the third row is masked. */
    private final double[] targets = {1, 0, 0, 1, 1, 1};
    private final double[] mask = {1, 1, 0};

    private double value(double[] y) {
        return bce.loss(ops, ops.fromArray(DType.F64, Shape.of(3, 2), y), ops.fromArray(DType.F64, Shape.of(3, 2), targets),
                ops.fromArray(DType.F64, Shape.of(3, 1), mask)).item();
    }

    private static double bce(double y, double t) {
        double p = 1 / (1 + Math.exp(-y));
        return -t * Math.log(p) - (1 - t) * Math.log(1 - p);
    }

    @Test
    void sumsTheBinaryCrossEntropyOfEveryOutputOfTheTargetRows() {
        assertEquals("sigmoid-bce", bce.id());
        assertFalse(bce.readsSoftmax());
        double[] y = {2.0, -1.0, 0.5, 3.0, Double.NaN, Double.POSITIVE_INFINITY};
        double expected = bce(2.0, 1) + bce(-1.0, 0) + bce(0.5, 0) + bce(3.0, 1);
        assertEquals(expected, value(y), 1e-12);
        // at y = 0 every term is log 2
        assertEquals(4 * Math.log(2), value(new double[] {0, 0, 0, 0, 5, 5}), 1e-12);
    }

    @Test
    void staysFiniteForLargeScores() {
        // y = -800 with t = 1 costs 800; y = 800 with t = 0 costs 800; the naive log(sigmoid) would be -inf
        assertEquals(1600.0, value(new double[] {-800, 800, -800, 800, 0, 0}), 1e-9);
    }

    @Test
    void gradientMatchesCentralDifferencesAndIsZeroOnMaskedRows() {
        double[] y = {0.7, -1.3, 2.1, -0.2, Double.NaN, 4.0};
        Tape tape = new Tape(ops);
        Tensor leaf = tape.leaf(ops.fromArray(DType.F64, Shape.of(3, 2), y));
        Tensor loss = bce.loss(tape, leaf, tape.fromArray(DType.F64, Shape.of(3, 2), targets),
                tape.fromArray(DType.F64, Shape.of(3, 1), mask));
        double[] g = tape.backward(loss).of(leaf).toDoubleArray();
        for (int i = 0; i < 4; i++) {
            double[] plus = y.clone();
            double[] minus = y.clone();
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            double numeric = (value(plus) - value(minus)) / 2e-6;
            assertEquals(numeric, g[i], 1e-7, "output " + i);
            // d/dy = sigmoid(y) - t
            assertEquals(1 / (1 + Math.exp(-y[i])) - targets[i], g[i], 1e-12, "output " + i);
        }
        assertEquals(0.0, g[4]);
        assertEquals(0.0, g[5]);
    }
}
