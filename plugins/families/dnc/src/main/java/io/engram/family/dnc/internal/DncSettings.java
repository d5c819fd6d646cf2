package io.engram.family.dnc.internal;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Schema;
import io.engram.layers.Initializer;
import io.engram.layers.LayerSchema;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.List;

/**
 * The family's hyperparameters, typed; defaults filled from {@link #SCHEMA}.
 *
 * @param hidden     controller units
 * @param controller {@code lstm} or {@code feedforward}
 * @param rows       memory rows {@code N}
 * @param width      memory width {@code W}
 * @param readHeads  read heads {@code R}
 */
record DncSettings(int hidden, String controller, int rows, int width, int readHeads, String initScheme,
                   double initScale) {
    static final Schema SCHEMA = Schema.of(
            LayerSchema.hidden("Controller units."),
            HyperParameter.choice("controller", "lstm", List.of("lstm", "feedforward"),
                    "The controller: an LSTM layer, or a feed-forward tanh layer (its only memory is then the memory and the last reads)."),
            HyperParameter.integer("memory.size", 16, 2, 4096, "Memory rows N (locations)."),
            HyperParameter.integer("memory.width", 8, 1, 4096, "Memory width W (elements per location)."),
            HyperParameter.integer("read.heads", 1, 1, 16, "Read heads R (there is one write head)."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    static DncSettings of(Hyperparameters hyper) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, hyper);
        return new DncSettings(h.getInt("hidden"), h.getString("controller"), h.getInt("memory.size"),
                h.getInt("memory.width"), h.getInt("read.heads"), h.getString("init.scheme"), h.getDouble("init.scale"));
    }

    boolean lstm() {
        return controller.equals("lstm");
    }

    /** Length of the interface vector: {@code W*R + 3W + 5R + 3}. */
    int interfaceSize() {
        return width * readHeads + 3 * width + 5 * readHeads + 3;
    }

    Initializer initializer(Ops ops, DType dtype, long seed) {
        return new Initializer(ops, dtype, initScheme, initScale, seed);
    }
}
