package io.engram.train.internal;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.engram.train.CandidateScores;
import io.engram.train.PopulationEvaluator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a training context does for {@code populationFitness} and {@code populationLoss}: it
 * completes each candidate's parameters with the network's current ones, checks their names and
 * shapes, and has a {@link Population} evaluate them, candidate {@code i} seeded with
 * {@code Seeds.of(generationSeed, i)} (and its episode {@code e} with {@code Seeds.of} of that and
 * {@code e}). Stateless apart from its collaborators; thread-safe as far as they are.
 */
public final class Candidates {
    private final Network network;
    private final Population population;
    private final Optional<Environment> environment;
    private final Supplier<Loss> loss;
    private final Optional<PopulationEvaluator> remote;

    public Candidates(Network network, Population population, Optional<Environment> environment,
                      Supplier<Loss> loss, Optional<PopulationEvaluator> remote) {
        this.network = network;
        this.population = population;
        this.environment = environment;
        this.loss = loss;
        this.remote = remote;
    }

    public double[] fitness(List<Map<String, Tensor>> candidates, long generationSeed, int episodes) {
        Environment env = environment.orElseThrow(() -> new IllegalStateException(
                "populationFitness needs a job on an environment; this job trains on datasets"));
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be at least 1, got " + episodes);
        }
        List<Map<String, Tensor>> full = complete(candidates);
        if (remote.isPresent()) {
            return remote.get().fitness(full, generationSeed, episodes);
        }
        return population.evaluate(full.size(), (ops, i) ->
                CandidateScores.fitness(network, ops, full.get(i), env, generationSeed, i, episodes));
    }

    public double[] loss(List<Map<String, Tensor>> candidates, Dataset data, long generationSeed) {
        List<Map<String, Tensor>> full = complete(candidates);
        if (remote.isPresent()) {
            return remote.get().loss(full, data, generationSeed);
        }
        List<Batch> batches = CandidateScores.batches(data);
        return population.evaluate(full.size(), (ops, i) ->
                CandidateScores.loss(network, ops, full.get(i), batches, loss.get(), generationSeed, i));
    }

    /** Each candidate with the parameters it does not name taken from the network as it is now. */
    private List<Map<String, Tensor>> complete(List<Map<String, Tensor>> candidates) {
        Map<String, Tensor> base = network.parameters();
        List<Map<String, Tensor>> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Map<String, Tensor> full = new LinkedHashMap<>(base);
            for (Map.Entry<String, Tensor> e : candidates.get(i).entrySet()) {
                Tensor known = base.get(e.getKey());
                if (known == null) {
                    throw new IllegalArgumentException("candidate " + i + ": unknown parameter '" + e.getKey()
                            + "' (the network has " + base.keySet() + ")");
                }
                if (!known.shape().equals(e.getValue().shape())) {
                    throw new IllegalArgumentException("candidate " + i + ": parameter '" + e.getKey() + "' has shape "
                            + e.getValue().shape() + ", the network's has " + known.shape());
                }
                full.put(e.getKey(), e.getValue());
            }
            out.add(java.util.Collections.unmodifiableMap(full));
        }
        return out;
    }
}
