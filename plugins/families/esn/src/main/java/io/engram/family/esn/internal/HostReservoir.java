package io.engram.family.esn.internal;

import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * The recurrence of {@link EsnCell} run on the host in f64 with the reservoir matrix held sparse,
 * for the readout's feature rows: a step costs {@code batch * (nonzeros + N)} multiply-adds rather
 * than the {@code batch * N^2} of a dense product, and nothing is allocated per step. At the
 * usual connectivities (1% to 10%) this is ten to a hundred times less work, and a row of one
 * sequence avoids the overhead a backend call has on a product that small. Nothing differentiates
 * these rows (only the readout is trained, and it does not feed back into the state), so they
 * need not run on the backend's ops.
 *
 * <p>{@link #tanh} differs from the backend's by rounding only (a few units of {@code 1e-16}). The
 * weights are read from the parameters once, at construction ({@code reservoir.w} is kept
 * column by column: the nonzeros feeding each unit). For an f32 network each state is rounded to
 * f32 after its step, as the backend would store it. Row-major layouts as {@link io.engram.api.Batch}:
 * row {@code t * batch + b}. Immutable; {@link #features} may run on several threads at once.
 */
final class HostReservoir {
    private final int n;
    private final int inputs;
    private final double leak;
    private final boolean f32;
    private final int[] start;
    private final int[] source;
    private final double[] weight;
    private final double[] in;
    private final double[] bias;

    private HostReservoir(int n, int inputs, double leak, boolean f32, double[] w, double[] in, double[] bias) {
        this.n = n;
        this.inputs = inputs;
        this.leak = leak;
        this.f32 = f32;
        this.in = in;
        this.bias = bias;
        this.start = new int[n + 1];
        int[] count = new int[n];
        int nonzero = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (w[i * n + j] != 0) {
                    count[j]++;
                    nonzero++;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            start[j + 1] = start[j] + count[j];
        }
        this.source = new int[nonzero];
        this.weight = new double[nonzero];
        int[] fill = java.util.Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = w[i * n + j];
                if (v != 0) {
                    source[fill[j]] = i;
                    weight[fill[j]++] = v;
                }
            }
        }
    }

    /** The reservoir of the network's parameters {@code p} (read once, here). */
    static HostReservoir of(Map<String, Tensor> p, EsnSettings s, int inputs, boolean f32) {
        return new HostReservoir(s.units(), inputs, s.leak(), f32, p.get(EsnNetwork.W).toDoubleArray(),
                p.get(EsnNetwork.IN).toDoubleArray(), p.get(EsnNetwork.BIAS).toDoubleArray());
    }

    /**
     * The feature rows {@code [x(t), u(t)]} (or {@code x(t)} without the input) of inputs
     * {@code xs [time * batch, inputs]} from the zero state, {@code [time * batch, width]}
     * row-major; where {@code mask[t * batch + b]} is 0 the row keeps its sequence's state.
     */
    double[] features(double[] xs, int time, int batch, double[] mask, boolean withInput) {
        int width = n + (withInput ? inputs : 0);
        double[] z = new double[time * batch * width];
        double[] state = new double[batch * n];
        double[] pre = new double[n];
        for (int t = 0; t < time; t++) {
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                if (mask == null || mask[row] != 0) {
                    step(xs, row, state, b * n, pre);
                }
                System.arraycopy(state, b * n, z, row * width, n);
                if (withInput) {
                    System.arraycopy(xs, row * inputs, z, row * width + n, inputs);
                }
            }
        }
        return z;
    }

    /** One step of one sequence: its state at {@code state[at .. at + n)} is replaced by the next. */
    private void step(double[] xs, int row, double[] state, int at, double[] pre) {
        System.arraycopy(bias, 0, pre, 0, n);
        for (int f = 0; f < inputs; f++) {
            double u = xs[row * inputs + f];
            if (u != 0) {
                int w = f * n;
                for (int j = 0; j < n; j++) {
                    pre[j] += u * in[w + j];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = start[j]; k < start[j + 1]; k++) {
                s += weight[k] * state[at + source[k]];
            }
            pre[j] += s;
        }
        for (int j = 0; j < n; j++) {
            double candidate = tanh(pre[j]);
            double next = leak == 1.0 ? candidate : state[at + j] * (1.0 - leak) + candidate * leak;
            state[at + j] = f32 ? (float) next : next;
        }
    }

    /**
     * {@code tanh(x) = (e^2x - 1) / (e^2x + 1)} through the intrinsic {@link Math#exp} (several times
     * faster than {@link Math#tanh}), within about {@code 4e-16} of it in absolute terms: the
     * subtraction loses relative accuracy near 0, where the value itself is small; {@code +-1}
     * beyond {@code |x| = 20}, where tanh rounds to it.
     */
    static double tanh(double x) {
        if (x > 20) {
            return 1.0;
        }
        if (x < -20) {
            return -1.0;
        }
        double e = Math.exp(2 * x);
        return (e - 1) / (e + 1);
    }
}
