package io.engram.backend.memristor.internal;

import io.engram.backend.memristor.CrossbarCost;
import io.engram.backend.memristor.DeviceModel;
import io.engram.tensor.ForwardingOps;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The op vocabulary with every matrix product on a {@link Crossbar} and every other op on the CPU
 * backend's ops, whose tensors these are. The second operand of a product, {@code op(b)}, is the
 * matrix held in the array (a transposed operand is read through the array's other side); the rows
 * of {@code op(a)} are applied as input vectors, one read cycle each. As {@link ForwardingOps}
 * leaves them, the batched products, the input projection and the recurrent kernels are not
 * delegated: their decomposition into plain ops puts their products on the crossbar.
 *
 * <p>Noise: the {@code n}-th product of this instance (counted from 0, in call order) draws from a
 * generator seeded by {@code (seed, n)}, so one thread running the same computation twice on two
 * instances with one seed gets identical results. Thread-safe; with several threads the order of
 * products, and so the noise, depends on scheduling. Each product's cost goes to the listener, on
 * the calling thread.
 */
public final class CrossbarOps extends ForwardingOps {
    private final Crossbar crossbar;
    private final long seed;
    private final AtomicLong products = new AtomicLong();
    private final Consumer<CrossbarCost> listener;

    /** Products on a crossbar of {@code device}, everything else on {@code cpu}. */
    public CrossbarOps(Ops cpu, DeviceModel device, long seed, Consumer<CrossbarCost> listener) {
        super(cpu);
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
        return delegate().fromArray(a.dtype(), Shape.of(m, n), p.y());
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
}
