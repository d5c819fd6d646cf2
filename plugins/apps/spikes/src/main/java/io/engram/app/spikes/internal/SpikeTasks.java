package io.engram.app.spikes.internal;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The two tasks on spike trains, from validated parameters. Stateless.
 * <ul>
 *   <li>{@code templates}: {@code classes} Poisson templates of {@code duration} bins; a sample is a
 *   jittered copy of one template, the target its class (one-hot) at each of the last
 *   {@code target.steps} bins.</li>
 *   <li>{@code memory}: a sample is {@code segments} segments of {@code segment.length} bins, each a
 *   jittered copy of one of {@code classes} segment templates drawn at random; at the last bin of
 *   segment {@code s >= delay} the target is the class of segment {@code s - delay}: the readout must
 *   recall what came in {@code delay} segments ago.</li>
 * </ul>
 */
final class SpikeTasks {
    private SpikeTasks() {
    }

    /** The templates of every class, drawn first from {@code r} so that all sets share them. */
    static double[][][] templates(SplittableRandom r, Hyperparameters p) {
        int bins = "memory".equals(p.getString("task")) ? p.getInt("segment.length") : p.getInt("duration");
        double[][][] t = new double[p.getInt("classes")][][];
        for (int k = 0; k < t.length; k++) {
            t[k] = SpikeTrains.poisson(r, bins, p.getInt("channels"), p.getDouble("rate"), p.getDouble("step.ms"));
        }
        return t;
    }

    /** {@code count} samples of the task. */
    static Dataset samples(SplittableRandom r, Hyperparameters p, double[][][] templates, int count) {
        List<Sequence> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seqs.add("memory".equals(p.getString("task")) ? memory(r, p, templates) : template(r, p, templates));
        }
        return new Dataset(seqs, p.getInt("channels"), templates.length);
    }

    private static Sequence template(SplittableRandom r, Hyperparameters p, double[][][] templates) {
        int k = r.nextInt(templates.length);
        double[][] x = SpikeTrains.jittered(r, templates[k], p.getDouble("jitter"), p.getDouble("step.ms"));
        double[][] y = new double[x.length][templates.length];
        boolean[] mask = new boolean[x.length];
        for (int t = Math.max(0, x.length - p.getInt("target.steps")); t < x.length; t++) {
            y[t][k] = 1;
            mask[t] = true;
        }
        return new Sequence(x, y, mask);
    }

    private static Sequence memory(SplittableRandom r, Hyperparameters p, double[][][] templates) {
        int segments = p.getInt("segments");
        int len = p.getInt("segment.length");
        int delay = p.getInt("delay");
        int[] cls = new int[segments];
        double[][] x = new double[segments * len][];
        for (int s = 0; s < segments; s++) {
            cls[s] = r.nextInt(templates.length);
            double[][] seg = SpikeTrains.jittered(r, templates[cls[s]], p.getDouble("jitter"), p.getDouble("step.ms"));
            System.arraycopy(seg, 0, x, s * len, len);
        }
        double[][] y = new double[x.length][templates.length];
        boolean[] mask = new boolean[x.length];
        for (int s = delay; s < segments; s++) {
            int t = (s + 1) * len - 1;
            y[t][cls[s - delay]] = 1;
            mask[t] = true;
        }
        return new Sequence(x, y, mask);
    }
}
