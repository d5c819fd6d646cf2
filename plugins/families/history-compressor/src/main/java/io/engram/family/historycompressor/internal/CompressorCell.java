package io.engram.family.historycompressor.internal;

import io.engram.layers.Activation;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;

/**
 * One level of the history compressor, one step: an Elman (1990) predictor that runs only on the
 * inputs that reach it (Schmidhuber 1992, the multi-level predictor hierarchy: each level is a recurrent predictor whose
 * time is the sequence of its own inputs, the unexpected inputs of the level below):
 * <pre>
 *   a_t^k = f(x_t W_k + h_{t-1}^k U_k + b_k)
 *   h_t^k = h_{t-1}^k + m_t^k * (a_t^k - h_{t-1}^k)       m_t^k = 1 if x_t reaches level k, else 0
 * </pre>
 * Between two of its inputs a level keeps its state exactly, so its gradient crosses a predictable
 * stretch of any length in one of its own steps. Level 0 (the automatizer) has {@code m = 1} always.
 * Stateless.
 */
final class CompressorCell {

    private CompressorCell() {
    }

    /** {@code h_t^k} from {@code h_{t-1}^k}, the input's projection {@code x_t W_k + b_k}, {@code U_k} and the mask {@code m_t^k} (null: 1). */
    static Tensor step(Ops ops, String activation, Tensor xProj, Tensor h, Tensor recurrent, Tensor reach) {
        Tensor a = Activation.apply(ops, activation, ops.add(xProj, ops.matmul(h, recurrent)));
        return reach == null ? a : ops.add(h, ops.mul(reach, ops.sub(a, h)));
    }
}
