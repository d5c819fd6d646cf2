package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.MetricPoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job managers of several processes sharing one run store, as {@code engram run} beside {@code engram serve}. */
class SharedStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final MemoryRunStore store = new MemoryRunStore();
    private final List<JobManagerComponent> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(JobManagerComponent::deactivate);
    }

    private JobManagerComponent manager(String dir) {
        JobManagerComponent m = new JobManagerComponent(Fakes.table(), Fakes.config(tmp.resolve(dir), 1),
                new FakeCheckpoints(), List.of(new BundleRef("io.engram.api", "0.1.0")), Requeued.PLUGIN_WAIT, store);
        started.add(m);
        return m;
    }

    @Test
    void eachManagerSeesTheOthersJobsAndIdsNeverCollide() throws Exception {
        JobManagerComponent serve = manager("a");
        JobManagerComponent run = manager("b");
        String first = run.submit(Fakes.spec()).get().id();
        String second = serve.submit(Fakes.spec()).get().id();
        assertNotEquals(first, second);
        JobInfo done = run.await(first, WAIT).orElseThrow();
        assertEquals(JobState.SUCCEEDED, done.state(), done.error());
        serve.await(second, WAIT);

        assertEquals(List.of(second, first), serve.jobs().stream().map(JobInfo::id).toList(), "serve lists the job run started");
        assertEquals(done, serve.job(first).orElseThrow());
        assertEquals(JobState.SUCCEEDED, serve.await(first, WAIT).orElseThrow().state(), "awaited through the store");
        List<MetricPoint> series = serve.metrics(first);
        assertFalse(series.isEmpty());
        java.util.Comparator<MetricPoint> order = java.util.Comparator.comparingLong(MetricPoint::step)
                .thenComparing(MetricPoint::split).thenComparing(MetricPoint::name);
        assertEquals(Metrics.of(run.events(first)).stream().sorted(order).toList(), series,
                "the series as the epoch ends gave it, stored as points");
        assertEquals(run.events(first), serve.events(first));
        assertFalse(serve.cancel(first), "another process's job cannot be cancelled from here");
    }

    @Test
    void unfinishedJobsOfALiveProcessAreLeftToItAndThoseOfAGoneOneTakenOver() throws Exception {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        String[] self = Owners.self().split("/");
        String alive = self[0] + "/" + parent.pid() + "/"
                + parent.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String dead = self[0] + "/" + gone.pid() + "/1";
        JobInfo running = JobStoreTestInfos.running("job-000001");
        JobInfo orphan = JobStoreTestInfos.running("job-000002");
        store.create(running, alive, List.of(), List.of());
        store.create(orphan, dead, List.of(), List.of());
        store.reserveIds(2);

        JobManagerComponent m = manager("c");
        assertEquals(JobState.RUNNING, m.job("job-000001").orElseThrow().state(), "left to its live owner");
        assertEquals(alive, store.owner("job-000001"));
        JobInfo failed = m.job("job-000002").orElseThrow();
        assertEquals(JobState.FAILED, failed.state());
        assertTrue(failed.error().startsWith(JobManagerComponent.INTERRUPTED), failed.error());
        assertEquals(Owners.self(), store.owner("job-000002"));
        assertEquals("job-000003", m.submit(Fakes.spec()).get().id());
    }

    /** Infos of jobs that a process left running. */
    static final class JobStoreTestInfos {
        static JobInfo running(String id) {
            return new JobInfo(id, id, JobState.RUNNING, "toy@1.5.0", "toy@1.0.0", "toy@1.0.0", "cpu",
                    "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", "", Map.of(), "", "", Fakes.spec());
        }
    }
}
