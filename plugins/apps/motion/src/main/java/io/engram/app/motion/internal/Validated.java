package io.engram.app.motion.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/** The {@code data.*} parameters validated against a schema, defaults filled in. Stateless. */
final class Validated {

    private Validated() {
    }

    /**
     * {@code params} completed by {@code schema}.
     *
     * @throws IllegalArgumentException listing every problem, each naming its key
     */
    static Hyperparameters of(Schema schema, Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = schema.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            throw new IllegalArgumentException(v.getError().mkString("; "));
        }
        return v.get();
    }
}
