package io.engram.kernel.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The jobs waiting to run and the job threads that run them. A job takes a place ({@link #reserve})
 * before it is recorded, and gives it back ({@link #left}) when it leaves the queued state, whether
 * it starts or is cancelled; at most {@code capacity} places are taken by submissions (jobs queued
 * again after a restart take theirs regardless). A cancelled job's task is withdrawn from the
 * executor's queue so it holds nothing there.
 *
 * <p>Lifecycle: made with the job manager, {@link #shutdown} once with it. Thread-safe.
 */
final class JobQueue {

    private final int capacity;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ThreadPoolExecutor executor;

    JobQueue(int capacity, int threads, ThreadFactory factory) {
        this.capacity = Math.max(1, capacity);
        int n = Math.max(1, threads);
        this.executor = new ThreadPoolExecutor(n, n, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
    }

    int capacity() {
        return capacity;
    }

    /** Takes a place for a submission; false when {@code capacity} jobs already wait. */
    boolean reserve() {
        int n;
        do {
            n = waiting.get();
            if (n >= capacity) {
                return false;
            }
        } while (!waiting.compareAndSet(n, n + 1));
        return true;
    }

    /** Takes a place whatever the capacity, for a job queued again after a restart. */
    void reserveAnyway() {
        waiting.incrementAndGet();
    }

    /** Gives a place back: a job left the queued state, or its submission was refused after {@link #reserve}. */
    void left() {
        waiting.decrementAndGet();
    }

    /** Queues {@code task}; false when the job threads have shut down. */
    boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Withdraws a task that has not started. */
    void withdraw(Runnable task) {
        executor.remove(task);
    }

    /** Takes no more tasks, waits up to {@code grace} for running ones, then interrupts them. */
    void shutdown(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
