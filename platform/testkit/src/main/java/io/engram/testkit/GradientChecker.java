package io.engram.testkit;

import io.engram.api.Batch;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.SequenceGradients;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Compares analytic gradients with central differences in float64, over every parameter element.
 *
 * <p>The numeric derivative of a loss {@code L} in one coordinate is the central difference
 * {@code D(h) = (L(w + h e_i) - L(w - h e_i)) / 2h} improved by one Richardson extrapolation step,
 * {@code (4 D(h/2) - D(h)) / 3}, whose truncation error is {@code O(h^4)}; with {@code h = 1e-4}
 * its error is near {@code 1e-11} for losses of order one. The relative error of a coordinate is
 * {@code |a - n| / max(|a|, |n|, floor)}, where the floor (default {@code 1e-4}) keeps gradients
 * that are zero up to rounding from dominating. Stateless.
 */
public final class GradientChecker {
    /** Default step of the central differences. */
    public static final double STEP = 1e-4;
    /** Default floor of the denominator of the relative error. */
    public static final double FLOOR = 1e-4;
    private static final Ops REFERENCE = new ReferenceOps();

    private GradientChecker() {
    }

    /**
     * The largest relative error between full-BPTT gradients of {@code network} (its current
     * trainable parameters, which must be f64) over {@code batch} and central differences of the normalised
     * loss.
     */
    public static double maxRelativeError(Ops ops, Network network, Batch batch, Loss loss) {
        Map<String, Tensor> params = network.parameters();
        Map<String, Tensor> analytic = SequenceGradients.bptt().compute(ops, network, params, batch, loss, 1L)
                .gradients();
        int targets = Math.max(1, SequenceGradients.terms(network, batch, loss));
        return maxRelativeError(ops, params, analytic,
                p -> SequenceGradients.lossSum(ops, network, p, batch, loss, true, 1L) / targets);
    }

    /**
     * As {@link #maxRelativeError(Ops, Network, Batch, Loss)} on the {@link ReferenceOps}, for a
     * network built on the {@link ReferenceBackend}.
     */
    public static double maxRelativeError(Network network, Batch batch, Loss loss) {
        return maxRelativeError(REFERENCE, network, batch, loss);
    }

    /**
     * As {@link #maxRelativeError(Ops, Map, Map, ToDoubleFunction)}, the perturbed parameters made by
     * the {@link ReferenceOps}.
     */
    public static double maxRelativeError(Map<String, Tensor> params, Map<String, Tensor> analytic,
                                          ToDoubleFunction<Map<String, Tensor>> loss) {
        return maxRelativeError(REFERENCE, params, analytic, loss);
    }

    /**
     * The largest relative error between {@code analytic} and central differences of {@code loss}
     * around {@code params}, over every element of every parameter that has an analytic gradient
     * (a network's trainable ones); the others are held fixed.
     *
     * @throws IllegalArgumentException if a parameter is not f64
     */
    public static double maxRelativeError(Ops ops, Map<String, Tensor> params, Map<String, Tensor> analytic,
                                          ToDoubleFunction<Map<String, Tensor>> loss) {
        double worst = 0.0;
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (!analytic.containsKey(e.getKey())) {
                continue;
            }
            Tensor p = e.getValue();
            if (p.dtype() != DType.F64) {
                throw new IllegalArgumentException("gradient checks need f64 parameters; '" + e.getKey() + "' is "
                        + p.dtype());
            }
            double[] values = p.toDoubleArray();
            double[] a = analytic.get(e.getKey()).toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                double full = central(ops, params, e.getKey(), values, i, STEP, loss);
                double half = central(ops, params, e.getKey(), values, i, STEP / 2, loss);
                double numeric = (4 * half - full) / 3;
                double error = Math.abs(a[i] - numeric) / Math.max(FLOOR, Math.max(Math.abs(a[i]), Math.abs(numeric)));
                if (!(error <= worst)) {
                    worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
                }
            }
        }
        return worst;
    }

    private static double central(Ops ops, Map<String, Tensor> params, String name, double[] values, int i, double h,
                                  ToDoubleFunction<Map<String, Tensor>> loss) {
        return (at(ops, params, name, values, i, h, loss) - at(ops, params, name, values, i, -h, loss)) / (2 * h);
    }

    private static double at(Ops ops, Map<String, Tensor> params, String name, double[] values, int i, double delta,
                             ToDoubleFunction<Map<String, Tensor>> loss) {
        double[] v = values.clone();
        v[i] += delta;
        Map<String, Tensor> p = new LinkedHashMap<>(params);
        p.put(name, ops.fromArray(DType.F64, params.get(name).shape(), v));
        return loss.applyAsDouble(p);
    }
}
