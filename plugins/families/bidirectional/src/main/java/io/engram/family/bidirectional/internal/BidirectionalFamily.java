package io.engram.family.bidirectional.internal;

import io.engram.api.Capability;
import io.engram.api.CompositeFamily;
import io.engram.api.HyperParameter;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The bidirectional family (Schuster and Paliwal 1997, "Bidirectional recurrent neural networks"):
 * two networks of any inner family, named in the spec's slot {@code inner}, read each sequence
 * forwards and backwards, and a linear readout combines their outputs at every step; see
 * {@link BidirectionalNetwork}. Its own key is {@code model.features}, the outputs of each
 * direction; the inner family's keys go under {@code model.inner.}.
 *
 * <p>Lifecycle ({@link CompositeFamily}): the kernel binds the inner family it resolved and builds
 * networks through the bound family; this unbound component only describes itself. A stateless DS
 * component, thread-safe.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=bidirectional",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS + ","
                + Capability.WHOLE_SEQUENCE})
public final class BidirectionalFamily implements CompositeFamily {
    static final String SLOT = "inner";
    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("features", 16, 1, 65_536, "Outputs of each direction's inner network, "
                    + "which the readout combines."),
            HyperParameter.real("init.scale", 1.0, 0.0, 100.0, "Scale of the readout's Xavier initialisation."));

    @Activate
    public BidirectionalFamily() {
    }

    @Override
    public String id() {
        return "bidirectional";
    }

    @Override
    public String description() {
        return "Forward and backward runs of any inner family, combined at each step (Schuster and Paliwal 1997).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS, Capability.WHOLE_SEQUENCE);
    }

    @Override
    public List<Slot> slots() {
        return List.of(new Slot(SLOT, "The family each direction runs.", Set.of(Capability.DIFFERENTIABLE)));
    }

    @Override
    public NetworkFamily bind(Map<String, NetworkFamily> inner) {
        NetworkFamily family = inner.get(SLOT);
        if (family == null) {
            throw new IllegalArgumentException("bidirectional: slot '" + SLOT + "' is not filled");
        }
        return new BoundBidirectional(this, family);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        throw new IllegalStateException("bidirectional: bind the inner family first (model.inner.family)");
    }

    /** {@link BidirectionalFamily} with its inner family: builds the networks. Stateless, thread-safe. */
    record BoundBidirectional(BidirectionalFamily unbound, NetworkFamily inner) implements NetworkFamily {

        @Override
        public String id() {
            return unbound.id();
        }

        @Override
        public String description() {
            return unbound.description();
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public Set<String> capabilities() {
            return unbound.capabilities();
        }

        @Override
        public io.vavr.collection.Seq<io.engram.api.Problem> validate(ModelSpec spec) {
            return CompositeFamily.validateInner(inner, spec, SLOT, spec.inputSize(), spec.hyper().getInt("features"));
        }

        @Override
        public Network create(ModelSpec spec, Backend backend, long seed) {
            return BidirectionalNetwork.create(spec, inner, backend, seed);
        }
    }
}
