package io.engram.layers;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;

/**
 * The elementwise activation functions a layer may choose by name: {@code tanh},
 * {@code sigmoid} ({@code 1 / (1 + e^-a)}) and {@code relu} ({@code max(0, a)}). Stateless and
 * thread-safe.
 */
public final class Activation {
    /** The names, as offered by {@link LayerSchema#activation(String)}. */
    public static final List<String> NAMES = List.of("tanh", "sigmoid", "relu");

    private Activation() {
    }

    /**
     * {@code f(a)} for the activation called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name (a schema lets none through)
     */
    public static Tensor apply(Ops ops, String name, Tensor a) {
        switch (name) {
            case "tanh": return ops.tanh(a);
            case "sigmoid": return ops.sigmoid(a);
            case "relu": return ops.relu(a);
            default: throw new IllegalArgumentException("unknown activation '" + name + "'");
        }
    }
}
