package io.engram.layers;

import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named parameters of one network, in creation order. Replacement checks every name, shape
 * and dtype before changing anything, so a rejected update leaves the store as it was.
 *
 * <p>The store holds references to the tensors it is given and hands out read-only snapshots of
 * its map; tensors are immutable, so nothing is copied. Not thread-safe (a network is used by one
 * job at a time).
 */
public final class ParameterStore {
    private final LinkedHashMap<String, Tensor> values;

    /** A store holding {@code initial}, in its iteration order. */
    public ParameterStore(Map<String, Tensor> initial) {
        this.values = new LinkedHashMap<>(initial);
    }

    /**
     * The current tensor named {@code name}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public Tensor get(String name) {
        Tensor t = values.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "' (known: " + String.join(", ", values.keySet()) + ")");
        }
        return t;
    }

    /** A read-only snapshot in creation order. */
    public Map<String, Tensor> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Replaces the given parameters.
     *
     * @throws IllegalArgumentException naming the first parameter that is unknown or misshapen;
     *                                  nothing is replaced then
     */
    public void replace(Map<String, Tensor> updates) {
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
