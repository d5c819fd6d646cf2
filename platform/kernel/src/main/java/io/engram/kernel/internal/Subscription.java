package io.engram.kernel.internal;

import io.engram.kernel.JobEvent;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One listener's feed of a job's events. Events are offered in order by whoever records them and
 * delivered in that order on a pooled thread, one at a time, so a slow listener never holds up the
 * job; a listener that throws (an error included) is logged and fed on. The feed ends after the event that reports a terminal state, or when closed; closing is
 * idempotent and may be called from any thread, including the listener itself.
 */
final class Subscription implements AutoCloseable {

    private final Queue<JobEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Consumer<JobEvent> listener;
    private final Executor executor;
    private final Runnable onClose;
    private volatile boolean closed;
    private final System.Logger log = System.getLogger(Subscription.class.getName());

    Subscription(Consumer<JobEvent> listener, Executor executor, Runnable onClose) {
        this.listener = listener;
        this.executor = executor;
        this.onClose = onClose;
    }

    void offer(JobEvent event) {
        if (closed) {
            return;
        }
        queue.add(event);
        schedule();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                close();
            }
        }
    }

    private void drain() {
        JobEvent e;
        while (!closed && (e = queue.poll()) != null) {
            try {
                listener.accept(e);
            } catch (Throwable ex) {
                log.log(System.Logger.Level.WARNING, "job event listener failed on " + e + ": " + ex, ex);
            }
            if (e.event() == null && e.state().terminal()) {
                close();
            }
        }
        draining.set(false);
        if (!closed && !queue.isEmpty()) {
            schedule();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            onClose.run();
        }
    }
}
