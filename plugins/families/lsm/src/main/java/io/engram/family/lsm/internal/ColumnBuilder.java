package io.engram.family.lsm.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws a column of integrate-and-fire neurons from a seed, as Maass, Natschlaeger and Markram
 * (2002, "Methods") describe it: neurons on the integer points of a {@code gridX x gridY x gridZ}
 * grid, a random fraction of them inhibitory; a synapse from {@code a} to {@code b} with probability
 * {@code C exp(-(D(a, b) / lambda)^2)} (C = 0.3 EE, 0.2 EI, 0.4 IE, 0.1 II) or, for random
 * connectivity, a fixed probability; amplitudes drawn uniformly in {@code [0.5 A, 1.5 A]} around
 * A = 30 (EE), 60 (EI), -19 (IE, II) nA; each input channel reaching a neuron with probability
 * {@code inputP}; a constant background current per neuron uniform in its bounds; initial membrane
 * potentials uniform between reset and threshold. Stateless.
 *
 * <p>Parameters, all fixed: {@code column.w [N, N]} (row: presynaptic neuron, nA, 0 where there is
 * no synapse), {@code column.in [inputs, N]}, {@code column.excitatory [N]} (1 or 0),
 * {@code column.background [N]} and {@code column.v0 [N]}; then the trainable readout
 * {@code readout.w [N, outputs]} and {@code readout.b [outputs]}.
 */
final class ColumnBuilder {
    private static final double[][] C = {{0.3, 0.2}, {0.4, 0.1}};
    private static final double[][] A = {{30, 60}, {-19, -19}};

    private ColumnBuilder() {
    }

    /** The parameters of a column with {@code inputs} input channels and {@code outputs} readout outputs. */
    static Map<String, Tensor> parameters(LsmSettings s, int inputs, int outputs, Ops ops, DType dtype, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = s.neurons();
        double[] excitatory = types(n, s.inhibitory(), r);
        double[] w = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                int pre = excitatory[a] > 0 ? 0 : 1;
                int post = excitatory[b] > 0 ? 0 : 1;
                double p = "random".equals(s.connectivity()) ? s.randomP()
                        : C[pre][post] * Math.exp(-squaredDistance(s, a, b) / (s.lambda() * s.lambda()));
                if (a != b && r.nextDouble() < p) {
                    w[a * n + b] = A[pre][post] * s.weightScale() * r.nextDouble(0.5, 1.5);
                }
            }
        }
        double[] in = new double[inputs * n];
        for (int k = 0; k < inputs; k++) {
            for (int b = 0; b < n; b++) {
                if (r.nextDouble() < s.inputP()) {
                    in[k * n + b] = s.inputWeight() * (excitatory[b] > 0 ? 1 : 0.5) * r.nextDouble(0.5, 1.5);
                }
            }
        }
        double[] background = new double[n];
        double[] v0 = new double[n];
        for (int i = 0; i < n; i++) {
            background[i] = s.backgroundMin() + (s.backgroundMax() - s.backgroundMin()) * r.nextDouble();
            v0[i] = s.reset() + (s.threshold() - s.reset()) * r.nextDouble();
        }
        double[] readout = new double[n * outputs];
        for (int i = 0; i < readout.length; i++) {
            readout[i] = r.nextDouble(-1, 1) / Math.sqrt(n);
        }
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("column.w", ops.fromArray(dtype, Shape.of(n, n), w));
        p.put("column.in", ops.fromArray(dtype, Shape.of(inputs, n), in));
        p.put("column.excitatory", ops.fromArray(dtype, Shape.of(n), excitatory));
        p.put("column.background", ops.fromArray(dtype, Shape.of(n), background));
        p.put("column.v0", ops.fromArray(dtype, Shape.of(n), v0));
        p.put("readout.w", ops.fromArray(dtype, Shape.of(n, outputs), readout));
        p.put("readout.b", ops.zeros(dtype, Shape.of(outputs)));
        return p;
    }

    /** 1 for excitatory, 0 for inhibitory: exactly {@code round(fraction * n)} inhibitory, chosen at random. */
    private static double[] types(int n, double fraction, SplittableRandom r) {
        double[] t = new double[n];
        java.util.Arrays.fill(t, 1);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int i = 0; i < Math.round(fraction * n); i++) {
            t[order[i]] = 0;
        }
        return t;
    }

    private static double squaredDistance(LsmSettings s, int a, int b) {
        int dx = a % s.gridX() - b % s.gridX();
        int dy = (a / s.gridX()) % s.gridY() - (b / s.gridX()) % s.gridY();
        int dz = a / (s.gridX() * s.gridY()) - b / (s.gridX() * s.gridY());
        return dx * dx + dy * dy + dz * dz;
    }
}
