package io.engram.trainer.crbp.internal;

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
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * On-line learning of locally recurrent networks (family {@code iir-mlp}) by causal recursive
 * backpropagation (Campolucci, Uncini, Piazza and Rao 1999; {@link CausalRecursiveBackprop}): the
 * weights change after every step with a target, by the gradient of that step's error with deltas
 * reaching {@code depth} steps back. The loop (epochs over the training streams, optimizer,
 * schedule, clipping, events) is {@link OnlineTraining}'s.
 *
 * <p>Registered with {@code engram.trainer=crbp} and requires {@code differentiable}; refuses
 * families other than {@code iir-mlp} and losses of the whole sequence, naming {@code trainer}.
 * Stateless and thread-safe.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=crbp",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE})
public final class CrbpTrainer implements Trainer {
    static final String ID = "crbp";
    private static final Schema SCHEMA = OnlineTraining.schema().plus(Schema.of(
            HyperParameter.integer("depth", 10, 0, 100_000,
                    "Q: how many past steps the deltas of each step's error are backpropagated through the "
                            + "upper layers' filters (0: the Back-Tsoi algorithm)."),
            HyperParameter.choice("update", "step", List.of("step"),
                    "When the weights change: after every step with a target, as CRBP does.")));

    @Activate
    public CrbpTrainer() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Causal recursive backpropagation: on-line learning of IIR-MLPs (Campolucci et al. 1999).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.DIFFERENTIABLE);
    }

    /** CRBP takes the loss step by step: a loss of the whole sequence is refused, naming {@code trainer}. */
    @Override
    public List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
        return loss instanceof StepwiseLoss ? List.of()
                : List.of(Problem.of("trainer", Losses.wholeSequence(loss, "trainer '" + ID + "'")));
    }

    /** CRBP knows the structure of the IIR-MLP only. */
    @Override
    public List<Problem> checkFamily(Hyperparameters hyper, String family, Set<String> capabilities) {
        return IirStructure.FAMILY.equals(family) ? List.of() : List.of(Problem.of("trainer", refusal(family)));
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        String family = context.network().spec().family();
        if (!IirStructure.FAMILY.equals(family)) {
            return GradientTraining.refuse(context, "trainer: " + refusal(family));
        }
        List<Problem> problems = checkLoss(context.hyper(), context.lossFunction());
        if (!problems.isEmpty()) {
            return GradientTraining.refuse(context, problems.get(0).toString());
        }
        int depth = context.hyper().has("depth") ? context.hyper().getInt("depth") : 10;
        return OnlineTraining.run(context, new CausalRecursiveBackprop(depth));
    }

    private static String refusal(String family) {
        return "trainer 'crbp' trains locally recurrent networks of family '" + IirStructure.FAMILY
                + "' only, not '" + family + "'; train it with 'rtrl-bptt', 'rtrl' or 'bptt' instead";
    }
}
