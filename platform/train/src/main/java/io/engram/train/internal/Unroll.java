package io.engram.train.internal;

import io.engram.api.Batch;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.api.StepwiseLoss;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a network over a window of a padded batch with any {@link Ops} (plain, taped or
 * tangent-carrying), and sums the step losses.
 *
 * <p>At step {@code t} with step mask {@code m_t} ({@code [batch, 1]}) the state advances as
 * {@code s_{t+1} = where(m_t, f(x_t, s_t), s_t)}, so a padded step passes the state through
 * unchanged, and the step loss is taken with mask {@code m_t * targetMask_t}. Step {@code t} draws
 * its randomness from a generator seeded by {@code (seed, t)} alone, so re-running a window (as
 * truncated BPTT does) sees the same dropout masks.
 *
 * <p>{@linkplain #Unroll(Ops, Batch, DType) By default} a run of two or more consecutive steps in
 * which every sequence is present (no padding, so the state simply advances) goes to
 * {@link Network#steps} in one call, and its loss is taken once over the stacked rows of those
 * steps (a loss is a sum over rows); other steps go to {@link Network#step} one at a time. With
 * {@code stepByStep} every step does, so that nothing is kept for more than one step (forward-mode
 * RTRL carries tangents of everything it keeps).
 *
 * <p>The host arrays of the batch are uploaded through the base ops on first use and kept for the
 * life of this object; they are constants to every differentiating ops. One thread.
 */
public final class Unroll {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Ops base;
    private final Batch batch;
    private final DType dtype;
    private final Tensor[] inputs;
    private final Tensor[] targets;
    private final Tensor[] lossMasks;
    private final List<Tensor[]> stepMasksByRank = new ArrayList<>();
    private final boolean stepByStep;
    /** The whole batch's inputs, targets and loss masks, stacked over time; uploaded on first use. */
    private Tensor allInputs;
    private Tensor allTargets;
    private Tensor allLossMasks;
    private Tensor allStepMasks;

    /** Runs of complete steps go to {@link Network#steps}. */
    public Unroll(Ops base, Batch batch, DType dtype) {
        this(base, batch, dtype, false);
    }

    /** With {@code stepByStep}, every step goes to {@link Network#step} on its own. */
    public Unroll(Ops base, Batch batch, DType dtype, boolean stepByStep) {
        this.base = base;
        this.batch = batch;
        this.dtype = dtype;
        this.stepByStep = stepByStep;
        this.inputs = new Tensor[batch.time()];
        this.targets = new Tensor[batch.time()];
        this.lossMasks = new Tensor[batch.time()];
    }

    public Batch batch() {
        return batch;
    }

    /** The randomness of step {@code t} under {@code seed}. */
    public static StepContext context(boolean training, int t, long seed) {
        return new StepContext(training, t, new SplittableRandom(seed ^ (GOLDEN * (t + 1L))));
    }

    /**
     * Runs steps {@code from} (inclusive) to {@code to} (exclusive) from {@code start}.
     *
     * @param lossFrom  first step whose loss is summed (steps before it only advance the state)
     * @param loss      the per-step loss; may be null when {@code lossFrom >= to}
     * @param states    if not null, {@code states[t + 1]} receives the state after step {@code t}
     * @param outputs   if not null, receives each step's output in order
     * @return the summed loss of steps {@code lossFrom .. to - 1}, or null when none had a target
     */
    public Tensor run(Ops ops, Network network, Map<String, Tensor> params, State start, int from, int to,
                      int lossFrom, StepwiseLoss loss, boolean training, long seed, State[] states, List<Tensor> outputs) {
        State state = start;
        Tensor total = null;
        int t = from;
        while (t < to) {
            int end = t + 1;
            if (!stepByStep && allSteps(t)) {
                while (end < to && end != lossFrom && allSteps(end)) {
                    end++;
                }
            }
            if (end == t + 1) {
                Step step = network.step(ops, params, input(t), state, context(training, t, seed));
                state = advance(ops, state, step.state(), t);
                if (states != null) {
                    states[t + 1] = state;
                }
                if (outputs != null) {
                    outputs.add(step.output());
                }
                if (t >= lossFrom && hasTarget(t)) {
                    Tensor l = loss.loss(ops, step.output(), target(t), lossMask(t));
                    total = total == null ? l : ops.add(total, l);
                }
                t++;
                continue;
            }
            List<StepContext> contexts = new ArrayList<>(end - t);
            for (int k = t; k < end; k++) {
                contexts.add(context(training, k, seed));
            }
            Steps run = network.steps(ops, params, stepRows(allInputs(), t, end), state, contexts);
            state = run.last();
            int n = batch.batch();
            for (int k = t; k < end; k++) {
                if (states != null) {
                    states[k + 1] = run.states().get(k - t);
                }
                if (outputs != null) {
                    outputs.add(ops.slice(run.outputs(), 0, (k - t) * n, (k - t + 1) * n));
                }
            }
            if (t >= lossFrom && hasTarget(t, end)) {
                Tensor l = loss.loss(ops, run.outputs(), stepRows(allTargets(), t, end),
                        stepRows(allLossMasks(), t, end));
                total = total == null ? l : ops.add(total, l);
            }
            t = end;
        }
        return total;
    }

    private State advance(Ops ops, State previous, State next, int t) {
        if (allSteps(t)) {
            return next;
        }
        List<Tensor> kept = new ArrayList<>(next.size());
        for (int i = 0; i < next.size(); i++) {
            Tensor n = next.get(i);
            kept.add(ops.where(stepMask(t, n.rank()), n, previous.get(i)));
        }
        return new State(kept);
    }

    private boolean allSteps(int t) {
        for (int b = 0; b < batch.batch(); b++) {
            if (batch.stepMask()[t * batch.batch() + b] == 0) {
                return false;
            }
        }
        return true;
    }

    private boolean hasTarget(int t) {
        return hasTarget(t, t + 1);
    }

    private boolean hasTarget(int from, int to) {
        for (int row = from * batch.batch(); row < to * batch.batch(); row++) {
            if (batch.stepMask()[row] != 0 && batch.targetMask()[row] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Rows {@code from * batch} to {@code to * batch - 1} of a tensor stacked over time. */
    private Tensor stepRows(Tensor all, int from, int to) {
        int n = batch.batch();
        return from == 0 && to == batch.time() ? all : base.slice(all, 0, from * n, to * n);
    }

    private Tensor allInputs() {
        if (allInputs == null) {
            allInputs = base.fromArray(dtype, Shape.of(batch.time() * batch.batch(), batch.inputSize()), batch.inputs());
        }
        return allInputs;
    }

    /** The targets of every step stacked over time, {@code [time * batch, outputSize]}. */
    public Tensor allTargets() {
        if (allTargets == null) {
            allTargets = base.fromArray(dtype, Shape.of(batch.time() * batch.batch(), batch.outputSize()),
                    batch.targets());
        }
        return allTargets;
    }

    /** The step masks of every step stacked over time, {@code [time * batch, 1]}. */
    public Tensor allStepMasks() {
        if (allStepMasks == null) {
            allStepMasks = base.fromArray(dtype, Shape.of(batch.time() * batch.batch(), 1), batch.stepMask());
        }
        return allStepMasks;
    }

    /** {@code stepMask * targetMask} of every step stacked over time, {@code [time * batch, 1]}. */
    public Tensor allLossMasks() {
        if (allLossMasks == null) {
            int rows = batch.time() * batch.batch();
            double[] m = new double[rows];
            for (int row = 0; row < rows; row++) {
                m[row] = batch.stepMask()[row] != 0 && batch.targetMask()[row] != 0 ? 1.0 : 0.0;
            }
            allLossMasks = base.fromArray(dtype, Shape.of(rows, 1), m);
        }
        return allLossMasks;
    }

    /** The input of step {@code t}, {@code [batch, inputSize]}. */
    public Tensor input(int t) {
        if (inputs[t] == null) {
            inputs[t] = rows(batch.inputs(), t, batch.inputSize());
        }
        return inputs[t];
    }

    /** The target of step {@code t}, {@code [batch, outputSize]}. */
    public Tensor target(int t) {
        if (targets[t] == null) {
            targets[t] = rows(batch.targets(), t, batch.outputSize());
        }
        return targets[t];
    }

    /** {@code stepMask * targetMask} of step {@code t}, {@code [batch, 1]}. */
    public Tensor lossMask(int t) {
        if (lossMasks[t] == null) {
            int n = batch.batch();
            double[] m = new double[n];
            for (int b = 0; b < n; b++) {
                int row = t * n + b;
                m[b] = batch.stepMask()[row] != 0 && batch.targetMask()[row] != 0 ? 1.0 : 0.0;
            }
            lossMasks[t] = base.fromArray(dtype, Shape.of(n, 1), m);
        }
        return lossMasks[t];
    }

    private Tensor stepMask(int t, int rank) {
        while (stepMasksByRank.size() <= rank) {
            stepMasksByRank.add(new Tensor[batch.time()]);
        }
        Tensor[] cache = stepMasksByRank.get(rank);
        if (cache[t] == null) {
            int n = batch.batch();
            double[] m = new double[n];
            System.arraycopy(batch.stepMask(), t * n, m, 0, n);
            int[] dims = new int[Math.max(rank, 1)];
            java.util.Arrays.fill(dims, 1);
            dims[0] = n;
            cache[t] = base.fromArray(dtype, Shape.of(dims), m);
        }
        return cache[t];
    }

    private Tensor rows(double[] data, int t, int width) {
        int n = batch.batch();
        double[] slice = new double[n * width];
        System.arraycopy(data, t * n * width, slice, 0, n * width);
        return base.fromArray(dtype, Shape.of(n, width), slice);
    }
}
