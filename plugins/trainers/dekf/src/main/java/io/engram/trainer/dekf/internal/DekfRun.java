package io.engram.trainer.dekf.internal;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepwiseLoss;
import io.engram.api.TrainingContext;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.autodiff.TangentOps;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.Losses;
import io.engram.train.Seeds;
import io.engram.train.StreamSteps;
import io.engram.train.UnitGroups;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One DEKF job. Per epoch {@code e} (from 1) the training sequences run in an order shuffled from
 * {@code Seeds.of(seed, e)}, each from the network's initial state. At every step the network runs
 * on {@link TangentOps} with one direction per trainable weight, so the outputs carry their
 * Jacobian {@code d y_t / d w} through the recurrent state (real-time recurrent learning: the
 * state's sensitivities are carried on across updates, as in the paper); at a step with a target the
 * filter ({@link Dekf}) updates the weights. The measurement is the raw output {@code y} for the
 * {@code mse} loss (innovation {@code d - y}), the predicted distribution {@code p = softmax(y)} for
 * {@code softmax-ce} (innovation {@code d - p}, Jacobian {@code dy/dw (diag(p) - p p^T)}), and for
 * any other loss the raw output with minus the gradient of the step's loss as the innovation. The
 * per-step randomness (dropout) comes from {@link StreamSteps#context} seeded by the epoch and the
 * sequence's index.
 *
 * <p>Events: a {@link TrainingEvent.Progress} every {@value #PROGRESS} sequences; per epoch an
 * {@link TrainingEvent.EpochEnd} with the mean loss of the steps as they came (each under the
 * weights of its step), the validation loss and the application's validation metrics (when there is
 * validation data) and {@code r}, {@code q}, {@code updates}. Stops after {@code epochs}, when
 * cancelled, when {@code target.metric} reaches {@code target.value}, or (failed, the weights those
 * before the failing update) when an update is not finite.
 *
 * <p>Lifecycle: one per job, made and run on the job's thread. Not thread-safe.
 */
final class DekfRun {
    static final int PROGRESS = 50;
    private final TrainingContext context;
    private final Network network;
    private final Ops ops;
    private final ParameterVector layout;
    private final StepwiseLoss loss;
    private final boolean mse;
    private final boolean softmax;
    private final DType dtype;
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final TangentOps tangents;
    private final Map<String, Tensor> seeds = new LinkedHashMap<>();
    private final Dekf filter;
    private final double[] w;
    private long updates;

    DekfRun(TrainingContext context) {
        this.context = context;
        this.network = context.network();
        this.ops = context.backend().ops();
        this.layout = ParameterVector.of(network);
        this.loss = (StepwiseLoss) context.lossFunction();
        this.mse = Losses.MSE.equals(context.loss());
        this.softmax = "softmax-ce".equals(context.loss());
        this.dtype = network.spec().dtype();
        Map<String, Tensor> params = network.parameters();
        this.tangents = new TangentOps(ops, layout.size());
        int offset = 0;
        for (String name : layout.names()) {
            Tensor p = params.get(name);
            shapes.put(name, p.shape().toArray());
            seeds.put(name, tangents.tangent(tangents.seed(p, offset)));
            offset += p.shape().size();
        }
        this.filter = new Dekf(UnitGroups.of(shapes, java.util.Set.of()), context.hyper().getDouble("p.init"));
        this.w = layout.values();
    }

    TrainingResult train() {
        int epochs = context.hyper().getInt("epochs");
        String targetMetric = context.hyper().getString("target.metric");
        double targetValue = context.hyper().getDouble("target.value");
        Map<String, Double> last = Map.of();
        int completed = 0;
        String stop = "";
        boolean failed = false;
        for (int e = 1; e <= epochs && stop.isEmpty(); e++) {
            Dataset order = context.train().shuffled(Seeds.of(context.seed(), e));
            double lossSum = 0;
            long terms = 0;
            for (int i = 0; i < order.size(); i++) {
                if (context.cancelled()) {
                    stop = "cancelled";
                    break;
                }
                Batch stream = new Dataset(List.of(order.get(i)), order.inputSize(), order.outputSize()).batches(1).get(0);
                double[] sum = new double[2];
                String diverged = run(stream, Seeds.of(Seeds.of(context.seed(), e), i), sum);
                lossSum += sum[0];
                terms += (long) sum[1];
                layout.write(ops, w);
                if (!diverged.isEmpty()) {
                    stop = diverged;
                    failed = true;
                    break;
                }
                if ((i + 1) % PROGRESS == 0 || i + 1 == order.size()) {
                    context.emit(new TrainingEvent.Progress(e, epochs, i + 1, order.size(),
                            terms == 0 ? Double.NaN : lossSum / terms));
                }
            }
            if (!stop.isEmpty()) {
                break;
            }
            completed = e;
            double trainLoss = terms == 0 ? Double.NaN : lossSum / terms;
            double validationLoss = Double.NaN;
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (context.validation().size() > 0) {
                validationLoss = context.populationLoss(List.of(network.parameters()), context.validation(), 0L)[0];
                metrics.putAll(context.evaluate(context.validation()));
            }
            metrics.put("r", noise("r"));
            metrics.put("q", noise("q"));
            metrics.put("updates", (double) updates);
            context.emit(new TrainingEvent.EpochEnd(e, trainLoss, validationLoss, metrics));
            last = new LinkedHashMap<>(metrics);
            last.put("loss", trainLoss);
            if (Double.isFinite(validationLoss)) {
                last.put("validation.loss", validationLoss);
            }
            if (!targetMetric.isEmpty()) {
                Double v = targetMetric.equals("loss") ? (Double) validationLoss : metrics.get(targetMetric);
                if (v != null && Double.isFinite(v) && (lowerIsBetter(targetMetric) ? v <= targetValue : v >= targetValue)) {
                    stop = "target reached: " + targetMetric + " = " + v + " (target " + targetValue + ")";
                }
            }
        }
        if (!stop.isEmpty()) {
            context.emit(new TrainingEvent.Stopped(stop, failed));
        }
        return new TrainingResult(last, completed, stop, failed);
    }

    /**
     * Runs one sequence, updating {@link #w} at each step with a target; adds the steps' summed loss
     * and their count to {@code sum}. Returns why it diverged, or the empty string.
     */
    private String run(Batch stream, long seed, double[] sum) {
        StreamSteps steps = new StreamSteps(ops, stream, dtype);
        Map<String, Tensor> params = duals();
        State state = network.initialState(ops, 1);
        for (int t = 0; t < steps.length(); t++) {
            if (stream.stepMask()[t] == 0) {
                continue;
            }
            Step step = network.step(tangents, params, steps.input(t), state, StreamSteps.context(t, seed));
            state = step.state();
            if (!steps.hasTarget(t)) {
                continue;
            }
            Tensor out = step.output();
            double[] y = tangents.value(out).toDoubleArray();
            double[] jac = tangents.tangent(out).toDoubleArray();
            int m = y.length;
            double[] innovation = new double[m];
            sum[0] += innovation(tangents.value(out), steps.target(t), steps.lossMask(t), stream, t, innovation);
            sum[1] += 1;
            double[][] h = new double[w.length][m];
            for (int k = 0; k < w.length; k++) {
                System.arraycopy(jac, k * m, h[k], 0, m);
            }
            if (softmax) {
                h = throughSoftmax(h, y);
            }
            double[] before = w.clone();
            if (!filter.update(w, h, innovation, noise("r"), noise("q")) || !finite(w)) {
                System.arraycopy(before, 0, w, 0, w.length);
                return String.format(Locale.ROOT, "diverged: the filter's update at step %d was not finite", t);
            }
            updates++;
            params = duals();
        }
        return "";
    }

    /** Fills {@code e} with the innovation of one step and returns the step's loss. */
    private double innovation(Tensor y, Tensor target, Tensor mask, Batch stream, int t, double[] e) {
        int m = e.length;
        if (softmax) {
            double[] p = softmax(y.toDoubleArray());
            double l = 0;
            for (int o = 0; o < m; o++) {
                double d = stream.targets()[t * m + o];
                e[o] = d - p[o];
                l -= d > 0 ? d * Math.log(Math.max(p[o], Double.MIN_NORMAL)) : 0.0;
            }
            return l;
        }
        if (mse) {
            double l = 0;
            double[] out = y.toDoubleArray();
            for (int o = 0; o < m; o++) {
                e[o] = stream.targets()[t * m + o] - out[o];
                l += e[o] * e[o];
            }
            return l / m;
        }
        TangentOps byOutput = new TangentOps(ops, m);
        Tensor l = loss.loss(byOutput, byOutput.seed(y, 0), target, mask);
        double[] g = byOutput.tangent(l).toDoubleArray();
        for (int o = 0; o < m; o++) {
            e[o] = -g[o];
        }
        return byOutput.value(l).item();
    }

    /** The softmax of {@code z}. */
    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int o = 0; o < z.length; o++) {
            p[o] = Math.exp(z[o] - max);
            sum += p[o];
        }
        for (int o = 0; o < z.length; o++) {
            p[o] /= sum;
        }
        return p;
    }

    /**
     * The Jacobian of the predicted distribution {@code p = softmax(z)} from that of {@code z}:
     * {@code dp/dw = dz/dw (diag(p) - p p^T)}.
     */
    static double[][] throughSoftmax(double[][] h, double[] z) {
        double[] p = softmax(z);
        int m = p.length;
        double[][] out = new double[h.length][m];
        for (int k = 0; k < h.length; k++) {
            double dot = 0;
            for (int j = 0; j < m; j++) {
                dot += h[k][j] * p[j];
            }
            for (int o = 0; o < m; o++) {
                out[k][o] = p[o] * (h[k][o] - dot);
            }
        }
        return out;
    }

    /** The parameters as duals of the current weights, one tangent direction per weight; the rest plain. */
    private Map<String, Tensor> duals() {
        Map<String, Tensor> all = new LinkedHashMap<>(network.parameters());
        int offset = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            Tensor seed = seeds.get(e.getKey());
            int n = seed.shape().size() / layout.size();
            double[] v = new double[n];
            System.arraycopy(w, offset, v, 0, n);
            offset += n;
            all.put(e.getKey(), tangents.dual(ops.fromArray(dtype, io.engram.tensor.Shape.of(e.getValue()), v), seed));
        }
        return all;
    }

    /** {@code r} or {@code q} after {@link #updates} updates: geometric from its initial to its final value. */
    private double noise(String which) {
        double from = context.hyper().getDouble(which + ".init");
        double to = context.hyper().getDouble(which + ".final");
        double f = Math.min(1.0, updates / (double) context.hyper().getInt("anneal.steps"));
        if (from <= 0 || to <= 0) {
            return from + (to - from) * f;
        }
        return from * Math.pow(to / from, f);
    }

    private static boolean finite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static boolean lowerIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return m.contains("loss") || m.contains("mae") || m.contains("mse") || m.contains("error")
                || m.contains("perplexity");
    }
}
