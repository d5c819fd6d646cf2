package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Problem;
import io.engram.cli.VerbCall;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.JobState;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RunVerbTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Map<String, Object> call(String... args) {
        return Map.of(VerbCall.ARGS, java.util.List.of(args),
                VerbCall.OUT, new PrintStream(out, true, StandardCharsets.UTF_8),
                VerbCall.ERR, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void rejectedSpecExitsTwoAndNamesEveryProblem() {
        JobSpecs specs = new FakeSpecs(Validation.invalid(List.of(
                Problem.of("spec.properties:3", "expected key=value"),
                Problem.of("model.hidden", "must be at least 1, was 0"))));
        int status = new RunVerb(specs, new FakeJobs(JobState.SUCCEEDED)).apply(call("/tmp/spec.properties"));
        assertEquals(2, status);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("spec.properties:3: expected key=value\n"), text);
        assertTrue(text.contains("model.hidden: must be at least 1, was 0\n"), text);
        assertTrue(text.contains("(2 problems)"), text);
    }

    @Test
    void succeededJobExitsZeroWithFinalMetrics() {
        int status = new RunVerb(new FakeSpecs(Validation.valid(Map.of("model.family", "lstm"))),
                new FakeJobs(JobState.SUCCEEDED)).apply(call("/tmp/spec.properties"));
        assertEquals(0, status);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("j1 SUCCEEDED in "), text);
        assertTrue(text.contains("final metrics (epoch 1):\n  train       loss = 0.125\n"
                + "  validation  accuracy = 0.875\n  test        accuracy = 0.75\n"), text);
        assertTrue(java.util.regex.Pattern.compile("j1 RUNNING\nepoch 1 train loss 0.125 \\([0-9.]+ s\\)\nj1 SUCCEEDED in ")
                .matcher(text).find(), text);
    }

    @Test
    void keyValuesAfterTheSpecOverrideItsKeysAndProblemsNameTheCommandLine() {
        java.util.List<Map<String, String>> seen = new java.util.ArrayList<>();
        FakeJobs jobs = new FakeJobs(JobState.SUCCEEDED, seen, List.of(
                Problem.of("model.hiden", "unknown parameter (known: hidden); did you mean model.hidden?"),
                Problem.of("trainer.lr", "expected a number, got 'x'")));
        int status = new RunVerb(new FakeSpecs(Validation.valid(Map.of("model.family", "lstm", "trainer.lr", "0.1"))), jobs)
                .apply(call("/tmp/spec.properties", "model.hiden=8", "trainer.lr=x", "data.note=a=b"));
        assertEquals(2, status);
        assertEquals(Map.of("model.family", "lstm", "trainer.lr", "x", "model.hiden", "8", "data.note", "a=b"), seen.get(0));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("model.hiden (command line): unknown parameter (known: hidden); did you mean model.hidden?\n"), text);
        assertTrue(text.contains("trainer.lr (command line): expected a number, got 'x'\n"), text);
    }

    @Test
    void malformedOverridesAreRejectedBeforeTheSpecIsSubmitted() {
        java.util.List<Map<String, String>> seen = new java.util.ArrayList<>();
        int status = new RunVerb(new FakeSpecs(Validation.valid(Map.of("model.family", "lstm"))),
                new FakeJobs(JobState.SUCCEEDED, seen, List.empty()))
                .apply(call("/tmp/spec.properties", "epochs", "=3", "spec.dir=/etc", "seed=1", "seed=2"));
        assertEquals(2, status);
        assertTrue(seen.isEmpty());
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("(4 problems)"), text);
        assertTrue(text.contains("'epochs' (command line): expected KEY=VALUE, such as trainer.epochs=5\n"), text);
        assertTrue(text.contains("'=3' (command line): expected KEY=VALUE"), text);
        assertTrue(text.contains("spec.dir (command line): is set from the spec file's location and cannot be given\n"), text);
        assertTrue(text.contains("seed (command line): is given twice\n"), text);
    }

    @Test
    void failedJobExitsOneWithItsError() {
        int status = new RunVerb(new FakeSpecs(Validation.valid(Map.of("model.family", "lstm"))),
                new FakeJobs(JobState.FAILED)).apply(call("/tmp/spec.properties"));
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("engram: j1 FAILED: boom"));
    }

    @Test
    void wrongArgumentCountIsBadInput() {
        assertEquals(2, new RunVerb(new FakeSpecs(Validation.valid(Map.of())), new FakeJobs(JobState.SUCCEEDED)).apply(call()));
    }

    static JobInfo info(JobState state) {
        return new JobInfo("j1", "test", state, "lstm@1.0.0", "bptt@1.0.0", "grammar@1.0.0", "cpu", "t0", "", "",
                state.terminal() ? Map.of("epoch", 1.0, "loss", 0.125, "accuracy", 0.875, "test.accuracy", 0.75,
                        "validation.loss", Double.NaN) : Map.of(),
                state == JobState.FAILED ? "boom" : "", "", Map.of());
    }

    record FakeSpecs(Validation<Seq<Problem>, Map<String, String>> result) implements JobSpecs {
        @Override
        public Validation<Seq<Problem>, Map<String, String>> read(Path file) {
            return result;
        }

        @Override
        public Validation<Seq<Problem>, Map<String, String>> parse(String text, String format, String origin) {
            return result;
        }

        @Override
        public Validation<Seq<Problem>, Map<String, String>> validate(Map<String, String> spec) {
            return result;
        }
    }

    /** Records each spec submitted in {@code seen} and rejects it with {@code reject} when that is not empty. */
    record FakeJobs(JobState end, java.util.List<Map<String, String>> seen, Seq<Problem> reject) implements JobManager {
        FakeJobs(JobState end) {
            this(end, new java.util.ArrayList<>(), List.empty());
        }

        @Override
        public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec) {
            seen.add(spec);
            return reject.isEmpty() ? Validation.valid(info(JobState.QUEUED)) : Validation.invalid(reject);
        }

        @Override
        public java.util.List<JobInfo> jobs() {
            return java.util.List.of(info(end));
        }

        @Override
        public Optional<JobInfo> job(String id) {
            return Optional.of(info(end));
        }

        @Override
        public boolean cancel(String id) {
            return false;
        }

        @Override
        public java.util.List<JobEvent> events(String id) {
            return java.util.List.of();
        }

        @Override
        public AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
            listener.accept(new JobEvent(id, 0, "t", JobState.RUNNING, null));
            listener.accept(new JobEvent(id, 1, "t", JobState.RUNNING,
                    new io.engram.api.TrainingEvent.EpochEnd(1, 0.125, Double.NaN, Map.of())));
            listener.accept(new JobEvent(id, 2, "t", end, null));
            return () -> { };
        }

        @Override
        public Optional<JobInfo> await(String id, Duration timeout) {
            return Optional.of(info(end));
        }
    }
}
