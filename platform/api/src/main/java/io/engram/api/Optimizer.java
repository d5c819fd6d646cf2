package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A first-order optimizer. Lifecycle: one instance per job, created when training starts; it keeps
 * its moment estimates between calls and is used from the job's thread only.
 */
@ConsumerType
public interface Optimizer {

    /** Identifier used in specs: {@code sgd}, {@code adam}, {@code rmsprop}. */
    String id();

    /**
     * One update with learning rate {@code lr}.
     *
     * @return the new parameters by name (same keys, shapes and dtypes as {@code params})
     */
    Map<String, Tensor> step(Ops ops, Map<String, Tensor> params, Map<String, Tensor> grads, double lr);
}
