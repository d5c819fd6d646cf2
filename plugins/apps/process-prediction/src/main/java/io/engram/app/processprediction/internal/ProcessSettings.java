package io.engram.app.processprediction.internal;

import io.engram.api.Hyperparameters;
import java.nio.file.Path;

/**
 * The validated {@code data.*} parameters of a process-prediction job. Immutable.
 *
 * @param file           the event log, or null to simulate
 * @param cases          cases to simulate without a file
 * @param target         what is predicted
 * @param completeOnly   whether XES events of other lifecycle transitions than complete are left out
 * @param caseColumn     the CSV's case id column
 * @param activityColumn the CSV's activity column
 * @param timeColumn     the CSV's timestamp column
 * @param separator      the CSV's field separator
 * @param testFraction   the latest-starting fraction of the cases held out for testing
 * @param validationFraction the latest-starting fraction of the rest split off for validation
 * @param maxLength      the most events of a case taken
 */
record ProcessSettings(Path file, int cases, Target target, boolean completeOnly, String caseColumn,
                       String activityColumn, String timeColumn, char separator, double testFraction,
                       double validationFraction, int maxLength) {

    static ProcessSettings of(Hyperparameters h) {
        String file = h.getString("file");
        String sep = h.getString("separator");
        if (sep.equals("\\t") || sep.equals("tab")) {
            sep = "\t";
        }
        if (sep.length() != 1) {
            throw new InvalidData(io.vavr.collection.List.of(io.engram.api.Problem.of("data.separator",
                    "one character (or tab) expected, got '" + sep + "'")));
        }
        return new ProcessSettings(file.isBlank() ? null : Path.of(file), h.getInt("cases"),
                Target.of(h.getString("target")), h.getString("lifecycle").equals("complete"),
                h.getString("case.column"), h.getString("activity.column"), h.getString("timestamp.column"),
                sep.charAt(0), h.getDouble("test.fraction"), h.getDouble("validation.fraction"),
                h.getInt("max.length"));
    }
}
