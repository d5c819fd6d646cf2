package io.engram.train;

import java.util.List;

/**
 * The best point a {@link PopulationOptimizer} has been told of, and its cost: what
 * {@link PopulationOptimizer#best()} and {@link PopulationOptimizer#bestCost()} return for an
 * optimiser that keeps the lowest cost ever seen (elitism). Points are copied in and out.
 *
 * <p>Lifecycle: one per optimiser, fed once per generation from its {@code tell}. Not thread-safe.
 */
public final class BestPoint {
    private double[] point;
    private double cost = Double.POSITIVE_INFINITY;

    /** Starts at {@code start} with an infinite cost. */
    public BestPoint(double[] start) {
        this.point = start.clone();
    }

    /**
     * Takes the first candidate of the lowest cost when it is lower than the best so far.
     *
     * @throws IllegalArgumentException when there are not as many costs as candidates
     */
    public void offer(List<double[]> candidates, double[] costs) {
        if (costs.length != candidates.size()) {
            throw new IllegalArgumentException("expected " + candidates.size() + " costs, got " + costs.length);
        }
        for (int i = 0; i < costs.length; i++) {
            if (costs[i] < cost) {
                cost = costs[i];
                point = candidates.get(i).clone();
            }
        }
    }

    /** The best point, a new array (the start before any lower cost was offered). */
    public double[] point() {
        return point.clone();
    }

    /** Its cost; {@link Double#POSITIVE_INFINITY} before any finite one was offered. */
    public double cost() {
        return cost;
    }
}
