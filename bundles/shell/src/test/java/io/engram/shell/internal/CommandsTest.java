package io.engram.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.HyperParameter;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private static JobInfo info(String id, JobState state, String error) {
        return new JobInfo(id, "grammar", state, "lstm@1.0.0", "bptt@1.0.0", "grammar@1.0.0", "cpu",
                "2026-01-01T00:00:00Z", "", "", Map.of("loss", 0.123456, "accuracy", 0.9), error, "", Map.of());
    }

    /** A job manager holding a fixed list of jobs that accepts specs naming model.family=lstm. */
    static final class FakeJobs implements JobManager {
        final java.util.List<JobInfo> jobs = new ArrayList<>();
        final java.util.List<String> cancelled = new ArrayList<>();

        @Override
        public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec) {
            if (!"lstm".equals(spec.get("model.family"))) {
                return Validation.invalid(List.of(Problem.of("model.family", "no family 'mgu' is installed"),
                        Problem.of("seed", "expected a 64-bit integer, got 'x'")));
            }
            JobInfo j = info("job-000003", JobState.QUEUED, "");
            jobs.add(0, j);
            return Validation.valid(j);
        }

        @Override
        public java.util.List<JobInfo> jobs() {
            return jobs;
        }

        @Override
        public Optional<JobInfo> job(String id) {
            return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
        }

        @Override
        public boolean cancel(String id) {
            boolean ok = job(id).map(j -> !j.state().terminal()).orElse(false);
            if (ok) {
                cancelled.add(id);
                jobs.replaceAll(j -> j.id().equals(id) ? info(id, JobState.CANCELLED, "") : j);
            }
            return ok;
        }

        @Override
        public java.util.List<JobEvent> events(String id) {
            return java.util.List.of();
        }

        @Override
        public AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
            return () -> { };
        }

        @Override
        public Optional<JobInfo> await(String id, Duration timeout) {
            return job(id);
        }
    }

    @Test
    void exitCancelsTheUnfinishedJobsWaitsUntilTheyEndAndThenStops() throws Exception {
        FakeJobs jobs = new FakeJobs();
        jobs.jobs.add(info("job-000001", JobState.SUCCEEDED, ""));
        jobs.jobs.add(info("job-000002", JobState.RUNNING, ""));
        jobs.jobs.add(info("job-000003", JobState.QUEUED, ""));
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        String out = new ExitCommand(jobs, stopped::countDown).exit();
        assertEquals(java.util.List.of("job-000002", "job-000003"), jobs.cancelled);
        assertEquals("job-000002: cancelled\njob-000003: cancelled\nstopping\n", out);
        assertEquals(true, stopped.await(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** Reads every file as the same spec, or as a file that does not exist. */
    static final class FakeSpecs implements JobSpecs {
        @Override
        public Validation<Seq<Problem>, Map<String, String>> read(Path file) {
            if (file.getFileName().toString().startsWith("missing")) {
                return Validation.invalid(List.of(Problem.of(file.toString(), "no such file")));
            }
            return Validation.valid(Map.of("model.family", file.getFileName().toString().startsWith("good")
                    ? "lstm" : "mgu"));
        }

        @Override
        public Validation<Seq<Problem>, Map<String, String>> parse(String text, String format, String origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Validation<Seq<Problem>, Map<String, String>> validate(Map<String, String> spec) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void pluginsPrintsATable() {
        PluginRegistry registry = new PluginRegistry() {
            @Override
            public java.util.List<PluginInfo> plugins() {
                return java.util.List.of(
                        new PluginInfo("lstm", PluginKind.FAMILY, "1.0.0", "io.engram.family.lstm", 12,
                                Set.of("flat-parameters", "differentiable"), true, "", "LSTM",
                                Schema.of(HyperParameter.integer("hidden", 8, 1, 9, "units"))),
                        new PluginInfo("cuda", PluginKind.BACKEND, "0.2.0", "io.engram.backend.cuda", 15, Set.of(),
                                false, "no CUDA driver", "", Schema.empty()));
            }

            @Override
            public Optional<PluginInfo> find(PluginKind kind, String id, String versionRange) {
                return Optional.empty();
            }
        };
        assertEquals(
                "ID    KIND     VERSION  BUNDLE                       CAPABILITIES                    AVAILABLE\n"
                + "lstm  family   1.0.0    io.engram.family.lstm [12]   differentiable,flat-parameters  yes\n"
                + "cuda  backend  0.2.0    io.engram.backend.cuda [15]                                  no: no CUDA driver\n",
                new PluginsCommand(registry).plugins());
    }

    @Test
    void jobsPrintsATableNewestFirst() {
        FakeJobs jobs = new FakeJobs();
        jobs.jobs.add(info("job-000002", JobState.RUNNING, ""));
        jobs.jobs.add(info("job-000001", JobState.FAILED, "loss became NaN"));
        String out = new JobsCommand(jobs).jobs();
        java.util.List<String> lines = java.util.List.of(out.split("\n"));
        assertEquals(3, lines.size());
        assertEquals("ID          NAME     STATE    FAMILY      TRAINER     APPLICATION    SUBMITTED             "
                + "METRICS                      ERROR", lines.get(0));
        assertEquals("job-000001  grammar  failed   lstm@1.0.0  bptt@1.0.0  grammar@1.0.0  2026-01-01T00:00:00Z  "
                + "accuracy=0.9000 loss=0.1235  loss became NaN", lines.get(2));
    }

    @Test
    void runSubmitsTheSpecOrListsEveryProblem() {
        FakeJobs jobs = new FakeJobs();
        RunCommand run = new RunCommand(new FakeSpecs(), jobs);
        assertEquals("job-000003 queued: grammar (lstm@1.0.0, bptt@1.0.0, grammar@1.0.0, cpu)\n", run.run("good.yaml"));
        assertEquals("2 problems:\n  model.family: no family 'mgu' is installed\n"
                + "  seed: expected a 64-bit integer, got 'x'\n", run.run("bad.yaml"));
        String missing = run.run("missing.properties");
        assertEquals("1 problem:\n  " + Path.of("missing.properties").toAbsolutePath() + ": no such file\n", missing);
        assertEquals(1, jobs.jobs.size());
    }

    @Test
    void cancelSaysWhatHappened() {
        FakeJobs jobs = new FakeJobs();
        jobs.jobs.add(info("job-000002", JobState.RUNNING, ""));
        jobs.jobs.add(info("job-000001", JobState.SUCCEEDED, ""));
        CancelCommand cancel = new CancelCommand(jobs);
        assertEquals("job-000002: cancel requested\n", cancel.cancel("job-000002"));
        assertEquals("job-000001: already succeeded\n", cancel.cancel("job-000001"));
        assertEquals("job-000009: no such job\n", cancel.cancel("job-000009"));
        assertEquals(java.util.List.of("job-000002"), jobs.cancelled);
    }
}
