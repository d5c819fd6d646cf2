package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job lifecycle over a real socket: 201 with {@code Location}, the job, its events, 202 on
 * cancel and 409 once ended. The kernel bundle is only resolved (for its API package); a test-only
 * bundle of the {@code Fake*} classes provides the kernel services, so that a job can be queued
 * without any plugin installed. The API is told it is bound to {@code 0.0.0.0} (Jetty still listens on
 * 127.0.0.1 only), so reading needs the token, and its token file is readable by others; some
 * origins and host names are configured.
 */
class HttpApiFakeKernelIT {
    private static final String PRESET_TOKEN = "preset-token-readable-by-others";
    private static final String APP = "https://app.example:8443";
    /** Where the bundle's System.Logger ends up in this JVM; held so that it is not collected. */
    private static final Logger LOG = Logger.getLogger("io.engram.http");
    private static final List<String> WARNED = new CopyOnWriteArrayList<>();
    private static final Handler WARNINGS = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                WARNED.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static ItRuntime rt;

    @BeforeAll
    static void boot() throws Exception {
        Path fakes = ItRuntime.testBundle(Path.of(System.getProperty("engram.it.work")), "io.engram.http.it.fakekernel",
                FakeKernelActivator.class.getName(),
                "io.engram.api,io.engram.kernel,io.vavr.collection,io.vavr.control,"
                        + "com.fasterxml.jackson.core,com.fasterxml.jackson.databind,org.osgi.framework", "Fake");
        LOG.addHandler(WARNINGS);
        try {
            rt = ItRuntime.boot("fake-kernel", false, List.of(fakes), Map.of("host", "0.0.0.0",
                    "allowed.hosts", "engram.lab.example, other.example", "cors.origins", APP), PRESET_TOKEN);
        } finally {
            LOG.removeHandler(WARNINGS);
        }
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (rt != null) {
            rt.close();
        }
    }

    @Test
    void jobLifecycle() throws Exception {
        assertTrue(rt.get("/api/plugins").body().startsWith("[{\"id\":\"lstm\",\"kind\":\"family\""));
        HttpResponse<String> created = rt.post("model.family=lstm\ndata.app=grammar\njob.name=it\n",
                "text/x-java-properties");
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElse("");
        assertTrue(location.matches("/api/jobs/job-[0-9]+"), location);
        String id = location.substring("/api/jobs/".length());
        assertTrue(created.body().startsWith("{\"id\":\"" + id + "\",\"name\":\"it\",\"state\":\"queued\","),
                created.body());
        assertEquals(200, rt.get(location).statusCode());
        assertTrue(rt.get("/api/jobs").body().startsWith("[{\"id\":\"" + id + "\","));
        HttpResponse<String> events = rt.get(location + "/events");
        assertEquals("[{\"jobId\":\"" + id + "\",\"seq\":0,\"time\":\"2026-01-01T00:00:00Z\",\"state\":\"queued\","
                + "\"type\":\"state\"}]", events.body().trim());
        HttpResponse<String> cancelled = rt.send("DELETE", location, null, rt.auth());
        assertEquals(202, cancelled.statusCode());
        assertTrue(cancelled.body().contains("\"state\":\"cancelled\""), cancelled.body());
        HttpResponse<String> again = rt.send("DELETE", location, null, rt.auth());
        assertEquals(409, again.statusCode());
        assertEquals("{\"error\":\"job " + id + " already ended (cancelled)\"}", again.body().trim());
        assertEquals(2, rt.get(location + "/events?after=-1").body().split("\"seq\"", -1).length - 1);
        assertEquals(1, rt.get(location + "/events?after=0").body().split("\"seq\"", -1).length - 1);
    }

    @Test
    void nestedJsonSpecIsFlattened() throws Exception {
        HttpResponse<String> r = rt.post("{\"model\":{\"family\":\"lstm\",\"hidden\":8},\"data.app\":\"grammar\"}",
                "application/json; charset=utf-8");
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"spec\":{\"data.app\":\"grammar\",\"model.family\":\"lstm\",\"model.hidden\":\"8\"}"),
                r.body());
    }

    @Test
    void warnedAtStartAboutClearTextAndTheOpenTokenFile() {
        assertTrue(WARNED.contains("the REST API listens on 0.0.0.0 beyond loopback without TLS: the bearer token and"
                + " job data cross the network in clear text (bind http.host to 127.0.0.1, or serve HTTPS with"
                + " http.tls.keystore)"), WARNED.toString());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertTrue(WARNED.contains("the token file " + rt.tokenFile + " is readable or writable by group or others"
                    + " (rw-r--r--): run chmod 600 " + rt.tokenFile), WARNED.toString());
        }
        assertEquals(PRESET_TOKEN, rt.token);
    }

    @Test
    void readingNeedsTheTokenAndLeaksNothingWithout() throws Exception {
        rt.post("model.family=lstm\ndata.app=grammar\njob.name=secret-job\n", "text/x-java-properties");
        for (String path : List.of("/api/jobs", "/api/plugins", "/api/jobs/job-1", "/api/jobs/job-1/events", "/api/")) {
            HttpResponse<String> none = rt.send("GET", path, null, Map.of());
            assertEquals(401, none.statusCode(), path);
            assertEquals("{\"error\":\"bearer token required\"}", none.body().trim());
            assertEquals("Bearer realm=\"engram\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            HttpResponse<String> wrong = rt.send("GET", path, null, Map.of("Authorization", "Bearer x" + PRESET_TOKEN));
            assertEquals(401, wrong.statusCode(), path);
            assertTrue(!wrong.body().contains("secret-job") && !wrong.body().contains("lstm"), wrong.body());
        }
        HttpResponse<String> jobs = rt.get("/api/jobs");
        assertEquals(200, jobs.statusCode());
        assertTrue(jobs.body().contains("\"name\":\"secret-job\""), jobs.body());
    }

    @Test
    void configuredHostNamesAreServedOthersGet421() throws Exception {
        String auth = "Authorization: Bearer " + PRESET_TOKEN + "\r\n";
        String lab = rt.rawExchange("GET /api/plugins HTTP/1.1\r\nHost: ENGRAM.lab.example:8686\r\nConnection: close\r\n" + auth
                + "\r\n", "");
        assertTrue(lab.startsWith("HTTP/1.1 200 "), lab);
        String evil = rt.rawExchange("GET /api/plugins HTTP/1.1\r\nHost: evil.example\r\n" + auth + "\r\n", "");
        assertTrue(evil.startsWith("HTTP/1.1 421 "), evil);
        assertTrue(evil.contains("{\"error\":\"host 'evil.example' is not served here"), evil);
    }

    @Test
    void configuredOriginGetsPreflightOthersAreRefused() throws Exception {
        HttpResponse<String> preflight = rt.send("OPTIONS", "/api/jobs", null, Map.of("Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals(APP, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("GET, HEAD, POST", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""));
        assertEquals("Authorization, Content-Type, Last-Event-ID",
                preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
        assertEquals("Origin", preflight.headers().firstValue("Vary").orElse(""));
        HttpResponse<String> created = rt.send("POST", "/api/jobs", "{\"model.family\":\"lstm\",\"data.app\":\"g\"}",
                Map.of("Origin", APP, "Authorization", "Bearer " + PRESET_TOKEN, "Content-Type", "application/json"));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(APP, created.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(created.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Location"));
        HttpResponse<String> foreign = rt.send("POST", "/api/jobs", "{}", Map.of("Origin", "https://evil.example",
                "Authorization", "Bearer " + PRESET_TOKEN, "Content-Type", "application/json"));
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void fullQueueUnavailableStoreAndFailingWrites() throws Exception {
        HttpResponse<String> full = rt.post("model.family=lstm\ndata.app=grammar\njob.name=refuse:job.queue\n",
                "text/x-java-properties");
        assertEquals(429, full.statusCode());
        assertEquals("5", full.headers().firstValue("Retry-After").orElse(""));
        assertEquals("{\"error\":\"refused as asked\",\"where\":\"job.queue\"}", full.body().trim());
        HttpResponse<String> store = rt.post("model.family=lstm\ndata.app=grammar\njob.name=refuse:job.store\n",
                "text/x-java-properties");
        assertEquals(503, store.statusCode());
        assertEquals("{\"error\":\"refused as asked\",\"where\":\"job.store\"}", store.body().trim());
        HttpResponse<String> thrown = rt.post("model.family=lstm\ndata.app=grammar\njob.name=throw\n",
                "text/x-java-properties");
        assertEquals(500, thrown.statusCode());
        assertEquals("{\"error\":\"internal error: writing the record: disk full\"}", thrown.body().trim());
    }

    @Test
    void streamPushesEventsOverTheSocketUntilTheJobEnds() throws Exception {
        HttpResponse<String> created = rt.post("model.family=lstm\ndata.app=grammar\njob.name=streamed\n",
                "text/x-java-properties");
        String location = created.headers().firstValue("Location").orElseThrow();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + rt.port + location + "/stream"))
                .header("Authorization", "Bearer " + PRESET_TOKEN).build();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CompletableFuture<HttpResponse<Void>> live = java.net.http.HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
        assertEquals("retry: 2000", lines.poll(30, java.util.concurrent.TimeUnit.SECONDS),
                "the preamble arrives while the job is still queued");
        assertEquals("id: 0", next(lines, "id:"));
        HttpResponse<String> cancelled = rt.send("DELETE", location, null, rt.auth());
        assertEquals(202, cancelled.statusCode());
        assertEquals("id: 1", next(lines, "id:"));
        assertEquals("event: state", next(lines, "event:"));
        assertTrue(next(lines, "data:").contains("\"state\":\"cancelled\""));
        assertEquals("event: end", next(lines, "event:"));
        HttpResponse<Void> done = live.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, done.statusCode());
        assertEquals("text/event-stream;charset=utf-8",
                done.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT).replace(" ", ""));

        HttpResponse<String> replay = rt.send("GET", location + "/stream", null, Map.of("Authorization",
                "Bearer " + PRESET_TOKEN, "Last-Event-ID", "0"));
        assertEquals(200, replay.statusCode());
        assertTrue(!replay.body().contains("id: 0\n") && replay.body().contains("id: 1\nevent: state\n"),
                replay.body());
        assertTrue(replay.body().endsWith("event: end\ndata: " + rt.get(location).body().trim() + "\n\n"),
                replay.body());
        assertEquals(401, rt.send("GET", location + "/stream", null, Map.of()).statusCode());

        HttpResponse<String> csv = rt.send("GET", location + "/metrics?format=csv", null, rt.auth());
        assertEquals(200, csv.statusCode());
        assertEquals("step,epoch,split,name,value\n", csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    }

    /** The next line that starts with {@code prefix}, skipping others; fails after 30 s. */
    private static String next(java.util.concurrent.BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            String l = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            if (l != null && l.startsWith(prefix)) {
                return l;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within 30 s");
    }

    private static final class LineCollector implements java.util.concurrent.Flow.Subscriber<String> {
        private final java.util.concurrent.BlockingQueue<String> lines;

        LineCollector(java.util.concurrent.BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String item) {
            lines.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    @Test
    void dashboardIsServedAtTheRootUnderItsContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = rt.send("GET", "/", null, Map.of());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"dashboard.js\" defer></script>"), page.body());
        assertEquals(DashboardServlet.CONTENT_SECURITY_POLICY,
                page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> chart = rt.send("GET", "/vendor/uPlot.iife.min.js", null, Map.of());
        assertEquals(200, chart.statusCode());
        assertTrue(chart.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(chart.body().contains("uPlot"));
        assertEquals(404, rt.send("GET", "/no-such-page.html", null, Map.of()).statusCode());
        assertEquals(405, rt.send("POST", "/", "x", Map.of()).statusCode());
        assertEquals(401, rt.send("GET", "/api/jobs", null, Map.of()).statusCode(), "the API keeps its own rules");
        String evil = rt.rawExchange("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", "");
        assertTrue(evil.startsWith("HTTP/1.1 421 "), evil);
    }
}
