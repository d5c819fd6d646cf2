package io.engram.cli.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.cli.VerbCall;
import io.engram.store.ModelStore;
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
 * format, after a line {@code # outputs: B,T,P,S,X,V,E} when the model's application names its outputs
 * ({@link Predictor#outputNames}: a grammar's symbols, a CSV's target columns or classes); with
 * {@code --labels} each value is written {@code name=value}. A model that decodes ({@link io.engram.api.Decoder}) prints one row per decoded token;
 * {@code --beam N} keeps {@code N} hypotheses (1, greedy, by default), ranked with
 * {@code --length-penalty A} by the GNMT length penalty {@code ((5 + |Y|) / 6)^A} (0, none, by
 * default), and {@code --max-length N}
 * caps the tokens per sequence (0, the default, is twice the source's length). When the application
 * that the model was trained on reads files of its own ({@link Predictor#readsFiles}: sentences, FASTA),
 * INPUT is such a file and each record's result is printed as the application writes it
 * ({@link FilePredict}; {@code --attention DIR} also draws each record's heat map there). With
 * {@code --render FILE} it instead replays a controller trained in an environment and writes its
 * trajectory as CSV and PNG ({@link RenderReplay}).
 *
 * <p>Exit status: 0 on success; 2 when the input file or the checkpoint is unusable: a damaged
 * checkpoint, or one whose tensors are not exactly the network's (missing, extra, misshapen, NaN),
 * named with the byte offset; input problems naming file:line, the first
 * {@value InputProblems#MAX_LISTED} printed and the rest counted; 1 when the model fails to run.
 * Thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=predict")
public final class PredictVerb implements Function<Map<String, Object>, Integer> {
    /** The option that writes each output value with its name. */
    static final String LABELS = "--labels";
    /** The comment line that names the outputs, before the first sequence. */
    static final String OUTPUTS = "# outputs: ";
    static final String USAGE = "usage: engram predict [--labels] [--beam N] [--length-penalty A] [--max-length N] [--attention DIR] "
            + "CHECKPOINT INPUT\n"
            + "       engram predict --render FILE [--seed N] CHECKPOINT";

    private final Predictor predictor;
    private final ModelStore store;

    @Activate
    public PredictVerb(@Reference Predictor predictor, @Reference ModelStore store) {
        this.predictor = predictor;
        this.store = store;
    }

    /** A verb that reads checkpoint files only. */
    public PredictVerb(Predictor predictor) {
        this(predictor, null);
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        if (call.args().contains("--render")) {
            List<String> args = new java.util.ArrayList<>(call.args());
            if (!args.isEmpty()) {
                Try<Path> model = ModelArgument.resolve(store, args.get(args.size() - 1));
                if (model.isFailure()) {
                    call.err().println("engram: " + model.getCause().getMessage());
                    return VerbCall.BAD_INPUT;
                }
                args.set(args.size() - 1, model.get().toString());
            }
            return RenderReplay.run(predictor, new VerbCall(args, call.out(), call.err(), call.tty()));
        }
        List<String> positional = new java.util.ArrayList<>();
        Predictor.Decode decoding;
        Path heatmaps;
        boolean labels = call.args().contains(LABELS);
        try {
            List<String> rest = new java.util.ArrayList<>();
            heatmaps = FilePredict.heatmapDirectory(call.args().stream().filter(a -> !a.equals(LABELS)).toList(), rest);
            decoding = decoding(rest, positional);
        } catch (IllegalArgumentException e) {
            call.err().println("engram: " + e.getMessage());
            return VerbCall.BAD_INPUT;
        }
        if (positional.size() != 2) {
            call.err().println(USAGE);
            return VerbCall.BAD_INPUT;
        }
        Try<Path> model = ModelArgument.resolve(store, positional.get(0));
        if (model.isFailure()) {
            call.err().println("engram: " + model.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        Path checkpoint = model.get();
        Path input = Path.of(positional.get(1));
        Try<CheckpointMetadata> meta = predictor.describe(checkpoint);
        if (meta.isFailure()) {
            call.err().println("engram: " + checkpoint + ": " + meta.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        Try<Boolean> ownFiles = predictor.readsFiles(checkpoint);
        if (ownFiles.isFailure()) {
            call.err().println("engram: " + checkpoint + ": " + ownFiles.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        if (ownFiles.get()) {
            return FilePredict.run(predictor, call, checkpoint, input, decoding, heatmaps);
        }
        if (heatmaps != null) {
            call.err().println("engram: --attention: the checkpoint's application draws no heat maps: "
                    + "it predicts on encoded sequences");
            return VerbCall.BAD_INPUT;
        }
        Either<InputProblems, List<double[][]>> sequences = Sequences.read(input, meta.get().spec().inputSize());
        if (sequences.isLeft()) {
            return rejected(call.err(), input, sequences.getLeft());
        }
        Try<List<double[][]>> outputs = predictor.predict(checkpoint, sequences.get(), decoding);
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
        List<String> names = predictor.outputNames(checkpoint).getOrElse(List.of());
        if (!names.isEmpty()) {
            call.out().println(OUTPUTS + String.join(",", names));
        }
        outputs.get().forEach(o -> call.out().println(Sequences.format(o, labels ? names : List.of())));
        call.out().flush();
        return VerbCall.OK;
    }

    /**
     * The decoding that {@code --beam N} and {@code --max-length N} ask for (greedy, up to twice the
     * source's length, when absent); the other arguments are added to {@code positional} in order.
     *
     * @throws IllegalArgumentException naming the option whose value is missing or not a valid count
     */
    static Predictor.Decode decoding(List<String> args, List<String> positional) {
        int beam = 1;
        int maxLength = 0;
        double penalty = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--beam") || a.equals("--max-length")) {
                String v = i + 1 < args.size() ? args.get(++i) : "";
                int n;
                try {
                    n = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < (a.equals("--beam") ? 1 : 0)) {
                    throw new IllegalArgumentException(a + ": expected " + (a.equals("--beam") ? "a width of at least 1"
                            : "a number of tokens, 0 for twice the source's length") + ", got '" + v + "'");
                }
                beam = a.equals("--beam") ? n : beam;
                maxLength = a.equals("--max-length") ? n : maxLength;
            } else if (a.equals("--length-penalty")) {
                String v = i + 1 < args.size() ? args.get(++i) : "";
                try {
                    penalty = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    penalty = -1;
                }
                if (!(penalty >= 0) || Double.isInfinite(penalty)) {
                    throw new IllegalArgumentException("--length-penalty: expected an exponent alpha of at least 0 "
                            + "(0: none), got '" + v + "'");
                }
            } else {
                positional.add(a);
            }
        }
        return new Predictor.Decode(beam, maxLength, penalty);
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
