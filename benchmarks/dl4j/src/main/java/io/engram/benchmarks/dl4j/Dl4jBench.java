package io.engram.benchmarks.dl4j;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The configs of {@code engram bench} in DL4J (nd4j-native on the CPU), printing the same JSON
 * keys with backend {@code dl4j}.
 *
 * <p>Each config is one recurrent layer ({@code LSTM}, or {@code SimpleRnn} with tanh for Elman)
 * of {@code hidden} units and an {@code RnnOutputLayer} with identity activation and MSE to
 * {@code hidden} outputs. DL4J's multi-layer API has no GRU layer, so {@code gru_std} is
 * reported as skipped on standard error. A training step is {@code fit(x, y)} with plain SGD
 * (lr 1e-3); an inference pass is {@code output(x)}. FLOPs count the recurrent layer's matrix
 * products only, as {@code engram bench} does. {@code peak_heap_bytes} is the JVM heap pools'
 * summed peak; ND4J keeps its arrays off the heap, so it understates DL4J's memory. Threads are
 * set with {@code OMP_NUM_THREADS} in the environment (compare.py sets it); {@code --threads}, if
 * given, must agree with it.
 *
 * <p>Arguments: {@code --config NAME[,NAME]} {@code --mode train|infer|both} {@code --threads N}
 * {@code --warmup N} {@code --reps N} {@code --seed N} {@code --input I} {@code --hidden H}
 * {@code --seq T} {@code --batch B}. Exit 2 for bad arguments.
 */
public final class Dl4jBench {
    private static final Map<String, Object[]> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("lstm_small", new Object[] {"lstm", 64, 128, 50, 32});
        BUILT_IN.put("lstm_std", new Object[] {"lstm", 128, 256, 100, 32});
        BUILT_IN.put("lstm_big", new Object[] {"lstm", 512, 1024, 50, 64});
        BUILT_IN.put("gru_std", new Object[] {"gru", 128, 256, 100, 32});
        BUILT_IN.put("elman_std", new Object[] {"elman", 128, 256, 100, 32});
    }

    private Dl4jBench() {
    }

    public static void main(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> keys = List.of("--config", "--mode", "--threads", "--warmup", "--reps", "--seed", "--input", "--hidden", "--seq", "--batch");
        for (int i = 0; i < args.length; i++) {
            if (!keys.contains(args[i])) {
                problems.add(args[i] + ": unknown option (expected one of " + String.join(", ", keys) + ")");
            } else if (i + 1 >= args.length) {
                problems.add(args[i] + ": no value");
            } else {
                o.put(args[i].substring(2), args[++i]);
            }
        }
        List<String> names = o.containsKey("config") ? Arrays.stream(o.get("config").split(",")).map(String::trim).toList()
                : List.copyOf(BUILT_IN.keySet());
        for (String n : names) {
            if (!BUILT_IN.containsKey(n)) {
                problems.add("config: unknown '" + n + "' (expected one of " + String.join(", ", BUILT_IN.keySet()) + ")");
            }
        }
        String mode = o.getOrDefault("mode", "both");
        if (!List.of("train", "infer", "both").contains(mode)) {
            problems.add("mode: unknown '" + mode + "' (expected train, infer or both)");
        }
        int[] num = new int[6];
        String[] numKeys = {"warmup", "reps", "input", "hidden", "seq", "batch"};
        for (int k = 0; k < numKeys.length; k++) {
            num[k] = -1;
            if (o.containsKey(numKeys[k])) {
                try {
                    num[k] = Integer.parseInt(o.get(numKeys[k]));
                    if (num[k] < (k == 0 ? 0 : 1)) {
                        problems.add(numKeys[k] + ": " + num[k] + " is too small");
                    }
                } catch (NumberFormatException e) {
                    problems.add(numKeys[k] + ": '" + o.get(numKeys[k]) + "' is not a whole number");
                }
            }
        }
        if (!problems.isEmpty()) {
            System.err.println("dl4j_bench: the options were rejected (" + problems.size() + " problems):");
            problems.forEach(p -> System.err.println("  " + p));
            System.exit(2);
        }
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", Integer.toString(Runtime.getRuntime().availableProcessors()));
        if (o.containsKey("threads") && !o.get("threads").equals(threads)) {
            System.err.println("dl4j_bench: --threads " + o.get("threads") + " differs from OMP_NUM_THREADS=" + threads
                    + ", which is what ND4J uses: set OMP_NUM_THREADS=" + o.get("threads"));
            System.exit(2);
        }
        List<String> modes = mode.equals("both") ? List.of("train", "infer") : List.of(mode);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        System.err.println("dl4j_bench: nd4j backend " + Nd4j.getBackend().getClass().getSimpleName() + ", OMP_NUM_THREADS=" + threads);
        for (String name : names) {
            Object[] base = BUILT_IN.get(name);
            String family = (String) base[0];
            int in = num[2] > 0 ? num[2] : (int) base[1];
            int h = num[3] > 0 ? num[3] : (int) base[2];
            int t = num[4] > 0 ? num[4] : (int) base[3];
            int b = num[5] > 0 ? num[5] : (int) base[4];
            String label = (in == (int) base[1] && h == (int) base[2] && t == (int) base[3] && b == (int) base[4])
                    ? name : name + ":" + in + "/" + h + "/" + t + "/" + b;
            if (family.equals("gru")) {
                System.err.println("dl4j_bench: " + label + " skipped: DL4J's MultiLayerNetwork has no GRU layer");
                continue;
            }
            int gates = family.equals("lstm") ? 4 : 1;
            long forward = 2L * gates * h * (long) (in + h) * b * t;
            boolean big = 3 * forward > 10_000_000_000L;
            int warmup = num[0] >= 0 ? num[0] : (big ? 1 : 3);
            int reps = num[1] >= 0 ? num[1] : (big ? 3 : 10);
            Layer rnn = family.equals("lstm")
                    ? new LSTM.Builder().nIn(in).nOut(h).activation(Activation.TANH).build()
                    : new SimpleRnn.Builder().nIn(in).nOut(h).activation(Activation.TANH).build();
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Sgd(1e-3))
                    .dataType(DataType.FLOAT).list()
                    .layer(rnn)
                    .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(h).nOut(h).activation(Activation.IDENTITY).build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            Nd4j.getRandom().setSeed(seed);
            INDArray x = Nd4j.rand(DataType.FLOAT, b, in, t).muli(2).subi(1);
            INDArray y = Nd4j.rand(DataType.FLOAT, b, h, t).muli(2).subi(1);
            for (String m : modes) {
                System.err.println("dl4j_bench: " + label + " " + m + ": I/H/T/B " + in + "/" + h + "/" + t + "/" + b + ", "
                        + warmup + " warm-up + " + reps + " timed iterations");
                Runnable action = m.equals("train") ? () -> net.fit(x, y) : () -> net.output(x);
                for (int i = 0; i < warmup; i++) {
                    action.run();
                }
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                double[] s = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long start = System.nanoTime();
                    action.run();
                    s[i] = (System.nanoTime() - start) / 1e9;
                }
                long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                double[] sorted = s.clone();
                Arrays.sort(sorted);
                int n = sorted.length;
                double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                long flops = m.equals("train") ? 3 * forward : forward;
                System.out.println(String.format(Locale.ROOT, "{\"config\":\"%s\",\"mode\":\"%s\",\"backend\":\"dl4j\",\"dtype\":\"f32\","
                                + "\"threads\":%s,\"median_s\":%s,\"min_s\":%s,\"max_s\":%s,\"tokens_per_s\":%s,\"gflops_per_s\":%s,"
                                + "\"peak_heap_bytes\":%d,\"family\":\"%s\",\"input\":%d,\"hidden\":%d,\"seq\":%d,\"batch\":%d,"
                                + "\"output\":%d,\"flops\":%d,\"warmup\":%d,\"reps\":%d}",
                        label, m, threads, median, sorted[0], sorted[n - 1], (double) t * b / median, flops / median / 1e9,
                        peak, family, in, h, t, b, h, flops, warmup, reps));
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
