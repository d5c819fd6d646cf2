package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram run} and {@code engram predict} as processes. */
class RunIT {

    static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    static Path tmp;
    static Path home;

    @BeforeAll
    static void install() throws Exception {
        home = Installation.copy(tmp);
    }

    @Test
    void tinyJobSucceedsWithFinalMetrics() throws Exception {
        Path checkpoint = home.resolve("data/models/tiny/1/model.ckpt");
        Path spec = Specs.write(tmp, "tiny.properties", Specs.TINY + "checkpoint=tiny.ckpt\n");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString())) {
            int status = p.waitFor(LIMIT);
            assertEquals(0, status, p.transcript());
            String out = p.out();
            assertTrue(out.contains(" SUCCEEDED in "), out);
            assertTrue(out.contains("family lstm@"), out);
            assertTrue(Pattern.compile("final metrics \\(epoch \\d+\\):\\n  train +loss = [0-9.e+-]+\\n"
                    + "  validation +loss = [0-9.e+-]+").matcher(out).find(), out);
            assertTrue(Pattern.compile("epoch 2 train loss [0-9.e+-]+ .*\\([0-9.]+ s\\)\\n").matcher(out).find(), out);
            assertTrue(Files.size(checkpoint) > 0, "checkpoint written");
        }

        Path input = Specs.write(tmp, "input.txt", """
                # two Reber strings, one-hot over the 7 symbols
                1,0,0,0,0,0,0; 0,1,0,0,0,0,0; 0,0,0,0,0,1,0
                1,0,0,0,0,0,0; 0,0,0,0,0,0,1
                """);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "predict", checkpoint.toString(), input.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            List<String> all = p.out().lines().toList();
            assertEquals("# outputs: B,T,P,S,X,V,E", all.get(0), "the application's symbols name the outputs\n" + p.transcript());
            List<String> lines = all.subList(1, all.size());
            assertEquals(2, lines.size(), p.transcript());
            assertEquals(3, lines.get(0).split(";").length);
            assertEquals(2, lines.get(1).split(";").length);
            for (String step : lines.get(0).split(";")) {
                double sum = Arrays.stream(step.split(",")).mapToDouble(v -> Double.parseDouble(v.strip())).sum();
                assertEquals(1.0, sum, 1e-3, "softmax outputs of a step sum to 1: " + step);
            }
        }

        try (EngramProcess p = EngramProcess.start(home, Map.of(), "predict", "--labels", checkpoint.toString(), input.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(Pattern.compile("^B=[0-9.e-]+,T=[0-9.e-]+,P=[0-9.e-]+,S=[0-9.e-]+,X=[0-9.e-]+,V=[0-9.e-]+,E=[0-9.e-]+; B=",
                    Pattern.MULTILINE).matcher(p.out()).find(), p.transcript());
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "predict", checkpoint.toString(), "-")) {
            p.input(Files.readString(input));
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertEquals(lines(home, checkpoint, input), p.out().lines().toList(), "standard input predicts as the file does");
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "predict", checkpoint.toString(), "-")) {
            p.input("1,0,0,0,0,0,0; 0,x,0,0,0,0,0\n");
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(Pattern.compile("stdin:1: step 2, feature 2: 'x' is not a number").matcher(p.err()).find(), p.transcript());
        }

        Path bad = Specs.write(tmp, "bad-input.txt", "1,0,0,0,0,0,0; 0,x,0,0,0,0,0\n1,0\n");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "predict", checkpoint.toString(), bad.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains(bad + ":1: step 2, feature 2: 'x' is not a number"), p.transcript());
            assertTrue(p.err().contains(bad + ":2: step 1 has 2 features, expected 7"), p.transcript());
        }
    }

    /**
     * KEY=VALUE arguments after the spec set its keys; a mistyped one is refused like a key of the
     * file, named as coming from the command line with the nearest known key.
     */
    @Test
    void keysSetOnTheCommandLineOverrideTheSpec() throws Exception {
        Path spec = Specs.write(tmp, "tiny-override.properties", Specs.TINY);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString(), "trainer.epochs=1", "model.hiden=3")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("model.hiden (command line): unknown parameter (known: "), p.transcript());
            assertTrue(p.err().contains("; did you mean model.hidden?"), p.transcript());
        }
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString(), "trainer.epochs=1")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.out().contains("epoch 1 train loss"), p.transcript());
            assertFalse(p.out().contains("epoch 2 train loss"), p.transcript());
        }
    }

    /**
     * An example that reads a CSV file runs from another working directory, given by a relative
     * path: its input path resolves against the spec's directory; a missing data file is refused at
     * validation, naming the key and the path it resolved to.
     */
    @Test
    void anExampleWithADataFileRunsFromAnotherDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path example = home.resolve("examples/csv-waves-gru.properties");
        try (EngramProcess p = EngramProcess.startIn(elsewhere, home, Map.of(), "run",
                elsewhere.relativize(example).toString(), "trainer.epochs=1")) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.out().contains(" SUCCEEDED in "), p.transcript());
        }
        Path missing = Files.writeString(home.resolve("examples/csv-missing.properties"),
                Files.readString(example).replace("data.file=data/waves.csv", "data.file=data/nope.csv"));
        try (EngramProcess p = EngramProcess.startIn(elsewhere, home, Map.of(), "run", missing.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("data.file: 'data/nope.csv': no such file (" + home.resolve("examples/data/nope.csv") + ")"),
                    p.transcript());
        }
    }

    /**
     * A job on the cuda backend: where no GPU can be used (as on machines without an NVIDIA
     * driver), the spec is rejected with exit 2 and the backend's reason; with one, it succeeds.
     */
    @Test
    void cudaJobRunsOrIsRejectedNamingWhyTheBackendCannotRun() throws Exception {
        Path spec = Specs.write(tmp, "tiny-cuda.properties", Specs.TINY.replaceAll("(?m)^backend=.*\\n", "")
                + "backend=cuda\n");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString())) {
            int status = p.waitFor(LIMIT);
            if (status == 0) {
                assertTrue(p.out().contains(" SUCCEEDED in "), p.transcript());
                return;
            }
            assertEquals(2, status, p.transcript());
            assertTrue(Pattern.compile("backend: backend 'cuda' is not available here: (no CUDA driver: libcuda\\.so\\.1 not found"
                    + "|no CUDA device: |insufficient driver: |the driver cannot load Engram's kernels )").matcher(p.err()).find(),
                    p.transcript());
        }
    }

    /**
     * A spec that names a file outside the installation, a checkpoint outside the model store, or
     * data that cannot fit in the heap is refused before anything is read or written.
     */
    @Test
    void pathsOutsideTheInstallationAndOversizedDataAreRefusedAtValidation() throws Exception {
        byte[] engram = Files.readAllBytes(home.resolve("bin/engram"));
        Path spec = Specs.write(tmp, "escape.properties", Specs.TINY.replace("data.app=grammar\ndata.task=reber\n",
                "data.app=csv\ndata.input.columns=x\ndata.target.columns=y\n")
                .replace("data.train.size=32\ndata.validation.size=8\ndata.test.size=8\n", "")
                + "data.file=conf/token\ncheckpoint=../../bin/engram\n");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("data.file: 'conf/token' (" + tmp.resolve("conf/token") + ") is outside the data roots ("),
                    p.transcript());
            assertTrue(p.err().contains("checkpoint: '../../bin/engram' is outside the model store ("), p.transcript());
            assertTrue(p.out().lines().noneMatch(l -> l.startsWith("job ")), "nothing was queued\n" + p.transcript());
        }
        assertArrayEquals(engram, Files.readAllBytes(home.resolve("bin/engram")));
        Path huge = Specs.write(tmp, "huge.properties", Specs.TINY.replace("data.task=reber", "data.task=adding")
                + "data.length=1000000\n");
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", huge.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(Pattern.compile("data\\.length: the job needs about [0-9.]+ GiB \\(data [0-9.]+ GiB, activations "
                    + "[0-9.]+ [KMG]iB, parameters [0-9.]+ [KM]iB\\) but the JVM can give at most [0-9.]+ [MG]iB")
                    .matcher(p.err()).find(), p.transcript());
        }
    }

    @Test
    void badSpecExitsTwoNamingEveryProblem() throws Exception {
        Path spec = Specs.write(tmp, "bad.properties", Specs.BAD);
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "run", spec.toString())) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            List<String> lines = p.err().lines().toList();
            for (String key : Specs.BAD_KEYS) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(key + ": ") || l.contains(":" + key + " ")
                        || l.startsWith(key + " ")), "no line names " + key + "\n" + p.transcript());
            }
            assertTrue(p.out().lines().noneMatch(l -> l.startsWith("job ")), "nothing was queued\n" + p.transcript());
        }
    }

    @Test
    void badSettingExitsTwoBeforeBooting() throws Exception {
        Path spec = Specs.write(tmp, "tiny2.properties", Specs.TINY);
        try (EngramProcess p = EngramProcess.start(home, Map.of("ENGRAM_JOBS_CONCURRENCY", "none"),
                "run", spec.toString(), "--set", "deploy.poll.ms=-5")) {
            assertEquals(2, p.waitFor(LIMIT), p.transcript());
            assertTrue(p.err().contains("jobs.concurrency (ENGRAM_JOBS_CONCURRENCY): 'none' is not a whole number"), p.transcript());
            assertTrue(p.err().contains("deploy.poll.ms (--set): -5 is outside 10..3600000"), p.transcript());
        }
    }

    /** The lines {@code engram predict CHECKPOINT INPUT} prints. */
    private static List<String> lines(Path home, Path checkpoint, Path input) throws Exception {
        try (EngramProcess p = EngramProcess.start(home, Map.of(), "predict", checkpoint.toString(), input.toString())) {
            assertEquals(0, p.waitFor(LIMIT), p.transcript());
            return p.out().lines().toList();
        }
    }
}
