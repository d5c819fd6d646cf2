package io.engram.train.internal;

import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Evaluates the candidates of a population on up to {@code workers} tasks of an executor: each task
 * takes the next candidate index until none is left, so which thread evaluates which candidate
 * varies, but candidate {@code i}'s value depends only on {@code i} (the evaluation is seeded from
 * it) and is stored at index {@code i}. Before each candidate a task checks the cancellation flag
 * and stops once it is set; a candidate that throws stops the other tasks before their next
 * candidate, and its exception is rethrown to the caller.
 *
 * <p>A task that runs on another thread than the caller's reads the backend's meter for its thread
 * when it starts and ends, hands the growth to the meter sink, and releases the backend
 * ({@link Backend#release()}) before it returns; a task that runs on the caller's thread (a
 * same-thread executor) leaves both to the caller, whose thread they are.
 *
 * <p>Lifecycle: one per training context. Thread-safe: {@link #evaluate} may be called from any
 * thread, and blocks until its tasks are done.
 */
public final class Population {

    /** The value of one candidate, computed on a worker thread with that thread's ops. */
    @FunctionalInterface
    public interface Candidate {
        double evaluate(Ops ops, int index);
    }

    private final Backend backend;
    private final Executor executor;
    private final int workers;
    private final BooleanSupplier cancelled;
    private final Consumer<Map<String, Double>> meterSink;
    private final System.Logger log = System.getLogger(Population.class.getName());

    public Population(Backend backend, Executor executor, int workers, BooleanSupplier cancelled,
                      Consumer<Map<String, Double>> meterSink) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.backend = backend;
        this.executor = executor;
        this.workers = workers;
        this.cancelled = cancelled;
        this.meterSink = meterSink;
    }

    public int workers() {
        return workers;
    }

    /** The values of candidates {@code 0} to {@code n - 1}, by index; NaN where cancellation skipped one. */
    public double[] evaluate(int n, Candidate candidate) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < Math.min(workers, n); w++) {
            tasks.add(CompletableFuture.runAsync(() -> work(caller, n, candidate, out, next, failed), executor));
        }
        try {
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
        return out;
    }

    private void work(Thread caller, int n, Candidate candidate, double[] out, AtomicInteger next,
                      AtomicBoolean failed) {
        boolean own = Thread.currentThread() != caller;
        Map<String, Double> start = own ? meter() : Map.of();
        try {
            Ops ops = backend.ops();
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                if (failed.get() || cancelled.getAsBoolean()) {
                    return;
                }
                out[i] = candidate.evaluate(ops, i);
            }
        } catch (RuntimeException | Error e) {
            failed.set(true);
            throw e;
        } finally {
            if (own) {
                finish(start);
            }
        }
    }

    private void finish(Map<String, Double> start) {
        Map<String, Double> growth = new LinkedHashMap<>();
        meter().forEach((k, v) -> growth.put(k, v - start.getOrDefault(k, 0.0)));
        try {
            if (!growth.isEmpty()) {
                meterSink.accept(growth);
            }
        } finally {
            try {
                backend.release();
            } catch (RuntimeException | LinkageError e) {
                log.log(System.Logger.Level.WARNING, "the backend '" + backend.id()
                        + "' failed to release a population worker's thread", e);
            }
        }
    }

    private Map<String, Double> meter() {
        try {
            return Map.copyOf(backend.meter());
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
