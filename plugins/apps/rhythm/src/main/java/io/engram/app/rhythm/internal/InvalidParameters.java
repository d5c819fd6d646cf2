package io.engram.app.rhythm.internal;

import io.engram.api.Problem;
import io.vavr.collection.Seq;

/** The failure of a load whose parameters do not fit together; the message lists every problem. */
final class InvalidParameters extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Seq<Problem> problems;

    InvalidParameters(Seq<Problem> problems) {
        super(problems.mkString("; "));
        this.problems = problems;
    }

    Seq<Problem> problems() {
        return problems;
    }
}
