package io.engram.layers;

import io.engram.api.Attention;
import io.engram.api.Decoder;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Greedy decoding of a padded batch of sources for {@link Decoding#greedy(Network, Ops, List, int)}:
 * each step decodes every sequence of the batch, a sequence that has emitted the end token keeps
 * being fed it but takes no more tokens, and decoding stops when all have ended or at
 * {@code maxLength}. One use per object, one thread.
 */
final class BatchedGreedy {
    private final Network network;
    private final Decoder decoder;
    private final Ops ops;
    private final Map<String, Tensor> params;
    private final List<double[][]> sources;
    private final int maxLength;

    BatchedGreedy(Network network, Decoder decoder, Ops ops, Map<String, Tensor> params, List<double[][]> sources,
                  int maxLength) {
        this.network = network;
        this.decoder = decoder;
        this.ops = ops;
        this.params = params;
        this.sources = sources;
        this.maxLength = maxLength;
    }

    /** Decodes from {@code state}, the encoded batch of the sources. */
    List<Decoding.Hypothesis> run(State state) {
        int batch = sources.size();
        int vocabulary = network.spec().outputSize();
        Optional<Attention> attention = network.capability(Attention.class);
        int[][] tokens = new int[batch][maxLength];
        int[] lengths = new int[batch];
        double[] logProbability = new double[batch];
        List<List<double[]>> scores = new ArrayList<>();
        List<List<double[]>> weights = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            scores.add(new ArrayList<>());
            weights.add(new ArrayList<>());
        }
        int[] previous = new int[batch];
        Arrays.fill(previous, decoder.startToken());
        boolean[] ended = new boolean[batch];
        int live = batch;
        for (int t = 0; t < maxLength && live > 0; t++) {
            Step step = decoder.decode(ops, params, TokenScores.oneHot(ops, network.spec().dtype(), vocabulary,
                    previous), state, StepContext.inference(t));
            double[] z = step.output().toDoubleArray();
            double[] a = attention.map(at -> at.weights(step.state()).toDoubleArray()).orElse(null);
            int time = a == null ? 0 : a.length / batch;
            for (int b = 0; b < batch; b++) {
                if (ended[b]) {
                    continue;
                }
                int best = TokenScores.argmax(z, b * vocabulary, vocabulary);
                logProbability[b] += z[b * vocabulary + best] - TokenScores.logSumExp(z, b * vocabulary, vocabulary);
                scores.get(b).add(Arrays.copyOfRange(z, b * vocabulary, (b + 1) * vocabulary));
                if (a != null) {
                    weights.get(b).add(Arrays.copyOfRange(a, b * time, b * time + sources.get(b).length));
                }
                tokens[b][lengths[b]++] = best;
                previous[b] = best;
                if (best == decoder.endToken()) {
                    ended[b] = true;
                    live--;
                }
            }
            state = step.state();
        }
        List<Decoding.Hypothesis> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            out.add(new Decoding.Hypothesis(Arrays.copyOf(tokens[b], lengths[b]), logProbability[b],
                    scores.get(b).toArray(double[][]::new), weights.get(b).toArray(double[][]::new)));
        }
        return out;
    }
}
