package io.engram.kernel.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The threads on which trainers evaluate populations ({@code TrainingContext.populationFitness} and
 * {@code populationLoss}), {@code jobs.workers} of them (0: the JVM's processors), shared by every
 * running job; a job uses at most that many at once. Each evaluation task releases the backend on
 * its thread when it ends, so a pooled thread holds nothing of a job between evaluations.
 *
 * <p>Lifecycle: made with the job manager, {@link #shutdown} once with it. Thread-safe.
 */
final class Workers {
    /** Most threads {@code jobs.workers} may ask for. */
    static final int MAX = 1024;

    private final int count;
    private final ExecutorService pool;

    private Workers(int count, ThreadFactory factory) {
        this.count = count;
        this.pool = Executors.newFixedThreadPool(count, factory);
    }

    /**
     * A pool of {@code configured} threads, or of the JVM's processors when 0.
     *
     * @throws IllegalArgumentException naming {@code jobs.workers} when it is negative or above {@value #MAX}
     */
    static Workers of(int configured, ThreadFactory factory) {
        if (configured < 0 || configured > MAX) {
            throw new IllegalArgumentException("jobs.workers: " + configured + " is outside 0.." + MAX
                    + " (0: as many as the processors)");
        }
        return new Workers(configured == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : configured,
                factory);
    }

    /** How many threads evaluate a population at once. */
    int count() {
        return count;
    }

    ExecutorService executor() {
        return pool;
    }

    /** Takes no more tasks, waits up to {@code grace} for running ones, then interrupts them. */
    void shutdown(Duration grace) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
