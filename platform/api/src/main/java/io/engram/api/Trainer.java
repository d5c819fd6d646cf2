package io.engram.api;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A training method.
 *
 * <p>Lifecycle: registered with {@code engram.trainer=<id>} and {@code engram.capabilities=<what
 * it requires>}. The kernel validates the job's {@code trainer.*} section against {@link #schema()},
 * checks that the family offers every capability in {@link #requires()}, and calls {@link #train}
 * on the job's thread. Implementations are stateless and thread-safe; per-job state lives inside
 * the call.
 */
@ConsumerType
public interface Trainer {

    String id();

    String description();

    Schema schema();

    /** Capabilities a network needs for this trainer (see {@link Capability}). */
    Set<String> requires();

    /**
     * Trains {@code context.network()} in place. Returns when done, stopped early or cancelled.
     * User-facing failures (a diverging loss) are reported in the result and as a
     * {@link TrainingEvent.Stopped} event; exceptions are for bugs.
     */
    TrainingResult train(TrainingContext context);
}
