package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A loss over a whole padded batch, written against {@link Ops} so that it is differentiated like
 * a cell: recorded on a tape for BPTT, or carried with tangents.
 *
 * <p>Lifecycle: registered as a service with {@code engram.loss=<id>}
 * ({@link PluginProperties#LOSS}); the kernel looks the loss of a job up by the id the spec or the
 * application names and hands it to the trainer ({@link TrainingContext#lossFunction()}). The
 * trainer runs the network over a batch and gives the loss every output at once
 * ({@link #loss(Ops, BatchOutputs)}); the loss returns the summed loss as a scalar, which the
 * trainer divides by {@link #terms(Batch)}. A loss that is a sum of independent per-step terms
 * implements {@link StepwiseLoss} instead, so that trainers may take it run by run as outputs come
 * (truncated BPTT, RTRL); a loss of the whole sequence (CTC) needs all steps and works only with
 * trainers that keep them (full BPTT). Implementations are stateless and thread-safe.
 */
@ConsumerType
public interface Loss {

    /** Identifier used in specs and service properties: {@code mse}, {@code softmax-ce}, {@code ctc}. */
    String id();

    /** One line for {@code engram plugins} and the API. */
    String description();

    /**
     * The summed loss of the batch as a scalar tensor. Padded steps ({@link BatchOutputs#stepMask}
     * 0) contribute exactly nothing, their outputs being whatever the network computed from the
     * held state; a loss cuts them out with {@code ops.where}, not by multiplying with 0, so that
     * even a non-finite padded output leaves the loss and its gradient untouched.
     *
     * @throws IllegalArgumentException when the batch cannot be scored (labels out of range, a
     *                                  transcript longer than its sequence allows), naming the
     *                                  sequence of the batch and what is wrong
     */
    Tensor loss(Ops ops, BatchOutputs outputs);

    /**
     * Whether this loss reads the network's outputs as class scores through softmax (softmax
     * cross-entropy, CTC), so that {@code predict} shows them as probabilities; otherwise (mse) the
     * outputs are shown as they are. False by default.
     */
    default boolean readsSoftmax() {
        return false;
    }

    /**
     * The number of terms the summed loss of {@code batch} averages over; the trainer divides by it
     * and weighs batches by it. The default is the number of steps with a target
     * ({@link Batch#targetCount()}); a loss per sequence returns the number of sequences.
     */
    default int terms(Batch batch) {
        return batch.targetCount();
    }
}
