package io.engram.bench.internal;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.api.Trainer;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingResult;
import io.engram.train.SimpleTrainingContext;
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
 * One network of a {@link BenchConfig} with its data, and the two things that are timed:
 * <ul>
 *   <li>{@link #trainStep()}: forward over the sequence, MSE on all outputs, backpropagation
 *   through time ({@link SequenceGradients#bptt()}) and one plain SGD update (learning rate
 *   {@value #LEARNING_RATE}, no momentum), written back with {@link Network#setParameters};</li>
 *   <li>{@link #inferPass()}: the plain steps over the whole sequence from the initial state in
 *   one {@link Network#steps} call, nothing recorded, ending with the last output read back to the
 *   host so that a backend that computes asynchronously has finished.</li>
 * </ul>
 * For an echo state network ({@link BenchConfig#ridgeFit()}) the training step is instead one fit
 * of the readout by the ridge trainer ({@link #ridgeFit()}: the reservoir run over every sequence,
 * the Gram sums, the solve), and the data is the Mackey-Glass series ({@link #mackeyGlass}),
 * sequence {@code b} holding samples {@code b T .. (b + 1) T - 1} and, as targets, each next sample.
 * Otherwise inputs and targets are uniform in [-1, 1] from the seed; every step of every sequence has a
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
    /** The ridge fit's context and trainer, for a config whose training step is a fit; else null. */
    private TrainingContext fit;
    private Trainer ridge;
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
        return create(c, family, null, backend, dtype, seed);
    }

    /**
     * The network and data of {@code c}, or why the family (or the trainer) rejected the settings;
     * {@code ridge} is the ridge trainer, needed by (and only by) a config whose training step is a
     * ridge fit.
     */
    static Either<String, Workload> create(BenchConfig c, NetworkFamily family, Trainer ridge, Backend backend,
                                           DType dtype, long seed) {
        Map<String, String> settings = new LinkedHashMap<>(c.model());
        settings.put(c.ridgeFit() ? "units" : "hidden", Integer.toString(c.hidden()));
        if (c.layers() > 1) {
            settings.put("layers", Integer.toString(c.layers()));
        }
        Validation<io.vavr.collection.Seq<Problem>, Hyperparameters> hyper = family.schema().validate(settings, "model.");
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
        Hyperparameters fitSettings = null;
        if (c.ridgeFit()) {
            if (ridge == null) {
                return Either.left(c.name() + ": no trainer 'ridge' is registered (" + io.engram.api.PluginProperties.TRAINER
                        + "=ridge), which fits the " + c.family() + " family's readout");
            }
            Validation<io.vavr.collection.Seq<Problem>, Hyperparameters> fit = ridge.schema().validate(Map.of(
                    "ridge", Double.toString(BenchConfig.ESN_RIDGE), "washout", Integer.toString(BenchConfig.ESN_WASHOUT),
                    "batch.size", Integer.toString(c.batch())), "trainer.");
            if (fit.isInvalid()) {
                return Either.left(c.name() + ": the ridge trainer rejected the settings: "
                        + fit.getError().map(Problem::toString).mkString("; "));
            }
            fitSettings = fit.get();
        }
        Ops ops = backend.ops();
        Network network = family.create(spec, backend, seed);
        int tb = c.seq() * c.batch();
        double[] xs;
        double[] ys;
        if (c.ridgeFit()) {
            double[] series = mackeyGlass(tb + 1);
            xs = new double[tb * c.inputSize()];
            ys = new double[tb * c.outputSize()];
            for (int t = 0; t < c.seq(); t++) {
                for (int b = 0; b < c.batch(); b++) {
                    int k = b * c.seq() + t;
                    int row = t * c.batch() + b;
                    java.util.Arrays.fill(xs, row * c.inputSize(), (row + 1) * c.inputSize(), series[k]);
                    java.util.Arrays.fill(ys, row * c.outputSize(), (row + 1) * c.outputSize(), series[k + 1]);
                }
            }
        } else {
            SplittableRandom random = new SplittableRandom(seed);
            xs = uniform(random, tb * c.inputSize());
            ys = uniform(random, tb * c.outputSize());
        }
        double[] ones = new double[tb];
        java.util.Arrays.fill(ones, 1.0);
        Batch batch = new Batch(c.seq(), c.batch(), c.inputSize(), c.outputSize(), xs, ys, ones, ones.clone());
        Tensor inputs = ops.fromArray(dtype, Shape.of(tb, c.inputSize()), xs);
        Workload w = new Workload(ops, network, batch, inputs, seed);
        if (c.ridgeFit()) {
            w.fit = new SimpleTrainingContext.Builder(network, backend).train(sequences(batch)).loss(Losses.MSE)
                    .hyper(fitSettings).seed(seed).build();
            w.ridge = ridge;
        }
        return Either.right(w);
    }

    /** The batch's sequences, one {@link Sequence} each with a target at every step. */
    private static Dataset sequences(Batch b) {
        List<Sequence> list = new ArrayList<>(b.batch());
        for (int j = 0; j < b.batch(); j++) {
            double[][] in = new double[b.time()][b.inputSize()];
            double[][] out = new double[b.time()][b.outputSize()];
            for (int t = 0; t < b.time(); t++) {
                int row = t * b.batch() + j;
                System.arraycopy(b.inputs(), row * b.inputSize(), in[t], 0, b.inputSize());
                System.arraycopy(b.targets(), row * b.outputSize(), out[t], 0, b.outputSize());
            }
            list.add(Sequence.perStep(in, out));
        }
        return new Dataset(list, b.inputSize(), b.outputSize());
    }

    /**
     * {@code n} samples of the Mackey-Glass series (tau 17, Euler step 0.1, every 10th value, the
     * first 1000 samples dropped, starting at 1.2), as benchmarks/esn-fit and the peer script draw it.
     */
    static double[] mackeyGlass(int n) {
        int delay = 170;
        int subsample = 10;
        int discard = 1000;
        int steps = (discard + n) * subsample;
        double[] x = new double[delay + steps + 1];
        java.util.Arrays.fill(x, 0, delay + 1, 1.2);
        for (int k = delay; k < delay + steps; k++) {
            double lag = x[k - delay];
            x[k + 1] = x[k] + 0.1 * (0.2 * lag / (1 + Math.pow(lag, 10)) - 0.1 * x[k]);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = x[delay + (discard + i) * subsample];
        }
        return out;
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
        if (mode == Mode.TRAIN && fit != null) {
            ridgeFit();
        } else if (mode == Mode.TRAIN) {
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

    /**
     * One ridge fit of the readout: the reservoir over every sequence, the Gram sums and the solve,
     * the readout written.
     *
     * @throws IllegalStateException when the fit fails
     */
    void ridgeFit() {
        TrainingResult r = ridge.train(fit);
        if (r.failed()) {
            throw new IllegalStateException("the ridge fit failed: " + r.stopReason());
        }
        lastLoss = r.metrics().getOrDefault("loss", Double.NaN);
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

    /** The number of parameter values of the network. */
    long parameters() {
        long n = 0;
        for (Tensor t : network.parameters().values()) {
            n += t.shape().size();
        }
        return n;
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
