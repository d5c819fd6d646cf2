package io.engram.family.memristive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Problem;
import io.engram.tensor.DType;
import io.vavr.collection.Seq;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemristiveFamilyTest {
    private final MemristiveFamily family = new MemristiveFamily();

    @Test
    void tooFewMemristorsForAConnectedCircuitIsNamed() {
        Hyperparameters h = MemristiveFamily.SCHEMA.validate(Map.of("nodes", "20", "edges", "10"), "model.").get();
        Seq<Problem> problems = family.validate(new ModelSpec("memristive", 2, 1, DType.F64, h));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("model.edges", problems.get(0).where());
        assertTrue(problems.get(0).message().contains("needs at least 19 memristors, got 10"), problems.get(0).message());
    }

    @Test
    void anEulerStepThatOvershootsTheDecayIsNamed() {
        Hyperparameters h = MemristiveFamily.SCHEMA.validate(Map.of("alpha", "10", "dt", "1", "substeps", "4"), "model.").get();
        Seq<Problem> problems = family.validate(new ModelSpec("memristive", 2, 1, DType.F64, h));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("model.substeps", problems.get(0).where());
        assertTrue(problems.get(0).message().contains("use at least 10 substeps"), problems.get(0).message());
    }

    @Test
    void negativeXiIsRejectedByTheSchema() {
        Seq<Problem> problems = MemristiveFamily.SCHEMA.validate(Map.of("xi", "-1"), "model.").getError();
        assertEquals("model.xi", problems.get(0).where(), problems.toString());
    }
}
