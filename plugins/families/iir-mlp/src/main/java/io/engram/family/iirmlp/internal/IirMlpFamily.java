package io.engram.family.iirmlp.internal;

import io.engram.api.Capability;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.layers.Initializer;
import io.engram.layers.LayerSchema;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The IIR-MLP family: locally recurrent multilayer perceptrons whose synapses are IIR filters (Back
 * and Tsoi 1991; Campolucci, Uncini, Piazza and Rao 1999, sec. II); see {@link IirLayer} for the
 * equations and {@link IirMlpShape} for the parameters. With {@code ar.order = 0} it is the FIR-MLP
 * of Wan 1990; with {@code feedback = activation} the feedback acts on each neuron's activation (the
 * local-feedback network of Frasconi, Gori and Soda 1992). Moving-average coefficients are drawn by {@code init.scheme} as a
 * {@code N_{l-1} L -> N_l} layer, feedback coefficients uniformly in
 * {@code +-feedback.scale / I} (so every filter starts stable), biases zero. Any trainer for
 * differentiable networks trains it; the {@code crbp} trainer exploits its locality.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=" + IirMlpShape.FAMILY,
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class IirMlpFamily implements NetworkFamily {

    @Activate
    public IirMlpFamily() {
    }

    @Override
    public String id() {
        return IirMlpShape.FAMILY;
    }

    @Override
    public String description() {
        return "Locally recurrent MLP whose synapses are IIR filters (Back and Tsoi 1991; Campolucci et al. 1999).";
    }

    @Override
    public Schema schema() {
        return IirMlpShape.SCHEMA;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        IirMlpShape shape = IirMlpShape.of(spec);
        Hyperparameters h = LayerSchema.complete(IirMlpShape.SCHEMA, spec.hyper());
        Ops ops = backend.ops();
        Initializer init = new Initializer(ops, spec.dtype(), h.getString("init.scheme"), h.getDouble("init.scale"), seed);
        SplittableRandom feedback = new SplittableRandom(seed ^ 0x1F1F1F1FL);
        double bound = shape.arOrder() == 0 ? 0 : h.getDouble("feedback.scale") / shape.arOrder();
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int l = 1; l <= shape.layers(); l++) {
            int in = shape.size(l - 1);
            int out = shape.size(l);
            Tensor drawn = init.weights(in * shape.maOrder(), out, 1);
            p.put(IirMlpShape.w(l), ops.transpose(drawn));
            if (shape.arOrder() > 0) {
                int perNeuron = shape.filters(l) / out * shape.arOrder();
                double[] v = new double[out * perNeuron];
                for (int i = 0; i < v.length; i++) {
                    v[i] = feedback.nextDouble(-bound, bound + Double.MIN_VALUE);
                }
                p.put(IirMlpShape.v(l), ops.fromArray(spec.dtype(), Shape.of(out, perNeuron), v));
            }
            p.put(IirMlpShape.b(l), init.constant(out, 0));
        }
        return new IirMlpNetwork(spec, shape, p);
    }
}
