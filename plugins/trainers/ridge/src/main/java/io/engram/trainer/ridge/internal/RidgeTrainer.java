package io.engram.trainer.ridge.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Closed-form ridge regression (Tikhonov regularisation; Hoerl and Kennard 1970) of a network's
 * linear readout, the way echo state networks and liquid state machines are trained (Jaeger and
 * Haas 2004, supplement; Lukosevicius 2012, "A practical guide to applying echo state networks",
 * section 4.1): with the design rows {@code x = [features, 1]} of every step past the washout that
 * carries a target, and the targets {@code y},
 * <pre>
 *   [W; b] = (X^T X + lambda D)^-1 X^T Y          D = diag(1, ..., 1, 0): the bias is not penalised
 * </pre>
 * {@code X^T X} and {@code X^T Y} are summed in f64 a block of rows at a time, so memory does not
 * grow with the number of steps, and the system is solved by a Cholesky factorisation in f64. With
 * a bias, the rows are summed less their mean (the bias absorbs the shift), which keeps the system
 * positive definite down to far smaller ridges than raw reservoir states allow.
 * Only the readout's weights and bias ({@link io.engram.api.LinearReadout}) are written; every
 * other parameter stays bit for bit as it was.
 *
 * <p>Settings ({@code trainer.*}): {@code ridge}, one value or a comma-separated list of values of
 * {@code lambda}; with several, each is fitted on the training rows and scored by its squared error
 * on the validation rows (the task's validation data, or else the last {@code validation.fraction}
 * of each training sequence's rows), and the best is fitted again on all training rows (or, where
 * the Gram matrix of all rows plus it is not positive definite to working precision, the next
 * larger one in the list that is, with a warning).
 * {@code washout}: steps at the start of every sequence whose rows are left out (the reservoir's
 * initial transient). {@code batch.size}: sequences per pass of feature collection. The loss
 * reported is the mean squared error of the readout over the rows and outputs, whatever the task's
 * loss.
 *
 * <p>Registered with {@code engram.trainer=ridge} and {@code engram.capabilities=linear-readout}
 * (it trains any family whose networks offer a linear readout); stateless and thread-safe.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=ridge",
        PluginProperties.CAPABILITIES + "=" + Capability.LINEAR_READOUT})
public final class RidgeTrainer implements Trainer {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.text("ridge", "1e-8,1e-6,1e-4,1e-2,1",
                    "Ridge (regularisation) strength lambda, or a comma-separated list to choose from on the validation rows."),
            HyperParameter.integer("washout", 100, 0, 10_000_000,
                    "Steps at the start of every sequence left out of the fit (the reservoir's initial transient)."),
            HyperParameter.integer("batch.size", 32, 1, 1_000_000, "Sequences per pass of feature collection."),
            HyperParameter.real("validation.fraction", 0.2, 0.0, 0.9,
                    "With several ridges and no validation data: the last fraction of each training sequence's rows that validates."));

    @Activate
    public RidgeTrainer() {
    }

    @Override
    public String id() {
        return "ridge";
    }

    @Override
    public String description() {
        return "Closed-form ridge regression of the linear readout, the ridge chosen on validation rows.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.LINEAR_READOUT);
    }

    /** Refuses a {@code trainer.ridge} that is not a list of numbers at or above 0. */
    @Override
    public List<Problem> checkLoss(Hyperparameters hyper, Loss loss) {
        Either<String, List<Double>> ridges = RidgeList.parse(hyper.getString("ridge"));
        return ridges.isLeft() ? List.of(Problem.of("trainer.ridge", message(ridges.getLeft()))) : List.of();
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        Either<String, List<Double>> ridges = RidgeList.parse(context.hyper().getString("ridge"));
        if (ridges.isLeft()) {
            context.emit(new TrainingEvent.Stopped(ridges.getLeft(), true));
            return new TrainingResult(Map.of(), 0, ridges.getLeft(), true);
        }
        return new RidgeFit(context, ridges.get()).run();
    }

    private static String message(String reason) {
        return reason.startsWith("trainer.ridge: ") ? reason.substring("trainer.ridge: ".length()) : reason;
    }
}
