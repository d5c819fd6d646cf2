package io.engram.app.music.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The music application held to the application conformance suite on a few short generated songs. */
class MusicConformanceTest extends ApplicationConformance {
    MusicConformanceTest() {
        super(new MusicApplication(), Map.of("train.size", "6", "validation.size", "3", "test.size", "3",
                "choruses", "1", "compose.bars", "12"),
                Set.of("accuracy", "baseline.accuracy", "chord.accuracy", "data.fit", "compose.fit", "compose.chords",
                        "compose.baseline.random.fit", "compose.baseline.unigram.fit"));
    }

    @Override
    protected Set<String> losses() {
        return Set.of("sigmoid-bce");
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("low", "70", "high", "60"), "high"),
                new BadCase(Map.of("output", "song.wav"), "output"));
    }
}
