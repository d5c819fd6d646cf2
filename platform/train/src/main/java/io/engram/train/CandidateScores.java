package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The score of one candidate of a population, wherever it is computed: on a worker thread of this
 * process or on a cluster's executor. Candidate {@code i} of a generation is seeded with
 * {@code Seeds.of(generationSeed, i)} and nothing else. Stateless and thread-safe; the network is
 * only read ({@link Network#initialState}, {@link Network#step}).
 */
public final class CandidateScores {
    /** Sequences per batch of a candidate's forward passes over a dataset. */
    public static final int BATCH = 32;

    private CandidateScores() {
    }

    /** The mean fitness of candidate {@code index} over {@code episodes} episodes of {@code env}. */
    public static double fitness(Network network, Ops ops, Map<String, Tensor> params, Environment env,
                                 long generationSeed, int index, int episodes) {
        return Episodes.meanFitness(network, ops, params, env, Seeds.of(generationSeed, index), episodes);
    }

    /** The loss of candidate {@code index} over {@code batches} ({@link #batches} of a dataset), per term. */
    public static double loss(Network network, Ops ops, Map<String, Tensor> params, List<Batch> batches, Loss loss,
                              long generationSeed, int index) {
        long seed = Seeds.of(generationSeed, index);
        double sum = 0.0;
        int targets = 0;
        for (Batch b : batches) {
            sum += SequenceGradients.lossSum(ops, network, params, b, loss, false, seed);
            targets += loss.terms(b);
        }
        return targets == 0 ? 0.0 : sum / targets;
    }

    /** The batches a candidate's loss on {@code data} is computed over. */
    public static List<Batch> batches(Dataset data) {
        return data.batches(BATCH);
    }
}
