package io.engram.family.historycompressor.internal;

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
import io.engram.train.TrainingSchema;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The history compressor's own trainer, {@code history-compression}: full BPTT on the application's
 * loss plus the distillation term of Schmidhuber (1992), the automatizer trained to predict the
 * top level's state ({@link DistillingGradients}), weighted by {@code distill}. It trains only
 * {@code history-compressor} networks built with {@code model.distill=true}; it lives in the
 * family's bundle because the term reads the levels' states. Epochs, batches, optimizer, schedule,
 * clipping, early stopping and events are those of {@link GradientTraining}.
 *
 * <p>Registered with {@code engram.trainer=history-compression}; stateless and thread-safe, per-job
 * state lives inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=history-compression",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE})
public final class HistoryCompressionTrainer implements Trainer {
    static final String FAMILY = "history-compressor";
    private static final Schema SCHEMA = TrainingSchema.common().plus(Schema.of(
            HyperParameter.real("distill", 1.0, 0.0, 1000.0,
                    "Weight of the distillation term: the automatizer's squared error in predicting the top level's state.")));

    @Activate
    public HistoryCompressionTrainer() {
    }

    @Override
    public String id() {
        return "history-compression";
    }

    @Override
    public String description() {
        return "BPTT of a history compressor with the automatizer also trained to predict the top level's state (Schmidhuber 1992).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.DIFFERENTIABLE);
    }

    /** The loss is taken step by step. */
    @Override
    public List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
        return loss instanceof StepwiseLoss ? List.of() : List.of(Problem.of("trainer",
                "history-compression takes the loss step by step; the application's loss is of the whole sequence"));
    }

    /** Only the history compressor: the distillation term reads its levels. */
    @Override
    public List<Problem> checkFamily(Hyperparameters hyper, String family, Set<String> capabilities) {
        return family.equals(FAMILY) ? List.of() : List.of(Problem.of("model.family",
                "history-compression trains the " + FAMILY + " family only, not " + family));
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        List<Problem> problems = checkLoss(context.hyper(), context.lossFunction());
        if (!problems.isEmpty()) {
            return GradientTraining.refuse(context, problems.get(0).toString());
        }
        if (!(context.network() instanceof HistoryCompressorNetwork net) || !net.distills()) {
            return GradientTraining.refuse(context, "model.distill: history-compression needs a " + FAMILY
                    + " network built with model.distill=true (the automatizer's head that predicts the top level's state)");
        }
        return GradientTraining.run(context, new DistillingGradients(context.hyper().getDouble("distill")));
    }
}
