package io.engram.layers;

import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of networks inside a composite network, kept in its one map under a prefix per
 * inner network ({@code forward.}, {@code encoder.}): {@link #putAll} files an inner network's
 * parameters under its prefix, {@link #section} takes them out again for its step. Stateless.
 */
public final class PrefixedParameters {

    private PrefixedParameters() {
    }

    /** Puts every entry of {@code inner} into {@code target} as {@code prefix + name}, in order. */
    public static void putAll(Map<String, Tensor> target, String prefix, Map<String, Tensor> inner) {
        inner.forEach((name, value) -> target.put(prefix + name, value));
    }

    /** The entries of {@code params} whose names start with {@code prefix}, without it, in order. */
    public static Map<String, Tensor> section(Map<String, Tensor> params, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), value);
            }
        });
        return out;
    }
}
