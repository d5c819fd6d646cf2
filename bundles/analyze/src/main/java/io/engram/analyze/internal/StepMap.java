package io.engram.analyze.internal;

import io.engram.api.Differentiable;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.autodiff.Gradients;
import io.engram.autodiff.Tape;
import io.engram.autodiff.TangentOps;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network's step seen as a map {@code h -> F(h, u)} on its whole state flattened to one vector
 * {@code h} of {@link #dimension()} values: the tensors of its {@link State} (for an LSTM, h and c of
 * every layer) one after the other, each row-major without its batch axis. Any family's network fits:
 * the map calls {@link Network#step} with the network's own parameters.
 *
 * <p>Derivatives come from the platform's autodiff when the network is {@link Differentiable}: the
 * gradient of {@code q(h) = 1/2 |F(h, u) - h|^2} by reverse mode ({@link Tape}, the state's tensors as
 * leaves), the Jacobian {@code dF/dh} and Jacobian-vector products by forward mode
 * ({@link TangentOps}, one direction per state element). A network that is not differentiable (a
 * Hopfield net of sign units) has no gradient ({@link #differentiable()} is false) and gets the
 * Jacobian by central differences.
 *
 * <p>Batches: methods that take {@code double[][] h} run all rows as one batch. Seeded: a step that
 * draws gets the generator of {@code (seed, 0, time)} ({@link StepContext#inference(int, long, long)}).
 * Not thread-safe (it runs the network on one thread).
 */
final class StepMap {
    private final Network network;
    private final Ops ops;
    private final Map<String, Tensor> params;
    private final DType dtype;
    private final List<Shape> rowShapes = new ArrayList<>();
    private final int[] offsets;
    private final int dimension;
    private final boolean differentiable;
    private final long seed;

    StepMap(Network network, Ops ops, long seed) {
        this.network = network;
        this.ops = ops;
        this.params = network.parameters();
        this.dtype = network.spec().dtype();
        this.seed = seed;
        State initial = network.initialState(ops, 1);
        offsets = new int[initial.size() + 1];
        for (int i = 0; i < initial.size(); i++) {
            Shape s = initial.get(i).shape();
            rowShapes.add(s.without(0));
            offsets[i + 1] = offsets[i] + s.size();
        }
        dimension = offsets[initial.size()];
        differentiable = network.capability(Differentiable.class).isPresent();
    }

    /** The number of values in the flattened state. */
    int dimension() {
        return dimension;
    }

    /** The width of the network's input. */
    int inputSize() {
        return network.spec().inputSize();
    }

    /** Whether gradients and Jacobians come from autodiff (the network is {@link Differentiable}). */
    boolean differentiable() {
        return differentiable;
    }

    /** The network's state before its first step, flattened. */
    double[] initial() {
        return flat(network.initialState(ops, 1), 1)[0];
    }

    /** {@code F(h_k, u)} for each row {@code h_k}, the step at index {@code time}. */
    double[][] apply(double[][] h, double[] u, int time) {
        Step step = network.step(ops, params, inputs(ops, u, h.length), state(ops, h), context(time));
        return flat(step.state(), h.length);
    }

    /**
     * {@code q(h_k) = 1/2 |F(h_k, u) - h_k|^2} of each row, and its gradient by reverse mode into
     * {@code gradient} (as many rows as {@code h}).
     *
     * @throws IllegalStateException when the network is not differentiable
     */
    double[] speed(double[][] h, double[] u, int time, double[][] gradient) {
        if (!differentiable) {
            throw new IllegalStateException("the network is not differentiable: q has no gradient");
        }
        Tape tape = new Tape(ops);
        int batch = h.length;
        State base = state(ops, h);
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor t : base.tensors()) {
            leaves.add(tape.leaf(t));
        }
        Step step = network.step(tape, params, inputs(ops, u, batch), new State(leaves), context(time));
        Tensor loss = null;
        for (int i = 0; i < leaves.size(); i++) {
            Tensor r = tape.sub(step.state().get(i), leaves.get(i));
            Tensor sq = tape.sumAll(tape.mul(r, r));
            loss = loss == null ? sq : tape.add(loss, sq);
        }
        Gradients g = tape.backward(tape.scale(loss, 0.5));
        double[] q = new double[batch];
        double[][] next = flat(new State(step.state().tensors().stream().map(Tape::value).toList()), batch);
        for (int k = 0; k < batch; k++) {
            double s = 0;
            for (int j = 0; j < dimension; j++) {
                double d = next[k][j] - h[k][j];
                s += d * d;
            }
            q[k] = s / 2;
        }
        for (int i = 0; i < leaves.size(); i++) {
            double[] gi = g.of(leaves.get(i)).toDoubleArray();
            int width = offsets[i + 1] - offsets[i];
            for (int k = 0; k < batch; k++) {
                System.arraycopy(gi, k * width, gradient[k], offsets[i], width);
            }
        }
        return q;
    }

    /** {@code q(h) = 1/2 |F(h, u) - h|^2} of each row, without a gradient. */
    double[] speed(double[][] h, double[] u, int time) {
        double[][] next = apply(h, u, time);
        double[] q = new double[h.length];
        for (int k = 0; k < h.length; k++) {
            q[k] = Dense.distance(next[k], h[k]);
            q[k] = q[k] * q[k] / 2;
        }
        return q;
    }

    /** The Jacobian {@code dF/dh} at {@code h}, row {@code i} the derivatives of {@code F_i}. */
    double[][] jacobian(double[] h, double[] u, int time) {
        int n = dimension;
        double[][] j = new double[n][n];
        if (!differentiable) {
            double eps = step(h);
            double[][] rows = new double[2 * n][];
            for (int k = 0; k < n; k++) {
                rows[2 * k] = h.clone();
                rows[2 * k][k] += eps;
                rows[2 * k + 1] = h.clone();
                rows[2 * k + 1][k] -= eps;
            }
            double[][] f = apply(rows, u, time);
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    j[i][k] = (f[2 * k][i] - f[2 * k + 1][i]) / (2 * eps);
                }
            }
            return j;
        }
        TangentOps tangents = new TangentOps(ops, n);
        State s = state(ops, new double[][] {h});
        List<Tensor> seeded = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            seeded.add(tangents.seed(s.get(i), offsets[i]));
        }
        Step step = network.step(tangents, params, inputs(ops, u, 1), new State(seeded), context(time));
        for (int i = 0; i < step.state().size(); i++) {
            double[] t = tangents.tangent(step.state().get(i)).toDoubleArray();
            int width = offsets[i + 1] - offsets[i];
            for (int k = 0; k < n; k++) {
                for (int e = 0; e < width; e++) {
                    j[offsets[i] + e][k] = t[k * width + e];
                }
            }
        }
        return j;
    }

    /**
     * One step with a tangent: {@code F(h, u)} into {@code next} and the product {@code (dF/dh) v}
     * returned, by forward mode (central differences along {@code v} when not differentiable).
     */
    double[] tangent(double[] h, double[] v, double[] u, int time, double[] next) {
        if (!differentiable) {
            double eps = step(h) / Math.max(Dense.norm(v), Double.MIN_NORMAL);
            double[][] rows = new double[3][dimension];
            for (int i = 0; i < dimension; i++) {
                rows[0][i] = h[i];
                rows[1][i] = h[i] + eps * v[i];
                rows[2][i] = h[i] - eps * v[i];
            }
            double[][] f = apply(rows, u, time);
            System.arraycopy(f[0], 0, next, 0, dimension);
            double[] jv = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                jv[i] = (f[1][i] - f[2][i]) / (2 * eps);
            }
            return jv;
        }
        TangentOps tangents = new TangentOps(ops, 1);
        State s = state(ops, new double[][] {h});
        List<Tensor> duals = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            double[] part = java.util.Arrays.copyOfRange(v, offsets[i], offsets[i + 1]);
            Shape shape = s.get(i).shape();
            int[] dims = new int[shape.rank() + 1];
            dims[0] = 1;
            System.arraycopy(shape.toArray(), 0, dims, 1, shape.rank());
            duals.add(tangents.dual(s.get(i), ops.fromArray(dtype, Shape.of(dims), part)));
        }
        Step step = network.step(tangents, params, inputs(ops, u, 1), new State(duals), context(time));
        double[] jv = new double[dimension];
        for (int i = 0; i < step.state().size(); i++) {
            Tensor out = step.state().get(i);
            System.arraycopy(tangents.value(out).toDoubleArray(), 0, next, offsets[i], offsets[i + 1] - offsets[i]);
            System.arraycopy(tangents.tangent(out).toDoubleArray(), 0, jv, offsets[i], offsets[i + 1] - offsets[i]);
        }
        return jv;
    }

    /** The central-difference step at {@code h}: the cube root of the dtype's epsilon, scaled by {@code |h|}. */
    private double step(double[] h) {
        double scale = 1;
        for (double x : h) {
            scale = Math.max(scale, Math.abs(x));
        }
        return Math.cbrt(dtype == DType.F64 ? Math.ulp(1.0) : Math.ulp(1.0f)) * scale;
    }

    private StepContext context(int time) {
        return StepContext.inference(time, seed, 0);
    }

    /** The rows {@code h} as the network's state, a batch of {@code h.length}. */
    State state(Ops on, double[][] h) {
        int batch = h.length;
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < rowShapes.size(); i++) {
            int width = offsets[i + 1] - offsets[i];
            double[] values = new double[batch * width];
            for (int k = 0; k < batch; k++) {
                System.arraycopy(h[k], offsets[i], values, k * width, width);
            }
            int[] row = rowShapes.get(i).toArray();
            int[] dims = new int[row.length + 1];
            dims[0] = batch;
            System.arraycopy(row, 0, dims, 1, row.length);
            tensors.add(on.fromArray(dtype, Shape.of(dims), values));
        }
        return new State(tensors);
    }

    /** The state of a batch of {@code batch} as rows. */
    double[][] flat(State state, int batch) {
        double[][] rows = new double[batch][dimension];
        for (int i = 0; i < state.size(); i++) {
            double[] values = state.get(i).toDoubleArray();
            int width = offsets[i + 1] - offsets[i];
            for (int k = 0; k < batch; k++) {
                System.arraycopy(values, k * width, rows[k], offsets[i], width);
            }
        }
        return rows;
    }

    private Tensor inputs(Ops on, double[] u, int batch) {
        int m = u.length;
        double[] values = new double[batch * m];
        for (int k = 0; k < batch; k++) {
            System.arraycopy(u, 0, values, k * m, m);
        }
        return on.fromArray(dtype, Shape.of(batch, m), values);
    }
}
