package io.engram.analyze.internal;

import io.engram.api.Differentiable;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceOps;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small networks of known dynamics, written against the ops, for the analysis's tests. */
final class TestNetworks {
    static final Ops OPS = new ReferenceOps();

    private TestNetworks() {
    }

    /** The next state of {@code h [batch, n]} under input {@code x}, from the parameters {@code p}. */
    @FunctionalInterface
    interface Cell {
        Tensor next(Ops ops, Map<String, Tensor> p, Tensor h, Tensor x);
    }

    /** A network whose state is one tensor {@code [batch, n]}, its output the state; differentiable when asked. */
    static Network network(String family, int n, int inputs, Map<String, Tensor> params, Cell cell, boolean differentiable) {
        ModelSpec spec = new ModelSpec(family, inputs, n, DType.F64, Hyperparameters.empty());
        Map<String, Tensor> p = new LinkedHashMap<>(params);
        class Net implements Network {
            @Override
            public ModelSpec spec() {
                return spec;
            }

            @Override
            public Map<String, Tensor> parameters() {
                return Map.copyOf(p);
            }

            @Override
            public void setParameters(Map<String, Tensor> values) {
                p.putAll(values);
            }

            @Override
            public State initialState(Ops ops, int batch) {
                return State.of(ops.zeros(DType.F64, Shape.of(batch, n)));
            }

            @Override
            public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
                Tensor next = cell.next(ops, params, state.get(0), x);
                return new Step(next, State.of(next));
            }
        }
        class Smooth extends Net implements Differentiable {
        }
        return differentiable ? new Smooth() : new Net();
    }

    static Tensor matrix(double[][] m) {
        int r = m.length;
        int c = m[0].length;
        double[] v = new double[r * c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(m[i], 0, v, i * c, c);
        }
        return OPS.fromArray(DType.F64, Shape.of(r, c), v);
    }

    /** The linear RNN {@code h' = W h + B x}. */
    static Network linear(double[][] w, int inputs) {
        int n = w.length;
        double[][] b = new double[inputs][n];
        return network("linear", n, inputs, Map.of("w", matrix(w), "b", matrix(b.length == 0 ? new double[1][n] : b)),
                (ops, p, h, x) -> inputs == 0 ? ops.matmul(h, p.get("w"), false, true)
                        : ops.add(ops.matmul(h, p.get("w"), false, true), ops.matmul(x, p.get("b"))), true);
    }

    /** {@code S diag-blocks S^-1}: a real matrix of the given real eigenvalues and complex pairs {@code a +- b i}. */
    static double[][] similar(double[] reals, double[][] pairs, long seed) {
        int n = reals.length + 2 * pairs.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < reals.length; i++) {
            d[i][i] = reals[i];
        }
        for (int k = 0; k < pairs.length; k++) {
            int i = reals.length + 2 * k;
            d[i][i] = pairs[k][0];
            d[i + 1][i + 1] = pairs[k][0];
            d[i][i + 1] = -pairs[k][1];
            d[i + 1][i] = pairs[k][1];
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = (i == j ? 2 : 0) + r.nextDouble(-0.5, 0.5);
            }
        }
        double[][] sInv = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] col = Dense.solve(s, e);
            for (int i = 0; i < n; i++) {
                sInv[i][j] = col[i];
            }
        }
        return product(product(s, d), sInv);
    }

    static double[][] product(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < m; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    /** Options of the analysis for tests: small and seeded. */
    static AnalyzeOptions options(int starts, int length, int warmup, int steps) {
        return new AnalyzeOptions("test", null, null, starts, 7, 2000, 0.01, 1e-12, 1e-4, 0.1, 4, length, warmup, steps,
                false, null);
    }
}
