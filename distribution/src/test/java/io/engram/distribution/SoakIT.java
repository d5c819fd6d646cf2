package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak: hundreds of tiny jobs submitted, some cancelled, all polled, against one real
 * {@code engram serve} with a small heap and a small job queue. Checks that a burst beyond the
 * queue gets 429, that every accepted job is listed and ends as expected (nothing lost, nothing
 * failed), that the JVM's peak resident set stays under {@link #RSS_BOUND_MB} and that the server
 * still answers. Prints its figures on standard output ({@code soak: ...}).
 */
class SoakIT {

    /** Jobs accepted in all (the burst's included). */
    static final int JOBS = 400;
    static final int QUEUE_CAPACITY = 32;
    /** Submissions in the burst while one endless job holds the only job thread. */
    static final int BURST = QUEUE_CAPACITY + 24;
    static final double CANCEL_SHARE = 0.25;
    static final int SUBMITTERS = 3;
    static final int POLLERS = 2;
    static final int PAGE = 50;
    static final long SEED = 20261207L;
    static final String HEAP = "-Xmx384m";
    /**
     * The JVM's peak resident set: the 384 MB heap plus 256 MB for metaspace, code, threads and
     * native buffers (400 jobs peaked at about 320 MB on 2 cores).
     */
    static final long RSS_BOUND_MB = 640;
    static final Duration DRAIN = Duration.ofSeconds(120);

    /** One epoch of the Reber grammar on 16 strings: tens of milliseconds on a warm server. */
    static final String TINIEST = """
            job.name=soak
            seed=7
            model.family=lstm
            model.hidden=4
            trainer=bptt
            trainer.epochs=1
            trainer.batch.size=8
            data.app=grammar
            data.task=reber
            data.train.size=16
            data.validation.size=4
            data.test.size=4
            """;

    /** What a job is expected to end as, from what its cancellation was answered. */
    enum Expect { SUCCEEDED, CANCELLED, EITHER }

    @TempDir
    Path tmp;

    private final ConcurrentMap<String, Expect> ledger = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tooMany = new AtomicLong();
    private final AtomicLong lateCancels = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @Test
    void hundredsOfJobsSubmittedCancelledAndPolledNothingLostMemoryBounded() throws Exception {
        Path home = Installation.copy(tmp);
        int port = Installation.freePort();
        long start = System.nanoTime();
        try (EngramProcess server = ServeIT.serve(home, port, Map.of("ENGRAM_OPTS", HEAP),
                "--set", "jobs.queue.capacity=" + QUEUE_CAPACITY, "--set", "jobs.concurrency=1")) {
            Rest rest = new Rest(port, ServeIT.token(home));
            long bootRssKb = server.memoryKb("VmRSS");
            String blocker = burst(rest);

            ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS + POLLERS);
            AtomicBoolean submitting = new AtomicBoolean(true);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < SUBMITTERS; i++) {
                Random random = new Random(SEED + i);
                work.add(pool.submit(() -> submit(rest, random)));
            }
            List<Future<?>> polls = new ArrayList<>();
            for (int i = 0; i < POLLERS; i++) {
                Random random = new Random(SEED + 100 + i);
                polls.add(pool.submit(() -> poll(rest, random, submitting)));
            }
            for (Future<?> f : work) {
                f.get(DRAIN.toSeconds(), TimeUnit.SECONDS);
            }
            Map<String, JsonNode> listed = drain(rest);
            submitting.set(false);
            for (Future<?> f : polls) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertEquals("cancelled", listed.get(blocker).path("state").asText().toLowerCase(), listed.get(blocker).toString());
            Map<String, Integer> states = new TreeMap<>();
            List<String> lost = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            ledger.forEach((id, expect) -> {
                JsonNode job = listed.get(id);
                if (job == null) {
                    lost.add(id);
                    return;
                }
                String state = job.path("state").asText().toUpperCase();
                states.merge(state, 1, Integer::sum);
                boolean ok = expect == Expect.EITHER ? Set.of("SUCCEEDED", "CANCELLED").contains(state)
                        : expect.name().equals(state);
                if (!ok) {
                    wrong.add(id + " expected " + expect + ", got " + state + " " + job.path("error").asText());
                }
            });

            Rest.Reply plugins = rest.get("/plugins", true);
            requests.incrementAndGet();
            String last = rest.post("/jobs", Specs.json(TINIEST), true).json().path("id").asText();
            rest.awaitState(last, Duration.ofSeconds(60), "succeeded");
            long peakKb = server.memoryKb("VmHWM");
            double seconds = (System.nanoTime() - start) / 1e9;

            System.out.printf("soak: jobs %d accepted (%s), %d cancel requests answered after the job ran, "
                            + "%d requests, %d answered 429, %d errors, %d lost, %d in an unexpected state; "
                            + "RSS after boot %d MB, peak RSS (VmHWM) %d MB (bound %d MB, %s); %.1f s%n",
                    ledger.size(), states, lateCancels.get(), requests.get(), tooMany.get(), errors.size(),
                    lost.size(), wrong.size(), bootRssKb / 1024, peakKb / 1024, RSS_BOUND_MB, HEAP, seconds);

            assertEquals(List.of(), errors, "requests that failed");
            assertEquals(List.of(), lost, "accepted jobs missing from GET /api/jobs");
            assertEquals(List.of(), wrong, "jobs that ended otherwise than expected");
            assertTrue(ledger.size() >= JOBS, "accepted " + ledger.size());
            assertEquals(200, plugins.status(), plugins.body());
            assertTrue(peakKb > 0 && peakKb / 1024 < RSS_BOUND_MB, "peak RSS " + peakKb / 1024 + " MB");
        }
    }

    /**
     * Holds the only job thread with an endless job, then submits {@link #BURST} jobs at once: the
     * queue takes {@link #QUEUE_CAPACITY} (one less if the running job counts) and answers 429 to the
     * rest. Cancels the endless job; returns its id.
     */
    private String burst(Rest rest) throws Exception {
        String blocker = rest.post("/jobs", Specs.json(Specs.ENDLESS), true).json().path("id").asText();
        rest.awaitState(blocker, Duration.ofSeconds(60), "running");
        int accepted = 0;
        int refused = 0;
        List<String> other = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            Rest.Reply r = rest.post("/jobs", Specs.json(TINIEST), true);
            requests.incrementAndGet();
            if (r.status() == 201) {
                ledger.put(r.json().path("id").asText(), Expect.SUCCEEDED);
                accepted++;
            } else if (r.status() == 429) {
                assertTrue(r.body().contains("job.queue"), "a 429 names the queue: " + r.body());
                refused++;
            } else {
                other.add(r.status() + " " + r.body());
            }
        }
        tooMany.addAndGet(refused);
        System.out.printf("soak: burst of %d with the job thread busy: %d accepted, %d answered 429%n",
                BURST, accepted, refused);
        assertEquals(List.of(), other, "answers other than 201 and 429 to the burst");
        assertTrue(refused >= BURST - QUEUE_CAPACITY && accepted >= QUEUE_CAPACITY - 1,
                "queue of " + QUEUE_CAPACITY + ": " + accepted + " accepted, " + refused + " refused");
        assertEquals(202, rest.delete("/jobs/" + blocker).status());
        requests.incrementAndGet();
        return blocker;
    }

    /** Submits until {@link #JOBS} are accepted; cancels a share at random; backs off on 429. */
    private void submit(Rest rest, Random random) {
        while (ledger.size() < JOBS && errors.size() < 20) {
            try {
                Rest.Reply r = rest.post("/jobs", Specs.json(TINIEST), true);
                requests.incrementAndGet();
                if (r.status() == 429) {
                    tooMany.incrementAndGet();
                    Thread.sleep(20 + random.nextInt(80));
                    continue;
                }
                if (r.status() != 201) {
                    errors.add("POST /jobs: " + r.status() + " " + r.body());
                    continue;
                }
                String id = r.json().path("id").asText();
                ledger.put(id, Expect.SUCCEEDED);
                if (random.nextDouble() < CANCEL_SHARE) {
                    Thread.sleep(random.nextInt(40));
                    cancel(rest, id);
                }
            } catch (Exception e) {
                errors.add("submitting: " + e);
            }
        }
    }

    /** Cancels the job and notes what it must end as: cancelled, or succeeded when it already had. */
    private void cancel(Rest rest, String id) throws Exception {
        Rest.Reply r = rest.delete("/jobs/" + id);
        requests.incrementAndGet();
        if (r.status() == 202) {
            boolean done = "cancelled".equalsIgnoreCase(r.json().path("state").asText());
            ledger.put(id, done ? Expect.CANCELLED : Expect.EITHER);
        } else if (r.status() == 409) {
            lateCancels.incrementAndGet();
        } else {
            errors.add("DELETE /jobs/" + id + ": " + r.status() + " " + r.body());
        }
    }

    /** Reads pages of the job list, single jobs and their events until the submitters are done. */
    private void poll(Rest rest, Random random, AtomicBoolean submitting) {
        while (submitting.get() && errors.size() < 20) {
            try {
                int offset = PAGE * random.nextInt(Math.max(1, ledger.size() / PAGE + 1));
                check(rest.get("/jobs?offset=" + offset + "&limit=" + PAGE, true), "GET /jobs?offset=" + offset, PAGE);
                List<String> ids = new ArrayList<>(ledger.keySet());
                if (!ids.isEmpty()) {
                    String id = ids.get(random.nextInt(ids.size()));
                    check(rest.get("/jobs/" + id, true), "GET /jobs/" + id, -1);
                    check(rest.get("/jobs/" + id + "/events?after=-1&limit=20", true), "GET /jobs/" + id + "/events", 20);
                }
            } catch (Exception e) {
                errors.add("polling: " + e);
            }
        }
    }

    private void check(Rest.Reply r, String what, int limit) throws Exception {
        requests.incrementAndGet();
        if (r.status() != 200) {
            errors.add(what + ": " + r.status() + " " + r.body());
        } else if (limit >= 0 && r.json().size() > limit) {
            errors.add(what + ": " + r.json().size() + " items on a page of at most " + limit);
        }
    }

    /** Pages through the job list until every accepted job has ended; returns the jobs by id. */
    private Map<String, JsonNode> drain(Rest rest) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (true) {
            Map<String, JsonNode> byId = new HashMap<>();
            for (JsonNode job : rest.allJobs(PAGE)) {
                byId.put(job.path("id").asText(), job);
            }
            requests.addAndGet(byId.size() / PAGE + 1);
            List<String> open = ledger.keySet().stream().filter(id -> byId.containsKey(id)
                    && Set.of("queued", "running").contains(byId.get(id).path("state").asText().toLowerCase()))
                    .sorted().collect(Collectors.toList());
            if (open.isEmpty()) {
                return byId;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(open.size() + " jobs did not end within " + DRAIN.toSeconds() + " s: "
                        + open.subList(0, Math.min(10, open.size())));
            }
            Thread.sleep(250);
        }
    }
}
