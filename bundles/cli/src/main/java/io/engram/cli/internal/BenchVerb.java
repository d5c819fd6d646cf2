package io.engram.cli.internal;

import io.engram.bench.BenchOptions;
import io.engram.bench.BenchResult;
import io.engram.bench.Benchmarks;
import io.engram.cli.VerbCall;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram bench}: reads {@code key=value} arguments ({@link BenchOptions#parse}), runs the
 * benchmarks and prints one JSON object per line per config and mode to {@code out} as each is
 * measured; notes for people go to {@code err}. Exit 0 when everything was measured, 1 when a run
 * could not go on, 2 when the arguments were rejected (all problems listed, nothing run).
 * Stateless and thread-safe; runs on the caller's thread.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=bench")
public final class BenchVerb implements Function<Map<String, Object>, Integer> {

    private final Benchmarks benchmarks;

    @Activate
    public BenchVerb(@Reference Benchmarks benchmarks) {
        this.benchmarks = benchmarks;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        Validation<Seq<String>, BenchOptions> options = BenchOptions.parse(call.args());
        if (options.isInvalid()) {
            call.err().println("engram bench: the options were rejected (" + options.getError().size()
                    + (options.getError().size() == 1 ? " problem):" : " problems):"));
            options.getError().forEach(p -> call.err().println("  " + p));
            call.err().flush();
            return VerbCall.BAD_INPUT;
        }
        Either<String, List<BenchResult>> done = benchmarks.run(options.get(), r -> {
            call.out().println(r.toJson());
            call.out().flush();
        }, note -> {
            call.err().println("engram bench: " + note);
            call.err().flush();
        });
        if (done.isLeft()) {
            call.err().println("engram bench: " + done.getLeft());
            call.err().flush();
            return VerbCall.FAILED;
        }
        return VerbCall.OK;
    }
}
