package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Problem;
import io.engram.cli.VerbCall;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StopVerbTest {

    @Test
    void cancelsEveryActiveJobAndReportsItsEnd() {
        Jobs jobs = new Jobs(Map.of("a", JobState.RUNNING, "b", JobState.SUCCEEDED, "c", JobState.QUEUED));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new StopVerb(jobs).apply(Map.of(VerbCall.OUT, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals(0, status);
        assertEquals(List.of("a", "c"), jobs.cancelled);
        assertEquals("a CANCELLED\nc CANCELLED\n", out.toString(StandardCharsets.UTF_8));
    }

    static final class Jobs implements JobManager {
        final Map<String, JobState> states;
        final List<String> cancelled = new ArrayList<>();

        Jobs(Map<String, JobState> states) {
            this.states = new LinkedHashMap<>(new java.util.TreeMap<>(states));
        }

        JobInfo info(String id) {
            return new JobInfo(id, id, states.get(id), "", "", "", "cpu", "", "", "", Map.of(), "", "", Map.of());
        }

        @Override
        public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<JobInfo> jobs() {
            return states.keySet().stream().map(this::info).toList();
        }

        @Override
        public Optional<JobInfo> job(String id) {
            return Optional.of(info(id));
        }

        @Override
        public boolean cancel(String id) {
            cancelled.add(id);
            states.put(id, JobState.CANCELLED);
            return true;
        }

        @Override
        public List<JobEvent> events(String id) {
            return List.of();
        }

        @Override
        public AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
            return () -> { };
        }

        @Override
        public Optional<JobInfo> await(String id, Duration timeout) {
            return Optional.of(info(id));
        }
    }
}
