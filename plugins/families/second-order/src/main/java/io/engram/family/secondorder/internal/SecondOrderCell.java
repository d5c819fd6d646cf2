package io.engram.family.secondorder.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * One step of a second-order recurrent network: Giles, Miller, Chen, Chen, Sun and Lee (1992),
 * "Learning and extracting finite state automata with second-order recurrent neural networks",
 * Neural Computation 4(3), 393-405, the state update with a bias b_i:
 * <pre>
 *   s_i(t+1) = g( sum_{j,k} W_ijk s_j(t) x_k(t) + b_i ),    g(z) = 1 / (1 + e^-z)
 * </pre>
 * with {@code N} state neurons {@code s}, {@code K} one-hot input neurons {@code x}, and the weights
 * {@code W_ijk} held as one matrix {@code w [N*K, N]} whose row {@code j*K + k}, column {@code i} is
 * {@code W_ijk}. The input symbol thus picks, through the product {@code s_j x_k}, the transition
 * matrix {@code W_{..k}} the state is multiplied by. As ops: the outer product {@code s(t) x(t)^T}
 * of each sequence ({@code [B, N, 1] * [B, 1, K]}, broadcast), flattened to {@code [B, N*K]}, times
 * {@code w}. Stateless.
 */
final class SecondOrderCell {

    private SecondOrderCell() {
    }

    /** {@code s(t+1) [B, N]} from {@code s(t) [B, N]} and {@code x(t) [B, K]}. */
    static Tensor step(Ops ops, Tensor s, Tensor x, Tensor w, Tensor b) {
        int batch = s.dim(0);
        int n = s.dim(1);
        int k = x.dim(1);
        Tensor outer = ops.mul(ops.reshape(s, Shape.of(batch, n, 1)), ops.reshape(x, Shape.of(batch, 1, k)));
        return ops.sigmoid(ops.add(ops.matmul(ops.reshape(outer, Shape.of(batch, n * k)), w), b));
    }
}
