package io.engram.bench.internal;

import io.engram.api.Batch;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Optimizer;
import io.engram.api.Problem;
import io.engram.api.State;
import io.engram.api.StepContext;
import io.engram.api.Steps;
import io.engram.bench.BenchConfig;
import io.engram.bench.Mode;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import io.engram.train.GradientMethod;
import io.engram.train.LossAndGradients;
import io.engram.train.Losses;
import io.engram.train.Optimizers;
import io.engram.train.SequenceGradients;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One network of a {@link BenchConfig} with its random data, and the two things that are timed:
 * <ul>
 *   <li>{@link #trainStep()}: forward over the sequence, MSE on all outputs, backpropagation
 *   through time ({@link SequenceGradients#bptt()}) and one plain SGD update (learning rate
 *   {@value #LEARNING_RATE}, no momentum), written back with {@link Network#setParameters};</li>
 *   <li>{@link #inferPass()}: the plain steps over the whole sequence from the initial state in
 *   one {@link Network#steps} call, nothing recorded, ending with the last output read back to the
 *   host so that a backend that computes asynchronously has finished.</li>
 * </ul>
 * Inputs and targets are uniform in [-1, 1] from the seed; every step of every sequence has a
 * target ({@code outputSize = hidden}). Both run inside a {@link Workspace}, so a backend that
 * recycles memory does so as it would in a training loop.
 *
 * <p>Lifecycle: {@link #create}, then any number of calls on one thread. Not thread-safe.
 */
final class Workload {
    static final double LEARNING_RATE = 1e-3;

    private final Ops ops;
    private final Network network;
    private final Batch batch;
    /** The inputs of all steps stacked, {@code [seq * batch, input]}. */
    private final Tensor inputs;
    /** The inference contexts of the steps, one per step. */
    private final List<StepContext> contexts;
    private final Loss loss = Losses.of(Losses.MSE);
    private final Optimizer sgd = Optimizers.sgd(0.0, false);
    private final GradientMethod bptt = SequenceGradients.bptt();
    private final long seed;
    private double lastLoss = Double.NaN;
    private double lastOutput = Double.NaN;

    private Workload(Ops ops, Network network, Batch batch, Tensor inputs, long seed) {
        this.ops = ops;
        this.network = network;
        this.batch = batch;
        this.inputs = inputs;
        this.seed = seed;
        List<StepContext> c = new ArrayList<>(batch.time());
        for (int t = 0; t < batch.time(); t++) {
            c.add(StepContext.inference(t));
        }
        this.contexts = List.copyOf(c);
    }

    /** The network and data of {@code c}, or why the family rejected the sizes. */
    static Either<String, Workload> create(BenchConfig c, NetworkFamily family, Backend backend, DType dtype, long seed) {
        Validation<io.vavr.collection.Seq<Problem>, Hyperparameters> hyper =
                family.schema().validate(Map.of("hidden", Integer.toString(c.hidden())), "model.");
        if (hyper.isInvalid()) {
            return Either.left(c.name() + ": the " + c.family() + " family rejected the sizes: "
                    + hyper.getError().map(Problem::toString).mkString("; "));
        }
        ModelSpec spec = new ModelSpec(c.family(), c.inputSize(), c.outputSize(), dtype, hyper.get());
        io.vavr.collection.Seq<Problem> problems = family.validate(spec);
        if (!problems.isEmpty()) {
            return Either.left(c.name() + ": the " + c.family() + " family rejected the spec: "
                    + problems.map(Problem::toString).mkString("; "));
        }
        Ops ops = backend.ops();
        Network network = family.create(spec, backend, seed);
        SplittableRandom random = new SplittableRandom(seed);
        int tb = c.seq() * c.batch();
        double[] xs = uniform(random, tb * c.inputSize());
        double[] ys = uniform(random, tb * c.outputSize());
        double[] ones = new double[tb];
        java.util.Arrays.fill(ones, 1.0);
        Batch batch = new Batch(c.seq(), c.batch(), c.inputSize(), c.outputSize(), xs, ys, ones, ones.clone());
        Tensor inputs = ops.fromArray(dtype, Shape.of(tb, c.inputSize()), xs);
        return Either.right(new Workload(ops, network, batch, inputs, seed));
    }

    private static double[] uniform(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1.0, 1.0);
        }
        return v;
    }

    /** One iteration of {@code mode}. */
    void run(Mode mode) {
        if (mode == Mode.TRAIN) {
            trainStep();
        } else {
            inferPass();
        }
    }

    /** One training step; the parameters move by one SGD update. */
    void trainStep() {
        Map<String, Tensor> params = network.parameters();
        try (Workspace ws = ops.workspace()) {
            LossAndGradients g = bptt.compute(ops, network, params, batch, loss, seed);
            Map<String, Tensor> next = sgd.step(ops, params, g.gradients(), LEARNING_RATE);
            Map<String, Tensor> kept = new LinkedHashMap<>();
            next.forEach((name, t) -> kept.put(name, ws.keep(t)));
            network.setParameters(kept);
            lastLoss = g.loss();
        }
    }

    /** One inference pass over the sequence. */
    void inferPass() {
        Map<String, Tensor> params = network.parameters();
        try (Workspace ws = ops.workspace()) {
            State state = network.initialState(ops, batch.batch());
            Steps steps = network.steps(ops, params, inputs, state, contexts);
            int rows = batch.time() * batch.batch();
            lastOutput = ops.slice(steps.outputs(), 0, rows - batch.batch(), rows).toFloatArray()[0];
        }
    }

    /** The loss of the last training step (the mean squared error before its update). */
    double lastLoss() {
        return lastLoss;
    }

    /** The first element of the last output of the last inference pass. */
    double lastOutput() {
        return lastOutput;
    }
}
