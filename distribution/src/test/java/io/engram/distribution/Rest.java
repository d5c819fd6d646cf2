package io.engram.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A client of the REST API of one {@code engram serve}, over a real socket. */
final class Rest {

    record Reply(int status, String body, HttpHeaders headers) {
        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }

        /** The first value of a response header, or empty. */
        String header(String name) {
            return headers == null ? "" : headers.firstValue(name).orElse("");
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

    /** A GET that sends the bearer token when {@code withToken} (reads need it on some servers). */
    Reply get(String path, boolean withToken) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), withToken);
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
        return new Reply(r.statusCode(), r.body(), r.headers());
    }

    /**
     * Polls the job until its state is one of {@code states} (lower case); returns its record. A
     * request that fails (as one may while the server is short of memory) is retried until the limit.
     */
    JsonNode awaitState(String id, Duration limit, String... states) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode job = null;
        String failure = "";
        while (System.nanoTime() < deadline) {
            Reply r;
            try {
                r = get("/jobs/" + id, true);
            } catch (IOException e) {
                failure = "; last request failed: " + e;
                Thread.sleep(100);
                continue;
            }
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
                + limit.toSeconds() + " s; last record: " + job + failure);
    }

    /**
     * Every job, newest first, read {@code limit} at a time through {@code ?offset=&limit=}; fails
     * when an answer is not 200 or holds more jobs than asked for (the listing is not paged).
     */
    List<JsonNode> allJobs(int limit) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; ) {
            Reply r = get("/jobs?offset=" + offset + "&limit=" + limit, true);
            if (r.status() != 200 || !r.json().isArray()) {
                throw new AssertionError("GET /api/jobs?offset=" + offset + "&limit=" + limit + ": " + r.status()
                        + " " + r.body());
            }
            JsonNode page = r.json();
            if (page.size() > limit) {
                throw new AssertionError("GET /api/jobs?offset=" + offset + "&limit=" + limit + " answered "
                        + page.size() + " jobs: the listing is not paged");
            }
            page.forEach(all::add);
            if (page.size() < limit) {
                return all;
            }
            offset += page.size();
        }
    }
}
