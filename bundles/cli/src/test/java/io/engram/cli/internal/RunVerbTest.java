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
        assertTrue(text.contains("final metrics:\n  accuracy = 0.875\n  loss = 0.125\n"), text);
        assertTrue(text.contains("j1 RUNNING\nepoch 1 train loss 0.125\nj1 SUCCEEDED in "), text);
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
                state.terminal() ? Map.of("loss", 0.125, "accuracy", 0.875) : Map.of(),
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

    record FakeJobs(JobState end) implements JobManager {
        @Override
        public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec) {
            return Validation.valid(info(JobState.QUEUED));
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
