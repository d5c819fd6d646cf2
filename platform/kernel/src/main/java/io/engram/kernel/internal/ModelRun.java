package io.engram.kernel.internal;

import io.engram.api.Decoder;
import io.engram.api.Network;
import io.engram.api.PredictionFormat;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.WholeSequence;
import io.engram.kernel.Predictor;
import io.engram.layers.Decoding;
import io.engram.layers.LengthPenalty;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs one input sequence through a restored network for {@code predict}, as the network's kind
 * requires: a {@link Decoder} is decoded (greedily, or by beam search keeping the best hypothesis
 * under the decoding's length penalty),
 * a {@link WholeSequence} network runs the whole sequence at once, any other network is stepped
 * with {@link StepContext#inference(int, long, long)} drawing from {@code (seed, stream)}. With {@code softmax}, each output row goes through softmax.
 * Stateless and thread-safe; the network is used by the calling thread only.
 */
final class ModelRun {

    private ModelRun() {
    }

    /** The outputs of {@code sequence} ({@code [time][inputSize]}), one row per step or decoded token. */
    static double[][] run(Network network, Ops ops, double[][] sequence, boolean softmax, Predictor.Decode decoding,
                          long seed, long stream) {
        double[][] raw;
        if (sequence.length == 0) {
            raw = new double[0][];
        } else if (network.capability(Decoder.class).isPresent()) {
            raw = best(network, ops, sequence, decoding).scores();
        } else if (network.capability(WholeSequence.class).isPresent()) {
            raw = whole(network, network.capability(WholeSequence.class).get(), ops, sequence, seed, stream);
        } else {
            return stepped(network, ops, sequence, softmax, seed, stream);
        }
        return softmax ? Arrays.stream(raw).map(SequenceOutputs::softmax).toArray(double[][]::new) : raw;
    }

    /**
     * What {@code predict} on a user's file shows of one sequence: the outputs as {@link #run} gives
     * them and, for a {@link Decoder}, the decoded tokens of the best hypothesis and its attention rows.
     */
    static PredictionFormat.Prediction predict(Network network, Ops ops, double[][] sequence, boolean softmax,
                                               Predictor.Decode decoding, long seed, long stream) {
        if (sequence.length == 0 || network.capability(Decoder.class).isEmpty()) {
            return new PredictionFormat.Prediction(run(network, ops, sequence, softmax, decoding, seed, stream),
                    new int[0], new double[0][]);
        }
        Decoding.Hypothesis best = best(network, ops, sequence, decoding);
        double[][] raw = best.scores();
        return new PredictionFormat.Prediction(softmax ? Arrays.stream(raw).map(SequenceOutputs::softmax)
                .toArray(double[][]::new) : raw, best.tokens(), best.attention());
    }

    /** The greedy hypothesis, or beam search's best under the length penalty. */
    private static Decoding.Hypothesis best(Network network, Ops ops, double[][] sequence, Predictor.Decode decoding) {
        int max = decoding.maxTokens(sequence.length);
        return decoding.beamWidth() == 1 ? Decoding.greedy(network, ops, sequence, max, true)
                : Decoding.beam(network, ops, sequence, decoding.beamWidth(), max,
                        new LengthPenalty(decoding.lengthPenalty())).get(0);
    }

    private static double[][] whole(Network network, WholeSequence whole, Ops ops, double[][] sequence, long seed,
                                    long stream) {
        int in = network.spec().inputSize();
        int out = network.spec().outputSize();
        double[] xs = new double[sequence.length * in];
        List<StepContext> contexts = new ArrayList<>();
        for (int t = 0; t < sequence.length; t++) {
            System.arraycopy(sequence[t], 0, xs, t * in, in);
            contexts.add(StepContext.inference(t, seed, stream));
        }
        double[] mask = new double[sequence.length];
        Arrays.fill(mask, 1.0);
        double[] ys = whole.run(ops, network.parameters(), ops.fromArray(network.spec().dtype(),
                Shape.of(sequence.length, in), xs), mask, contexts).toDoubleArray();
        double[][] result = new double[sequence.length][];
        for (int t = 0; t < sequence.length; t++) {
            result[t] = Arrays.copyOfRange(ys, t * out, (t + 1) * out);
        }
        return result;
    }

    private static double[][] stepped(Network network, Ops ops, double[][] sequence, boolean softmax, long seed,
                                      long stream) {
        Map<String, Tensor> params = network.parameters();
        State state = network.initialState(ops, 1);
        double[][] out = new double[sequence.length][];
        for (int t = 0; t < sequence.length; t++) {
            Tensor x = ops.fromArray(network.spec().dtype(), Shape.of(1, network.spec().inputSize()), sequence[t]);
            Step step = network.step(ops, params, x, state, StepContext.inference(t, seed, stream));
            out[t] = (softmax ? ops.softmax(step.output(), -1) : step.output()).toDoubleArray();
            state = step.state();
        }
        return out;
    }
}
