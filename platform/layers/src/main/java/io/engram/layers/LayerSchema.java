package io.engram.layers;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The schema entries every stacked family shares, with the same names, defaults and ranges in
 * each: {@code hidden}, {@code layers}, {@code dropout}, {@code init.scheme}, {@code init.scale}
 * and, for families that let the user choose one, {@code activation}. Stateless.
 */
public final class LayerSchema {

    private LayerSchema() {
    }

    /** {@code hidden}: units per layer, default 32, in [1, 4096]. */
    public static HyperParameter hidden(String description) {
        return HyperParameter.integer("hidden", 32, 1, 4096, description);
    }

    /** {@code layers}: stacked layers, default 1, in [1, 16]. */
    public static HyperParameter layers(String description) {
        return HyperParameter.integer("layers", 1, 1, 16, description);
    }

    /** {@code dropout}: the {@link Dropout} rate between layers, default 0, in [0, 0.95]. */
    public static HyperParameter dropout() {
        return HyperParameter.real("dropout", 0.0, 0.0, 0.95,
                "Dropout rate on the input of each layer above the first, while training.");
    }

    /** {@code init.scheme}: one of {@link Initializer#SCHEMES}, default xavier. */
    public static HyperParameter initScheme() {
        return HyperParameter.choice("init.scheme", "xavier", Initializer.SCHEMES,
                "Weight initialisation: xavier (Glorot uniform), uniform (±scale/sqrt(fan-in)) or normal (sd scale/sqrt(fan-in)).");
    }

    /** {@code init.scale}: multiplier of the initialisation range, default 1, in [0, 100]. */
    public static HyperParameter initScale() {
        return HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Multiplier of the initialisation range.");
    }

    /** {@code activation}: one of {@link Activation#NAMES}, default tanh. */
    public static HyperParameter activation(String description) {
        return HyperParameter.choice("activation", "tanh", Activation.NAMES, description);
    }

    /**
     * {@code hidden}, {@code layers}, {@code dropout}, {@code init.scheme} and {@code init.scale},
     * in that order, followed by the family's own parameters.
     */
    public static Schema stacked(String hiddenDescription, String layersDescription, HyperParameter... own) {
        List<HyperParameter> all = new ArrayList<>(List.of(hidden(hiddenDescription), layers(layersDescription),
                dropout(), initScheme(), initScale()));
        all.addAll(Arrays.asList(own));
        return Schema.of(all);
    }

    /**
     * {@code hyper} validated again against {@code schema}, with the defaults filled in: a family
     * calls this on a spec's values before reading them.
     *
     * @throws IllegalArgumentException listing every problem, if {@code hyper} did not come from a
     *                                  validation against this schema (a bug in the caller)
     */
    public static Hyperparameters complete(Schema schema, Hyperparameters hyper) {
        Validation<Seq<Problem>, Hyperparameters> v = schema.validate(hyper.asStrings(), "model.");
        if (v.isInvalid()) {
            throw new IllegalArgumentException("model spec not validated against the schema: " + v.getError().mkString("; "));
        }
        return v.get();
    }
}
