package io.engram.app.translation.internal;

import io.engram.api.Dataset;
import io.engram.api.Decoder;
import io.engram.api.Network;
import io.engram.layers.Decoding;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a network's outputs on a dataset into target token ids. A {@link Decoder} network is decoded
 * greedily ({@link Decoding#greedy}) or with beam search ({@link Decoding#beam}, the best hypothesis),
 * at most {@link TranslationSettings#maxTargetLength} tokens; any other network is read as writing
 * one target token per source step (the highest output), up to the first end token. Stateless.
 */
final class Translator {

    private Translator() {
    }

    /** Per sequence of {@code data}, the decoded ids (the end token included when emitted). */
    static List<int[]> translate(Network network, Ops ops, Dataset data, int beam, long seed) {
        List<int[]> out = new ArrayList<>(data.size());
        if (network.capability(Decoder.class).isEmpty()) {
            for (double[][] steps : SequenceOutputs.of(network, ops, data, seed)) {
                int[] ids = new int[steps.length];
                for (int t = 0; t < steps.length; t++) {
                    ids[t] = argmax(steps[t]);
                }
                out.add(ids);
            }
            return out;
        }
        for (int i = 0; i < data.size(); i++) {
            double[][] source = data.get(i).inputs();
            int max = TranslationSettings.maxTargetLength(source.length - 1);
            out.add(beam <= 1 ? Decoding.greedy(network, ops, source, max, true).tokens()
                    : Decoding.beam(network, ops, source, beam, max).get(0).tokens());
        }
        return out;
    }

    private static int argmax(double[] z) {
        int best = 0;
        for (int v = 1; v < z.length; v++) {
            best = z[v] > z[best] ? v : best;
        }
        return best;
    }
}
