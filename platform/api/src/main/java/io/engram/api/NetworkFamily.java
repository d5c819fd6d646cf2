package io.engram.api;

import io.engram.tensor.Backend;
import io.engram.tensor.Tensor;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A network family: builds {@link Network}s from validated specs.
 *
 * <p>Lifecycle: a family bundle registers one {@code NetworkFamily} service with the properties
 * {@code engram.family=<id>} and {@code engram.capabilities=<list>}. The kernel validates a job's
 * model section against {@link #schema()} and then {@link #validate}, and calls {@link #create} on
 * the job's thread. Implementations are stateless and thread-safe.
 */
@ConsumerType
public interface NetworkFamily {

    /** Short identifier used in specs, such as {@code lstm}. */
    String id();

    /** One line for listings. */
    String description();

    /** The hyperparameters this family accepts. */
    Schema schema();

    /** Capabilities of the networks it builds (see {@link Capability}). */
    Set<String> capabilities();

    /**
     * Cross-field checks beyond the schema; every problem names its key. Called when a job is
     * submitted, before its data is loaded, with input and output sizes 0 (not yet known), and again
     * with the real sizes once the data is loaded.
     */
    default Seq<Problem> validate(ModelSpec spec) {
        return List.empty();
    }

    /** A new network with parameters initialised from {@code seed}; same seed, same parameters. */
    Network create(ModelSpec spec, Backend backend, long seed);

    /**
     * A network with the given parameters, as read from a checkpoint. The parameters must be exactly
     * the network's: the default refuses a missing one, and {@link Network#setParameters} an unknown
     * or misshapen one, so that a network never runs on a mix of stored and initial weights.
     *
     * @throws IllegalArgumentException naming the parameters that are missing, unknown or misshapen
     */
    default Network restore(ModelSpec spec, Backend backend, Map<String, Tensor> parameters) {
        Network n = create(spec, backend, 0L);
        Set<String> missing = new TreeSet<>(n.parameters().keySet());
        missing.removeAll(parameters.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("cannot restore a '" + id() + "' network: parameters " + missing
                    + " are missing");
        }
        n.setParameters(parameters);
        return n;
    }

    /**
     * A network restored from a checkpoint, given everything the checkpoint says: its metadata (spec,
     * provenance, the writer's bundle and format version) and the payloads the network and the
     * application wrote ({@link Payloads}). A family that keeps a vocabulary or statistics in the
     * payloads overrides this; the default ignores them and calls
     * {@link #restore(ModelSpec, Backend, Map)}.
     *
     * @throws IllegalArgumentException naming what is missing, unknown or misshapen
     */
    default Network restore(ModelSpec spec, Backend backend, Map<String, Tensor> parameters,
                            CheckpointMetadata metadata, Payloads payloads) {
        return restore(spec, backend, parameters);
    }

    /**
     * Whether this family can read a checkpoint written by its bundle at {@code writerVersion}
     * (an OSGi version string). The default accepts the same major version.
     */
    default boolean canRead(String writerVersion, String ownVersion) {
        return major(writerVersion) == major(ownVersion);
    }

    private static int major(String version) {
        String head = version.split("\\.", 2)[0];
        try {
            return Integer.parseInt(head);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
