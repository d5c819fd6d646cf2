package io.engram.family.lstm.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * One step of an LSTM layer with forget gate.
 *
 * <p>Without peepholes, the memory block of Gers, Schmidhuber and Cummins (2000), "Learning to
 * forget: continual prediction with LSTM", Neural Computation 12(10), section 2 (the memory block
 * with forget gate; in the paper's notation the forget gate's activation {@code y^φ} scales the
 * cell state's self-recurrent connection), written with input, forget and output gates
 * {@code i, f, o} and cell input {@code g}:
 * <pre>
 *   i_t = σ(W_i x_t + R_i h_{t-1} + b_i)
 *   f_t = σ(W_f x_t + R_f h_{t-1} + b_f)
 *   g_t = tanh(W_g x_t + R_g h_{t-1} + b_g)
 *   o_t = σ(W_o x_t + R_o h_{t-1} + b_o)
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
 *   h_t = o_t ⊙ tanh(c_t)
 * </pre>
 * This is exactly {@link RecurrentKernels#lstmStep}, over a whole sequence
 * {@link RecurrentKernels#lstmSteps}, which a backend may fuse.
 *
 * <p>With peepholes, Gers, Schraudolph and Schmidhuber (2002), "Learning precise timing with LSTM
 * recurrent networks", JMLR 3, section 2: the gates also see the cell state through
 * diagonal weights {@code p}, the input and forget gates the previous state and the output gate the
 * new one:
 * <pre>
 *   i_t = σ(W_i x_t + R_i h_{t-1} + p_i ⊙ c_{t-1} + b_i)
 *   f_t = σ(W_f x_t + R_f h_{t-1} + p_f ⊙ c_{t-1} + b_f)
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
 *   o_t = σ(W_o x_t + R_o h_{t-1} + p_o ⊙ c_t + b_o)
 *   h_t = o_t ⊙ tanh(c_t)
 * </pre>
 * Gate blocks in {@code W = [W_i W_f W_g W_o]} (shape {@code [in, 4H]}), {@code R} ({@code [H, 4H]})
 * and {@code b} ({@code [4H]}) are ordered input, forget, cell, output. The input projection
 * {@code W x_t + b} is one {@link Ops#inputProjection} (of a whole sequence at once, see
 * {@link LstmLayer}). Stateless.
 */
final class LstmCell {

    private LstmCell() {
    }

    /**
     * {@code [h_t, c_t]} of every step stacked ({@code [T*B, H]} each) from the fused op over the
     * sequence, given the projections {@code xProjs = x_t W + b} of all steps and the state before.
     */
    static List<Tensor> steps(Ops ops, Tensor xProjs, Tensor h, Tensor c, Tensor r) {
        RecurrentKernels.LstmState s = ops.kernels().lstmSteps(xProjs, h, c, r);
        return List.of(s.h(), s.c());
    }

    /** {@code [h_t, c_t]} with peephole connections {@code pi, pf, po} (each {@code [H]}), given {@code xProj}. */
    static List<Tensor> peephole(Ops ops, Tensor xProj, Tensor h, Tensor c, Tensor r, Tensor pi, Tensor pf, Tensor po) {
        int n = h.dim(-1);
        Tensor z = ops.add(xProj, ops.matmul(h, r));
        Tensor i = ops.sigmoid(ops.add(ops.slice(z, -1, 0, n), ops.mul(pi, c)));
        Tensor f = ops.sigmoid(ops.add(ops.slice(z, -1, n, 2 * n), ops.mul(pf, c)));
        Tensor g = ops.tanh(ops.slice(z, -1, 2 * n, 3 * n));
        Tensor cNext = ops.add(ops.mul(f, c), ops.mul(i, g));
        Tensor o = ops.sigmoid(ops.add(ops.slice(z, -1, 3 * n, 4 * n), ops.mul(po, cNext)));
        Tensor hNext = ops.mul(o, ops.tanh(cNext));
        return List.of(hNext, cNext);
    }
}
