package io.engram.kernel.spi;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where job records live: each job's info, the events its record keeps, and its metric series. The
 * job manager writes through it as a job runs and reads from it what it does not hold in memory, so
 * every process sharing one store (a database file, a database server) sees every job, whichever
 * process ran it.
 *
 * <p>Contract: job ids come from {@link #nextId} and are unique among all processes sharing the
 * store; writes of one job come from the process that owns it, in order; {@link #append} and
 * {@link #appendMetrics} may be given an event or a point again (after a restart) and keep one copy,
 * the later. A failed write throws an {@link IOException} whose message says what could not be
 * written and why ({@code cannot write WHAT: REASON}) and leaves the store as it was before the
 * call. Implementations are thread-safe.
 */
@ConsumerType
public interface RunStore {

    /** Where the records are, for messages: a directory or a JDBC URL (no password). */
    String location();

    /** A new job id, {@code job-} and six or more digits, never given before by any process sharing the store. */
    String nextId() throws IOException;

    /** Makes later ids number above {@code number} (for records imported with ids of their own). */
    void reserveIds(long number) throws IOException;

    /**
     * Writes a new job's record: its info, owned by {@code owner}, its first events and metric points,
     * all or nothing. Fails when a record of the same id exists.
     */
    void create(JobInfo info, String owner, List<JobEvent> events, List<MetricPoint> metrics) throws IOException;

    /** Replaces the info of a job already created. */
    void save(JobInfo info) throws IOException;

    /** Adds events to a job's record. */
    void append(String jobId, List<JobEvent> events) throws IOException;

    /** Adds points to a job's metric series. */
    void appendMetrics(String jobId, List<MetricPoint> points) throws IOException;

    /** Removes a job's record (a job refused after its record was written); nothing when there is none. */
    void delete(String jobId) throws IOException;

    /** A job's info, or empty when the store has no such job. */
    Optional<JobInfo> job(String id) throws IOException;

    /** At most {@code limit} infos, newest (highest number) first, skipping the {@code offset} newest, and the total. */
    Page<JobInfo> jobs(int offset, int limit) throws IOException;

    /** Every job that has not ended (queued or running), with its owner, oldest first. */
    List<StoredJob> unfinished() throws IOException;

    /**
     * Makes {@code to} the owner of a job that has not ended if {@code from} still owns it; false when
     * another process claimed it first (compare and set).
     */
    boolean claim(String jobId, String from, String to) throws IOException;

    /** At most {@code limit} of the job's kept events numbered above {@code after}, in order. */
    List<JobEvent> events(String jobId, long after, int limit) throws IOException;

    /** The job's metric series, by step, then split and name; empty for an unknown job. */
    List<MetricPoint> metrics(String jobId) throws IOException;
}
