package io.engram.family.seq2seq.internal;

import io.engram.layers.Initializer;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Additive attention, Bahdanau, Cho and Bengio (2015), "Neural machine translation by jointly
 * learning to align and translate", ICLR, sec. 3.1 and appendix A.1.2. With {@code h_s} the
 * encoder's outputs, {@code q_{t-1}} the inner decoder's previous output ({@code q_0 = c}, the
 * summary) in the place of the decoder state {@code s_{t-1}}, and {@code D} the inner decoder:
 * <pre>
 *   e_ts = v^T tanh(W h_s + U q_{t-1})              (eq. 6, appendix A.1.2; W h_s computed once per source)
 *   a_ts = exp(e_ts) / sum_s' exp(e_ts')            (eq. 6, over the real source steps)
 *   c_t  = sum_s a_ts h_s                           (eq. 5)
 *   q_t, s_t = D([y_{t-1} ; c_t], s_{t-1})          (eq. 4: the context enters the step)
 *   z_t  = W_z [q_t ; c_t] + b_z                    (the scores of y_t, from the state and the context, eq. 4)
 * </pre>
 * Parameters: {@code attention.w [d, A]}, {@code attention.u [d, A]}, {@code attention.v [A, 1]},
 * {@code readout.w [2d, V]}, {@code readout.b [V]}. Stateless.
 */
final class AdditiveAttention {
    static final String W = "attention.w";
    static final String U = "attention.u";
    static final String V = "attention.v";

    private AdditiveAttention() {
    }

    static void initialise(Map<String, Tensor> parameters, Initializer init, Seq2seqShape shape) {
        parameters.put(W, init.weights(shape.context(), shape.size(), 1));
        parameters.put(U, init.weights(shape.context(), shape.size(), 1));
        parameters.put(V, init.weights(shape.size(), 1, 1));
        parameters.put(MultiplicativeAttention.READOUT_W, init.weights(2 * shape.context(), shape.outputs(), 1));
        parameters.put(MultiplicativeAttention.READOUT_B, init.constant(shape.outputs(), 0));
    }

    /** The keys {@code W h_s}, {@code [B, T, A]}. */
    static Tensor keys(Ops ops, Map<String, Tensor> params, Tensor outputs) {
        return SourceMemory.project(ops, outputs, params.get(W));
    }

    /** The weights {@code a_t [B, T]} given the query {@code q_{t-1} [B, d]}. */
    static Tensor weights(Ops ops, Map<String, Tensor> params, Tensor keys, Tensor mask, Tensor query) {
        int batch = keys.dim(0);
        int time = keys.dim(1);
        int a = keys.dim(2);
        Tensor u = ops.reshape(ops.matmul(query, params.get(U)), Shape.of(batch, 1, a));
        Tensor hidden = ops.reshape(ops.tanh(ops.add(keys, u)), Shape.of(batch * time, a));
        Tensor scores = ops.reshape(ops.matmul(hidden, params.get(V)), Shape.of(batch, time));
        return SourceMemory.weights(ops, scores, mask);
    }

    /** The scores {@code z_t = W_z [q_t ; c_t] + b_z}. */
    static Tensor scores(Ops ops, Map<String, Tensor> params, Tensor query, Tensor context) {
        return ops.add(ops.matmul(ops.concat(1, List.of(query, context)), params.get(MultiplicativeAttention.READOUT_W)),
                params.get(MultiplicativeAttention.READOUT_B));
    }
}
