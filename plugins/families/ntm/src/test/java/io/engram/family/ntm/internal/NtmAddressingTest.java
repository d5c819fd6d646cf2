package io.engram.family.ntm.internal;

import io.engram.layers.MemoryAccess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Eqs. 2-9 of Graves, Wayne and Danihelka (2014) against weights computed by hand. */
class NtmAddressingTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private static final double TOLERANCE = 1e-7;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static Tensor t(int b, int rows, int cols, double... v) {
        return OPS.fromArray(DType.F64, Shape.of(b, rows, cols), v);
    }

    @Test
    void contentWeightsAreASoftmaxOfScaledCosines() {
        Tensor memory = t(2, 3, 2, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        Tensor key = t(2, 1, 2, 2, 0, 0, -3);
        Tensor beta = t(2, 1, 1, 2, 1);
        double[] first = softmax(2 * 1, 2 * 0, 2 / Math.sqrt(2));
        double[] second = softmax(0, -1, -1 / Math.sqrt(2));
        double[] got = MemoryAccess.content(OPS, memory, key, beta).toDoubleArray();
        assertArrayEquals(concat(first, second), got, TOLERANCE);
    }

    @Test
    void theGateInterpolatesWithThePreviousWeighting() {
        Tensor got = NtmAddressing.interpolate(OPS, t(1, 1, 3, 0.2, 0.3, 0.5), t(1, 1, 3, 1, 0, 0), t(1, 1, 1, 0.25));
        assertArrayEquals(new double[] {0.8, 0.075, 0.125}, got.toDoubleArray(), TOLERANCE);
    }

    @Test
    void theShiftIsACircularConvolution() {
        Tensor w = t(1, 1, 4, 0.1, 0.2, 0.3, 0.4);
        Tensor s = t(1, 1, 3, 0.2, 0.5, 0.3);
        // w~(i) = 0.3 w(i-1) + 0.5 w(i) + 0.2 w(i+1), indices mod 4
        assertArrayEquals(new double[] {0.21, 0.19, 0.29, 0.31}, NtmAddressing.shift(OPS, w, s).toDoubleArray(), TOLERANCE);
        Tensor lastRow = t(1, 1, 4, 0, 0, 0, 1);
        assertArrayEquals(new double[] {1, 0, 0, 0},
                NtmAddressing.shift(OPS, lastRow, t(1, 1, 3, 0, 0, 1)).toDoubleArray(), TOLERANCE, "+1 wraps around");
        assertArrayEquals(new double[] {0, 0, 1, 0},
                NtmAddressing.shift(OPS, lastRow, t(1, 1, 3, 1, 0, 0)).toDoubleArray(), TOLERANCE, "-1");
    }

    @Test
    void sharpeningRaisesToGammaAndNormalises() {
        Tensor got = NtmAddressing.sharpen(OPS, t(1, 2, 3, 0.5, 0.25, 0.25, 0.2, 0.3, 0.5), t(1, 2, 1, 2, 1));
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 6, 1.0 / 6, 0.2, 0.3, 0.5}, got.toDoubleArray(), TOLERANCE);
    }

    @Test
    void theFourStagesCompose() {
        Tensor memory = t(1, 3, 2, 1, 0, 0, 1, 1, 1);
        double[] wc = softmax(3 * 1, 0, 3 / Math.sqrt(2));
        double g = 0.6;
        double[] wg = {g * wc[0] + (1 - g) * 0, g * wc[1] + (1 - g) * 1, g * wc[2]};
        double[] shifted = {wg[2], wg[0], wg[1]};
        double total = 0;
        for (double v : shifted) {
            total += v * v * v;
        }
        double[] expected = {shifted[0] * shifted[0] * shifted[0] / total, shifted[1] * shifted[1] * shifted[1] / total,
                shifted[2] * shifted[2] * shifted[2] / total};
        Tensor got = NtmAddressing.weights(OPS, memory, t(1, 1, 2, 1, 0), t(1, 1, 1, 3), t(1, 1, 1, g),
                t(1, 1, 3, 0, 0, 1), t(1, 1, 1, 3), t(1, 1, 3, 0, 1, 0));
        assertArrayEquals(expected, got.toDoubleArray(), 1e-6);
    }

    @Test
    void writeErasesThenAddsAndReadMixesRows() {
        Tensor memory = t(1, 2, 2, 1, 2, 3, 4);
        Tensor written = MemoryAccess.write(OPS, memory, t(1, 1, 2, 1, 0), t(1, 1, 2, 1, 0), t(1, 1, 2, 0.5, 0.5));
        assertArrayEquals(new double[] {0.5, 2.5, 3, 4}, written.toDoubleArray(), TOLERANCE);
        Tensor two = MemoryAccess.write(OPS, memory, t(1, 2, 2, 0.5, 0, 0.5, 1), t(1, 2, 2, 1, 0, 0, 1),
                t(1, 2, 2, 0, 0, 1, 1));
        // row 0: [1*(1-0.5), 2*(1-0.5)] + 0.5*[1,1]; row 1: [3, 4*(1-1)] + 1*[1,1]
        assertArrayEquals(new double[] {1.0, 1.5, 4, 1}, two.toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {2.375, 3.625},
                MemoryAccess.read(OPS, written, t(1, 1, 2, 0.25, 0.75)).toDoubleArray(), TOLERANCE);
    }

    private static double[] softmax(double... z) {
        double total = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i]);
            total += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= total;
        }
        return e;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
