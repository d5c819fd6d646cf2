package io.engram.kernel.internal;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the job manager finds on disk when it starts: the small info of every record, oldest job
 * first. A job that has ended keeps its events on disk; one that was running when the process
 * stopped comes back queued, to resume from its last checkpoint ({@link JobRecord#resumeFrom}), when
 * that checkpoint holds its trainer's state, and is otherwise recorded as failed with
 * {@value JobManagerComponent#INTERRUPTED} and its last checkpoint; one that was queued comes back
 * still queued, its events in memory, for the job manager to queue again. Used once, by the job manager's constructor; not thread-safe.
 */
final class Restart {

    private final JobFiles files;
    private final RecordKeeper records;
    private final Checkpoints checkpoints;
    private final System.Logger log = System.getLogger(Restart.class.getName());

    Restart(JobFiles files, RecordKeeper records, Checkpoints checkpoints) {
        this.files = files;
        this.records = records;
        this.checkpoints = checkpoints;
    }

    /** Every readable record, oldest first (by {@code order} of their ids); throws when the directory cannot be read. */
    List<JobRecord> reload(Comparator<String> order) {
        List<JobInfo> stored;
        try {
            stored = files.loadInfos();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the job records in " + files.dir() + ": "
                    + Directories.reason(e), e);
        }
        stored.sort(Comparator.comparing(JobInfo::id, order));
        List<JobRecord> out = new ArrayList<>();
        for (JobInfo info : stored) {
            out.add(info.state().terminal() ? records.open(info, null, null) : resume(info));
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
