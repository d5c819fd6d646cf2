package io.engram.app.processprediction.internal;

import io.engram.api.PredictionFormat;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code engram predict} on an event log for a process-prediction model: the running cases' next
 * activity, next-event time or remaining time after their last event. {@link #read} reads the log as
 * the job read its own (XES or CSV, the job's columns and lifecycle filter) and encodes each case with
 * the activities and time scales the checkpoint stored; an activity the model never saw is a problem
 * naming the case. {@link #format} prints one line per case, tab-separated: its id, its last activity
 * and the prediction after it:
 * <pre>
 *   case-17  after=Pick Items  next=Ship Goods  p=0.9871
 *   case-17  after=Pick Items  remaining.days=0.52
 * </pre>
 * The probability is the softmax over the classes (applied by the caller, as for every
 * {@code softmax-ce} task). Used by one thread at a time.
 */
final class LogPredictions implements PredictionFormat {
    private final ProcessSettings settings;
    private final ProcessInfo info;

    LogPredictions(ProcessSettings settings, ProcessInfo info) {
        this.settings = settings;
        this.info = info;
    }

    @Override
    public Try<List<Record>> read(Path file) {
        ProcessSettings s = new ProcessSettings(file, settings.cases(), info.target(), settings.completeOnly(),
                settings.caseColumn(), settings.activityColumn(), settings.timeColumn(), settings.separator(),
                settings.testFraction(), settings.validationFraction(), settings.maxLength());
        return Try.of(() -> {
            List<Trace> traces = new ProcessLoader(s).traces(0);
            Problems problems = new Problems();
            for (Trace t : traces) {
                t.events().stream().map(Trace.Event::activity).filter(a -> !info.activities().contains(a)).distinct()
                        .forEach(a -> problems.add("case " + t.id(), "activity '" + a + "' is not one the model was trained on"));
            }
            problems.check();
            ProcessEncoder enc = new ProcessEncoder(info, settings.maxLength());
            List<Record> out = new ArrayList<>();
            for (Trace t : traces) {
                int last = Math.min(t.length(), settings.maxLength()) - 1;
                out.add(new Record(t.id(), t.events().get(last).activity(), enc.encode(t).inputs()));
            }
            return out;
        });
    }

    @Override
    public String format(Record record, Prediction prediction) {
        double[][] outputs = prediction.outputs();
        double[] y = outputs[outputs.length - 1];
        StringBuilder line = new StringBuilder(record.name()).append("\tafter=").append(record.text()).append('\t');
        switch (info.target()) {
            case NEXT_ACTIVITY -> {
                int k = ProcessMetrics.argmax(y, y.length);
                line.append("next=").append(info.classes().get(k)).append(String.format(Locale.ROOT, "\tp=%.4f", y[k]));
            }
            case NEXT_TIME -> line.append(String.format(Locale.ROOT, "next.days=%.2f", ProcessMetrics.days(y[0], info.targetDays())));
            case REMAINING_TIME -> line.append(String.format(Locale.ROOT, "remaining.days=%.2f",
                    ProcessMetrics.days(y[0], info.targetDays())));
        }
        return line.toString();
    }
}
