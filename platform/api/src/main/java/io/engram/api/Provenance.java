package io.engram.api;

import java.util.List;
import java.util.Map;

/**
 * Where a trained model came from.
 *
 * @param seed        the job's seed
 * @param dataSource  generator and parameters, or file path
 * @param dataDigest  SHA-256 of the data, hex
 * @param bundles     every bundle that took part (family, trainer, application, backend, platform)
 * @param jobSpec     the job spec as given, key by key
 * @param createdAt   ISO-8601 instant
 */
public record Provenance(long seed, String dataSource, String dataDigest, List<BundleRef> bundles,
                         Map<String, String> jobSpec, String createdAt) {

    public Provenance {
        bundles = List.copyOf(bundles);
        jobSpec = Map.copyOf(jobSpec);
    }
}
