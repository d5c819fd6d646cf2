package io.engram.cli.internal;

import io.engram.api.HyperParameter;
import io.engram.kernel.PluginInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/**
 * {@code engram plugins ID}: one plugin's description, version, bundle, capabilities and its
 * hyperparameter schema as a table of the keys a job spec sets ({@code model.} for a family,
 * {@code trainer.} for a trainer, {@code data.} for an application), with type, default, allowed
 * values and description; and the nearest registered id when none matches. Stateless.
 */
final class PluginDetails {

    private PluginDetails() {
    }

    /** The text for every plugin of {@code matches} (one id may name plugins of several kinds). */
    static String describe(List<PluginInfo> matches) {
        StringBuilder b = new StringBuilder();
        for (PluginInfo p : matches) {
            if (b.length() > 0) {
                b.append("\n");
            }
            b.append(p.id()).append(" (").append(p.kind().label()).append(' ').append(p.version()).append(", bundle ")
                    .append(p.bundle()).append(')').append("\n");
            if (p.description() != null && !p.description().isBlank()) {
                b.append(p.description()).append("\n");
            }
            b.append("capabilities: ").append(p.capabilities().isEmpty() ? "-"
                    : String.join(", ", p.capabilities().stream().sorted().toList())).append("\n");
            b.append("available: ").append(p.available() ? "yes" : "no: " + p.reason()).append("\n");
            b.append(schema(p));
        }
        return b.toString();
    }

    /**
     * The registered ids nearest to {@code id} by edit distance (Damerau-Levenshtein: a swap of two
     * neighbouring letters is one edit), all of them when several are equally near, and only those
     * within a third of its length (at least 2 edits); sorted.
     */
    static List<String> nearest(String id, List<PluginInfo> plugins) {
        DamerauLevenshteinDistance distance = new DamerauLevenshteinDistance();
        int limit = Math.max(2, id.length() / 3);
        List<Candidate> near = plugins.stream().map(PluginInfo::id).distinct()
                .map(candidate -> new Candidate(candidate, distance.apply(id, candidate)))
                .filter(c -> c.edits() <= limit).toList();
        int best = near.stream().mapToInt(Candidate::edits).min().orElse(0);
        return near.stream().filter(c -> c.edits() == best).map(Candidate::id).sorted().toList();
    }

    private record Candidate(String id, int edits) {
    }

    private static String schema(PluginInfo p) {
        List<HyperParameter> parameters = p.schema() == null ? List.of() : p.schema().parameters();
        if (parameters.isEmpty()) {
            return "settings: none" + "\n";
        }
        String prefix = prefix(p);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("KEY", "DEFAULT", "ALLOWED", "DESCRIPTION"));
        for (HyperParameter h : parameters) {
            rows.add(List.of(prefix + h.name(), h.defaultValue() == null ? "(required)"
                    : h.defaultValue().isEmpty() ? "\"\"" : h.defaultValue(), h.expected(), h.description()));
        }
        return "\n" + Text.columns(rows);
    }

    private static String prefix(PluginInfo p) {
        return switch (p.kind()) {
            case FAMILY -> "model.";
            case TRAINER -> "trainer.";
            case APPLICATION -> "data.";
            case BACKEND -> "backend." + p.id() + ".";
            case LOSS -> "loss." + p.id() + ".";
        };
    }
}
