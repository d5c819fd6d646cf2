package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job records on disk: durable writes, failed writes, restarts, torn and old records. */
class JobStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final List<JobManagerComponent> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(JobManagerComponent::deactivate);
    }

    private JobManagerComponent manager(PluginTable table, Duration pluginWait) {
        JobManagerComponent m = new JobManagerComponent(table, Fakes.config(tmp.resolve("jobs"), 1), new FakeCheckpoints(),
                List.of(new BundleRef("io.engram.api", "0.1.0")), pluginWait);
        started.add(m);
        return m;
    }

    private JobManagerComponent manager() {
        return manager(Fakes.table(), Duration.ofSeconds(20));
    }

    private static List<String> describe(List<JobEvent> events) {
        return events.stream().map(e -> e.event() == null ? e.state().name() : e.event().type())
                .collect(Collectors.toList());
    }

    private static JobInfo stored(String id, JobState state, Map<String, String> spec, String checkpoint) {
        return new JobInfo(id, "stored", state, "toy@1.5.0", "toy@1.0.0", "toy@1.0.0", "cpu", "2026-01-01T00:00:00Z",
                state == JobState.RUNNING ? "2026-01-01T00:00:01Z" : "", "", Map.of(), "", checkpoint, spec);
    }

    /** Writes a record as a job manager that stopped at that point would have left it. */
    private void store(JobInfo info) throws Exception {
        JobFiles files = new JobFiles(tmp.resolve("jobs"));
        files.saveInfo(info);
        List<JobEvent> events = new ArrayList<>();
        events.add(new JobEvent(info.id(), 0, "2026-01-01T00:00:00Z", JobState.QUEUED, null));
        if (info.state() == JobState.RUNNING) {
            events.add(new JobEvent(info.id(), 1, "2026-01-01T00:00:01Z", JobState.RUNNING, null));
        }
        files.append(info.id(), events);
    }

    @Test
    void aJobsDirectoryThatCannotBeCreatedStopsActivationNamingItAndWhy() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new JobManagerComponent(Fakes.table(),
                Fakes.config(file.resolve("jobs"), 1), new FakeCheckpoints(), List.of()));
        assertTrue(e.getMessage().startsWith("the job records' directory (data.dir) " + file.resolve("jobs")
                + " cannot be written: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(file.resolve("jobs") + ": Not a directory")
                || e.getMessage().contains("FileAlreadyExistsException: " + file), "the OS's reason: " + e.getMessage());
    }

    @Test
    void aSubmissionWhoseRecordCannotBeWrittenIsRefusedAndNothingIsQueued() throws Exception {
        JobManagerComponent m = manager();
        Path blocker = Files.writeString(tmp.resolve("jobs/job-000001"), "in the way");
        List<Problem> problems = m.submit(Fakes.spec()).getError().toJavaList();
        assertEquals(1, problems.size());
        assertEquals(JobManager.UNAVAILABLE, problems.get(0).where());
        assertEquals("the job's record cannot write " + blocker.resolve("job.json") + ": FileAlreadyExistsException: "
                + blocker, problems.get(0).message());
        assertEquals(List.of(), m.jobs());
        assertEquals("in the way", Files.readString(blocker), "what was in the way stays");

        JobInfo next = m.await(m.submit(Fakes.spec()).get().id(), WAIT).get();
        assertEquals("job-000002", next.id());
        assertEquals(JobState.SUCCEEDED, next.state(), "the refused job held no place in the queue");
    }

    /** Waits for the gate to open, then reports one epoch. */
    static final class GatedTrainer implements Trainer {
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public String id() {
            return "gated";
        }

        @Override
        public String description() {
            return "waits for the test";
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.integer("epochs", 1, 1, 10, "Epochs."));
        }

        @Override
        public Set<String> requires() {
            return Set.of(Capability.DIFFERENTIABLE);
        }

        @Override
        public TrainingResult train(TrainingContext ctx) {
            ctx.emit(new TrainingEvent.Message("info", "waiting"));
            try {
                gate.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.emit(new TrainingEvent.EpochEnd(1, 0.5, 0.5, Map.of()));
            return new TrainingResult(Map.of("loss", 0.5), 1, "", false);
        }
    }

    @Test
    void aJobWhoseRecordCannotBeWrittenIsNeverReportedSucceeded() throws Exception {
        PluginTable table = Fakes.table();
        GatedTrainer gated = new GatedTrainer();
        Fakes.add(table, PluginKind.TRAINER, "gated", "1.0.0", gated, Set.of(Capability.DIFFERENTIABLE));
        JobManagerComponent m = manager(table, Duration.ofSeconds(20));
        Map<String, String> spec = Fakes.spec();
        spec.put("trainer", "gated");
        spec.remove("trainer.epochs");
        String id = m.submit(spec).get().id();
        CountDownLatch waiting = new CountDownLatch(1);
        m.subscribe(id, e -> {
            if (e.event() instanceof TrainingEvent.Message) {
                waiting.countDown();
            }
        });
        assertTrue(waiting.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        Path dir = tmp.resolve("jobs").resolve(id);
        deleteWhileTheJobMayStillWrite(dir);
        Files.writeString(dir, "the disk went away");
        gated.gate.countDown();

        JobInfo info = m.await(id, WAIT).get();
        assertEquals(JobState.FAILED, info.state());
        assertTrue(info.error().startsWith("record: cannot write " + dir.resolve("events.jsonl") + ": "), info.error());
        assertEquals(0.5, info.metrics().get("loss"), "the job's outcome is kept in memory");
        assertEquals(JobState.FAILED, m.events(id).get(m.events(id).size() - 1).state());
    }

    /** Deletes a job's folder; the job's own event write may land between the walk and the delete, so walk again. */
    private static void deleteWhileTheJobMayStillWrite(Path dir) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void afterAKillQueuedJobsRunAgainAndRunningOnesAreInterruptedNamingTheirCheckpoint() throws Exception {
        Map<String, String> wrong = Fakes.spec();
        wrong.put("trainer.epochs", "lots");
        Map<String, String> late = Fakes.spec();
        late.put("model.family", "late");
        store(stored("job-000003", JobState.QUEUED, Fakes.spec(), ""));
        store(stored("job-000004", JobState.QUEUED, wrong, ""));
        store(stored("job-000005", JobState.RUNNING, Fakes.spec(), "/models/last.ckpt"));
        store(stored("job-000006", JobState.QUEUED, late, ""));

        PluginTable table = Fakes.table();
        JobManagerComponent m = manager(table, Duration.ofSeconds(20));
        assertEquals("interrupted: the process stopped while the job ran; last checkpoint: /models/last.ckpt",
                m.job("job-000005").get().error());
        assertEquals(JobState.FAILED, m.job("job-000005").get().state());
        assertEquals(List.of("QUEUED", "RUNNING", "FAILED"), describe(m.events("job-000005")));
        Fakes.add(table, PluginKind.FAMILY, "late", "1.0.0", new Fakes.ToyFamily("1.0.0"),
                Set.of(Capability.DIFFERENTIABLE));

        JobInfo requeued = m.await("job-000003", WAIT).get();
        assertEquals(JobState.SUCCEEDED, requeued.state(), requeued.error());
        assertEquals(List.of("QUEUED", "RUNNING", "progress", "epoch", "progress", "epoch", "progress", "epoch",
                "SUCCEEDED"), describe(m.events("job-000003")));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L),
                m.events("job-000003").stream().map(JobEvent::seq).collect(Collectors.toList()));
        JobInfo invalid = m.await("job-000004", WAIT).get();
        assertEquals(JobState.FAILED, invalid.state());
        assertEquals("spec: no longer valid: trainer.epochs: expected an integer in [0, 1000], got 'lots'",
                invalid.error());
        JobInfo waited = m.await("job-000006", WAIT).get();
        assertEquals(JobState.SUCCEEDED, waited.state(), "a plugin registered after the start is waited for: "
                + waited.error());
        assertEquals("job-000007", m.submit(Fakes.spec()).get().id());
    }

    @Test
    void aTornLastLineOfAnEventLogIsSkippedAndTheLogGoesOn() throws Exception {
        store(stored("job-000001", JobState.RUNNING, Fakes.spec(), ""));
        Path log = tmp.resolve("jobs/job-000001/events.jsonl");
        Files.write(log, "{\"seq\":2,\"time\":\"2026-01-01T00:00:02Z\",\"state\":\"RUN".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        store(stored("job-000002", JobState.SUCCEEDED, Fakes.spec(), ""));
        Files.write(tmp.resolve("jobs/job-000002/events.jsonl"), "{\"seq\":1,\"ti".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        JobManagerComponent m = manager();
        assertEquals(List.of("QUEUED"), describe(m.events("job-000002")));
        assertEquals(List.of("QUEUED", "RUNNING", "FAILED"), describe(m.events("job-000001")));
        assertEquals(List.of(0L, 1L, 2L), m.events("job-000001").stream().map(JobEvent::seq)
                .collect(Collectors.toList()), "the torn event's number is given again: it was never recorded");
        JobManagerComponent again = manager();
        assertEquals(m.events("job-000001"), again.events("job-000001"), "the line after the torn one reads back");
    }

    @Test
    void oldSingleFileRecordsAreReadAndTheirEventsBounded() throws Exception {
        JobInfo old = stored("job-000009", JobState.SUCCEEDED, Fakes.spec(), "");
        List<JobEvent> events = new ArrayList<>();
        events.add(new JobEvent(old.id(), 0, "2026-01-01T00:00:00Z", JobState.QUEUED, null));
        events.add(new JobEvent(old.id(), 1, "2026-01-01T00:00:01Z", JobState.RUNNING, null));
        for (int i = 0; i < 3000; i++) {
            events.add(new JobEvent(old.id(), 2 + i, "2026-01-01T00:00:02Z", JobState.RUNNING,
                    new TrainingEvent.Progress(1, 1, i + 1, 3000, 0.25)));
        }
        events.add(new JobEvent(old.id(), 3002, "2026-01-01T00:00:03Z", JobState.RUNNING,
                new TrainingEvent.EpochEnd(1, 0.25, 0.5, Map.of())));
        events.add(new JobEvent(old.id(), 3003, "2026-01-01T00:00:04Z", JobState.SUCCEEDED, null));
        Path file = tmp.resolve("jobs/job-000009/job.json");
        Files.createDirectories(file.getParent());
        Files.write(file, JobCodec.write(old, events));

        JobManagerComponent m = manager();
        assertEquals(old, m.job(old.id()).get());
        List<JobEvent> kept = m.events(old.id());
        assertEquals(1000 + 4, kept.size(), "the latest 1000 progress events and every other event");
        assertEquals(events.subList(0, 2), kept.subList(0, 2));
        assertEquals(events.subList(2002, 3004), kept.subList(2, 1004));
        assertEquals(List.of("job.json"), Files.list(file.getParent()).map(p -> p.getFileName().toString())
                .collect(Collectors.toList()), "an ended old record is left as it is");
    }
}
