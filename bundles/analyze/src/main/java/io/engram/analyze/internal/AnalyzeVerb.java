package io.engram.analyze.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.cli.VerbCall;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.engram.kernel.Predictor;
import io.engram.store.ModelStore;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram analyze CHECKPOINT}: the dynamical-systems view of a trained recurrent network
 * ({@link Analyzer}): its fixed points under a constant input and their stability, the largest
 * Lyapunov exponent of its dynamics, and its trajectories on their first two principal components.
 * CHECKPOINT is a file or a registered model ({@code NAME}, {@code NAME@VERSION}, {@code NAME@ALIAS});
 * the network is restored as {@code engram predict} restores it ({@link Predictor#restore}). Prints
 * a text summary, or JSON with {@code --json}; {@code --png FILE} writes the phase portrait
 * ({@link PhasePortrait}). A network is taken as continuous-time when its family's schema has
 * {@code dt} and {@code substeps} (one step integrates {@code dt * substeps} of time).
 *
 * <p>Exit 0 when analysed, 1 when the network fails to run or the PNG cannot be written, 2 for bad
 * options, an unreadable or unknown checkpoint or malformed input sequences (every problem named).
 * Runs on the caller's thread; stateless and thread-safe (each call restores its own network).
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=analyze")
public final class AnalyzeVerb implements Function<Map<String, Object>, Integer> {

    private final Predictor predictor;
    private final ModelStore store;
    private final PluginRegistry registry;

    @Activate
    public AnalyzeVerb(@Reference Predictor predictor, @Reference ModelStore store, @Reference PluginRegistry registry) {
        this.predictor = predictor;
        this.store = store;
        this.registry = registry;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        AnalyzeOptions options;
        try {
            options = AnalyzeOptions.parse(call.args());
        } catch (IllegalArgumentException e) {
            call.err().println("engram analyze: " + e.getMessage());
            call.err().println(AnalyzeOptions.USAGE);
            return VerbCall.BAD_INPUT;
        }
        Path given = Path.of(options.checkpoint());
        Try<Path> file = Files.isRegularFile(given) ? Try.success(given) : store.checkpoint(options.checkpoint());
        if (file.isFailure()) {
            call.err().println("engram analyze: " + file.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        Try<Predictor.RestoredModel> restored = predictor.restore(file.get());
        if (restored.isFailure()) {
            call.err().println("engram analyze: " + file.get() + ": " + restored.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        Predictor.RestoredModel model = restored.get();
        ModelSpec spec = model.network().spec();
        double[] u = options.input() == null ? new double[spec.inputSize()] : options.input();
        if (u.length != spec.inputSize()) {
            call.err().println("engram analyze: --input: the model takes " + spec.inputSize() + " inputs, got "
                    + u.length + " values");
            return VerbCall.BAD_INPUT;
        }
        List<double[][]> sequences = List.of();
        if (options.inputs() != null) {
            try {
                sequences = InputSequences.read(options.inputs(), spec.inputSize());
            } catch (IllegalArgumentException e) {
                call.err().println("engram analyze: " + options.inputs() + " was rejected:");
                call.err().println(e.getMessage());
                return VerbCall.BAD_INPUT;
            } catch (IOException e) {
                call.err().println("engram analyze: " + options.inputs() + ": cannot be read: " + e.getMessage());
                return VerbCall.BAD_INPUT;
            }
        }
        Analysis analysis;
        try {
            StepMap map = new StepMap(model.network(), model.ops(), model.metadata().provenance() == null ? options.seed()
                    : model.metadata().provenance().seed());
            analysis = Analyzer.run(map, spec.family(), options, u, sequences, stepDuration(spec).orElse(null));
        } catch (RuntimeException e) {
            call.err().println("engram analyze: the network failed to run: " + e);
            return VerbCall.FAILED;
        }
        String source = options.checkpoint();
        if (options.json()) {
            call.out().println(Report.json(source, analysis));
        } else {
            Report.text(call.out(), source, analysis);
        }
        call.out().flush();
        if (options.png() != null) {
            try {
                Path written = PhasePortrait.write(options.png(), source + " (" + spec.family() + ")", analysis);
                call.err().println("engram analyze: phase portrait written to " + written);
            } catch (IOException | RuntimeException e) {
                call.err().println("engram analyze: " + options.png() + " could not be written: " + e.getMessage());
                return VerbCall.FAILED;
            }
        }
        call.err().flush();
        return VerbCall.OK;
    }

    /** The time one step integrates, {@code dt * substeps}, when the family's schema has both; else empty. */
    Optional<Double> stepDuration(ModelSpec spec) {
        Optional<Schema> schema = registry.find(PluginKind.FAMILY, spec.family(), null).map(PluginInfo::schema);
        return schema.flatMap(s -> stepDuration(s, spec.hyper()));
    }

    /** {@code dt * substeps} of the hyperparameters completed by {@code schema}, when it has both. */
    static Optional<Double> stepDuration(Schema schema, Hyperparameters hyper) {
        if (schema.parameter("dt").isEmpty() || schema.parameter("substeps").isEmpty()) {
            return Optional.empty();
        }
        Validation<Seq<Problem>, Hyperparameters> complete = schema.validate(hyper.asStrings(), "model.");
        if (complete.isInvalid()) {
            return Optional.empty();
        }
        return Optional.of(complete.get().getDouble("dt") * complete.get().getInt("substeps"));
    }
}
