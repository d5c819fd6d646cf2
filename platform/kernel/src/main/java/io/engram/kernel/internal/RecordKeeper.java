package io.engram.kernel.internal;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.spi.RunStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keeps each job's record, in memory and in the run store ({@link RunStore}): moves jobs between
 * states, numbers and keeps their events ({@link EventLog}), hands every event to the job's
 * subscribers, and writes as it goes: the info on each state change, epoch end and checkpoint; each
 * event that is not progress when it happens, and with each epoch end its points of the metric
 * series ({@link Metrics}); the kept progress events and the test metrics, as points at the last
 * epoch's step, once the job ends, after which its events are
 * dropped from memory and read back from the store when asked.
 *
 * <p>A write that fails is logged as an error and remembered: a job whose record could not be
 * written completely never ends {@code SUCCEEDED}; it ends {@code FAILED} with
 * {@code record: cannot write WHAT: REASON}. Thread-safe: each record's changes happen under its
 * monitor.
 */
final class RecordKeeper {

    private final RunStore store;
    private final String owner;
    private final int recent;
    private final Runnable leftQueue;
    private final System.Logger log = System.getLogger(RecordKeeper.class.getName());

    /**
     * Keeps records in {@code store}, owned by {@code owner}, {@code recent} progress events each;
     * {@code leftQueue} runs when a job leaves QUEUED.
     */
    RecordKeeper(RunStore store, String owner, int recent, Runnable leftQueue) {
        this.store = store;
        this.owner = owner;
        this.recent = Math.max(0, recent);
        this.leftQueue = leftQueue;
    }

    RunStore store() {
        return store;
    }

    String owner() {
        return owner;
    }

    /**
     * A record for a job: one that has ended keeps its events in the store only; one that has not
     * keeps {@code past} (a reloaded job's) or starts with none.
     */
    JobRecord open(JobInfo info, ResolvedSpec resolved, EventLog past) {
        EventLog events = info.state().terminal() ? null : past == null ? new EventLog(recent) : past;
        return new JobRecord(info.id(), resolved, info, events);
    }

    /** The kept events of a job taken over from the store, made ready for more. */
    EventLog reopen(String id) throws IOException {
        return EventLog.of(recent, store.events(id, -1, Integer.MAX_VALUE));
    }

    /**
     * Writes a new job's record with its first events (its QUEUED state, then {@code notes}); on a
     * failed write leaves nothing and throws, saying what could not be written and why.
     */
    void create(JobRecord rec, List<TrainingEvent> notes) throws IOException {
        synchronized (rec) {
            List<JobEvent> first = new ArrayList<>();
            first.add(record(rec, null));
            notes.forEach(n -> first.add(record(rec, n)));
            store.create(rec.info, owner, first, List.of());
        }
    }

    /**
     * Moves the job to {@code to}, applying {@code change} to its info, unless it has already ended;
     * records the state event and writes the record.
     *
     * @return false when the job had already ended
     */
    boolean transition(JobRecord rec, JobState to, UnaryOperator<JobInfo> change) {
        synchronized (rec) {
            JobState from = rec.info.state();
            if (from.terminal()) {
                return false;
            }
            JobInfo next = JobInfos.withState(change.apply(rec.info), to);
            if (to == JobState.SUCCEEDED && rec.writeFailure != null) {
                next = JobInfos.failed(next, rec.writeFailure);
            }
            try {
                store.save(next);
            } catch (IOException e) {
                failed(rec, e);
                next = to == JobState.SUCCEEDED ? JobInfos.failed(next, rec.writeFailure) : next;
            }
            rec.info = next;
            if (next.state().terminal()) {
                finalPoints(rec, next);
            }
            List<JobEvent> write = next.state().terminal() ? rec.events.recentProgress() : new ArrayList<>();
            write.add(record(rec, null));
            append(rec, write);
            if (from == JobState.QUEUED) {
                leftQueue.run();
            }
            if (next.state().terminal()) {
                end(rec);
            }
            return true;
        }
    }

    /**
     * The test metrics a job reports as it ends ({@code test.NAME} in its info) as points of the series,
     * at the step of its last epoch end; none when no epoch ended.
     */
    private void finalPoints(JobRecord rec, JobInfo info) {
        Double epoch = info.metrics().get("epoch");
        if (epoch == null || epoch.isNaN()) {
            return;
        }
        List<MetricPoint> points = new ArrayList<>();
        new java.util.TreeMap<>(info.metrics()).forEach((key, value) -> {
            if (key.startsWith("test.") && key.length() > 5) {
                points.add(new MetricPoint(epoch.longValue() + 1, epoch.intValue(), "test", key.substring(5), value));
            }
        });
        try {
            store.appendMetrics(rec.id, points);
        } catch (IOException e) {
            failed(rec, e);
        }
    }

    private void end(JobRecord rec) {
        rec.subscribers.clear();
        rec.resolved = null;
        rec.task = null;
        if (rec.writeFailure == null) {
            rec.events = null;
        }
        rec.ended.countDown();
    }

    /**
     * Records a trainer's event: progress in memory only; others written, an epoch end with its
     * metric points and the latest metrics in the info.
     */
    void emit(JobRecord rec, TrainingEvent event) {
        synchronized (rec) {
            if (rec.info.state().terminal()) {
                return;
            }
            JobEvent e = record(rec, event);
            if (event instanceof TrainingEvent.Progress) {
                return;
            }
            append(rec, List.of(e));
            if (event instanceof TrainingEvent.EpochEnd end) {
                try {
                    store.appendMetrics(rec.id, Metrics.of(end));
                } catch (IOException x) {
                    failed(rec, x);
                }
                Map<String, Double> m = new LinkedHashMap<>(rec.info.metrics());
                m.put("epoch", (double) end.epoch());
                m.put("loss", end.trainLoss());
                m.put("validation.loss", end.validationLoss());
                m.putAll(end.metrics());
                update(rec, i -> JobInfos.withMetrics(i, m));
            }
        }
    }

    /** Applies {@code change} to a running job's info and writes it; nothing once the job ended. */
    void update(JobRecord rec, UnaryOperator<JobInfo> change) {
        synchronized (rec) {
            if (rec.info.state().terminal()) {
                return;
            }
            rec.info = change.apply(rec.info);
            try {
                store.save(rec.info);
            } catch (IOException e) {
                failed(rec, e);
            }
        }
    }

    /** Numbers an event stamped with the job's current state, keeps it and hands it to every subscriber. */
    private JobEvent record(JobRecord rec, TrainingEvent event) {
        JobEvent e = new JobEvent(rec.id, rec.events.nextSeq(), Instant.now().toString(), rec.info.state(), event);
        rec.events.add(e);
        for (Subscription s : List.copyOf(rec.subscribers)) {
            s.offer(e);
        }
        return e;
    }

    private void append(JobRecord rec, List<JobEvent> events) {
        try {
            store.append(rec.id, events);
        } catch (IOException e) {
            failed(rec, e);
        }
    }

    /** Logs a failed write and remembers the first one as the record's {@link JobRecord#writeFailure}. */
    private void failed(JobRecord rec, IOException e) {
        String why = "record: " + e.getMessage();
        log.log(System.Logger.Level.ERROR, "job " + rec.id + ": " + why, e);
        if (rec.writeFailure == null) {
            rec.writeFailure = why;
        }
    }

    /** At most {@code limit} of the job's kept events numbered above {@code after}, from memory or the store. */
    List<JobEvent> events(JobRecord rec, long after, int limit) {
        synchronized (rec) {
            if (rec.events != null) {
                return rec.events.page(after, limit);
            }
        }
        return stored(rec.id, after, limit);
    }

    /** At most {@code limit} of a job's events in the store numbered above {@code after}; none when they cannot be read. */
    List<JobEvent> stored(String id, long after, int limit) {
        try {
            return store.events(id, after, limit);
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot read the events of " + id + ": " + e.getMessage());
            return List.of();
        }
    }
}
