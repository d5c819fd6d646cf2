package io.engram.family.ctrnn.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.layers.Initializer;
import io.engram.layers.LayerSchema;
import io.engram.layers.Readout;
import io.engram.layers.continuous.BeerEquation;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A CTRNN (Beer 1995, eq. 1; see {@link BeerEquation}) stepped once per input step: the input
 * {@code x_t} gives the external input {@code I = x_t W_in}, held while the state is integrated over
 * {@code substeps * dt}, and the output is read from the firing rates {@code sigma(y + theta)} of the
 * integrated state, by a linear readout or as the rates of the first units.
 *
 * <p>Parameters, in this order: {@code input.w [in, N]}, {@code w [N, N]} ({@code w_ji} at row
 * {@code j}, column {@code i}), {@code theta [N]}, {@code tau.log [N]} ({@code log tau_i}, trainable
 * with {@code tau.trainable}), {@code y0 [N]} (the initial state, added at step 0; trainable with
 * {@code state.trainable}, else zero), then with a linear output {@code readout.w [N, out]} and
 * {@code readout.b [out]}. State: {@code y [batch, N]}.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class CtrnnNetwork extends AbstractNetwork implements Differentiable {
    private final CtrnnSettings settings;
    private final Set<String> trainable;

    CtrnnNetwork(ModelSpec spec, CtrnnSettings settings, Map<String, Tensor> initial) {
        super(spec, initial);
        this.settings = settings;
        Set<String> names = new LinkedHashSet<>(initial.keySet());
        if (!settings.tauTrainable()) {
            names.remove("tau.log");
        }
        if (!settings.stateTrainable()) {
            names.remove("y0");
        }
        this.trainable = Collections.unmodifiableSet(names);
    }

    /**
     * Seeded initial parameters: weights from {@code init.scheme}; biases center-crossing for the
     * sigmoid ({@code theta_i = -sum_j w_ji / 2}, Mathayomchan and Beer 2002, where each unit's
     * richest dynamics lie), zero for tanh; every {@code tau} as set; {@code y0 = 0}.
     */
    static Map<String, Tensor> initialParameters(ModelSpec spec, CtrnnSettings s, Ops ops, long seed) {
        var h = LayerSchema.complete(CtrnnFamily.SCHEMA, spec.hyper());
        Initializer init = new Initializer(ops, spec.dtype(), h.getString("init.scheme"), h.getDouble("init.scale"), seed);
        int n = s.units();
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("input.w", init.weights(spec.inputSize(), n, 1));
        Tensor w = init.weights(n, n, 1);
        p.put("w", w);
        p.put("theta", s.activation().equals("sigmoid") ? init.vector(centerCrossing(w.toDoubleArray(), n))
                : init.constant(n, 0));
        p.put("tau.log", init.constant(n, Math.log(s.tau())));
        p.put("y0", init.constant(n, 0));
        if (s.linearOutput()) {
            Readout.initialise(p, init, n, spec.outputSize());
        }
        return p;
    }

    /** {@code theta_i = -sum_j w_ji / 2} of a row-major {@code [n, n]} matrix. */
    static double[] centerCrossing(double[] w, int n) {
        double[] theta = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                theta[i] -= w[j * n + i] / 2;
            }
        }
        return theta;
    }

    @Override
    public Set<String> trainable() {
        return trainable;
    }

    @Override
    public State initialState(Ops ops, int batch) {
        return State.of(ops.zeros(spec().dtype(), Shape.of(batch, settings.units())));
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        Tensor y = context.time() == 0 ? ops.add(state.get(0), p.get("y0")) : state.get(0);
        BeerEquation f = new BeerEquation(ops, settings.activation(), p.get("w"), p.get("theta"),
                ops.exp(ops.scale(p.get("tau.log"), -1)), ops.matmul(x, p.get("input.w")));
        Tensor next = settings.integrator().advance(ops, f, y, settings.dt(), settings.substeps());
        Tensor rates = f.rates(next);
        Tensor out = settings.linearOutput() ? Readout.apply(ops, p, rates)
                : ops.slice(rates, 1, 0, spec().outputSize());
        return new Step(out, State.of(next));
    }
}
