package io.engram.family.gru.internal;

import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named parameters of one network, in creation order. Replacement checks every name, shape
 * and dtype before changing anything. Not thread-safe (a network is used by one job at a time).
 */
final class ParameterStore {
    private final LinkedHashMap<String, Tensor> values;

    ParameterStore(Map<String, Tensor> initial) {
        this.values = new LinkedHashMap<>(initial);
    }

    /** A read-only snapshot in creation order. */
    Map<String, Tensor> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Replaces the given parameters; throws naming the first unknown or misshapen one. */
    void replace(Map<String, Tensor> updates) {
        for (Map.Entry<String, Tensor> e : updates.entrySet()) {
            Tensor old = values.get(e.getKey());
            if (old == null) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: "
                        + String.join(", ", values.keySet()) + ")");
            }
            Tensor v = e.getValue();
            if (!v.shape().equals(old.shape()) || v.dtype() != old.dtype()) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' must be " + old.dtype()
                        + " " + old.shape() + ", got " + v.dtype() + " " + v.shape());
            }
        }
        values.putAll(updates);
    }
}
