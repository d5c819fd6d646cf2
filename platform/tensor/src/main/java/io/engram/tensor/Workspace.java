package io.engram.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A region of computation on one thread whose intermediate tensors the backend may recycle when it
 * closes, so that a loop over time steps or training batches stops allocating once it has run
 * once.
 *
 * <p>Lifecycle: {@link Ops#workspace()} opens a workspace on the calling thread; every tensor that
 * ops create on that thread until {@link #close()} belongs to it. Before closing, {@link #keep} the
 * tensors that must outlive it (the carried state, the loss, the gradients); they pass to the
 * enclosing workspace, or to no workspace at all. Closing ends the region: the memory of the tensors
 * not kept may be handed to later tensors, and using such a tensor afterwards is a bug that the
 * backend reports with an exception rather than silently reading reused memory. Workspaces nest
 * and close in reverse order of opening, on the thread that opened them. A workspace is not
 * thread-safe; tensors kept from it may be shared with other threads as usual.
 *
 * <pre>
 *   for (batch : batches) {
 *       try (Workspace ws = ops.workspace()) {
 *           ... forward, backward ...
 *           h = ws.keep(h);
 *           grads = ws.keep(grads);     // everything else is recycled on close
 *       }
 *   }
 * </pre>
 */
@ConsumerType
public interface Workspace extends AutoCloseable {

    /** Marks {@code t} (and any tensor sharing its memory) to survive {@link #close()}; returns it. */
    Tensor keep(Tensor t);

    /** Ends the region; closing twice does nothing. */
    @Override
    void close();

    /** A workspace that recycles nothing: what backends without memory reuse return. */
    static Workspace none() {
        return NoWorkspace.INSTANCE;
    }
}

/** The workspace that recycles nothing. */
final class NoWorkspace implements Workspace {
    static final NoWorkspace INSTANCE = new NoWorkspace();

    private NoWorkspace() {
    }

    @Override
    public Tensor keep(Tensor t) {
        return t;
    }

    @Override
    public void close() {
    }
}
