package io.engram.app.robotcontrol.internal;

import io.engram.api.Application;
import io.engram.api.Environment;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The cart-pole benchmarks of neuroevolution ({@link Plant}, {@link PoleTask}) as an environment:
 * single or double pole, with or without velocity inputs, fitness the steps balanced or the damping
 * fitness ({@link Damping}), and as the final test the success run from the standard start and the
 * 625-start generalisation test ({@link Starts}). Registered with
 * {@code engram.application=robot-control} and {@code engram.provides=environment}. Stateless and
 * thread-safe.
 */
@Component(service = Application.class, property = {
        PluginProperties.APPLICATION + "=robot-control",
        PluginProperties.PROVIDES + "=" + PluginProperties.ENVIRONMENT})
public final class RobotControlApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("task", "double", List.of("single", "double"),
                    "One pole (0.1 kg, 1 m) or two (0.1 kg, 1 m and 0.01 kg, 0.1 m) hinged on the cart."),
            HyperParameter.bool("velocities", true,
                    "Whether the controller sees the velocities (6 or 4 inputs) or only the positions (3 or 2)."),
            HyperParameter.choice("action", "symmetric", List.of("symmetric", "unit", "sign"),
                    "The output a as force: symmetric 10 clamp(a,-1,1) N; unit 20 (clamp(a,0,1) - 0.5) N; sign +-10 N."),
            HyperParameter.choice("fitness", "auto", List.of("auto", "steps", "damping"),
                    "Steps balanced, or the damping fitness of Gruau et al. 1996; auto: damping for double pole "
                            + "without velocities, steps otherwise."),
            HyperParameter.integer("max.steps", 1000, 1, 10_000_000,
                    "Steps (0.02 s each) after which an episode ends though balanced."),
            HyperParameter.real("failure.degrees", 0.0, 0.0, 90.0,
                    "Angle beyond which a pole has fallen; 0: the benchmark's, 36 for double pole, 12 for single."),
            HyperParameter.real("start.degrees", 4.5, -30.0, 30.0,
                    "The long pole's angle at the standard start; everything else starts at 0."),
            HyperParameter.choice("start", "standard", List.of("standard", "random"),
                    "Episodes start from the standard start, or from a seeded draw over the generalisation ranges."),
            HyperParameter.integer("success.steps", 100_000, 1, 10_000_000,
                    "Steps from the standard start that make the controller a solution (the test's 'solved')."),
            HyperParameter.integer("generalisation.steps", 1000, 1, 1_000_000,
                    "Steps each of the 625 starts of the generalisation test must be balanced for."));

    @Activate
    public RobotControlApplication() {
    }

    @Override
    public String id() {
        return "robot-control";
    }

    @Override
    public String description() {
        return "Pole balancing benchmarks (single and double pole, with or without velocities; Wieland 1991): "
                + "an environment, fitness = steps balanced or damping fitness, tested for success and generalisation.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> provides() {
        return Set.of(PluginProperties.ENVIRONMENT);
    }

    @Override
    public Optional<Environment> environment(Hyperparameters params) {
        return Optional.of(new RobotControl(task(params)));
    }

    /** The task the validated {@code params} describe. */
    static PoleTask task(Hyperparameters params) {
        boolean two = params.getString("task").equals("double");
        boolean velocities = params.getBoolean("velocities");
        String fitness = params.getString("fitness");
        boolean damping = fitness.equals("damping") || fitness.equals("auto") && two && !velocities;
        double failure = params.getDouble("failure.degrees");
        double angle = Math.toRadians(failure > 0 ? failure : two ? 36 : 12);
        return new PoleTask(two, velocities,
                PoleTask.Action.valueOf(params.getString("action").toUpperCase(Locale.ROOT)), angle,
                params.getInt("max.steps"), damping, Math.toRadians(params.getDouble("start.degrees")),
                params.getString("start").equals("random"), params.getInt("success.steps"),
                params.getInt("generalisation.steps"));
    }
}
