package io.engram.kernel;

import java.util.Map;

/**
 * A snapshot of one job's record.
 *
 * @param id          job id
 * @param name        the spec's {@code job.name}
 * @param state       current state
 * @param family      family id and the bundle version chosen, as {@code lstm@1.0.0}
 * @param trainer     trainer id and version
 * @param application application id and version
 * @param backend     backend id
 * @param submittedAt ISO-8601 instant
 * @param startedAt   ISO-8601 instant, or empty
 * @param endedAt     ISO-8601 instant, or empty
 * @param metrics     latest metrics
 * @param error       why it failed, or empty
 * @param checkpoint  path of the checkpoint written, or empty
 * @param spec        the spec as submitted, key by key
 * @param environment what the job runs on, as its backend describes itself
 *                    ({@code Backend#describe()}, keys prefixed {@code backend.}); empty until known
 */
public record JobInfo(String id, String name, JobState state, String family, String trainer, String application,
                      String backend, String submittedAt, String startedAt, String endedAt,
                      Map<String, Double> metrics, String error, String checkpoint, Map<String, String> spec,
                      Map<String, String> environment) {

    public JobInfo {
        metrics = Map.copyOf(metrics);
        spec = Map.copyOf(spec);
        environment = Map.copyOf(environment);
    }

    /** A record with no environment recorded. */
    public JobInfo(String id, String name, JobState state, String family, String trainer, String application,
                   String backend, String submittedAt, String startedAt, String endedAt,
                   Map<String, Double> metrics, String error, String checkpoint, Map<String, String> spec) {
        this(id, name, state, family, trainer, application, backend, submittedAt, startedAt, endedAt, metrics, error,
                checkpoint, spec, Map.of());
    }
}
