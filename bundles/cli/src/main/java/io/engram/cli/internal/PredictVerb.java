package io.engram.cli.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.cli.VerbCall;
import io.engram.kernel.Predictor;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.PrintStream;
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
 * <p>Exit status: 0 on success; 2 when the input file or the checkpoint is unusable: a damaged
 * checkpoint, or one whose tensors are not exactly the network's (missing, extra, misshapen, NaN),
 * named with the byte offset; input problems naming file:line, the first
 * {@value InputProblems#MAX_LISTED} printed and the rest counted; 1 when the model fails to run.
 * Thread-safe.
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
        Either<InputProblems, List<double[][]>> sequences = Sequences.read(input, meta.get().spec().inputSize());
        if (sequences.isLeft()) {
            return rejected(call.err(), input, sequences.getLeft());
        }
        Try<List<double[][]>> outputs = predictor.predict(checkpoint, sequences.get());
        if (outputs.isFailure()) {
            Throwable cause = outputs.getCause();
            if (cause instanceof IOException) {
                call.err().println("engram: " + cause.getMessage());
                return VerbCall.BAD_INPUT;
            }
            if (cause instanceof IllegalArgumentException) {
                call.err().println("engram: " + input + ": " + cause.getMessage());
                return VerbCall.BAD_INPUT;
            }
            call.err().println("engram: prediction failed: " + cause.getMessage());
            return VerbCall.FAILED;
        }
        outputs.get().forEach(o -> call.out().println(Sequences.format(o)));
        call.out().flush();
        return VerbCall.OK;
    }

    /** Prints the capped problems of the input under a line that counts all of them. */
    static int rejected(PrintStream err, Path file, InputProblems problems) {
        err.println("engram: " + file + " was rejected (" + problems.total()
                + (problems.total() == 1 ? " problem" : " problems") + "):");
        problems.lines().forEach(err::println);
        err.flush();
        return VerbCall.BAD_INPUT;
    }
}
