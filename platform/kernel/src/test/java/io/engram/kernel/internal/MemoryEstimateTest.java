package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.DataShape;
import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

    private static final long GIB = 1L << 30;

    @Test
    void activationsFollowTheReadmesBpttFigure() {
        // 100 steps, batch 32, an LSTM of 256 units over 128 inputs, f32: 100·32·14·256·4 B ≈ 46 MB = 43.8 MiB
        DataShape shape = new DataShape("data.file", 1000, 100_000, 100, 128, 10, 0);
        MemoryEstimate m = MemoryEstimate.of(Optional.of(shape), Hyperparameters.of(Map.of("hidden", 256)),
                Hyperparameters.of(Map.of("batch.size", 32)), 4);
        assertEquals(100.0 * 32 * 14 * 256 * 4, m.activations());
        double p = 4.0 * 256 * (128 + 256 + 1) + 10 * 257;
        assertEquals(4 * p * 4, m.parameters());
        assertEquals("43.8 MiB", MemoryEstimate.bytes(m.activations()));
    }

    @Test
    void truncatedAndSegmentedBpttKeepFewerSteps() {
        DataShape shape = new DataShape("data.length", 100, 100_000, 1000, 2, 1, 0);
        Hyperparameters model = Hyperparameters.of(Map.of("hidden", 10, "layers", 2));
        double a = 14.0 * 10 * 2;
        assertEquals(50 * 16 * a * 8, MemoryEstimate.of(Optional.of(shape), model,
                Hyperparameters.of(Map.of("batch.size", 16, "k2", 50)), 8).activations());
        assertEquals(10 * 16 * 2 * 10 * 2 * 8 + 100 * 16 * a * 8, MemoryEstimate.of(Optional.of(shape), model,
                Hyperparameters.of(Map.of("batch.size", 16, "checkpoint.segments", 10)), 8).activations());
        DataShape few = new DataShape("data.length", 3, 30, 10, 2, 1, 0);
        assertEquals(10 * 3 * a * 8, MemoryEstimate.of(Optional.of(few), model,
                Hyperparameters.of(Map.of("batch.size", 16)), 8).activations(), "B is at most the sequences");
    }

    @Test
    void aJobAboveTheShareOfTheHeapIsRefusedNamingEstimateAndLimit() {
        MemoryEstimate m = new MemoryEstimate(12.0e9, 2.2e9, 1.0e6);
        assertEquals(Optional.empty(), m.check("data.length", 0.8, 20 * GIB));
        assertEquals(Optional.of(Problem.of("data.length", "the job needs about 13.2 GiB (data 11.2 GiB, activations "
                + "2.0 GiB, parameters 976.6 KiB) but the JVM can give at most 3.2 GiB (jobs.memory.fraction 0.8 of -Xmx "
                + "4.0 GiB; set ENGRAM_OPTS=-Xmx...)")), m.check("data.length", 0.8, 4 * GIB));
    }

    @Test
    void theValidatorRefusesAJobWhoseDataDoesNotFitAndAcceptsOneThatDoes() {
        Confinement c = new Confinement(Path.of("/nonexistent"), List.of(), Path.of("/nonexistent/models"));
        SpecValidator small = new SpecValidator(Fakes.table(), c, 0.5, () -> 1_000_000);
        Map<String, String> spec = Fakes.spec();
        assertTrue(small.validate(spec).isValid(), () -> small.validate(spec).getError().mkString());
        spec.put("data.sequences", "10000");
        spec.put("data.length", "100");
        List<String> problems = small.validate(spec).getError().map(Problem::toString).toJavaList();
        // data: 10^6 steps of 2 inputs and 2 targets at 81 B and 10^4 sequences at 48 B = 77.7 MiB;
        // activations: 100 steps, batch 16, 14·32 values of 4 B = 2.7 MiB
        assertEquals(List.of("data.sequences: the job needs about 80.5 MiB (data 77.7 MiB, activations 2.7 MiB, "
                + "parameters 71.0 KiB) but the JVM can give at most 488.3 KiB (jobs.memory.fraction 0.5 of -Xmx "
                + "976.6 KiB; set ENGRAM_OPTS=-Xmx...)"), problems);
    }
}
