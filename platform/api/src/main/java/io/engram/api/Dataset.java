package io.engram.api;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An immutable list of sequences with fixed input and output sizes, and the operations a trainer
 * needs: seeded shuffling, splitting and padding into {@link Batch}es.
 */
public final class Dataset {
    private final List<Sequence> sequences;
    private final int inputSize;
    private final int outputSize;
    private final Object context;

    public Dataset(List<Sequence> sequences, int inputSize, int outputSize) {
        this(sequences, inputSize, outputSize, null);
    }

    private Dataset(List<Sequence> sequences, int inputSize, int outputSize, Object context) {
        this.sequences = List.copyOf(sequences);
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.context = context;
        for (int i = 0; i < this.sequences.size(); i++) {
            Sequence s = this.sequences.get(i);
            for (int t = 0; t < s.length(); t++) {
                if (s.inputWidth(t) != inputSize || s.targetWidth(t) != outputSize) {
                    throw new IllegalArgumentException("sequence " + i + " step " + t + " has "
                            + s.inputWidth(t) + " inputs and " + s.targetWidth(t)
                            + " targets, expected " + inputSize + " and " + outputSize);
                }
            }
        }
    }

    public int size() {
        return sequences.size();
    }

    public Sequence get(int i) {
        return sequences.get(i);
    }

    public List<Sequence> sequences() {
        return sequences;
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return outputSize;
    }

    /**
     * The same sequences with the application's own context attached: what its {@link
     * Application#evaluate} needs besides the encoded sequences, such as class names, vocabularies, or
     * the text each sequence was made from (kept by the {@link Sequence} objects themselves, which
     * every derived dataset shares). The context follows the sequences through {@link #shuffled},
     * {@link #subset} and {@link #split}, so the validation and test sets a trainer derives carry it;
     * it takes no part in {@link #equals} or {@link #sha256}. It should be immutable.
     */
    public Dataset withContext(Object context) {
        return new Dataset(sequences, inputSize, outputSize, java.util.Objects.requireNonNull(context, "context"));
    }

    /** The attached context if it is a {@code type}; empty when none is attached or it is of another type. */
    public <T> java.util.Optional<T> context(Class<T> type) {
        return type.isInstance(context) ? java.util.Optional.of(type.cast(context)) : java.util.Optional.empty();
    }

    /** The same sequences in an order drawn from {@code seed}. */
    public Dataset shuffled(long seed) {
        List<Sequence> copy = new ArrayList<>(sequences);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, r.nextInt(i + 1));
        }
        return new Dataset(copy, inputSize, outputSize, context);
    }

    /** Sequences {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset subset(int from, int to) {
        return new Dataset(sequences.subList(from, to), inputSize, outputSize, context);
    }

    /**
     * Splits off the last {@code fraction} of a seeded shuffle as a validation set.
     *
     * @return {@code [train, validation]}
     */
    public List<Dataset> split(double fraction, long seed) {
        if (fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1): " + fraction);
        }
        Dataset s = shuffled(seed);
        int nVal = (int) Math.round(size() * fraction);
        return List.of(s.subset(0, size() - nVal), s.subset(size() - nVal, size()));
    }

    /**
     * Consecutive batches of at most {@code batchSize} sequences, each padded to its longest; the
     * sequences' labels are padded to the longest label sequence of the batch ({@link Batch#labels}).
     */
    public List<Batch> batches(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < size(); from += batchSize) {
            out.add(pad(sequences.subList(from, Math.min(size(), from + batchSize))));
        }
        return out;
    }

    private Batch pad(List<Sequence> group) {
        int b = group.size();
        int time = 0;
        for (Sequence s : group) {
            time = Math.max(time, s.length());
        }
        double[] x = new double[time * b * inputSize];
        double[] y = new double[time * b * outputSize];
        double[] step = new double[time * b];
        double[] tgt = new double[time * b];
        for (int j = 0; j < b; j++) {
            Sequence s = group.get(j);
            for (int t = 0; t < s.length(); t++) {
                int row = t * b + j;
                for (int f = 0; f < inputSize; f++) {
                    x[row * inputSize + f] = s.input(t, f);
                }
                for (int o = 0; o < outputSize; o++) {
                    y[row * outputSize + o] = s.target(t, o);
                }
                step[row] = 1;
                tgt[row] = s.hasTarget(t) ? 1 : 0;
            }
        }
        int[][] labels = new int[b][];
        for (int j = 0; j < b; j++) {
            labels[j] = group.get(j).labels();
        }
        return new Batch(time, b, inputSize, outputSize, x, y, step, tgt, Labels.of(labels));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dataset)) {
            return false;
        }
        Dataset d = (Dataset) o;
        if (d.inputSize != inputSize || d.outputSize != outputSize || d.size() != size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            Sequence a = get(i);
            Sequence c = d.get(i);
            if (!Arrays.deepEquals(a.inputs(), c.inputs()) || !Arrays.deepEquals(a.targets(), c.targets())
                    || !Arrays.equals(a.targetMask(), c.targetMask()) || !Arrays.equals(a.labels(), c.labels())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(size(), inputSize, outputSize);
    }

    /**
     * SHA-256 of datasets in a fixed byte layout, for an application's {@link TaskData} digest: for
     * each dataset its size, input size and output size, then for each sequence its length and, step
     * by step, the inputs, the targets (big-endian IEEE 754 doubles) and the target flag (one byte).
     * Equal data give equal digests on every machine.
     */
    public static String sha256(Dataset... datasets) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        for (Dataset d : datasets) {
            md.update(ByteBuffer.allocate(12).putInt(d.size()).putInt(d.inputSize()).putInt(d.outputSize()).array());
            int width = 8 * (d.inputSize() + d.outputSize()) + 1;
            for (Sequence s : d.sequences()) {
                ByteBuffer buf = ByteBuffer.allocate(4 + s.length() * width);
                buf.putInt(s.length());
                for (int t = 0; t < s.length(); t++) {
                    for (int f = 0; f < d.inputSize(); f++) {
                        buf.putDouble(s.input(t, f));
                    }
                    for (int o = 0; o < d.outputSize(); o++) {
                        buf.putDouble(s.target(t, o));
                    }
                    buf.put((byte) (s.hasTarget(t) ? 1 : 0));
                }
                md.update(buf.array());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
