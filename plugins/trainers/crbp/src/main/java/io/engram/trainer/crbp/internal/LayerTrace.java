package io.engram.trainer.crbp.internal;

/**
 * What one IIR layer keeps of its recent past for causal recursive backpropagation, in ring buffers
 * over the last {@code R} steps (absolute step {@code t} in slot {@code t mod R}; steps before the
 * stream's start read as zero): its input {@code x_m(t)}, its synapses' outputs {@code y_nm(t)}, its
 * neurons' net inputs {@code s_n(t)} and outputs {@code x_n(t)}, and the synapses' local recursive
 * derivatives (Campolucci et al. 1999, the {@code d+y/dw} of sec. III, the IIR synapse's own
 * RTRL-like recursion):
 * <pre>
 *   alpha_nm(p)(t) = dy_nm(t)/dw_nm(p) = x_m(t - p) + sum_{q=1}^{I} v_nm(q) alpha_nm(p)(t - q)
 *   beta_nm(q)(t)  = dy_nm(t)/dv_nm(q) = y_nm(t - q) + sum_{r=1}^{I} v_nm(r) beta_nm(q)(t - r)
 * </pre>
 * These are exact for the synapse's whole past: {@code w_nm} and {@code v_nm} reach the rest of the
 * network only through {@code y_nm}. Synapse {@code nm = n N_{l-1} + m}. One stream, one thread.
 */
final class LayerTrace {
    final int in;
    final int out;
    final int ma;
    final int ar;
    final String function;
    private final int ring;
    final double[][] x;
    final double[][] y;
    final double[][] s;
    final double[][] o;
    final double[][] alpha;
    final double[][] beta;

    LayerTrace(int in, int out, int ma, int ar, String function, int ring) {
        this.in = in;
        this.out = out;
        this.ma = ma;
        this.ar = ar;
        this.function = function;
        this.ring = ring;
        int synapses = in * out;
        this.x = new double[ring][in];
        this.y = new double[ring][synapses];
        this.s = new double[ring][out];
        this.o = new double[ring][out];
        this.alpha = new double[ring][synapses * ma];
        this.beta = new double[ring][synapses * ar];
    }

    int slot(int t) {
        return t % ring;
    }

    /** Runs step {@code t} on {@code input} with the current coefficients; returns the outputs {@code x_n(t)}. */
    double[] forward(int t, double[] input, double[] w, double[] v, double[] b) {
        int now = slot(t);
        System.arraycopy(input, 0, x[now], 0, in);
        double[] yt = y[now];
        double[] at = alpha[now];
        double[] bt = beta[now];
        for (int nm = 0; nm < in * out; nm++) {
            int m = nm % in;
            double sum = 0;
            for (int p = 0; p < ma; p++) {
                sum += w[nm * ma + p] * past(x, t - p, m);
            }
            for (int q = 1; q <= ar; q++) {
                sum += v[nm * ar + q - 1] * past(y, t - q, nm);
            }
            yt[nm] = sum;
            for (int p = 0; p < ma; p++) {
                double a = past(x, t - p, m);
                for (int q = 1; q <= ar; q++) {
                    a += v[nm * ar + q - 1] * past(alpha, t - q, nm * ma + p);
                }
                at[nm * ma + p] = a;
            }
            for (int q = 1; q <= ar; q++) {
                double d = past(y, t - q, nm);
                for (int r = 1; r <= ar; r++) {
                    d += v[nm * ar + r - 1] * past(beta, t - r, nm * ar + q - 1);
                }
                bt[nm * ar + q - 1] = d;
            }
        }
        for (int n = 0; n < out; n++) {
            double sum = b[n];
            for (int m = 0; m < in; m++) {
                sum += yt[n * in + m];
            }
            s[now][n] = sum;
            o[now][n] = IirStructure.apply(function, sum);
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
