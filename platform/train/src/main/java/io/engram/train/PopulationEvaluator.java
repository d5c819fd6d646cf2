package io.engram.train;

import io.engram.api.Dataset;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Evaluates a population's candidates elsewhere, on the executors of a cluster, for a
 * {@link SimpleTrainingContext}'s {@code populationFitness} and {@code populationLoss}. Candidate
 * {@code i} gets exactly the score {@link CandidateScores} gives it on one machine (seeded from
 * {@code generationSeed} and {@code i} alone), so a run does not depend on the number of
 * executors. The candidates come complete: every parameter of the network, checked by the context.
 *
 * <p>Lifecycle: made for one job when it starts training and dropped when it ends; called on the
 * job's thread only; cancellation is checked by the context before and after each call.
 */
@ConsumerType
public interface PopulationEvaluator {

    /** {@link CandidateScores#fitness} of each candidate on the job's environment, by index. */
    double[] fitness(List<Map<String, Tensor>> candidates, long generationSeed, int episodes);

    /** {@link CandidateScores#loss} of each candidate on {@code data}, by index. */
    double[] loss(List<Map<String, Tensor>> candidates, Dataset data, long generationSeed);
}
