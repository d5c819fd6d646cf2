package io.engram.family.esn.internal;

import io.engram.api.Batch;
import io.engram.api.Differentiable;
import io.engram.api.LinearReadout;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.api.Payloads;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An echo state network ({@link EsnCell}): parameters {@code reservoir.w [N, N]},
 * {@code reservoir.in [inputs, N]}, {@code reservoir.bias [N]} (fixed: drawn from the seed and kept,
 * never trained) and {@code readout.w [features, outputs]}, {@code readout.b [outputs]} (the only
 * {@link #trainable()} ones). It offers its {@link LinearReadout} (features {@code [x(t), u(t)]}),
 * the {@link ParameterVector} of its readout and is {@link Differentiable} in it. The seed it was
 * drawn from travels in its {@link #payloads()} ({@code esn.seed}, absent when unknown); the weights themselves are in
 * the parameters, so a restored network runs bit for bit as the one saved.
 *
 * <p>{@link #steps} projects all inputs in one product and runs only the recurrence step by step
 * on the backend's ops (so that it records on a tape); {@link #features}, which nothing
 * differentiates, runs it on the host with the reservoir held sparse ({@link HostReservoir}).
 * Thread-safety as {@link Network}: one thread calls {@link #setParameters} while no other uses
 * the network.
 */
final class EsnNetwork implements Network, LinearReadout, Differentiable {
    static final String W = "reservoir.w";
    static final String IN = "reservoir.in";
    static final String BIAS = "reservoir.bias";
    static final String OUT = "readout.w";
    static final String OUT_BIAS = "readout.b";
    static final String SEED = "esn.seed";
    private static final Set<String> TRAINABLE = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(OUT, OUT_BIAS)));

    private final ModelSpec spec;
    private final EsnSettings settings;
    private final Long seed;
    private volatile Map<String, Tensor> params;

    EsnNetwork(ModelSpec spec, EsnSettings settings, Long seed, Map<String, Tensor> params) {
        this.spec = spec;
        this.settings = settings;
        this.seed = seed;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Tensor> parameters() {
        return params;
    }

    @Override
    public Set<String> trainable() {
        return TRAINABLE;
    }

    @Override
    public void setParameters(Map<String, Tensor> values) {
        Map<String, Tensor> next = new LinkedHashMap<>(params);
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor old = next.get(e.getKey());
            if (old == null) {
                throw new IllegalArgumentException("esn: unknown parameter '" + e.getKey() + "' (known: "
                        + params.keySet() + ")");
            }
            if (!old.shape().equals(e.getValue().shape()) || old.dtype() != e.getValue().dtype()) {
                throw new IllegalArgumentException("esn: parameter '" + e.getKey() + "' must be " + old.dtype() + " "
                        + old.shape() + ", got " + e.getValue().dtype() + " " + e.getValue().shape());
            }
            next.put(e.getKey(), e.getValue());
        }
        params = Collections.unmodifiableMap(next);
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec.dtype(), Shape.of(batch, settings.units())));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        Tensor h = EsnCell.state(ops, EsnCell.project(ops, x, p.get(IN), p.get(BIAS)), state.get(0), p.get(W),
                settings.leak());
        Tensor z = EsnCell.features(ops, h, x, settings.readoutInput());
        return new Step(EsnCell.output(ops, z, p.get(OUT), p.get(OUT_BIAS)), State.of(h));
    }

    @Override
    public Steps steps(Ops ops, Map<String, Tensor> p, Tensor xs, State state, List<StepContext> contexts) {
        int time = contexts.size();
        if (time == 0 || xs.rank() != 2 || xs.dim(0) % time != 0) {
            throw new IllegalArgumentException("steps: " + time + " steps need inputs [time * batch, inputSize], got "
                    + xs.shape());
        }
        List<Tensor> hs = run(ops, p, xs, state.get(0), time);
        Tensor z = EsnCell.features(ops, join(ops, hs), xs, settings.readoutInput());
        List<State> states = new ArrayList<>(time);
        for (Tensor h : hs) {
            states.add(State.of(h));
        }
        return new Steps(EsnCell.output(ops, z, p.get(OUT), p.get(OUT_BIAS)), states);
    }

    /** The states after each step from {@code h0}: inputs {@code xs [time * batch, inputs]} projected in one product. */
    private List<Tensor> run(Ops ops, Map<String, Tensor> p, Tensor xs, Tensor h0, int time) {
        int batch = xs.dim(0) / time;
        Tensor projected = EsnCell.project(ops, xs, p.get(IN), p.get(BIAS));
        Tensor w = p.get(W);
        List<Tensor> hs = new ArrayList<>(time);
        Tensor h = h0;
        for (int t = 0; t < time; t++) {
            Tensor pt = time == 1 ? projected : ops.slice(projected, 0, t * batch, (t + 1) * batch);
            h = EsnCell.state(ops, pt, h, w, settings.leak());
            hs.add(h);
        }
        return hs;
    }

    private static Tensor join(Ops ops, List<Tensor> rows) {
        return rows.size() == 1 ? rows.get(0) : ops.concat(0, rows);
    }

    // ---- LinearReadout --------------------------------------------------------------------

    @Override
    public String weights() {
        return OUT;
    }

    @Override
    public Optional<String> bias() {
        return Optional.of(OUT_BIAS);
    }

    @Override
    public int features() {
        return settings.features(spec.inputSize());
    }

    @Override
    public int outputs() {
        return spec.outputSize();
    }

    /**
     * {@code z(t)} at every step from the zero state; padded steps hold their sequence's state. The
     * recurrence runs on the host with the reservoir held sparse ({@link HostReservoir}), equal to
     * {@link #steps} to rounding.
     */
    @Override
    public Tensor features(Ops ops, Map<String, Tensor> p, Batch batch) {
        int rows = batch.time() * batch.batch();
        double[] inputs = batch.inputs();
        if (spec.dtype() == DType.F32) {
            inputs = inputs.clone();
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = (float) inputs[i];
            }
        }
        double[] z = HostReservoir.of(p, settings, spec.inputSize(), spec.dtype() == DType.F32)
                .features(inputs, batch.time(), batch.batch(), batch.stepMask(), settings.readoutInput());
        return ops.fromArray(spec.dtype(), Shape.of(rows, features()), z);
    }

    // ---- capabilities ---------------------------------------------------------------------

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return type == ParameterVector.class ? Optional.of(type.cast(ParameterVector.of(this)))
                : Network.super.capability(type);
    }

    @Override
    public Payloads payloads() {
        return seed == null ? Payloads.empty() : new Payloads(Map.of(SEED, List.of(seed)), Map.of(), Map.of());
    }
}
