package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random sequences for the tests of this package. */
final class Fixtures {

    private Fixtures() {
    }

    /** Sequences of the given lengths with random inputs and targets; every step has a target. */
    static Dataset dataset(long seed, int in, int out, int... lengths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> seqs = new ArrayList<>();
        for (int length : lengths) {
            double[][] x = new double[length][in];
            double[][] y = new double[length][out];
            for (int t = 0; t < length; t++) {
                for (int f = 0; f < in; f++) {
                    x[t][f] = r.nextDouble(-1, 1);
                }
                for (int o = 0; o < out; o++) {
                    y[t][o] = r.nextDouble(-1, 1);
                }
            }
            seqs.add(Sequence.perStep(x, y));
        }
        return new Dataset(seqs, in, out);
    }

    /** All sequences in one padded batch. */
    static Batch batch(long seed, int in, int out, int... lengths) {
        return dataset(seed, in, out, lengths).batches(lengths.length).get(0);
    }

    /** The same batch with large random values in the inputs and targets of padded steps. */
    static Batch garbageInPadding(Batch b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = b.inputs().clone();
        double[] y = b.targets().clone();
        for (int row = 0; row < b.time() * b.batch(); row++) {
            if (b.stepMask()[row] == 0) {
                for (int f = 0; f < b.inputSize(); f++) {
                    x[row * b.inputSize() + f] = r.nextDouble(-1e3, 1e3);
                }
                for (int o = 0; o < b.outputSize(); o++) {
                    y[row * b.outputSize() + o] = r.nextDouble(-1e3, 1e3);
                }
            }
        }
        return new Batch(b.time(), b.batch(), b.inputSize(), b.outputSize(), x, y, b.stepMask(), b.targetMask());
    }
}
