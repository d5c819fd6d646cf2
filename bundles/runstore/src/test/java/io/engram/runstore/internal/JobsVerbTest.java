package io.engram.runstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Problem;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.engram.kernel.MetricPoint;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsVerbTest {

    @TempDir
    Path tmp;

    static final JobInfo DONE = new JobInfo("job-000002", "xor", JobState.SUCCEEDED, "lstm@0.2.0", "bptt@0.2.0",
            "xor@0.2.0", "cpu", "2026-12-07T22:30:01Z", "2026-12-07T22:30:02Z", "2026-12-07T22:30:09Z",
            Map.of("loss", 0.0125), "", "/e/data/models/xor.ckpt", Map.of());
    static final JobInfo QUEUED = new JobInfo("job-000003", "copy", JobState.QUEUED, "gru@0.2.0", "bptt@0.2.0",
            "copy@0.2.0", "cpu", "2026-12-07T22:31:00Z", "", "", Map.of(), "", "", Map.of());

    /** A job manager holding two jobs, one with metrics. */
    static final class Jobs implements JobManager {
        @Override
        public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<JobInfo> jobs() {
            return List.of(QUEUED, DONE);
        }

        @Override
        public Optional<JobInfo> job(String id) {
            return jobs().stream().filter(j -> j.id().equals(id)).findFirst();
        }

        @Override
        public boolean cancel(String id) {
            return false;
        }

        @Override
        public List<JobEvent> events(String id) {
            return List.of();
        }

        @Override
        public List<MetricPoint> metrics(String id) {
            return id.equals(DONE.id()) ? MetricFilesTest.series() : List.of();
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

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new JobsVerb(new Jobs()).apply(Map.of("args", List.of(args), "out", new PrintStream(out, true, StandardCharsets.UTF_8),
                "err", new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void listsTheJobsNewestFirst() {
        assertEquals(0, run());
        assertEquals("""
                ID          STATE      NAME  FAMILY      SUBMITTED             LOSS
                job-000003  QUEUED     copy  gru@0.2.0   2026-12-07T22:31:00Z  -
                job-000002  SUCCEEDED  xor   lstm@0.2.0  2026-12-07T22:30:01Z  0.0125
                """, out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, run("--limit=1"));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("(1 of 2 jobs; --limit=N shows more)\n"), out.toString());
    }

    @Test
    void showsTheRecordWithItsFinalMetricsBySplit() {
        assertEquals(0, run("show", "job-000002"));
        String shown = out.toString(StandardCharsets.UTF_8);
        List<MetricPoint> s = MetricFilesTest.series();
        MetricPoint trainLoss = s.get(33);
        assertEquals("train", trainLoss.split());
        assertTrue(shown.startsWith("job-000002  xor  SUCCEEDED\n  family       lstm@0.2.0\n"), shown);
        assertEquals(List.of("1", "0.591919", "2.50000e-07", "NaN"), List.of(JobsVerb.number(1), JobsVerb.number(0.5919187),
                JobsVerb.number(2.5e-7), JobsVerb.number(Double.NaN)));
        assertTrue(shown.contains("final metrics (epoch 12):\n  train       loss " + JobsVerb.number(trainLoss.value()) + "\n"
                + "  validation  accuracy NaN loss " + JobsVerb.number(s.get(34).value()) + " (step 12)\n"
                + "  test        accuracy " + JobsVerb.number(s.get(35).value()) + "\n"), shown);
    }

    @Test
    void writesThePlotAndTheCsv() throws Exception {
        Path png = tmp.resolve("xor.png");
        Path csv = tmp.resolve("xor.csv");
        assertEquals(0, run("show", "job-000002", "--plot=" + png, "--csv=" + csv));
        assertEquals(MetricFiles.WIDTH, ImageIO.read(png.toFile()).getWidth());
        assertEquals(MetricFilesTest.series().size() + 1, Files.readAllLines(csv).size());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("wrote " + png + " (900x560)\n"), out.toString());
        out.reset();
        assertEquals(0, run("metrics", "job-000002"));
        assertEquals(Files.readString(csv), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownJobOrWordIsBadInput() {
        assertEquals(2, run("show", "job-000404"));
        assertEquals("engram jobs: no job job-000404 in the run store\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("shwo", "job-000002"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("engram jobs: unknown arguments shwo job-000002\nusage:"));
        err.reset();
        assertEquals(1, run("show", "job-000003", "--plot=" + tmp.resolve("none.png")));
        assertEquals("engram jobs: job-000003 has no metrics yet; no plot written\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(!Files.exists(tmp.resolve("none.png")));
    }
}
