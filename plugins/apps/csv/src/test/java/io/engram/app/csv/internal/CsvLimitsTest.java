package io.engram.app.csv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.DataShape;
import io.engram.api.Hyperparameters;
import io.engram.api.TaskData;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors name places, never the file's text; absurd inputs are refused before they are allocated. */
class CsvLimitsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String error(CsvApplication app, Path f, String... more) {
        Map<String, String> params = new HashMap<>(Map.of("file", f.toString(), "input.columns", "x",
                "target.columns", "y"));
        for (int i = 0; i < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        Try<TaskData> t = app.load(Hyperparameters.of(params), 1);
        assertTrue(t.isFailure(), "loaded " + f);
        return t.getCause().getMessage();
    }

    @Test
    void theContentsOfAFileThatIsNotADatasetNeverAppearInTheError() throws IOException {
        CsvApplication app = new CsvApplication();
        Path token = write("token", "s3cret-T0KEN-4f9a\n");
        assertEquals(token + ":1: no column 'x' (input.columns) in the header (the header has 1 column)\n"
                + token + ":1: no column 'y' (target.columns) in the header (the header has 1 column)", error(app, token));
        Path passwd = write("passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin\n");
        String e = error(app, passwd, "input.columns", "root:x:0:0:root:/root:/bin/bash", "target.columns", "y");
        assertFalse(e.contains("daemon"), e);
        Path table = write("t.csv", "x,y,secret\n1,SECRET-A,q\nSECRET-B,2,r\n\"SECRET-C,1,2\n1,2,3,SECRET-D\n");
        e = error(app, table);
        assertEquals(String.join("\n", table + ":3: column 'x' is not a finite number", table + ":4: unclosed quote",
                table + ":5: expected 3 columns as in the header, found 4",
                table + ":2: target column 'y' is not a finite number"), e);
        byte[] binary = new byte[4096];
        new SplittableRandom(7).nextBytes(binary);
        Path bin = dir.resolve("blob.bin");
        Files.write(bin, binary);
        e = error(app, bin);
        assertTrue(e.matches(java.util.regex.Pattern.quote(bin.toString()) + ":\\d+: not UTF-8 text at byte \\d+"), e);
    }

    @Test
    void aHeaderOfAMillionColumnsIsRefused() throws IOException {
        Path wide = write("wide.csv", ",".repeat(999_999) + "\n" + ",".repeat(999_999) + "\n");
        assertEquals(wide + ":1: header of 1000000 columns, more than the 100000 allowed (max.columns)",
                error(new CsvApplication(), wide));
        StringBuilder named = new StringBuilder("x,y");
        for (int i = 0; i < 1_000_000; i++) {
            named.append(",c").append(i);
        }
        Path f = write("named.csv", named + "\n1,2\n");
        assertEquals(f + ":1: line of " + named.length() + " characters, more than the 1000000 allowed (max.line.chars)",
                error(new CsvApplication(), f));
    }

    @Test
    void filesAndSequencesOverTheLimitsAreRefusedNamingFileAndLine() throws IOException {
        CsvApplication small = new CsvApplication(new CsvLimits(64, 10, 20, 3));
        Path big = write("big.csv", "x,y\n" + "1,2\n".repeat(20));
        assertEquals(big + ": file of 84 bytes, more than the 64 allowed (max.file.bytes)", error(small, big));
        Path rows = write("rows.csv", "x,y\n1,2\n1,2\n\n1,2\n1,2\n1,2\n1,2\n1,2\n");
        assertEquals(rows + ":5: sequence of more than 3 steps (max.sequence.steps)", error(small, rows));
        Path lines = write("lines.csv", "x,y\n1,2;1,2\n1,2;1,2;1,2;1,2\n");
        assertEquals(lines + ":3: sequence of more than 3 steps (max.sequence.steps)",
                error(small, lines, "layout", "lines"));
        Path wide = write("wide.csv", "x,y,,,,,,,,,\n");
        assertEquals(wide + ":1: header of 11 columns, more than the 10 allowed (max.columns)", error(small, wide));
        Path longLine = write("long.csv", "x,y\n1,2\n" + "1".repeat(21) + ",2\n");
        assertEquals(longLine + ":3: line of 23 characters, more than the 20 allowed (max.line.chars)",
                error(small, longLine));
        assertEquals(dir + ": not a regular file", error(small, dir));
    }

    @Test
    void theShapeBoundsTheDataFromTheFileSizeAndHeader() throws IOException {
        Path f = write("s.csv", "# comment\nx,z,y\n" + "0.25,7,1\n".repeat(100));
        long n = Files.size(f);
        DataShape s = new CsvApplication().shape(Hyperparameters.of(Map.of("file", f.toString(),
                "input.columns", "x", "target.columns", "y"))).get();
        long steps = n / (3 + 1);
        assertEquals(new DataShape("data.file", steps, steps, 0, 1, 1, 3 * n + DataShape.sequenceBytes(steps, steps, 1, 1)), s);
        assertTrue(s.steps() >= 100, "an upper bound of the 100 rows: " + s.steps());
    }
}
