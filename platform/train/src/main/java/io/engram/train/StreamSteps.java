package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.StepContext;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.internal.Unroll;

/**
 * One stream (a batch of one sequence) seen step by step, as an {@link OnlineMethod} reads it: the
 * input, target and loss mask of each step, uploaded on first use through the base ops and kept, and
 * each step's {@link StepContext}, drawn from {@code (seed, t)} exactly as {@link SequenceGradients}
 * draws it, so that an online method and BPTT on the same stream and seed see the same dropout.
 * One thread.
 */
public final class StreamSteps {
    private final Unroll unroll;
    private final Batch stream;

    /**
     * @throws IllegalArgumentException when {@code stream} holds more than one sequence
     */
    public StreamSteps(Ops base, Batch stream, DType dtype) {
        if (stream.batch() != 1) {
            throw new IllegalArgumentException("an online method runs one stream at a time, got a batch of "
                    + stream.batch() + " sequences");
        }
        this.unroll = new Unroll(base, stream, dtype);
        this.stream = stream;
    }

    /** The number of steps. */
    public int length() {
        return stream.time();
    }

    /** The input of step {@code t}, {@code [1, inputSize]}. */
    public Tensor input(int t) {
        return unroll.input(t);
    }

    /** The target of step {@code t}, {@code [1, outputSize]}. */
    public Tensor target(int t) {
        return unroll.target(t);
    }

    /** {@code [1, 1]}: 1 where step {@code t} is a real step with a target. */
    public Tensor lossMask(int t) {
        return unroll.lossMask(t);
    }

    /** Whether step {@code t} contributes to the loss. */
    public boolean hasTarget(int t) {
        return stream.stepMask()[t] != 0 && stream.targetMask()[t] != 0;
    }

    /** The training context of step {@code t} under {@code seed} (dropout on). */
    public static StepContext context(int t, long seed) {
        return Unroll.context(true, t, seed);
    }
}
