package io.engram.family.dnc.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * The interface vector {@code ξ_t = h_t W_ξ + b_ξ} of a differentiable neural computer split into
 * its parts and squashed into their ranges (Graves et al. 2016, Methods, "Interface parameters"):
 * <pre>
 *   ξ_t = [k^{r,1..R}; β̂^{r,1..R}; k^w; β̂^w; ê; v; f̂^{1..R}; ĝ^a; ĝ^w; π̂^{1..R}]
 *   β^r = oneplus(β̂^r),  β^w = oneplus(β̂^w),   oneplus(x) = 1 + log(1 + e^x)   read and write strengths
 *   e = σ(ê),  f^i = σ(f̂^i),  g^a = σ(ĝ^a),  g^w = σ(ĝ^w)                      erase, free, allocation and write gates
 *   π^i = softmax(π̂^i) ∈ S_3                                                    read modes (backward, content, forward)
 * </pre>
 * Keys and the write vector {@code v} are used as they are. Immutable.
 *
 * @param readKeys      {@code [B, R, W]}
 * @param readStrengths {@code [B, R, 1]}
 * @param writeKey      {@code [B, 1, W]}
 * @param writeStrength {@code [B, 1, 1]}
 * @param erase         {@code [B, 1, W]}
 * @param write         {@code [B, 1, W]}
 * @param free          {@code [B, R, 1]}
 * @param allocation    {@code [B, 1, 1]} the allocation gate {@code g^a}
 * @param writeGate     {@code [B, 1, 1]}
 * @param modes         {@code [B, R, 3]}
 */
record DncInterface(Tensor readKeys, Tensor readStrengths, Tensor writeKey, Tensor writeStrength, Tensor erase,
                    Tensor write, Tensor free, Tensor allocation, Tensor writeGate, Tensor modes) {

    static DncInterface of(Ops ops, Tensor xi, DncSettings s) {
        int r = s.readHeads();
        int w = s.width();
        Cursor c = new Cursor(ops, xi, xi.dim(0));
        Tensor readKeys = c.next(r, w);
        Tensor readStrengths = oneplus(ops, c.next(r, 1));
        Tensor writeKey = c.next(1, w);
        Tensor writeStrength = oneplus(ops, c.next(1, 1));
        Tensor erase = ops.sigmoid(c.next(1, w));
        Tensor write = c.next(1, w);
        Tensor free = ops.sigmoid(c.next(r, 1));
        Tensor allocation = ops.sigmoid(c.next(1, 1));
        Tensor writeGate = ops.sigmoid(c.next(1, 1));
        Tensor modes = ops.softmax(c.next(r, 3), -1);
        return new DncInterface(readKeys, readStrengths, writeKey, writeStrength, erase, write, free, allocation,
                writeGate, modes);
    }

    /** {@code 1 + log(1 + e^x)}, at least one. */
    static Tensor oneplus(Ops ops, Tensor x) {
        return ops.addScalar(ops.log(ops.addScalar(ops.exp(x), 1.0)), 1.0);
    }

    /** Walks the columns of {@code ξ}, handing out blocks {@code [B, rows, cols]}. Not thread-safe. */
    private static final class Cursor {
        private final Ops ops;
        private final Tensor z;
        private final int batch;
        private int at;

        Cursor(Ops ops, Tensor z, int batch) {
            this.ops = ops;
            this.z = z;
            this.batch = batch;
        }

        Tensor next(int rows, int cols) {
            Tensor block = ops.slice(z, 1, at, at + rows * cols);
            at += rows * cols;
            return ops.reshape(block, Shape.of(batch, rows, cols));
        }
    }
}
