package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.cli.VerbCall;
import io.engram.kernel.Predictor;
import io.engram.tensor.DType;
import io.vavr.control.Try;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderReplayTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Long> seeds = new ArrayList<>();

    /** Replays two steps of a position that grows by the seed; a checkpoint named "data" acted in no environment. */
    private final Predictor predictor = new Predictor() {
        @Override
        public Try<CheckpointMetadata> describe(Path checkpoint) {
            return Try.success(new CheckpointMetadata(1, "test.family", "1.0.0",
                    new ModelSpec("toy", 1, 1, DType.F64, Hyperparameters.empty()),
                    new Provenance(42, "env", "d", List.of(), Map.of(), "2026-01-01T00:00:00Z")));
        }

        @Override
        public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs) {
            return Try.failure(new AssertionError("not called"));
        }

        @Override
        public Try<Replay> replay(Path checkpoint, long seed) {
            seeds.add(seed);
            if (checkpoint.toString().endsWith("data")) {
                return Try.failure(new IllegalArgumentException("application 'csv' offers no environment"));
            }
            return Try.success(new Replay(List.of("step", "x", "action.0", "reward"), List.of(
                    new double[] {0, 0, Double.NaN, 0}, new double[] {1, seed, 1, 1}, new double[] {2, 2 * seed, 1, 1})));
        }
    };

    private int run(String... args) {
        return new PredictVerb(predictor).apply(Map.of(VerbCall.ARGS, List.of(args),
                VerbCall.OUT, new PrintStream(out, true, StandardCharsets.UTF_8),
                VerbCall.ERR, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void writesTheTrajectoryFromTheJobsSeedOrTheOneGiven() throws Exception {
        assertEquals(VerbCall.OK, run("--render", dir.resolve("run.csv").toString(), "model.ckpt"));
        assertEquals("step,x,action.0,reward\n0,0,,0\n1,42,1,1\n2,84,1,1\n",
                Files.readString(dir.resolve("run.csv")));
        assertTrue(Files.size(dir.resolve("run.png")) > 0);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("replayed 2 steps from seed 42: wrote "));
        assertEquals(VerbCall.OK, run("--seed", "7", "--render", dir.resolve("b").toString(), "model.ckpt"));
        assertEquals(List.of(42L, 7L), seeds);
        assertTrue(Files.readString(dir.resolve("b.csv")).contains("\n1,7,1,1\n"));
    }

    @Test
    void badArgumentsAndModelsWithoutEnvironmentAreBadInput() {
        assertEquals(VerbCall.BAD_INPUT, run("--render", dir.resolve("x").toString(), "--seed", "soon", "model.ckpt"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--seed: expected a whole number, got 'soon'"));
        assertEquals(VerbCall.BAD_INPUT, run("--render", dir.resolve("x").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(RenderReplay.USAGE));
        assertEquals(VerbCall.BAD_INPUT, run("--render", dir.resolve("x").toString(), "data"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("data: application 'csv' offers no environment"));
        assertFalse(Files.exists(dir.resolve("x.csv")), "nothing written");
    }
}
