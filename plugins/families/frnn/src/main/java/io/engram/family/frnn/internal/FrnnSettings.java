package io.engram.family.frnn.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/** The family's hyperparameters, typed; defaults filled from the schema. */
record FrnnSettings(int hidden, int layers, double dropout, String initScheme, double initScale,
                    String activation, String readout) {

    static FrnnSettings of(Schema schema, Hyperparameters hyper) {
        Validation<Seq<Problem>, Hyperparameters> v = schema.validate(hyper.asStrings(), "model.");
        if (v.isInvalid()) {
            throw new IllegalArgumentException("model spec not validated against the schema: " + v.getError().mkString("; "));
        }
        Hyperparameters h = v.get();
        return new FrnnSettings(h.getInt("hidden"), h.getInt("layers"), h.getDouble("dropout"),
                h.getString("init.scheme"), h.getDouble("init.scale"), h.getString("activation"), h.getString("readout"));
    }
}
