package io.engram.tensor;

import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An accelerator backend: tensors in its own memory and the op vocabulary over them.
 *
 * <p>Lifecycle: a backend bundle registers one {@code Backend} service with the property
 * {@code engram.backend=<id>}. It always registers, even when it cannot run, and then reports
 * {@link #availability()} false with the reason. The kernel hands a backend to
 * {@code NetworkFamily.create} for each job; {@link #ops()} may be called from any thread and the
 * returned {@link Ops} is thread-safe for independent computations. {@link #close()} is called by
 * the component when it deactivates; it releases pools and device memory.
 */
@ConsumerType
public interface Backend extends AutoCloseable {

    /** Short identifier, as used in job specs: {@code cpu}, {@code cuda}, {@code memristor}. */
    String id();

    /** Whether the backend can run here; never throws. */
    Availability availability();

    /** The element types this backend computes in. */
    Set<DType> dtypes();

    /** The op vocabulary over this backend's tensors. */
    Ops ops();

    /**
     * What this backend runs on, for people and for provenance: name/value pairs such as
     * {@code blas.library=OpenBLAS}, {@code blas.version=0.3.31}, {@code blas.source=bundled},
     * {@code threads=2}, {@code device=NVIDIA H100}. Stable for the life of the service; may be
     * called from any thread; never throws. Empty by default.
     */
    default Map<String, String> describe() {
        return Map.of();
    }

    /**
     * Cost counters of what the calling thread has computed on this backend so far, for backends
     * that model cost (a simulated device's energy in joules, latency in seconds, counts of
     * operations); empty for the others. Counters only grow. A job runs on one thread, so the kernel
     * reads them when a job starts and at the end of each epoch and reports the differences in the
     * job's events.
     */
    default Map<String, Double> meter() {
        return Map.of();
    }

    /**
     * Ends the calling thread's use of this backend. The kernel calls it on a job's thread when the
     * job ends (succeeded, failed or cancelled); a backend then releases what it holds for that
     * thread, such as a device stream and pooled device memory. Tensors that are still referenced
     * stay valid; a later call of {@link #ops()} on the thread starts afresh.
     */
    default void release() {
    }

    @Override
    default void close() {
    }
}
