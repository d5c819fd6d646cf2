package io.engram.kernel;

import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Recalls patterns from cues in a trained associative memory: a model whose network has the
 * capability {@link io.engram.api.Associative} (Hopfield, BAM). Thread-safe.
 */
@ProviderType
public interface Recaller {

    /**
     * Restores the checkpoint's network as {@link Predictor} does and, from each cue, runs the
     * memory's own recall dynamics for at most {@code steps} steps (fewer when a fixed point comes
     * first). A cue is a row of the memory's {@code size()} unit values, each -1, +1, or 0 for a unit
     * not known (a BAM's state is both layers, {@code [x; y]}: {@code [x; 0]} recalls {@code y}).
     *
     * @return per cue, in order, the settled state and energies; a failure is an
     *         {@link java.io.IOException} when the checkpoint is unreadable or does not fit its
     *         network, an {@link IllegalArgumentException} naming the cue and unit when a cue does not
     *         fit the memory or {@code steps} is negative, and an {@link IllegalStateException} when
     *         the model is not an associative memory
     */
    Try<List<Recall>> recall(Path checkpoint, List<double[]> cues, int steps);

    /**
     * One cue's recall.
     *
     * @param state     the state recall ended in, {@code size()} unit values
     * @param energy    the memory's energy of that state
     * @param cueEnergy the memory's energy of the cue (recall does not raise it under the memory's
     *                  own dynamics)
     */
    record Recall(double[] state, double energy, double cueEnergy) {
    }
}
