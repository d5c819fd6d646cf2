package io.engram.cli.internal;

import io.engram.cli.VerbCall;
import io.engram.store.ModelStore;
import io.engram.kernel.Recaller;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram recall [--steps N] CHECKPOINT CUES}: recalls a pattern from each cue in a trained
 * associative memory (Hopfield, BAM) and prints, one line per cue, the settled state in the format of
 * {@link Sequences} (unit values joined by ',') followed by {@code energy E cue.energy C}. The cues
 * file holds one cue per line, a single step of the memory's unit values (-1, +1, or 0 for a unit
 * not known; a BAM's are both layers, {@code x} then {@code y}); {@code --steps N} bounds the
 * recall steps (default {@value #STEPS}; recall stops earlier at a fixed point).
 *
 * <p>Exit status as {@code engram predict}: 0 on success; 2 when the cues or the checkpoint are
 * unusable (a cue of several steps, of the wrong width or with other values, a model that is not an
 * associative memory, a damaged checkpoint), nothing printed to standard output then; 1 when recall
 * itself fails. Thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=recall")
public final class RecallVerb implements Function<Map<String, Object>, Integer> {
    static final String USAGE = "usage: engram recall [--steps N] CHECKPOINT CUES";
    static final int STEPS = 100;

    private final Recaller recaller;
    private final ModelStore store;

    @Activate
    public RecallVerb(@Reference Recaller recaller, @Reference ModelStore store) {
        this.recaller = recaller;
        this.store = store;
    }

    /** A verb that reads checkpoint files only. */
    public RecallVerb(Recaller recaller) {
        this(recaller, null);
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<String> positional = new ArrayList<>();
        int steps;
        try {
            steps = steps(call.args(), positional);
        } catch (IllegalArgumentException e) {
            call.err().println("engram: " + e.getMessage());
            return VerbCall.BAD_INPUT;
        }
        if (positional.size() != 2) {
            call.err().println(USAGE);
            return VerbCall.BAD_INPUT;
        }
        io.vavr.control.Try<Path> model = ModelArgument.resolve(store, positional.get(0));
        if (model.isFailure()) {
            call.err().println("engram: " + model.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        Path checkpoint = model.get();
        Path input = Path.of(positional.get(1));
        Either<InputProblems, List<double[][]>> read = Sequences.read(input, 0);
        if (read.isLeft()) {
            return PredictVerb.rejected(call.err(), input, read.getLeft());
        }
        List<double[]> cues = new ArrayList<>();
        for (double[][] s : read.get()) {
            if (s.length != 1) {
                call.err().println("engram: " + input + ": cue " + cues.size() + " has " + s.length
                        + " steps; a cue is one row of unit values");
                return VerbCall.BAD_INPUT;
            }
            cues.add(s[0]);
        }
        Try<List<Recaller.Recall>> recalled = recaller.recall(checkpoint, cues, steps);
        if (recalled.isFailure()) {
            return failed(call, checkpoint, input, recalled.getCause());
        }
        for (Recaller.Recall r : recalled.get()) {
            call.out().println(Sequences.format(new double[][] {r.state()}) + " energy " + Text.number(r.energy())
                    + " cue.energy " + Text.number(r.cueEnergy()));
        }
        call.out().flush();
        return VerbCall.OK;
    }

    /** The exit status of a failed recall, with its message: bad input for what the user can fix. */
    private static int failed(VerbCall call, Path checkpoint, Path input, Throwable cause) {
        if (cause instanceof IOException || cause instanceof IllegalStateException) {
            call.err().println("engram: " + checkpoint + ": " + cause.getMessage());
            return VerbCall.BAD_INPUT;
        }
        if (cause instanceof IllegalArgumentException) {
            call.err().println("engram: " + input + ": " + cause.getMessage());
            return VerbCall.BAD_INPUT;
        }
        call.err().println("engram: recall failed: " + cause.getMessage());
        return VerbCall.FAILED;
    }

    /**
     * The bound {@code --steps N} asks for ({@value #STEPS} when absent); the other arguments are
     * added to {@code positional} in order.
     *
     * @throws IllegalArgumentException when the value of {@code --steps} is missing or not a count
     */
    static int steps(List<String> args, List<String> positional) {
        int steps = STEPS;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--steps")) {
                String v = i + 1 < args.size() ? args.get(++i) : "";
                try {
                    steps = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    steps = -1;
                }
                if (steps < 0) {
                    throw new IllegalArgumentException("--steps: expected a number of recall steps, 0 or more, got '" + v + "'");
                }
            } else {
                positional.add(args.get(i));
            }
        }
        return steps;
    }
}
