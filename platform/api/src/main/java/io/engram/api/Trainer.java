package io.engram.api;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A training method.
 *
 * <p>Lifecycle: registered with {@code engram.trainer=<id>} and {@code engram.capabilities=<what
 * it requires>} (and {@code engram.trains.on=<kinds>} when it trains on more than datasets). The
 * kernel validates the job's {@code trainer.*} section against {@link #schema()}, checks that the
 * family offers every capability in {@link #requires()} and that the application provides a kind of
 * task in {@link #trainsOn()}, and calls {@link #train}
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
     * The kinds of task this trainer can train on: {@link PluginProperties#DATASET} (it reads
     * {@link TrainingContext#train()}) and {@link PluginProperties#ENVIRONMENT} (it uses
     * {@link TrainingContext#environment()}). The {@link PluginProperties#TRAINS_ON} service property,
     * when present, takes precedence. The default trains on datasets only.
     */
    default Set<String> trainsOn() {
        return Set.of(PluginProperties.DATASET);
    }

    /**
     * Problems of training with {@code loss} under these validated hyperparameters, each naming the
     * spec key at fault; the kernel calls it when a job is submitted. A trainer that takes the loss
     * run by run as the outputs come (truncated BPTT, RTRL) rejects a loss that is not a
     * {@link StepwiseLoss}. The default accepts every loss.
     */
    default java.util.List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
        return java.util.List.of();
    }

    /**
     * Problems of training a network of {@code family}, which offers {@code capabilities} (its
     * {@link PluginProperties#CAPABILITIES}), under these validated hyperparameters, each naming the
     * spec key at fault; the kernel calls it when a job is submitted, after matching
     * {@link #requires()}. A trainer that steps a network causally (truncated BPTT, RTRL) refuses a
     * family that runs whole sequences ({@link Capability#WHOLE_SEQUENCE}, {@link Capability#DECODER}).
     * The default accepts every family.
     */
    default java.util.List<Problem> checkFamily(Hyperparameters hyper, String family, Set<String> capabilities) {
        return java.util.List.of();
    }

    /**
     * Trains {@code context.network()} in place. Returns when done, stopped early or cancelled.
     * User-facing failures (a diverging loss) are reported in the result and as a
     * {@link TrainingEvent.Stopped} event; exceptions are for bugs.
     */
    TrainingResult train(TrainingContext context);
}
