package io.engram.tensor;

import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Ops that forward every op to another {@link Ops}, so that a backend which changes a few ops (a
 * crossbar's matrix products, a metered or a checked op) overrides only those. Forwarded: every op
 * that computes one result of its own, the host defaults of {@code Ops} included ({@link #sqrt},
 * {@link #cumsum}, {@link #solve}, ...), and {@link #workspace}. Not forwarded, so that they compose
 * from this object's ops and see its overrides: the ops built on {@link #matmul}
 * ({@link #batchedMatmul}, {@link #inputProjection}) and the recurrent kernels ({@link #kernels},
 * decomposed into this object's ops). A subclass that changes none of what those use may forward
 * them too, for the delegate's faster kernels ({@code return delegate().kernels();}).
 *
 * <p>Thread-safe as far as the delegate and the subclass's own ops are; holds no state itself.
 */
@ConsumerType
public abstract class ForwardingOps implements Ops {
    private final Ops delegate;

    /** Ops forwarding to {@code delegate}. */
    protected ForwardingOps(Ops delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The ops every op not overridden goes to. */
    protected final Ops delegate() {
        return delegate;
    }

    @Override
    public Workspace workspace() {
        return delegate.workspace();
    }

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return delegate.zeros(dtype, shape);
    }

    @Override
    public Tensor full(DType dtype, Shape shape, double value) {
        return delegate.full(dtype, shape, value);
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, double[] values) {
        return delegate.fromArray(dtype, shape, values);
    }

    @Override
    public Tensor fromArray(DType dtype, Shape shape, float[] values) {
        return delegate.fromArray(dtype, shape, values);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return delegate.matmul(a, b, transposeA, transposeB);
    }

    @Override
    public Tensor solve(Tensor a, Tensor b) {
        return delegate.solve(a, b);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return delegate.add(a, b);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return delegate.sub(a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return delegate.mul(a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return delegate.div(a, b);
    }

    @Override
    public Tensor scale(Tensor a, double alpha) {
        return delegate.scale(a, alpha);
    }

    @Override
    public Tensor addScalar(Tensor a, double beta) {
        return delegate.addScalar(a, beta);
    }

    @Override
    public Tensor tanh(Tensor a) {
        return delegate.tanh(a);
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return delegate.sigmoid(a);
    }

    @Override
    public Tensor relu(Tensor a) {
        return delegate.relu(a);
    }

    @Override
    public Tensor exp(Tensor a) {
        return delegate.exp(a);
    }

    @Override
    public Tensor log(Tensor a) {
        return delegate.log(a);
    }

    @Override
    public Tensor sqrt(Tensor a) {
        return delegate.sqrt(a);
    }

    @Override
    public Tensor abs(Tensor a) {
        return delegate.abs(a);
    }

    @Override
    public Tensor sign(Tensor a) {
        return delegate.sign(a);
    }

    @Override
    public Tensor maximum(Tensor a, Tensor b) {
        return delegate.maximum(a, b);
    }

    @Override
    public Tensor minimum(Tensor a, Tensor b) {
        return delegate.minimum(a, b);
    }

    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return delegate.greater(a, b);
    }

    @Override
    public Tensor greaterEqual(Tensor a, Tensor b) {
        return delegate.greaterEqual(a, b);
    }

    @Override
    public Tensor less(Tensor a, Tensor b) {
        return delegate.less(a, b);
    }

    @Override
    public Tensor lessEqual(Tensor a, Tensor b) {
        return delegate.lessEqual(a, b);
    }

    @Override
    public Tensor heaviside(Tensor a, double surrogateSlope) {
        return delegate.heaviside(a, surrogateSlope);
    }

    @Override
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        return delegate.where(mask, a, b);
    }

    @Override
    public Tensor softmax(Tensor a, int axis) {
        return delegate.softmax(a, axis);
    }

    @Override
    public Tensor logSoftmax(Tensor a, int axis) {
        return delegate.logSoftmax(a, axis);
    }

    @Override
    public Tensor sum(Tensor a, int axis) {
        return delegate.sum(a, axis);
    }

    @Override
    public Tensor mean(Tensor a, int axis) {
        return delegate.mean(a, axis);
    }

    @Override
    public Tensor cumsum(Tensor a, int axis) {
        return delegate.cumsum(a, axis);
    }

    @Override
    public Tensor sumAll(Tensor a) {
        return delegate.sumAll(a);
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        return delegate.concat(axis, parts);
    }

    @Override
    public Tensor slice(Tensor a, int axis, int from, int to) {
        return delegate.slice(a, axis, from, to);
    }

    @Override
    public Tensor gather(Tensor a, int axis, int[] indices) {
        return delegate.gather(a, axis, indices);
    }

    @Override
    public Tensor scatterAdd(Tensor a, int axis, int[] indices, int size) {
        return delegate.scatterAdd(a, axis, indices, size);
    }

    @Override
    public Tensor reshape(Tensor a, Shape shape) {
        return delegate.reshape(a, shape);
    }

    @Override
    public Tensor transpose(Tensor a) {
        return delegate.transpose(a);
    }
}
