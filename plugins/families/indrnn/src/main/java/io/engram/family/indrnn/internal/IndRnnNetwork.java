package io.engram.family.indrnn.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stack of IndRNN layers ({@link IndRnnLayer}) that keeps its recurrent weights inside the
 * {@link RecurrentConstraint}s: {@link #setParameters} clips every {@code layer<l>.u} it is given into
 * its constraint's range before storing it, which is the paper's clipping after each update (a
 * gradient trainer replaces the parameters after every optimizer step and reads them back); values
 * inside the bound are stored bit for bit. The {@link ParameterVector} reports the same bounds for
 * the elements of {@code u} and refuses values outside them. Everything else is the wrapped
 * {@link StackedNetwork}'s.
 *
 * <p>Lifecycle and thread-safety as in {@link Network}: not thread-safe for {@link #setParameters}.
 */
final class IndRnnNetwork implements Network, Differentiable {
    private final StackedNetwork stack;
    private final Ops ops;
    private final Map<String, RecurrentConstraint> constraints;

    /** {@code constraints}: the constraint of each recurrent weight vector, by parameter name. */
    IndRnnNetwork(StackedNetwork stack, Ops ops, Map<String, RecurrentConstraint> constraints) {
        this.stack = stack;
        this.ops = ops;
        this.constraints = Map.copyOf(constraints);
    }

    /** The constraint of each recurrent weight vector, by parameter name. */
    Map<String, RecurrentConstraint> constraints() {
        return constraints;
    }

    @Override
    public ModelSpec spec() {
        return stack.spec();
    }

    @Override
    public Map<String, Tensor> parameters() {
        return stack.parameters();
    }

    @Override
    public Set<String> trainable() {
        return stack.trainable();
    }

    /** Replaces the given parameters, each recurrent weight vector clipped into the constraint first. */
    @Override
    public void setParameters(Map<String, Tensor> values) {
        Map<String, Tensor> projected = new LinkedHashMap<>(values);
        projected.replaceAll((name, t) -> constraints.containsKey(name) ? constraints.get(name).project(ops, t) : t);
        stack.setParameters(projected);
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return stack.initialState(ops, batch);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        return stack.step(ops, params, x, state, context);
    }

    @Override
    public Steps steps(Ops ops, Map<String, Tensor> params, Tensor xs, State state, List<StepContext> contexts) {
        return stack.steps(ops, params, xs, state, contexts);
    }

    /** Itself as {@link Differentiable}; a {@link ParameterVector} bounding the recurrent weights. */
    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == ParameterVector.class) {
            return Optional.of(type.cast(new BoundedParameters(this, ParameterVector.of(this), constraints)));
        }
        return Network.super.capability(type);
    }
}
