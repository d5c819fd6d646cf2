package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Capability;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackedFamilyTest {
    private static final Schema SCHEMA = LayerSchema.stacked("Units.", "Layers.");

    private static final class Plain extends StackedFamily {
        Plain() {
            super("plain", "A family for tests.", SCHEMA);
        }

        @Override
        public Network create(ModelSpec spec, Backend backend, long seed) {
            throw new UnsupportedOperationException();
        }
    }

    private final Plain family = new Plain();

    @Test
    void idDescriptionSchemaAndCapabilities() {
        assertEquals("plain", family.id());
        assertEquals("A family for tests.", family.description());
        assertEquals(SCHEMA, family.schema());
        assertEquals(Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS), family.capabilities());
    }

    @Test
    void validateReportsEveryCrossFieldProblemAtOnce() {
        ModelSpec bad = new ModelSpec("plain", 0, 0, DType.F32,
                SCHEMA.validate(Map.of("dropout", "0.2"), "model.").get());
        assertEquals("model.dropout: dropout acts between stacked layers only; with layers=1 it would have no effect",
                family.validate(bad).mkString("|"));
        ModelSpec good = new ModelSpec("plain", 2, 1, DType.F32,
                SCHEMA.validate(Map.of("dropout", "0.2", "layers", "2"), "model.").get());
        assertEquals(0, family.validate(good).size());
    }
}
