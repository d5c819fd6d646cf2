package io.engram.family.iirmlp.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * One layer of an IIR-MLP (Campolucci, Uncini, Piazza and Rao, "On-line learning algorithms for
 * locally recurrent neural networks", IEEE Trans. Neural Networks 10(2), 1999, sec. II, eqs. 1-3;
 * the IIR synapse of Back and Tsoi 1991): neuron {@code n} of layer {@code l} receives from each
 * neuron {@code m} of the layer below through an IIR filter,
 * <pre>
 *   y_nm(t) = sum_{p=0}^{L-1} w_nm(p) x_m(t - p) + sum_{q=1}^{I} v_nm(q) y_nm(t - q)     (1)
 *   s_n(t)  = b_n + sum_m y_nm(t)                                                       (2)
 *   x_n(t)  = f(s_n(t))                                                                 (3)
 * </pre>
 * (the paper writes the bias as a synapse from a constant input; here it is a plain bias). The
 * state it carries is the input line {@code x_m(t-1..t-L+1)} ({@code [batch, N_{l-1} (L-1)]} at
 * {@code m (L-1) + p - 1}) and each synapse's output line {@code y_nm(t-1..t-I)}
 * ({@code [batch, N_l N_{l-1} I]} at {@code (n N_{l-1} + m) I + q - 1}), zero before the first step.
 * The filters of all synapses run as one gather, one product and one sum per part.
 *
 * <p>With activation feedback (the local-feedback multilayer network of Frasconi, Gori and Soda
 * 1992, which Campolucci et al. treat alongside) the synapses are FIR filters and the feedback acts
 * on each neuron's activation instead:
 * <pre>
 *   a_n(t) = sum_m sum_{p=0}^{L-1} w_nm(p) x_m(t - p) + sum_{q=1}^{I} v_n(q) a_n(t - q),   s_n(t) = b_n + a_n(t)
 * </pre>
 * and the output line holds {@code a_n(t-1..t-I)} ({@code [batch, N_l I]} at {@code n I + q - 1}).
 * Immutable.
 */
final class IirLayer {
    private final int inputs;
    private final int neurons;
    private final int ma;
    private final int ar;
    private final String function;
    private final boolean activationFeedback;
    private final int filters;
    private final int[] taps;
    private final int[] nextInputs;
    private final int[] nextOutputs;

    IirLayer(IirMlpShape shape, int l) {
        this.inputs = shape.size(l - 1);
        this.neurons = shape.size(l);
        this.ma = shape.maOrder();
        this.ar = shape.arOrder();
        this.function = shape.function(l);
        this.activationFeedback = shape.activationFeedback();
        this.filters = shape.filters(l);
        this.taps = new int[neurons * inputs * ma];
        for (int n = 0, k = 0; n < neurons; n++) {
            for (int m = 0; m < inputs; m++) {
                for (int p = 0; p < ma; p++, k++) {
                    taps[k] = p == 0 ? m : inputs + m * (ma - 1) + p - 1;
                }
            }
        }
        this.nextInputs = new int[inputs * (ma - 1)];
        for (int m = 0, k = 0; m < inputs; m++) {
            for (int p = 1; p < ma; p++, k++) {
                nextInputs[k] = p == 1 ? m : inputs + m * (ma - 1) + p - 2;
            }
        }
        this.nextOutputs = new int[filters * ar];
        for (int u = 0, k = 0; u < filters; u++) {
            for (int q = 1; q <= ar; q++, k++) {
                nextOutputs[k] = q == 1 ? u : filters + u * ar + q - 2;
            }
        }
    }

    boolean hasInputLine() {
        return ma > 1;
    }

    boolean hasOutputLine() {
        return ar > 0;
    }

    /**
     * One step: {@code x [batch, N_{l-1}]} and the lines (null where absent) give
     * {@code [x_n(t) [batch, N_l], next input line or null, next output line or null]}.
     */
    List<Tensor> step(Ops ops, Tensor x, Tensor inputLine, Tensor outputLine, Tensor w, Tensor v, Tensor b) {
        int batch = x.dim(0);
        int synapses = neurons * inputs;
        Tensor source = inputLine == null ? x : ops.concat(1, List.of(x, inputLine));
        Tensor tapped = ops.mul(ops.gather(source, 1, taps), ops.reshape(w, Shape.of(1, synapses * ma)));
        Tensor y = ops.reshape(ops.sum(ops.reshape(tapped, Shape.of(batch * synapses, ma)), 1), Shape.of(batch, synapses));
        if (activationFeedback) {
            y = sumOverInputs(ops, y, batch);
        }
        if (outputLine != null) {
            Tensor fed = ops.mul(outputLine, ops.reshape(v, Shape.of(1, filters * ar)));
            y = ops.add(y, ops.reshape(ops.sum(ops.reshape(fed, Shape.of(batch * filters, ar)), 1),
                    Shape.of(batch, filters)));
        }
        Tensor s = ops.add(activationFeedback ? y : sumOverInputs(ops, y, batch), b);
        Tensor out = function.equals(IirMlpShape.LINEAR) ? s : Activation.apply(ops, function, s);
        Tensor nextIn = inputLine == null ? null : ops.gather(source, 1, nextInputs);
        Tensor nextOut = outputLine == null ? null : ops.gather(ops.concat(1, List.of(y, outputLine)), 1, nextOutputs);
        return java.util.Arrays.asList(out, nextIn, nextOut);
    }

    /** {@code [batch, N_l N_{l-1}]} summed over the inputs {@code m} of each neuron: {@code [batch, N_l]}. */
    private Tensor sumOverInputs(Ops ops, Tensor perSynapse, int batch) {
        return ops.reshape(ops.sum(ops.reshape(perSynapse, Shape.of(batch * neurons, inputs)), 1),
                Shape.of(batch, neurons));
    }
}
