package io.engram.family.recursive.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.TreeStack;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * A recursive neural network run over the post-order linearisation of binary trees, one step per
 * node. The input of a step is {@code [x_w (V features); leaf; reduce]}: a leaf step has
 * {@code leaf = 1} and the word's features (one-hot, so {@link RecursiveCell#leaf} picks its
 * embedding), a reduce step has {@code reduce = 1} and builds the node from the two vectors on top
 * of the {@link TreeStack}, padding has all zeros and changes nothing. The output of every step is
 * the read-out of the node it built ({@link RecursiveCell#readout}), so per-node labels are
 * per-step targets and BPTT through the stack is backpropagation through structure. Each output
 * depends only on the node's subtree, which comes before it in post-order: the network is causal and
 * runs step by step like any recurrent network.
 *
 * <p>Parameters: {@code embedding [V, d]}, {@code w [2d, d]}, {@code b [d]}, {@code w.out [d, O]},
 * {@code b.out [O]} ({@code V = inputSize - 2}). State: the stack {@code [B, C, d]}, zeros at the start.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class RecursiveNetwork extends AbstractNetwork implements Differentiable {
    private final int dim;
    private final int capacity;

    RecursiveNetwork(ModelSpec spec, int dim, int capacity, Map<String, Tensor> initial) {
        super(spec, initial);
        this.dim = dim;
        this.capacity = capacity;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec().dtype(), Shape.of(batch, capacity, dim)));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        int words = spec().inputSize() - 2;
        Tensor stack = state.get(0);
        Tensor e = RecursiveCell.leaf(ops, ops.slice(x, 1, 0, words), p.get("embedding"));
        Tensor h = RecursiveCell.compose(ops, TreeStack.children(ops, stack), p.get("w"), p.get("b"));
        Tensor next = TreeStack.next(ops, stack, ops.slice(x, 1, words, words + 1), ops.slice(x, 1, words + 1, words + 2), e, h);
        Tensor y = RecursiveCell.readout(ops, TreeStack.top(ops, next), p.get("w.out"), p.get("b.out"));
        return new Step(y, State.of(next));
    }
}
