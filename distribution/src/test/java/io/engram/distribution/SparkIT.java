package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram run --spark MASTER} on Spark's local masters, in-process: data-parallel training
 * ends as the plain run does, to rounding; populations score the same on one executor, two
 * executors and none; a task that fails is run again by Spark and the job ends as if it had not;
 * a bad spec is rejected on the driver with {@code engram run}'s message before any task is sent.
 */
class SparkIT {
    private static final Duration LIMIT = Duration.ofSeconds(300);
    private static final Pattern JOB = Pattern.compile("(job-\\d+) SUCCEEDED");
    private static final Pattern TASKS = Pattern.compile("spark (\\S+): (\\d+) tasks in (\\d+) stages on (\\d+) cores, "
            + "(\\d+) failed and retried");
    private static final String REBER = """
            job.name=it-spark-reber
            seed=5
            dtype=f64
            model.family=lstm
            model.hidden=8
            trainer=bptt
            trainer.epochs=3
            trainer.batch.size=8
            trainer.optimizer=adam
            trainer.lr=0.01
            data.app=grammar
            data.task=embedded-reber
            data.train.size=96
            data.validation.size=24
            data.test.size=16
            """;
    private static final String CARTPOLE = """
            job.name=it-spark-cartpole
            seed=3
            model.family=elman
            model.hidden=4
            trainer=random-search
            trainer.generations=3
            trainer.population=8
            trainer.sigma=0.2
            trainer.episodes=2
            data.app=cartpole
            data.max.steps=100
            """;
    private static final String GENETIC = """
            job.name=it-spark-genetic
            seed=4
            model.family=elman
            model.hidden=4
            trainer=genetic
            trainer.generations=3
            trainer.population=8
            data.app=grammar
            data.task=reber
            data.train.size=32
            data.validation.size=8
            data.test.size=8
            """;

    @TempDir
    static Path tmp;
    static Path home;
    /** The plain run's metric series of {@link #REBER}, made once. */
    private static Map<String, Double> plainReber;

    @BeforeAll
    static void install() throws Exception {
        home = Installation.copy(tmp);
    }

    @Test
    void dataParallelTrainingEndsAsThePlainRunToRounding() throws Exception {
        Path spec = spec("reber.properties", REBER + "checkpoint=it-spark-reber.ckpt\n");
        Map<String, Double> plain = plainReber();
        Run spark = run(Map.of(), "run", "--spark", "local[2]", spec.toString());
        assertEquals(0, spark.status, spark.transcript);
        assertTrue(spark.out.contains("on cluster spark local[2] (2 workers): 96 training sequences sent"), spark.transcript);
        Matcher tasks = tasks(spark);
        assertTrue(Integer.parseInt(tasks.group(2)) >= 2 * 3 * 12, "two tasks for each of 3 x 12 batches: " + tasks.group());
        assertEquals("0", tasks.group(5), tasks.group());
        assertClose(plain, metrics(spark.job()), 1e-9);
        assertTrue(spark.out.contains("model registered as it-spark-reber@1"), spark.transcript);
        Path input = Files.writeString(tmp.resolve("in.txt"), "1,0,0,0,0,0,0; 0,1,0,0,0,0,0\n");
        Run predict = run(Map.of(), "predict", "it-spark-reber", input.toString());
        assertEquals(0, predict.status, predict.transcript);
        assertTrue(predict.out.contains("# outputs: B,T,P,S,X,V,E"), predict.transcript);
    }

    @Test
    void populationsScoreTheSameOnNoneOneAndTwoExecutors() throws Exception {
        for (String text : List.of(CARTPOLE, GENETIC)) {
            Path spec = spec("population.properties", text);
            Run plain = run(Map.of(), "run", spec.toString());
            Run one = run(Map.of(), "run", "--spark", "local[1]", spec.toString());
            Run two = run(Map.of(), "run", "--spark", "local[2]", spec.toString());
            for (Run r : List.of(plain, one, two)) {
                assertEquals(0, r.status, r.transcript);
            }
            assertTrue(Integer.parseInt(tasks(two).group(2)) > 0, two.transcript);
            Map<String, Double> none = metrics(plain.job());
            assertTrue(none.size() > 3, none.toString());
            assertEquals(none, metrics(one.job()), "local[1] against the plain run:\n" + one.transcript);
            assertEquals(none, metrics(two.job()), "local[2] against the plain run:\n" + two.transcript);
        }
    }

    @Test
    void aFailedTaskIsRetriedAndTheJobEndsAsWithoutTheFailure() throws Exception {
        Path spec = spec("retried.properties", REBER);
        Map<String, Double> plain = plainReber();
        Run failing = run(Map.of("ENGRAM_OPTS", "-Xmx512m -Dengram.spark.fail.step=5"), "run", "--spark", "local[2,2]",
                spec.toString());
        assertEquals(0, failing.status, failing.transcript);
        assertEquals("1", tasks(failing).group(5), failing.transcript);
        assertTrue(failing.err.contains("a task failure injected by engram.spark.fail.step"), failing.transcript);
        assertClose(plain, metrics(failing.job()), 1e-9);
    }

    @Test
    void aBadSpecIsRejectedOnTheDriverWithRunsMessagesBeforeAnyTask() throws Exception {
        Path spec = spec("bad.properties", REBER.replace("model.hidden=8", "model.hidden=-3")
                .replace("trainer.lr=0.01", "trainer.lr=fast"));
        Run plain = run(Map.of(), "run", spec.toString());
        Run spark = run(Map.of(), "run", "--spark", "local[2]", spec.toString());
        assertEquals(2, plain.status, plain.transcript);
        assertEquals(2, spark.status, spark.transcript);
        List<String> rejected = plain.err.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(rejected.get(0).contains("was rejected (2 problems)"), plain.transcript);
        for (String line : rejected) {
            assertTrue(spark.err.contains(line), "missing '" + line + "' in\n" + spark.transcript);
        }
        Matcher tasks = tasks(spark);
        assertEquals("0", tasks.group(2), tasks.group());
        assertEquals("0", tasks.group(3), tasks.group());
    }

    @Test
    void aJobStartedFromServeOnSparkReportsInItsEventStream() throws Exception {
        int port = Installation.freePort();
        try (EngramProcess p = ServeIT.serve(home, port, Map.of(), "--spark", "local[2]")) {
            Rest rest = new Rest(port, ServeIT.token(home));
            String id = rest.post("/jobs", Specs.json(REBER.replace("trainer.epochs=3", "trainer.epochs=1")), true)
                    .json().path("id").asText();
            com.fasterxml.jackson.databind.JsonNode done = rest.awaitState(id, LIMIT, "succeeded", "failed", "cancelled");
            assertEquals("succeeded", done.path("state").asText().toLowerCase(), done.toString());
            String events = rest.get("/jobs/" + id + "/events", true).body();
            assertTrue(events.contains("on cluster spark local[2] (2 workers): 96 training sequences sent"), events);
            assertTrue(events.contains("\"batches\":12"), events);
            assertTrue(done.path("metrics").path("cluster.requests").asDouble() >= 12, done.toString());
        }
    }

    private static synchronized Map<String, Double> plainReber() throws Exception {
        if (plainReber == null) {
            Run plain = run(Map.of(), "run", spec("plain.properties", REBER).toString());
            assertEquals(0, plain.status, plain.transcript);
            plainReber = metrics(plain.job());
        }
        return plainReber;
    }

    private static void assertClose(Map<String, Double> expected, Map<String, Double> actual, double tolerance) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> {
            double a = actual.get(k);
            assertTrue(Math.abs(a - v) <= tolerance * Math.max(1.0, Math.abs(v)), k + ": " + v + " against " + a);
        });
    }

    private static Matcher tasks(Run r) {
        Matcher m = TASKS.matcher(r.err);
        assertTrue(m.find(), "no Spark summary in\n" + r.transcript);
        return m;
    }

    /** The job's metric series, keyed {@code step,epoch,split,name}, from {@code engram jobs metrics}. */
    private static Map<String, Double> metrics(String job) throws Exception {
        Run csv = run(Map.of(), "jobs", "metrics", job);
        assertEquals(0, csv.status, csv.transcript);
        Map<String, Double> out = new LinkedHashMap<>();
        csv.out.lines().skip(1).filter(l -> !l.isBlank()).forEach(line -> {
            int cut = line.lastIndexOf(',');
            out.put(line.substring(0, cut), Double.parseDouble(line.substring(cut + 1)));
        });
        return out;
    }

    private static Path spec(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        try (EngramProcess p = EngramProcess.start(home, env, args)) {
            int status = p.waitFor(LIMIT);
            return new Run(status, p.out(), p.err(), p.transcript());
        }
    }

    private record Run(int status, String out, String err, String transcript) {
        String job() {
            Matcher m = JOB.matcher(out);
            assertTrue(m.find(), "no succeeded job in\n" + transcript);
            return m.group(1);
        }
    }
}
