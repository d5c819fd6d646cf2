package io.engram.family.ntm.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * What the heads emit at one step, from the controller's output {@code h_t} through one linear map
 * {@code z = h_t W_head + b_head}, squashed into their ranges (Graves, Wayne and Danihelka 2014,
 * section 3.3.2): key {@code k} as is, {@code β = softplus(z_β) ≥ 0}, {@code g = σ(z_g)},
 * {@code s = softmax(z_s)} over the shifts {@code -1, 0, +1}, {@code γ = 1 + softplus(z_γ) ≥ 1};
 * for the write heads {@code e = σ(z_e)} and {@code a = tanh(z_a)}. Columns of {@code z}: all keys
 * ({@code heads * M}), all β, all g, all shifts ({@code heads * 3}), all γ, all erase vectors
 * ({@code W * M}), all add vectors. Heads are ordered read heads first. Immutable.
 *
 * @param key   {@code [B, heads, M]}
 * @param beta  {@code [B, heads, 1]}
 * @param gate  {@code [B, heads, 1]}
 * @param shift {@code [B, heads, 3]}
 * @param gamma {@code [B, heads, 1]}
 * @param erase {@code [B, W, M]}
 * @param add   {@code [B, W, M]}
 */
record NtmHeads(Tensor key, Tensor beta, Tensor gate, Tensor shift, Tensor gamma, Tensor erase, Tensor add) {

    static NtmHeads of(Ops ops, Tensor z, NtmSettings s) {
        int b = z.dim(0);
        int heads = s.heads();
        int m = s.width();
        int w = s.writeHeads();
        Cursor c = new Cursor(ops, z, b);
        Tensor key = c.next(heads, m);
        Tensor beta = softplus(ops, c.next(heads, 1));
        Tensor gate = ops.sigmoid(c.next(heads, 1));
        Tensor shift = ops.softmax(c.next(heads, 3), -1);
        Tensor gamma = ops.addScalar(softplus(ops, c.next(heads, 1)), 1.0);
        Tensor erase = ops.sigmoid(c.next(w, m));
        Tensor add = ops.tanh(c.next(w, m));
        return new NtmHeads(key, beta, gate, shift, gamma, erase, add);
    }

    /** {@code log(1 + exp(x))}. */
    static Tensor softplus(Ops ops, Tensor x) {
        return ops.log(ops.addScalar(ops.exp(x), 1.0));
    }

    /** Walks the columns of {@code z}, handing out blocks {@code [B, rows, cols]}. Not thread-safe. */
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
