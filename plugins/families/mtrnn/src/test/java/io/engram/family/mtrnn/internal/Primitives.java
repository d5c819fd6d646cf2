package io.engram.family.mtrnn.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Planar movements built from three primitives, each a closed loop through the origin of {@code L}
 * steps: A a circle, B a figure eight, C a narrow loop downwards. A sequence is a list of primitives;
 * its inputs are the one-hot selector of its index at step 0 and zeros after.
 */
final class Primitives {

    private Primitives() {
    }

    static double[] point(int primitive, double s) {
        double a = 2 * Math.PI * s;
        return switch (primitive) {
            case 0 -> new double[] {0.4 * Math.sin(a), 0.4 - 0.4 * Math.cos(a)};
            case 1 -> new double[] {0.5 * Math.sin(a), 0.3 * Math.sin(2 * a)};
            default -> new double[] {0.15 * Math.sin(a), -0.35 + 0.35 * Math.cos(a)};
        };
    }

    /** The sequences {@code order[k]} of primitives of {@code length} steps each, selector of {@code order.length} inputs. */
    static Dataset sequences(int length, int[]... order) {
        List<Sequence> all = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            int steps = order[k].length * length;
            double[][] x = new double[steps][order.length];
            double[][] y = new double[steps][];
            x[0][k] = 1;
            for (int t = 0; t < steps; t++) {
                y[t] = point(order[k][t / length], (t % length + 1) / (double) length);
            }
            boolean[] mask = new boolean[steps];
            Arrays.fill(mask, true);
            all.add(new Sequence(x, y, mask));
        }
        return new Dataset(all, order.length, 2);
    }
}
