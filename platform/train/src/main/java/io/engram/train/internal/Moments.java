package io.engram.train.internal;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers the optimizers share: per-parameter state maps and an elementwise square root. */
final class Moments {

    private Moments() {
    }

    /** The state of {@code name}, zeros shaped like {@code like} on first use. */
    static Tensor get(Map<String, Tensor> state, String name, Ops ops, Tensor like) {
        Tensor t = state.get(name);
        return t != null ? t : ops.zeros(like.dtype(), like.shape());
    }

    /**
     * Elementwise square root of a non-negative tensor, as {@code exp(log(a) / 2)} since the op
     * vocabulary has no root; zeros map to zero.
     */
    static Tensor sqrt(Ops ops, Tensor a) {
        return ops.exp(ops.scale(ops.log(a), 0.5));
    }

    /** One parameter's update: its name, value and gradient to its new value. */
    @FunctionalInterface
    interface ParameterUpdate {
        Tensor apply(String name, Tensor p, Tensor g);
    }

    /**
     * Applies {@code update} to every parameter in {@code params}' order, each with its gradient
     * from {@code grads}, and returns the new values as an unmodifiable map in the same order.
     *
     * @throws IllegalArgumentException when a parameter has no gradient
     */
    static Map<String, Tensor> update(Map<String, Tensor> params, Map<String, Tensor> grads,
            ParameterUpdate update) {
        Map<String, Tensor> out = newMap();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String name = e.getKey();
            out.put(name, update.apply(name, e.getValue(), gradient(grads, name)));
        }
        return Collections.unmodifiableMap(out);
    }

    static Map<String, Tensor> newMap() {
        return new LinkedHashMap<>();
    }

    static Tensor gradient(Map<String, Tensor> grads, String name) {
        Tensor g = grads.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no gradient for parameter '" + name + "'");
        }
        return g;
    }

    /** The maps of {@code named} flattened as {@code <moment>.<parameter>}, moments in name order. */
    static Map<String, Tensor> export(Map<String, Map<String, Tensor>> named) {
        Map<String, Tensor> out = newMap();
        new java.util.TreeMap<>(named).forEach((moment, state) -> state.forEach((p, t) -> out.put(moment + "." + p, t)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Fills the maps of {@code named} from {@code saved}, cleared first.
     *
     * @throws IllegalArgumentException for a key that names none of the moments
     */
    static void restore(Map<String, Map<String, Tensor>> named, Map<String, Tensor> saved) {
        named.values().forEach(Map::clear);
        saved.forEach((key, t) -> {
            int dot = key.indexOf('.');
            Map<String, Tensor> state = dot < 0 ? null : named.get(key.substring(0, dot));
            if (state == null) {
                throw new IllegalArgumentException("optimizer state '" + key + "' is none of the moments "
                        + named.keySet());
            }
            state.put(key.substring(dot + 1), t);
        });
    }
}
