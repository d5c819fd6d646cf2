package io.engram.app.robotcontrol.internal;

import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;

/**
 * A network driving the cart: from a fresh state of the network ({@link Network#initialState}) and
 * a given start of the plant, each step feeds the observation as the input {@code [1, n]}, carries
 * the network's state on and applies its one output as the action, until the plant fails or the
 * steps run out. Stateless; thread-safe as far as the network's {@code step} is.
 */
final class Controller {
    private Controller() {
    }

    /**
     * Steps balanced by {@code network} with {@code params} from {@code start}, at most {@code steps}.
     *
     * @throws IllegalStateException when the network's output is not {@code [1, 1]}
     */
    static int balanced(Network network, Ops ops, Map<String, Tensor> params, PoleTask task, double[] start,
                        int steps) {
        PoleEpisode episode = new PoleEpisode(task, start, steps);
        State state = network.initialState(ops, 1);
        Shape input = Shape.of(1, task.observationSize());
        int t = 0;
        while (!episode.done()) {
            Tensor x = ops.fromArray(network.spec().dtype(), input, episode.observation());
            Step step = network.step(ops, params, x, state, StepContext.inference(t));
            Tensor out = step.output();
            if (out.rank() != 2 || out.dim(0) != 1 || out.dim(1) != 1) {
                throw new IllegalStateException("the network's output " + out.shape()
                        + " is no force: pole balancing takes [1, 1]");
            }
            episode.advance(out.toDoubleArray());
            state = step.state();
            t++;
        }
        return episode.balanced();
    }

    /**
     * The benchmark's final test of {@code network}: {@code balanced}, the steps balanced from the
     * standard start up to the task's success steps; {@code solved}, 1 when that reached them, else
     * 0; {@code generalisation}, how many of the 625 starts of {@link Starts#grid()} it balanced for
     * the task's generalisation steps (a solution generalises when at least 200).
     */
    static Map<String, Double> test(Network network, Ops ops, PoleTask task) {
        Map<String, Tensor> params = network.parameters();
        int balanced = balanced(network, ops, params, task, task.standardStart(), task.successSteps());
        int general = 0;
        for (double[] start : Starts.grid()) {
            if (balanced(network, ops, params, task, start, task.generalisation()) == task.generalisation()) {
                general++;
            }
        }
        return Map.of("balanced", (double) balanced, "solved", balanced == task.successSteps() ? 1.0 : 0.0,
                "generalisation", (double) general);
    }
}
