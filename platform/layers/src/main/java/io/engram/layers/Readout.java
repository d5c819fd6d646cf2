package io.engram.layers;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * The linear readout of a recurrent network, {@code y_t = h_t V + c}, from the units of its top
 * layer to its raw (pre-activation) outputs; the loss applies softmax or the like.
 *
 * <p>Parameters: {@value #WEIGHTS} {@code [hidden, out]} and {@value #BIAS} {@code [out]}.
 * Stateless and thread-safe.
 */
public final class Readout {
    /** Name of the weight matrix {@code V}. */
    public static final String WEIGHTS = "readout.w";
    /** Name of the bias {@code c}. */
    public static final String BIAS = "readout.b";

    private Readout() {
    }

    /**
     * Adds {@code V} (drawn from {@code init} as a {@code hidden -> outputs} layer) and then
     * {@code c} (zeros) to {@code parameters}, in that order.
     */
    public static void initialise(Map<String, Tensor> parameters, Initializer init, int hidden, int outputs) {
        parameters.put(WEIGHTS, init.weights(hidden, outputs, 1));
        parameters.put(BIAS, init.constant(outputs, 0));
    }

    /** {@code h V + c} for {@code h [batch, hidden]}, with {@code V} and {@code c} read from {@code params}. */
    public static Tensor apply(Ops ops, Map<String, Tensor> params, Tensor h) {
        return ops.add(ops.matmul(h, params.get(WEIGHTS)), params.get(BIAS));
    }
}
