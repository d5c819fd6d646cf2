package io.engram.trainer.hebbian.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingResult;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Stores the training set's patterns in an associative memory ({@link io.engram.api.Associative},
 * Hopfield, BAM) by one of the memory's rules: {@code hebbian} (Hebb 1949, in Hopfield's 1982 form)
 * or {@code storkey} (Storkey 1997) for a Hopfield network, {@code hebbian} (Kosko's correlation) for
 * a BAM. No gradients: a store is one pass over the patterns ({@link Storing}).
 *
 * <p>Settings: {@code rule} (the memory's default when empty), {@code epochs} (the patterns are
 * stored in that many growing prefixes, epoch {@code k} the first {@code ceil(k P / epochs)}, each
 * epoch reporting the load and how well the patterns stored so far are recalled: a load curve in one
 * run; 1 stores them all at once) and {@code recall.steps} (the most recall steps of that check).
 *
 * <p>Registered with {@code engram.trainer=hebbian} and {@code engram.capabilities=associative};
 * stateless and thread-safe, per-job state lives inside {@link #train}.
 */
@Component(service = Trainer.class, property = {
        PluginProperties.TRAINER + "=hebbian",
        PluginProperties.CAPABILITIES + "=" + Capability.ASSOCIATIVE})
public final class HebbianTrainer implements Trainer {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.text("rule", "", "Storage rule, one of the memory's (hopfield: hebbian, storkey; bam: hebbian); "
                    + "empty for the memory's default."),
            HyperParameter.integer("epochs", 1, 1, 100_000, "Growing prefixes the patterns are stored in, each epoch "
                    + "reporting its load and recall (a load curve); 1 stores them all at once."),
            HyperParameter.integer("recall.steps", 100, 1, 100_000, "Most recall steps when checking the stored patterns."));

    @Activate
    public HebbianTrainer() {
    }

    @Override
    public String id() {
        return "hebbian";
    }

    @Override
    public String description() {
        return "Stores the training patterns in an associative memory by a rule (Hebbian, Storkey); reports recall per load.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> requires() {
        return Set.of(Capability.ASSOCIATIVE);
    }

    @Override
    public TrainingResult train(TrainingContext context) {
        return new Storing(context).run();
    }
}
