package io.engram.trainer.rtrl.internal;

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
import io.engram.train.WholeSequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Real-time recurrent learning (Williams and Zipser 1989, "A learning algorithm for continually
 * running fully recurrent neural networks", eqs. 10-14): the sensitivities of the state to every
 * weight, {@code p_t = ds_t/dw}, are carried forward with the state,
 * {@code p_{t+1} = (df/ds) p_t + df/dw}, and each step's error gradient is read off them as the step
 * ends. It is realised as forward-mode differentiation with one tangent direction per parameter
 * element, so it is exact and needs no memory of past steps, but for a fully recurrent net of
 * {@code n} units each step costs {@code O(n^4)} and the sensitivities take {@code O(n^3)} memory:
 * meant for small networks and for checking BPTT.
 *
 * <p>The gradient is accumulated over each padded batch and applied once per batch (with the
 * parameters fixed within the batch it equals the BPTT gradient); epochs, batches, optimizer,
 * schedule, clipping, early stopping and events are those of {@link GradientTraining}. Registered
 * with {@code engram.trainer=rtrl} and requires {@code differentiable}; stateless and thread-safe.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=rtrl",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE})
public final class RtrlTrainer implements Trainer, GradientTrainer {
    private static final Schema SCHEMA = TrainingSchema.common();

    @Activate
    public RtrlTrainer() {
    }

    @Override
    public String id() {
        return "rtrl";
    }

    @Override
    public String description() {
        return "Real-time recurrent learning: exact forward-mode gradients (Williams and Zipser 1989).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.DIFFERENTIABLE);
    }

    /** RTRL takes the loss step by step: a loss of the whole sequence is refused, naming {@code trainer}. */
    @Override
    public List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
        return loss instanceof StepwiseLoss ? List.of()
                : List.of(Problem.of("trainer", Losses.wholeSequence(loss, "trainer 'rtrl'")));
    }

    /** RTRL steps the network causally: a family that runs whole sequences is refused, naming {@code trainer}. */
    @Override
    public List<Problem> checkFamily(Hyperparameters hyper, String family, Set<String> capabilities) {
        return WholeSequenceGradients.refusal(family, capabilities, "RTRL")
                .map(why -> List.of(Problem.of("trainer", why))).orElse(List.of());
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        java.util.Optional<String> whole = WholeSequenceGradients.refusal(context.network(), "RTRL");
        if (whole.isPresent()) {
            return GradientTraining.refuse(context, whole.get());
        }
        List<Problem> problems = checkLoss(context.hyper(), context.lossFunction());
        if (!problems.isEmpty()) {
            return GradientTraining.refuse(context, problems.get(0).toString());
        }
        return GradientTraining.run(context, gradientMethod(context.hyper()));
    }

    @Override
    public GradientMethod gradientMethod(Hyperparameters hyper) {
        return SequenceGradients.rtrl();
    }
}
