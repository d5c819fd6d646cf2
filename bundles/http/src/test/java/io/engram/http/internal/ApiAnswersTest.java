package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Problem;
import io.engram.kernel.JobManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages of jobs and events, and the answers to a full queue, an unavailable store and a failing service. */
class ApiAnswersTest {
    private static final String TOKEN = "t0ken";
    private static final String SPEC = "{\"model.family\":\"lstm\",\"data.app\":\"grammar\"}";

    private FakeJobManager jobs;
    private Api api;

    @BeforeEach
    void setUp() {
        jobs = new FakeJobManager();
        api = new Api(new FakePluginRegistry(List.of()), jobs, new FakeJobSpecs(),
                Access.loopback(BearerToken.of(TOKEN)), 4096);
    }

    private ApiResponse get(String path) {
        return api.handle(ApiTest.request("GET", path, Map.of(), new byte[0]));
    }

    private ApiResponse post() {
        return api.handle(ApiTest.request("POST", "/jobs", Map.of("Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/json"), SPEC.getBytes(StandardCharsets.UTF_8)));
    }

    private void submit(int n) {
        for (int i = 0; i < n; i++) {
            jobs.submit(Map.of("model.family", "lstm", "data.app", "grammar"));
        }
    }

    @Test
    void jobsComeInPagesWithTotalAndNextLink() {
        submit(120);
        ApiResponse first = get("/jobs");
        assertEquals(200, first.status());
        assertEquals(50, first.body().size());
        assertEquals("job-120", first.body().get(0).get("id").asText());
        assertEquals("120", first.headers().get("X-Total-Count"));
        assertEquals("</api/jobs?offset=50&limit=50>; rel=\"next\"", first.headers().get("Link"));
        ApiResponse middle = get("/jobs?offset=50&limit=50");
        assertEquals("job-70", middle.body().get(0).get("id").asText());
        assertEquals("</api/jobs?offset=100&limit=50>; rel=\"next\"", middle.headers().get("Link"));
        ApiResponse last = get("/jobs?offset=100&limit=50");
        assertEquals(20, last.body().size());
        assertEquals("job-1", last.body().get(19).get("id").asText());
        assertNull(last.headers().get("Link"));
        ApiResponse beyond = get("/jobs?offset=500");
        assertEquals(0, beyond.body().size());
        assertEquals("120", beyond.headers().get("X-Total-Count"));
        assertEquals(120, get("/jobs?limit=500").body().size());
        assertEquals("job-118", get("/jobs?offset=2&limit=1").body().get(0).get("id").asText());
    }

    @Test
    void badPagingValuesNameTheParameter() {
        Map<String, String> cases = Map.of(
                "/jobs?limit=0", "limit: expected an integer in [1, 500], got '0'",
                "/jobs?limit=501", "limit: expected an integer in [1, 500], got '501'",
                "/jobs?limit=ten", "limit: expected an integer in [1, 500], got 'ten'",
                "/jobs?offset=-1", "offset: expected an integer >= 0, got '-1'",
                "/jobs?offset=99999999999", "offset: expected an integer >= 0, got '99999999999'",
                "/jobs/job-1/events?limit=10001", "limit: expected an integer in [1, 10000], got '10001'",
                "/jobs/job-1/events?after=-2", "after: expected an integer >= -1, got '-2'",
                "/jobs/job-1/events?after=1.5", "after: expected an integer >= -1, got '1.5'");
        submit(1);
        cases.forEach((path, message) -> {
            ApiResponse r = get(path);
            assertEquals(400, r.status(), path);
            assertEquals(message, r.body().get("error").asText(), path);
        });
    }

    @Test
    void eventsComeInPagesAfterASequenceNumber() {
        submit(1);
        jobs.progress("job-1", 2500);
        ApiResponse first = get("/jobs/job-1/events");
        assertEquals(1000, first.body().size());
        assertEquals(0, first.body().get(0).get("seq").asLong());
        assertEquals("</api/jobs/job-1/events?after=999&limit=1000>; rel=\"next\"", first.headers().get("Link"));
        ApiResponse small = get("/jobs/job-1/events?after=2490&limit=3");
        assertEquals(3, small.body().size());
        assertEquals(2491, small.body().get(0).get("seq").asLong());
        assertEquals("</api/jobs/job-1/events?after=2493&limit=3>; rel=\"next\"", small.headers().get("Link"));
        ApiResponse tail = get("/jobs/job-1/events?after=2495&limit=10000");
        assertEquals(5, tail.body().size());
        assertNull(tail.headers().get("Link"));
        assertEquals(2501, get("/jobs/job-1/events?limit=10000").body().size());
        assertEquals(404, get("/jobs/job-2/events?after=3").status());
    }

    @Test
    void fullQueueIs429WithRetryAfter() {
        jobs.refuseWith(Problem.of(JobManager.QUEUE_FULL, "the job queue is full (64 jobs waiting); try again later"));
        ApiResponse r = post();
        assertEquals(429, r.status());
        assertEquals("5", r.headers().get("Retry-After"));
        assertEquals("{\"error\":\"the job queue is full (64 jobs waiting); try again later\",\"where\":\"job.queue\"}",
                r.body().toString());
        assertEquals(0, jobs.jobs().size());
    }

    @Test
    void unavailableStoreIs503() {
        jobs.refuseWith(Problem.of(JobManager.UNAVAILABLE, "cannot write the job record: No space left on device"));
        ApiResponse r = post();
        assertEquals(503, r.status());
        assertFalse(r.headers().containsKey("Retry-After"));
        assertEquals("{\"error\":\"cannot write the job record: No space left on device\",\"where\":\"job.store\"}",
                r.body().toString());
        jobs.refuseWith(null);
        assertEquals(201, post().status());
    }

    @Test
    void aThrowingJobManagerIs500NamingTheProblemWithoutStackTrace() {
        jobs.failWith(new UncheckedIOException("writing job-000007/job.json",
                new IOException("No space left on device")));
        ApiResponse submit = post();
        assertEquals(500, submit.status());
        assertEquals("{\"error\":\"internal error: writing job-000007/job.json: No space left on device\"}",
                submit.body().toString());
        ApiResponse list = get("/jobs");
        assertEquals(500, list.status());
        assertFalse(list.body().toString().contains("\tat "), list.body().toString());
        assertFalse(list.body().toString().contains("Exception"), list.body().toString());
        jobs.failWith(new IllegalStateException());
        assertEquals("{\"error\":\"internal error: IllegalStateException\"}", get("/jobs/job-1").body().toString());
    }

    @Test
    void describeJoinsTheCauseChainWithoutRepeats() {
        IOException io = new IOException("disk full");
        assertEquals("disk full", Api.describe(new UncheckedIOException(io)));
        assertEquals("a: disk full", Api.describe(new RuntimeException("a", io)));
        assertTrue(Api.describe(new RuntimeException((String) null)).equals("RuntimeException"));
    }
}
