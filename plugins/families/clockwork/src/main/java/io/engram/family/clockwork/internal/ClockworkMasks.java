package io.engram.family.clockwork.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/** The constant masks of a clockwork network, from its settings alone. Stateless. */
final class ClockworkMasks {

    private ClockworkMasks() {
    }

    /**
     * The recurrent mask {@code M [units, units]} in the row-vector form {@code h U}: {@code M[j][i] = 1}
     * when unit {@code j} may feed unit {@code i}, that is, when {@code j}'s period is at least
     * {@code i}'s (or always, with {@code all}).
     */
    static double[] recurrent(ClockworkSettings s) {
        int n = s.units();
        double[] m = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                m[j * n + i] = s.all() || s.period(j) >= s.period(i) ? 1 : 0;
            }
        }
        return m;
    }

    /** The active mask {@code m_t [batch, units]}: 1 on the units of the modules with {@code t mod T_i = 0}. */
    static Tensor active(Ops ops, DType dtype, ClockworkSettings s, int time, int batch) {
        int n = s.units();
        double[] m = new double[batch * n];
        for (int u = 0; u < n; u++) {
            if (time % s.period(u) == 0) {
                for (int b = 0; b < batch; b++) {
                    m[b * n + u] = 1;
                }
            }
        }
        return ops.fromArray(dtype, Shape.of(batch, n), m);
    }
}
