package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.backend.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SequenceOutputsTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    /** A running-sum network over 70 sequences of lengths 1..9: two batches, padding dropped. */
    @Test
    void outputsPerSequenceInOrderWithoutThePadding() {
        SplittableRandom r = new SplittableRandom(12);
        List<Sequence> sequences = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            int length = 1 + r.nextInt(9);
            double[][] x = new double[length][1];
            for (int t = 0; t < length; t++) {
                x[t][0] = r.nextInt(-5, 6);
            }
            sequences.add(Sequence.perStep(x, new double[length][1]));
        }
        List<double[][]> outputs = SequenceOutputs.of(StackedNetworkTest.runningSum(), BACKEND.ops(),
                new Dataset(sequences, 1, 1));
        assertEquals(70, outputs.size());
        for (int i = 0; i < 70; i++) {
            double[][] x = sequences.get(i).inputs();
            assertEquals(x.length, outputs.get(i).length, "steps of sequence " + i);
            double sum = 0;
            for (int t = 0; t < x.length; t++) {
                sum += x[t][0];
                assertArrayEquals(new double[] {sum}, outputs.get(i)[t], 0.0, "sequence " + i + " step " + t);
            }
        }
    }

    @Test
    void softmaxIsShiftInvariantAndSumsToOne() {
        double[] p = SequenceOutputs.softmax(new double[] {1000, 1001, 1002});
        double e = Math.exp(1);
        double z = 1 + e + e * e;
        assertArrayEquals(new double[] {1 / z, e / z, e * e / z}, p, 1e-15);
    }
}
