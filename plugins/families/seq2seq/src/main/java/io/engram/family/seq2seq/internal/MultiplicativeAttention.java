package io.engram.family.seq2seq.internal;

import io.engram.layers.Initializer;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Multiplicative ("general") attention, Luong, Pham and Manning (2015), "Effective approaches to
 * attention-based neural machine translation", EMNLP, sec. 3. With {@code h_s} the encoder's outputs,
 * {@code c} the summary, {@code D} the inner decoder and {@code q_t} its output in the place of the
 * decoder state {@code h_t}:
 * <pre>
 *   q_t, s_t = D([y_{t-1} ; c ; h~_{t-1}], s_{t-1})   (sec. 3.3 input feeding, h~_0 = 0; without it D([y_{t-1} ; c], .))
 *   score(q_t, h_s) = q_t^T W_a h_s                    (eq. 8, "general"; W_a h_s computed once per source)
 *   a_ts = exp(score_ts) / sum_s' exp(score_ts')       (eq. 7, over the real source steps)
 *   c_t  = sum_s a_ts h_s
 *   h~_t = tanh(W_c [c_t ; q_t])                       (eq. 5, the attentional vector)
 *   z_t  = W_s h~_t + b_s                              (eq. 6, the scores of y_t)
 * </pre>
 * Parameters: {@code attention.w [d, d]} (W_a, transposed so that the keys are {@code H W}),
 * {@code attention.c [2d, d]}, {@code readout.w [d, V]}, {@code readout.b [V]}. Stateless.
 */
final class MultiplicativeAttention {
    static final String W = "attention.w";
    static final String C = "attention.c";
    static final String READOUT_W = "readout.w";
    static final String READOUT_B = "readout.b";

    private MultiplicativeAttention() {
    }

    static void initialise(Map<String, Tensor> parameters, Initializer init, Seq2seqShape shape) {
        parameters.put(W, init.weights(shape.context(), shape.context(), 1));
        parameters.put(C, init.weights(2 * shape.context(), shape.context(), 1));
        parameters.put(READOUT_W, init.weights(shape.context(), shape.outputs(), 1));
        parameters.put(READOUT_B, init.constant(shape.outputs(), 0));
    }

    /** The keys {@code W_a h_s}, {@code [B, T, d]}. */
    static Tensor keys(Ops ops, Map<String, Tensor> params, Tensor outputs) {
        return SourceMemory.project(ops, outputs, params.get(W));
    }

    /** The weights {@code a_t [B, T]} given the decoder's output {@code q_t [B, d]}. */
    static Tensor weights(Ops ops, Tensor keys, Tensor mask, Tensor query) {
        int batch = keys.dim(0);
        Tensor scores = ops.batchedMatmul(keys, ops.reshape(query, Shape.of(batch, query.dim(1), 1)));
        return SourceMemory.weights(ops, ops.reshape(scores, Shape.of(batch, keys.dim(1))), mask);
    }

    /** The attentional vector {@code h~_t = tanh(W_c [c_t ; q_t])}. */
    static Tensor attentional(Ops ops, Map<String, Tensor> params, Tensor context, Tensor query) {
        return ops.tanh(ops.matmul(ops.concat(1, List.of(context, query)), params.get(C)));
    }

    /** The scores {@code z_t = W_s h~_t + b_s}. */
    static Tensor scores(Ops ops, Map<String, Tensor> params, Tensor attentional) {
        return ops.add(ops.matmul(attentional, params.get(READOUT_W)), params.get(READOUT_B));
    }
}
