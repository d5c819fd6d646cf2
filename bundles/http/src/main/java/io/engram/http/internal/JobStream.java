package io.engram.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobManager;
import java.io.IOException;

/**
 * One client's feed of a job's events as server-sent events ({@code text/event-stream}), for
 * {@code GET /api/jobs/{id}/stream}. Each of the job's events whose seq is greater than
 * {@code after} (the {@code Last-Event-ID} a reconnecting client sends) is written as
 * <pre>
 * id: SEQ
 * event: TYPE          (state, progress, epoch, message or stopped)
 * data: {...}          (the event as GET /api/jobs/{id}/events writes it, on one line)
 * </pre>
 * the job's past events first, then each new one as it happens. After the event that reports a
 * terminal state comes {@code event: end} with the job as {@code GET /api/jobs/{id}} answers it,
 * and the stream ends.
 *
 * <p>Lifecycle: built by the {@link Api} when the request is allowed; {@link #start} subscribes to
 * the job manager (nothing is subscribed before), after which events are written on the job
 * manager's delivery thread. {@link #close} unsubscribes and ends the response; it is called when the
 * job ends, when a write fails (the client went away), when the servlet container reports the
 * connection closed or timed out, and when the servlet is destroyed. {@link #heartbeat} writes a
 * comment, so that a client that went away is noticed even while the job is quiet. Thread-safe:
 * writes and closing are serialised on this object, and closing is idempotent.
 */
final class JobStream implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long a client waits before reconnecting after the connection drops, in ms. */
    static final int RETRY_MS = 2000;

    /** Where the text goes: the response. */
    interface Sink {
        /** Writes and flushes; an exception means the client cannot be reached. */
        void write(String text) throws IOException;

        /** Ends the response; called once. */
        void end();
    }

    private final JobManager jobs;
    private final String id;
    private final long after;
    private Sink sink;
    private AutoCloseable subscription;
    private boolean closed;

    /**
     * @param after  only events with a greater seq are written (-1: all)
     */
    JobStream(JobManager jobs, String id, long after) {
        this.jobs = jobs;
        this.id = id;
        this.after = after;
    }

    String jobId() {
        return id;
    }

    long after() {
        return after;
    }

    /** Writes the stream's preamble and subscribes; the job manager delivers from then on. */
    void start(Sink target) {
        synchronized (this) {
            if (sink != null) {
                throw new IllegalStateException("stream already started");
            }
            sink = target;
            if (!send("retry: " + RETRY_MS + "\n: job " + id + "\n\n")) {
                return;
            }
        }
        AutoCloseable s = jobs.subscribe(id, this::deliver);
        boolean closeNow;
        synchronized (this) {
            subscription = s;
            closeNow = closed;
        }
        if (closeNow) {
            quietly(s);
        }
    }

    /** Writes a comment line; closes the stream when that fails. */
    void heartbeat() {
        synchronized (this) {
            if (sink != null && !closed) {
                send(": keep-alive\n\n");
            }
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    private void deliver(JobEvent e) {
        boolean terminal = e.event() == null && e.state().terminal();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (e.seq() > after && !send(frame(e))) {
                return;
            }
            if (!terminal) {
                return;
            }
            String job = jobs.job(id).map(j -> write(Json.job(j))).orElse("{}");
            send("event: end\ndata: " + job + "\n\n");
        }
        close();
    }

    /** One event as its SSE frame. */
    static String frame(JobEvent e) {
        String type = e.event() == null ? "state" : e.event().type();
        return "id: " + e.seq() + "\nevent: " + type + "\ndata: " + write(Json.event(e)) + "\n\n";
    }

    private static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write JSON", ex);
        }
    }

    /** Writes while holding the lock; on failure closes and answers false. */
    private boolean send(String text) {
        try {
            sink.write(text);
            return true;
        } catch (IOException | RuntimeException ex) {
            closeLocked();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        closeLocked();
    }

    /** Marks closed, ends the response and unsubscribes; idempotent. Called holding the lock. */
    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        if (sink != null) {
            try {
                sink.end();
            } catch (RuntimeException ignored) {
                // the response is gone already
            }
        }
        AutoCloseable s = subscription;
        subscription = null;
        quietly(s);
    }

    private static void quietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a subscription does not fail in a way the client could act on
        }
    }
}
