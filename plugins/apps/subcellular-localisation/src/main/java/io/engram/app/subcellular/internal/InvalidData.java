package io.engram.app.subcellular.internal;

import io.engram.api.Problem;
import io.vavr.collection.Seq;

/** The failure of a load whose files or parameters are wrong; the message lists every problem, one a line. */
final class InvalidData extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidData(Seq<Problem> problems) {
        super(problems.mkString("\n"));
    }
}
