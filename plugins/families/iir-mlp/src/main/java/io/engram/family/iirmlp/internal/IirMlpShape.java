package io.engram.family.iirmlp.internal;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Schema;
import io.engram.layers.Activation;
import io.engram.layers.LayerSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of an IIR-MLP network (family {@value #FAMILY}): layers {@code l = 1..M} of
 * {@code N_l} neurons over {@code N_0} inputs, every synapse an IIR filter with {@code L} taps on
 * its input (moving average, delays 0 to {@code L - 1}) and {@code I} on its own output
 * (autoregressive, delays 1 to {@code I}). Immutable.
 *
 * <p>Parameters of layer {@code l} (from 1): {@code l<l>.w [N_l, N_{l-1} L]} with {@code w_nm(p)} at
 * {@code [n, m L + p]}; {@code l<l>.v [N_l, N_{l-1} I]} with {@code v_nm(q)} at
 * {@code [n, m I + q - 1]} (absent when {@code I = 0}); {@code l<l>.b [N_l]}.
 *
 * @param sizes      {@code N_0} (inputs), the hidden layers' sizes and {@code N_M} (outputs)
 * @param maOrder    {@code L}, at least 1
 * @param arOrder    {@code I}, at least 0 ({@code 0}: a FIR-MLP)
 * @param functions  each layer's unit function, from layer 1: an {@link Activation} name or {@value #LINEAR}
 * @param activationFeedback the feedback is on each neuron's activation ({@code l<l>.v [N_l, I]} with
 *                   {@code v_n(q)} at {@code [n, q - 1]}) instead of in each synapse
 */
record IirMlpShape(List<Integer> sizes, int maOrder, int arOrder, List<String> functions, boolean activationFeedback) {
    /** The family's id. */
    public static final String FAMILY = "iir-mlp";
    /** Feedback in every synapse. */
    public static final String SYNAPSE = "synapse";
    /** Feedback on each neuron's activation. */
    public static final String ACTIVATION = "activation";
    /** The identity as unit function. */
    public static final String LINEAR = "linear";

    /** The family's hyperparameters. */
    public static final Schema SCHEMA = Schema.of(
            LayerSchema.hidden("Neurons per hidden layer."),
            HyperParameter.integer("layers", 1, 0, 16, "Hidden layers (0: a single layer of IIR synapses)."),
            HyperParameter.integer("ma.order", 2, 1, 64,
                    "L: taps of each synapse's moving-average part, delays 0 to L - 1."),
            HyperParameter.integer("ar.order", 1, 0, 64,
                    "I: taps of each synapse's autoregressive (feedback) part, delays 1 to I; 0 gives a FIR-MLP."),
            LayerSchema.activation("Unit function of the hidden neurons."),
            HyperParameter.choice("output", LINEAR, outputs(), "Unit function of the output neurons."),
            HyperParameter.choice("feedback", SYNAPSE, List.of(SYNAPSE, ACTIVATION),
                    "Where the feedback is: in every synapse (IIR-MLP) or on each neuron's activation, the sum of its "
                            + "synapses' moving averages (activation feedback MLN)."),
            HyperParameter.real("feedback.scale", 0.1, 0.0, 1.0,
                    "Initial feedback coefficients are drawn uniformly in +-feedback.scale / I (a stable start)."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    public IirMlpShape {
        sizes = List.copyOf(sizes);
        functions = List.copyOf(functions);
        if (sizes.size() < 2 || functions.size() != sizes.size() - 1 || maOrder < 1 || arOrder < 0) {
            throw new IllegalArgumentException("an IIR-MLP needs at least one layer, a function per layer, L >= 1 and "
                    + "I >= 0; got sizes " + sizes + ", functions " + functions + ", L = " + maOrder + ", I = " + arOrder);
        }
    }

    /** The shape of a network of this family built to {@code spec}. */
    public static IirMlpShape of(ModelSpec spec) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        List<Integer> sizes = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        sizes.add(spec.inputSize());
        for (int l = 0; l < h.getInt("layers"); l++) {
            sizes.add(h.getInt("hidden"));
            functions.add(h.getString("activation"));
        }
        sizes.add(spec.outputSize());
        functions.add(h.getString("output"));
        return new IirMlpShape(sizes, h.getInt("ma.order"), h.getInt("ar.order"), functions,
                h.getString("feedback").equals(ACTIVATION));
    }

    /** {@code M}, the number of layers of neurons. */
    public int layers() {
        return sizes.size() - 1;
    }

    /** {@code N_l}; {@code l = 0} is the input. */
    public int size(int l) {
        return sizes.get(l);
    }

    /** The unit function of layer {@code l}, from 1. */
    public String function(int l) {
        return functions.get(l - 1);
    }

    /** The number of feedback filters of layer {@code l}: one per synapse, or one per neuron. */
    public int filters(int l) {
        return activationFeedback ? size(l) : size(l) * size(l - 1);
    }

    /** Name of layer {@code l}'s moving-average coefficients. */
    public static String w(int l) {
        return "l" + l + ".w";
    }

    /** Name of layer {@code l}'s feedback coefficients. */
    public static String v(int l) {
        return "l" + l + ".v";
    }

    /** Name of layer {@code l}'s biases. */
    public static String b(int l) {
        return "l" + l + ".b";
    }

    private static List<String> outputs() {
        List<String> o = new ArrayList<>(List.of(LINEAR));
        o.addAll(Activation.NAMES);
        return o;
    }
}
