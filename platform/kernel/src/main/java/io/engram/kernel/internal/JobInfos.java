package io.engram.kernel.internal;

import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import java.time.Instant;
import java.util.Map;

/** Changed copies of a {@link JobInfo}, every other field (the environment included) kept. Stateless. */
final class JobInfos {

    private JobInfos() {
    }

    static JobInfo withState(JobInfo i, JobState state) {
        return copy(i, state, i.startedAt(), i.endedAt(), i.metrics(), i.error(), i.checkpoint(), i.environment());
    }

    /** Started now, on a backend that describes itself as {@code environment}. */
    static JobInfo started(JobInfo i, Map<String, String> environment) {
        return copy(i, i.state(), now(), i.endedAt(), i.metrics(), i.error(), i.checkpoint(), environment);
    }

    /** Ended now with {@code error} (empty for none) and {@code checkpoint}. */
    static JobInfo ended(JobInfo i, String error, String checkpoint) {
        return copy(i, i.state(), i.startedAt(), now(), i.metrics(), error, checkpoint, i.environment());
    }

    /** Failed with {@code error}, its checkpoint kept. */
    static JobInfo failed(JobInfo i, String error) {
        return copy(i, JobState.FAILED, i.startedAt(), i.endedAt().isEmpty() ? now() : i.endedAt(), i.metrics(),
                error, i.checkpoint(), i.environment());
    }

    static JobInfo withMetrics(JobInfo i, Map<String, Double> metrics) {
        return copy(i, i.state(), i.startedAt(), i.endedAt(), metrics, i.error(), i.checkpoint(), i.environment());
    }

    static JobInfo withCheckpoint(JobInfo i, String checkpoint) {
        return copy(i, i.state(), i.startedAt(), i.endedAt(), i.metrics(), i.error(), checkpoint, i.environment());
    }

    private static JobInfo copy(JobInfo i, JobState state, String startedAt, String endedAt,
                                Map<String, Double> metrics, String error, String checkpoint,
                                Map<String, String> environment) {
        return new JobInfo(i.id(), i.name(), state, i.family(), i.trainer(), i.application(), i.backend(),
                i.submittedAt(), startedAt, endedAt, metrics, error, checkpoint, i.spec(), environment);
    }

    static String now() {
        return Instant.now().toString();
    }
}
