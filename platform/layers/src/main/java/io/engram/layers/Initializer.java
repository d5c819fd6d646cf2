package io.engram.layers;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded parameter initialisation. Draws come from one {@link SplittableRandom} in the order the
 * tensors are requested, so the same seed and the same request order give identical parameters.
 *
 * <p>Schemes, for a weight matrix with {@code fanIn} rows feeding {@code fanOut} units:
 * <ul>
 *   <li>{@code xavier}: uniform on {@code ±scale·sqrt(6 / (fanIn + fanOut))} (Glorot and Bengio
 *   2010, "Understanding the difficulty of training deep feedforward neural networks", AISTATS,
 *   eq. 16);</li>
 *   <li>{@code uniform}: uniform on {@code ±scale / sqrt(fanIn)};</li>
 *   <li>{@code normal}: Gaussian with mean 0 and standard deviation {@code scale / sqrt(fanIn)},
 *   drawn by the Box-Muller transform (one pair of uniforms per value).</li>
 * </ul>
 *
 * <p>Lifecycle: a network's factory creates one initializer, requests every parameter tensor in a
 * fixed order, and drops it. The returned tensors belong to the caller. Not thread-safe: one
 * initializer builds one network on one thread.
 */
public final class Initializer {
    /** The scheme names, as offered by {@link LayerSchema#initScheme()}. */
    public static final List<String> SCHEMES = List.of("xavier", "uniform", "normal");

    private final Ops ops;
    private final DType dtype;
    private final String scheme;
    private final double scale;
    private final SplittableRandom random;

    /**
     * @param scheme one of {@link #SCHEMES}
     * @param scale  multiplier of the range or standard deviation
     * @param seed   seed of the single random stream all draws come from
     * @throws IllegalArgumentException for an unknown scheme (a schema lets none through)
     */
    public Initializer(Ops ops, DType dtype, String scheme, double scale, long seed) {
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("unknown init scheme '" + scheme + "' (known: "
                    + String.join(", ", SCHEMES) + ")");
        }
        this.ops = ops;
        this.dtype = dtype;
        this.scheme = scheme;
        this.scale = scale;
        this.random = new SplittableRandom(seed);
    }

    /**
     * A weight matrix {@code [rows, blocks * units]} made of {@code blocks} gate blocks side by side,
     * each initialised as a {@code rows -> units} layer. Values are drawn in row-major order.
     */
    public Tensor weights(int rows, int units, int blocks) {
        double[] w = new double[rows * units * blocks];
        for (int i = 0; i < w.length; i++) {
            w[i] = draw(rows, units);
        }
        return ops.fromArray(dtype, Shape.of(rows, units * blocks), w);
    }

    /** A vector of {@code n} copies of {@code value}; draws nothing. */
    public Tensor constant(int n, double value) {
        return ops.full(dtype, Shape.of(n), value);
    }

    /** A vector from explicit values; draws nothing. */
    public Tensor vector(double[] values) {
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
            default:
                return scale / Math.sqrt(fanIn) * gaussian();
        }
    }

    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
