package io.engram.train;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A population-based optimiser in ask-and-tell form (the interface of Hansen's CMA-ES code and of
 * Nevergrad): each generation it proposes candidate points, is told their costs, and updates its
 * state. It minimises; on an environment {@link PopulationSearch} hands it the negated fitness.
 * Genetic algorithms, cooperative coevolution, simulated annealing and particle swarms all take
 * this form, and {@link PopulationSearch} gives them the rest of a trainer: evaluation of the
 * population in parallel, stopping criteria, progress events and the final write-back.
 *
 * <p>Determinism: everything random is drawn from the seed {@link #ask} receives (and the seed the
 * optimiser was made with), never from the evaluation order, so that a job's result does not depend
 * on the number of workers.
 *
 * <p>Lifecycle: made by a trainer for one job, with the starting point, bounds and hyperparameters;
 * {@link PopulationSearch#run} then calls {@link #ask} and {@link #tell} alternately, once each per
 * generation, on the job's thread. Not thread-safe.
 */
@ConsumerType
public interface PopulationOptimizer {

    /**
     * The candidates of generation {@code generation} (from 1), drawn from {@code seed}: a non-empty
     * list of points, each of the dimension the optimiser was made for. The caller keeps the list
     * until {@link #tell} and does not change the arrays.
     */
    List<double[]> ask(int generation, long seed);

    /**
     * The costs of the candidates of the last {@link #ask}, by index: lower is better,
     * {@link Double#POSITIVE_INFINITY} for a candidate that could not be scored (a non-finite loss).
     */
    void tell(double[] costs);

    /** The best point seen so far, a new array (the starting point before any {@link #tell}). */
    double[] best();

    /** The cost of {@link #best()}; {@link Double#POSITIVE_INFINITY} before any {@link #tell}. */
    double bestCost();
}
