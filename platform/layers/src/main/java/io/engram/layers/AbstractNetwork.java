package io.engram.layers;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.tensor.Tensor;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every network holds besides its step: its spec and its named parameters in a
 * {@link ParameterStore}. A network extends this and writes {@link #initialState} and
 * {@link #step}, reading parameters only from the map it is passed (see {@link Network});
 * {@link StackedNetwork} does so for a stack of recurrent layers.
 *
 * <p>Capabilities: the network itself for every capability interface it implements (a
 * differentiable network implements {@link io.engram.api.Differentiable}), and a
 * {@link ParameterVector} over its trainable parameters ({@link ParameterVector#of}), so its family
 * declares {@link io.engram.api.Capability#FLAT_PARAMETERS}.
 *
 * <p>Lifecycle as in {@link Network}: built by a family from an initial parameter map (which the
 * store copies), then used by one job at a time. Not thread-safe.
 */
@ConsumerType
public abstract class AbstractNetwork implements Network {
    private final ModelSpec spec;
    private final ParameterStore parameters;

    /** A network with the given spec and parameters, kept in {@code initial}'s order. */
    protected AbstractNetwork(ModelSpec spec, Map<String, Tensor> initial) {
        this.spec = spec;
        this.parameters = new ParameterStore(initial);
    }

    @Override
    public final ModelSpec spec() {
        return spec;
    }

    @Override
    public final Map<String, Tensor> parameters() {
        return parameters.snapshot();
    }

    @Override
    public final void setParameters(Map<String, Tensor> values) {
        parameters.replace(values);
    }

    /** Itself for the interfaces it implements, else a {@link ParameterVector} over its trainable parameters. */
    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == ParameterVector.class && !type.isInstance(this)) {
            return Optional.of(type.cast(ParameterVector.of(this)));
        }
        return Network.super.capability(type);
    }
}
