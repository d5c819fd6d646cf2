package io.engram.runstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.internal.JobCodec;
import io.engram.kernel.internal.JobFiles;
import io.engram.kernel.internal.LegacyImport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of data/jobs as the job manager wrote them before the run store (job.json and
 * events.jsonl, and the older single job.json with its events inside), written here by that code
 * path ({@link JobFiles}, {@link JobCodec}), brought into an H2 run store.
 */
class LegacyImportTest {

    @TempDir
    Path tmp;

    private RunStoreComponent store;

    @AfterEach
    void close() {
        if (store != null) {
            store.deactivate();
        }
    }

    static JobInfo info(String id, JobState state) {
        return new JobInfo(id, "old " + id, state, "lstm@0.1.0", "bptt@0.1.0", "xor@0.1.0", "cpu", "2026-11-01T10:00:00Z",
                "2026-11-01T10:00:01Z", state.terminal() ? "2026-11-01T10:00:09Z" : "", Map.of("loss", 0.5), "", "",
                Map.of("seed", "1"));
    }

    static List<JobEvent> events(String id, int epochs) {
        List<JobEvent> out = new ArrayList<>();
        long seq = 0;
        out.add(new JobEvent(id, seq++, "2026-11-01T10:00:00Z", JobState.QUEUED, null));
        out.add(new JobEvent(id, seq++, "2026-11-01T10:00:01Z", JobState.RUNNING, null));
        for (int e = 0; e < epochs; e++) {
            out.add(new JobEvent(id, seq++, "2026-11-01T10:00:02Z", JobState.RUNNING,
                    new TrainingEvent.Progress(e, epochs, 1, 1, 0.9 / (e + 1))));
            out.add(new JobEvent(id, seq++, "2026-11-01T10:00:03Z", JobState.RUNNING,
                    new TrainingEvent.EpochEnd(e, 1.0 / (e + 1), 1.1 / (e + 1), Map.of("test.accuracy", 0.5 + e / 10.0))));
        }
        out.add(new JobEvent(id, seq, "2026-11-01T10:00:09Z", JobState.SUCCEEDED, null));
        return out;
    }

    @Test
    void oldRecordsArriveOnceWithTheirEventsMetricsAndIds() throws Exception {
        Path dir = tmp.resolve("data/jobs");
        JobFiles files = new JobFiles(dir);
        files.saveInfo(info("job-000004", JobState.SUCCEEDED));
        files.append("job-000004", events("job-000004", 3));
        files.saveInfo(info("job-000009", JobState.QUEUED));
        files.append("job-000009", events("job-000009", 0).subList(0, 1));
        Path single = dir.resolve("job-000002/job.json");
        Files.createDirectories(single.getParent());
        Files.write(single, JobCodec.write(info("job-000002", JobState.SUCCEEDED), events("job-000002", 2)));
        Files.createDirectories(dir.resolve("job-000005"));
        Files.writeString(dir.resolve("job-000005/job.json"), "{\"info\": ");

        store = new RunStoreComponent(H2RunStoreTest.config("", tmp.resolve("data").toString()));
        LegacyImport first = LegacyImport.run(dir, store, 1000);
        assertEquals(3, first.imported());
        assertEquals(0, first.skipped());
        assertEquals(List.of("job-000009", "job-000004", "job-000002"),
                store.jobs(0, 10).items().stream().map(JobInfo::id).toList());
        assertEquals(info("job-000004", JobState.SUCCEEDED), store.job("job-000004").orElseThrow());
        assertEquals(events("job-000004", 3).size(), store.events("job-000004", -1, 100).size());
        assertEquals(events("job-000002", 2).size(), store.events("job-000002", -1, 100).size(), "the single-file record's events");
        List<MetricPoint> m = store.metrics("job-000004");
        assertEquals(9, m.size(), m.toString());
        assertTrue(m.contains(new MetricPoint(3, 2, "train", "loss", 1.0 / 3)), m.toString());
        assertTrue(m.contains(new MetricPoint(2, 1, "test", "accuracy", 0.6)), m.toString());
        assertEquals("job-000009", store.unfinished().get(0).info().id());
        assertEquals("", store.unfinished().get(0).owner(), "an imported job has no owner: the next job manager takes it");
        assertEquals("job-000010", store.nextId(), "new ids number above the imported ones");

        LegacyImport again = LegacyImport.run(dir, store, 1000);
        assertEquals(0, again.imported());
        assertEquals(3, again.skipped());
        assertEquals(3, store.jobs(0, 10).total() - 0, "nothing imported twice");
        assertTrue(Files.isRegularFile(dir.resolve("job-000004/events.jsonl")), "the files are left as they were");
    }
}
