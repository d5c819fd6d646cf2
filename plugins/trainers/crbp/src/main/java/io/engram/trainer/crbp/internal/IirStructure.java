package io.engram.trainer.crbp.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The layers of an {@code iir-mlp} network as its family publishes them: layer {@code l} (from 1)
 * has {@code l<l>.w [N_l, N_{l-1} L]} ({@code w_nm(p)} at {@code [n, m L + p]}), {@code l<l>.v
 * [N_l, N_{l-1} I]} ({@code v_nm(q)} at {@code [n, m I + q - 1]}, absent when {@code I = 0}) and
 * {@code l<l>.b [N_l]}; hidden layers use the spec's {@code activation} (default tanh), the last
 * one its {@code output} function (default linear). Read from a network's parameters and spec, so
 * the trainer needs no code of the family. Immutable.
 *
 * @param inputs    {@code N_{l-1}} per layer
 * @param neurons   {@code N_l} per layer
 * @param maOrder   {@code L}
 * @param arOrder   {@code I}
 * @param functions the unit function of each layer
 * @param activationFeedback the spec's {@code feedback} is {@code activation}: one feedback filter per
 *                  neuron on its activation ({@code l<l>.v [N_l, I]}) instead of one per synapse
 */
record IirStructure(int[] inputs, int[] neurons, int maOrder, int arOrder, List<String> functions,
                    boolean activationFeedback) {
    static final String FAMILY = "iir-mlp";

    /** The layers of {@code network}, which must be of family {@value #FAMILY}. */
    static IirStructure of(Network network) {
        Map<String, Tensor> p = network.parameters();
        int layers = 0;
        while (p.containsKey(w(layers + 1))) {
            layers++;
        }
        if (!FAMILY.equals(network.spec().family()) || layers == 0) {
            throw new IllegalArgumentException("causal recursive backpropagation trains networks of family '" + FAMILY
                    + "', not '" + network.spec().family() + "'");
        }
        int[] in = new int[layers];
        int[] out = new int[layers];
        List<String> functions = new ArrayList<>();
        Hyperparameters h = network.spec().hyper();
        for (int l = 1; l <= layers; l++) {
            out[l - 1] = p.get(w(l)).dim(0);
            in[l - 1] = l == 1 ? network.spec().inputSize() : out[l - 2];
            functions.add(l < layers ? (h.has("activation") ? h.getString("activation") : "tanh")
                    : (h.has("output") ? h.getString("output") : "linear"));
        }
        boolean activation = h.has("feedback") && h.getString("feedback").equals("activation");
        int ma = p.get(w(1)).dim(1) / in[0];
        int ar = p.containsKey(v(1)) ? p.get(v(1)).dim(1) / (activation ? 1 : in[0]) : 0;
        return new IirStructure(in, out, ma, ar, functions, activation);
    }

    int layers() {
        return neurons.length;
    }

    static String w(int l) {
        return "l" + l + ".w";
    }

    static String v(int l) {
        return "l" + l + ".v";
    }

    static String b(int l) {
        return "l" + l + ".b";
    }

    /** {@code f'(s)} from the unit's output {@code o = f(s)} and {@code s}. */
    static double slope(String function, double s, double o) {
        switch (function) {
            case "tanh":
                return 1 - o * o;
            case "sigmoid":
                return o * (1 - o);
            case "relu":
                return s > 0 ? 1 : 0;
            case "linear":
                return 1;
            default:
                throw new IllegalArgumentException("unknown unit function '" + function + "'");
        }
    }

    /** {@code f(s)}. */
    static double apply(String function, double s) {
        switch (function) {
            case "tanh":
                return Math.tanh(s);
            case "sigmoid":
                return 1 / (1 + Math.exp(-s));
            case "relu":
                return Math.max(0, s);
            case "linear":
                return s;
            default:
                throw new IllegalArgumentException("unknown unit function '" + function + "'");
        }
    }
}
