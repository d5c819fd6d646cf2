package io.engram.app.csv.internal;

import io.engram.testkit.ApplicationConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CSV application held to the application conformance suite on a file of twelve sequences
 * (rows layout with a sequence column, numeric targets): metrics {@code mse} and {@code mae}; a
 * column missing from the header is refused naming the parameter.
 */
class CsvConformanceTest extends ApplicationConformance {

    CsvConformanceTest() {
        super(new CsvApplication(), Map.of("file", FILE.toString(), "sequence.column", "id",
                "input.columns", "x1,x2", "target.columns", "y"), Set.of("mse", "mae"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("input.columns", "x1,nope"), "input.columns"),
                new BadCase(Map.of("target.columns", "nope"), "target.columns"));
    }

    private static final Path FILE = write();

    private static Path write() {
        StringBuilder text = new StringBuilder("id,x1,x2,y\n");
        for (int s = 0; s < 12; s++) {
            for (int t = 0; t <= s % 4; t++) {
                text.append(s).append(',').append(0.25 * t - 0.5).append(',').append(0.1 * s).append(',')
                        .append(0.05 * (s + t)).append('\n');
            }
        }
        try {
            Path p = Files.createTempFile("engram-csv-conformance", ".csv");
            p.toFile().deleteOnExit();
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
