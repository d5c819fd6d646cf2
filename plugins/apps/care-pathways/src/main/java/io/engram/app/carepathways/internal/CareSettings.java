package io.engram.app.carepathways.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import java.nio.file.Path;

/**
 * The validated {@code data.*} parameters of a care-pathways job. Immutable.
 *
 * @param file           the visit records, or null to simulate
 * @param patients       patients to simulate without a file
 * @param target         what is predicted
 * @param patientColumn  the CSV's patient id column
 * @param dateColumn     the CSV's visit date column
 * @param codesColumn    the CSV's codes column
 * @param separator      the CSV's field separator
 * @param minCount       the fewest training visits a code must appear at to be in the vocabulary
 * @param testFraction   the fraction of the patients held out for testing
 * @param validationFraction the fraction of the rest split off for validation
 * @param maxVisits      the most visits of a patient taken (the first ones)
 * @param splitSeed      the seed of the split, or -1 for the job's
 */
record CareSettings(Path file, int patients, CareTarget target, String patientColumn, String dateColumn,
                    String codesColumn, char separator, int minCount, double testFraction,
                    double validationFraction, int maxVisits, long splitSeed) {

    static CareSettings of(Hyperparameters h) {
        String file = h.getString("file");
        String sep = h.getString("separator");
        if (sep.equals("\\t") || sep.equals("tab")) {
            sep = "\t";
        }
        if (sep.length() != 1) {
            throw new InvalidData(io.vavr.collection.List.of(Problem.of("data.separator",
                    "one character (or tab) expected, got '" + sep + "'")));
        }
        return new CareSettings(file.isBlank() ? null : Path.of(file), h.getInt("patients"),
                CareTarget.of(h.getString("target")), h.getString("patient.column"), h.getString("date.column"),
                h.getString("codes.column"), sep.charAt(0), h.getInt("min.count"), h.getDouble("test.fraction"),
                h.getDouble("validation.fraction"), h.getInt("max.visits"), h.getInt("split.seed"));
    }
}
