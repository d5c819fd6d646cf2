package io.engram.autodiff;

import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.function.Consumer;

/**
 * What {@link Tape} and {@link TangentOps} share: a tensor that stands for a base tensor of the
 * wrapped {@code Ops} (read through to its value), and a workspace of the base that keeps the base
 * tensors behind a wrapped one.
 */
final class Wrapping {

    private Wrapping() {
    }

    /**
     * A tensor of a differentiating {@code Ops} over its base {@code value}: shape, type and
     * contents are the value's; what else it carries (a tape node, a tangent) is its subclass's.
     * Immutable.
     */
    abstract static class Wrapped implements Tensor {
        final Tensor value;

        Wrapped(Tensor value) {
            this.value = value;
        }

        @Override
        public final Shape shape() {
            return value.shape();
        }

        @Override
        public final DType dtype() {
            return value.dtype();
        }

        @Override
        public final double[] toDoubleArray() {
            return value.toDoubleArray();
        }

        @Override
        public final float[] toFloatArray() {
            return value.toFloatArray();
        }
    }

    /**
     * {@code inner} with {@code keep(t)} handing {@code t} to {@code keepParts}, which keeps in
     * {@code inner} the base tensors {@code t} is made of; {@code keep} returns {@code t} itself.
     * Closing it closes {@code inner}.
     */
    static Workspace workspace(Workspace inner, Consumer<Tensor> keepParts) {
        return new Workspace() {
            @Override
            public Tensor keep(Tensor t) {
                keepParts.accept(t);
                return t;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
