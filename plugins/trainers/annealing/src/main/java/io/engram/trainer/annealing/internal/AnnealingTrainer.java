package io.engram.trainer.annealing.internal;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingResult;
import io.engram.train.PopulationSearch;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Simulated annealing over the network's parameter vector (Kirkpatrick, Gelatt and Vecchi 1983):
 * {@code chains} chains, each proposing {@code neighbours} Gaussian moves of step {@code sigma} per
 * generation and taking the Metropolis step on the best of them, cooled by the {@code cooling}
 * schedule ({@link Cooling}) from {@code temperature}, or from a temperature estimated from the
 * first moves ({@link Annealing}). Each generation's candidates are scored in parallel by the
 * training context, so a seed gives the same run whatever the number of workers. Needs no
 * gradient, so it trains any family; on an environment it maximises the mean fitness of
 * {@code episodes} episodes, on a dataset it minimises the training loss ({@link PopulationSearch}).
 *
 * <p>Registered with {@code engram.trainer=annealing}, no required capability and
 * {@code engram.trains.on=dataset,environment}; stateless and thread-safe, per-job state lives
 * inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=annealing",
        PluginProperties.TRAINS_ON + "=" + PluginProperties.DATASET + "," + PluginProperties.ENVIRONMENT})
public final class AnnealingTrainer implements Trainer {
    static final Schema SCHEMA = PopulationSearch.schema(200, 3).plus(Schema.of(
            HyperParameter.integer("chains", 4, 1, 10_000, "Independent annealing chains."),
            HyperParameter.integer("neighbours", 8, 1, 100_000,
                    "Moves each chain proposes per generation; it takes the Metropolis step on the best."),
            HyperParameter.real("sigma", 0.1, 1e-9, 100.0,
                    "Standard deviation of the Gaussian move of each parameter."),
            HyperParameter.integer("values", 0, 0, Integer.MAX_VALUE,
                    "Parameters each move changes, chosen at random; 0: all."),
            HyperParameter.bool("step.shrink", false,
                    "Shrink the step with the temperature: sigma sqrt(T / T0)."),
            HyperParameter.choice("cooling", "exponential", Cooling.NAMES,
                    "Cooling schedule: T0 alpha^k, T0 (1 - k / generations), T0 ln 2 / ln(k + 2) or T0 / (1 + beta k)."),
            HyperParameter.real("alpha", 0.95, 1e-6, 0.999999, "Exponential cooling: factor per step."),
            HyperParameter.real("beta", 0.1, 0.0, 1e6, "Lundy-Mees cooling: T0 / (1 + beta k)."),
            HyperParameter.real("temperature", 0.0, 0.0, 1e300,
                    "Initial temperature T0; 0: estimated so that the first uphill moves are taken with probability acceptance."),
            HyperParameter.real("acceptance", 0.8, 0.01, 0.99,
                    "Estimated T0: probability of taking the mean uphill move of generation 1.")));

    @Activate
    public AnnealingTrainer() {
    }

    @Override
    public String id() {
        return "annealing";
    }

    @Override
    public String description() {
        return "Simulated annealing: Gaussian moves, Metropolis steps, exponential, linear, logarithmic or "
                + "Lundy-Mees cooling; chains and neighbours evaluated in parallel.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of();
    }

    @Override
    public Set<String> trainsOn() {
        return Set.of(PluginProperties.DATASET, PluginProperties.ENVIRONMENT);
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        PopulationSearch search = new PopulationSearch(context);
        return search.run(new Annealing(search.start(), search.lower(), search.upper(), settings(context.hyper())));
    }

    static Annealing.Settings settings(Hyperparameters h) {
        Cooling cooling = Cooling.named(h.getString("cooling"));
        return new Annealing.Settings(h.getInt("chains"), h.getInt("neighbours"), h.getDouble("sigma"),
                h.getInt("values"), h.getBoolean("step.shrink"), cooling,
                cooling == Cooling.LUNDY_MEES ? h.getDouble("beta") : h.getDouble("alpha"),
                h.getInt("generations"), h.getDouble("temperature"), h.getDouble("acceptance"));
    }
}
