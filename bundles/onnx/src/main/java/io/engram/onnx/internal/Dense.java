package io.engram.onnx.internal;

import java.util.Arrays;

/**
 * A dense float32 array with its shape, row-major: the form in which weights pass between Engram's
 * checkpoints and ONNX tensors. The array is owned by the record; callers do not change it after
 * construction. Immutable by convention, not thread-safe to mutate.
 *
 * @param shape extents, outermost first
 * @param data  {@code product(shape)} elements
 */
record Dense(int[] shape, float[] data) {

    Dense {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements, not "
                    + data.length);
        }
    }

    /** Zeros of {@code shape}. */
    static Dense zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new Dense(shape, new float[(int) n]);
    }

    int dim(int axis) {
        return shape[axis];
    }

    int rank() {
        return shape.length;
    }

    /** Element {@code [i, j]} of a matrix. */
    float get(int i, int j) {
        return data[i * shape[1] + j];
    }

    /** The shape as text, {@code [3, 20]}. */
    String shapeText() {
        return Arrays.toString(shape);
    }

    /** Whether every element is zero. */
    boolean allZero() {
        for (float v : data) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
