package io.engram.trainer.evolino.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingResult;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Evolino, EVOlution of recurrent systems with LINear Outputs (Wierstra, Gomez and Schmidhuber 2005,
 * "Modeling systems with internal state using Evolino", GECCO; Schmidhuber et al. 2007, Neural
 * Computation 19(3)): the hidden weights of the network (an LSTM's input, recurrent, bias and
 * peephole weights) are evolved by enforced subpopulations ({@link Esp}), one per unit, and at every
 * evaluation the linear readout is solved by least squares on the features the candidate's hidden
 * weights produce on the training data ({@link ReadoutFit}); the candidate's cost is then the job's
 * loss on the training data with that readout. So evolution searches only the space of dynamics, and
 * the output is always the best linear map of them.
 *
 * <p>Needs a network with {@link Capability#LINEAR_READOUT}; the kernel refuses a family without it,
 * naming both. {@link EvolinoSearch} runs the generations: readouts fitted on the job's thread,
 * the candidates' losses evaluated in parallel by {@link TrainingContext#populationLoss} on
 * {@code jobs.workers} threads, so a seed gives the same run whatever the number of workers.
 *
 * <p>Registered with {@code engram.trainer=evolino} and {@code engram.capabilities=linear-readout};
 * stateless and thread-safe, per-job state lives inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=evolino",
        PluginProperties.CAPABILITIES + "=" + Capability.LINEAR_READOUT})
public final class EvolinoTrainer implements Trainer {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("generations", 100, 1, 100_000_000, "Generations to run at most."),
            HyperParameter.integer("evaluations", 0, 0, Integer.MAX_VALUE,
                    "Stop once this many networks (each one pass over the training data) were evaluated; 0: no limit."),
            HyperParameter.real("target.loss", 0.0, 0.0, 1e300,
                    "Stop once the best training loss falls to it; 0: never."),
            HyperParameter.integer("population", 20, 4, 100_000, "Chromosomes per subpopulation (one per unit)."),
            HyperParameter.integer("trials", 2, 1, 1000,
                    "Rounds per generation: each chromosome takes part in this many networks, its cost their mean."),
            HyperParameter.real("top", 0.25, 0.01, 1.0,
                    "Fraction of each subpopulation, its best, that are parents (at least 2)."),
            HyperParameter.real("replaced", 0.5, 0.0, 1.0,
                    "Fraction of each subpopulation, its worst, replaced by the parents' children."),
            HyperParameter.real("mutation.rate", 0.4, 0.0, 1.0, "Probability that a value of a child gets Cauchy noise."),
            HyperParameter.real("mutation.scale", 0.1, 0.0, 1e6, "Scale of the Cauchy mutation noise."),
            HyperParameter.real("init.sigma", 0.5, 0.0, 1e6,
                    "Initial chromosomes: the network's weights plus Gaussian noise of this deviation (the first "
                            + "exactly the network's)."),
            HyperParameter.real("ridge", 1e-6, 0.0, 1e6,
                    "Ridge lambda of the least-squares readout (0: the pseudo-inverse's limit, raised only if singular)."),
            HyperParameter.integer("batch.size", 64, 1, 1_000_000,
                    "Sequences per forward pass when the readout's features are collected."));

    @Activate
    public EvolinoTrainer() {
    }

    @Override
    public String id() {
        return "evolino";
    }

    @Override
    public String description() {
        return "Evolino: hidden weights evolved by enforced subpopulations, the linear readout solved by least "
                + "squares at every evaluation (Wierstra et al. 2005).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.LINEAR_READOUT);
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        return new EvolinoSearch(context, settings(context.hyper())).run();
    }

    /** The search's settings from validated hyperparameters. */
    static Esp.Settings settings(Hyperparameters h) {
        return new Esp.Settings(h.getInt("population"), h.getInt("trials"), h.getDouble("top"), h.getDouble("replaced"),
                h.getDouble("mutation.rate"), h.getDouble("mutation.scale"), h.getDouble("init.sigma"));
    }
}
