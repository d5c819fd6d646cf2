package io.engram.tensor;

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

    @Override
    default void close() {
    }
}
