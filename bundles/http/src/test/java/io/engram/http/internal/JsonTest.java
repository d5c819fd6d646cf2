package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void aJobShowsWhatItRanOn() {
        JobInfo info = new JobInfo("job-000001", "a", JobState.SUCCEEDED, "lstm@1.0.0", "bptt@1.0.0",
                "grammar@1.0.0", "cpu", "t0", "t1", "t2", Map.of("loss", 0.5), "", "", Map.of("seed", "1"),
                Map.of("backend.blas.library", "OpenBLAS 0.3.31 (bundled)", "backend.threads", "2"));
        JsonNode job = Json.job(info);
        assertEquals("OpenBLAS 0.3.31 (bundled)", job.get("environment").get("backend.blas.library").asText());
        assertEquals("2", job.get("environment").get("backend.threads").asText());
        assertEquals(2, job.get("environment").size());
    }
}
