package io.engram.app.proteinhomology.internal;

import io.engram.api.Problem;
import io.engram.layers.protein.ProblemSink;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * Collects the problems found in the input files and parameters, keeping the first {@value #CAP}
 * and counting the rest. A problem names where ({@code file:line}, a parameter) and what is wrong.
 * Not thread-safe; one per load.
 */
final class Problems implements ProblemSink {
    static final int CAP = 20;

    private List<Problem> kept = List.empty();
    private int total;

    @Override
    public void add(String where, String message) {
        total++;
        if (kept.size() < CAP) {
            kept = kept.append(Problem.of(where, message));
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** The kept problems, followed by one that counts those left out. */
    Seq<Problem> all() {
        return total > kept.size() ? kept.append(Problem.of("...", "and " + (total - kept.size()) + " more")) : kept;
    }

    /** Throws {@link InvalidData} with every problem when there is one. */
    void check() {
        if (total > 0) {
            throw new InvalidData(all());
        }
    }
}
