package io.engram.kernel;

import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where trained models are kept by name and version, as the job manager uses it: a job's final
 * checkpoint is registered as the next version of its model (nothing is ever overwritten), and a
 * reference such as {@code name@3}, {@code name@production} or plain {@code name} (the latest
 * version) is resolved to a checkpoint file for fine-tuning. The model store implements it; without
 * one, the job manager writes checkpoints to their plain paths. Implementations are thread-safe.
 */
@ConsumerType
public interface ModelRegistry {

    /**
     * Registers {@code checkpoint}, a complete checkpoint file, as the next version of the model
     * {@code name}: the file is moved into the registry (copied when it cannot be moved), with the
     * job's id and final metrics beside it. A failure names the reason; nothing is registered then.
     */
    Try<Registered> register(String name, Path checkpoint, String job, Map<String, Double> metrics);

    /**
     * The checkpoint file of a registered version: {@code name@N}, {@code name@ALIAS} or {@code name}
     * for the latest. A failure names the model, version or alias that does not exist.
     */
    Try<Path> resolve(String reference);

    /**
     * Points {@code alias} (such as {@code production} or {@code best}) at the version {@code name@N}
     * names, moving it from any version it pointed at before. A failure names the model, version or
     * the alias that is not a valid name.
     */
    Try<Registered> alias(String reference, String alias);

    /**
     * A registered version.
     *
     * @param name       the model's name
     * @param version    its version, from 1
     * @param checkpoint where the checkpoint file now lies
     */
    record Registered(String name, int version, Path checkpoint) {

        /** {@code name@version}. */
        public String reference() {
            return name + "@" + version;
        }
    }
}
