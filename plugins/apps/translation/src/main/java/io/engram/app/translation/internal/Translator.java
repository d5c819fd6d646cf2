package io.engram.app.translation.internal;

import io.engram.api.Dataset;
import io.engram.api.Decoder;
import io.engram.api.Network;
import io.engram.layers.Decoding;
import io.engram.layers.LengthPenalty;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a network's outputs on a dataset into target token ids. A {@link Decoder} network is decoded
 * greedily ({@link Decoding#greedy}, {@value #BATCH} sentences at a time) or by beam search
 * ({@link Decoding#beam}, the best hypothesis under the length penalty), each sentence at most
 * {@link TranslationSettings#maxTargetLength} tokens; any other network is read as writing one
 * target token per source step (the highest output), up to the first end token. Stateless.
 */
final class Translator {
    /** Sentences decoded together by greedy search. */
    static final int BATCH = 64;

    private Translator() {
    }

    /** Per sequence of {@code data}, the greedy translation's ids (the end token included when emitted). */
    static List<int[]> greedy(Network network, Ops ops, Dataset data, long seed) {
        if (network.capability(Decoder.class).isEmpty()) {
            return perStep(network, ops, data, seed);
        }
        List<int[]> out = new ArrayList<>(data.size());
        for (int from = 0; from < data.size(); from += BATCH) {
            List<double[][]> sources = new ArrayList<>();
            int longest = 1;
            for (int i = from; i < Math.min(data.size(), from + BATCH); i++) {
                sources.add(data.get(i).inputs());
                longest = Math.max(longest, limit(data.get(i).length()));
            }
            List<Decoding.Hypothesis> hyps = Decoding.greedy(network, ops, sources, longest);
            for (int k = 0; k < hyps.size(); k++) {
                int[] tokens = hyps.get(k).tokens();
                out.add(Arrays.copyOf(tokens, Math.min(tokens.length, limit(sources.get(k).length))));
            }
        }
        return out;
    }

    /** Per sequence of {@code data}, the best beam-search translation's ids; greedy ones without a decoder. */
    static List<int[]> beam(Network network, Ops ops, Dataset data, int width, LengthPenalty penalty, long seed) {
        if (network.capability(Decoder.class).isEmpty()) {
            return perStep(network, ops, data, seed);
        }
        List<int[]> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            double[][] source = data.get(i).inputs();
            out.add(Decoding.beam(network, ops, source, width, limit(source.length), penalty).get(0).tokens());
        }
        return out;
    }

    /** The most tokens decoded for a source of {@code steps} steps (its tokens and the end token). */
    private static int limit(int steps) {
        return TranslationSettings.maxTargetLength(Math.max(0, steps - 1));
    }

    private static List<int[]> perStep(Network network, Ops ops, Dataset data, long seed) {
        List<int[]> out = new ArrayList<>(data.size());
        for (double[][] steps : SequenceOutputs.of(network, ops, data, seed)) {
            int[] ids = new int[steps.length];
            for (int t = 0; t < steps.length; t++) {
                int best = 0;
                for (int v = 1; v < steps[t].length; v++) {
                    best = steps[t][v] > steps[t][best] ? v : best;
                }
                ids[t] = best;
            }
            out.add(ids);
        }
        return out;
    }
}
