package io.engram.app.csv.internal;

import io.engram.api.Hyperparameters;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The application's parameters, typed. */
record CsvSettings(String file, String validationFile, String testFile, String delimiter, String layout,
                   String sequenceColumn, List<String> inputColumns, List<String> targetColumns, String targetSteps,
                   String loss, List<String> classes, double validationFraction, int shuffleSeed) {

    static CsvSettings of(Hyperparameters h) {
        return new CsvSettings(h.getString("file").trim(), h.getString("validation.file").trim(),
                h.getString("test.file").trim(), h.getString("delimiter"), h.getString("layout"),
                h.getString("sequence.column").trim(), names(h.getString("input.columns")),
                names(h.getString("target.columns")), h.getString("target.steps"), h.getString("loss"),
                names(h.getString("classes")), h.getDouble("validation.fraction"), h.getInt("shuffle.seed"));
    }

    /** The delimiter for {@code path}: tab for {@code .tsv} and {@code .tab} files when automatic. */
    char delimiterFor(String path) {
        switch (delimiter) {
            case "tab": return '\t';
            case "comma": return ',';
            default: {
                String p = path.toLowerCase(java.util.Locale.ROOT);
                return p.endsWith(".tsv") || p.endsWith(".tab") ? '\t' : ',';
            }
        }
    }

    /** Whether a single target column holds class labels. */
    boolean labels() {
        return loss.equals("softmax-ce") && targetColumns.size() == 1;
    }

    private static List<String> names(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
