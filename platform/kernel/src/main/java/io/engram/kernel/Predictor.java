package io.engram.kernel;

import io.engram.api.CheckpointMetadata;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a trained model from its checkpoint. Thread-safe.
 */
@ProviderType
public interface Predictor {

    /** Reads only the checkpoint's metadata; a damaged or foreign file fails with a clear message. */
    Try<CheckpointMetadata> describe(Path checkpoint);

    /**
     * Restores the network with the family that wrote the checkpoint (at a version that can read
     * it) and runs each input sequence ({@code [time][inputSize]}) through it.
     *
     * @return per sequence, the outputs {@code [time][outputSize]} after the task's output activation
     *         (softmax for {@code softmax-ce}, identity for {@code mse}); a failure is an
     *         {@link java.io.IOException} when the checkpoint is unreadable or its tensors are not
     *         exactly the network's (missing, extra, misshapen, NaN: named with their byte offset),
     *         an {@link IllegalArgumentException} when the inputs do not fit the model, and anything
     *         else when the model itself fails
     */
    Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs);
}
