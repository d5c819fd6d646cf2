package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BatchOutputs;
import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.StepwiseLoss;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loss of a job is looked up in the registry and checked against the trainer when the job is submitted. */
class SpecValidatorLossTest {
    private final PluginTable table = Fakes.table();
    private final SpecValidator validator = new SpecValidator(table, new Confinement(Path.of("/nonexistent/home"),
            List.of(Path.of("/nonexistent/home/data")), Path.of("/nonexistent/home/data/models")), 0.8, () -> 1L << 30);

    /** A loss of the whole sequence, as CTC is. */
    static final class WholeLoss extends WholeLossBase {
    }

    /** A loss of the whole sequence with the id {@code whole}, for tests to extend. */
    static class WholeLossBase implements Loss {
        @Override
        public String id() {
            return "whole";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public Tensor loss(Ops ops, BatchOutputs outputs) {
            return ops.sumAll(outputs.outputs());
        }
    }

    /** The toy trainer, refusing losses of the whole sequence as RTRL does. */
    static final class StepwiseTrainer extends Fakes.ToyTrainer {
        @Override
        public List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
            return loss instanceof StepwiseLoss ? List.of() : List.of(Problem.of("trainer", "loss '" + loss.id()
                    + "' is a loss of the whole sequence"));
        }
    }

    /** The toy application, announcing the loss its data will name from {@code data.loss}, free text. */
    static final class AnnouncingApplication extends Fakes.ToyApplication {
        @Override
        public Schema schema() {
            return Schema.of(HyperParameter.integer("sequences", 10, 1, 10_000, "How many."),
                    HyperParameter.integer("length", 3, 1, 100, "Steps each."),
                    HyperParameter.text("loss", "mse", "Task loss."),
                    HyperParameter.text("fail", "none", "unused"));
        }

        @Override
        public Optional<String> loss(Hyperparameters params) {
            return Optional.of(params.getString("loss"));
        }
    }

    private static List<String> lines(Validation<Seq<Problem>, ?> v) {
        assertTrue(v.isInvalid(), "expected problems");
        return v.getError().map(Problem::toString).toJavaList();
    }

    @Test
    void anUnknownLossInTheSpecNamesTheKeyAndTheInstalledLosses() {
        Map<String, String> spec = Fakes.spec();
        spec.put("loss", "hinge");
        assertEquals(List.of("loss: no loss 'hinge' is installed (installed: mse, softmax-ce)"),
                lines(validator.validate(spec)));
    }

    @Test
    void theSpecsLossIsResolvedAndOverridesTheDatas() {
        Map<String, String> spec = Fakes.spec();
        spec.put("loss", "softmax-ce");
        ResolvedSpec r = validator.validate(spec).get();
        assertEquals("softmax-ce", r.loss().resolved().orElseThrow().id());
        assertEquals("softmax-ce", r.loss().forData("mse").get().id());
        assertEquals("softmax-ce", r.loss().used().orElseThrow().id());
    }

    @Test
    void aLossTheApplicationAnnouncesIsCheckedOnDataLoss() {
        Fakes.add(table, PluginKind.APPLICATION, "speech", "1.0.0", new AnnouncingApplication(), Set.of());
        Map<String, String> spec = Fakes.spec();
        spec.put("data.app", "speech");
        spec.put("data.loss", "ctc");
        assertEquals(List.of("data.loss: no loss 'ctc' is installed (installed: mse, softmax-ce)"),
                lines(validator.validate(spec)));
        spec.put("data.loss", "softmax-ce");
        assertEquals("softmax-ce", validator.validate(spec).get().loss().resolved().orElseThrow().id());
    }

    @Test
    void aTrainerThatTakesTheLossRunByRunRefusesAWholeSequenceLossAtSubmission() {
        Fakes.add(table, PluginKind.LOSS, "whole", "1.0.0", new WholeLoss(), Set.of("whole-sequence"));
        Fakes.add(table, PluginKind.TRAINER, "stepwise", "1.0.0", new StepwiseTrainer(),
                Set.of(Capability.DIFFERENTIABLE));
        Map<String, String> spec = Fakes.spec();
        spec.put("loss", "whole");
        assertTrue(validator.validate(spec).isValid(), "the toy trainer takes every loss");
        spec.put("trainer", "stepwise");
        assertEquals(List.of("trainer: loss 'whole' is a loss of the whole sequence"), lines(validator.validate(spec)));
    }

    @Test
    void withoutAnAnnouncedLossTheDatasIdIsLookedUpWhenLoaded() {
        ResolvedSpec r = validator.validate(Fakes.spec()).get();
        assertTrue(r.loss().resolved().isEmpty());
        assertEquals("mse", r.loss().forData("mse").get().id());
        ResolvedSpec other = validator.validate(Fakes.spec()).get();
        assertEquals("the data names loss 'ctc', which is not installed (installed: mse, softmax-ce)",
                other.loss().forData("ctc").getError());
    }
}
