package io.engram.trainer.bptt.internal;

import io.engram.api.Capability;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.Problem;
import io.engram.api.StepwiseLoss;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingResult;
import io.engram.train.GradientMethod;
import io.engram.train.GradientTrainer;
import io.engram.train.GradientTraining;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import io.engram.train.WholeSequenceGradients;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Backpropagation through time (Werbos 1990, "Backpropagation through time: what it does and how
 * to do it", eqs. 10-12): the network is unrolled over each padded batch of sequences, recorded on
 * a tape, and the gradient of the summed step losses flows back through every step. With
 * {@code k1}/{@code k2} set it is the truncated BPTT(h; h') of Williams and Peng 1990 ("An
 * efficient gradient-based algorithm for on-line training of recurrent network trajectories"):
 * every {@code k1 = h'} steps the errors of those steps are propagated {@code k2 = h} steps back,
 * from a state taken as constant. {@code k2 = 0} reaches the start of the sequence; with
 * {@code k2} covering the sequence the gradient is that of full BPTT.
 *
 * <p>The epochs, batches, optimizer, schedule, clipping, early stopping and events are those of
 * {@link GradientTraining}. Registered with {@code engram.trainer=bptt} and requires
 * {@code differentiable}; stateless and thread-safe, per-job state lives inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=bptt",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE})
public final class BpttTrainer implements Trainer, GradientTrainer {
    private static final Schema SCHEMA = TrainingSchema.bptt();

    @Activate
    public BpttTrainer() {
    }

    @Override
    public String id() {
        return "bptt";
    }

    @Override
    public String description() {
        return "Backpropagation through time, full or truncated BPTT(k2; k1) (Werbos 1990; Williams and Peng 1990).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.DIFFERENTIABLE);
    }

    /**
     * Truncated BPTT and recomputation take the loss run by run, so with {@code trainer.k1},
     * {@code trainer.k2} or {@code trainer.checkpoint.segments} set a loss of the whole sequence is
     * refused, naming the key; full BPTT takes every loss.
     */
    @Override
    public List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
        if (loss instanceof StepwiseLoss) {
            return List.of();
        }
        int k1 = hyper.has("k1") ? hyper.getInt("k1") : 0;
        int k2 = hyper.has("k2") ? hyper.getInt("k2") : 0;
        int segments = hyper.has("checkpoint.segments") ? hyper.getInt("checkpoint.segments") : 0;
        if (k1 > 0 || k2 > 0) {
            return List.of(Problem.of(k1 > 0 ? "trainer.k1" : "trainer.k2",
                    Losses.wholeSequence(loss, "truncated BPTT")));
        }
        if (segments > 1) {
            return List.of(Problem.of("trainer.checkpoint.segments",
                    Losses.wholeSequence(loss, "BPTT with recomputation")));
        }
        return List.of();
    }

    /**
     * Truncated BPTT and recomputation step the network causally, so with {@code trainer.k1},
     * {@code trainer.k2} or {@code trainer.checkpoint.segments} set a family that runs whole
     * sequences is refused, naming the key; full BPTT trains every differentiable family.
     */
    @Override
    public List<Problem> checkFamily(Hyperparameters hyper, String family, Set<String> capabilities) {
        int k1 = hyper.has("k1") ? hyper.getInt("k1") : 0;
        int k2 = hyper.has("k2") ? hyper.getInt("k2") : 0;
        int segments = hyper.has("checkpoint.segments") ? hyper.getInt("checkpoint.segments") : 0;
        String key = k1 > 0 ? "trainer.k1" : k2 > 0 ? "trainer.k2" : segments > 1 ? "trainer.checkpoint.segments" : null;
        if (key == null) {
            return List.of();
        }
        return WholeSequenceGradients.refusal(family, capabilities, key.equals("trainer.checkpoint.segments")
                        ? "BPTT with recomputation" : "truncated BPTT")
                .map(why -> List.of(Problem.of(key, why))).orElse(List.of());
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        List<Problem> problems = checkLoss(context.hyper(), context.lossFunction());
        if (!problems.isEmpty()) {
            return GradientTraining.refuse(context, problems.get(0).toString());
        }
        int k1 = context.hyper().has("k1") ? context.hyper().getInt("k1") : 0;
        int k2 = context.hyper().has("k2") ? context.hyper().getInt("k2") : 0;
        if (k2 > 0 && (k1 == 0 || k2 < k1)) {
            String reason = "trainer.k2: must be 0 (to the start) or at least trainer.k1 (" + k1 + "), got " + k2;
            return GradientTraining.refuse(context, reason);
        }
        int segments = context.hyper().has("checkpoint.segments") ? context.hyper().getInt("checkpoint.segments") : 0;
        if (segments > 1 && (k1 > 0 || k2 > 0)) {
            String reason = "trainer.checkpoint.segments: recomputation applies to full BPTT only (trainer.k1 = "
                    + "trainer.k2 = 0), got k1 = " + k1 + ", k2 = " + k2;
            return GradientTraining.refuse(context, reason);
        }
        java.util.Optional<String> whole = k1 > 0 || k2 > 0 || segments > 1 ? WholeSequenceGradients.refusal(
                context.network(), "truncated BPTT or recomputation (trainer.k1 = " + k1 + ", trainer.k2 = " + k2
                        + ", trainer.checkpoint.segments = " + segments + ")") : java.util.Optional.empty();
        if (whole.isPresent()) {
            return GradientTraining.refuse(context, whole.get());
        }
        return GradientTraining.run(context, gradientMethod(context.hyper()));
    }

    /** Full BPTT with recomputation over {@code checkpoint.segments}, or BPTT truncated by {@code k1} and {@code k2}. */
    @Override
    public GradientMethod gradientMethod(Hyperparameters hyper) {
        int k1 = hyper.has("k1") ? hyper.getInt("k1") : 0;
        int k2 = hyper.has("k2") ? hyper.getInt("k2") : 0;
        int segments = hyper.has("checkpoint.segments") ? hyper.getInt("checkpoint.segments") : 0;
        return segments > 1 ? SequenceGradients.checkpointed(segments) : SequenceGradients.truncated(k1, k2);
    }
}
