package io.engram.family.hopfield.internal;

import io.engram.api.ModelSpec;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import java.util.Map;
import java.util.SplittableRandom;

/** Helpers of the Hopfield tests: seeded bipolar patterns, noisy cues and recall errors. */
final class Memories {
    static final ReferenceBackend BACKEND = new ReferenceBackend();
    static final Ops OPS = BACKEND.ops();

    private Memories() {
    }

    static HopfieldNetwork network(int n, String update) {
        var hyper = HopfieldFamily.SCHEMA.validate(Map.of("units", "" + n, "update", update), "model.").get();
        return (HopfieldNetwork) new HopfieldFamily().create(new ModelSpec("hopfield", n, n, DType.F64, hyper), BACKEND, 0);
    }

    static double[] random(int count, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[count * n];
        for (int k = 0; k < p.length; k++) {
            p[k] = r.nextBoolean() ? 1 : -1;
        }
        return p;
    }

    /** The patterns with {@code round(fraction * n)} distinct units of each flipped. */
    static double[] flipped(double[] patterns, int n, double fraction, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] cue = patterns.clone();
        int flips = (int) Math.round(fraction * n);
        for (int off = 0; off < cue.length; off += n) {
            int[] order = java.util.stream.IntStream.range(0, n).toArray();
            for (int k = 0; k < flips; k++) {
                int j = k + r.nextInt(n - k);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
                cue[off + order[k]] *= -1;
            }
        }
        return cue;
    }

    static Tensor tensor(double[] rows, int n) {
        return OPS.fromArray(DType.F64, Shape.of(rows.length / n, n), rows);
    }

    /** Fraction of units of {@code recalled} that differ from {@code patterns}. */
    static double bitError(double[] patterns, double[] recalled) {
        int wrong = 0;
        for (int k = 0; k < patterns.length; k++) {
            wrong += patterns[k] != recalled[k] ? 1 : 0;
        }
        return wrong / (double) patterns.length;
    }

    /** Fraction of patterns recalled without a wrong unit. */
    static double exact(double[] patterns, double[] recalled, int n) {
        int ok = 0;
        for (int off = 0; off < patterns.length; off += n) {
            ok += java.util.Arrays.equals(patterns, off, off + n, recalled, off, off + n) ? 1 : 0;
        }
        return ok / (double) (patterns.length / n);
    }

    /** Bit error of the patterns recalled from themselves after storing {@code load * n} of them by {@code rule}. */
    static double stability(String rule, int n, double load, long seed) {
        HopfieldNetwork net = network(n, HopfieldFamily.ASYNCHRONOUS);
        int p = (int) Math.round(load * n);
        double[] xi = random(p, n, seed);
        net.store(OPS, rule, tensor(xi, n));
        return bitError(xi, net.recall(OPS, tensor(xi, n), 100).toDoubleArray());
    }

}
