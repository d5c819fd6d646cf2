package io.engram.trainer.cosyne.internal;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingResult;
import io.engram.train.PopulationSearch;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Cooperative synapse neuroevolution (Gomez, Schmidhuber and Miikkulainen 2008; {@link Cosyne}): a
 * subpopulation of {@code population} values per parameter of the network's parameter vector,
 * networks formed from the rows, the best quarter recombined into the rest, the values of each
 * subpopulation permuted among the networks. Needs no gradient, so it trains any family. On an
 * environment it maximises the mean fitness of {@code episodes} episodes, on a dataset it
 * minimises the training loss; {@link PopulationSearch} evaluates each generation in parallel and
 * stops on {@code generations}, {@code target.fitness}, {@code target.loss} or {@code evaluations}.
 *
 * <p>Registered with {@code engram.trainer=cosyne}, no required capability and
 * {@code engram.trains.on=dataset,environment}; stateless and thread-safe, per-job state lives
 * inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=cosyne",
        PluginProperties.TRAINS_ON + "=" + PluginProperties.DATASET + "," + PluginProperties.ENVIRONMENT})
public final class CosyneTrainer implements Trainer {
    static final Schema SCHEMA = PopulationSearch.schema(100, 1).plus(Schema.of(
            HyperParameter.integer("population", 40, 4, 100_000,
                    "Networks per generation: the size m of each parameter's subpopulation."),
            HyperParameter.real("top", 0.25, 0.01, 1.0,
                    "Fraction of the networks, the best, that are parents (at least 2)."),
            HyperParameter.real("replaced", 0.75, 0.0, 1.0,
                    "Fraction of each subpopulation, its lowest values, replaced by the parents' children "
                            + "(at most all but the parents)."),
            HyperParameter.real("mutation.rate", 0.3, 0.0, 1.0,
                    "Probability that a value of a child gets Cauchy noise."),
            HyperParameter.real("mutation.scale", 0.3, 0.0, 1e6, "Scale of the Cauchy mutation noise."),
            HyperParameter.choice("permutation", "probabilistic", List.of("probabilistic", "all"),
                    "Which values of a subpopulation are permuted: marked with probability 1 - ((f - f_min) / "
                            + "(f_max - f_min))^(1/n), or all of them."),
            HyperParameter.real("init.sigma", 1.0, 0.0, 1e6,
                    "Initial population: the network's parameters plus Gaussian noise of this deviation "
                            + "(the first network exactly the network's)."),
            HyperParameter.text("fixed", "",
                    "A regular expression: the trainable parameters whose whole name matches it keep the "
                            + "network's values (e.g. .*\\.b for the biases of most families); empty: none.")));

    @Activate
    public CosyneTrainer() {
    }

    @Override
    public String id() {
        return "cosyne";
    }

    @Override
    public String description() {
        return "Cooperative synapse neuroevolution (CoSyNE): a subpopulation per weight, permutation of the "
                + "unselected, evaluated in parallel.";
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
        boolean[] fixed = FixedParameters.flags(context.network(), context.hyper().getString("fixed"));
        return search.run(new Cosyne(search.start(), settings(context.hyper()), fixed));
    }

    /** The algorithm's settings from validated hyperparameters. */
    static Cosyne.Settings settings(Hyperparameters h) {
        return new Cosyne.Settings(h.getInt("population"), h.getDouble("top"), h.getDouble("replaced"),
                h.getDouble("mutation.rate"),
                h.getDouble("mutation.scale"), h.getString("permutation").equals("all"), h.getDouble("init.sigma"));
    }
}
