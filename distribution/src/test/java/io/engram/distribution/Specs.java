package io.engram.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Job specs small enough for integration tests. */
final class Specs {

    /** An LSTM learning the Reber grammar for two short epochs: a few seconds. */
    static final String TINY = """
            job.name=it-tiny
            seed=7
            model.family=lstm
            model.hidden=4
            trainer=bptt
            trainer.epochs=2
            trainer.batch.size=8
            data.app=grammar
            data.task=reber
            data.train.size=32
            data.validation.size=8
            data.test.size=8
            """;

    /** Runs far longer than any test waits; tests cancel it. */
    static final String ENDLESS = """
            job.name=it-endless
            seed=7
            model.family=lstm
            model.hidden=16
            trainer=bptt
            trainer.epochs=100000
            trainer.batch.size=8
            data.app=grammar
            data.task=embedded-reber
            data.train.size=256
            data.validation.size=8
            data.test.size=8
            """;

    /** Five problems at once: a bad seed, an unknown dtype, two values out of range, no application. */
    static final String BAD = """
            job.name=it-bad
            seed=seven
            dtype=f16
            model.family=lstm
            model.hidden=0
            trainer=bptt
            trainer.epochs=0
            """;

    /** The keys {@link #BAD} gets wrong. */
    static final java.util.List<String> BAD_KEYS = java.util.List.of("seed", "dtype", "model.hidden", "trainer.epochs", "data.app");

    private Specs() {
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** The spec as a flat JSON object, for the REST API. */
    static String json(String properties) {
        StringBuilder sb = new StringBuilder("{");
        for (String line : properties.strip().split("\n")) {
            String[] kv = line.split("=", 2);
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(kv[0].strip()).append("\":\"").append(kv[1].strip()).append('"');
        }
        return sb.append('}').toString();
    }
}
