package io.engram.family.bam.internal;

import io.engram.api.Capability;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import io.engram.tensor.Shape;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The bidirectional associative memory family (Kosko 1988): two layers of bipolar units, the
 * inputs' and the outputs', joined by one weight matrix used both ways ({@link BamDynamics}); pairs
 * are stored by correlation through {@link io.engram.api.Associative} (rule {@code hebbian}, by the
 * {@code hebbian} trainer) over the concatenated state {@code [x; y]}. The weights start at zero
 * and are not trainable by gradients, so the family declares {@link Capability#ASSOCIATIVE} alone.
 * No hyperparameters: the layers are as wide as the inputs and the outputs.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=bam",
        PluginProperties.CAPABILITIES + "=" + Capability.ASSOCIATIVE})
public final class BamFamily implements NetworkFamily {

    @Activate
    public BamFamily() {
    }

    @Override
    public String id() {
        return "bam";
    }

    @Override
    public String description() {
        return "Bidirectional associative memory: bipolar pairs recalled both ways through W and W^T (Kosko 1988).";
    }

    @Override
    public Schema schema() {
        return Schema.empty();
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.ASSOCIATIVE);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        if (spec.inputSize() <= 0 || spec.outputSize() <= 0) {
            throw new IllegalArgumentException("a BAM needs inputs and outputs, got " + spec.inputSize() + " and "
                    + spec.outputSize());
        }
        return new BamNetwork(spec, backend.ops().zeros(spec.dtype(), Shape.of(spec.inputSize(), spec.outputSize())));
    }
}
