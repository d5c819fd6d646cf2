package io.engram.api;

import java.util.List;
import java.util.Map;

/**
 * Where a trained model came from.
 *
 * @param seed        the job's seed
 * @param dataSource  generator and parameters, or file path
 * @param dataDigest  SHA-256 of the data, hex
 * @param bundles     every bundle that took part (family, trainer, application, backend, loss, platform)
 * @param jobSpec     the job spec as given, key by key
 * @param createdAt   ISO-8601 instant
 * @param environment what the computation ran on, as the backend describes it
 *                    ({@code io.engram.tensor.Backend#describe()}: BLAS library, version, threads,
 *                    device), each key prefixed with {@code backend.}; empty when unknown
 * @param innerFamilies the families that took part inside a composite family ({@link CompositeFamily}),
 *                      by slot, outermost first; their bundles are in {@code bundles} too; empty for a
 *                      plain family
 */
public record Provenance(long seed, String dataSource, String dataDigest, List<BundleRef> bundles,
                         Map<String, String> jobSpec, String createdAt, Map<String, String> environment,
                         List<InnerFamily> innerFamilies) {

    public Provenance {
        bundles = List.copyOf(bundles);
        jobSpec = Map.copyOf(jobSpec);
        environment = Map.copyOf(environment);
        innerFamilies = List.copyOf(innerFamilies);
    }

    /** Provenance of a plain family (no inner families). */
    public Provenance(long seed, String dataSource, String dataDigest, List<BundleRef> bundles,
                      Map<String, String> jobSpec, String createdAt, Map<String, String> environment) {
        this(seed, dataSource, dataDigest, bundles, jobSpec, createdAt, environment, List.of());
    }

    /** Provenance with no environment recorded (checkpoints written before it was). */
    public Provenance(long seed, String dataSource, String dataDigest, List<BundleRef> bundles,
                      Map<String, String> jobSpec, String createdAt) {
        this(seed, dataSource, dataDigest, bundles, jobSpec, createdAt, Map.of());
    }
}
