package io.engram.family.ntm.internal;

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
 * @param width      memory width {@code M}
 * @param readHeads  read heads {@code R}
 * @param writeHeads write heads {@code W}
 */
record NtmSettings(int hidden, String controller, int rows, int width, int readHeads, int writeHeads,
                   String initScheme, double initScale) {
    static final Schema SCHEMA = Schema.of(
            LayerSchema.hidden("Controller units."),
            HyperParameter.choice("controller", "lstm", List.of("lstm", "feedforward"),
                    "The controller: an LSTM layer, or a feed-forward tanh layer (its only memory is then the memory matrix and the last reads)."),
            HyperParameter.integer("memory.size", 32, 2, 65_536, "Memory rows N (locations)."),
            HyperParameter.integer("memory.width", 8, 1, 4096, "Memory width M (elements per location)."),
            HyperParameter.integer("read.heads", 1, 1, 16, "Read heads."),
            HyperParameter.integer("write.heads", 1, 1, 16, "Write heads."),
            LayerSchema.initScheme(),
            LayerSchema.initScale());

    static NtmSettings of(Hyperparameters hyper) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, hyper);
        return new NtmSettings(h.getInt("hidden"), h.getString("controller"), h.getInt("memory.size"),
                h.getInt("memory.width"), h.getInt("read.heads"), h.getInt("write.heads"),
                h.getString("init.scheme"), h.getDouble("init.scale"));
    }

    boolean lstm() {
        return controller.equals("lstm");
    }

    int heads() {
        return readHeads + writeHeads;
    }

    /** Columns of the head projection: per head key, β, g, three shifts and γ; per write head erase and add. */
    int headOutputs() {
        return heads() * (width + 6) + 2 * writeHeads * width;
    }

    Initializer initializer(Ops ops, DType dtype, long seed) {
        return new Initializer(ops, dtype, initScheme, initScale, seed);
    }
}
