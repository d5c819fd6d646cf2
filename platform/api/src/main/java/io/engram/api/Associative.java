package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The capability {@link Capability#ASSOCIATIVE}: a content-addressable memory (Hopfield, BAM) that
 * stores patterns by a learning rule, recalls a stored pattern from a cue, and has an energy that
 * recall does not increase.
 *
 * <p>Patterns and states are rows of {@link #size()} unit values, {@code [n, size]}, in the values
 * the units take (for sign units -1 and +1). {@link #recall} runs the memory's own dynamics from the
 * cue; for every state it passes through, {@link #energy} does not increase from one recall step
 * to the next (Hopfield 1982, eq. 7), so a stored pattern is a fixed point and a local minimum.
 *
 * <p>Lifecycle: a view of one network from {@code network.capability(Associative.class)}.
 * {@link #store} changes the network's parameters (through {@link Network#setParameters}); recall
 * and energy read the current ones. Not thread-safe: used like the network, by one thread at a time.
 */
@ConsumerType
public interface Associative {

    /** The width of a pattern: the number of units of the memory. */
    int size();

    /** The names of the storage rules this memory knows ({@code hebbian}, ...), the default first. */
    List<String> rules();

    /**
     * Stores {@code patterns [n, size]} with the rule {@code rule}; afterwards the memory holds these
     * patterns and no longer those stored before.
     *
     * @throws IllegalArgumentException when the rule is not one of {@link #rules()} or the
     *                                  patterns are misshapen; nothing is changed then
     */
    void store(Ops ops, String rule, Tensor patterns);

    /**
     * The state after at most {@code steps} recall steps from {@code cue [batch, size]} (fewer when a
     * fixed point is reached earlier), {@code [batch, size]}; {@code steps = 0} gives the cue.
     */
    Tensor recall(Ops ops, Tensor cue, int steps);

    /** The energy of each row of {@code states [batch, size]}, {@code [batch]}. */
    Tensor energy(Ops ops, Tensor states);
}
