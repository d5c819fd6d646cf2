package io.engram.kernel.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Just enough of the op vocabulary, on plain arrays, for the fake plugins of these tests. */
class ArrayOps implements Ops {

    record ArrayTensor(Shape shape, DType dtype, double[] values) implements Tensor {
        @Override
        public double[] toDoubleArray() {
            return values.clone();
        }

        @Override
        public float[] toFloatArray() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }
    }

    static double[] data(Tensor t) {
        return ((ArrayTensor) t).values;
    }

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return new ArrayTensor(shape, dtype, new double[shape.size()]);
    }

    @Override
    public Tensor full(DType dtype, Shape shape, double value) {
        double[] v = new double[shape.size()];
        Arrays.fill(v, value);
        return new ArrayTensor(shape, dtype, v);
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, double[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("size " + values.length + " does not match " + shape);
        }
        return new ArrayTensor(shape, dtype, values.clone());
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return fromArray(dtype, shape, d);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        if (transposeA || transposeB) {
            throw new UnsupportedOperationException("transposed matmul");
        }
        int m = a.dim(0);
        int k = a.dim(1);
        int n = b.dim(1);
        double[] x = data(a);
        double[] y = data(b);
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += x[i * k + p] * y[p * n + j];
                }
                out[i * n + j] = s;
            }
        }
        return new ArrayTensor(Shape.of(m, n), a.dtype(), out);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        double[] x = data(a);
        double[] y = data(b);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + y[i % y.length];
        }
        return new ArrayTensor(a.shape(), a.dtype(), out);
    }

    @Override
    public Tensor softmax(Tensor a, int axis) {
        int n = a.dim(-1);
        double[] x = data(a);
        double[] out = new double[x.length];
        for (int r = 0; r < x.length / n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[r * n + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                out[r * n + j] = Math.exp(x[r * n + j] - max);
                sum += out[r * n + j];
            }
            for (int j = 0; j < n; j++) {
                out[r * n + j] /= sum;
            }
        }
        return new ArrayTensor(a.shape(), a.dtype(), out);
    }

    @Override
    public Tensor addScalar(Tensor a, double beta) {
        double[] x = data(a);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + beta;
        }
        return new ArrayTensor(a.shape(), a.dtype(), out);
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not needed by the fake plugins");
    }

    @Override public Tensor sub(Tensor a, Tensor b) { throw unsupported(); }
    @Override public Tensor mul(Tensor a, Tensor b) { throw unsupported(); }
    @Override public Tensor div(Tensor a, Tensor b) { throw unsupported(); }
    @Override public Tensor scale(Tensor a, double alpha) { throw unsupported(); }
    @Override public Tensor tanh(Tensor a) { throw unsupported(); }
    @Override public Tensor sigmoid(Tensor a) { throw unsupported(); }
    @Override public Tensor relu(Tensor a) { throw unsupported(); }
    @Override public Tensor exp(Tensor a) { throw unsupported(); }
    @Override public Tensor log(Tensor a) { throw unsupported(); }
    @Override public Tensor where(Tensor mask, Tensor a, Tensor b) { throw unsupported(); }
    @Override public Tensor logSoftmax(Tensor a, int axis) { throw unsupported(); }
    @Override public Tensor sum(Tensor a, int axis) { throw unsupported(); }
    @Override public Tensor mean(Tensor a, int axis) { throw unsupported(); }
    @Override public Tensor sumAll(Tensor a) { throw unsupported(); }
    @Override public Tensor concat(int axis, List<Tensor> parts) { throw unsupported(); }
    @Override public Tensor slice(Tensor a, int axis, int from, int to) { throw unsupported(); }
    @Override public Tensor gather(Tensor a, int axis, int[] indices) { throw unsupported(); }
    @Override public Tensor reshape(Tensor a, Shape shape) { throw unsupported(); }
    @Override public Tensor transpose(Tensor a) { throw unsupported(); }
}
