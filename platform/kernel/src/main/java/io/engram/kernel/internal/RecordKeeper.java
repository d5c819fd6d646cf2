package io.engram.kernel.internal;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keeps each job's record, in memory and on disk ({@link JobFiles}): moves jobs between states,
 * numbers and keeps their events ({@link EventLog}), hands every event to the job's subscribers, and
 * writes as it goes: the info on each state change, epoch end and checkpoint; each event that is
 * not progress appended to the event log when it happens; the kept progress events once the job
 * ends, after which its events are dropped from memory and read back when asked
 * ({@link StoredEvents}).
 *
 * <p>A write that fails is logged as an error and remembered: a job whose record could not be
 * written completely never ends {@code SUCCEEDED}; it ends {@code FAILED} with
 * {@code record: cannot write FILE: REASON}. Thread-safe: each record's changes happen under its
 * monitor.
 */
final class RecordKeeper {

    private final JobFiles files;
    private final int recent;
    private final Runnable leftQueue;
    private final StoredEvents stored;
    private final System.Logger log = System.getLogger(RecordKeeper.class.getName());

    /** Keeps records in {@code files}, {@code recent} progress events each; {@code leftQueue} runs when a job leaves QUEUED. */
    RecordKeeper(JobFiles files, int recent, Runnable leftQueue) {
        this.files = files;
        this.recent = Math.max(0, recent);
        this.leftQueue = leftQueue;
        this.stored = new StoredEvents(files, this.recent);
    }

    /**
     * A record for a job: one that has ended keeps its events on disk only; one that has not keeps
     * {@code past} (a reloaded job's) or starts with none.
     */
    JobRecord open(JobInfo info, ResolvedSpec resolved, EventLog past) {
        EventLog events = info.state().terminal() ? null : past == null ? new EventLog(recent) : past;
        return new JobRecord(info.id(), resolved, info, events);
    }

    /** The kept events of a reloaded job that has not ended, its event log made ready for more. */
    EventLog reopen(String id) throws IOException {
        EventLog past = files.loadEvents(id, recent);
        files.reopen(id, past);
        return past;
    }

    /**
     * Writes a new job's record with its first events (its QUEUED state, then {@code notes}); on a
     * failed write removes what was written and throws, naming the file and the reason.
     */
    void create(JobRecord rec, List<TrainingEvent> notes) throws IOException {
        synchronized (rec) {
            List<JobEvent> first = new ArrayList<>();
            first.add(record(rec, null));
            notes.forEach(n -> first.add(record(rec, n)));
            Path file = files.infoFile(rec.id);
            try {
                files.saveInfo(rec.info);
                file = files.eventsFile(rec.id);
                files.append(rec.id, first);
            } catch (IOException e) {
                files.forget(rec.id);
                throw new IOException("cannot write " + file + ": " + Directories.reason(e), e);
            }
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
                files.saveInfo(next);
            } catch (IOException e) {
                failed(rec, files.infoFile(rec.id), e);
                next = to == JobState.SUCCEEDED ? JobInfos.failed(next, rec.writeFailure) : next;
            }
            rec.info = next;
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

    private void end(JobRecord rec) {
        rec.subscribers.clear();
        rec.resolved = null;
        rec.task = null;
        if (rec.writeFailure == null) {
            stored.ended(rec.id, rec.events);
            rec.events = null;
        }
        rec.ended.countDown();
    }

    /** Records a trainer's event: progress in memory only; others appended, epoch ends into the metrics. */
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
                files.saveInfo(rec.info);
            } catch (IOException e) {
                failed(rec, files.infoFile(rec.id), e);
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
            files.append(rec.id, events);
        } catch (IOException e) {
            failed(rec, files.eventsFile(rec.id), e);
        }
    }

    /** Logs a failed write and remembers the first one as the record's {@link JobRecord#writeFailure}. */
    private void failed(JobRecord rec, Path file, IOException e) {
        String why = "record: cannot write " + file + ": " + Directories.reason(e);
        log.log(System.Logger.Level.ERROR, "job " + rec.id + ": " + why, e);
        if (rec.writeFailure == null) {
            rec.writeFailure = why;
        }
    }

    /** At most {@code limit} of the job's kept events numbered above {@code after}, from memory or disk. */
    List<JobEvent> events(JobRecord rec, long after, int limit) {
        synchronized (rec) {
            if (rec.events != null) {
                return rec.events.page(after, limit);
            }
        }
        try {
            return stored.get(rec.id).page(after, limit);
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot read the events of " + rec.id + ": " + e.getMessage());
            return List.of();
        }
    }
}
