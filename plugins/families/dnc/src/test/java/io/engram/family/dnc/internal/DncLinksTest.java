package io.engram.family.dnc.internal;

import io.engram.layers.MemoryAccess;
import static io.engram.family.dnc.internal.DncAllocationTest.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Link matrix, precedence, directional and read weightings, memory writes and reads (Graves et al. 2016) by hand. */
class DncLinksTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private static final double TOLERANCE = 1e-12;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void threeWritesInTurnLinkEachSlotToItsPredecessor() {
        Tensor link = t(1, 3, 3, new double[9]);
        Tensor precedence = t(1, 1, 3, 0, 0, 0);
        for (int slot = 0; slot < 3; slot++) {
            double[] w = new double[3];
            w[slot] = 1;
            Tensor write = t(1, 1, 3, w);
            link = DncLinks.link(OPS, link, write, precedence);
            precedence = DncLinks.precedence(OPS, precedence, write);
        }
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, link.toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {0, 0, 1}, precedence.toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {0, 1, 0}, DncLinks.forward(OPS, link, t(1, 1, 3, 1, 0, 0)).toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {0, 1, 0}, DncLinks.backward(OPS, link, t(1, 1, 3, 0, 0, 1)).toDoubleArray(), TOLERANCE);
    }

    @Test
    void fractionalWritesUpdateLinksAndPrecedence() {
        Tensor previous = t(1, 3, 3, 0, 0.2, 0.3, 0.4, 0, 0.1, 0.5, 0.6, 0);
        Tensor write = t(1, 1, 3, 0.5, 0.25, 0);
        Tensor precedence = t(1, 1, 3, 0.2, 0.3, 0.1);
        Tensor link = DncLinks.link(OPS, previous, write, precedence);
        assertArrayEquals(new double[] {0, 0.2, 0.2, 0.15, 0, 0.1, 0.25, 0.45, 0}, link.toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {0.55, 0.325, 0.025},
                DncLinks.precedence(OPS, precedence, write).toDoubleArray(), TOLERANCE);
        Tensor reads = t(1, 1, 3, 0.2, 0.8, 0);
        Tensor forward = DncLinks.forward(OPS, link, reads);
        Tensor backward = DncLinks.backward(OPS, link, reads);
        assertArrayEquals(new double[] {0.16, 0.03, 0.41}, forward.toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {0.12, 0.04, 0.12}, backward.toDoubleArray(), TOLERANCE);
        Tensor mixed = DncLinks.reads(OPS, t(1, 1, 3, 0.2, 0.5, 0.3), backward, t(1, 1, 3, 0.1, 0.6, 0.3), forward);
        assertArrayEquals(new double[] {0.122, 0.317, 0.297}, mixed.toDoubleArray(), TOLERANCE);
    }

    @Test
    void writeErasesThenAddsAndReadMixesRows() {
        Tensor written = MemoryAccess.write(OPS, t(1, 2, 2, 1, 2, 3, 4), t(1, 1, 2, 0.5, 1), t(1, 1, 2, 1, 0.5),
                t(1, 1, 2, 2, -1));
        assertArrayEquals(new double[] {1.5, 1, 2, 1}, written.toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {1.875, 1}, MemoryAccess.read(OPS, written, t(1, 1, 2, 0.25, 0.75)).toDoubleArray(), TOLERANCE);
    }

    @Test
    void contentWeightingIsASoftmaxOfScaledCosines() {
        Tensor memory = t(1, 3, 2, 1, 0, 0, 1, 1, 1);
        Tensor got = MemoryAccess.content(OPS, memory, t(1, 1, 2, 2, 0), t(1, 1, 1, 2));
        double[] e = {Math.exp(2), 1, Math.exp(2 / Math.sqrt(2))};
        double total = e[0] + e[1] + e[2];
        assertArrayEquals(new double[] {e[0] / total, e[1] / total, e[2] / total}, got.toDoubleArray(), 1e-7);
    }
}
