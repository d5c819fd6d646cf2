package io.engram.kernel.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The live record of one job: its current {@link JobInfo}, its events, its subscribers and its
 * cancellation flag. Every read and write of the info, the events and the subscribers happens while
 * holding the record's monitor, so an event and the state it reports are always consistent.
 * {@link #ended} opens once the job reaches a terminal state.
 */
final class JobRecord {

    final String id;
    /** The validated spec with its pinned plugins; null for records reloaded from disk. */
    final ResolvedSpec resolved;
    final CountDownLatch ended = new CountDownLatch(1);
    final List<JobEvent> events = new ArrayList<>();
    final List<Subscription> subscribers = new ArrayList<>();
    JobInfo info;
    /** Why the job is being cancelled, or null while no one asked. */
    volatile String cancelReason;

    JobRecord(String id, ResolvedSpec resolved, JobInfo info, List<JobEvent> past) {
        this.id = id;
        this.resolved = resolved;
        this.info = info;
        this.events.addAll(past);
        if (info.state().terminal()) {
            ended.countDown();
        }
    }

    synchronized JobInfo info() {
        return info;
    }

    synchronized List<JobEvent> events() {
        return List.copyOf(events);
    }

    boolean cancelRequested() {
        return cancelReason != null;
    }
}
