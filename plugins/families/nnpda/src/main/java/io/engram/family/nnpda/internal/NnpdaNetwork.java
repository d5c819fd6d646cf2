package io.engram.family.nnpda.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * A neural network pushdown automaton: the controller ({@link NnpdaController}) and its continuous
 * stack ({@link ContinuousStack}). Step {@code t} reads the stack's top {@code r(t)}, computes the
 * next state {@code s(t+1)} and the action {@code a(t)} from {@code s(t)}, {@code x(t)} and
 * {@code r(t)}, pops {@code relu(-a)} of length and pushes {@code x(t)} with length {@code relu(a)}.
 * The first {@code outputSize} state units are the response units: the output of step {@code t} is
 * {@code s_0 .. s_{O-1}} at {@code t+1}, read where the task puts its target (at the end of a
 * string, to accept or reject it); with {@code accept=empty-stack} it is divided by {@code 1 + L(t)},
 * the stack's length before step {@code t}. With a step context that is not training,
 * {@code quantize=action} rounds the action to 1, -1 or 0 ({@link NnpdaController#quantized}) and
 * {@code quantize=all} the state units to 0 or 1 as well.
 *
 * <p>Parameters: {@code w [(N+1)K(K+1), N]}, {@code b [N]}, {@code w.action [(N+1)K(K+1), 1]},
 * {@code b.action [1]} ({@code K} the input size; the stack's elements are input symbols).
 * State: {@code s [B, N]} starting at 0, the stack's values {@code [B, C, K]} and lengths
 * {@code [B, C]} starting empty (all lengths 0), {@code C} the capacity.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class NnpdaNetwork extends AbstractNetwork implements Differentiable {
    private final int units;
    private final int capacity;
    private final boolean emptyStack;
    private final String quantize;

    NnpdaNetwork(ModelSpec spec, int units, int capacity, boolean emptyStack, String quantize,
            Map<String, Tensor> initial) {
        super(spec, initial);
        this.units = units;
        this.capacity = capacity;
        this.emptyStack = emptyStack;
        this.quantize = quantize;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec().dtype(), Shape.of(batch, units)),
                ops.zeros(spec().dtype(), Shape.of(batch, capacity, spec().inputSize())),
                ops.zeros(spec().dtype(), Shape.of(batch, capacity)));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        Tensor values = state.get(1);
        Tensor lengths = state.get(2);
        Tensor r = ContinuousStack.read(ops, values, lengths);
        Tensor z = NnpdaController.products(ops, state.get(0), x, r);
        boolean inference = context != null && !context.training();
        Tensor analog = NnpdaController.state(ops, z, p.get("w"), p.get("b"));
        Tensor s = inference && quantize.equals("all") ? ops.heaviside(ops.addScalar(analog, -0.5)) : analog;
        Tensor action = NnpdaController.action(ops, z, p.get("w.action"), p.get("b.action"));
        Tensor a = inference && !quantize.equals("none") ? NnpdaController.quantized(ops, action) : action;
        Tensor popped = ContinuousStack.pop(ops, lengths, ops.relu(ops.scale(a, -1)));
        State next = State.of(s, ContinuousStack.pushValues(ops, values, x),
                ContinuousStack.pushLengths(ops, popped, ops.relu(a)));
        Tensor response = ops.slice(s, 1, 0, spec().outputSize());
        Tensor output = emptyStack ? ops.div(response, ops.addScalar(ContinuousStack.length(ops, lengths), 1)) : response;
        return new Step(output, next);
    }
}
