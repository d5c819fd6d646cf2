package io.engram.autodiff;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * The result of one {@link Tape#backward} pass: the gradient of the loss with respect to each
 * tensor recorded on the tape, as a base (unwrapped) tensor of the same shape and dtype. Immutable;
 * safe to read from any thread.
 */
public final class Gradients {
    private final Tape tape;
    private final Tensor[] grads;
    private final Ops base;

    Gradients(Tape tape, Tensor[] grads, Ops base) {
        this.tape = tape;
        this.grads = grads;
        this.base = base;
    }

    /**
     * The gradient with respect to {@code leaf} (or any tensor this tape made); zeros of its shape
     * when the loss does not depend on it or it is not a tensor of this tape.
     */
    public Tensor of(Tensor leaf) {
        int id = tape.idOf(leaf);
        if (id >= 0 && id < grads.length && grads[id] != null) {
            return grads[id];
        }
        return base.zeros(leaf.dtype(), leaf.shape());
    }
}
