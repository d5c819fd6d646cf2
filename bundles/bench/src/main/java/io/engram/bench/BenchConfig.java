package io.engram.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One network to measure: a family and the sizes input / hidden / sequence length / batch.
 * Immutable.
 *
 * <p>The network is the family's one-layer network with {@code hidden} units and its linear
 * readout to {@code outputSize = hidden} outputs; the peer scripts build the same readout. The
 * FLOP counts follow the usual convention for recurrent cells and count the matrix products of
 * the recurrent layer only (two FLOPs per multiply-add), not the readout, the element-wise gate
 * arithmetic or the loss:
 * <pre>
 *   forward, per time step:  2 * g * H * (I + H) * B     g = 4 (LSTM), 3 (GRU), 1 (Elman)
 *   backward:                2 * forward
 *   training step:           3 * forward, summed over the T steps of the sequence
 *   inference pass:          forward, summed over the T steps of the sequence
 * </pre>
 *
 * @param name      config name, as printed in the {@code config} key
 * @param family    network family id: {@code lstm}, {@code gru} or {@code elman}
 * @param inputSize features per time step (I)
 * @param hidden    hidden units (H)
 * @param seq       time steps per sequence (T)
 * @param batch     sequences per batch (B)
 */
public record BenchConfig(String name, String family, int inputSize, int hidden, int seq, int batch) {

    /** The families whose FLOPs are counted, with their number of gate blocks {@code g}. */
    public static final Map<String, Integer> GATES = Map.of("lstm", 4, "gru", 3, "elman", 1);

    /** The named configs, in the order they run by default. */
    public static final Map<String, BenchConfig> BUILT_IN = builtIn();

    /** Name of the config built from the size flags alone. */
    public static final String CUSTOM = "custom";

    public BenchConfig {
        if (!GATES.containsKey(family)) {
            throw new IllegalArgumentException("no FLOP formula for family '" + family + "'");
        }
        if (inputSize < 1 || hidden < 1 || seq < 1 || batch < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inputSize + "/" + hidden + "/" + seq + "/" + batch);
        }
    }

    private static Map<String, BenchConfig> builtIn() {
        Map<String, BenchConfig> m = new LinkedHashMap<>();
        for (BenchConfig c : new BenchConfig[] {
                new BenchConfig("lstm_small", "lstm", 64, 128, 50, 32),
                new BenchConfig("lstm_std", "lstm", 128, 256, 100, 32),
                new BenchConfig("lstm_big", "lstm", 512, 1024, 50, 64),
                new BenchConfig("gru_std", "gru", 128, 256, 100, 32),
                new BenchConfig("elman_std", "elman", 128, 256, 100, 32)}) {
            m.put(c.name(), c);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The built-in config of this name. */
    public static Optional<BenchConfig> named(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    /** Number of gate blocks {@code g} of the family. */
    public int gates() {
        return GATES.get(family);
    }

    /** The output size of the readout: {@code hidden}. */
    public int outputSize() {
        return hidden;
    }

    /** Matmul FLOPs of the forward pass of one time step: {@code 2 g H (I + H) B}. */
    public long forwardFlopsPerStep() {
        return 2L * gates() * hidden * (long) (inputSize + hidden) * batch;
    }

    /** Matmul FLOPs of one iteration of {@code mode} over the whole sequence. */
    public long flops(Mode mode) {
        long forward = forwardFlopsPerStep() * seq;
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

    /** This config with other sizes; the name becomes {@code name:I/H/T/B} when a size changes. */
    public BenchConfig resized(int inputSize, int hidden, int seq, int batch) {
        if (inputSize == this.inputSize && hidden == this.hidden && seq == this.seq && batch == this.batch) {
            return this;
        }
        String label = CUSTOM.equals(name) ? name : name + ":" + inputSize + "/" + hidden + "/" + seq + "/" + batch;
        return new BenchConfig(label, family, inputSize, hidden, seq, batch);
    }
}
