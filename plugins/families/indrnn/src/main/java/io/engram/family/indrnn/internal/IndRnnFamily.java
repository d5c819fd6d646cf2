package io.engram.family.indrnn.internal;

import io.engram.api.Capability;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.layers.Activation;
import io.engram.layers.LayerSchema;
import io.engram.layers.StackSettings;
import io.engram.layers.StackedFamily;
import io.engram.layers.StackedNetwork;
import io.engram.tensor.Backend;
import io.vavr.collection.Seq;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The IndRNN family: independently recurrent networks (Li, Li, Cook, Zhu and Gao 2018,
 * "Independently recurrent neural network (IndRNN): building a longer and deeper RNN", CVPR), whose
 * units each have one recurrent weight, stacked, optionally with residual shortcuts, with a linear
 * readout; see {@link IndRnnCell} for the equation, {@link RecurrentConstraint} for the bound on the
 * recurrent weights and {@link IndRnnLayer} for the parameters.
 *
 * <p>Initialisation as in the paper's experiments (section 4.1): input weights by {@code init.scheme},
 * biases zero, recurrent weights uniform on {@code [recurrent.init.low, recurrent.init.high]}
 * (default {@code [0, 1]}) and clipped into the constraint; with {@code recurrent.init.top=long}
 * the top layer's start on {@code [gamma^(-1/T), gamma^(1/T)]}, close to 1, so that it keeps what it
 * is given over the whole horizon from the first update.
 *
 * <p>Two options go beyond the paper, for long lags learnt in few updates: with
 * {@code recurrent.hold.top} the top layer's recurrent weights are also kept in
 * {@code [gamma^(-1/T), gamma^(1/T)]} after every update (its memory cannot be traded for less
 * accumulated noise), and with {@code activation.top=linear} its units accumulate without the relu
 * (they cannot die while the layers below learn what to pass up). The paper's batch normalisation
 * between layers is not offered.
 *
 * <p>Lifecycle: a stateless DS component; {@link #create} may be called from any job thread.
 */
@Component(service = io.engram.api.NetworkFamily.class, property = {
        PluginProperties.FAMILY + "=indrnn",
        PluginProperties.CAPABILITIES + "=" + Capability.DIFFERENTIABLE + "," + Capability.FLAT_PARAMETERS})
public final class IndRnnFamily extends StackedFamily {
    /** Salt of the random stream the recurrent weights are drawn from, apart from the initializer's. */
    private static final long RECURRENT_SALT = 0x1D0F_5EED_2018L;

    static final Schema SCHEMA = LayerSchema.stacked("Independently recurrent units per layer.",
            "Stacked IndRNN layers.",
            HyperParameter.choice("activation", "relu", Activation.NAMES, "Activation function of the units (relu in the paper)."),
            HyperParameter.bool("residual", false, "Layers above the first add their input to their output (residual IndRNN)."),
            HyperParameter.integer("recurrent.horizon", 0, 0, 100_000_000,
                    "T of the constraint |u| <= gamma^(1/T) on the recurrent weights, usually the sequence length; 0: unconstrained."),
            HyperParameter.real("recurrent.gamma", 2.0, 1.0, 1e6,
                    "gamma of the constraint: the largest growth of a gradient over T steps."),
            HyperParameter.real("recurrent.init.low", 0.0, -10.0, 10.0, "Lower end of the uniform initial recurrent weights."),
            HyperParameter.real("recurrent.init.high", 1.0, -10.0, 10.0, "Upper end of the uniform initial recurrent weights."),
            HyperParameter.choice("recurrent.init.top", "range", List.of("range", "long"),
                    "range: the top layer's recurrent weights start like the others; long: uniform on [gamma^(-1/T), gamma^(1/T)], "
                            + "a memory that neither fades nor grows over T steps (needs recurrent.horizon)."),
            HyperParameter.bool("recurrent.hold.top", false, "Keep the top layer's recurrent weights in [gamma^(-1/T), gamma^(1/T)] "
                    + "after every update as well, so that its memory cannot be trained away (needs recurrent.horizon)."),
            HyperParameter.choice("activation.top", "same", List.of("same", IndRnnCell.LINEAR),
                    "same: the top layer's units use activation; linear: they accumulate without rectification."));

    @Activate
    public IndRnnFamily() {
        super("indrnn", "Independently recurrent network: one recurrent weight per unit, relu, constrained (Li et al. 2018).",
                SCHEMA);
    }

    /** The shared checks, and an initial range whose low end does not exceed its high end. */
    @Override
    public Seq<Problem> validate(ModelSpec spec) {
        Seq<Problem> problems = super.validate(spec);
        Hyperparameters h = spec.hyper();
        if (h.has("recurrent.init.low") && h.has("recurrent.init.high")
                && h.getDouble("recurrent.init.low") > h.getDouble("recurrent.init.high")) {
            problems = problems.append(Problem.of("model.recurrent.init.low", "must not exceed recurrent.init.high ("
                    + h.getDouble("recurrent.init.high") + "), got " + h.getDouble("recurrent.init.low")));
        }
        boolean noHorizon = !h.has("recurrent.horizon") || h.getInt("recurrent.horizon") == 0;
        if (noHorizon && h.has("recurrent.init.top") && h.getString("recurrent.init.top").equals("long")) {
            problems = problems.append(Problem.of("model.recurrent.init.top",
                    "long needs the horizon T of the constraint: set recurrent.horizon"));
        }
        if (noHorizon && h.has("recurrent.hold.top") && h.getBoolean("recurrent.hold.top")) {
            problems = problems.append(Problem.of("model.recurrent.hold.top",
                    "true needs the horizon T of the constraint: set recurrent.horizon"));
        }
        return problems;
    }

    @Override
    public Network create(ModelSpec spec, Backend backend, long seed) {
        Hyperparameters h = LayerSchema.complete(SCHEMA, spec.hyper());
        StackSettings s = StackSettings.of(h);
        double gamma = h.getDouble("recurrent.gamma");
        int horizon = h.getInt("recurrent.horizon");
        RecurrentConstraint constraint = RecurrentConstraint.of(gamma, horizon);
        boolean hold = h.getBoolean("recurrent.hold.top");
        boolean longTop = hold || h.getString("recurrent.init.top").equals("long");
        String top = StackedNetwork.prefix(s.layers() - 1);
        Map<String, RecurrentConstraint> constraints = new LinkedHashMap<>();
        for (int l = 0; l < s.layers(); l++) {
            String k = StackedNetwork.prefix(l);
            constraints.put(k + "u", hold && k.equals(top) ? RecurrentConstraint.held(gamma, horizon) : constraint);
        }
        SplittableRandom random = new SplittableRandom(seed ^ RECURRENT_SALT);
        double low = h.getDouble("recurrent.init.low");
        double high = h.getDouble("recurrent.init.high");
        double bound = constraint.upper();
        String topActivation = h.getString("activation.top").equals("same") ? h.getString("activation") : IndRnnCell.LINEAR;
        IndRnnLayer layer = new IndRnnLayer(h.getString("activation"), top, topActivation, h.getBoolean("residual"));
        StackedNetwork stack = new StackedNetwork(spec, s, layer.tensorsPerLayer(),
                StackedNetwork.initialParameters(spec, s, backend.ops(), seed,
                        (p, init, k, in, n) -> IndRnnLayer.parameters(p, init, random,
                                longTop && k.equals(top) ? 1 / bound : low,
                                longTop && k.equals(top) ? bound : high, constraints.get(k + "u"), k, in, n), true),
                layer);
        return new IndRnnNetwork(stack, backend.ops(), constraints);
    }
}
