package io.engram.trainer.genetic.internal;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingResult;
import io.engram.train.PopulationSearch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A real-valued genetic algorithm over the network's parameter vector ({@link Genetic}): tournament
 * selection, elitism, uniform, one-point or blend crossover and Gaussian mutation, the population
 * started around the network's initial parameters. Needs no gradient, so it trains any family. On an
 * environment it maximises the mean fitness of {@code episodes} episodes, on a dataset it minimises
 * the training loss; {@link PopulationSearch} evaluates each generation in parallel and stops on
 * {@code generations}, {@code target.fitness}, {@code target.loss} or {@code evaluations}.
 *
 * <p>Registered with {@code engram.trainer=genetic}, no required capability and
 * {@code engram.trains.on=dataset,environment}; stateless and thread-safe, per-job state lives
 * inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=genetic",
        PluginProperties.TRAINS_ON + "=" + PluginProperties.DATASET + "," + PluginProperties.ENVIRONMENT})
public final class GeneticTrainer implements Trainer {
    static final Schema SCHEMA = PopulationSearch.schema(100, 1).plus(Schema.of(
            HyperParameter.integer("population", 50, 2, 100_000, "Chromosomes (networks) per generation."),
            HyperParameter.integer("elitism", 1, 0, 100_000,
                    "Best chromosomes copied unchanged into the next generation; below population."),
            HyperParameter.integer("tournament", 3, 1, 100_000,
                    "Candidates drawn per tournament; the best of them becomes a parent."),
            HyperParameter.choice("crossover", "blend", List.of("uniform", "one-point", "blend"),
                    "Uniform (each value from either parent), one-point (a cut), or blend (BLX-0.5: "
                            + "uniform over the parents' span widened by half on each side)."),
            HyperParameter.real("crossover.rate", 0.9, 0.0, 1.0,
                    "Probability that a child is a crossover of its parents rather than a copy of the first."),
            HyperParameter.real("mutation.rate", 0.1, 0.0, 1.0, "Probability that a value of a child is mutated."),
            HyperParameter.real("mutation.sigma", 0.3, 0.0, 1e6, "Standard deviation of the Gaussian mutation."),
            HyperParameter.real("init.sigma", 0.5, 0.0, 1e6,
                    "Initial population: the network's parameters plus Gaussian noise of this deviation "
                            + "(the first chromosome exactly the network's).")));

    @Activate
    public GeneticTrainer() {
    }

    @Override
    public String id() {
        return "genetic";
    }

    @Override
    public String description() {
        return "Real-valued genetic algorithm: tournament selection, elitism, crossover and Gaussian mutation, "
                + "evaluated in parallel.";
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
        Hyperparameters h = context.hyper();
        if (h.getInt("elitism") >= h.getInt("population")) {
            return new TrainingResult(Map.of(), 0, "trainer.elitism: " + h.getInt("elitism")
                    + " must be below trainer.population " + h.getInt("population"), true);
        }
        PopulationSearch search = new PopulationSearch(context);
        return search.run(new Genetic(search.start(), settings(h)));
    }

    /** The algorithm's settings from validated hyperparameters. */
    static Genetic.Settings settings(Hyperparameters h) {
        return new Genetic.Settings(h.getInt("population"), h.getInt("elitism"), h.getInt("tournament"),
                Crossover.of(h.getString("crossover")), h.getDouble("crossover.rate"), h.getDouble("mutation.rate"),
                h.getDouble("mutation.sigma"), h.getDouble("init.sigma"));
    }
}
