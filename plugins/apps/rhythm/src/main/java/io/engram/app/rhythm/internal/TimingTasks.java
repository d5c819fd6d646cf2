package io.engram.app.rhythm.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The precise-timing tasks of Gers, Schraudolph and Schmidhuber (2002, section 4), generated from a
 * seed. One input channel carries spikes (1 at a spike, 0 elsewhere); the interval {@code T} of each
 * sequence is drawn uniformly from {@code [minInterval, maxInterval]}.
 * <ul>
 *   <li>{@code msd}, measuring spike delays: after a random lead of 0 to {@code offset} silent steps
 *   come two spikes {@code T} steps apart; the sequence ends at the second, where the target is the
 *   interval's class ({@code T - minInterval}, one-hot, loss {@code softmax-ce}). Telling {@code T}
 *   apart from {@code T - 1} needs a clock that counts exactly.</li>
 *   <li>{@code gts}, generating timed spikes: two cue spikes at steps 0 and {@code T} set the
 *   interval; then, with no further input, the network must spike (output 1) at steps {@code kT} for
 *   {@code k = 2 .. spikes + 1} and stay silent (0) at every other step after the cue (loss
 *   {@code mse}). With {@code minInterval = maxInterval} this is the paper's fixed-period spike
 *   generation, the interval learnt rather than measured.</li>
 * </ul>
 * Stateless.
 */
final class TimingTasks {
    private TimingTasks() {
    }

    /** {@code count} sequences of the measuring task. */
    static Dataset msd(SplittableRandom r, int count, int min, int max, int offset) {
        List<Sequence> seqs = new ArrayList<>(count);
        int classes = max - min + 1;
        for (int i = 0; i < count; i++) {
            int interval = min + r.nextInt(classes);
            int lead = r.nextInt(offset + 1);
            int len = lead + interval + 1;
            double[][] x = new double[len][1];
            double[][] y = new double[len][classes];
            boolean[] mask = new boolean[len];
            x[lead][0] = 1;
            x[len - 1][0] = 1;
            y[len - 1][interval - min] = 1;
            mask[len - 1] = true;
            seqs.add(new Sequence(x, y, mask));
        }
        return new Dataset(seqs, 1, classes);
    }

    /** {@code count} sequences of the generating task, each asking for {@code spikes} spikes. */
    static Dataset gts(SplittableRandom r, int count, int min, int max, int spikes) {
        List<Sequence> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int interval = min + r.nextInt(max - min + 1);
            int len = (spikes + 1) * interval + 1;
            double[][] x = new double[len][1];
            double[][] y = new double[len][1];
            boolean[] mask = new boolean[len];
            x[0][0] = 1;
            x[interval][0] = 1;
            for (int t = interval + 1; t < len; t++) {
                mask[t] = true;
                y[t][0] = t % interval == 0 ? 1 : 0;
            }
            seqs.add(new Sequence(x, y, mask));
        }
        return new Dataset(seqs, 1, 1);
    }

    /** The interval of a sequence of either task, read back from its input spikes. */
    static int interval(Sequence s) {
        int first = -1;
        for (int t = 0; t < s.length(); t++) {
            if (s.input(t, 0) > 0.5) {
                if (first >= 0) {
                    return t - first;
                }
                first = t;
            }
        }
        throw new IllegalArgumentException("a sequence with fewer than two input spikes");
    }
}
