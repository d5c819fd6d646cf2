package io.engram.family.bam.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.ModelSpec;
import io.engram.api.Hyperparameters;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Kosko's BAM: pairs recalled from noisy cues in both directions, recall error growing with the
 * number of pairs stored, and energy descent along recall.
 */
class BamRecallTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static final Ops OPS = BACKEND.ops();
    private static final int N = 100;
    private static final int M = 80;

    private static BamNetwork network(int n, int m) {
        return (BamNetwork) new BamFamily().create(new ModelSpec("bam", n, m, DType.F64, Hyperparameters.empty()),
                BACKEND, 0);
    }

    @Test
    void pairsAreRecalledFromNoisyCuesInBothDirections() {
        BamNetwork net = network(N, M);
        double[] pairs = random(5, N + M, 1);
        net.store(OPS, BamNetwork.HEBBIAN, tensor(pairs, 5));
        double[] forward = recall(net, pairs, 5, true, 0.1, 2);
        double[] backward = recall(net, pairs, 5, false, 0.1, 3);
        assertArrayEquals(pairs, forward, "x with 10% flipped recalls its y, and x itself");
        assertArrayEquals(pairs, backward, "y with 10% flipped recalls its x, and y itself");
    }

    @Test
    void recallErrorGrowsWithThePairsStored() {
        int[] counts = {2, 5, 10, 20, 40};
        double[] error = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            BamNetwork net = network(N, M);
            double[] pairs = random(counts[k], N + M, 10 + k);
            net.store(OPS, BamNetwork.HEBBIAN, tensor(pairs, counts[k]));
            double[] recalled = recall(net, pairs, counts[k], true, 0.1, 20 + k);
            error[k] = yError(pairs, recalled, counts[k]);
            System.out.printf("bam %dx%d, %d pairs: y bit error from 10%% noisy x %.4f%n", N, M, counts[k], error[k]);
        }
        assertEquals(0.0, error[0], 0.0, "2 pairs");
        assertEquals(0.0, error[1], 0.0, "5 pairs");
        assertTrue(error[3] > error[1] && error[4] > error[3], "error rises with the pairs stored");
        assertTrue(error[4] > 0.1, "40 pairs in a 100x80 BAM are beyond its capacity: " + error[4]);
    }

    @Test
    void energyNeverIncreasesAlongRecall() {
        BamNetwork net = network(N, M);
        net.store(OPS, BamNetwork.HEBBIAN, tensor(random(20, N + M, 4), 20));
        double[] states = random(50, N + M, 5);
        Tensor cue = tensor(states, 50);
        double[] previous = net.energy(OPS, cue).toDoubleArray();
        for (int k = 1; k <= 10; k++) {
            double[] e = net.energy(OPS, net.recall(OPS, cue, k)).toDoubleArray();
            for (int r = 0; r < e.length; r++) {
                assertTrue(e[r] <= previous[r] + 1e-9, "state " + r + " step " + k + ": " + previous[r] + " -> " + e[r]);
            }
            previous = e;
        }
    }

    @Test
    void aCueOfXFollowedByZerosGivesItsPartnerAsOutput() {
        BamNetwork net = network(N, M);
        double[] pairs = random(4, N + M, 6);
        net.store(OPS, BamNetwork.HEBBIAN, tensor(pairs, 4));
        double[] x = new double[4 * N];
        for (int k = 0; k < 4; k++) {
            System.arraycopy(pairs, k * (N + M), x, k * N, N);
        }
        State s = net.initialState(OPS, 4);
        Step step = null;
        for (int t = 0; t < 3; t++) {
            Tensor in = t == 0 ? OPS.fromArray(DType.F64, Shape.of(4, N), x) : OPS.zeros(DType.F64, Shape.of(4, N));
            step = net.step(OPS, net.parameters(), in, s, StepContext.inference(t));
            s = step.state();
        }
        double[] y = step.output().toDoubleArray();
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < M; j++) {
                assertEquals(pairs[k * (N + M) + N + j], y[k * M + j], 0.0, "pair " + k + " y unit " + j);
            }
        }
    }

    @Test
    void storeRefusesAnUnknownRuleAndNonBipolarPairs() {
        BamNetwork net = network(3, 2);
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> net.store(OPS, "storkey", tensor(random(1, 5, 1), 1)));
        assertEquals("unknown storage rule 'storkey' (known: [hebbian])", rule.getMessage());
        double[] bad = random(2, 5, 1);
        bad[9] = 0;
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> net.store(OPS, BamNetwork.HEBBIAN, tensor(bad, 2)));
        assertEquals("pairs: pair 1 y unit 1 is 0.0, not -1 or +1", value.getMessage());
        assertArrayEquals(new double[6], net.parameters().get(BamNetwork.WEIGHTS).toDoubleArray());
    }

    /** Recall from the cues of each pair: one layer with {@code flip} of its bits flipped, the other zeros. */
    private static double[] recall(BamNetwork net, double[] pairs, int count, boolean fromX, double flip, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] cue = pairs.clone();
        for (int k = 0; k < count; k++) {
            int off = k * (N + M);
            int from = fromX ? 0 : N;
            int width = fromX ? N : M;
            int[] order = java.util.stream.IntStream.range(0, width).toArray();
            for (int f = 0; f < Math.round(flip * width); f++) {
                int j = f + r.nextInt(width - f);
                int t = order[f];
                order[f] = order[j];
                order[j] = t;
                cue[off + from + order[f]] *= -1;
            }
            java.util.Arrays.fill(cue, off + (fromX ? N : 0), off + (fromX ? N + M : N), 0);
        }
        return net.recall(OPS, tensor(cue, count), 50).toDoubleArray();
    }

    private static double yError(double[] pairs, double[] recalled, int count) {
        int wrong = 0;
        for (int k = 0; k < count; k++) {
            for (int j = 0; j < M; j++) {
                wrong += pairs[k * (N + M) + N + j] != recalled[k * (N + M) + N + j] ? 1 : 0;
            }
        }
        return wrong / (double) (count * M);
    }

    private static double[] random(int count, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[count * width];
        for (int k = 0; k < p.length; k++) {
            p[k] = r.nextBoolean() ? 1 : -1;
        }
        return p;
    }

    private static Tensor tensor(double[] rows, int count) {
        return OPS.fromArray(DType.F64, Shape.of(count, rows.length / count), rows);
    }
}
