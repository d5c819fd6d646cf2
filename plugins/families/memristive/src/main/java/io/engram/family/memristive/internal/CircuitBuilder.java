package io.engram.family.memristive.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws a memristive circuit from a seed: a random connected graph of {@code nodes} nodes (a random
 * spanning tree, then random further edges between distinct nodes up to {@code edges}), one
 * memristor on each edge, and its loop-space projector
 * <pre>
 *   Omega = I - A^T (A A^T)^-1 A          A: the incidence matrix without its first node's row
 * </pre>
 * (Caravelli, Traversa and Di Ventra 2017: {@code Omega} projects on the space of the circuit's
 * fundamental loops, {@code I - Omega} on its cuts). Each memristor has a voltage source in series,
 * {@code S_t = u_t Win + s0}, with {@code Win} and {@code s0} drawn uniformly. Stateless.
 *
 * <p>Parameters, all fixed but the readout: {@code circuit.omega [E, E]}, {@code circuit.in
 * [inputs, E]}, {@code circuit.bias [E]}, then {@code readout.w [E, outputs]} and {@code readout.b
 * [outputs]}.
 */
final class CircuitBuilder {
    private CircuitBuilder() {
    }

    static Map<String, Tensor> parameters(MemristiveSettings s, int inputs, int outputs, Ops ops, DType dtype, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int e = s.edges();
        double[] omega = projector(incidence(s.nodes(), e, r), s.nodes() - 1, e);
        double[] in = uniform(r, inputs * e, s.inputScale());
        double[] bias = uniform(r, e, s.biasScale());
        double[] readout = uniform(r, e * outputs, 1 / Math.sqrt(e));
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("circuit.omega", ops.fromArray(dtype, Shape.of(e, e), omega));
        p.put("circuit.in", ops.fromArray(dtype, Shape.of(inputs, e), in));
        p.put("circuit.bias", ops.fromArray(dtype, Shape.of(e), bias));
        p.put("readout.w", ops.fromArray(dtype, Shape.of(e, outputs), readout));
        p.put("readout.b", ops.zeros(dtype, Shape.of(outputs)));
        return p;
    }

    /** The reduced incidence matrix {@code [nodes - 1, edges]} of a random connected graph: +1 at an edge's tail, -1 at its head. */
    static double[] incidence(int nodes, int edges, SplittableRandom r) {
        double[] full = new double[nodes * edges];
        for (int k = 0; k < edges; k++) {
            int a;
            int b;
            if (k < nodes - 1) {
                b = k + 1;
                a = r.nextInt(b);
            } else {
                a = r.nextInt(nodes);
                b = (a + 1 + r.nextInt(nodes - 1)) % nodes;
            }
            full[a * edges + k] = 1;
            full[b * edges + k] = -1;
        }
        double[] reduced = new double[(nodes - 1) * edges];
        System.arraycopy(full, edges, reduced, 0, reduced.length);
        return reduced;
    }

    /** {@code I - A^T (A A^T)^-1 A} for {@code a [rows, e]} of full row rank. */
    static double[] projector(double[] a, int rows, int e) {
        double[] gram = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                double acc = 0;
                for (int k = 0; k < e; k++) {
                    acc += a[i * e + k] * a[j * e + k];
                }
                gram[i * rows + j] = acc;
            }
        }
        double[][] z = new double[e][];
        for (int k = 0; k < e; k++) {
            double[] col = new double[rows];
            for (int i = 0; i < rows; i++) {
                col[i] = a[i * e + k];
            }
            z[k] = rows == 0 ? col : Lu.solve(gram.clone(), col, rows);
        }
        double[] omega = new double[e * e];
        for (int i = 0; i < e; i++) {
            for (int j = 0; j < e; j++) {
                double acc = 0;
                for (int k = 0; k < rows; k++) {
                    acc += a[k * e + i] * z[j][k];
                }
                omega[i * e + j] = (i == j ? 1 : 0) - acc;
            }
        }
        return omega;
    }

    private static double[] uniform(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale == 0 ? 0 : r.nextDouble(-scale, scale);
        }
        return v;
    }
}
