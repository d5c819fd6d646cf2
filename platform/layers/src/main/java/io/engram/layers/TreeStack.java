package io.engram.layers;

import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * The stack of node vectors that turns a binary tree's post-order linearisation into a recurrence:
 * a leaf step pushes the leaf's vector, a reduce step pops the two top vectors (the right child on
 * top, the left one below it) and pushes their composition, so that after each step the top of the
 * stack is the vector of the node that step stands for (the shift-reduce reading of Pollack 1990,
 * section 3, and of Goller and Kuechler 1996). The stack {@code S [B, C, d]} holds {@code C} vectors,
 * index 0 the top. The step's input carries the kind of step in two channels, {@code leaf} and
 * {@code reduce} (each 0 or 1, both 0 in padding); the next stack is
 * <pre>
 *   S' = leaf * push(S, e) + reduce * reduce(S, h) + (1 - leaf - reduce) * S
 *   push(S, e)   = [e, S_0, ..., S_{C-2}]
 *   reduce(S, h) = [h, S_2, ..., S_{C-1}, 0]
 * </pre>
 * so a padded step leaves the stack as it is and the blend is exact for 0/1 channels. A tree deeper
 * than the stack loses its bottom vectors (a post-order of a binary tree of height {@code k} needs
 * {@code k + 1} of them). Built of {@link Ops} (slice, concat, reshape, mul), so a tape
 * differentiates through the stack: backpropagation through structure. Shared by the tree families
 * (recursive networks and recursive tensor networks), which differ only in the composition {@code h}.
 * Stateless and thread-safe.
 */
public final class TreeStack {

    private TreeStack() {
    }

    /** {@code [S_1; S_0]}, the left and right children of the node a reduce step builds, {@code [B, 2d]}. */
    public static Tensor children(Ops ops, Tensor stack) {
        return ops.concat(1, List.of(slot(ops, stack, 1), slot(ops, stack, 0)));
    }

    /** The top vector {@code S_0}, {@code [B, d]}. */
    public static Tensor top(Ops ops, Tensor stack) {
        return slot(ops, stack, 0);
    }

    /** The next stack from the step's channels {@code leaf, reduce [B, 1]}, the leaf vector {@code e} and the composition {@code h}. */
    public static Tensor next(Ops ops, Tensor stack, Tensor leaf, Tensor reduce, Tensor e, Tensor h) {
        int batch = stack.dim(0);
        int c = stack.dim(1);
        int d = stack.dim(2);
        Tensor pushed = c == 1 ? asSlot(ops, e) : ops.concat(1, List.of(asSlot(ops, e), ops.slice(stack, 1, 0, c - 1)));
        Tensor zero = ops.zeros(stack.dtype(), Shape.of(batch, 1, d));
        Tensor reduced = c <= 2 ? ops.concat(1, c == 1 ? List.of(asSlot(ops, h)) : List.of(asSlot(ops, h), zero))
                : ops.concat(1, List.of(asSlot(ops, h), ops.slice(stack, 1, 2, c), zero));
        Tensor l = ops.reshape(leaf, Shape.of(batch, 1, 1));
        Tensor r = ops.reshape(reduce, Shape.of(batch, 1, 1));
        Tensor keep = ops.addScalar(ops.scale(ops.add(l, r), -1), 1);
        return ops.add(ops.add(ops.mul(l, pushed), ops.mul(r, reduced)), ops.mul(keep, stack));
    }

    private static Tensor slot(Ops ops, Tensor stack, int i) {
        if (i >= stack.dim(1)) {
            return ops.zeros(stack.dtype(), Shape.of(stack.dim(0), stack.dim(2)));
        }
        return ops.reshape(ops.slice(stack, 1, i, i + 1), Shape.of(stack.dim(0), stack.dim(2)));
    }

    private static Tensor asSlot(Ops ops, Tensor v) {
        return ops.reshape(v, Shape.of(v.dim(0), 1, v.dim(1)));
    }
}
