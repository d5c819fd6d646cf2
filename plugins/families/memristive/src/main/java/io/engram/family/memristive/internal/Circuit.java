package io.engram.family.memristive.internal;

/**
 * The memory dynamics of a purely memristive circuit (Caravelli, Traversa and Di Ventra 2017,
 * "The complex dynamics of memristive circuits: analytical results and universal slow
 * relaxation", Phys. Rev. E 95, 022140, their exact equation of motion). Memristor {@code k} has
 * resistance {@code R_on (1 + xi x_k)}, {@code xi = (R_off - R_on) / R_on}, with memory {@code x_k}
 * in {@code [0, 1]}, a voltage source {@code S_k} in series, and
 * <pre>
 *   dx/dt = -alpha x + (1/beta) (I + xi Omega X)^-1 Omega S,        X = diag(x)
 * </pre>
 * where {@code Omega} is the projector on the circuit's loop space (Kirchhoff's laws: the currents
 * {@code i} satisfy {@code Omega i = i} and {@code Omega (R i - S) = 0}), so that
 * {@code i = (I + xi Omega X)^-1 Omega S} are the memristors' currents in units of {@code 1 / R_on}.
 * The function
 * <pre>
 *   L(x) = (alpha/3) sum_k x_k^3 - (1/(2 beta)) sum_k (Omega S)_k x_k^2 + (alpha xi/4) (x^2)^T Omega (x^2)
 * </pre>
 * has gradient {@code -X (I + xi Omega X) dx/dt}, hence
 * {@code dL/dt = -xdot^T (X + xi X Omega X) xdot <= 0} for constant sources: a Lyapunov function
 * (the matrix is positive semi-definite for {@code x >= 0} and {@code xi >= 0}). The memory is
 * integrated by Euler steps and kept in {@code [0, 1]}. Holding a memristor at 0 keeps {@code L}
 * non-increasing (its row of {@code X} vanishes); none reaches 1 while {@code |S|_2 < alpha beta},
 * since {@code |i|_2 <= |S|_2} ({@code i^T R i = i^T S} with {@code R >= R_on}).
 *
 * <p>Immutable; thread-safe. Arrays are row-major; {@code omega} is {@code [E, E]}.
 */
final class Circuit {
    private final double[] omega;
    private final int e;
    private final double xi;
    private final double alpha;
    private final double beta;

    Circuit(double[] omega, double xi, double alpha, double beta) {
        this.omega = omega;
        this.e = (int) Math.round(Math.sqrt(omega.length));
        this.xi = xi;
        this.alpha = alpha;
        this.beta = beta;
    }

    /** Number of memristors. */
    int size() {
        return e;
    }

    /** The loop-space projector {@code Omega [E, E]}, row-major; not copied, not to be modified. */
    double[] omega() {
        return omega;
    }

    /** {@code (R_off - R_on) / R_on}. */
    double xi() {
        return xi;
    }

    /** The memory's decay rate. */
    double alpha() {
        return alpha;
    }

    /** The currents {@code (I + xi Omega X)^-1 Omega S}, in units of {@code 1 / R_on}. */
    double[] currents(double[] x, double[] s) {
        double[] a = new double[e * e];
        for (int i = 0; i < e; i++) {
            for (int j = 0; j < e; j++) {
                a[i * e + j] = (i == j ? 1 : 0) + xi * omega[i * e + j] * x[j];
            }
        }
        return Lu.solve(a, times(omega, s), e);
    }

    /** {@code dx/dt} at {@code x} under sources {@code s}. */
    double[] derivative(double[] x, double[] s) {
        double[] i = currents(x, s);
        double[] d = new double[e];
        for (int k = 0; k < e; k++) {
            d[k] = i[k] / beta - alpha * x[k];
        }
        return d;
    }

    /** {@code x} after {@code steps} Euler steps of {@code h} under sources {@code s}, kept in {@code [0, 1]}; in place. */
    void advance(double[] x, double[] s, double h, int steps) {
        for (int n = 0; n < steps; n++) {
            double[] d = derivative(x, s);
            for (int k = 0; k < e; k++) {
                x[k] = Math.max(0, Math.min(1, x[k] + h * d[k]));
            }
        }
    }

    /** The Lyapunov function {@code L(x)} for sources {@code s}. */
    double lyapunov(double[] x, double[] s) {
        double[] os = times(omega, s);
        double[] q = new double[e];
        double value = 0;
        for (int k = 0; k < e; k++) {
            q[k] = x[k] * x[k];
            value += alpha / 3 * q[k] * x[k] - os[k] * q[k] / (2 * beta);
        }
        double[] oq = times(omega, q);
        for (int k = 0; k < e; k++) {
            value += alpha * xi / 4 * q[k] * oq[k];
        }
        return value;
    }

    private double[] times(double[] m, double[] v) {
        double[] out = new double[e];
        for (int i = 0; i < e; i++) {
            double acc = 0;
            for (int j = 0; j < e; j++) {
                acc += m[i * e + j] * v[j];
            }
            out[i] = acc;
        }
        return out;
    }
}
