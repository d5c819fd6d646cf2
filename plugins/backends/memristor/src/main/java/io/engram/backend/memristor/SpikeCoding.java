package io.engram.backend.memristor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Spike codes for the neuromorphic mode: a vector of values in {@code [0, 1]} (values outside are
 * clipped) becomes a train of {@code steps} time steps of binary spikes per element, and back. Both
 * codes are as compared in Guo, Fouda, Eltawil and Salama, "Neural coding in spiking neural
 * networks: a comparative study for robust neuromorphic systems", Frontiers in Neuroscience 15,
 * 638474 (2021), sec. 2:
 * <pre>
 *   rate                 spike_t,i ~ Bernoulli(v_i) independently at each step;   v_i' = (1/T) sum_t spike_t,i
 *   time to first spike  one spike at t_i = round((1 - v_i)(T - 1)), none for v_i = 0;
 *                        v_i' = 1 - t_i / (T - 1), 0 without a spike
 * </pre>
 * Rate decoding is unbiased with standard deviation {@code sqrt(v(1-v)/T)}; first-spike decoding
 * errs by at most {@code 1/(2(T-1))} and uses at most one spike per element. The energy of a train
 * is its spike count times an energy per spike that the caller supplies (it depends on the
 * hardware; none is assumed here). Stateless and thread-safe; rate encoding draws only from its seed.
 */
public final class SpikeCoding {

    private SpikeCoding() {
    }

    /**
     * Spike trains: {@code spike(t, i)} for {@code steps} steps of {@code size} elements.
     *
     * @param steps  time steps
     * @param size   elements
     * @param spikes row-major {@code [steps, size]}; owned by the record, not to be modified
     */
    public record Spikes(int steps, int size, boolean[] spikes) {

        public Spikes {
            if (spikes.length != steps * size) {
                throw new IllegalArgumentException(spikes.length + " spikes for " + steps + " steps of " + size);
            }
        }

        /** Whether element {@code i} spikes at step {@code t}. */
        public boolean spike(int t, int i) {
            return spikes[t * size + i];
        }

        /** Number of spikes in the train. */
        public long count() {
            long n = 0;
            for (boolean s : spikes) {
                n += s ? 1 : 0;
            }
            return n;
        }

        /** {@link #count()} times {@code joulesPerSpike}. */
        public double energyJoules(double joulesPerSpike) {
            return count() * joulesPerSpike;
        }
    }

    /** Rate code of {@code values} over {@code steps} steps, drawn from {@code seed}. */
    public static Spikes rateEncode(double[] values, int steps, long seed) {
        requireSteps(steps, 1);
        SplittableRandom random = new SplittableRandom(seed);
        int n = values.length;
        boolean[] s = new boolean[steps * n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                s[t * n + i] = random.nextDouble() < clip(values[i]);
            }
        }
        return new Spikes(steps, n, s);
    }

    /** The spike rate of each element: spikes over steps. */
    public static double[] rateDecode(Spikes spikes) {
        double[] v = new double[spikes.size()];
        for (int t = 0; t < spikes.steps(); t++) {
            for (int i = 0; i < spikes.size(); i++) {
                v[i] += spikes.spike(t, i) ? 1 : 0;
            }
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= spikes.steps();
        }
        return v;
    }

    /** Time-to-first-spike code of {@code values} over {@code steps >= 2} steps. */
    public static Spikes firstSpikeEncode(double[] values, int steps) {
        requireSteps(steps, 2);
        int n = values.length;
        boolean[] s = new boolean[steps * n];
        for (int i = 0; i < n; i++) {
            double v = clip(values[i]);
            if (v > 0) {
                int t = (int) Math.rint((1 - v) * (steps - 1));
                s[t * n + i] = true;
            }
        }
        return new Spikes(steps, n, s);
    }

    /** The value of each element from the time of its first spike; 0 for an element that never spikes. */
    public static double[] firstSpikeDecode(Spikes spikes) {
        requireSteps(spikes.steps(), 2);
        double[] v = new double[spikes.size()];
        Arrays.fill(v, 0);
        for (int i = 0; i < spikes.size(); i++) {
            for (int t = 0; t < spikes.steps(); t++) {
                if (spikes.spike(t, i)) {
                    v[i] = 1 - (double) t / (spikes.steps() - 1);
                    break;
                }
            }
        }
        return v;
    }

    private static double clip(double v) {
        return Double.isNaN(v) ? 0 : Math.min(1, Math.max(0, v));
    }

    private static void requireSteps(int steps, int least) {
        if (steps < least) {
            throw new IllegalArgumentException("spike trains need at least " + least + " steps, got " + steps);
        }
    }
}
