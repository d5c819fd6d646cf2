package io.engram.app.series.internal;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a series {@code s} into next-step prediction sets: at step {@code t} the input is {@code s(t)}
 * and the target {@code s(t + 1)}. Two protocols:
 * <ul>
 *   <li>{@code trials} (Jaeger and Haas 2004): training is one sequence of {@code train.length}
 *   steps; the test set is {@code test.trials} disjoint sequences that follow it, each
 *   {@code test.warmup + horizon - 1} steps long, with targets only on their last {@code horizon}
 *   steps: the network is driven by the true series through step {@code test.warmup - 1}, then runs
 *   free, and its output at the last step predicts {@code horizon} steps past the last true input
 *   ({@link SeriesMetrics}).</li>
 *   <li>{@code split} (ReservoirPy's README): the {@code length - 1} input-target pairs of a series of
 *   {@code length} samples; training is the first {@code 1 - test.fraction} of them, the test set one
 *   sequence of all of them with targets only on the last {@code test.fraction}, so that the
 *   network reaches the test part in the state the training part left it in.</li>
 * </ul>
 * Stateless.
 */
final class SeriesLayout {
    private SeriesLayout() {
    }

    /** Samples of the series the protocol needs. */
    static int samples(Hyperparameters p) {
        if (p.getString("protocol").equals("split")) {
            return p.getInt("length");
        }
        long n = p.getInt("train.length") + 1L
                + (long) p.getInt("test.trials") * (p.getInt("test.warmup") + p.getInt("horizon"));
        if (n > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("data.test.trials: the series would need " + n + " samples");
        }
        return (int) n;
    }

    /** {@code [train, test]} of the series {@code s} under the protocol of {@code p}. */
    static List<Dataset> cut(double[] s, Hyperparameters p) {
        if (p.getString("protocol").equals("split")) {
            int pairs = s.length - 1;
            int test = (int) Math.round(pairs * p.getDouble("test.fraction"));
            Dataset train = new Dataset(List.of(segment(s, 0, pairs - test, p.getInt("train.washout"))), 1, 1);
            Dataset tests = test == 0 ? new Dataset(List.of(), 1, 1)
                    : new Dataset(List.of(segment(s, 0, pairs, pairs - test)), 1, 1);
            return List.of(train, tests);
        }
        int length = p.getInt("train.length");
        int warmup = p.getInt("test.warmup");
        int horizon = p.getInt("horizon");
        List<Sequence> trials = new ArrayList<>();
        for (int k = 0; k < p.getInt("test.trials"); k++) {
            int start = length + 1 + k * (warmup + horizon);
            trials.add(segment(s, start, warmup + horizon - 1, warmup - 1));
        }
        return List.of(new Dataset(List.of(segment(s, 0, length, p.getInt("train.washout"))), 1, 1), new Dataset(trials, 1, 1));
    }

    /** Steps {@code from .. from + steps - 1} as inputs, the next values as targets, targets from {@code targetFrom} on. */
    private static Sequence segment(double[] s, int from, int steps, int targetFrom) {
        double[][] x = new double[steps][1];
        double[][] y = new double[steps][1];
        boolean[] mask = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            x[t][0] = s[from + t];
            y[t][0] = s[from + t + 1];
            mask[t] = t >= targetFrom;
        }
        return new Sequence(x, y, mask);
    }
}
