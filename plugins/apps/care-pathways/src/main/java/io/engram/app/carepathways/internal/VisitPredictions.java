package io.engram.app.carepathways.internal;

import io.engram.api.PredictionFormat;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code engram predict} on a visits CSV for a care-pathways model: each patient's next visit after
 * their last one. {@link #read} reads the file as the job read its own (the job's columns and
 * separator) and encodes each patient with the codes and interval scale the checkpoint stored (codes
 * the model does not know are left out, as in training). {@link #format} prints one line per patient,
 * tab-separated: the id, then the {@value #TOP} most likely codes with their probabilities (the
 * sigmoid of each output), or the days to the next visit:
 * <pre>
 *   p17  E11.65=0.9312  RX:metformin=0.8870  ...
 *   p17  next.visit.days=41.3
 * </pre>
 * Used by one thread at a time.
 */
final class VisitPredictions implements PredictionFormat {
    static final int TOP = 10;

    private final CareSettings settings;
    private final CareInfo info;

    VisitPredictions(CareSettings settings, CareInfo info) {
        this.settings = settings;
        this.info = info;
    }

    @Override
    public Try<List<Record>> read(Path file) {
        return Try.of(() -> {
            Problems problems = new Problems();
            List<Patient> patients = VisitCsvReader.read(file, settings.separator(), settings.patientColumn(),
                    settings.dateColumn(), settings.codesColumn(), problems);
            if (problems.isEmpty() && patients.isEmpty()) {
                problems.add(file.getFileName().toString(), "no visits");
            }
            problems.check();
            CareEncoder enc = new CareEncoder(info, settings.maxVisits());
            List<Record> out = new ArrayList<>();
            for (Patient p : patients) {
                out.add(new Record(p.id(), Integer.toString(p.length()), enc.encode(p).inputs()));
            }
            return out;
        });
    }

    @Override
    public String format(Record record, Prediction prediction) {
        double[][] outputs = prediction.outputs();
        double[] y = outputs[outputs.length - 1];
        StringBuilder line = new StringBuilder(record.name());
        if (info.target() == CareTarget.INTERVAL) {
            return line.append(String.format(Locale.ROOT, "\tnext.visit.days=%.1f", CareMetrics.days(y[0], info.gapDays())))
                    .toString();
        }
        for (int c : CareEncoder.top(y, y.length, Math.min(TOP, y.length))) {
            line.append('\t').append(info.codes().get(c))
                    .append(String.format(Locale.ROOT, "=%.4f", 1 / (1 + Math.exp(-y[c]))));
        }
        return line.toString();
    }
}
