package io.engram.trainer.crbp.internal;

import io.engram.api.Batch;
import io.engram.api.Network;
import io.engram.api.StepwiseLoss;
import io.engram.autodiff.Tape;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.train.OnlineMethod;
import io.engram.train.StreamSteps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Causal recursive backpropagation, CRBP (Campolucci, Uncini, Piazza and Rao, "On-line learning
 * algorithms for locally recurrent neural networks", IEEE Trans. Neural Networks 10(2), 1999,
 * sec. III-IV), for the IIR-MLP: after every step {@code t} with a target, the weights change by the
 * gradient of that step's error {@code E(t)}, formed causally from what the network has seen.
 *
 * <p>With {@code g_n(tau) = dE(t)/ds_n(tau)} the delta of neuron {@code n} at a past step (the
 * paper's {@code delta}), every coefficient of synapse {@code nm} gets
 * <pre>
 *   dE(t)/dw_nm(p) = sum_{tau = t-Q}^{t} g_n(tau) alpha_nm(p)(tau),
 *   dE(t)/dv_nm(q) = sum_{tau = t-Q}^{t} g_n(tau) beta_nm(q)(tau),   dE(t)/db_n = sum_tau g_n(tau),
 * </pre>
 * where {@code alpha} and {@code beta} are the synapse's own recursive derivatives
 * ({@link LayerTrace}), exact over its whole past, and the deltas are backpropagated from the output
 * down the layers and back in time, at most {@code Q} ({@code depth}) steps:
 * <pre>
 *   g_n(tau)      = f'(s_n(tau)) e_n(tau),   e at the output = dE(t)/dx(t) at tau = t, 0 before
 *   d_nm(tau)     = g_n(tau) + sum_{q=1}^{I} v_nm(q) d_nm(tau + q)          (through the synapse's feedback)
 *   e_m(tau)      = sum_n sum_{p=0}^{L-1} w_nm(p) d_nm(tau + p)             (into the layer below)
 * </pre>
 * taking only steps up to {@code t} (causal) and from {@code t - Q} on (truncation). With activation
 * feedback the filter {@code d} runs once per neuron ({@code v_n}) instead of once per synapse. With
 * {@code Q = 0} it is the algorithm of Back and Tsoi 1991; with {@code Q} at least the stream's
 * length and the weights held fixed, the gradients summed over the stream are exactly BPTT's. Per
 * step it costs {@code O(Q W + W I)} for {@code W} coefficients and stores {@code O((Q + L + I) W)}:
 * local in space and in time. Immutable and thread-safe.
 */
final class CausalRecursiveBackprop implements OnlineMethod {
    private final int depth;

    /** @param depth {@code Q}, how many past steps the deltas of an error reach back */
    CausalRecursiveBackprop(int depth) {
        this.depth = depth;
    }

    @Override
    public double run(Ops ops, Network network, Map<String, Tensor> params, Batch stream, StepwiseLoss loss,
                      long seed, Updates updates) {
        IirStructure shape = IirStructure.of(network);
        StreamSteps steps = new StreamSteps(ops, stream, network.spec().dtype());
        int ring = depth + Math.max(shape.maOrder(), shape.arOrder()) + 2;
        LayerTrace[] layers = new LayerTrace[shape.layers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new LayerTrace(shape.inputs()[l], shape.neurons()[l], shape.maOrder(), shape.arOrder(),
                    shape.activationFeedback(), shape.functions().get(l), ring);
        }
        Map<String, Tensor> current = params;
        double[][][] c = coefficients(shape, current);
        double total = 0.0;
        for (int t = 0; t < steps.length(); t++) {
            double[] signal = steps.input(t).toDoubleArray();
            for (int l = 0; l < layers.length; l++) {
                signal = layers[l].forward(t, signal, c[0][l], c[1][l], c[2][l]);
            }
            if (!steps.hasTarget(t)) {
                continue;
            }
            Tape tape = new Tape(ops);
            Tensor out = tape.leaf(ops.fromArray(network.spec().dtype(), Shape.of(1, signal.length), signal));
            Tensor l = loss.loss(tape, out, steps.target(t), steps.lossMask(t));
            double[] error = tape.backward(l).of(out).toDoubleArray();
            double value = Tape.value(l).item();
            total += value;
            current = updates.apply(gradients(ops, network, current, deltas(layers, t, error, c)), value, 1);
            c = coefficients(shape, current);
        }
        return total;
    }

    /**
     * The gradient of {@code E(t)}: {@code [w, v, b][layer]}, from the deltas backpropagated at most
     * {@code depth} steps back.
     */
    private double[][][] deltas(LayerTrace[] layers, int t, double[] error, double[][][] c) {
        int lo = Math.max(0, t - depth);
        int span = t - lo + 1;
        double[][][] g = new double[3][layers.length][];
        double[][] e = new double[span][];
        for (int k = 0; k < span; k++) {
            e[k] = k == span - 1 ? error : new double[error.length];
        }
        for (int l = layers.length - 1; l >= 0; l--) {
            LayerTrace layer = layers[l];
            double[] w = c[0][l];
            double[] v = c[1][l];
            int synapses = layer.in * layer.out;
            double[][] delta = new double[span][layer.out];
            double[][] d = new double[span][layer.filters];
            g[0][l] = new double[w.length];
            g[1][l] = new double[v.length];
            g[2][l] = new double[layer.out];
            for (int k = span - 1; k >= 0; k--) {
                int now = layer.slot(lo + k);
                for (int n = 0; n < layer.out; n++) {
                    delta[k][n] = layer.slope(lo + k, n) * e[k][n];
                    g[2][l][n] += delta[k][n];
                }
                for (int u = 0; u < layer.filters; u++) {
                    double gn = delta[k][layer.neuron(u)];
                    double dk = gn;
                    for (int q = 1; q <= layer.ar; q++) {
                        dk += k + q < span ? v[u * layer.ar + q - 1] * d[k + q][u] : 0.0;
                        g[1][l][u * layer.ar + q - 1] += gn * layer.beta[now][u * layer.ar + q - 1];
                    }
                    d[k][u] = dk;
                }
                for (int nm = 0; nm < synapses; nm++) {
                    double gn = delta[k][nm / layer.in];
                    for (int p = 0; p < layer.ma; p++) {
                        g[0][l][nm * layer.ma + p] += gn * layer.alpha[now][nm * layer.ma + p];
                    }
                }
            }
            if (l > 0) {
                double[][] below = new double[span][layer.in];
                for (int k = 0; k < span; k++) {
                    for (int nm = 0; nm < synapses; nm++) {
                        for (int p = 0; p < layer.ma && k + p < span; p++) {
                            below[k][nm % layer.in] += w[nm * layer.ma + p] * d[k + p][layer.filter(nm)];
                        }
                    }
                }
                e = below;
            }
        }
        return g;
    }

    /** The gradient arrays as tensors under the trainable parameters' names, in the parameters' order. */
    private static Map<String, Tensor> gradients(Ops ops, Network network, Map<String, Tensor> params,
                                                 double[][][] g) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String name = e.getKey();
            if (!network.trainable().contains(name)) {
                continue;
            }
            int l = Integer.parseInt(name.substring(1, name.indexOf('.'))) - 1;
            int kind = name.endsWith(".w") ? 0 : name.endsWith(".v") ? 1 : 2;
            out.put(name, ops.fromArray(e.getValue().dtype(), e.getValue().shape(), g[kind][l]));
        }
        return out;
    }

    /** {@code [w, v, b][layer]} as flat arrays; {@code v} empty when {@code I = 0}. */
    private static double[][][] coefficients(IirStructure shape, Map<String, Tensor> params) {
        double[][][] c = new double[3][shape.layers()][];
        for (int l = 1; l <= shape.layers(); l++) {
            c[0][l - 1] = params.get(IirStructure.w(l)).toDoubleArray();
            Tensor v = params.get(IirStructure.v(l));
            c[1][l - 1] = v == null ? new double[0] : v.toDoubleArray();
            c[2][l - 1] = params.get(IirStructure.b(l)).toDoubleArray();
        }
        return c;
    }
}
