package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A network that computes the outputs of all steps of a padded batch at once, because an output may
 * depend on later inputs (a bidirectional network, a tree network, an encoder that reads the whole
 * source first). Such a network is not causal: {@link Network#step} and {@link Network#steps} may
 * refuse to run it, and trainers, {@code SequenceOutputs} and {@code predict} call {@link #run}
 * instead (a network offers this through {@link Network#capability(Class)} and declares
 * {@link Capability#WHOLE_SEQUENCE}).
 *
 * <p>Masks: {@code stepMask[t * batch + b]} is 1 where sequence {@code b} has a real step {@code t}
 * and 0 in padding, as in {@link Batch#stepMask()}; each sequence's real steps come first (padding
 * only at the end). The output of a real step must depend on the real steps of its own sequence
 * only: whatever the padding holds, and whichever other sequences share the batch, it is the same
 * (to rounding) as when that sequence runs alone. Rows of padded steps are finite but otherwise
 * unspecified; losses mask them out.
 *
 * <p>Lifecycle and thread-safety as in {@link Network}: {@link #run} is a pure function of its
 * arguments, reads parameters only from {@code params} (so that it is recorded for BPTT like a
 * step), and is called by one thread at a time on a given network.
 */
@ConsumerType
public interface WholeSequence {

    /**
     * The raw outputs of every step of a padded batch.
     *
     * @param xs       inputs {@code [time * batch, inputSize]}, rows {@code t * batch .. (t + 1) * batch - 1}
     *                 being step {@code t}'s
     * @param stepMask {@code time * batch} values of 0/1, owned by the caller and not modified
     * @param contexts one per step, {@code time} of them (training flag and per-step randomness)
     * @return outputs {@code [time * batch, outputSize]} in the layout of {@code xs}
     * @throws IllegalArgumentException when the sizes of {@code xs}, {@code stepMask} and
     *                                  {@code contexts} disagree
     */
    Tensor run(Ops ops, Map<String, Tensor> params, Tensor xs, double[] stepMask, List<StepContext> contexts);
}
