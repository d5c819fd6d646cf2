package io.engram.trainer.crbp.internal;

import java.util.Arrays;

/**
 * What one IIR layer keeps of its recent past for causal recursive backpropagation, in ring buffers
 * over the last {@code R} steps (absolute step {@code t} in slot {@code t mod R}; steps before the
 * stream's start read as zero): its input {@code x_m(t)}, its feedback filters' outputs {@code z_u(t)}
 * (one filter per synapse, {@code z_nm = y_nm}; or, with activation feedback, one per neuron,
 * {@code z_n = a_n}), its neurons' net inputs {@code s_n(t)} and outputs {@code x_n(t)}, and the local
 * recursive derivatives (Campolucci et al. 1999, the {@code d+y/dw} of sec. III, the filter's own
 * RTRL-like recursion), with {@code u(nm)} the filter that synapse {@code nm} feeds:
 * <pre>
 *   alpha_nm(p)(t) = dz_u(t)/dw_nm(p) = x_m(t - p) + sum_{q=1}^{I} v_u(q) alpha_nm(p)(t - q)
 *   beta_u(q)(t)   = dz_u(t)/dv_u(q)  = z_u(t - q) + sum_{r=1}^{I} v_u(r) beta_u(q)(t - r)
 * </pre>
 * These are exact for the filter's whole past: {@code w_nm} and {@code v_u} reach the rest of the
 * network only through {@code z_u}. Synapse {@code nm = n N_{l-1} + m}. One stream, one thread.
 */
final class LayerTrace {
    final int in;
    final int out;
    final int ma;
    final int ar;
    final int filters;
    final boolean activationFeedback;
    final String function;
    private final int ring;
    final double[][] x;
    final double[][] z;
    final double[][] s;
    final double[][] o;
    final double[][] alpha;
    final double[][] beta;

    LayerTrace(int in, int out, int ma, int ar, boolean activationFeedback, String function, int ring) {
        this.in = in;
        this.out = out;
        this.ma = ma;
        this.ar = ar;
        this.activationFeedback = activationFeedback;
        this.filters = activationFeedback ? out : in * out;
        this.function = function;
        this.ring = ring;
        this.x = new double[ring][in];
        this.z = new double[ring][filters];
        this.s = new double[ring][out];
        this.o = new double[ring][out];
        this.alpha = new double[ring][in * out * ma];
        this.beta = new double[ring][filters * ar];
    }

    int slot(int t) {
        return t % ring;
    }

    /** The feedback filter that synapse {@code nm} feeds. */
    int filter(int nm) {
        return activationFeedback ? nm / in : nm;
    }

    /** The neuron that filter {@code u} feeds. */
    int neuron(int u) {
        return activationFeedback ? u : u / in;
    }

    /** Runs step {@code t} on {@code input} with the current coefficients; returns the outputs {@code x_n(t)}. */
    double[] forward(int t, double[] input, double[] w, double[] v, double[] b) {
        int now = slot(t);
        System.arraycopy(input, 0, x[now], 0, in);
        double[] zt = z[now];
        Arrays.fill(zt, 0.0);
        for (int nm = 0; nm < in * out; nm++) {
            int m = nm % in;
            int u = filter(nm);
            for (int p = 0; p < ma; p++) {
                double xp = past(x, t - p, m);
                zt[u] += w[nm * ma + p] * xp;
                double a = xp;
                for (int q = 1; q <= ar; q++) {
                    a += v[u * ar + q - 1] * past(alpha, t - q, nm * ma + p);
                }
                alpha[now][nm * ma + p] = a;
            }
        }
        for (int u = 0; u < filters; u++) {
            for (int q = 1; q <= ar; q++) {
                zt[u] += v[u * ar + q - 1] * past(z, t - q, u);
                double d = past(z, t - q, u);
                for (int r = 1; r <= ar; r++) {
                    d += v[u * ar + r - 1] * past(beta, t - r, u * ar + q - 1);
                }
                beta[now][u * ar + q - 1] = d;
            }
        }
        Arrays.fill(s[now], 0.0);
        for (int u = 0; u < filters; u++) {
            s[now][neuron(u)] += zt[u];
        }
        for (int n = 0; n < out; n++) {
            s[now][n] += b[n];
            o[now][n] = IirStructure.apply(function, s[now][n]);
        }
        return o[now].clone();
    }

    /** {@code f'(s_n(t))}. */
    double slope(int t, int n) {
        return IirStructure.slope(function, s[slot(t)][n], o[slot(t)][n]);
    }

    private double past(double[][] series, int t, int i) {
        return t < 0 ? 0.0 : series[slot(t)][i];
    }
}
