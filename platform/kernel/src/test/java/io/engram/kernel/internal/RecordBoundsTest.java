package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long job's record stays small on disk and in memory, whatever its number of steps. */
class RecordBoundsTest {

    private static final Duration WAIT = Duration.ofMinutes(5);
    /** The bound this test holds a million-step record to, on disk: a quarter of a megabyte. */
    static final long DISK_BOUND = 256 * 1024;

    @TempDir
    Path tmp;

    /** Reports {@code trainer.steps} progress events per epoch and an epoch end after them; trains nothing. */
    static final class FloodTrainer implements Trainer {
        /** Heap in use (after a collection) when the last epoch has ended, while the job still runs. */
        volatile long heapAtEnd;
        /** Opened by a test once it is ready for the events (open unless a test replaces it). */
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public String id() {
            return "flood";
        }

        @Override
        public String description() {
            return "many steps, no training";
        }

        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.integer("epochs", 1, 1, 1000, "Epochs."),
                    HyperParameter.integer("steps", 1, 1, 10_000_000, "Progress events per epoch."));
        }

        @Override
        public Set<String> requires() {
            return Set.of(Capability.DIFFERENTIABLE);
        }

        @Override
        public TrainingResult train(TrainingContext ctx) {
            int epochs = ctx.hyper().getInt("epochs");
            int steps = ctx.hyper().getInt("steps");
            try {
                if (!gate.await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            for (int e = 1; e <= epochs; e++) {
                for (int b = 1; b <= steps; b++) {
                    ctx.emit(new TrainingEvent.Progress(e, epochs, b, steps, 1.0 / b));
                }
                ctx.emit(new TrainingEvent.EpochEnd(e, 1.0 / e, 2.0 / e, Map.of()));
            }
            heapAtEnd = usedHeap();
            return new TrainingResult(Map.of("loss", 1.0 / epochs), epochs, "", false);
        }
    }

    private final FloodTrainer flood = new FloodTrainer();

    private PluginTable table() {
        PluginTable table = Fakes.table();
        Fakes.add(table, PluginKind.TRAINER, "flood", "1.0.0", flood, Set.of(Capability.DIFFERENTIABLE));
        return table;
    }

    private JobManagerComponent manager(int recent) {
        return new JobManagerComponent(table(), Fakes.config(tmp.resolve("jobs"), 1, 64, recent, 0, 0),
                new FakeCheckpoints(), List.of(new BundleRef("io.engram.api", "0.1.0")));
    }

    private static Map<String, String> flood(int epochs, int steps) {
        Map<String, String> spec = Fakes.spec();
        spec.put("trainer", "flood");
        spec.put("trainer.epochs", Integer.toString(epochs));
        spec.put("trainer.steps", Integer.toString(steps));
        return spec;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long bytes(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void aMillionStepsKeepTheRecentProgressEveryEpochAndAFewHundredKilobytes() throws Exception {
        JobManagerComponent m = manager(1000);
        try {
            long before = usedHeap();
            AtomicLong live = new AtomicLong();
            flood.gate = new CountDownLatch(1);
            JobInfo queued = m.submit(flood(100, 10_000)).get();
            m.subscribe(queued.id(), e -> live.incrementAndGet());
            flood.gate.countDown();
            JobInfo info = m.await(queued.id(), WAIT).get();
            assertEquals(JobState.SUCCEEDED, info.state(), info.error());
            long heldAfter = usedHeap() - before;
            long heldRunning = flood.heapAtEnd - before;

            List<JobEvent> kept = m.events(info.id());
            assertEquals(1000 + 100 + 3, kept.size(), "the ring, every epoch end and the three states");
            assertEquals(new TrainingEvent.Progress(100, 100, 9001, 10_000, 1.0 / 9001), kept.get(2 + 99).event(),
                    "after the states and 99 epoch ends, the oldest progress kept is the thousandth from the end");
            assertEquals(1_000_000 + 100 + 3 - 1, kept.get(kept.size() - 1).seq(), "numbers count every event");
            for (int i = 1; i < kept.size(); i++) {
                assertTrue(kept.get(i).seq() > kept.get(i - 1).seq());
            }
            long disk = bytes(tmp.resolve("jobs").resolve(info.id()));
            System.out.printf("a million steps in 100 epochs: record %d bytes on disk, %d events kept; heap held "
                    + "at the last epoch end %.1f MB, after the job %.1f MB%n", disk, kept.size(), heldRunning / 1e6,
                    heldAfter / 1e6);
            assertTrue(disk < DISK_BOUND, disk + " bytes on disk");
            assertTrue(heldRunning < 32_000_000, heldRunning + " bytes of heap held by the running job");
            assertTrue(heldAfter < 32_000_000, heldAfter + " bytes of heap held after the job");

            JobManagerComponent reloaded = manager(1000);
            try {
                assertEquals(kept, reloaded.events(info.id()), "read back lazily, the same events");
                assertEquals(kept.subList(500, 510), reloaded.events(info.id(), kept.get(499).seq(), 10));
            } finally {
                reloaded.deactivate();
            }
            assertTrue(live.get() >= 1_000_000 + 100, "subscribers see every event live: " + live.get());
        } finally {
            m.deactivate();
        }
    }

    @Test
    void withNoRecentProgressKeptOnlyTheOtherEventsRemain() throws Exception {
        JobManagerComponent m = manager(0);
        try {
            JobInfo info = m.await(m.submit(flood(3, 50)).get().id(), WAIT).get();
            assertEquals(List.of("QUEUED", "RUNNING", "epoch", "epoch", "epoch", "SUCCEEDED"), m.events(info.id())
                    .stream().map(e -> e.event() == null ? e.state().name() : e.event().type()).toList());
            assertEquals(List.of(0L, 1L, 52L, 103L, 154L, 155L),
                    m.events(info.id()).stream().map(JobEvent::seq).toList(), "gaps where progress was dropped");
        } finally {
            m.deactivate();
        }
    }
}
