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
 * Runs jobs on a bounded executor and keeps their records on disk, so a restart still shows the
 * history. Thread-safe.
 *
 * <p>Lifecycle of a job: {@link #submit} validates the spec completely (every problem at once,
 * nothing queued when any is found), resolves the plugins it names and pins their versions, then
 * queues it; it runs, streaming events to subscribers; it ends succeeded, failed or cancelled. A
 * job keeps the plugin services it resolved until it ends, so replacing a plugin bundle affects
 * only jobs submitted afterwards.
 */
@ProviderType
public interface JobManager {

    /** Validates and queues a job given as flat key/value pairs (see {@link JobSpecs}). */
    Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec);

    /** All known jobs, newest first, including those from earlier runs. */
    List<JobInfo> jobs();

    Optional<JobInfo> job(String id);

    /** Asks a queued or running job to stop; false if unknown or already ended. */
    boolean cancel(String id);

    /** The job's events so far. */
    List<JobEvent> events(String id);

    /**
     * Delivers the job's past events and then each new one, on an internal thread, until the job
     * ends or the returned handle is closed.
     */
    AutoCloseable subscribe(String id, Consumer<JobEvent> listener);

    /** Waits until the job ends or the timeout passes; returns its latest record. */
    Optional<JobInfo> await(String id, Duration timeout) throws InterruptedException;
}
