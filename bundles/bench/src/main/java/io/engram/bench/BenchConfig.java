package io.engram.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One network to measure: a family, the sizes input / hidden / sequence length / batch, the number
 * of recurrent layers, the readout's outputs and the family's other hyperparameters. Immutable.
 *
 * <p>For the recurrent layers ({@code lstm}, {@code gru}, {@code elman}) the network is the family's
 * stack of {@code layers} layers of {@code hidden} units and its linear readout to
 * {@code outputSize = hidden} outputs; the peer scripts build the same readout. The FLOP counts
 * follow the usual convention for recurrent cells and count the matrix products of the recurrent
 * layers only (two FLOPs per multiply-add), not the readout, the element-wise gate arithmetic or
 * the loss:
 * <pre>
 *   forward, per time step:  2 * g * H * (I + H) * B + (L - 1) * 2 * g * H * 2H * B
 *                            g = 4 (LSTM), 3 (GRU), 1 (Elman); layer 2's input is H
 *   backward:                2 * forward
 *   training step:           3 * forward, summed over the T steps of the sequence
 *   inference pass:          forward, summed over the T steps of the sequence
 * </pre>
 * For the neural Turing machine ({@code ntm}: an LSTM controller of H units, N memory rows of
 * width M, R read and W write heads, K = R + W) the forward count per step is that of the
 * controller, of the projection to the heads' parameters and of the memory products (content
 * similarity of every head, each read, each write's erase and add), the readout again left out:
 * <pre>
 *   2 * 4H * (I + R*M + H) * B  +  2 * H * (K*(M + 6) + 2*W*M) * B  +  2 * N * M * (K + R + 2W) * B
 * </pre>
 * with training again 3 * forward. For the echo state network ({@code esn}: N = hidden reservoir
 * units with an expected fraction c of nonzero recurrent weights) a training step is a ridge fit of
 * the readout ({@link #ESN_RIDGE}, washout {@link #ESN_WASHOUT} steps per sequence) and is
 * counted as the reservoir run over the sequence, the symmetric Gram product of the design rows,
 * {@code X^T Y}, the Cholesky factorisation and its two triangular solves; with R = (T - washout) * B
 * rows of D = N + I + 1 columns and O outputs:
 * <pre>
 *   reservoir, per step:  2 * (I*N + c*N*N) * B            (the expected nonzeros of the reservoir)
 *   training step:        T * reservoir + R*D*D + 2*R*D*O + D^3/3 + 2*D*D*O
 *   inference pass:       T * (reservoir + 2*D*O*B)
 * </pre>
 *
 * @param name       config name, as printed in the {@code config} key
 * @param family     network family id: {@code lstm}, {@code gru}, {@code elman}, {@code ntm} or {@code esn}
 * @param inputSize  features per time step (I)
 * @param hidden     hidden units (H; the reservoir units N of an echo state network, the controller's of an NTM)
 * @param seq        time steps per sequence (T)
 * @param batch      sequences per batch (B)
 * @param layers     recurrent layers (L; 1 for {@code ntm} and {@code esn})
 * @param outputSize the readout's outputs
 * @param model      the family's other hyperparameters, without the {@code model.} prefix
 *                   ({@code layers} and the hidden size are set from the fields above)
 */
public record BenchConfig(String name, String family, int inputSize, int hidden, int seq, int batch, int layers,
                          int outputSize, Map<String, String> model) {

    /** The recurrent-layer families whose FLOPs are counted by gate blocks, with their {@code g}. */
    public static final Map<String, Integer> GATES = Map.of("lstm", 4, "gru", 3, "elman", 1);

    /** Every family with a FLOP formula. */
    public static final Set<String> FAMILIES = Set.of("lstm", "gru", "elman", "ntm", "esn");

    /** The ridge of an echo state network's fit. */
    public static final double ESN_RIDGE = 1e-8;

    /** The steps at the start of every sequence that an echo state network's fit leaves out. */
    public static final int ESN_WASHOUT = 100;

    /** The named configs, in the order they run by default. */
    public static final Map<String, BenchConfig> BUILT_IN = builtIn();

    /** The configs that run when none are named: the five single-layer speed configs. */
    public static final java.util.List<String> DEFAULTS = java.util.List.of("lstm_small", "lstm_std", "lstm_big",
            "gru_std", "elman_std");

    /** Name of the config built from the size flags alone. */
    public static final String CUSTOM = "custom";

    /** The name that stands for every built-in config. */
    public static final String ALL = "all";

    public BenchConfig {
        if (!FAMILIES.contains(family)) {
            throw new IllegalArgumentException("no FLOP formula for family '" + family + "'");
        }
        if (inputSize < 1 || hidden < 1 || seq < 1 || batch < 1 || layers < 1 || outputSize < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inputSize + "/" + hidden + "/" + seq + "/"
                    + batch + ", layers " + layers + ", outputs " + outputSize);
        }
        if (layers > 1 && !GATES.containsKey(family)) {
            throw new IllegalArgumentException("the " + family + " config has one layer, not " + layers);
        }
        model = Map.copyOf(model);
    }

    /** A one-layer config of a recurrent-layer family with {@code outputSize = hidden}. */
    public BenchConfig(String name, String family, int inputSize, int hidden, int seq, int batch) {
        this(name, family, inputSize, hidden, seq, batch, 1, hidden, Map.of());
    }

    private static Map<String, BenchConfig> builtIn() {
        Map<String, BenchConfig> m = new LinkedHashMap<>();
        for (BenchConfig c : new BenchConfig[] {
                new BenchConfig("lstm_small", "lstm", 64, 128, 50, 32),
                new BenchConfig("lstm_std", "lstm", 128, 256, 100, 32),
                new BenchConfig("lstm_big", "lstm", 512, 1024, 50, 64),
                new BenchConfig("gru_std", "gru", 128, 256, 100, 32),
                new BenchConfig("elman_std", "elman", 128, 256, 100, 32),
                new BenchConfig("lstm2_std", "lstm", 128, 256, 100, 32, 2, 256, Map.of()),
                new BenchConfig("esn_fit", "esn", 1, 1000, 10_000, 1, 1, 1, Map.of("connectivity", "0.01",
                        "spectral.radius", "1.25", "leak", "0.3", "input.scaling", "0.5", "bias.scaling", "0.5")),
                new BenchConfig("ntm_step", "ntm", 10, 100, 42, 16, 1, 8, Map.of("memory.size", "128",
                        "memory.width", "20", "read.heads", "1", "write.heads", "1"))}) {
            m.put(c.name(), c);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The built-in config of this name. */
    public static Optional<BenchConfig> named(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    /** Whether a training step of this config is a ridge fit ({@code esn}) rather than BPTT and an SGD update. */
    public boolean ridgeFit() {
        return "esn".equals(family);
    }

    /** Number of gate blocks {@code g} of the family: 4 for the NTM's LSTM controller, 0 for an echo state network. */
    public int gates() {
        return switch (family) {
            case "ntm" -> 4;
            case "esn" -> 0;
            default -> GATES.get(family);
        };
    }

    /** Matmul FLOPs of the forward pass of one time step (see the class comment). */
    public long forwardFlopsPerStep() {
        long h = hidden;
        long b = batch;
        switch (family) {
            case "ntm": {
                long n = intOf("memory.size", 32);
                long m = intOf("memory.width", 8);
                long r = intOf("read.heads", 1);
                long w = intOf("write.heads", 1);
                long k = r + w;
                return 2 * 4 * h * (inputSize + r * m + h) * b + 2 * h * (k * (m + 6) + 2 * w * m) * b
                        + 2 * n * m * (k + r + 2 * w) * b;
            }
            case "esn":
                return 2 * (inputSize * h + reservoirNonzeros()) * b;
            default: {
                long g = gates();
                return 2 * g * h * (inputSize + h) * b + (layers - 1) * 2 * g * h * (2 * h) * b;
            }
        }
    }

    /** The expected nonzero recurrent weights of an echo state network: {@code round(c * N * N)}. */
    public long reservoirNonzeros() {
        double c = Double.parseDouble(model.getOrDefault("connectivity", "0.1"));
        return Math.round(c * hidden * (double) hidden);
    }

    /** Matmul FLOPs of one iteration of {@code mode} over the whole sequence. */
    public long flops(Mode mode) {
        long forward = forwardFlopsPerStep() * seq;
        if (ridgeFit()) {
            long d = (long) hidden + inputSize + 1;
            long o = outputSize;
            if (mode == Mode.INFER) {
                return forward + 2 * d * o * batch * seq;
            }
            long rows = (long) Math.max(0, seq - ESN_WASHOUT) * batch;
            return forward + rows * d * d + 2 * rows * d * o + d * d * d / 3 + 2 * d * d * o;
        }
        return mode == Mode.TRAIN ? 3 * forward : forward;
    }

    /** Time steps of all sequences of one batch: {@code T * B}. */
    public long tokens() {
        return (long) seq * batch;
    }

    /**
     * Fewest warm-up iterations when none are given (the warm-up then goes on until the times
     * settle): 1 for configs of more than 10 GFLOP per training step, else 3.
     */
    public int defaultWarmup() {
        return flops(Mode.TRAIN) > 10_000_000_000L ? 1 : 3;
    }

    /** Default measured iterations: 3 for configs of more than 10 GFLOP per training step, else 10. */
    public int defaultReps() {
        return flops(Mode.TRAIN) > 10_000_000_000L ? 3 : 10;
    }

    /**
     * This config with other sizes; the name becomes {@code name:I/H/T/B} when a size changes. A
     * readout as wide as the hidden layer stays as wide; other readouts keep their width.
     */
    public BenchConfig resized(int inputSize, int hidden, int seq, int batch) {
        if (inputSize == this.inputSize && hidden == this.hidden && seq == this.seq && batch == this.batch) {
            return this;
        }
        String label = CUSTOM.equals(name) ? name : name + ":" + inputSize + "/" + hidden + "/" + seq + "/" + batch;
        int out = outputSize == this.hidden ? hidden : outputSize;
        return new BenchConfig(label, family, inputSize, hidden, seq, batch, layers, out, model);
    }

    private long intOf(String key, int otherwise) {
        String v = model.get(key);
        return v == null ? otherwise : Integer.parseInt(v);
    }
}
