package io.engram.family.iirmlp.internal;

import io.engram.api.Differentiable;
import io.engram.api.ModelSpec;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.AbstractNetwork;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An IIR-MLP: layers {@link IirLayer} stacked, the last one's neurons the outputs. Parameters as
 * {@link IirMlpShape} names them. State: for each layer from the first, its input line when
 * {@code L > 1} and its filters' output line when {@code I > 0} (one filter per synapse, or per
 * neuron with activation feedback), zeros at the start.
 *
 * <p>Lifecycle and thread-safety as in {@link io.engram.api.Network}.
 */
final class IirMlpNetwork extends AbstractNetwork implements Differentiable {
    private final IirMlpShape shape;
    private final List<IirLayer> layers = new ArrayList<>();

    IirMlpNetwork(ModelSpec spec, IirMlpShape shape, Map<String, Tensor> initial) {
        super(spec, initial);
        this.shape = shape;
        for (int l = 1; l <= shape.layers(); l++) {
            layers.add(new IirLayer(shape, l));
        }
    }

    @Override
    public State initialState(Ops ops, int batch) {
        List<Tensor> s = new ArrayList<>();
        for (int l = 1; l <= shape.layers(); l++) {
            IirLayer layer = layers.get(l - 1);
            if (layer.hasInputLine()) {
                s.add(ops.zeros(spec().dtype(), Shape.of(batch, shape.size(l - 1) * (shape.maOrder() - 1))));
            }
            if (layer.hasOutputLine()) {
                s.add(ops.zeros(spec().dtype(), Shape.of(batch, shape.filters(l) * shape.arOrder())));
            }
        }
        return new State(s);
    }

    @Override
    public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
        List<Tensor> next = new ArrayList<>(state.size());
        Tensor signal = x;
        int at = 0;
        for (int l = 1; l <= shape.layers(); l++) {
            IirLayer layer = layers.get(l - 1);
            Tensor inputLine = layer.hasInputLine() ? state.get(at++) : null;
            Tensor outputLine = layer.hasOutputLine() ? state.get(at++) : null;
            List<Tensor> r = layer.step(ops, signal, inputLine, outputLine, p.get(IirMlpShape.w(l)),
                    p.get(IirMlpShape.v(l)), p.get(IirMlpShape.b(l)));
            signal = r.get(0);
            if (r.get(1) != null) {
                next.add(r.get(1));
            }
            if (r.get(2) != null) {
                next.add(r.get(2));
            }
        }
        return new Step(signal, new State(next));
    }
}
