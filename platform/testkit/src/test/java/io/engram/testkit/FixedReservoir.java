package io.engram.testkit;

import io.engram.api.Batch;
import io.engram.api.Capability;
import io.engram.api.Differentiable;
import io.engram.api.HyperParameter;
import io.engram.api.LinearReadout;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.ParameterVector;
import io.engram.api.Schema;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A test family for {@link LinearReadout} and {@link io.engram.api.Network#trainable()}: a fixed
 * random recurrent layer (a small echo state reservoir, Jaeger 2001) and a trainable linear readout,
 * <pre>
 *   h_t = tanh(x_t Win + h_{t-1} W)        Win, W fixed
 *   y_t = h_t V + c                        V, c trainable
 * </pre>
 * Hyperparameters: {@code units} (default 5), {@code gain} (recurrent weights uniform in
 * {@code [-gain, gain] / sqrt(units)}, default 0.9). Parameters {@code reservoir.in},
 * {@code reservoir.w}, {@code readout.w}, {@code readout.b}. Capabilities:
 * {@link Capability#DIFFERENTIABLE}, {@link Capability#FLAT_PARAMETERS},
 * {@link Capability#LINEAR_READOUT}. Stateless family; the networks are not thread-safe.
 */
final class FixedReservoir implements NetworkFamily {

    @Override
    public String id() {
        return "test-reservoir";
    }

    @Override
    public String description() {
        return "A fixed random recurrent layer with a trainable linear readout, for tests.";
    }

    @Override
    public Schema schema() {
        return Schema.of(
                HyperParameter.integer("units", 5, 1, 1024, "Reservoir units."),
                HyperParameter.real("gain", 0.9, 0.0, 10.0, "Scale of the recurrent weights."));
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capability.DIFFERENTIABLE, Capability.FLAT_PARAMETERS, Capability.LINEAR_READOUT);
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        int n = spec.hyper().getInt("units");
        Ops ops = backend.ops();
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("reservoir.in", MapNetwork.uniform(ops, spec, r, 1.0, spec.inputSize(), n));
        p.put("reservoir.w", MapNetwork.uniform(ops, spec, r, spec.hyper().getDouble("gain") / Math.sqrt(n), n, n));
        p.put("readout.w", MapNetwork.uniform(ops, spec, r, 0.5, n, spec.outputSize()));
        p.put("readout.b", MapNetwork.uniform(ops, spec, r, 0.5, spec.outputSize()));
        return new Net(spec, n, p);
    }

    /** The network; one thread at a time. */
    private static final class Net extends MapNetwork implements Differentiable, LinearReadout {
        private final int n;

        Net(ModelSpec spec, int n, Map<String, Tensor> initial) {
            super(spec, initial);
            this.n = n;
        }

        @Override
        public Set<String> trainable() {
            return Set.of("readout.w", "readout.b");
        }

        @Override
        public <C> Optional<C> capability(Class<C> type) {
            return type == ParameterVector.class ? Optional.of(type.cast(ParameterVector.of(this)))
                    : super.capability(type);
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of(ops.zeros(spec().dtype(), Shape.of(batch, n)));
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
            Tensor h = reservoir(ops, p, x, state.get(0));
            return new Step(ops.add(ops.matmul(h, p.get("readout.w")), p.get("readout.b")), State.of(h));
        }

        private static Tensor reservoir(Ops ops, Map<String, Tensor> p, Tensor x, Tensor h) {
            return ops.tanh(ops.add(ops.matmul(x, p.get("reservoir.in")), ops.matmul(h, p.get("reservoir.w"))));
        }

        @Override
        public String weights() {
            return "readout.w";
        }

        @Override
        public Optional<String> bias() {
            return Optional.of("readout.b");
        }

        @Override
        public int features() {
            return n;
        }

        @Override
        public int outputs() {
            return spec().outputSize();
        }

        /** The reservoir states, held through padded steps as the trainers' unroll holds the state. */
        @Override
        public Tensor features(Ops ops, Map<String, Tensor> params, Batch batch) {
            int b = batch.batch();
            int in = batch.inputSize();
            Tensor h = ops.zeros(spec().dtype(), Shape.of(b, n));
            List<Tensor> rows = new ArrayList<>(batch.time());
            for (int t = 0; t < batch.time(); t++) {
                Tensor x = ops.fromArray(spec().dtype(), Shape.of(b, in),
                        Arrays.copyOfRange(batch.inputs(), t * b * in, (t + 1) * b * in));
                Tensor mask = ops.fromArray(spec().dtype(), Shape.of(b, 1),
                        Arrays.copyOfRange(batch.stepMask(), t * b, (t + 1) * b));
                h = ops.where(mask, reservoir(ops, params, x, h), h);
                rows.add(h);
            }
            return rows.size() == 1 ? rows.get(0) : ops.concat(0, rows);
        }
    }
}
