package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Availability;
import io.engram.train.CheckpointFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a job's run ends whatever it throws, and what it writes while it trains. */
class JobRunTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MAX_HEAP = "the JVM's max heap is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB";

    @TempDir
    Path tmp;

    private final List<JobManagerComponent> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(JobManagerComponent::deactivate);
    }

    private JobManagerComponent manager(PluginTable table, int everyEpochs) {
        return manager(table, everyEpochs, new TrainCheckpoints());
    }

    private JobManagerComponent manager(PluginTable table, int everyEpochs, Checkpoints checkpoints) {
        JobManagerComponent m = new JobManagerComponent(table, Fakes.config(tmp.resolve("data/jobs"), 1, 64, 1000,
                everyEpochs, 0), checkpoints, List.of(new BundleRef("io.engram.kernel", "0.1.0")));
        started.add(m);
        return m;
    }

    /** The fakes' table with the metered backend {@code analog}, which describes itself as BLAS "fake" 1.2. */
    private static PluginTable table(Fakes.MeteredBackend analog) {
        PluginTable table = Fakes.table();
        Fakes.add(table, PluginKind.BACKEND, "analog", "1.0.0", analog, Set.of());
        return table;
    }

    private static Fakes.MeteredBackend describedBackend() {
        return new Fakes.MeteredBackend("analog") {
            @Override
            public Map<String, String> describe() {
                return Map.of("blas.library", "fake", "blas.version", "1.2");
            }
        };
    }

    private static JobInfo run(JobManagerComponent m, Map<String, String> spec) throws InterruptedException {
        return m.await(m.submit(spec).get().id(), WAIT).get();
    }

    private static Map<String, String> spec(String key, String value) {
        Map<String, String> spec = Fakes.spec();
        spec.put("backend", "analog");
        spec.put(key, value);
        return spec;
    }

    @Test
    void everyErrorEndsItsJobFailedWithTheReasonAndTheNextJobStillRuns() throws Exception {
        Fakes.MeteredBackend analog = describedBackend();
        JobManagerComponent m = manager(table(analog), 0);

        JobInfo oom = run(m, spec("trainer.mode", "oom"));
        assertEquals(JobState.FAILED, oom.state());
        assertEquals("out of memory: Java heap space (" + MAX_HEAP + "; give it more with -Xmx, for example "
                + "ENGRAM_OPTS=-Xmx4g, or make the job smaller)", oom.error());
        assertEquals(0.0, oom.metrics().get("backend.ops"), "the meter is read after the error too");

        JobInfo rethrown = run(m, spec("data.fail", "oom"));
        assertEquals(JobState.FAILED, rethrown.state(), "Vavr's Try rethrows the error; the job still ends");
        assertTrue(rethrown.error().startsWith("out of memory: Java heap space (" + MAX_HEAP), rethrown.error());

        JobInfo deep = run(m, spec("trainer.mode", "stack"));
        assertEquals(JobState.FAILED, deep.state());
        assertEquals("stack overflow: the computation nested deeper than the job thread's stack allows "
                + "(StackOverflowError)", deep.error());

        JobInfo next = run(m, spec("trainer.mode", "normal"));
        assertEquals(JobState.SUCCEEDED, next.state(), next.error());
        assertEquals(3.0, next.metrics().get("epoch"));
        assertEquals(List.of("engram-job-1", "engram-job-1", "engram-job-1", "engram-job-1"), analog.releasedOn,
                "the backend is released once per job, on the one job thread, which survived every error");
        for (JobInfo failed : List.of(oom, rethrown, deep)) {
            List<JobEvent> events = m.events(failed.id());
            assertEquals(JobState.FAILED, events.get(events.size() - 1).state());
            assertTrue(m.cancel(failed.id()) == false, "an ended job cannot be cancelled");
        }
    }

    @Test
    void theBackendsDescriptionIsTheJobsEnvironmentAndTheCheckpointsProvenance() throws Exception {
        FakeCheckpoints written = new FakeCheckpoints();
        JobManagerComponent m = manager(table(describedBackend()), 0, written);
        JobInfo info = run(m, spec("checkpoint", "env.ckpt"));
        assertEquals(JobState.SUCCEEDED, info.state(), info.error());
        Map<String, String> expected = Map.of("backend.blas.library", "fake", "backend.blas.version", "1.2");
        assertEquals(expected, info.environment());
        assertEquals(expected, written.written.get(Path.of(info.checkpoint())).metadata().provenance().environment(),
                "the provenance handed to the checkpoint writer");

        JobManagerComponent reloaded = manager(table(describedBackend()), 0);
        assertEquals(expected, reloaded.job(info.id()).get().environment(), "the record keeps it");
    }

    @Test
    void aJobThatFailsAfterThreeEpochsLeavesTheCheckpointOfEpochThreeNamedInItsRecord() throws Exception {
        JobManagerComponent m = manager(table(describedBackend()), 1);
        JobInfo info = run(m, spec("trainer.mode", "throw3"));
        assertEquals(JobState.FAILED, info.state());
        assertEquals("trainer exploded after epoch 3", info.error());
        Path file = tmp.resolve("data/jobs").resolve(info.id()).resolve("last.ckpt");
        assertEquals(file.toString(), info.checkpoint());

        List<String> notes = m.events(info.id()).stream().filter(e -> e.event() instanceof TrainingEvent.Message)
                .map(e -> ((TrainingEvent.Message) e.event()).text()).collect(Collectors.toList());
        assertEquals(List.of(1, 2, 3).stream().map(n -> "checkpoint of epoch " + n + " written to " + file)
                .collect(Collectors.toList()), notes);

        CheckpointMetadata meta = CheckpointFile.readMetadata(file).get();
        assertEquals(42L, meta.provenance().seed());
        SplittableRandom r = new SplittableRandom(42);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = 0.5 * (r.nextDouble() - 0.5) + 3;
        }
        assertArrayEquals(expected, CheckpointFile.read(file, new ArrayOps()).get().tensors().get("w").toDoubleArray(),
                1e-6, "the weights after three epochs of +1");
    }

    @Test
    void periodicCheckpointsGoToTheSpecsPathAndTheFinalOneReplacesThem() throws Exception {
        JobManagerComponent m = manager(table(describedBackend()), 2);
        JobInfo info = run(m, spec("checkpoint", "periodic.ckpt"));
        assertEquals(JobState.SUCCEEDED, info.state(), info.error());
        assertEquals(tmp.resolve("data/models/periodic.ckpt").toString(), info.checkpoint());
        assertEquals(List.of("checkpoint of epoch 2 written to " + info.checkpoint()), m.events(info.id()).stream()
                .filter(e -> e.event() instanceof TrainingEvent.Message)
                .map(e -> ((TrainingEvent.Message) e.event()).text()).collect(Collectors.toList()),
                "every 2 epochs of 3: once, then the final checkpoint over it");
    }

    @Test
    void periodicCheckpointsAreDueByEpochsOrByTime() {
        PeriodicCheckpoints byEpochs = new PeriodicCheckpoints(3, 0);
        List<Integer> due = new ArrayList<>();
        for (int e = 1; e <= 10; e++) {
            if (byEpochs.due(e)) {
                due.add(e);
            }
        }
        assertEquals(List.of(3, 6, 9), due);
        PeriodicCheckpoints off = new PeriodicCheckpoints(0, 0);
        assertTrue(!off.due(1) && !off.due(100));
        PeriodicCheckpoints byTime = new PeriodicCheckpoints(0, 5);
        assertTrue(!byTime.due(1), "five minutes have not passed");
    }
}
