package io.engram.kernel.internal;

import io.engram.api.Problem;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/**
 * "Did you mean" for mistyped spec keys: the known keys nearest to an unknown one by edit distance
 * (Damerau-Levenshtein, so a swap of two neighbouring letters is one edit), all of them when several
 * are equally near, and only those within a third of its length (at least 2 edits). Stateless and
 * thread-safe.
 */
final class NearestKeys {

    /** The schema's problem for a key it does not know, with the known names in brackets. */
    private static final Pattern UNKNOWN_PARAMETER = Pattern.compile("unknown parameter \\(known: (.*)\\)");

    private NearestKeys() {
    }

    /** The candidates nearest to {@code given}, sorted; empty when none is near. */
    static List<String> nearest(String given, Collection<String> candidates) {
        DamerauLevenshteinDistance distance = new DamerauLevenshteinDistance();
        int limit = Math.max(2, given.length() / 3);
        List<Candidate> near = candidates.stream().distinct()
                .map(c -> new Candidate(c, distance.apply(given, c)))
                .filter(c -> c.edits() <= limit).toList();
        int best = near.stream().mapToInt(Candidate::edits).min().orElse(0);
        return near.stream().filter(c -> c.edits() == best).map(Candidate::key).sorted().toList();
    }

    /** {@code "; did you mean a?"} or {@code "; did you mean a or b?"}, empty when nothing is near. */
    static String suggestion(String given, Collection<String> candidates) {
        List<String> near = nearest(given, candidates);
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }

    /**
     * The problem with a suggestion appended when it is a schema's "unknown parameter" problem whose
     * name is near a known name of that section. The section's prefix is not in the problem, so each
     * prefix of the key at a dot is tried ({@code model.}, {@code model.inner.}), comparing the rest of
     * the key with the section's names; the nearest win. Otherwise the problem itself.
     */
    static Problem suggest(Problem problem) {
        Matcher m = UNKNOWN_PARAMETER.matcher(problem.message());
        if (!m.matches()) {
            return problem;
        }
        String where = problem.where();
        List<String> names = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        DamerauLevenshteinDistance distance = new DamerauLevenshteinDistance();
        List<Candidate> near = new java.util.ArrayList<>();
        for (int dot = where.indexOf('.'); dot >= 0; dot = where.indexOf('.', dot + 1)) {
            String prefix = where.substring(0, dot + 1);
            String name = where.substring(dot + 1);
            int limit = Math.max(2, name.length() / 3);
            for (String n : names) {
                int edits = distance.apply(name, n);
                if (edits <= limit) {
                    near.add(new Candidate(prefix + n, edits));
                }
            }
        }
        int best = near.stream().mapToInt(Candidate::edits).min().orElse(-1);
        List<String> keys = near.stream().filter(c -> c.edits() == best).map(Candidate::key).distinct().sorted().toList();
        return keys.isEmpty() ? problem : Problem.of(where, problem.message() + "; did you mean " + String.join(" or ", keys) + "?");
    }

    private record Candidate(String key, int edits) {
    }
}
