package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Problem;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.engram.kernel.Page;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded job queue, and pages of jobs and events. */
class JobQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private JobManagerComponent m;

    @AfterEach
    void stop() {
        if (m != null) {
            m.deactivate();
        }
    }

    private String startBlocking() throws InterruptedException {
        Map<String, String> blocking = Fakes.spec();
        blocking.put("trainer.mode", "block");
        String id = m.submit(blocking).get().id();
        CountDownLatch waiting = new CountDownLatch(1);
        m.subscribe(id, e -> {
            if (e.event() instanceof TrainingEvent.Message) {
                waiting.countDown();
            }
        });
        assertTrue(waiting.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        return id;
    }

    private List<String> dirs() throws Exception {
        try (Stream<Path> files = Files.list(tmp.resolve("jobs"))) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFullQueueRefusesWithOneProblemAndRecordsNothing() throws Exception {
        m = new JobManagerComponent(Fakes.table(), Fakes.config(tmp.resolve("jobs"), 1, 2, 1000, 0, 0),
                new FakeCheckpoints(), List.of(new BundleRef("io.engram.api", "0.1.0")));
        String running = startBlocking();
        String b = m.submit(Fakes.spec()).get().id();
        String c = m.submit(Fakes.spec()).get().id();

        Validation<Seq<Problem>, JobInfo> refused = m.submit(Fakes.spec());
        assertEquals(List.of(new Problem(JobManager.QUEUE_FULL, "the job queue is full: 2 jobs already wait to run "
                + "(jobs.queue.capacity); submit again once some have started")), refused.getError().toJavaList());
        assertEquals(List.of(c, b, running), m.jobs().stream().map(JobInfo::id).collect(Collectors.toList()));
        assertEquals(List.of("job-000001", "job-000002", "job-000003"), dirs(), "nothing recorded for the refused job");

        Map<String, String> wrong = Fakes.spec();
        wrong.put("trainer.epochs", "lots");
        assertEquals(List.of("trainer.epochs: expected an integer in [0, 1000], got 'lots'"),
                m.submit(wrong).getError().map(Problem::toString).toJavaList(), "the spec's problems come first");

        assertTrue(m.cancel(b));
        String d = m.submit(Fakes.spec()).get().id();
        assertEquals("job-000004", d, "a cancelled queued job frees its place; the refused one took no id");
        assertEquals(List.of(JobManager.QUEUE_FULL), m.submit(Fakes.spec()).getError().map(Problem::where).toJavaList());

        assertTrue(m.cancel(running));
        assertEquals(JobState.SUCCEEDED, m.await(c, WAIT).get().state());
        assertEquals(JobState.SUCCEEDED, m.await(d, WAIT).get().state());
        assertEquals(JobState.SUCCEEDED, m.await(m.submit(Fakes.spec()).get().id(), WAIT).get().state(),
                "jobs that started and ended left the queue");
    }

    @Test
    void jobsAndEventsComeInPages() throws Exception {
        m = new JobManagerComponent(Fakes.table(), Fakes.config(tmp.resolve("jobs"), 1, 64, 1000, 0, 0),
                new FakeCheckpoints(), List.of(new BundleRef("io.engram.api", "0.1.0")));
        for (int i = 0; i < 5; i++) {
            m.await(m.submit(Fakes.spec()).get().id(), WAIT);
        }
        Page<JobInfo> first = m.jobs(0, 2);
        assertEquals(List.of("job-000005", "job-000004"), first.items().stream().map(JobInfo::id).collect(Collectors.toList()));
        assertEquals(5, first.total());
        assertTrue(first.more());
        Page<JobInfo> last = m.jobs(4, 2);
        assertEquals(List.of("job-000001"), last.items().stream().map(JobInfo::id).collect(Collectors.toList()));
        assertFalse(last.more());
        assertEquals(List.of(), m.jobs(9, 3).items());
        assertEquals(5, m.jobs(9, 3).total());

        List<JobEvent> all = m.events("job-000003");
        assertEquals(9, all.size());
        assertEquals(all.subList(0, 4), m.events("job-000003", -1, 4));
        assertEquals(all.subList(4, 8), m.events("job-000003", 3, 4));
        assertEquals(all.subList(8, 9), m.events("job-000003", 7, 4));
        assertEquals(List.of(), m.events("job-000003", 8, 4));
        assertEquals(List.of(), m.events("job-000003", -1, 0));
        assertEquals(List.of(), m.events("job-999999", -1, 10));
    }
}
