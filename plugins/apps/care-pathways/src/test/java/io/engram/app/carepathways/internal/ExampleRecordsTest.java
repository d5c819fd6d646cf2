package io.engram.app.carepathways.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example's visit records, {@code examples/data/care-visits.csv.gz}, are what the simulator makes
 * of {@value #PATIENTS} patients with seed {@value #SEED}, read back through the CSV reader.
 * {@link #main} writes them again: {@code java -cp target/classes:target/test-classes
 * io.engram.app.carepathways.internal.ExampleRecordsTest ../../../examples/data/care-visits.csv.gz}.
 */
class ExampleRecordsTest {
    static final int PATIENTS = 3000;
    static final long SEED = 1;
    private static final Path FILE = Path.of("../../../examples/data/care-visits.csv.gz");

    @Test
    void theExampleRecordsAreTheSimulatorsOutput() {
        assertTrue(Files.isRegularFile(FILE), FILE.toAbsolutePath() + " is missing");
        Problems problems = new Problems();
        List<Patient> read = VisitCsvReader.read(FILE, ',', "patient", "date", "codes", problems);
        assertTrue(problems.isEmpty(), problems.all().mkString("; "));
        assertEquals(CareSimulator.simulate(PATIENTS, SEED), read);
    }

    public static void main(String[] args) throws IOException {
        CareSimulator.write(CareSimulator.simulate(PATIENTS, SEED), Path.of(args[0]));
    }
}
