import io.engram.api.Batch;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Optimizer;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.ntm.internal.NtmFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import io.engram.train.GradientMethod;
import io.engram.train.LossAndGradients;
import io.engram.train.Losses;
import io.engram.train.Optimizers;
import io.engram.train.SequenceGradients;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Engram's side of benchmarks/ntm: training steps of a neural Turing machine ({@code model.family=ntm},
 * LSTM controller, one read and one write head) on random data, the classes of the distribution's
 * bundles used on a plain class path, as {@code engram bench} times its recurrent layers (its
 * {@code ntm_step} config is the same network in the framework).
 *
 * <pre>
 *   java -cp "DIST/system/*:DIST/plugins/*:DIST/lib/*" NtmBench.java HIDDEN ROWS WIDTH INPUT OUTPUT SEQ BATCH THREADS WARMUP REPS
 * </pre>
 *
 * A training step is the forward pass over the sequence, the mean squared error on every output,
 * backpropagation through time and one plain SGD update (learning rate 1e-3) written back, in a
 * workspace, as {@code engram bench}'s. Inputs and targets are uniform in [-1, 1]. Prints one JSON
 * line with the median, minimum and maximum seconds per step and the steps per second.
 */
public final class NtmBench {
    public static void main(String[] args) {
        int[] a = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = Integer.parseInt(args[i]);
        }
        int hidden = a[0], rows = a[1], width = a[2], input = a[3], output = a[4], seq = a[5], batch = a[6];
        int threads = a[7], warmup = a[8], reps = a[9];
        CpuBackend backend = new CpuBackend(threads);
        Ops ops = backend.ops();
        NtmFamily family = new NtmFamily();
        Hyperparameters hyper = family.schema().validate(Map.of("hidden", Integer.toString(hidden),
                "memory.size", Integer.toString(rows), "memory.width", Integer.toString(width)), "model.").get();
        Network net = family.create(new ModelSpec("ntm", input, output, DType.F32, hyper), backend, 1);
        SplittableRandom random = new SplittableRandom(1);
        int tb = seq * batch;
        double[] ones = new double[tb];
        java.util.Arrays.fill(ones, 1.0);
        Batch data = new Batch(seq, batch, input, output, uniform(random, tb * input), uniform(random, tb * output), ones,
                ones.clone());
        Loss loss = Losses.of(Losses.MSE);
        Optimizer sgd = Optimizers.sgd(0.0, false);
        GradientMethod bptt = SequenceGradients.bptt();
        List<Double> seconds = new ArrayList<>();
        double last = Double.NaN;
        for (int r = 0; r < warmup + reps; r++) {
            long t0 = System.nanoTime();
            Map<String, Tensor> params = net.parameters();
            try (Workspace ws = ops.workspace()) {
                LossAndGradients g = bptt.compute(ops, net, params, data, loss, 1);
                Map<String, Tensor> kept = new LinkedHashMap<>();
                sgd.step(ops, params, g.gradients(), 1e-3).forEach((name, t) -> kept.put(name, ws.keep(t)));
                net.setParameters(kept);
                last = g.loss();
            }
            if (r >= warmup) {
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
        }
        backend.close();
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("{\"side\": \"engram\", \"threads\": %d, \"hidden\": %d, \"rows\": %d, \"width\": %d, \"input\": %d,"
                + " \"output\": %d, \"seq\": %d, \"batch\": %d, \"parameters\": %d, \"median_s\": %.6f, \"min_s\": %.6f,"
                + " \"max_s\": %.6f, \"steps_per_s\": %.4f, \"last_loss\": %.6f}%n", threads, hidden, rows, width, input,
                output, seq, batch, parameters(net), median, sorted.get(0), sorted.get(sorted.size() - 1), 1 / median, last);
    }

    private static long parameters(Network net) {
        long n = 0;
        for (Tensor t : net.parameters().values()) {
            n += t.shape().size();
        }
        return n;
    }

    private static double[] uniform(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1.0, 1.0);
        }
        return v;
    }
}
