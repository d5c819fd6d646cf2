package io.engram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.tensor.DType;
import io.vavr.control.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunTheFiveSpeedConfigsInBothModes() {
        BenchOptions o = BenchOptions.parse(List.of()).get();
        assertEquals(List.of("lstm_small", "lstm_std", "lstm_big", "gru_std", "elman_std"),
                o.configs().stream().map(BenchConfig::name).toList());
        assertEquals(List.of(Mode.TRAIN, Mode.INFER), o.modes());
        assertEquals("cpu", o.backend());
        assertEquals(DType.F32, o.dtype());
        assertEquals(0, o.threads());
        assertEquals(10, o.repsFor(BenchConfig.named("lstm_small").orElseThrow()));
        assertEquals(3, o.repsFor(BenchConfig.named("lstm_big").orElseThrow()));
    }

    @Test
    void namedConfigsAndSettings() {
        BenchOptions o = BenchOptions.parse(List.of("config=lstm_small, gru_std", "mode=infer", "threads=2", "reps=2",
                "warmup=0", "dtype=f64", "seed=7")).get();
        assertEquals(List.of("lstm_small", "gru_std"), o.configs().stream().map(BenchConfig::name).toList());
        assertEquals(List.of(Mode.INFER), o.modes());
        assertEquals(2, o.threads());
        assertEquals(2, o.repsFor(o.configs().get(1)));
        assertEquals(0, o.warmupFor(o.configs().get(1)));
        assertEquals(DType.F64, o.dtype());
        assertEquals(7L, o.seed());
    }

    @Test
    void sizeFlagsMakeACustomConfig() {
        BenchOptions o = BenchOptions.parse(List.of("config=custom", "family=gru", "input=10", "hidden=20", "seq=5", "batch=3")).get();
        assertEquals(List.of(new BenchConfig("custom", "gru", 10, 20, 5, 3)), o.configs());
        BenchOptions resized = BenchOptions.parse(List.of("config=lstm_std", "batch=1")).get();
        assertEquals(new BenchConfig("lstm_std:128/256/100/1", "lstm", 128, 256, 100, 1), resized.configs().get(0));
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        Validation<io.vavr.collection.Seq<String>, BenchOptions> v = BenchOptions.parse(List.of("config=lstm_huge",
                "threads=zero", "reps=0", "mode=both-ways", "family=hopfield", "dtype=f16", "colour=red", "hidden=5000", "seed"));
        assertTrue(v.isInvalid());
        List<String> problems = v.getError().toJavaList();
        assertEquals(List.of(
                "colour: unknown option (expected one of " + String.join(", ", BenchOptions.KEYS) + ")",
                "seed: no value (expected seed=VALUE)",
                "family: unknown 'hopfield' (expected one of elman, gru, lstm)",
                "hidden: 5000 is outside 1..4096",
                "threads: 'zero' is not a whole number",
                "reps: 0 is outside 1..1000000",
                "mode: unknown 'both-ways' (expected train, infer or both)",
                "dtype: unknown dtype 'f16' (expected f32 or f64)",
                "config: unknown 'lstm_huge' (expected one of lstm_small, lstm_std, lstm_big, gru_std, elman_std, lstm2_std, esn_fit, ntm_step, all, custom)"),
                problems);
    }

    @Test
    void allNamesEveryBuiltInConfigOnce() {
        assertEquals(List.copyOf(BenchConfig.BUILT_IN.values()), BenchOptions.parse(List.of("config=all")).get().configs());
        BenchOptions o = BenchOptions.parse(List.of("config=elman_std,all")).get();
        assertEquals(8, o.configs().size());
        assertEquals("elman_std", o.configs().get(0).name());
        assertEquals("lstm_small", o.configs().get(1).name());
    }

    @Test
    void anotherFamilyKeepsTheLayersOfAStackButNotAnNtmsMemory() {
        BenchOptions o = BenchOptions.parse(List.of("config=lstm2_std,ntm_step", "family=gru")).get();
        assertEquals(new BenchConfig("lstm2_std:gru", "gru", 128, 256, 100, 32, 2, 256, java.util.Map.of()), o.configs().get(0));
        assertEquals(new BenchConfig("ntm_step:gru", "gru", 10, 100, 42, 16), o.configs().get(1));
    }

    @Test
    void aRepeatedKeyIsAProblem() {
        assertEquals(List.of("reps: given more than once"),
                BenchOptions.parse(List.of("reps=1", "reps=2")).getError().toJavaList());
    }
}
