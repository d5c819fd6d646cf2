package io.engram.app.handwriting.internal;

import java.util.List;

/** Joins problem lines into one message, at most {@value #CAP} of them and a count of the rest. */
final class Problems {
    static final int CAP = 20;

    private Problems() {
    }

    static String join(List<String> problems) {
        String shown = String.join("\n", problems.subList(0, Math.min(CAP, problems.size())));
        return problems.size() > CAP ? shown + "\n... and " + (problems.size() - CAP) + " more problems" : shown;
    }

    /** Throws the problems as one {@link IllegalArgumentException} when there are any. */
    static void check(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(join(problems));
        }
    }
}
