package io.engram.kernel;

import io.engram.api.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs jobs from a bounded queue on a fixed number of job threads and keeps their records on disk,
 * so a restart still shows the history. Thread-safe.
 *
 * <p>Lifecycle of a job: {@link #submit} validates the spec completely (every problem at once,
 * nothing queued when any is found), resolves the plugins it names and pins their versions, then
 * queues it, unless the queue is full or its record cannot be written; it runs, streaming events to
 * subscribers; it ends succeeded, failed or cancelled, whatever it throws (an error such as running
 * out of memory ends it failed with the reason). A job keeps the plugin services it resolved until
 * it ends, so replacing a plugin bundle affects only jobs submitted afterwards. After the process
 * stops abruptly, jobs that were queued are queued again and jobs that were running are recorded as
 * failed, naming their last checkpoint.
 *
 * <p>A record keeps every event except progress, of which it keeps the most recent ones (the
 * implementation says how many); subscribers receive every event as it happens.
 */
@ProviderType
public interface JobManager {

    /**
     * {@link Problem#where()} of the one problem {@link #submit} answers when the job queue is full:
     * the spec may be valid, and the same submission can succeed later (HTTP 429).
     */
    String QUEUE_FULL = "job.queue";

    /**
     * {@link Problem#where()} of a problem that is the server's, not the spec's: the job's record
     * could not be written, or the job manager is shutting down (HTTP 503).
     */
    String UNAVAILABLE = "job.store";

    /**
     * Validates and queues a job given as flat key/value pairs (see {@link JobSpecs}). Invalid when
     * the spec is wrong (every problem at once), when the queue is full (one problem at
     * {@link #QUEUE_FULL}) or when the record cannot be stored (one problem at {@link #UNAVAILABLE});
     * in every such case nothing is queued or stored.
     */
    Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec);

    /**
     * Queues a new job with the spec of the failed or cancelled job {@code id}, to continue from its
     * last checkpoint: the network and the trainer's state as that checkpoint holds them, so that for
     * the same seed it ends as the uninterrupted job would have. Invalid (one problem at {@code job})
     * when the job is unknown, has not ended, succeeded, or left no checkpoint with its trainer's
     * state; and as {@link #submit} when its spec no longer validates. The default resumes nothing.
     */
    default Validation<Seq<Problem>, JobInfo> resume(String id) {
        return Validation.invalid(io.vavr.collection.List.of(Problem.of("job", "this job manager resumes no jobs")));
    }

    /** All known jobs, newest first, including those from earlier runs; prefer {@link #jobs(int, int)}. */
    List<JobInfo> jobs();

    /**
     * One page of {@link #jobs()}: at most {@code limit} jobs, newest first, skipping the
     * {@code offset} newest.
     */
    default Page<JobInfo> jobs(int offset, int limit) {
        return Page.of(jobs(), offset, limit);
    }

    Optional<JobInfo> job(String id);

    /** Asks a queued or running job to stop; false if unknown or already ended. */
    boolean cancel(String id);

    /**
     * The job's events so far, as kept: every event but progress, and the most recent progress
     * events; in order of {@link JobEvent#seq()}, which has gaps where progress was dropped.
     */
    List<JobEvent> events(String id);

    /**
     * At most {@code limit} of the job's kept events whose {@link JobEvent#seq()} is greater than
     * {@code after} (-1: from the first), in order.
     */
    default List<JobEvent> events(String id, long after, int limit) {
        return events(id).stream().filter(e -> e.seq() > after).limit(Math.max(0, limit))
                .collect(java.util.stream.Collectors.toUnmodifiableList());
    }

    /**
     * The job's metric series so far, oldest first: for each epoch end, the train loss and the
     * validation loss when they were computed, and each of the application's metrics split by
     * {@link MetricPoint#splitKey}. Empty for an unknown job.
     */
    default List<MetricPoint> metrics(String id) {
        java.util.ArrayList<MetricPoint> out = new java.util.ArrayList<>();
        for (JobEvent e : events(id)) {
            if (e.event() instanceof io.engram.api.TrainingEvent.EpochEnd end) {
                long step = end.epoch();
                if (!Double.isNaN(end.trainLoss())) {
                    out.add(new MetricPoint(step, end.epoch(), "train", "loss", end.trainLoss()));
                }
                if (!Double.isNaN(end.validationLoss())) {
                    out.add(new MetricPoint(step, end.epoch(), "validation", "loss", end.validationLoss()));
                }
                new java.util.TreeMap<>(end.metrics()).forEach((key, value) -> {
                    String[] sn = MetricPoint.splitKey(key);
                    out.add(new MetricPoint(step, end.epoch(), sn[0], sn[1], value));
                });
            }
        }
        return java.util.List.copyOf(out);
    }

    /**
     * Delivers the job's past events and then each new one, on an internal thread, until the job
     * ends or the returned handle is closed.
     */
    AutoCloseable subscribe(String id, Consumer<JobEvent> listener);

    /** Waits until the job ends or the timeout passes; returns its latest record. */
    Optional<JobInfo> await(String id, Duration timeout) throws InterruptedException;
}
