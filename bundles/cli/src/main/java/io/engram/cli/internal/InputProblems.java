package io.engram.cli.internal;

import io.engram.api.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one input file, capped: the first {@value #MAX_LISTED} are kept, the rest
 * only counted, so that a file with a million bad cells gives a short report. Not thread-safe; one
 * per read.
 */
final class InputProblems {
    /** The most problems kept and printed. */
    static final int MAX_LISTED = 20;

    private final List<Problem> listed = new ArrayList<>();
    private long total;

    void add(String where, String message) {
        if (total++ < MAX_LISTED) {
            listed.add(Problem.of(where, message));
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** Every problem found, listed or not. */
    long total() {
        return total;
    }

    /** The problems kept, in the order found. */
    List<Problem> listed() {
        return List.copyOf(listed);
    }

    /** The report's lines: the listed problems, then {@code ... and N more problems} when some were not. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        listed.forEach(p -> lines.add(p.toString()));
        if (total > listed.size()) {
            lines.add("... and " + (total - listed.size()) + " more problems");
        }
        return lines;
    }
}
