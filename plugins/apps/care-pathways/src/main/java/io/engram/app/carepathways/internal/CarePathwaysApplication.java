package io.engram.app.carepathways.internal;

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
 * Care pathways from visit records (Choi, Bahadori, Schuetz, Stewart and Sun 2016, "Doctor AI:
 * predicting clinical events via recurrent neural networks", MLHC 2016): after each visit of a
 * patient, a recurrent network predicts the codes of the next visit or the time until it.
 *
 * <h2>Data</h2>
 * {@code file} is a CSV of visits ({@link VisitCsvReader}: patient id, visit date, codes separated by
 * spaces or semicolons). Without a file, {@code patients} patients are simulated
 * ({@link CareSimulator}: chronic conditions that progress, codes that co-occur, visit intervals
 * that shorten as the conditions worsen) with the job's seed. Every problem of a file is reported at
 * once as {@code file:line} with the column named, and nothing is loaded. The patients are split
 * apart ({@link CareLoader}); the vocabulary is the training visits' codes seen {@code min.count}
 * times or more.
 *
 * <h2>Targets</h2>
 * One target per job ({@code target}, {@link CareTarget}), since the network has one loss:
 * {@code codes} (one sigmoid per code, {@code sigmoid-bce}) or {@code interval} (a regression,
 * {@code mse}); the paper's network with both heads is two jobs here. The encoding is
 * {@link CareEncoder}'s.
 *
 * <h2>Metrics</h2>
 * {@link CareMetrics}: {@code recall@10}, {@code recall@20}, {@code recall@30} beside the paper's
 * baselines of the most frequent codes and of the last visit's codes; or {@code mae.days} beside the
 * median interval.
 *
 * <h2>Checkpoints</h2>
 * {@link #payloads} stores the codes in input order ({@value #CODES}), the target ({@value #TARGET})
 * and the days of one unit of the interval ({@value #UNIT}); {@link #predictions} reads a visits CSV
 * and prints each patient's predicted next visit ({@link VisitPredictions}).
 *
 * <p>Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=care-pathways")
public final class CarePathwaysApplication implements Application {
    static final String CODES = "care-pathways.codes";
    static final String TARGET = "care-pathways.target";
    static final String UNIT = "care-pathways.interval.days";

    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("file", "", "Visits as CSV: patient id, visit date, codes separated by spaces or semicolons; empty: simulate."),
            HyperParameter.integer("patients", 2000, 10, 1_000_000, "Without a file: the patients simulated."),
            HyperParameter.choice("target", CareTarget.CODES.id, CareTarget.ids(),
                    "codes: the next visit's codes (sigmoid-bce, recall@k); interval: the days to the next visit (mse, MAE in days)."),
            HyperParameter.text("patient.column", "patient", "The column of the patient id."),
            HyperParameter.text("date.column", "date", "The column of the visit's ISO-8601 date."),
            HyperParameter.text("codes.column", "codes", "The column of the visit's codes."),
            HyperParameter.text("separator", ",", "The field separator, one character (tab: \\t)."),
            HyperParameter.integer("min.count", 1, 1, Integer.MAX_VALUE, "The fewest training visits a code must appear at to be predicted and read."),
            HyperParameter.real("test.fraction", 0.2, 0.0, 0.9, "The fraction of the patients held out for testing."),
            HyperParameter.real("validation.fraction", 0.1, 0.0, 0.9, "The fraction of the other patients split off for validation."),
            HyperParameter.integer("max.visits", 200, 2, 100_000, "The most visits of a patient taken (the first ones)."),
            HyperParameter.integer("split.seed", -1, -1, Integer.MAX_VALUE, "Seed of the split by patient; -1: the job's seed."));

    @Override
    public String id() {
        return "care-pathways";
    }

    @Override
    public String description() {
        return "The next visit's codes (recall@10/20/30) and the time to it from patients' visit records; beside the most frequent and the last visit's codes.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> new CareLoader(CareSettings.of(validated(params))).load(seed));
    }

    /** {@code sigmoid-bce} for the codes, {@code mse} for the interval. */
    @Override
    public Optional<String> loss(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        return v.isInvalid() ? Optional.empty() : Optional.of(CareTarget.of(v.get().getString("target")).loss);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return CareMetrics.of(CareInfo.of(data).orElse(null), data, SequenceOutputs.of(network, ops, data, seed));
    }

    @Override
    public Payloads payloads(TaskData data) {
        return CareInfo.of(data.train()).map(info -> new Payloads(Map.of(), Map.of(UNIT, List.of(info.gapDays())),
                Map.of(CODES, info.codes(), TARGET, List.of(info.target().id)))).orElse(Payloads.empty());
    }

    /** Reads a visits CSV for {@code engram predict} ({@link VisitPredictions}), with what the checkpoint stored. */
    @Override
    public Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        Optional<List<String>> codes = payloads.strings(CODES);
        Optional<List<String>> target = payloads.strings(TARGET);
        Optional<List<Double>> unit = payloads.numbers(UNIT);
        if (v.isInvalid() || codes.isEmpty() || target.isEmpty() || unit.isEmpty() || unit.get().size() != 1) {
            return Optional.empty();
        }
        CareInfo info = new CareInfo(codes.get(), CareTarget.of(target.get().get(0)), unit.get().get(0), 0,
                java.util.stream.IntStream.range(0, codes.get().size()).toArray());
        return Optional.of(new VisitPredictions(CareSettings.of(v.get()), info));
    }

    private static Hyperparameters validated(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            throw new InvalidData(v.getError());
        }
        return v.get();
    }
}
