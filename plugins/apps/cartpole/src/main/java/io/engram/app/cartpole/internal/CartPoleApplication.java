package io.engram.app.cartpole.internal;

import io.engram.api.Application;
import io.engram.api.Environment;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Cart-pole balancing ({@link CartPole}) as an environment: no datasets, four observations and one
 * action per step, fitness the steps the pole stayed up. Registered with
 * {@code engram.application=cartpole} and {@code engram.provides=environment}. Stateless and
 * thread-safe.
 */
@Component(service = Application.class, property = {
        PluginProperties.APPLICATION + "=cartpole",
        PluginProperties.PROVIDES + "=" + PluginProperties.ENVIRONMENT})
public final class CartPoleApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("max.steps", 500, 1, 1_000_000, "Steps after which an episode ends even if the pole is up."),
            HyperParameter.real("force", 10.0, 0.1, 1000.0, "Newtons with which the cart is pushed at every step."),
            HyperParameter.real("start", 0.05, 0.0, 0.2, "Each of x, x', theta, theta' starts uniform in [-start, start]."));

    @Activate
    public CartPoleApplication() {
    }

    @Override
    public String id() {
        return "cartpole";
    }

    @Override
    public String description() {
        return "Cart-pole balancing (Barto, Sutton and Anderson 1983): an environment, fitness = steps balanced.";
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
        return Optional.of(new CartPole(params.getInt("max.steps"), params.getDouble("force"),
                params.getDouble("start")));
    }
}
