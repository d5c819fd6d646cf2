package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link Loss} that is a sum of independent terms, one per output row with a target: mean squared
 * error, softmax cross-entropy. Trainers take it on each run of steps as the outputs come (so that
 * nothing of a finished run is kept: truncated BPTT, RTRL, recomputation), with the rows of several
 * steps stacked; the whole-batch form is the same sum over all rows. Stateless and thread-safe.
 */
@ConsumerType
public interface StepwiseLoss extends Loss {

    /**
     * The summed loss over the rows whose {@code mask} is set, as a scalar tensor; masked rows
     * contribute exactly nothing (cut out with {@code ops.where}). Being a sum over rows, it may be
     * given the rows of one step or of several steps stacked ({@code rows} is then steps times
     * sequences).
     *
     * @param output raw network output {@code [rows, out]}
     * @param target {@code [rows, out]}
     * @param mask   {@code [rows, 1]} of 0/1: step mask times target mask
     */
    Tensor loss(Ops ops, Tensor output, Tensor target, Tensor mask);

    /** The sum over every row of the batch: {@code loss(ops, outputs, targets, lossMask)}. */
    @Override
    default Tensor loss(Ops ops, BatchOutputs outputs) {
        return loss(ops, outputs.outputs(), outputs.targets(), outputs.lossMask());
    }
}
