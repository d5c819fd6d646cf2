package io.engram.backend.memristor.internal;

import io.engram.backend.memristor.CrossbarCost;
import io.engram.backend.memristor.DeviceModel;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The op vocabulary with every matrix product on a {@link Crossbar} and every other op on the CPU
 * backend's ops, whose tensors these are. The second operand of a product, {@code op(b)}, is the
 * matrix held in the array (a transposed operand is read through the array's other side); the rows
 * of {@code op(a)} are applied as input vectors, one read cycle each. The fused steps are not
 * delegated: their decomposition into plain ops puts their recurrent products on the crossbar.
 *
 * <p>Noise: the {@code n}-th product of this instance (counted from 0, in call order) draws from a
 * generator seeded by {@code (seed, n)}, so one thread running the same computation twice on two
 * instances with one seed gets identical results. Thread-safe; with several threads the order of
 * products, and so the noise, depends on scheduling. Each product's cost goes to the listener, on
 * the calling thread.
 */
public final class CrossbarOps implements Ops {
    private final Ops cpu;
    private final Crossbar crossbar;
    private final long seed;
    private final AtomicLong products = new AtomicLong();
    private final Consumer<CrossbarCost> listener;

    /** Products on a crossbar of {@code device}, everything else on {@code cpu}. */
    public CrossbarOps(Ops cpu, DeviceModel device, long seed, Consumer<CrossbarCost> listener) {
        this.cpu = cpu;
        this.crossbar = new Crossbar(device, seed);
        this.seed = seed;
        this.listener = listener;
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul needs rank-2 operands, got " + a.shape() + " and " + b.shape());
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("matmul operands differ in dtype: " + a.dtype() + " and " + b.dtype());
        }
        int m = transposeA ? a.dim(1) : a.dim(0);
        int k = transposeA ? a.dim(0) : a.dim(1);
        int kb = transposeB ? b.dim(1) : b.dim(0);
        int n = transposeB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner extents differ, " + a.shape() + (transposeA ? "^T" : "")
                    + " @ " + b.shape() + (transposeB ? "^T" : ""));
        }
        double[] x = rowMajor(a.toDoubleArray(), a.dim(0), a.dim(1), transposeA);
        double[] w = rowMajor(b.toDoubleArray(), b.dim(0), b.dim(1), transposeB);
        long index = products.getAndIncrement();
        Crossbar.Product p = crossbar.multiply(x, w, m, k, n, new SplittableRandom(mix(seed, index)));
        listener.accept(p.cost());
        return cpu.fromArray(a.dtype(), Shape.of(m, n), p.y());
    }

    private static double[] rowMajor(double[] v, int rows, int cols, boolean transpose) {
        if (!transpose) {
            return v;
        }
        double[] t = new double[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = v[r * cols + c];
            }
        }
        return t;
    }

    private static long mix(long seed, long index) {
        long z = seed ^ (index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    @Override
    public Workspace workspace() {
        return cpu.workspace();
    }

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return cpu.zeros(dtype, shape);
    }

    @Override
    public Tensor full(DType dtype, Shape shape, double value) {
        return cpu.full(dtype, shape, value);
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, double[] values) {
        return cpu.fromArray(dtype, shape, values);
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, float[] values) {
        return cpu.fromArray(dtype, shape, values);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return cpu.add(a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return cpu.sub(a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return cpu.mul(a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return cpu.div(a, b);
    }

    @Override
    public Tensor scale(Tensor a, double alpha) {
        return cpu.scale(a, alpha);
    }

    @Override
    public Tensor addScalar(Tensor a, double beta) {
        return cpu.addScalar(a, beta);
    }

    @Override
    public Tensor tanh(Tensor a) {
        return cpu.tanh(a);
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return cpu.sigmoid(a);
    }

    @Override
    public Tensor relu(Tensor a) {
        return cpu.relu(a);
    }

    @Override
    public Tensor exp(Tensor a) {
        return cpu.exp(a);
    }

    @Override
    public Tensor log(Tensor a) {
        return cpu.log(a);
    }

    @Override
    public Tensor sqrt(Tensor a) {
        return cpu.sqrt(a);
    }

    @Override
    public Tensor abs(Tensor a) {
        return cpu.abs(a);
    }

    @Override
    public Tensor sign(Tensor a) {
        return cpu.sign(a);
    }

    @Override
    public Tensor maximum(Tensor a, Tensor b) {
        return cpu.maximum(a, b);
    }

    @Override
    public Tensor minimum(Tensor a, Tensor b) {
        return cpu.minimum(a, b);
    }

    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return cpu.greater(a, b);
    }

    @Override
    public Tensor greaterEqual(Tensor a, Tensor b) {
        return cpu.greaterEqual(a, b);
    }

    @Override
    public Tensor heaviside(Tensor a, double surrogateSlope) {
        return cpu.heaviside(a, surrogateSlope);
    }

    @Override
    public Tensor cumsum(Tensor a, int axis) {
        return cpu.cumsum(a, axis);
    }

    @Override
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        return cpu.where(mask, a, b);
    }

    @Override
    public Tensor softmax(Tensor a, int axis) {
        return cpu.softmax(a, axis);
    }

    @Override
    public Tensor logSoftmax(Tensor a, int axis) {
        return cpu.logSoftmax(a, axis);
    }

    @Override
    public Tensor sum(Tensor a, int axis) {
        return cpu.sum(a, axis);
    }

    @Override
    public Tensor mean(Tensor a, int axis) {
        return cpu.mean(a, axis);
    }

    @Override
    public Tensor sumAll(Tensor a) {
        return cpu.sumAll(a);
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        return cpu.concat(axis, parts);
    }

    @Override
    public Tensor slice(Tensor a, int axis, int from, int to) {
        return cpu.slice(a, axis, from, to);
    }

    @Override
    public Tensor gather(Tensor a, int axis, int[] indices) {
        return cpu.gather(a, axis, indices);
    }

    @Override
    public Tensor scatterAdd(Tensor a, int axis, int[] indices, int size) {
        return cpu.scatterAdd(a, axis, indices, size);
    }

    @Override
    public Tensor reshape(Tensor a, Shape shape) {
        return cpu.reshape(a, shape);
    }

    @Override
    public Tensor transpose(Tensor a) {
        return cpu.transpose(a);
    }
}
