package io.engram.trainer.randomsearch.internal;

import io.engram.api.HyperParameter;
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
 * Random search over the parameters, in the form of a (1 + lambda) evolution strategy with a fixed
 * step size (Rechenberg 1973; Schwefel 1981; as random search for control policies, Mania, Guy
 * and Recht 2018): each generation perturbs the best parameters so far with Gaussian noise of
 * standard deviation {@code sigma}, evaluates the population in parallel with the training
 * context, and keeps the best. Needs no gradient, so it trains any family. On an environment it
 * maximises the mean fitness of {@code episodes} episodes; on a dataset it minimises the training
 * loss ({@link Search}, run by {@link PopulationSearch}).
 *
 * <p>Registered with {@code engram.trainer=random-search}, no required capability and
 * {@code engram.trains.on=dataset,environment}; stateless and thread-safe, per-job state lives
 * inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=random-search",
        PluginProperties.TRAINS_ON + "=" + PluginProperties.DATASET + "," + PluginProperties.ENVIRONMENT})
public final class RandomSearchTrainer implements Trainer {
    static final Schema SCHEMA = PopulationSearch.schema(50, 3).plus(Schema.of(
            HyperParameter.integer("population", 32, 2, 100_000, "Candidates per generation, the best so far among them."),
            HyperParameter.real("sigma", 0.1, 1e-9, 100.0, "Standard deviation of the Gaussian perturbation of each parameter.")));

    @Activate
    public RandomSearchTrainer() {
    }

    @Override
    public String id() {
        return "random-search";
    }

    @Override
    public String description() {
        return "Random search, a (1 + lambda) evolution strategy: Gaussian perturbations of the best, evaluated in parallel.";
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
        return search.run(new Search(search.start(), context.hyper().getInt("population"),
                context.hyper().getDouble("sigma")));
    }
}
