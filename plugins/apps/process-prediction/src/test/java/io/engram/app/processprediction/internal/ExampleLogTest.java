package io.engram.app.processprediction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example's event log, {@code examples/data/order-to-cash.xes.gz}, is what the simulator makes
 * of {@value #CASES} cases with seed {@value #SEED}, read back through the XES reader. {@link #main}
 * writes it again: {@code java -cp target/classes:target/test-classes
 * io.engram.app.processprediction.internal.ExampleLogTest ../../../examples/data/order-to-cash.xes.gz}.
 */
class ExampleLogTest {
    static final int CASES = 2000;
    static final long SEED = 1;
    private static final Path FILE = Path.of("../../../examples/data/order-to-cash.xes.gz");

    @Test
    void theExampleLogIsTheSimulatorsOutput() {
        assertTrue(Files.isRegularFile(FILE), FILE.toAbsolutePath() + " is missing");
        Problems problems = new Problems();
        List<Trace> read = XesReader.read(FILE, true, problems);
        assertTrue(problems.isEmpty(), problems.all().mkString("; "));
        assertEquals(OrderToCash.simulate(CASES, SEED), read);
    }

    public static void main(String[] args) throws IOException {
        XesWriter.write(OrderToCash.simulate(CASES, SEED), Path.of(args[0]));
    }
}
