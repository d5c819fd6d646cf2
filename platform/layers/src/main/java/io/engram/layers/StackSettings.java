package io.engram.layers;

import io.engram.api.Hyperparameters;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;

/**
 * The typed values of the {@link LayerSchema#stacked shared schema entries}. Immutable.
 *
 * @param hidden     units per layer
 * @param layers     stacked layers, at least 1
 * @param dropout    {@link Dropout} rate on the input of each layer above the first
 * @param initScheme one of {@link Initializer#SCHEMES}
 * @param initScale  multiplier of the initialisation range
 */
public record StackSettings(int hidden, int layers, double dropout, String initScheme, double initScale) {

    /** The shared values of {@code hyper}, which {@link LayerSchema#complete} has completed. */
    public static StackSettings of(Hyperparameters hyper) {
        return new StackSettings(hyper.getInt("hidden"), hyper.getInt("layers"), hyper.getDouble("dropout"),
                hyper.getString("init.scheme"), hyper.getDouble("init.scale"));
    }

    /** An initializer with this scheme and scale, seeded with {@code seed}. */
    public Initializer initializer(Ops ops, DType dtype, long seed) {
        return new Initializer(ops, dtype, initScheme, initScale, seed);
    }
}
