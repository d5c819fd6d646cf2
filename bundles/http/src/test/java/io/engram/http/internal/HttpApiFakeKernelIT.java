package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job lifecycle over a real socket: 201 with {@code Location}, the job, its events, 202 on
 * cancel and 409 once ended. The kernel bundle is only resolved (for its API package); a test-only
 * bundle of the {@code Fake*} classes provides the kernel services, so that a job can be queued
 * without any plugin installed.
 */
class HttpApiFakeKernelIT {
    private static ItRuntime rt;

    @BeforeAll
    static void boot() throws Exception {
        Path fakes = ItRuntime.testBundle(Path.of(System.getProperty("engram.it.work")), "io.engram.http.it.fakekernel",
                FakeKernelActivator.class.getName(),
                "io.engram.api,io.engram.kernel,io.vavr.collection,io.vavr.control,"
                        + "com.fasterxml.jackson.core,com.fasterxml.jackson.databind,org.osgi.framework", "Fake");
        rt = ItRuntime.boot("fake-kernel", false, List.of(fakes));
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
}
