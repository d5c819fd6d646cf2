package io.engram.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One registered version of a model, as its metadata file {@code NAME/VERSION/model.json} records
 * it. Immutable.
 *
 * @param name        the model's name
 * @param version     the version, from 1
 * @param checkpoint  absolute path of its checkpoint file, {@code NAME/VERSION/model.ckpt}
 * @param bytes       size of the checkpoint file
 * @param sha256      SHA-256 of the checkpoint file, lower-case hex, taken when it was registered
 * @param createdAt   when it was registered, ISO-8601 instant
 * @param source      {@code job ID} for a job's checkpoint, {@code upload} for an uploaded one
 * @param family      the network family
 * @param seed        the seed of the job that trained it
 * @param dataSource  the data it was trained on, as its provenance says
 * @param bundles     the bundles that took part, each {@code symbolic-name version}
 * @param spec        the job spec it was trained with
 * @param metrics     the job's final metrics; empty for an upload
 * @param aliases     the aliases that point at it, sorted
 */
public record ModelVersion(String name, int version, String checkpoint, long bytes, String sha256, String createdAt,
                           String source, String family, long seed, String dataSource, List<String> bundles,
                           Map<String, String> spec, Map<String, Double> metrics, List<String> aliases) {

    public ModelVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checkpoint, "checkpoint");
        bundles = List.copyOf(bundles);
        spec = Map.copyOf(spec);
        metrics = Map.copyOf(metrics);
        aliases = List.copyOf(aliases);
    }

    /** {@code name@version}. */
    public String reference() {
        return name + "@" + version;
    }
}
