package io.engram.family.seq2seq.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * What an attending decoder keeps of the source: the encoder's outputs at every step
 * {@code H [B, T, d]} (padding zeroed), their keys {@code K = H W [B, T, k]} computed once per
 * source, and the mask {@code [B, T]} of real steps. Its two operations are the masked softmax of
 * scores over the source steps,
 * <pre>
 *   a_ts = exp(e_ts) / sum_{s' real} exp(e_ts')   for a real step s,   a_ts = 0 on the padding
 * </pre>
 * and the context vector {@code c_t = sum_s a_ts h_s} (Bahdanau, Cho and Bengio 2015, eqs. 5-6).
 * Stateless: the tensors live in the decoder's state, each with the batch as its first axis, so a
 * beam search reorders them as any state. Thread-safe.
 */
final class SourceMemory {
    /** The score given to padded steps before the softmax: exp of it is 0 in f32 and f64. */
    private static final double PADDING = -1e9;

    private SourceMemory() {
    }

    /**
     * The encoder's outputs as {@code [B, T, d]}, from time-major rows {@code [T * B, d]}, with the
     * rows of padded steps set to 0 (so that whatever the encoder computed there never reaches the
     * context, not even as {@code 0 * NaN}).
     */
    static Tensor batchFirst(Ops ops, Tensor outputs, double[] stepMask, int time, int batch) {
        int d = outputs.dim(1);
        int[] rows = new int[time * batch];
        double[] mask = new double[time * batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                rows[b * time + t] = t * batch + b;
                mask[b * time + t] = stepMask[t * batch + b];
            }
        }
        Tensor gathered = ops.gather(outputs, 0, rows);
        Tensor kept = ops.where(ops.fromArray(outputs.dtype(), Shape.of(time * batch, 1), mask), gathered,
                ops.zeros(outputs.dtype(), Shape.of(1, d)));
        return ops.reshape(kept, Shape.of(batch, time, d));
    }

    /** The mask {@code [B, T]} of real steps, from the time-major step mask. */
    static Tensor mask(Ops ops, DType dtype, double[] stepMask, int time, int batch) {
        double[] m = new double[time * batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                m[b * time + t] = stepMask[t * batch + b];
            }
        }
        return ops.fromArray(dtype, Shape.of(batch, time), m);
    }

    /** {@code x W} for {@code x [B, T, d]} and {@code W [d, k]}: {@code [B, T, k]}. */
    static Tensor project(Ops ops, Tensor x, Tensor w) {
        int batch = x.dim(0);
        int time = x.dim(1);
        Tensor flat = ops.matmul(ops.reshape(x, Shape.of(batch * time, x.dim(2))), w);
        return ops.reshape(flat, Shape.of(batch, time, w.dim(1)));
    }

    /** The masked softmax of {@code scores [B, T]} over the real steps of {@code mask [B, T]}. */
    static Tensor weights(Ops ops, Tensor scores, Tensor mask) {
        Tensor padded = ops.full(scores.dtype(), Shape.of(1, 1), PADDING);
        return ops.softmax(ops.where(mask, scores, padded), 1);
    }

    /** {@code c_t = sum_s a_ts h_s}: weights {@code [B, T]} and outputs {@code [B, T, d]} give {@code [B, d]}. */
    static Tensor context(Ops ops, Tensor weights, Tensor outputs) {
        int batch = outputs.dim(0);
        Tensor rows = ops.reshape(weights, Shape.of(batch, 1, outputs.dim(1)));
        return ops.reshape(ops.batchedMatmul(rows, outputs), Shape.of(batch, outputs.dim(2)));
    }
}
