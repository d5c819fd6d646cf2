package io.engram.family.elman.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Seeded parameter initialisation. Draws come from one {@link SplittableRandom} in the order the
 * tensors are requested, so the same seed and the same request order give identical parameters.
 *
 * <p>Schemes, for a weight matrix with {@code fanIn} rows feeding {@code fanOut} units:
 * <ul>
 *   <li>{@code xavier}: uniform on {@code ±scale·sqrt(6 / (fanIn + fanOut))} (Glorot and Bengio 2010, eq. 16);</li>
 *   <li>{@code uniform}: uniform on {@code ±scale / sqrt(fanIn)};</li>
 *   <li>{@code normal}: Gaussian with mean 0 and standard deviation {@code scale / sqrt(fanIn)}.</li>
 * </ul>
 * Not thread-safe: one initializer builds one network on one thread.
 */
final class Initializer {
    private final Ops ops;
    private final DType dtype;
    private final String scheme;
    private final double scale;
    private final SplittableRandom random;

    Initializer(Ops ops, DType dtype, String scheme, double scale, long seed) {
        this.ops = ops;
        this.dtype = dtype;
        this.scheme = scheme;
        this.scale = scale;
        this.random = new SplittableRandom(seed);
    }

    /**
     * A weight matrix {@code [rows, blocks * units]} made of {@code blocks} gate blocks side by side,
     * each initialised as a {@code rows -> units} layer.
     */
    Tensor weights(int rows, int units, int blocks) {
        double[] w = new double[rows * units * blocks];
        for (int i = 0; i < w.length; i++) {
            w[i] = draw(rows, units);
        }
        return ops.fromArray(dtype, Shape.of(rows, units * blocks), w);
    }

    /** A vector of {@code n} copies of {@code value}. */
    Tensor constant(int n, double value) {
        return ops.full(dtype, Shape.of(n), value);
    }

    /** A vector from explicit values. */
    Tensor vector(double[] values) {
        return ops.fromArray(dtype, Shape.of(values.length), values);
    }

    private double draw(int fanIn, int fanOut) {
        switch (scheme) {
            case "xavier": {
                double a = scale * Math.sqrt(6.0 / (fanIn + fanOut));
                return a * (2 * random.nextDouble() - 1);
            }
            case "uniform": {
                double a = scale / Math.sqrt(fanIn);
                return a * (2 * random.nextDouble() - 1);
            }
            case "normal":
                return scale / Math.sqrt(fanIn) * gaussian();
            default:
                throw new IllegalArgumentException("unknown init scheme '" + scheme + "'");
        }
    }

    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
