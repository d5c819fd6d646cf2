package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Problem;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Availability;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobManagerComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<BundleRef> PLATFORM = List.of(new BundleRef("io.engram.api", "0.1.0"));

    @TempDir
    Path tmp;

    private final List<JobManagerComponent> started = new ArrayList<>();
    private final FakeCheckpoints checkpoints = new FakeCheckpoints();

    private JobManagerComponent manager(PluginDirectory plugins, int concurrency) {
        JobManagerComponent m = new JobManagerComponent(plugins, Fakes.config(tmp.resolve("jobs"), concurrency),
                checkpoints, PLATFORM);
        started.add(m);
        return m;
    }

    @AfterEach
    void stop() {
        started.forEach(JobManagerComponent::deactivate);
    }

    private static String describe(JobEvent e) {
        return e.event() == null ? e.state().name() : e.event().type();
    }

    /** Subscribes and returns a latch that opens when the job reports a message event. */
    private static CountDownLatch whenWaiting(JobManagerComponent m, String id) {
        CountDownLatch waiting = new CountDownLatch(1);
        m.subscribe(id, e -> {
            if (e.event() instanceof TrainingEvent.Message) {
                waiting.countDown();
            }
        });
        return waiting;
    }

    @Test
    void aJobRunsToSuccessStreamingItsEventsAndWritesItsCheckpoint() throws Exception {
        JobManagerComponent m = manager(Fakes.table(), 1);
        Map<String, String> spec = Fakes.spec();
        spec.put("checkpoint", "toy.ckpt");
        JobInfo queued = m.submit(spec).get();
        assertEquals("job-000001", queued.id());
        assertEquals("toy run", queued.name());
        assertEquals("toy@1.5.0", queued.family());
        assertEquals("toy@1.0.0", queued.trainer());
        assertEquals("cpu", queued.backend());

        List<JobEvent> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        m.subscribe(queued.id(), e -> {
            seen.add(e);
            if (e.event() == null && e.state().terminal()) {
                done.countDown();
            }
        });
        JobInfo info = m.await(queued.id(), WAIT).get();
        assertTrue(done.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        assertEquals(JobState.SUCCEEDED, info.state(), info.error());
        assertEquals(List.of("QUEUED", "RUNNING", "progress", "epoch", "progress", "epoch", "progress", "epoch",
                "SUCCEEDED"), seen.stream().map(JobManagerComponentTest::describe).collect(Collectors.toList()));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L),
                seen.stream().map(JobEvent::seq).collect(Collectors.toList()));
        assertEquals(seen, m.events(queued.id()));
        assertEquals(3.0, info.metrics().get("epoch"));
        assertEquals(1.0 / 3, info.metrics().get("loss"), 1e-12);
        assertEquals(2.0, info.metrics().get("sequences"), "20 sequences, 10% held out for validation");
        assertTrue(info.metrics().keySet().stream().noneMatch(k -> k.startsWith("backend.")),
                "the cpu fake meters nothing: " + info.metrics());

        Path file = tmp.resolve("models/toy.ckpt");
        assertEquals(file.toString(), info.checkpoint());
        Checkpoints.Loaded ck = checkpoints.written.get(file);
        CheckpointMetadata meta = ck.metadata();
        assertEquals("test.family.toy", meta.familyBundle());
        assertEquals("1.5.0", meta.familyVersion());
        assertEquals(2, meta.spec().inputSize());
        assertEquals(42L, meta.provenance().seed());
        assertEquals("toy(seed=42)", meta.provenance().dataSource());
        assertEquals("d1gest", meta.provenance().dataDigest());
        assertEquals(List.of(new BundleRef("test.family.toy", "1.5.0"), new BundleRef("test.trainer.toy", "1.0.0"),
                new BundleRef("test.application.toy", "1.0.0"), new BundleRef("test.backend.cpu", "1.0.0"),
                new BundleRef("test.loss.mse", "1.0.0"), new BundleRef("io.engram.api", "0.1.0")),
                meta.provenance().bundles());
        assertEquals("mse", meta.provenance().jobSpec().get("loss"));
        assertEquals("toy.ckpt", meta.provenance().jobSpec().get("checkpoint"));

        SplittableRandom r = new SplittableRandom(42);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = 0.5 * (r.nextDouble() - 0.5) + 3;
        }
        assertArrayEquals(expected, ck.tensors().get("w").toDoubleArray(), 1e-12);
    }

    @Test
    void aSpecWithProblemsQueuesNothing() {
        JobManagerComponent m = manager(Fakes.table(), 1);
        Map<String, String> spec = Fakes.spec();
        spec.put("model.family", "mgu");
        spec.put("trainer.epochs", "lots");
        Validation<Seq<Problem>, JobInfo> v = m.submit(spec);
        assertEquals(List.of("model.family: no family 'mgu' is installed (installed: toy)",
                "trainer.epochs: expected an integer in [0, 1000], got 'lots'"),
                v.getError().map(Problem::toString).toJavaList());
        assertEquals(List.of(), m.jobs());
        assertFalse(Files.exists(tmp.resolve("jobs/job-000001")));
    }

    @Test
    void aTrainerThatThrowsFailsTheJobWithItsMessage() throws Exception {
        JobManagerComponent m = manager(Fakes.table(), 1);
        Map<String, String> spec = Fakes.spec();
        spec.put("trainer.mode", "throw");
        spec.put("checkpoint", "never.ckpt");
        JobInfo info = m.await(m.submit(spec).get().id(), WAIT).get();
        assertEquals(JobState.FAILED, info.state());
        assertEquals("trainer exploded at epoch 1", info.error());
        assertEquals("", info.checkpoint());
        assertTrue(checkpoints.written.isEmpty());
    }

    @Test
    void aFailedResultNeverWritesACheckpoint() throws Exception {
        JobManagerComponent m = manager(Fakes.table(), 1);
        Map<String, String> spec = Fakes.spec();
        spec.put("trainer.mode", "nonfinite");
        spec.put("checkpoint", "never.ckpt");
        JobInfo info = m.await(m.submit(spec).get().id(), WAIT).get();
        assertEquals(JobState.FAILED, info.state());
        assertEquals("loss became NaN at epoch 1", info.error());
        assertTrue(Double.isNaN(info.metrics().get("loss")));
        assertTrue(checkpoints.written.isEmpty());
        assertFalse(Files.exists(tmp.resolve("never.ckpt")));
        assertEquals(List.of("QUEUED", "RUNNING", "stopped", "FAILED"),
                m.events(info.id()).stream().map(JobManagerComponentTest::describe).collect(Collectors.toList()));
    }

    @Test
    void queuedAndRunningJobsCanBeCancelled() throws Exception {
        JobManagerComponent m = manager(Fakes.table(), 1);
        Map<String, String> blocking = Fakes.spec();
        blocking.put("trainer.mode", "block");
        String a = m.submit(blocking).get().id();
        CountDownLatch waiting = whenWaiting(m, a);
        String b = m.submit(Fakes.spec()).get().id();
        assertTrue(waiting.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(JobState.QUEUED, m.job(b).get().state());

        assertTrue(m.cancel(b));
        assertEquals(JobState.CANCELLED, m.job(b).get().state());
        assertEquals(JobState.RUNNING, m.job(a).get().state());
        assertTrue(m.cancel(a));
        JobInfo ended = m.await(a, WAIT).get();
        assertEquals(JobState.CANCELLED, ended.state());
        assertEquals(JobManagerComponent.CANCELLED, ended.error());
        assertFalse(m.cancel(a));
        assertFalse(m.cancel("job-999999"));
        assertEquals(List.of(b, a), m.jobs().stream().map(JobInfo::id).collect(Collectors.toList()));
        assertEquals(List.of("QUEUED", "CANCELLED"),
                m.events(b).stream().map(JobManagerComponentTest::describe).collect(Collectors.toList()));
    }

    @Test
    void aJobWhoseBackendCannotRunHereRunsOnItsFallbackAndSaysSoFirst() throws Exception {
        JobManagerComponent m = manager(Fakes.table(), 1);
        Map<String, String> spec = Fakes.spec();
        spec.put("backend", "gpu");
        spec.put("backend.fallback", "cpu");
        JobInfo queued = m.submit(spec).get();
        assertEquals("cpu", queued.backend());
        JobInfo info = m.await(queued.id(), WAIT).get();
        assertEquals(JobState.SUCCEEDED, info.state(), info.error());
        assertEquals("cpu", info.backend());
        assertEquals("gpu", info.spec().get("backend"), "the spec stays as submitted");
        List<JobEvent> events = m.events(info.id());
        assertEquals(List.of("QUEUED", "message", "RUNNING", "progress", "epoch", "progress", "epoch", "progress",
                "epoch", "SUCCEEDED"), events.stream().map(JobManagerComponentTest::describe).collect(Collectors.toList()));
        assertEquals(new TrainingEvent.Message("warning",
                "backend 'gpu' is not available here: no device found; running on 'cpu' (backend.fallback)"),
                events.get(1).event());

        spec.put("backend", "cpu");
        JobInfo direct = m.await(m.submit(spec).get().id(), WAIT).get();
        assertEquals("cpu", direct.backend());
        assertTrue(m.events(direct.id()).stream().noneMatch(e -> e.event() instanceof TrainingEvent.Message),
                "no fallback, no warning");

        spec.remove("backend.fallback");
        spec.put("backend", "gpu");
        assertEquals(List.of("backend: backend 'gpu' is not available here: no device found"),
                m.submit(spec).getError().map(Problem::toString).toJavaList());
    }

    /** The fakes' table with the metered backend {@code analog}. */
    private static PluginTable meteredTable(Fakes.MeteredBackend analog) {
        PluginTable table = Fakes.table();
        Fakes.add(table, PluginKind.BACKEND, "analog", "1.0.0", analog, Set.of());
        return table;
    }

    @Test
    void epochEventsAndFinalMetricsCarryTheBackendsCostSinceTheJobStarted() throws Exception {
        JobManagerComponent m = manager(meteredTable(new Fakes.MeteredBackend("analog")), 1);
        Map<String, String> spec = Fakes.spec();
        spec.put("backend", "analog");
        JobInfo first = m.await(m.submit(spec).get().id(), WAIT).get();
        assertEquals(JobState.SUCCEEDED, first.state(), first.error());
        JobInfo second = m.await(m.submit(spec).get().id(), WAIT).get();
        assertEquals(JobState.SUCCEEDED, second.state(), second.error());

        for (JobInfo job : List.of(first, second)) {
            List<TrainingEvent.EpochEnd> epochs = m.events(job.id()).stream().map(JobEvent::event)
                    .filter(e -> e instanceof TrainingEvent.EpochEnd).map(e -> (TrainingEvent.EpochEnd) e)
                    .collect(Collectors.toList());
            assertEquals(3, epochs.size());
            for (TrainingEvent.EpochEnd e : epochs) {
                assertEquals(Map.of("sequences", 2.0, "backend.ops", (double) e.epoch(),
                        "backend.energy.joules", 0.5 * e.epoch()), e.metrics(), "one op per epoch, counted from the job's start");
            }
            assertEquals(3.0, job.metrics().get("backend.ops"), job.metrics().toString());
            assertEquals(1.5, job.metrics().get("backend.energy.joules"), job.metrics().toString());
        }
    }

    @Test
    void theBackendIsReleasedOnTheJobThreadWhateverTheOutcome() throws Exception {
        Fakes.MeteredBackend analog = new Fakes.MeteredBackend("analog");
        JobManagerComponent m = manager(meteredTable(analog), 1);
        Map<String, String> spec = Fakes.spec();
        spec.put("backend", "analog");
        List<JobState> outcomes = new ArrayList<>();
        for (String mode : List.of("normal", "throw", "nonfinite")) {
            spec.put("trainer.mode", mode);
            outcomes.add(m.await(m.submit(spec).get().id(), WAIT).get().state());
        }
        spec.put("trainer.mode", "block");
        String blocked = m.submit(spec).get().id();
        assertTrue(whenWaiting(m, blocked).await(WAIT.toSeconds(), TimeUnit.SECONDS));
        m.cancel(blocked);
        outcomes.add(m.await(blocked, WAIT).get().state());

        assertEquals(List.of(JobState.SUCCEEDED, JobState.FAILED, JobState.FAILED, JobState.CANCELLED), outcomes);
        assertEquals(List.of("engram-job-1", "engram-job-1", "engram-job-1", "engram-job-1"), analog.releasedOn,
                "once per job, on the job's thread");
    }

    @Test
    void aJobThatThrowsAfterMeteringKeepsItsCostInItsMetrics() throws Exception {
        JobManagerComponent m = manager(meteredTable(new Fakes.MeteredBackend("analog")), 1);
        Map<String, String> spec = Fakes.spec();
        spec.put("backend", "analog");
        spec.put("trainer.mode", "throw");
        JobInfo info = m.await(m.submit(spec).get().id(), WAIT).get();
        assertEquals(JobState.FAILED, info.state());
        assertEquals(0.0, info.metrics().get("backend.ops"), "the meter is read even when the trainer throws");
    }

    @Test
    void aJobKeepsThePluginsPinnedAtSubmitWhateverHappensToTheBundles() throws Exception {
        PluginTable table = new PluginTable();
        long family15 = Fakes.add(table, PluginKind.FAMILY, "toy", "1.5.0", new Fakes.ToyFamily("1.5.0"),
                Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(table, PluginKind.TRAINER, "toy", "1.0.0", new Fakes.ToyTrainer(), Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(table, PluginKind.APPLICATION, "toy", "1.0.0", new Fakes.ToyApplication(), Set.of());
        Fakes.add(table, PluginKind.BACKEND, "cpu", "1.0.0", new Fakes.ToyBackend("cpu", Availability.yes()), Set.of());
        Fakes.add(table, PluginKind.LOSS, "mse", "1.0.0", io.engram.train.Losses.of("mse"), Set.of("per-step"));
        JobManagerComponent m = manager(table, 1);

        Map<String, String> blocking = Fakes.spec();
        blocking.put("trainer.mode", "block");
        String a = m.submit(blocking).get().id();
        CountDownLatch waiting = whenWaiting(m, a);
        Map<String, String> spec = Fakes.spec();
        spec.put("checkpoint", "b.ckpt");
        String b = m.submit(spec).get().id();
        assertTrue(waiting.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        table.remove(family15);
        Map<String, String> c = Fakes.spec();
        assertEquals(List.of("model.family: no family 'toy' is installed (none installed)"),
                m.submit(c).getError().map(Problem::toString).toJavaList());
        long family20 = Fakes.add(table, PluginKind.FAMILY, "toy", "2.0.0", new Fakes.ToyFamily("2.0.0"),
                Set.of(Capability.DIFFERENTIABLE));
        assertEquals("toy@2.0.0", m.submit(c).get().family());

        m.cancel(a);
        JobInfo done = m.await(b, WAIT).get();
        assertEquals(JobState.SUCCEEDED, done.state(), done.error());
        assertEquals("toy@1.5.0", done.family());
        assertEquals("1.5.0", checkpoints.written.get(tmp.resolve("models/b.ckpt")).metadata().familyVersion());
        table.remove(family20);
    }

    @Test
    void recordsSurviveARestartAndInterruptedJobsShowAsFailed() throws Exception {
        JobManagerComponent first = manager(Fakes.table(), 1);
        JobInfo ok = first.await(first.submit(Fakes.spec()).get().id(), WAIT).get();
        assertEquals(JobState.SUCCEEDED, ok.state());
        List<JobEvent> events = first.events(ok.id());
        first.deactivate();

        JobInfo running = new JobInfo("job-000007", "crashed", JobState.RUNNING, "toy@1.5.0", "toy@1.0.0",
                "toy@1.0.0", "cpu", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", "", Map.of("loss", 0.5), "", "",
                Map.of("seed", "1"));
        Path legacy = tmp.resolve("jobs/job-000007/job.json");
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, JobCodec.write(running, List.of(
                new JobEvent("job-000007", 0, "2026-01-01T00:00:00Z", JobState.QUEUED, null),
                new JobEvent("job-000007", 1, "2026-01-01T00:00:01Z", JobState.RUNNING, null))));

        JobManagerComponent second = manager(Fakes.table(), 1);
        JobInfo reloaded = second.job(ok.id()).get();
        assertEquals(ok, reloaded);
        assertEquals(events, second.events(ok.id()));
        JobInfo interrupted = second.job("job-000007").get();
        assertEquals(JobState.FAILED, interrupted.state());
        assertEquals("interrupted: the process stopped while the job ran; no checkpoint was written",
                interrupted.error());
        assertFalse(interrupted.endedAt().isEmpty());
        assertEquals(0.5, interrupted.metrics().get("loss"));
        assertEquals(List.of("QUEUED", "RUNNING", "FAILED"), second.events("job-000007").stream()
                .map(JobManagerComponentTest::describe).collect(Collectors.toList()));

        String next = second.submit(Fakes.spec()).get().id();
        assertEquals("job-000008", next);
        assertEquals(List.of("job-000008", "job-000007", "job-000001"),
                second.jobs().stream().map(JobInfo::id).collect(Collectors.toList()));
        second.await(next, WAIT);
        try (Stream<Path> files = Files.list(tmp.resolve("jobs/job-000001"))) {
            assertEquals(List.of("events.jsonl", "job.json"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    @Test
    void deactivationCancelsRunningJobsAndRecordsThem() throws Exception {
        JobManagerComponent m = manager(Fakes.table(), 1);
        Map<String, String> blocking = Fakes.spec();
        blocking.put("trainer.mode", "block");
        String a = m.submit(blocking).get().id();
        CountDownLatch waiting = whenWaiting(m, a);
        String b = m.submit(Fakes.spec()).get().id();
        assertTrue(waiting.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        m.deactivate();
        assertEquals(JobState.CANCELLED, m.job(a).get().state());
        assertEquals(JobManagerComponent.SHUT_DOWN, m.job(a).get().error());
        assertEquals(JobState.CANCELLED, m.job(b).get().state());
        assertEquals(List.of("job: the job manager is shutting down"),
                m.submit(Fakes.spec()).getError().map(Problem::toString).toJavaList());

        JobManagerComponent after = manager(Fakes.table(), 1);
        assertEquals(JobState.CANCELLED, after.job(a).get().state());
        assertEquals(JobState.CANCELLED, after.job(b).get().state());
    }

    @Test
    void unknownJobsAreEmpty() throws Exception {
        JobManagerComponent m = manager(Fakes.table(), 1);
        assertTrue(m.job("nope").isEmpty());
        assertTrue(m.await("nope", Duration.ofMillis(1)).isEmpty());
        assertEquals(List.of(), m.events("nope"));
        m.subscribe("nope", e -> { }).close();
    }

    @Test
    void relativeCheckpointsResolveAgainstTheModelStoreAndNoneLeavesIt() {
        JobManagerComponent m = manager(Fakes.table(), 1);
        assertEquals(tmp.resolve("models/a.ckpt"), m.checkpointPath("a.ckpt"));
        assertEquals(tmp.resolve("models/sub/b.ckpt"), m.checkpointPath(tmp.resolve("models/sub/b.ckpt").toString()));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> m.checkpointPath(tmp.resolve("elsewhere/b.ckpt").toString()));
        assertEquals("checkpoint: '" + tmp.resolve("elsewhere/b.ckpt") + "' is outside the model store ("
                + tmp.resolve("models") + ")", e.getMessage());
    }

    @Test
    void anEnvironmentJobRunsWithoutDataSizedByTheEnvironment() throws Exception {
        JobManagerComponent m = manager(Fakes.withEnvironments(), 1);
        Map<String, String> spec = Fakes.environmentSpec();
        spec.put("checkpoint", "walk.ckpt");
        JobInfo info = m.await(m.submit(spec).get().id(), WAIT).get();
        assertEquals(JobState.SUCCEEDED, info.state(), info.error());
        List<String> kinds = m.events(info.id()).stream().map(JobManagerComponentTest::describe).toList();
        assertEquals(List.of("QUEUED", "RUNNING", "epoch", "epoch", "epoch", "epoch", "epoch", "epoch", "SUCCEEDED"),
                kinds);
        double fitness = info.metrics().get("fitness");
        assertEquals(5.0, fitness, 1e-9, "the search pushes action 0 up until every step earns 1: " + info.metrics());
        assertEquals(6.0, info.metrics().get("epoch"));
        assertEquals(5.0, info.metrics().get("test.fitness"), 1e-9);
        assertEquals(5.0, info.metrics().get("test.reward"), 1e-9);
        assertEquals(5.0, info.metrics().get("test.episode.steps"));
        assertEquals(5.0, info.metrics().get("test.walk.length"), "the environment's own test");
        CheckpointMetadata meta = checkpoints.written.get(tmp.resolve("models/walk.ckpt")).metadata();
        assertEquals(2, meta.spec().inputSize(), "the observation size");
        assertEquals(2, meta.spec().outputSize(), "the action size");
        assertEquals("environment of application 'walk' with {steps=5}", meta.provenance().dataSource());
        assertEquals(64, meta.provenance().dataDigest().length());
    }

    @Test
    void aBadWorkersSettingIsRefusedNamingIt() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new JobManagerComponent(Fakes.table(), Fakes.config(tmp.resolve("jobs"), 1, 64, 1000, 0, 5, "", -1),
                        checkpoints, PLATFORM));
        assertEquals("jobs.workers: -1 is outside 0..1024 (0: as many as the processors)", e.getMessage());
    }
}
