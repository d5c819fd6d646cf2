package io.engram.backend.cpu.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The one thread pool of a CPU backend. {@link #forEach} runs independent tasks on it and returns
 * when all are done; the work each task does must not depend on which thread runs it, so results
 * are the same for every thread count. Safe to call from many threads at once (independent calls
 * share the pool). {@link #close()} shuts the pool down; calls after that run on the caller.
 */
public final class Parallel implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    /** A pool of {@code threads} workers; {@code threads <= 0} means one per available core. */
    public Parallel(int threads) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.pool = this.threads > 1 ? new ForkJoinPool(this.threads) : null;
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} for each task index in {@code [0, tasks)}, in parallel when worthwhile. */
    public void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || pool == null || pool.isShutdown()) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        try {
            pool.invoke(fanOut(tasks, body));
        } catch (RejectedExecutionException closing) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
        }
    }

    private static RecursiveAction fanOut(int tasks, IntConsumer body) {
        return new RecursiveAction() {
            @Override
            protected void compute() {
                List<RecursiveAction> parts = new ArrayList<>(tasks);
                for (int t = 0; t < tasks; t++) {
                    int index = t;
                    parts.add(new RecursiveAction() {
                        @Override
                        protected void compute() {
                            body.accept(index);
                        }
                    });
                }
                invokeAll(parts);
            }
        };
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
