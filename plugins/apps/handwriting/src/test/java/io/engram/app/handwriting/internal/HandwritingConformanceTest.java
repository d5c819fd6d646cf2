package io.engram.app.handwriting.internal;

import io.engram.testkit.ApplicationConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The handwriting application held to the application conformance suite on a few generated words:
 * the error rates and both baselines' as metrics, loss {@code ctc}; a word the generator cannot write,
 * files without a training file and a CSV with a bad row are refused naming their key.
 */
class HandwritingConformanceTest extends ApplicationConformance {
    private static final Path BAD = bad();

    HandwritingConformanceTest() {
        super(new HandwritingApplication(), Map.of("words", "on,no,at", "writers", "2", "validation.writers", "1",
                "test.writers", "1", "samples.per.writer", "4"),
                Set.of("char.error.rate", "word.error.rate", "baseline.frequent.char.error.rate",
                        "baseline.frequent.word.error.rate", "baseline.dtw.char.error.rate", "baseline.dtw.word.error.rate"));
    }

    @Override
    protected Set<String> losses() {
        return Set.of("ctc");
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("words", "on,No"), "words"),
                new BadCase(Map.of("source", "files"), "train.file"),
                new BadCase(Map.of("source", "files", "train.file", BAD.toString()), "train.file"));
    }

    private static Path bad() {
        try {
            Path dir = Files.createTempDirectory("handwriting-conformance");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("bad.csv");
            Files.writeString(file, "sample,stroke,x,y,label\ns1,0,1,2,on\ns1,0,1,two,\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
