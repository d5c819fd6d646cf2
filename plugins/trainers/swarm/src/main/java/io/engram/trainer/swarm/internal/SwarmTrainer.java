package io.engram.trainer.swarm.internal;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.train.PopulationSearch;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Particle swarm optimisation over the network's parameter vector (Kennedy and Eberhart 1995):
 * {@code particles} particles scattered around the network's initial parameters, moved with
 * Clerc and Kennedy's constriction or an inertia weight, pulled towards their own best and their
 * neighbourhood's (global or ring), velocities clamped to {@code velocity.max} ({@link Swarm}).
 * The swarm is scored in parallel by the training context each generation, so a seed gives the
 * same run whatever the number of workers. Needs no gradient, so it trains any family; on an
 * environment it maximises the mean fitness of {@code episodes} episodes, on a dataset it minimises
 * the training loss ({@link PopulationSearch}).
 *
 * <p>Registered with {@code engram.trainer=swarm}, no required capability and
 * {@code engram.trains.on=dataset,environment}; stateless and thread-safe, per-job state lives
 * inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=swarm",
        PluginProperties.TRAINS_ON + "=" + PluginProperties.DATASET + "," + PluginProperties.ENVIRONMENT})
public final class SwarmTrainer implements Trainer {
    static final Schema SCHEMA = PopulationSearch.schema(100, 3).plus(Schema.of(
            HyperParameter.integer("particles", 30, 1, 100_000, "Particles in the swarm."),
            HyperParameter.real("spread", 0.5, 0.0, 1e6,
                    "Initial positions: the network's parameters plus uniform [-spread, spread] in each value (particle 0 unmoved)."),
            HyperParameter.choice("update", "constriction", List.of("constriction", "inertia"),
                    "Velocity update: Clerc-Kennedy constriction, or inertia weight (Shi and Eberhart)."),
            HyperParameter.real("c1", 2.05, 0.0, 100.0, "Cognitive acceleration, towards the particle's best."),
            HyperParameter.real("c2", 2.05, 0.0, 100.0, "Social acceleration, towards the neighbourhood's best."),
            HyperParameter.real("inertia", 0.9, 0.0, 10.0, "Inertia update: the weight in the first move."),
            HyperParameter.real("inertia.end", 0.4, 0.0, 10.0,
                    "Inertia update: the weight in the last move, reached linearly; equal to inertia for a constant weight."),
            HyperParameter.real("velocity.max", 0.0, 0.0, 1e6, "Largest magnitude of a velocity value; 0: unclamped."),
            HyperParameter.choice("topology", "global", Topology.NAMES,
                    "Neighbourhood: the whole swarm (gbest) or a ring of three (lbest).")));

    @Activate
    public SwarmTrainer() {
    }

    @Override
    public String id() {
        return "swarm";
    }

    @Override
    public String description() {
        return "Particle swarm optimisation: constriction or inertia weight, global or ring topology, "
                + "velocity clamping; the swarm evaluated in parallel.";
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
        SwarmSettings settings = settings(h);
        if (settings.constriction() && Double.isNaN(settings.chi())) {
            String reason = String.format(Locale.ROOT, "trainer.c1: constriction needs c1 + c2 > 4, got %s + %s",
                    h.getDouble("c1"), h.getDouble("c2"));
            context.emit(new TrainingEvent.Stopped(reason, true));
            return new TrainingResult(Map.of(), 0, reason, true);
        }
        PopulationSearch search = new PopulationSearch(context);
        return search.run(new Swarm(search.start(), search.lower(), search.upper(), settings));
    }

    static SwarmSettings settings(Hyperparameters h) {
        return new SwarmSettings(h.getInt("particles"), h.getDouble("spread"),
                h.getString("update").equals("constriction"), h.getDouble("c1"), h.getDouble("c2"),
                h.getDouble("inertia"), h.getDouble("inertia.end"), h.getDouble("velocity.max"),
                Topology.named(h.getString("topology")), h.getInt("generations"));
    }
}
