package io.engram.kernel.internal;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.spi.RunStore;
import io.engram.kernel.spi.StoredJob;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the job manager takes over from the run store when it starts: every job that has not ended and
 * whose owner is no longer running ({@link Owners}), oldest first; jobs owned by another live process
 * sharing the store are left to it, and jobs that have ended stay in the store only. A job that was
 * running when its process stopped comes back queued, to resume from its last checkpoint
 * ({@link JobRecord#resumeFrom}), when that checkpoint holds its trainer's state, and is otherwise
 * recorded as failed with {@value JobManagerComponent#INTERRUPTED} and its last checkpoint; one that
 * was queued comes back still queued, its events in memory, for the job manager to queue again. Used
 * once, by the job manager's constructor; not thread-safe.
 */
final class Restart {

    private final RecordKeeper records;
    private final Checkpoints checkpoints;
    private final System.Logger log = System.getLogger(Restart.class.getName());

    Restart(RecordKeeper records, Checkpoints checkpoints) {
        this.records = records;
        this.checkpoints = checkpoints;
    }

    /** The jobs taken over, oldest first; throws when the store cannot be read. */
    List<JobRecord> reload() {
        RunStore store = records.store();
        List<StoredJob> stored;
        try {
            stored = store.unfinished();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the job records in " + store.location() + ": "
                    + Directories.reason(e), e);
        }
        List<JobRecord> out = new ArrayList<>();
        for (StoredJob job : stored) {
            if (Owners.aliveElsewhere(job.owner())) {
                continue;
            }
            try {
                if (!store.claim(job.info().id(), job.owner(), records.owner())) {
                    continue;
                }
            } catch (IOException e) {
                log.log(System.Logger.Level.ERROR, "cannot take over " + job.info().id() + ": " + e.getMessage());
                continue;
            }
            out.add(resume(job.info()));
        }
        return out;
    }
    private JobRecord resume(JobInfo info) {
        EventLog past;
        try {
            past = records.reopen(info.id());
        } catch (IOException e) {
            log.log(System.Logger.Level.ERROR, "cannot read the events of " + info.id() + ": " + e.getMessage());
            past = null;
        }
        JobRecord rec = records.open(info, null, past);
        Path resumable = info.state() == JobState.RUNNING ? resumable(info) : null;
        if (resumable != null) {
            rec.resumeFrom = resumable;
            records.transition(rec, JobState.QUEUED, i -> i);
            records.emit(rec, new TrainingEvent.Message("info", "the process stopped while the job ran; it resumes "
                    + "from its last checkpoint: " + resumable));
        } else if (info.state() == JobState.RUNNING) {
            String last = info.checkpoint().isEmpty() ? "no checkpoint was written"
                    : "last checkpoint: " + info.checkpoint();
            records.transition(rec, JobState.FAILED, i -> JobInfos.ended(i,
                    JobManagerComponent.INTERRUPTED + "; " + last, i.checkpoint()));
        }
        return rec;
    }

    /** The job's last checkpoint when a job can resume from it; null otherwise. */
    private Path resumable(JobInfo info) {
        if (info.checkpoint().isEmpty()) {
            return null;
        }
        Path file = Path.of(info.checkpoint());
        Try<Boolean> resumable = checkpoints.resumable(file);
        if (resumable.isFailure()) {
            log.log(System.Logger.Level.WARNING, info.id() + " cannot resume from " + file + ": "
                    + resumable.getCause().getMessage());
        }
        return resumable.getOrElse(false) ? file : null;
    }
}
