package io.engram.kernel.internal;

import io.engram.api.Problem;
import io.engram.kernel.JobState;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;

/**
 * Puts jobs on the {@link JobQueue} and runs each on a job thread with {@link JobRun}: a job queued
 * again after a restart first has its spec resolved with the plugins installed now
 * ({@link Requeued}), and fails when it is no longer valid. Nothing a job throws escapes its thread:
 * a throwable outside the run ends it {@code FAILED} with the reason. A queued job that is
 * cancelled is withdrawn from the queue and recorded cancelled at once; a running one sees its
 * cancellation flag. The population {@link Workers} live and end with the scheduler.
 *
 * <p>Lifecycle: made with the job manager, {@link #shutdown} once with it. Thread-safe.
 */
final class JobScheduler {

    private final JobQueue queue;
    private final Workers workers;
    private final RecordKeeper records;
    private final JobRun runner;
    private final Requeued requeued;
    private final System.Logger log = System.getLogger(JobScheduler.class.getName());

    JobScheduler(JobQueue queue, Workers workers, RecordKeeper records, JobRun runner, Requeued requeued) {
        this.queue = queue;
        this.workers = workers;
        this.records = records;
        this.runner = runner;
        this.requeued = requeued;
    }

    /** Queues {@code rec}'s run; records it cancelled when the job threads have shut down. */
    void enqueue(JobRecord rec) {
        Runnable task = () -> run(rec);
        rec.task = task;
        if (!queue.execute(task)) {
            records.transition(rec, JobState.CANCELLED, i -> JobInfos.ended(i, JobManagerComponent.SHUT_DOWN, ""));
        }
    }

    /** The job thread's entry: resolves a requeued job's spec, runs it, and never lets a throwable escape. */
    private void run(JobRecord rec) {
        rec.task = null;
        try {
            ResolvedSpec r = rec.resolved;
            if (r == null && !rec.info().state().terminal()) {
                Validation<Seq<Problem>, ResolvedSpec> v = requeued.resolve(rec);
                if (v.isInvalid()) {
                    records.transition(rec, JobState.FAILED, i -> JobInfos.ended(i,
                            "spec: no longer valid: " + v.getError().mkString("; "), ""));
                    return;
                }
                r = v.get();
                rec.resolved = r;
            }
            if (r != null) {
                runner.run(rec, r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            log.log(System.Logger.Level.ERROR, "job " + rec.id + " failed outside its run", t);
            records.transition(rec, JobState.FAILED, i -> JobInfos.ended(i, Failures.describe(t), i.checkpoint()));
        }
    }

    /** Asks {@code rec} to stop for {@code reason}; false when it has already ended. */
    boolean cancel(JobRecord rec, String reason) {
        synchronized (rec) {
            if (rec.info.state().terminal()) {
                return false;
            }
            if (rec.cancelReason == null) {
                rec.cancelReason = reason;
            }
            if (rec.info.state() == JobState.QUEUED) {
                Runnable task = rec.task;
                if (task != null) {
                    queue.withdraw(task);
                }
                records.transition(rec, JobState.CANCELLED, i -> JobInfos.ended(i, reason, ""));
            }
            return true;
        }
    }

    /** Takes no more jobs, waits up to {@code grace} for running ones, then stops the job and worker threads. */
    void shutdown(Duration grace) {
        queue.shutdown(grace);
        workers.shutdown(Duration.ofSeconds(1));
    }
}
