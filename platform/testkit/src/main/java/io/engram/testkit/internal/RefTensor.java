package io.engram.testkit.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Objects;

/**
 * A tensor of the reference ops: its values held as doubles on the heap, each rounded to float when
 * the dtype is f32, so that an f32 result is the f64 computation rounded once. Immutable: the ops
 * read {@link #data()} without copying and never write it. Thread-safe.
 */
public final class RefTensor implements Tensor {
    private final DType dtype;
    private final Shape shape;
    private final double[] data;

    private RefTensor(DType dtype, Shape shape, double[] data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /**
     * A tensor owning {@code values} (not copied: the caller hands it over), rounded to the dtype.
     *
     * @throws IllegalArgumentException if the number of values is not the shape's size
     */
    public static RefTensor own(DType dtype, Shape shape, double[] values) {
        Objects.requireNonNull(dtype, "dtype");
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for shape " + shape + " of size "
                    + shape.size());
        }
        if (dtype == DType.F32) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) values[i];
            }
        }
        return new RefTensor(dtype, shape, values);
    }

    /**
     * {@code t} as a reference tensor.
     *
     * @throws IllegalArgumentException if {@code t} was made by another backend
     */
    public static RefTensor of(Tensor t) {
        if (t instanceof RefTensor) {
            return (RefTensor) t;
        }
        throw new IllegalArgumentException("not a tensor of the reference backend: "
                + (t == null ? "null" : t.getClass().getName()));
    }

    /** The values, not copied: callers only read them. */
    public double[] data() {
        return data;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public double[] toDoubleArray() {
        return data.clone();
    }

    @Override
    public float[] toFloatArray() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return f;
    }

    @Override
    public String toString() {
        return "RefTensor" + shape + " " + dtype;
    }
}
