package io.engram.kernel.internal;

import io.engram.kernel.JobInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The live record of one job: its current {@link JobInfo}, the events it keeps while it is in
 * memory, its subscribers and its cancellation flag. Every read and write of the info, the events
 * and the subscribers happens while holding the record's monitor, so an event and the state it
 * reports are always consistent. {@link #ended} opens once the job reaches a terminal state.
 *
 * <p>A job's events stay in memory ({@link #events}) while it is queued or running; once it has
 * ended and they are all on disk they are dropped ({@code events} null) and read back from its
 * event log when asked.
 */
final class JobRecord {

    final String id;
    final CountDownLatch ended = new CountDownLatch(1);
    final List<Subscription> subscribers = new ArrayList<>();
    /**
     * The validated spec with its pinned plugins: set at submission, or by the job thread for a job
     * queued again after a restart; null before that and once the job has ended.
     */
    volatile ResolvedSpec resolved;
    JobInfo info;
    /** The kept events, or null when they are only on disk. */
    EventLog events;
    /** The first write of this record that failed, as the job's error would say it; null while none did. */
    String writeFailure;
    /** What the job's thread runs, while it waits in the executor's queue; null afterwards. */
    volatile Runnable task;
    /**
     * The checkpoint a job that was running when the process stopped resumes from, set before it is
     * queued again; null for a job that starts afresh.
     */
    volatile java.nio.file.Path resumeFrom;
    /** Why the job is being cancelled, or null while no one asked. */
    volatile String cancelReason;

    JobRecord(String id, ResolvedSpec resolved, JobInfo info, EventLog events) {
        this.id = id;
        this.resolved = resolved;
        this.info = info;
        this.events = events;
        if (info.state().terminal()) {
            ended.countDown();
        }
    }

    synchronized JobInfo info() {
        return info;
    }

    boolean cancelRequested() {
        return cancelReason != null;
    }
}
