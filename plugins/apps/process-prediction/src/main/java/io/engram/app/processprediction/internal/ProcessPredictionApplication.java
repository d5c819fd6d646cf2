package io.engram.app.processprediction.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PluginProperties;
import io.engram.api.PredictionFormat;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Predictive business process monitoring (Tax, Verenich, La Rosa and Dumas 2017, "Predictive
 * business process monitoring with LSTM neural networks", CAiSE 2017): after each event of a running
 * case, a recurrent network predicts the next activity, the time until the next event, or the
 * remaining time of the case.
 *
 * <h2>Data</h2>
 * {@code file} is an event log in XES ({@link XesReader}) or CSV ({@link CsvLogReader}), told apart by
 * its first character ({@code <}: XES). Without a file, {@code cases} cases are simulated from the
 * order-to-cash model of {@link OrderToCash} with the job's seed. Every problem of a log is reported
 * at once as {@code file:line} with the attribute or column named, and nothing is loaded. The cases
 * are split in time ({@link ProcessLoader}).
 *
 * <h2>Targets</h2>
 * One target per job ({@code target}, {@link Target}), since the network has one loss:
 * {@code next-activity} (softmax over the activities and an end class, {@code softmax-ce}),
 * {@code next-time} or {@code remaining-time} (a regression, {@code mse}); the paper's multi-output
 * network is three jobs here. The encoding is {@link ProcessEncoder}'s.
 *
 * <h2>Metrics</h2>
 * {@link ProcessMetrics}: {@code accuracy} and {@code baseline.accuracy} (the most frequent successor
 * of the last activity), or {@code mae.days} and {@code baseline.mae.days} (the mean time given the
 * last activity), over every prefix with a target.
 *
 * <h2>Checkpoints</h2>
 * {@link #payloads} stores the activities in input order ({@value #ACTIVITIES}), the target
 * ({@value #TARGET}), the days of one unit of the target ({@value #UNIT}) and the mean gap and case
 * duration in days ({@value #SCALES}); {@link #predictions} reads a log of running cases and prints
 * the prediction after each one's last event ({@link LogPredictions}).
 *
 * <p>Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=process-prediction")
public final class ProcessPredictionApplication implements Application {
    static final String ACTIVITIES = "process-prediction.activities";
    static final String TARGET = "process-prediction.target";
    static final String UNIT = "process-prediction.target.days";
    static final String SCALES = "process-prediction.scales.days";

    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("file", "", "An event log, XES or CSV (a first character '<' means XES); empty: simulate the order-to-cash model."),
            HyperParameter.integer("cases", 2000, 10, 1_000_000, "Without a file: the cases simulated."),
            HyperParameter.choice("target", Target.NEXT_ACTIVITY.id, Target.ids(),
                    "next-activity (softmax-ce), next-time or remaining-time (mse; mean absolute error in days)."),
            HyperParameter.choice("lifecycle", "complete", List.of("complete", "all"),
                    "XES: complete keeps the events whose lifecycle:transition is complete or absent; all keeps every event."),
            HyperParameter.text("case.column", "case", "CSV: the column of the case id."),
            HyperParameter.text("activity.column", "activity", "CSV: the column of the activity."),
            HyperParameter.text("timestamp.column", "timestamp", "CSV: the column of the ISO-8601 timestamp."),
            HyperParameter.text("separator", ",", "CSV: the field separator, one character (tab: \\t)."),
            HyperParameter.real("test.fraction", 0.33, 0.0, 0.9, "The latest-starting fraction of the cases held out for testing."),
            HyperParameter.real("validation.fraction", 0.1, 0.0, 0.9, "The latest-starting fraction of the other cases split off for validation."),
            HyperParameter.integer("max.length", 200, 2, 100_000, "The most events of a case taken (the first ones)."));

    @Override
    public String id() {
        return "process-prediction";
    }

    @Override
    public String description() {
        return "Next activity, next-event time and remaining time of running cases from XES or CSV event logs; accuracy and MAE beside last-activity baselines.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> new ProcessLoader(ProcessSettings.of(validated(params))).load(seed));
    }

    /** {@code softmax-ce} for the next activity, {@code mse} for the times. */
    @Override
    public Optional<String> loss(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        return v.isInvalid() ? Optional.empty() : Optional.of(Target.of(v.get().getString("target")).loss);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return ProcessMetrics.of(ProcessInfo.of(data).orElse(null), data, SequenceOutputs.of(network, ops, data, seed));
    }

    @Override
    public Payloads payloads(TaskData data) {
        return ProcessInfo.of(data.train()).map(info -> new Payloads(Map.of(), Map.of(UNIT, List.of(info.targetDays()),
                SCALES, List.of(info.gapDays(), info.durationDays())),
                Map.of(ACTIVITIES, info.activities(), TARGET, List.of(info.target().id)))).orElse(Payloads.empty());
    }

    /** Reads an event log for {@code engram predict} ({@link LogPredictions}), with what the checkpoint stored. */
    @Override
    public Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        Optional<List<String>> activities = payloads.strings(ACTIVITIES);
        Optional<List<String>> target = payloads.strings(TARGET);
        Optional<List<Double>> scales = payloads.numbers(SCALES);
        if (v.isInvalid() || activities.isEmpty() || target.isEmpty() || scales.isEmpty() || scales.get().size() != 2) {
            return Optional.empty();
        }
        int a = activities.get().size();
        ProcessInfo info = new ProcessInfo(activities.get(), Target.of(target.get().get(0)), scales.get().get(0),
                scales.get().get(1), new int[a], new double[a], new double[a]);
        return Optional.of(new LogPredictions(ProcessSettings.of(v.get()), info));
    }

    private static Hyperparameters validated(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            throw new InvalidData(v.getError());
        }
        return v.get();
    }
}
