package io.engram.train.internal;

import io.engram.api.Batch;
import io.engram.api.BatchOutputs;
import io.engram.api.Decoder;
import io.engram.api.Loss;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.StepwiseLoss;
import io.engram.api.WholeSequence;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a network that is not stepped causally over a whole padded batch with any {@link Ops}
 * (plain, taped or tangent-carrying), and sums its losses.
 *
 * <p>A {@link WholeSequence} network computes all outputs in one {@link WholeSequence#run}. A
 * {@link Decoder} network encodes the batch's inputs as its source and is then fed, at target step
 * {@code t}, the true token of step {@code t - 1} (teacher forcing; Williams and Zipser 1989), the
 * start token at step 0, a token being the index of the largest target of the step. The loss of
 * the batch sees all steps at once ({@link BatchOutputs}, as {@link WholeBatch} gives them; a per-step
 * loss takes the mask {@code stepMask * targetMask}, as in {@link Unroll}), and step {@code t}
 * draws its randomness from {@code (seed, t)} ({@link Unroll#context}). Host arrays are uploaded
 * through the base ops, so they are constants to every differentiating ops. One thread.
 *
 * <p>When the batch has labels of their own length ({@link LabelSteps#applies}: target sentences), a
 * {@link Decoder} is decoded over the label steps instead: {@code labels.width()} steps, fed the start
 * token and then the true previous label, and the loss sees the {@linkplain LabelSteps#of label-step
 * view} of the batch (one-hot labels as targets, masked after each sequence's length), so the outputs
 * and the steps of the loss are the label steps, not the source steps.
 */
public final class WholeRun {

    private final Ops base;
    private final Batch batch;
    private final DType dtype;
    /** The label-step view of the batch, built on first use. */
    private Batch labelSteps;

    public WholeRun(Ops base, Batch batch, DType dtype) {
        this.base = base;
        this.batch = batch;
        this.dtype = dtype;
    }

    /** Whether {@code network} is run by this class rather than stepped. */
    public static boolean applies(Network network) {
        return network.capability(Decoder.class).isPresent() || network.capability(WholeSequence.class).isPresent();
    }

    /**
     * Runs the whole batch.
     *
     * @param loss    the loss to sum, or null for none
     * @param outputs if not null, receives each step's output {@code [batch, outputSize]} in order
     * @return the summed loss, or null when no step has a target (or {@code loss} is null)
     */
    public Tensor run(Ops ops, Network network, Map<String, Tensor> params, Loss loss, boolean training, long seed,
                      List<Tensor> outputs) {
        int time = batch.time();
        int n = batch.batch();
        List<StepContext> contexts = contexts(training, time, seed);
        Tensor xs = base.fromArray(dtype, Shape.of(time * n, batch.inputSize()), batch.inputs());
        java.util.Optional<Decoder> decoder = network.capability(Decoder.class);
        Batch scored = scored(network);
        Tensor all = decoder.isPresent()
                ? stacked(ops, decode(ops, decoder.get(), params, xs, contexts, scored, training, seed))
                : network.capability(WholeSequence.class).orElseThrow().run(ops, params, xs, batch.stepMask(), contexts);
        if (outputs != null) {
            outputs.addAll(split(ops, all, scored));
        }
        if (loss == null || scored.targetCount() == 0 && loss instanceof StepwiseLoss) {
            return null;
        }
        Unroll whole = new Unroll(base, scored, dtype);
        return loss.loss(ops, new BatchOutputs(scored, all, whole.allTargets(), whole.allStepMasks(),
                whole.allLossMasks()));
    }

    /**
     * The batch the loss of {@code network} is taken on: the label-step view for a decoder given labels
     * (built once and kept), else the batch itself.
     */
    public Batch scored(Network network) {
        if (!network.capability(Decoder.class).isPresent() || !LabelSteps.applies(batch)) {
            return batch;
        }
        if (labelSteps == null) {
            labelSteps = LabelSteps.of(batch);
        }
        return labelSteps;
    }

    private static List<StepContext> contexts(boolean training, int time, long seed) {
        List<StepContext> contexts = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            contexts.add(Unroll.context(training, t, seed));
        }
        return contexts;
    }

    /**
     * Teacher-forced decoding over the steps of {@code scored}: the batch's own steps (fed the largest
     * target of the previous step) or its label steps (fed the previous label).
     */
    private List<Tensor> decode(Ops ops, Decoder decoder, Map<String, Tensor> params, Tensor xs,
                                List<StepContext> contexts, Batch scored, boolean training, long seed) {
        int n = batch.batch();
        int vocabulary = batch.outputSize();
        boolean labelled = scored != batch;
        List<StepContext> targetContexts = labelled ? contexts(training, scored.time(), seed) : contexts;
        State state = decoder.encode(ops, params, xs, batch.stepMask(), contexts);
        List<Tensor> out = new ArrayList<>(scored.time());
        for (int t = 0; t < scored.time(); t++) {
            double[] fed = labelled ? oneHotLabels(t, decoder.startToken())
                    : t == 0 ? oneHotStart(decoder.startToken()) : oneHotTargets(t - 1);
            Step step = decoder.decode(ops, params, base.fromArray(dtype, Shape.of(n, vocabulary), fed), state,
                    targetContexts.get(t));
            out.add(step.output());
            state = step.state();
        }
        return out;
    }

    private double[] oneHotStart(int start) {
        int v = batch.outputSize();
        double[] out = new double[batch.batch() * v];
        for (int b = 0; b < batch.batch(); b++) {
            out[b * v + start] = 1.0;
        }
        return out;
    }

    /** The one-hot rows of the tokens fed to label step {@code t}. */
    private double[] oneHotLabels(int t, int start) {
        int v = batch.outputSize();
        double[] out = new double[batch.batch() * v];
        for (int b = 0; b < batch.batch(); b++) {
            out[b * v + LabelSteps.fed(batch.labels(), b, t, start)] = 1.0;
        }
        return out;
    }

    /** The one-hot rows of the largest target of each sequence at step {@code t}. */
    private double[] oneHotTargets(int t) {
        int n = batch.batch();
        int v = batch.outputSize();
        double[] out = new double[n * v];
        for (int b = 0; b < n; b++) {
            int row = (t * n + b) * v;
            int best = 0;
            for (int o = 1; o < v; o++) {
                best = batch.targets()[row + o] > batch.targets()[row + best] ? o : best;
            }
            out[b * v + best] = 1.0;
        }
        return out;
    }

    private static Tensor stacked(Ops ops, List<Tensor> steps) {
        return steps.size() == 1 ? steps.get(0) : ops.concat(0, steps);
    }

    private static List<Tensor> split(Ops ops, Tensor all, Batch steps) {
        int n = steps.batch();
        List<Tensor> out = new ArrayList<>(steps.time());
        for (int t = 0; t < steps.time(); t++) {
            out.add(steps.time() == 1 ? all : ops.slice(all, 0, t * n, (t + 1) * n));
        }
        return out;
    }
}
