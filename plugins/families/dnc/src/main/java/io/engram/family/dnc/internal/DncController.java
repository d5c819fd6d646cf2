package io.engram.family.dnc.internal;

import io.engram.layers.Initializer;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The controller of a differentiable neural computer (Graves et al. 2016, Methods, "Controller
 * network"): it sees the input and the previous step's read vectors, {@code χ_t = [x_t; r_{t-1}]},
 * and its output {@code h_t} gives the interface vector and, with the new reads, the output. Either an LSTM layer with forget gate
 * ({@link RecurrentKernels#lstmStep}: gates {@code [i f g o] = u_t W + h_{t-1} U + b},
 * {@code c_t = f ⊙ c_{t-1} + i ⊙ g}, {@code h_t = o ⊙ tanh(c_t)}) or a feed-forward layer
 * {@code h_t = tanh(u_t W + b)}.
 *
 * <p>Parameters: {@code controller.w [in + R*W, 4H | H]}, {@code controller.b [4H | H]}, and for the
 * LSTM {@code controller.u [H, 4H]}. State: {@code [h, c]} for the LSTM, nothing for the feed-forward
 * controller. Stateless.
 */
final class DncController {

    private DncController() {
    }

    static void parameters(Map<String, Tensor> p, Initializer init, DncSettings s, int in) {
        int blocks = s.lstm() ? 4 : 1;
        p.put("controller.w", init.weights(in, s.hidden(), blocks));
        p.put("controller.b", init.constant(blocks * s.hidden(), 0));
        if (s.lstm()) {
            p.put("controller.u", init.weights(s.hidden(), s.hidden(), 4));
        }
    }

    /** {@code [h_t, c_t]} (LSTM) or {@code [h_t]} (feed-forward) from {@code u} and the state {@code [h, c]} or {@code []}. */
    static List<Tensor> step(Ops ops, Map<String, Tensor> p, boolean lstm, Tensor u, List<Tensor> state) {
        Tensor proj = ops.inputProjection(u, p.get("controller.w"), p.get("controller.b"));
        if (!lstm) {
            return List.of(ops.tanh(proj));
        }
        RecurrentKernels.LstmState next = ops.kernels().lstmStep(proj, state.get(0), state.get(1), p.get("controller.u"));
        return List.of(next.h(), next.c());
    }
}
