package io.engram.family.lsm.internal;

import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * One time step of a column of leaky integrate-and-fire neurons with current synapses (Maass,
 * Natschlaeger and Markram 2002, "Methods"), on host arrays, one sequence at a time:
 * <pre>
 *   I_e <- I_e exp(-dt / tau_se) + sum_{a exc, spiked} w_ab u_a R_a + x_t Win      (input synapses are excitatory)
 *   I_i <- I_i exp(-dt / tau_si) + sum_{a inh, spiked} w_ab u_a R_a
 *   tau_m dV/dt = -V + R_in (I_e + I_i + I_b)         integrated exactly over dt (currents held)
 *   V >= theta: spike, V <- V_reset, held there for the refractory period
 *   z <- z exp(-dt / tau_readout) + spike              the filtered spike train the readout sees
 * </pre>
 * A spike reaches its targets one step later (a synaptic delay of {@code dt}). With dynamic synapses
 * (Markram, Wang and Tsodyks 1998) each neuron keeps, for its synapses onto excitatory and onto
 * inhibitory targets, a utilisation {@code u} and an available fraction {@code R}; a spike uses
 * {@code u R} of the amplitude, then {@code R <- R (1 - u)}, {@code u <- u + U (1 - u)}, and between
 * spikes {@code u} relaxes to {@code U} with time constant F and {@code R} to 1 with D. This is the
 * paper's recursion {@code u_{n+1} = U + u_n (1 - U) exp(-Delta/F)},
 * {@code R_{n+1} = 1 + (R_n - R_n u_n - 1) exp(-Delta/D)}, with the mean U, D, F of each connection
 * type (EE 0.5, 1100, 50; EI 0.05, 125, 1200; IE 0.25, 700, 20; II 0.32, 144, 60; ms). Static
 * synapses use {@code u R = U} at every spike.
 *
 * <p>State of one sequence: {@value #SLOTS} blocks of N values ({@link #V} to {@link #R_INH}).
 * Immutable once built from a parameter map; thread-safe.
 */
final class LifColumn {
    static final int V = 0;
    static final int REFRACTORY = 1;
    static final int CURRENT_EXC = 2;
    static final int CURRENT_INH = 3;
    static final int TRACE = 4;
    static final int SPIKES = 5;
    static final int U_EXC = 6;
    static final int R_EXC = 7;
    static final int U_INH = 8;
    static final int R_INH = 9;
    static final int SLOTS = 10;
    /** U, D, F by presynaptic type (row: excitatory, inhibitory) and postsynaptic type (column). */
    private static final double[][][] UDF = {
            {{0.5, 1100, 50}, {0.05, 125, 1200}},
            {{0.25, 700, 20}, {0.32, 144, 60}}};

    private final LsmSettings s;
    private final int n;
    private final int inputs;
    private final double[] w;
    private final double[] in;
    private final boolean[] excitatory;
    private final double[] background;
    private final double[] v0;

    private LifColumn(LsmSettings s, Map<String, Tensor> params) {
        this.s = s;
        this.n = s.neurons();
        this.w = params.get("column.w").toDoubleArray();
        this.in = params.get("column.in").toDoubleArray();
        this.inputs = in.length / n;
        double[] e = params.get("column.excitatory").toDoubleArray();
        this.excitatory = new boolean[n];
        for (int i = 0; i < n; i++) {
            excitatory[i] = e[i] > 0.5;
        }
        this.background = params.get("column.background").toDoubleArray();
        this.v0 = params.get("column.v0").toDoubleArray();
    }

    /** The column the parameters describe. */
    static LifColumn of(LsmSettings s, Map<String, Tensor> params) {
        return new LifColumn(s, params);
    }

    /** The state before the first step: potentials at {@code column.v0}, synapses at rest. */
    double[] initial() {
        double[] st = new double[SLOTS * n];
        System.arraycopy(v0, 0, st, V * n, n);
        for (int a = 0; a < n; a++) {
            int pre = excitatory[a] ? 0 : 1;
            st[U_EXC * n + a] = UDF[pre][0][0];
            st[R_EXC * n + a] = 1;
            st[U_INH * n + a] = UDF[pre][1][0];
            st[R_INH * n + a] = 1;
        }
        return st;
    }

    /** Advances {@code st} (one sequence's state, from {@code offset}) by one step with input {@code x} (from {@code xOffset}). */
    void step(double[] x, int xOffset, double[] st, int offset) {
        double de = Math.exp(-s.dt() / s.tauSynapseE());
        double di = Math.exp(-s.dt() / s.tauSynapseI());
        for (int b = 0; b < n; b++) {
            st[offset + CURRENT_EXC * n + b] *= de;
            st[offset + CURRENT_INH * n + b] *= di;
        }
        transmit(st, offset);
        for (int k = 0; k < inputs; k++) {
            double xk = x[xOffset + k];
            if (xk != 0) {
                for (int b = 0; b < n; b++) {
                    st[offset + CURRENT_EXC * n + b] += xk * in[k * n + b];
                }
            }
        }
        integrate(st, offset);
    }

    /** Last step's spikes reach their targets; the synapses that carried them are used up. */
    private void transmit(double[] st, int offset) {
        for (int a = 0; a < n; a++) {
            int pre = excitatory[a] ? 0 : 1;
            boolean spiked = st[offset + SPIKES * n + a] > 0;
            double[] efficacy = new double[2];
            for (int post = 0; post < 2; post++) {
                int u = offset + (post == 0 ? U_EXC : U_INH) * n + a;
                int r = offset + (post == 0 ? R_EXC : R_INH) * n + a;
                double[] udf = UDF[pre][post];
                efficacy[post] = s.dynamic() ? st[u] * st[r] : udf[0];
                if (spiked && s.dynamic()) {
                    st[r] *= 1 - st[u];
                    st[u] += udf[0] * (1 - st[u]);
                }
                st[u] = udf[0] + (st[u] - udf[0]) * Math.exp(-s.dt() / udf[2]);
                st[r] = 1 + (st[r] - 1) * Math.exp(-s.dt() / udf[1]);
            }
            if (spiked) {
                int pool = offset + (pre == 0 ? CURRENT_EXC : CURRENT_INH) * n;
                for (int b = 0; b < n; b++) {
                    st[pool + b] += w[a * n + b] * efficacy[excitatory[b] ? 0 : 1];
                }
            }
        }
    }

    /** Membrane, threshold, reset, refractory period and the readout's filter. */
    private void integrate(double[] st, int offset) {
        double dm = Math.exp(-s.dt() / s.tauMembrane());
        double dz = Math.exp(-s.dt() / s.tauReadout());
        for (int b = 0; b < n; b++) {
            int v = offset + V * n + b;
            int ref = offset + REFRACTORY * n + b;
            double spike = 0;
            if (st[ref] > 0) {
                st[v] = s.reset();
                st[ref] = Math.max(0, st[ref] - s.dt());
            } else {
                double vInf = s.resistance() * (st[offset + CURRENT_EXC * n + b] + st[offset + CURRENT_INH * n + b] + background[b]);
                st[v] = vInf + (st[v] - vInf) * dm;
                if (st[v] >= s.threshold()) {
                    spike = 1;
                    st[v] = s.reset();
                    st[ref] = excitatory[b] ? s.refractoryE() : s.refractoryI();
                }
            }
            st[offset + SPIKES * n + b] = spike;
            st[offset + TRACE * n + b] = st[offset + TRACE * n + b] * dz + spike;
        }
    }
}
