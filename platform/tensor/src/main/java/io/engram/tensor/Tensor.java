package io.engram.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An n-dimensional array owned by a backend. Tensors are immutable from the point of view of the
 * code that receives them: an op returns a new tensor (which a backend may carve out of a reused
 * buffer, see {@link Ops}); only the backend and the recording layers write into tensor memory.
 *
 * <p>Reading values back ({@link #toDoubleArray()}) copies to the host and is meant for the edges
 * of a computation: metrics, checkpoints, tests.
 */
@ConsumerType
public interface Tensor {

    Shape shape();

    DType dtype();

    /** Row-major copy of the values, widened to double. */
    double[] toDoubleArray();

    /** Row-major copy of the values, narrowed to float. */
    float[] toFloatArray();

    /** The single value of a tensor with one element. */
    default double item() {
        if (shape().size() != 1) {
            throw new IllegalStateException("item() needs one element, shape is " + shape());
        }
        return toDoubleArray()[0];
    }

    default int rank() {
        return shape().rank();
    }

    default int dim(int axis) {
        return shape().dim(axis);
    }
}
