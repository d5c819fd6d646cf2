package io.engram.family.jordan.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.Schema;
import io.engram.layers.LayerSchema;
import io.engram.layers.StackSettings;

/** The family's hyperparameters, typed; defaults filled from the schema. */
record JordanSettings(StackSettings stack, String activation, double selfConnection, String feedback) {

    static JordanSettings of(Schema schema, Hyperparameters hyper) {
        Hyperparameters h = LayerSchema.complete(schema, hyper);
        return new JordanSettings(StackSettings.of(h), h.getString("activation"), h.getDouble("self.connection"),
                h.getString("feedback"));
    }
}
