package io.engram.layers;

import io.engram.api.Batch;
import io.engram.api.Differentiable;
import io.engram.api.LinearReadout;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A network made of a stack of recurrent layers of one kind and an output map: layer {@code l}
 * sees the output of layer {@code l - 1} (the input {@code x_t} for the first), with
 * {@link Dropout} on the input of every layer above the first while training (Zaremba, Sutskever
 * and Vinyals 2014, "Recurrent neural network regularization", section 3: dropout on the
 * non-recurrent connections only); the output map, by default the linear {@link Readout}, reads the
 * top layer:
 * <pre>
 *   h^0_t        = x_t
 *   h^l_t, s^l_t = layer(drop(h^{l-1}_t), s^l_{t-1})      l = 1..L   (drop is the identity for l = 1)
 *   y_t          = output(h^L_t)
 * </pre>
 * A family supplies the {@link Layer} (its cell and parameter names) and builds the initial
 * parameters; layer {@code l}'s parameters carry the prefix {@link #prefix prefix(l)}. The state is
 * the layers' states one after the other, {@code tensorsPerLayer} tensors {@code [batch, hidden]}
 * each, starting from zeros; the first tensor of a layer's state is its output.
 *
 * <p>{@link Differentiable} in all its parameters (every layer's cell and the output map must be),
 * with a {@link io.engram.api.ParameterVector} (see {@link AbstractNetwork}). A stack made by
 * {@link #withLinearReadout()} also offers a {@link LinearReadout}: its features are the top layer's
 * outputs {@code h^L_t}, read by the linear {@link Readout} (a family that uses it declares
 * {@link io.engram.api.Capability#LINEAR_READOUT}).
 *
 * <p>Lifecycle as in {@link io.engram.api.Network}. The step reads parameters only from the map
 * it is passed. Not thread-safe (the parameter store is mutable); the layer and the output map
 * must be stateless.
 */
public final class StackedNetwork extends AbstractNetwork implements Differentiable {
    private final StackSettings settings;
    private final int tensorsPerLayer;
    private final Layer layer;
    private final Output output;
    private final boolean linearReadout;

    /** One step of one layer. */
    @ConsumerType
    @FunctionalInterface
    public interface Layer {
        /**
         * The layer's next state, whose first tensor is its output.
         *
         * @param prefix the layer's parameter prefix, {@code layer<l>.}
         * @param input  the output of the layer below (after dropout), or the network's input
         * @param state  the layer's previous state, {@code tensorsPerLayer} tensors
         */
        List<Tensor> step(Ops ops, Map<String, Tensor> params, String prefix, Tensor input, List<Tensor> state);

        /**
         * The layer's states after each of {@code time} consecutive steps, from the inputs of all of
         * them stacked ({@code inputs [time * batch, in]}, step {@code t} in rows {@code t * batch}
         * to {@code (t + 1) * batch - 1}): one tensor per state tensor, {@code [time * batch, .]},
         * stacked the same way, the first being the layer's outputs. Equal to calling {@link #step}
         * for each step in turn, to rounding; a layer overrides it to project the inputs of all
         * steps in one matrix product and to run the recurrence as one fused op. The default calls
         * {@code step} once per step and stacks the states.
         */
        default List<Tensor> steps(Ops ops, Map<String, Tensor> params, String prefix, Tensor inputs, int time,
                                   List<Tensor> state) {
            int batch = inputs.dim(0) / time;
            List<List<Tensor>> states = new ArrayList<>(time);
            List<Tensor> s = state;
            for (int t = 0; t < time; t++) {
                s = step(ops, params, prefix, time == 1 ? inputs : ops.slice(inputs, 0, t * batch, (t + 1) * batch), s);
                states.add(s);
            }
            return stack(ops, states);
        }
    }

    /** Per state tensor, the tensors of all steps stacked along the first axis. */
    static List<Tensor> stack(Ops ops, List<List<Tensor>> states) {
        List<Tensor> stacked = new ArrayList<>(states.get(0).size());
        for (int i = 0; i < states.get(0).size(); i++) {
            List<Tensor> parts = new ArrayList<>(states.size());
            for (List<Tensor> s : states) {
                parts.add(s.get(i));
            }
            stacked.add(parts.size() == 1 ? parts.get(0) : ops.concat(0, parts));
        }
        return stacked;
    }

    /** One step of a layer whose input enters only through its projection {@code x W + b}. */
    @ConsumerType
    @FunctionalInterface
    public interface ProjectedStep {
        /** The layer's next state from the projected input {@code xProj [batch, g]} and its state. */
        List<Tensor> step(Tensor xProj, List<Tensor> state);
    }

    /**
     * {@link Layer#steps} for a layer whose input enters only through its projection
     * {@code x W + b}: the inputs of all {@code time} steps are projected in one
     * {@link Ops#inputProjection} ({@code [time * batch, g]}), and {@code step} runs on the rows of
     * each step in turn; for a layer whose recurrence is not one fused op over all steps.
     */
    public static List<Tensor> projectedSteps(Ops ops, Tensor inputs, int time, Tensor w, Tensor b,
                                              List<Tensor> state, ProjectedStep step) {
        Tensor projection = ops.inputProjection(inputs, w, b);
        int batch = inputs.dim(0) / time;
        List<List<Tensor>> states = new ArrayList<>(time);
        List<Tensor> s = state;
        for (int t = 0; t < time; t++) {
            s = step.step(time == 1 ? projection : ops.slice(projection, 0, t * batch, (t + 1) * batch), s);
            states.add(s);
        }
        return stack(ops, states);
    }

    /** The initial parameters of one layer. */
    @ConsumerType
    @FunctionalInterface
    public interface LayerParameters {
        /**
         * Adds the parameters of one layer to {@code parameters}, named with {@code prefix} and
         * drawn from {@code init} in a fixed order.
         *
         * @param inputSize the layer's input width (see {@link #inputSize})
         * @param hidden    units per layer
         */
        void add(Map<String, Tensor> parameters, Initializer init, String prefix, int inputSize, int hidden);
    }

    /**
     * The map from the top layer's output {@code [batch, hidden]} to the raw output
     * {@code [batch, out]}. Rows are independent: {@link #steps} applies it once to the rows of all
     * its steps stacked.
     */
    @ConsumerType
    @FunctionalInterface
    public interface Output {
        Tensor apply(Ops ops, Map<String, Tensor> params, Tensor top);
    }

    /** A stack whose output is the linear {@link Readout}. */
    public StackedNetwork(ModelSpec spec, StackSettings settings, int tensorsPerLayer, Map<String, Tensor> initial,
                          Layer layer) {
        this(spec, settings, tensorsPerLayer, initial, layer, Readout::apply);
    }

    /** A stack with its own output map. */
    public StackedNetwork(ModelSpec spec, StackSettings settings, int tensorsPerLayer, Map<String, Tensor> initial,
                          Layer layer, Output output) {
        this(spec, settings, tensorsPerLayer, initial, layer, output, false);
    }

    private StackedNetwork(ModelSpec spec, StackSettings settings, int tensorsPerLayer, Map<String, Tensor> initial,
                           Layer layer, Output output, boolean linearReadout) {
        super(spec, initial);
        this.settings = settings;
        this.tensorsPerLayer = tensorsPerLayer;
        this.layer = layer;
        this.output = output;
        this.linearReadout = linearReadout;
    }

    /**
     * This stack (its spec, current parameters, layer and output map) as a new network that also
     * offers a {@link LinearReadout}: the features are the top layer's outputs, the weights
     * {@value Readout#WEIGHTS} and the bias {@value Readout#BIAS}. Only for a stack whose output map is
     * the linear {@link Readout} (the family's promise; the readout's contract fails otherwise).
     */
    public StackedNetwork withLinearReadout() {
        return new StackedNetwork(spec(), settings, tensorsPerLayer, parameters(), layer, output, true);
    }

    /** Its {@link LinearReadout} when made by {@link #withLinearReadout()}, else as {@link AbstractNetwork}. */
    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == LinearReadout.class && linearReadout) {
            return Optional.of(type.cast(new TopFeatures()));
        }
        return super.capability(type);
    }

    /** The readout of the top layer's outputs, as {@link LinearReadout} describes. */
    private final class TopFeatures implements LinearReadout {
        @Override
        public String weights() {
            return Readout.WEIGHTS;
        }

        @Override
        public Optional<String> bias() {
            return Optional.of(Readout.BIAS);
        }

        @Override
        public int features() {
            return settings.hidden();
        }

        @Override
        public int outputs() {
            return spec().outputSize();
        }

        /** The top layer's outputs of every step of {@code batch}, from the initial state, at inference. */
        @Override
        public Tensor features(Ops ops, Map<String, Tensor> params, Batch batch) {
            List<StepContext> contexts = new ArrayList<>(batch.time());
            for (int t = 0; t < batch.time(); t++) {
                contexts.add(StepContext.inference(t));
            }
            Tensor xs = ops.fromArray(spec().dtype(), Shape.of(batch.time() * batch.batch(), batch.inputSize()),
                    batch.inputs());
            return top(ops, params, xs, initialState(ops, batch.batch()), contexts, new ArrayList<>());
        }
    }

    /** The parameter prefix of layer {@code l}, {@code layer<l>.}. */
    public static String prefix(int l) {
        return "layer" + l + ".";
    }

    /** The input width of layer {@code l}: the data's features for the first, the units below for the others. */
    public static int inputSize(int l, ModelSpec spec, StackSettings settings) {
        return l == 0 ? spec.inputSize() : settings.hidden();
    }

    /**
     * The parameters of every layer, bottom to top, then, if {@code readout}, those of the linear
     * {@link Readout}, all drawn from one {@link Initializer} seeded with {@code seed}: the same
     * seed gives the same parameters.
     */
    public static Map<String, Tensor> initialParameters(ModelSpec spec, StackSettings settings, Ops ops, long seed,
                                                        LayerParameters layer, boolean readout) {
        Initializer init = settings.initializer(ops, spec.dtype(), seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int l = 0; l < settings.layers(); l++) {
            layer.add(p, init, prefix(l), inputSize(l, spec, settings), settings.hidden());
        }
        if (readout) {
            Readout.initialise(p, init, settings.hidden(), spec.outputSize());
        }
        return p;
    }

    /** Zeros for every state tensor of every layer, {@code [batch, hidden]} each. */
    @Override
    public State initialState(Ops ops, int batch) {
        List<Tensor> s = new ArrayList<>(settings.layers() * tensorsPerLayer);
        for (int i = 0; i < settings.layers() * tensorsPerLayer; i++) {
            s.add(ops.zeros(spec().dtype(), Shape.of(batch, settings.hidden())));
        }
        return new State(s);
    }

    /** One time step of every layer, bottom to top, then the output map. */
    @Override
    public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
        List<Tensor> next = new ArrayList<>(state.size());
        Tensor in = x;
        for (int l = 0; l < settings.layers(); l++) {
            if (l > 0) {
                in = Dropout.apply(ops, in, settings.dropout(), context);
            }
            List<Tensor> own = state.tensors().subList(l * tensorsPerLayer, (l + 1) * tensorsPerLayer);
            List<Tensor> after = layer.step(ops, params, prefix(l), in, own);
            next.addAll(after);
            in = after.get(0);
        }
        return new Step(output.apply(ops, params, in), new State(next));
    }

    /**
     * Consecutive steps of every layer, layer by layer: each layer runs all steps
     * ({@link Layer#steps}) on the stacked outputs of the layer below (after dropout, whose mask
     * for step {@code t} is drawn from that step's context as in {@link #step}), then the output map
     * reads the top layer's outputs of all steps at once. The state after step {@code t} is sliced
     * from the layers' stacked states when it is asked for.
     */
    @Override
    public Steps steps(Ops ops, Map<String, Tensor> params, Tensor xs, State state, List<StepContext> contexts) {
        int time = contexts.size();
        if (time == 0 || xs.rank() != 2 || xs.dim(0) % time != 0) {
            return super.steps(ops, params, xs, state, contexts);
        }
        int batch = xs.dim(0) / time;
        List<Tensor> stacked = new ArrayList<>(settings.layers() * tensorsPerLayer);
        Tensor in = top(ops, params, xs, state, contexts, stacked);
        List<State> states = new java.util.AbstractList<>() {
            @Override
            public State get(int t) {
                List<Tensor> s = new ArrayList<>(stacked.size());
                for (Tensor all : stacked) {
                    s.add(time == 1 ? all : ops.slice(all, 0, t * batch, (t + 1) * batch));
                }
                return new State(s);
            }

            @Override
            public int size() {
                return time;
            }
        };
        return new Steps(output.apply(ops, params, in), states);
    }

    /**
     * Runs every layer over all steps of {@code xs} ({@code [time * batch, in]}), adding each layer's
     * stacked states to {@code stacked}; returns the top layer's outputs {@code [time * batch, hidden]}.
     */
    private Tensor top(Ops ops, Map<String, Tensor> params, Tensor xs, State state, List<StepContext> contexts,
                       List<Tensor> stacked) {
        int time = contexts.size();
        Tensor in = xs;
        for (int l = 0; l < settings.layers(); l++) {
            if (l > 0) {
                in = Dropout.applyToSteps(ops, in, settings.dropout(), contexts);
            }
            List<Tensor> own = state.tensors().subList(l * tensorsPerLayer, (l + 1) * tensorsPerLayer);
            List<Tensor> after = layer.steps(ops, params, prefix(l), in, time, own);
            stacked.addAll(after);
            in = after.get(0);
        }
        return in;
    }
}
