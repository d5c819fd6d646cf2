package io.engram.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client of the REST API of one {@code engram serve}, over a real socket. */
final class Rest {

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final String token;

    Rest(int port, String token) {
        this.base = "http://127.0.0.1:" + port + "/api";
        this.token = token;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
    }

    Reply post(String path, String json, boolean withToken) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), withToken);
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), true);
    }

    private Reply send(HttpRequest.Builder request, boolean withToken) throws IOException, InterruptedException {
        if (withToken) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** Polls the job until its state is one of {@code states} (lower case); returns its record. */
    JsonNode awaitState(String id, Duration limit, String... states) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            Reply r = get("/jobs/" + id);
            if (r.status() == 200) {
                job = r.json();
                for (String s : states) {
                    if (s.equalsIgnoreCase(job.path("state").asText())) {
                        return job;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not reach " + String.join("/", states) + " within "
                + limit.toSeconds() + " s; last record: " + job);
    }
}
