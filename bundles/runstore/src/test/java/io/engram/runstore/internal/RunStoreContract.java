package io.engram.runstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import io.engram.kernel.spi.RunStore;
import io.engram.kernel.spi.StoredJob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every database the run store runs on must do; each subclass opens one. */
abstract class RunStoreContract {

    /** A store over an empty database. */
    abstract RunStore store();

    static JobInfo info(String id, JobState state) {
        return new JobInfo(id, "name of " + id, state, "toy@1.0.0", "sgd@1.0.0", "copy@1.0.0", "cpu",
                "2026-12-07T10:00:00Z", "", "", Map.of("loss", 0.25), "", "", Map.of("seed", "7", "job.name", id),
                Map.of("backend.threads", "2"));
    }

    static JobEvent state(String id, long seq, JobState state) {
        return new JobEvent(id, seq, "2026-12-07T10:00:0" + (seq % 10) + "Z", state, null);
    }

    @Test
    void idsAreUniqueAndRise() throws IOException {
        RunStore s = store();
        Set<String> ids = new HashSet<>();
        String last = "";
        for (int i = 0; i < 20; i++) {
            String id = s.nextId();
            assertTrue(id.matches("job-\\d{6,}"), id);
            assertTrue(id.compareTo(last) > 0, id + " after " + last);
            ids.add(id);
            last = id;
        }
        assertEquals(20, ids.size());
        s.reserveIds(500);
        assertEquals("job-000501", s.nextId());
        s.reserveIds(3);
        assertEquals("job-000502", s.nextId(), "reserving below the count changes nothing");
    }

    @Test
    void aRecordReadsBackAsWritten() throws IOException {
        RunStore s = store();
        String id = s.nextId();
        JobInfo queued = info(id, JobState.QUEUED);
        s.create(queued, "host/1/2", List.of(state(id, 0, JobState.QUEUED)), List.of());
        assertEquals(queued, s.job(id).orElseThrow());
        assertEquals(List.of(new StoredJob(queued, "host/1/2")), s.unfinished());

        List<JobEvent> events = new ArrayList<>();
        events.add(state(id, 1, JobState.RUNNING));
        events.add(new JobEvent(id, 5, "2026-12-07T10:00:05Z", JobState.RUNNING,
                new TrainingEvent.EpochEnd(0, 0.5, Double.NaN, Map.of("test.accuracy", 0.75))));
        events.add(new JobEvent(id, 7, "2026-12-07T10:00:07Z", JobState.RUNNING,
                new TrainingEvent.Progress(1, 2, 3, 4, 0.125)));
        s.append(id, events);
        s.append(id, List.of(events.get(2)));
        s.appendMetrics(id, List.of(new MetricPoint(1, 0, "train", "loss", 0.5),
                new MetricPoint(1, 0, "test", "accuracy", 0.75), new MetricPoint(2, 1, "validation", "loss", Double.NaN)));
        JobInfo done = new JobInfo(id, "renamed", JobState.SUCCEEDED, "toy@1.0.0", "sgd@1.0.0", "copy@1.0.0", "cpu",
                queued.submittedAt(), "2026-12-07T10:00:01Z", "2026-12-07T10:00:09Z", Map.of("loss", 0.5), "", "/m/x.ckpt",
                queued.spec(), queued.environment());
        s.save(done);

        assertEquals(done, s.job(id).orElseThrow());
        assertEquals(List.of(), s.unfinished());
        List<JobEvent> all = s.events(id, -1, 100);
        assertEquals(List.of(0L, 1L, 5L, 7L), all.stream().map(JobEvent::seq).toList(), "one copy of an event given twice");
        assertEquals(events.get(1).event().toString(), all.get(2).event().toString());
        assertEquals(List.of(5L), s.events(id, 1, 1).stream().map(JobEvent::seq).toList());
        assertEquals(List.of(), s.events(id, 7, 10));
        List<MetricPoint> m = s.metrics(id);
        assertEquals(3, m.size(), m.toString());
        assertEquals(new MetricPoint(1, 0, "test", "accuracy", 0.75), m.get(0));
        assertEquals(new MetricPoint(1, 0, "train", "loss", 0.5), m.get(1));
        assertTrue(Double.isNaN(m.get(2).value()), "NaN is kept: " + m.get(2));
        assertEquals(List.of(), s.metrics("job-999999"));
    }

    @Test
    void aPointGivenAgainReplacesTheOldOne() throws IOException {
        RunStore s = store();
        String id = s.nextId();
        s.create(info(id, JobState.RUNNING), "", List.of(), List.of(new MetricPoint(1, 0, "train", "loss", 0.9)));
        s.appendMetrics(id, List.of(new MetricPoint(1, 0, "train", "loss", 0.4)));
        assertEquals(List.of(new MetricPoint(1, 0, "train", "loss", 0.4)), s.metrics(id));
    }

    @Test
    void pagesListNewestFirstWithTheTotal() throws IOException {
        RunStore s = store();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = s.nextId();
            s.create(info(id, JobState.SUCCEEDED), "", List.of(), List.of());
            ids.add(0, id);
        }
        Page<JobInfo> page = s.jobs(1, 2);
        assertEquals(5, page.total());
        assertEquals(ids.subList(1, 3), page.items().stream().map(JobInfo::id).toList());
        assertEquals(List.of(), s.jobs(5, 10).items());
        assertEquals(ids, s.jobs(0, 100).items().stream().map(JobInfo::id).toList());
    }

    @Test
    void aJobIsClaimedByOneProcessOnly() throws IOException {
        RunStore s = store();
        String id = s.nextId();
        s.create(info(id, JobState.RUNNING), "host/10/1", List.of(), List.of());
        assertTrue(s.claim(id, "host/10/1", "host/11/1"));
        assertFalse(s.claim(id, "host/10/1", "host/12/1"), "the first claim took it");
        assertEquals("host/11/1", s.unfinished().get(0).owner());
    }

    @Test
    void aDuplicateIdChangesNothingAndSaysWhy() throws IOException {
        RunStore s = store();
        String id = s.nextId();
        JobInfo first = info(id, JobState.QUEUED);
        s.create(first, "", List.of(state(id, 0, JobState.QUEUED)), List.of());
        IOException e = assertThrows(IOException.class, () -> s.create(info(id, JobState.RUNNING), "",
                List.of(state(id, 1, JobState.RUNNING)), List.of(new MetricPoint(1, 0, "train", "loss", 1))));
        assertTrue(e.getMessage().startsWith("cannot write " + id + " in the run store "), e.getMessage());
        assertEquals(first, s.job(id).orElseThrow());
        assertEquals(1, s.events(id, -1, 10).size(), "the failed create wrote no event");
        assertEquals(List.of(), s.metrics(id));
        IOException missing = assertThrows(IOException.class, () -> s.save(info("job-424242", JobState.RUNNING)));
        assertTrue(missing.getMessage().endsWith(": no such job"), missing.getMessage());
        s.delete(id);
        assertFalse(s.job(id).isPresent());
        assertEquals(List.of(), s.events(id, -1, 10));
        assertNotEquals(id, s.nextId());
    }
}
