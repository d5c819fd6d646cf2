package io.engram.spark;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault to inject, for checking that a job survives a lost task: with the system property
 * {@value #PROPERTY} set to {@code N}, the first attempt of partition 0's task in the job's
 * {@code N}-th gradient step throws, and Spark runs that task again (it needs a master that
 * retries: {@code local[K,F]} with F at least 2, or any cluster master). Unset, nothing fails.
 * Thread-safe.
 */
final class Faults {
    /** The system property naming the step whose first task attempt fails. */
    static final String PROPERTY = "engram.spark.fail.step";
    private static final AtomicInteger STEPS = new AtomicInteger();

    private Faults() {
    }

    /** Whether the step about to run is the one to fail; counts steps on the driver. */
    static boolean next() {
        int step = STEPS.incrementAndGet();
        return Integer.getInteger(PROPERTY, 0) == step;
    }

    /** Throws on the first attempt of partition 0's task when {@code fail}. */
    static void failFirstAttempt(boolean fail) {
        org.apache.spark.TaskContext t = org.apache.spark.TaskContext.get();
        if (fail && t != null && t.partitionId() == 0 && t.attemptNumber() == 0) {
            throw new IllegalStateException("engram: a task failure injected by " + PROPERTY);
        }
    }
}
