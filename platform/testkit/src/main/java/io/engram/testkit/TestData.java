package io.engram.testkit;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random sequence data for tests. */
public final class TestData {

    private TestData() {
    }

    /**
     * Sequences of the given lengths with inputs uniform in [-1, 1] and, at every step, a one-hot
     * target (usable with {@code mse} and {@code softmax-ce} alike). Same seed, same data.
     */
    public static Dataset random(long seed, int inputSize, int outputSize, int... lengths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> seqs = new ArrayList<>();
        for (int length : lengths) {
            double[][] x = new double[length][inputSize];
            double[][] y = new double[length][outputSize];
            for (int t = 0; t < length; t++) {
                for (int f = 0; f < inputSize; f++) {
                    x[t][f] = r.nextDouble(-1, 1);
                }
                y[t][r.nextInt(outputSize)] = 1.0;
            }
            seqs.add(Sequence.perStep(x, y));
        }
        return new Dataset(seqs, inputSize, outputSize);
    }

    /** All sequences of {@code data} in one padded batch. */
    public static Batch oneBatch(Dataset data) {
        return data.batches(Math.max(1, data.size())).get(0);
    }

    /**
     * The same batch with large random values in the inputs and targets of padded steps (step mask
     * 0), which must change nothing.
     */
    public static Batch garbageInPadding(Batch b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = b.inputs().clone();
        double[] y = b.targets().clone();
        for (int row = 0; row < b.time() * b.batch(); row++) {
            if (b.stepMask()[row] == 0) {
                for (int f = 0; f < b.inputSize(); f++) {
                    x[row * b.inputSize() + f] = r.nextDouble(-100, 100);
                }
                for (int o = 0; o < b.outputSize(); o++) {
                    y[row * b.outputSize() + o] = r.nextDouble(-100, 100);
                }
            }
        }
        return new Batch(b.time(), b.batch(), b.inputSize(), b.outputSize(), x, y, b.stepMask(), b.targetMask(),
                b.labels());
    }
}
