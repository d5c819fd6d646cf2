package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.api.Schema;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /jobs/{id}/stream} (server-sent events) and {@code GET /jobs/{id}/metrics}. */
class JobStreamTest {
    private static final String TOKEN = "s3cret-token";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SPEC = "{\"model.family\":\"lstm\",\"data.app\":\"grammar\"}";

    private FakeJobManager jobs;
    private Api api;

    /** Collects what a stream writes; fails every write once {@link #broken} is set. */
    static final class Recorder implements JobStream.Sink {
        final StringBuilder text = new StringBuilder();
        int ends;
        boolean broken;

        @Override
        public void write(String t) throws IOException {
            if (broken) {
                throw new IOException("connection reset");
            }
            text.append(t);
        }

        @Override
        public void end() {
            ends++;
        }

        /** The frames written, each as its field lines (id, event, data), comments and retry left out. */
        List<Map<String, String>> frames() {
            List<Map<String, String>> out = new ArrayList<>();
            for (String block : text.toString().split("\n\n")) {
                Map<String, String> f = new HashMap<>();
                for (String line : block.split("\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && !line.startsWith("retry")) {
                        f.put(line.substring(0, colon), line.substring(colon + 1).strip());
                    }
                }
                if (f.containsKey("event")) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    @BeforeEach
    void setUp() {
        jobs = new FakeJobManager();
        api = api(false);
    }

    private Api api(boolean readsNeedToken) {
        FakePluginRegistry registry = new FakePluginRegistry(List.of(new PluginInfo("lstm", PluginKind.FAMILY,
                "1.2.0", "io.engram.family.lstm", 7, Set.of(), true, "", "Long short-term memory", Schema.empty())));
        return new Api(registry, jobs, new FakeJobSpecs(), new Access(BearerToken.of(TOKEN), readsNeedToken,
                HostCheck.of("127.0.0.1", List.of()), CorsPolicy.closed()), 4096);
    }

    private String submit() {
        ApiResponse r = api.handle(ApiTest.request("POST", "/jobs", Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + TOKEN), SPEC.getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, r.status(), String.valueOf(r.body()));
        return r.body().get("id").asText();
    }

    private ApiResponse get(String path, Map<String, String> headers) {
        return api.handle(ApiTest.request("GET", path, headers, new byte[0]));
    }

    private JobStream stream(String path, Map<String, String> headers) {
        ApiResponse r = get(path, headers);
        assertEquals(200, r.status(), String.valueOf(r.body()));
        assertNull(r.body());
        return assertInstanceOf(ApiResponse.Events.class, r.other()).stream();
    }

    private static JsonNode json(String data) throws IOException {
        return MAPPER.readTree(data);
    }

    private static TrainingEvent.EpochEnd epoch(int epoch, double train, double validation) {
        return new TrainingEvent.EpochEnd(epoch, train, validation, Map.of("accuracy", 0.5 + epoch / 10.0,
                "test.accuracy", 0.25));
    }

    @Test
    void endedJobStreamsItsPastEventsThenEndAndCloses() throws IOException {
        String id = submit();
        jobs.progress(id, 2);
        jobs.epoch(id, epoch(0, 0.75, 0.5));
        jobs.end(id, JobState.SUCCEEDED, null);

        Recorder sink = new Recorder();
        JobStream s = stream("/jobs/" + id + "/stream", Map.of());
        s.start(sink);

        assertTrue(sink.text.toString().startsWith("retry: " + JobStream.RETRY_MS + "\n"), sink.text.toString());
        List<Map<String, String>> frames = sink.frames();
        assertEquals(List.of("state", "progress", "progress", "epoch", "state", "end"),
                frames.stream().map(f -> f.get("event")).toList());
        assertEquals(List.of("0", "1", "2", "3", "4"), frames.subList(0, 5).stream().map(f -> f.get("id")).toList());
        assertNull(frames.get(5).get("id"), "the end frame has no id, so Last-Event-ID stays on the last event");
        JsonNode ep = json(frames.get(3).get("data"));
        assertEquals(0.75, ep.get("trainLoss").asDouble());
        assertEquals(0.5, ep.get("validationLoss").asDouble());
        assertEquals(0.5, ep.get("metrics").get("accuracy").asDouble(), 1e-12);
        assertEquals(0.25, ep.get("metrics").get("test.accuracy").asDouble(), 1e-12);
        assertEquals("succeeded", json(frames.get(4).get("data")).get("state").asText());
        assertEquals("succeeded", json(frames.get(5).get("data")).get("state").asText());
        assertEquals(id, json(frames.get(5).get("data")).get("id").asText());
        assertEquals(1, sink.ends);
        assertTrue(s.closed());
        assertEquals(0, jobs.subscribers());
    }

    @Test
    void lastEventIdResumesAfterThatEvent() throws IOException {
        String id = submit();
        jobs.progress(id, 3);
        jobs.end(id, JobState.CANCELLED, null);

        Recorder sink = new Recorder();
        stream("/jobs/" + id + "/stream", Map.of("Last-Event-ID", "2")).start(sink);
        List<Map<String, String>> frames = sink.frames();
        assertEquals(List.of("3", "4"), frames.subList(0, 2).stream().map(f -> f.get("id")).toList());
        assertEquals("cancelled", json(frames.get(1).get("data")).get("state").asText());
        assertEquals("end", frames.get(2).get("event"));

        Recorder byQuery = new Recorder();
        stream("/jobs/" + id + "/stream?after=3", Map.of()).start(byQuery);
        assertEquals(List.of("state", "end"), byQuery.frames().stream().map(f -> f.get("event")).toList());

        Recorder seenAll = new Recorder();
        stream("/jobs/" + id + "/stream", Map.of("Last-Event-ID", "4")).start(seenAll);
        assertEquals(List.of("end"), seenAll.frames().stream().map(f -> f.get("event")).toList(),
                "a client that saw the terminal event gets only the end");
        assertEquals(1, seenAll.ends);
    }

    @Test
    void liveJobStreamsEachNewEventUntilItEnds() throws IOException {
        String id = submit();
        Recorder sink = new Recorder();
        JobStream s = stream("/jobs/" + id + "/stream", Map.of());
        s.start(sink);
        assertEquals(1, sink.frames().size(), "the queued state so far");
        assertEquals(1, jobs.subscribers());

        jobs.epoch(id, epoch(0, 0.9, 0.8));
        jobs.epoch(id, epoch(1, 0.7, 0.6));
        assertEquals(3, sink.frames().size());
        assertEquals(0.7, json(sink.frames().get(2).get("data")).get("trainLoss").asDouble());
        assertFalse(s.closed());
        s.heartbeat();
        assertTrue(sink.text.toString().endsWith(": keep-alive\n\n"));

        jobs.end(id, JobState.FAILED, new TrainingEvent.Stopped("loss is NaN", true));
        List<String> types = sink.frames().stream().map(f -> f.get("event")).toList();
        assertEquals(List.of("state", "epoch", "epoch", "stopped", "state", "end"), types);
        assertTrue(s.closed());
        assertEquals(1, sink.ends);
        assertEquals(0, jobs.subscribers());
    }

    @Test
    void aClientThatWentAwayIsUnsubscribed() {
        String id = submit();
        Recorder sink = new Recorder();
        JobStream s = stream("/jobs/" + id + "/stream", Map.of());
        s.start(sink);
        assertEquals(1, jobs.subscribers());
        sink.broken = true;
        jobs.progress(id, 1);
        assertTrue(s.closed());
        assertEquals(0, jobs.subscribers(), "a failed write closes the subscription");
        assertEquals(1, sink.ends);
        jobs.progress(id, 1);
        s.heartbeat();
        s.close();
        assertEquals(1, sink.ends, "ended once");

        Recorder quiet = new Recorder();
        JobStream idle = stream("/jobs/" + id + "/stream", Map.of());
        idle.start(quiet);
        assertEquals(1, jobs.subscribers());
        quiet.broken = true;
        idle.heartbeat();
        assertTrue(idle.closed(), "the heartbeat notices a client gone while the job is quiet");
        assertEquals(0, jobs.subscribers());

        JobStream closedByServer = stream("/jobs/" + id + "/stream", Map.of());
        closedByServer.start(new Recorder());
        assertEquals(1, jobs.subscribers());
        closedByServer.close();
        assertEquals(0, jobs.subscribers());
    }

    @Test
    void streamRefusesUnknownJobsBadIdsAndFollowsReadAccess() {
        assertEquals(404, get("/jobs/job-9/stream", Map.of()).status());
        String id = submit();
        ApiResponse bad = get("/jobs/" + id + "/stream", Map.of("Last-Event-ID", "seven"));
        assertEquals(400, bad.status());
        assertEquals("Last-Event-ID: expected an event seq (a whole number), got 'seven'",
                bad.body().get("error").asText());
        assertEquals(400, get("/jobs/" + id + "/stream?after=x", Map.of()).status());
        assertEquals(405, api.handle(ApiTest.request("POST", "/jobs/" + id + "/stream",
                Map.of("Authorization", "Bearer " + TOKEN), new byte[0])).status());

        api = api(true);
        ApiResponse anonymous = get("/jobs/" + id + "/stream", Map.of());
        assertEquals(401, anonymous.status());
        assertNull(anonymous.other());
        assertEquals(401, get("/jobs/" + id + "/metrics", Map.of()).status());
        stream("/jobs/" + id + "/stream", Map.of("Authorization", "Bearer " + TOKEN));
        assertEquals(200, get("/jobs/" + id + "/metrics", Map.of("Authorization", "Bearer " + TOKEN)).status());
        assertEquals(0, jobs.subscribers(), "nothing subscribes before the stream starts");
    }

    @Test
    void metricsAsJsonAndCsv() {
        String id = submit();
        assertEquals("[]", get("/jobs/" + id + "/metrics", Map.of()).body().toString());
        jobs.epoch(id, epoch(1, 0.75, 0.5));
        jobs.epoch(id, epoch(2, 0.25, Double.NaN));

        ApiResponse json = get("/jobs/" + id + "/metrics", Map.of());
        assertEquals(200, json.status());
        assertEquals(7, json.body().size(), json.body().toString());
        assertEquals("{\"step\":1,\"epoch\":1,\"split\":\"train\",\"name\":\"loss\",\"value\":0.75}",
                json.body().get(0).toString());
        assertEquals("{\"step\":1,\"epoch\":1,\"split\":\"validation\",\"name\":\"loss\",\"value\":0.5}",
                json.body().get(1).toString());
        assertEquals("validation", json.body().get(2).get("split").asText());
        assertEquals("accuracy", json.body().get(2).get("name").asText());
        assertEquals("test", json.body().get(3).get("split").asText());
        assertEquals(2, json.body().get(4).get("step").asInt());

        ApiResponse csv = get("/jobs/" + id + "/metrics?format=csv", Map.of());
        assertEquals(200, csv.status());
        ApiResponse.Text text = assertInstanceOf(ApiResponse.Text.class, csv.other());
        assertEquals("text/csv;charset=UTF-8", text.contentType());
        assertEquals("""
                step,epoch,split,name,value
                1,1,train,loss,0.75
                1,1,validation,loss,0.5
                1,1,validation,accuracy,0.6
                1,1,test,accuracy,0.25
                2,2,train,loss,0.25
                2,2,validation,accuracy,0.7
                2,2,test,accuracy,0.25
                """, text.text());
        assertEquals("attachment; filename=\"" + id + "-metrics.csv\"", csv.headers().get("Content-Disposition"));

        ApiResponse xml = get("/jobs/" + id + "/metrics?format=xml", Map.of());
        assertEquals(400, xml.status());
        assertEquals("format: expected json or csv, got 'xml'", xml.body().get("error").asText());
        assertEquals(404, get("/jobs/job-9/metrics", Map.of()).status());
        assertEquals(404, get("/jobs/job-9/metrics?format=csv", Map.of()).status());
    }

    @Test
    void csvFieldsAreQuotedWhenNeeded() {
        assertEquals("loss", JobResource.csvField("loss"));
        assertEquals("\"a,b\"", JobResource.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", JobResource.csvField("say \"hi\""));
    }
}
