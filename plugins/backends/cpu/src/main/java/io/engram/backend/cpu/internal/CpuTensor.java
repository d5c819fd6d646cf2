package io.engram.backend.cpu.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense row-major tensor on the Java heap. Exactly one of {@link #f64} and {@link #f32} is set,
 * according to the dtype. The arrays are never written after the op that created the tensor has
 * returned, so tensors may share them (a reshape shares its input's array) and may be read from
 * any thread. A tensor made inside a workspace may not be used after that workspace closed unless
 * it was kept; every op and every read checks this.
 */
final class CpuTensor implements Tensor {
    final Shape shape;
    final DType dtype;
    final double[] f64;
    final float[] f32;
    /** The workspace the array was allocated in, or null when it belongs to no workspace. */
    final Arena.Region region;

    CpuTensor(Shape shape, double[] data) {
        this(shape, data, null);
    }

    CpuTensor(Shape shape, float[] data) {
        this(shape, data, null);
    }

    CpuTensor(Shape shape, double[] data, Arena.Region region) {
        this.shape = shape;
        this.dtype = DType.F64;
        this.f64 = data;
        this.f32 = null;
        this.region = region;
        check(data.length);
    }

    CpuTensor(Shape shape, float[] data, Arena.Region region) {
        this.shape = shape;
        this.dtype = DType.F32;
        this.f64 = null;
        this.f32 = data;
        this.region = region;
        check(data.length);
    }

    /**
     * Throws if this tensor's workspace has closed without keeping it: its array may already hold
     * another tensor's values. A kept array passes to the enclosing workspace, so the walk goes
     * outwards until an open workspace owns it (live) or one closed without keeping it (dead).
     */
    void checkLive() {
        if (!live()) {
            throw new IllegalStateException("tensor " + shape + " used after its workspace closed"
                    + " (keep() it in the workspace to use it afterwards)");
        }
    }

    private boolean live() {
        Object array = array();
        for (Arena.Region r = region; r != null; r = r.parent) {
            if (!r.closed()) {
                return true;
            }
            if (!r.keeps(array)) {
                return false;
            }
        }
        return true;
    }

    private void check(int length) {
        if (length != shape.size()) {
            throw new IllegalArgumentException("buffer of " + length + " elements for shape " + shape);
        }
    }

    /** A fresh tensor of zeros. */
    static CpuTensor zeros(DType dtype, Shape shape) {
        return dtype == DType.F64 ? new CpuTensor(shape, new double[shape.size()])
                : new CpuTensor(shape, new float[shape.size()]);
    }

    /** The same data under another shape of equal size. */
    CpuTensor view(Shape newShape) {
        return dtype == DType.F64 ? new CpuTensor(newShape, f64, region) : new CpuTensor(newShape, f32, region);
    }

    /** The value at flat index {@code i}, widened to double. */
    double get(int i) {
        return f64 != null ? f64[i] : f32[i];
    }

    /** Writes flat index {@code i}, rounding to the dtype; only while the creating op runs. */
    void set(int i, double v) {
        if (f64 != null) {
            f64[i] = v;
        } else {
            f32[i] = (float) v;
        }
    }

    /** The backing array, for {@link System#arraycopy}. */
    Object array() {
        return f64 != null ? f64 : f32;
    }

    /** Casts a tensor of this backend, or throws naming the foreign class. */
    static CpuTensor of(Tensor t) {
        Objects.requireNonNull(t, "tensor");
        if (t instanceof CpuTensor) {
            CpuTensor c = (CpuTensor) t;
            if (c.region != null) {
                c.checkLive();
            }
            return c;
        }
        throw new IllegalArgumentException("not a CPU tensor: " + t.getClass().getName()
                + " (tensors from another backend or tape must be unwrapped first)");
    }

    int size() {
        return f64 != null ? f64.length : f32.length;
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
        if (region != null) {
            checkLive();
        }
        if (f64 != null) {
            return f64.clone();
        }
        double[] out = new double[f32.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f32[i];
        }
        return out;
    }

    @Override
    public float[] toFloatArray() {
        if (region != null) {
            checkLive();
        }
        if (f32 != null) {
            return f32.clone();
        }
        float[] out = new float[f64.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f64[i];
        }
        return out;
    }

    @Override
    public String toString() {
        if (!live()) {
            return "CpuTensor" + shape + " " + dtype + " (its workspace closed)";
        }
        int n = Math.min(size(), 8);
        double[] head = new double[n];
        for (int i = 0; i < n; i++) {
            head[i] = get(i);
        }
        String values = Arrays.toString(head);
        if (size() > n) {
            values = values.substring(0, values.length() - 1) + ", ...]";
        }
        return "CpuTensor" + shape + " " + dtype + " " + values;
    }
}
