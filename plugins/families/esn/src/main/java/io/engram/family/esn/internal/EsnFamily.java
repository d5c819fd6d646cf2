package io.engram.family.esn.internal;

import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Payloads;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Echo state networks (Jaeger and Haas 2004, "Harnessing nonlinearity: predicting chaotic systems
 * and saving energy in wireless communication", Science 304; Jaeger 2001, GMD report 148): a large
 * fixed random recurrent reservoir, sparse and scaled to a spectral radius, with leaky-integrator
 * units, read out by a linear map that is the only part trained, in closed form by the
 * {@code ridge} trainer or by gradients. Equations in {@link EsnCell}, weights in
 * {@link Reservoir}, the network in {@link EsnNetwork}.
 *
 * <p>Settings ({@code model.*}): {@code units}, {@code spectral.radius}, {@code connectivity},
 * {@code input.scaling}, {@code input.connectivity}, {@code bias.scaling}, {@code leak},
 * {@code readout.input}. The washout, the initial transient left out of the fit, is the trainer's
 * ({@code trainer.washout}). Free-running generation feeds each output back as the next input
 * (the application's loop; Jaeger and Haas's output feedback with the teacher forced while
 * fitting).
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} and {@link #restore} may be called from
 * any job thread.
 */
@Component(service = NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=esn",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS
                + "," + Capability.LINEAR_READOUT})
public final class EsnFamily implements NetworkFamily {

    @Activate
    public EsnFamily() {
    }

    @Override
    public String id() {
        return "esn";
    }

    @Override
    public String description() {
        return "Echo state network (Jaeger and Haas 2004): fixed sparse random reservoir, leaky units, linear readout.";
    }

    @Override
    public Schema schema() {
        return EsnSettings.SCHEMA;
    }

    @Override
    public java.util.Set<String> capabilities() {
        return java.util.Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS, Capability.LINEAR_READOUT);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        EsnSettings s = EsnSettings.of(spec.hyper());
        Reservoir r = Reservoir.draw(s, spec.inputSize(), seed);
        Ops ops = backend.ops();
        int n = s.units();
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put(EsnNetwork.W, ops.fromArray(spec.dtype(), Shape.of(n, n), r.w()));
        p.put(EsnNetwork.IN, ops.fromArray(spec.dtype(), Shape.of(spec.inputSize(), n), r.in()));
        p.put(EsnNetwork.BIAS, ops.fromArray(spec.dtype(), Shape.of(n), r.bias()));
        p.put(EsnNetwork.OUT, ops.zeros(spec.dtype(), Shape.of(s.features(spec.inputSize()), spec.outputSize())));
        p.put(EsnNetwork.OUT_BIAS, ops.zeros(spec.dtype(), Shape.of(spec.outputSize())));
        return new EsnNetwork(spec, s, seed, p);
    }

    /** The network of these parameters, the reservoir as stored (nothing is drawn again). */
    @Override
    public Network restore(ModelSpec spec, Backend backend, Map<String, Tensor> parameters) {
        return restored(spec, parameters, null);
    }

    /** As {@link #restore(ModelSpec, Backend, Map)}, keeping the seed of the payload {@code esn.seed}. */
    @Override
    public Network restore(ModelSpec spec, Backend backend, Map<String, Tensor> parameters, CheckpointMetadata metadata,
                           Payloads payloads) {
        Long seed = payloads.integers(EsnNetwork.SEED).filter(l -> l.size() == 1).map(l -> l.get(0)).orElse(null);
        return restored(spec, parameters, seed);
    }

    private Network restored(ModelSpec spec, Map<String, Tensor> parameters, Long seed) {
        EsnSettings s = EsnSettings.of(spec.hyper());
        int n = s.units();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(EsnNetwork.W, Shape.of(n, n));
        shapes.put(EsnNetwork.IN, Shape.of(spec.inputSize(), n));
        shapes.put(EsnNetwork.BIAS, Shape.of(n));
        shapes.put(EsnNetwork.OUT, Shape.of(s.features(spec.inputSize()), spec.outputSize()));
        shapes.put(EsnNetwork.OUT_BIAS, Shape.of(spec.outputSize()));
        TreeSet<String> missing = new TreeSet<>(shapes.keySet());
        missing.removeAll(parameters.keySet());
        TreeSet<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(shapes.keySet());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("cannot restore an 'esn' network: parameters " + missing
                    + " are missing and " + unknown + " are unknown");
        }
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            Tensor t = parameters.get(e.getKey());
            if (!t.shape().equals(e.getValue()) || t.dtype() != spec.dtype()) {
                throw new IllegalArgumentException("cannot restore an 'esn' network: parameter '" + e.getKey()
                        + "' must be " + spec.dtype() + " " + e.getValue() + ", got " + t.dtype() + " " + t.shape());
            }
            p.put(e.getKey(), t);
        }
        return new EsnNetwork(spec, s, seed, p);
    }
}
