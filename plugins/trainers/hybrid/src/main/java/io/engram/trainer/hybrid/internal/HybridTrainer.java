package io.engram.trainer.hybrid.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.StepwiseLoss;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingResult;
import io.engram.train.GradientTraining;
import io.engram.train.Losses;
import io.engram.train.OnlineTraining;
import io.engram.train.WholeSequenceGradients;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * On-line learning on a continuing stream by the fixed-size-storage hybrid of BPTT and RTRL
 * (Schmidhuber 1992; {@link FixedSizeStorage}): BPTT within blocks of {@code block} steps, RTRL
 * sensitivities carried across block boundaries, {@code O(n^3)} per step on average, the weights
 * changed at the end of every block or, with {@code update = step}, after every step. The loop
 * (epochs over the training streams, optimizer, schedule, clipping, events) is
 * {@link OnlineTraining}'s.
 *
 * <p>Registered with {@code engram.trainer=rtrl-bptt} and requires {@code differentiable}; takes a
 * per-step loss and a family that steps causally, as {@code rtrl} does. Stateless and thread-safe.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=rtrl-bptt",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE})
public final class HybridTrainer implements Trainer {
    static final String ID = "rtrl-bptt";
    private static final Schema SCHEMA = OnlineTraining.schema().plus(Schema.of(
            HyperParameter.integer("block", 0, 0, 1_000_000,
                    "Steps per block (h): BPTT within a block, RTRL sensitivities across blocks; 0 means n, "
                            + "the number of state elements, which gives O(n^3) per step."),
            HyperParameter.choice("update", "block", List.of("block", "step"),
                    "When the weights change: at the end of every block, or after every step.")));

    @Activate
    public HybridTrainer() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "On-line BPTT/RTRL hybrid with fixed-size storage, O(n^3) per step (Schmidhuber 1992).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.DIFFERENTIABLE);
    }

    /** The hybrid takes the loss step by step: a loss of the whole sequence is refused, naming {@code trainer}. */
    @Override
    public List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
        return loss instanceof StepwiseLoss ? List.of()
                : List.of(Problem.of("trainer", Losses.wholeSequence(loss, "trainer '" + ID + "'")));
    }

    /** The hybrid steps the network causally: a family that runs whole sequences is refused. */
    @Override
    public List<Problem> checkFamily(Hyperparameters hyper, String family, Set<String> capabilities) {
        return WholeSequenceGradients.refusal(family, capabilities, "the BPTT/RTRL hybrid")
                .map(why -> List.of(Problem.of("trainer", why))).orElse(List.of());
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        Optional<String> whole = WholeSequenceGradients.refusal(context.network(), "the BPTT/RTRL hybrid");
        if (whole.isPresent()) {
            return GradientTraining.refuse(context, whole.get());
        }
        List<Problem> problems = checkLoss(context.hyper(), context.lossFunction());
        if (!problems.isEmpty()) {
            return GradientTraining.refuse(context, problems.get(0).toString());
        }
        Hyperparameters h = context.hyper();
        int block = h.has("block") ? h.getInt("block") : 0;
        boolean perStep = h.has("update") && h.getString("update").equals("step");
        return OnlineTraining.run(context, new FixedSizeStorage(block, perStep));
    }
}
