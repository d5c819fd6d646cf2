package io.engram.backend.cpu.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one thread pool of a CPU backend: {@code threads - 1} workers that help the calling thread.
 * {@link #forEach} runs independent tasks and returns when all are done; the caller runs tasks
 * itself, and each thread, the caller and the workers alike, claims the next task not yet taken, so
 * a worker that the operating system does not schedule in time leaves its share to the others
 * instead of holding up the caller. At most {@code threads} threads compute at once.
 *
 * <p>The work each task does must not depend on which thread runs it, so results are the same for
 * every thread count. Between jobs a worker spins for {@link #SPIN_NANOS} (a recurrent step's
 * parallel sections follow each other closely) and then parks until the next one.
 *
 * <p>Thread-safe: one job at a time is shared with the workers; a call made while another
 * thread's job runs, or from inside a task, runs its tasks on its own thread. {@link #close()}
 * stops the workers; calls after that run on the caller.
 */
public final class Parallel implements AutoCloseable {
    /** How long an idle worker keeps looking for the next job before it parks. */
    static final long SPIN_NANOS = 50_000;

    private final int threads;
    private final Worker[] workers;
    private final AtomicReference<Job> current = new AtomicReference<>();
    private volatile boolean closed;

    /** A pool for {@code threads} threads, the caller included; {@code threads <= 0} means one per core. */
    public Parallel(int threads) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.workers = new Worker[this.threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            workers[w].start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} for each task index in {@code [0, tasks)}, in parallel when worthwhile. */
    public void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || workers.length == 0 || closed || Thread.currentThread() instanceof Worker) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        Job job = new Job(tasks, body, Thread.currentThread());
        if (!current.compareAndSet(null, job)) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        try {
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            job.work();
            job.await();
        } finally {
            current.compareAndSet(job, null);
        }
        Throwable failure = job.failure;
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        for (Worker w : workers) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The tasks of one {@link #forEach} call, claimed one at a time. */
    private static final class Job {
        final int tasks;
        final IntConsumer body;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
        }

        boolean open() {
            return next.get() < tasks;
        }

        /** Runs tasks until none is left to claim. */
        void work() {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (done.incrementAndGet() == tasks && Thread.currentThread() != caller) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** On the caller: returns once every claimed task has finished. */
        void await() {
            long spinUntil = 0;
            for (int spins = 0; done.get() < tasks; spins++) {
                if ((spins & 63) != 0) {
                    Thread.onSpinWait();
                } else if (spinUntil == 0) {
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                } else if (System.nanoTime() > spinUntil) {
                    LockSupport.parkNanos(this, 100_000);
                }
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("engram-cpu-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            for (int spins = 1; !closed; spins++) {
                Job job = current.get();
                if (job != null && job.open()) {
                    job.work();
                    idleSince = System.nanoTime();
                } else if ((spins & 63) != 0 || System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    Job again = current.get();
                    if (!closed && (again == null || !again.open())) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
