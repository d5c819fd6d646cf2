package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Capability;
import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import io.engram.kernel.PluginKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trainer judges the family's declared capabilities when the job is submitted ({@code Trainer.checkFamily}). */
class SpecValidatorFamilyCheckTest {
    private final PluginTable table = Fakes.table();
    private final SpecValidator validator = new SpecValidator(table, new Confinement(Path.of("/nonexistent/home"),
            List.of(Path.of("/nonexistent/home/data")), Path.of("/nonexistent/home/data/models")), 0.8, () -> 1L << 30);

    /** The toy trainer, refusing families that run whole sequences as RTRL does. */
    static final class CausalTrainer extends Fakes.ToyTrainer {
        @Override
        public List<Problem> checkFamily(Hyperparameters hyper, String family, Set<String> capabilities) {
            return capabilities.contains(Capability.WHOLE_SEQUENCE)
                    ? List.of(Problem.of("trainer", "family '" + family + "' runs whole sequences")) : List.of();
        }
    }

    @Test
    void aCausalTrainerRefusesAWholeSequenceFamilyNamingBoth() {
        Fakes.add(table, PluginKind.TRAINER, "causal", "1.0.0", new CausalTrainer(), Set.of(Capability.DIFFERENTIABLE));
        Fakes.add(table, PluginKind.FAMILY, "whole", "1.0.0", new Fakes.ToyFamily("1.0.0"),
                Set.of(Capability.DIFFERENTIABLE, Capability.WHOLE_SEQUENCE));
        Map<String, String> spec = Fakes.spec();
        spec.put("trainer", "causal");
        assertTrue(validator.validate(spec).isValid(), "a causal family passes");
        spec.put("model.family", "whole");
        var v = validator.validate(spec);
        assertTrue(v.isInvalid(), "a whole-sequence family is refused");
        assertEquals(List.of("trainer: family 'whole' runs whole sequences"),
                v.getError().map(Problem::toString).toJavaList());
    }
}
