package io.engram.trainer.dekf.internal;

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
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.train.Losses;
import io.engram.train.WholeSequenceGradients;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Decoupled extended Kalman filter training (DEKF; Puskorius and Feldkamp 1994; with LSTM, Pérez-Ortiz,
 * Gers, Eck and Schmidhuber 2003): the weights are the state of a Kalman filter ({@link Dekf}),
 * decoupled per unit, updated at every step of every training sequence from the Jacobian of the
 * outputs with respect to the weights, which is carried forward in real time (RTRL, by forward-mode
 * differentiation, {@link DekfRun}). The measurement noise {@code r} and the process noise {@code q}
 * are annealed geometrically from {@code r.init}, {@code q.init} to {@code r.final}, {@code q.final}
 * over {@code anneal.steps} weight updates; {@code P} starts at {@code p.init} times the identity.
 * The defaults follow the paper's setting for LSTM: {@code R} from 100 down to 3, {@code Q} from
 * 10^-2 down to 10^-6.
 *
 * <p>Needs a {@link Capability#DIFFERENTIABLE} network that steps causally and a loss taken step by
 * step ({@link StepwiseLoss}); the kernel refuses others, naming both sides. Registered with
 * {@code engram.trainer=dekf}; stateless and thread-safe, per-job state lives inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=dekf",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE})
public final class DekfTrainer implements Trainer {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("epochs", 20, 1, 1_000_000, "Passes over the training sequences."),
            HyperParameter.real("p.init", 100.0, 1e-12, 1e12,
                    "Initial error covariance of the weights: P = p.init I in every group."),
            HyperParameter.real("r.init", 100.0, 1e-12, 1e12, "Measurement noise R at the first update."),
            HyperParameter.real("r.final", 3.0, 1e-12, 1e12, "Measurement noise R after anneal.steps updates."),
            HyperParameter.real("q.init", 1e-2, 0.0, 1e6, "Process noise Q at the first update."),
            HyperParameter.real("q.final", 1e-6, 0.0, 1e6, "Process noise Q after anneal.steps updates."),
            HyperParameter.integer("anneal.steps", 10_000, 1, Integer.MAX_VALUE,
                    "Weight updates over which R and Q go geometrically from their initial to their final values."),
            HyperParameter.text("target.metric", "",
                    "Stop once this validation metric (or 'loss') reaches target.value; empty disables."),
            HyperParameter.real("target.value", 0.0, -1e300, 1e300,
                    "Value of target.metric at which to stop (reached from above for losses and errors (names with "
                            + "loss, mae, mse, error or perplexity), from below otherwise)."));

    @Activate
    public DekfTrainer() {
    }

    @Override
    public String id() {
        return "dekf";
    }

    @Override
    public String description() {
        return "Decoupled extended Kalman filter: per-unit weight covariances, updated every step from real-time "
                + "output Jacobians (Puskorius and Feldkamp 1994; Perez-Ortiz et al. 2003).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.DIFFERENTIABLE);
    }

    /** The filter takes the loss step by step: a loss of the whole sequence is refused, naming {@code trainer}. */
    @Override
    public List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
        return loss instanceof StepwiseLoss ? List.of()
                : List.of(Problem.of("trainer", Losses.wholeSequence(loss, "trainer 'dekf'")));
    }

    /** The filter steps the network causally: a family that runs whole sequences is refused, naming {@code trainer}. */
    @Override
    public List<Problem> checkFamily(Hyperparameters hyper, String family, Set<String> capabilities) {
        return WholeSequenceGradients.refusal(family, capabilities, "DEKF")
                .map(why -> List.of(Problem.of("trainer", why))).orElse(List.of());
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        Optional<String> whole = WholeSequenceGradients.refusal(context.network(), "DEKF");
        if (whole.isPresent()) {
            return refuse(context, whole.get());
        }
        List<Problem> problems = checkLoss(context.hyper(), context.lossFunction());
        if (!problems.isEmpty()) {
            return refuse(context, problems.get(0).toString());
        }
        return new DekfRun(context).train();
    }

    private static TrainingResult refuse(TrainingContext context, String why) {
        context.emit(new TrainingEvent.Stopped(why, true));
        return new TrainingResult(Map.of(), 0, why, true);
    }
}
