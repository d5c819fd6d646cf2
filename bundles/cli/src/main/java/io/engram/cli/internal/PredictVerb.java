package io.engram.cli.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Problem;
import io.engram.cli.VerbCall;
import io.engram.kernel.Predictor;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram predict CHECKPOINT INPUT}: runs each sequence of the input file (format in
 * {@link Sequences}) through the model and prints its outputs, one sequence per line in the same
 * format.
 *
 * <p>Exit status: 0 on success, 2 when the input file or the checkpoint is unusable (every problem
 * printed, naming file:line), 1 when the model fails to run. Thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=predict")
public final class PredictVerb implements Function<Map<String, Object>, Integer> {

    private final Predictor predictor;

    @Activate
    public PredictVerb(@Reference Predictor predictor) {
        this.predictor = predictor;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        if (call.args().size() != 2) {
            call.err().println("usage: engram predict CHECKPOINT INPUT");
            return VerbCall.BAD_INPUT;
        }
        Path checkpoint = Path.of(call.args().get(0));
        Path input = Path.of(call.args().get(1));
        Try<CheckpointMetadata> meta = predictor.describe(checkpoint);
        if (meta.isFailure()) {
            call.err().println("engram: " + checkpoint + ": " + meta.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        Validation<Seq<Problem>, List<double[][]>> sequences = Sequences.read(input)
                .flatMap(s -> fits(s, meta.get().spec().inputSize(), input));
        if (sequences.isInvalid()) {
            return RunVerb.rejected(call.err(), input, sequences.getError());
        }
        Try<List<double[][]>> outputs = predictor.predict(checkpoint, sequences.get());
        if (outputs.isFailure()) {
            call.err().println("engram: prediction failed: " + outputs.getCause().getMessage());
            return VerbCall.FAILED;
        }
        outputs.get().forEach(o -> call.out().println(Sequences.format(o)));
        call.out().flush();
        return VerbCall.OK;
    }

    static Validation<Seq<Problem>, List<double[][]>> fits(List<double[][]> sequences, int inputSize, Path input) {
        int width = Sequences.width(sequences);
        if (inputSize > 0 && width != inputSize) {
            return Validation.invalid(io.vavr.collection.List.of(Problem.of(input.toString(),
                    "the sequences have " + width + " features per step, the model expects " + inputSize)));
        }
        return Validation.valid(sequences);
    }
}
