package io.engram.layers;

import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The controller of a memory-augmented network (the neural Turing machine of Graves, Wayne and
 * Danihelka 2014, section 3.4; the differentiable neural computer of Graves et al. 2016, Methods,
 * "Controller network"): it sees the input and the previous step's read vectors,
 * {@code u_t = [x_t; r_{t-1}]}, and its output {@code h_t} drives the heads (or the interface
 * vector) and the readout. Either an LSTM layer with forget gate ({@link RecurrentKernels#lstmStep}:
 * gates {@code [i f g o] = u_t W + h_{t-1} U + b}, {@code c_t = f ⊙ c_{t-1} + i ⊙ g},
 * {@code h_t = o ⊙ tanh(c_t)}) or a feed-forward layer {@code h_t = tanh(u_t W + b)}.
 *
 * <p>Parameters: {@code controller.w [in, 4H | H]} (with {@code in} the input size plus the read
 * vectors' total width), {@code controller.b [4H | H]}, and for the LSTM {@code controller.u [H, 4H]}.
 * State: {@code [h, c]} for the LSTM, nothing for the feed-forward controller. Stateless.
 */
public final class MemoryController {

    private MemoryController() {
    }

    /** Puts the controller's parameters, of {@code hidden} units and {@code in} inputs, into {@code p}. */
    public static void parameters(Map<String, Tensor> p, Initializer init, boolean lstm, int hidden, int in) {
        int blocks = lstm ? 4 : 1;
        p.put("controller.w", init.weights(in, hidden, blocks));
        p.put("controller.b", init.constant(blocks * hidden, 0));
        if (lstm) {
            p.put("controller.u", init.weights(hidden, hidden, 4));
        }
    }

    /** {@code [h_t, c_t]} (LSTM) or {@code [h_t]} (feed-forward) from {@code u} and the state {@code [h, c]} or {@code []}. */
    public static List<Tensor> step(Ops ops, Map<String, Tensor> p, boolean lstm, Tensor u, List<Tensor> state) {
        Tensor proj = ops.inputProjection(u, p.get("controller.w"), p.get("controller.b"));
        if (!lstm) {
            return List.of(ops.tanh(proj));
        }
        RecurrentKernels.LstmState next = ops.kernels().lstmStep(proj, state.get(0), state.get(1), p.get("controller.u"));
        return List.of(next.h(), next.c());
    }
}
