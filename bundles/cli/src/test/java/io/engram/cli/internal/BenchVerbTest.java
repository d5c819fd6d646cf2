package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bench.BenchConfig;
import io.engram.bench.BenchOptions;
import io.engram.bench.BenchResult;
import io.engram.bench.Benchmarks;
import io.engram.bench.Mode;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchVerbTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<BenchOptions> seen = new ArrayList<>();

    private int call(Benchmarks b, String... args) {
        return new BenchVerb(b).apply(Map.of("args", List.of(args), "out", new PrintStream(out, true, StandardCharsets.UTF_8),
                "err", new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    /** Hands back one result per config and mode, with made-up timings. */
    private Either<String, List<BenchResult>> fake(BenchOptions o, java.util.function.Consumer<BenchResult> sink,
                                                  java.util.function.Consumer<String> notes) {
        seen.add(o);
        notes.accept("fake backend");
        List<BenchResult> all = new ArrayList<>();
        for (BenchConfig c : o.configs()) {
            for (Mode m : o.modes()) {
                BenchResult r = BenchResult.of(c, m, o.backend(), "f32", 2, 1, new double[] {0.5, 0.25}, 1 << 20);
                sink.accept(r);
                all.add(r);
            }
        }
        return Either.right(all);
    }

    @Test
    void printsOneJsonLinePerConfigAndMode() {
        assertEquals(0, call(this::fake, "config=lstm_small,elman_std", "reps=2"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("{\"config\":\"lstm_small\",\"mode\":\"train\",\"backend\":\"cpu\",\"dtype\":\"f32\",\"threads\":2,\"median_s\":0.375,"), lines[0]);
        assertTrue(lines[3].startsWith("{\"config\":\"elman_std\",\"mode\":\"infer\""), lines[3]);
        assertEquals("engram bench: fake backend\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(2, seen.get(0).reps());
    }

    @Test
    void badOptionsAreListedWithExitTwoAndNothingRuns() {
        assertEquals(2, call(this::fake, "config=nope", "threads=-1"));
        assertEquals("""
                engram bench: the options were rejected (2 problems):
                  threads: -1 is outside 1..1024
                  config: unknown 'nope' (expected one of lstm_small, lstm_std, lstm_big, gru_std, elman_std, lstm2_std, esn_fit, ntm_step, all, custom)
                """, err.toString(StandardCharsets.UTF_8));
        assertTrue(seen.isEmpty());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRunThatCannotGoOnExitsOne() {
        assertEquals(1, call((o, sink, notes) -> Either.left("no backend 'tpu' is registered (engram.backend=tpu)"), "backend=tpu"));
        assertEquals("engram bench: no backend 'tpu' is registered (engram.backend=tpu)\n", err.toString(StandardCharsets.UTF_8));
    }
}
