package io.engram.trainer.ridge.internal;

import io.engram.api.Batch;
import io.engram.api.LinearReadout;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Turns one batch into design rows for the fit: the network's feature rows (from
 * {@link LinearReadout#features}) at every step that is present, carries a target and lies past the
 * washout, each followed by a constant 1 when the readout has a bias, with the step's targets. Rows
 * are read a block of {@value #BLOCK} at a time and added to a {@link Gram}, so a long sequence never
 * sits on the host in f64 all at once. Rows in the last {@code tail} fraction of each sequence's
 * usable steps go to a second Gram (the validation tail).
 *
 * Feature rows are summed less a fixed {@link #shift()} (their mean, where the readout has a bias).
 *
 * <p>Not thread-safe: one per fit, on the job's thread.
 */
final class FeatureRows {
    private static final int BLOCK = 1024;

    private final Ops ops;
    private final boolean deviceF64;
    private final LinearReadout readout;
    private final boolean bias;
    private final int washout;
    private double[] shift;

    FeatureRows(Ops ops, boolean deviceF64, LinearReadout readout, int washout) {
        this.ops = ops;
        this.deviceF64 = deviceF64;
        this.readout = readout;
        this.bias = readout.bias().isPresent();
        this.washout = washout;
    }

    /** The width of a design row: the features, and 1 for the bias. */
    int width() {
        return readout.features() + (bias ? 1 : 0);
    }

    /**
     * Adds the batch's rows to {@code fit}, those of each sequence's last {@code tail} fraction to
     * {@code held}, and returns the mean squared error of the readout in {@code params} on the rows
     * added (0 when none).
     */
    double add(Map<String, Tensor> params, Batch batch, double tail, Gram fit, Gram held) {
        int b = batch.batch();
        int out = readout.outputs();
        int f = readout.features();
        int n = width();
        int[] tailFrom = tailStarts(batch, tail);
        double[] w = params.get(readout.weights()).toDoubleArray();
        double[] c = readout.bias().map(name -> params.get(name).toDoubleArray()).orElse(new double[out]);
        Tensor features = readout.features(ops, params, batch);
        double error = 0;
        long count = 0;
        int stepsPerBlock = Math.max(1, BLOCK / b);
        for (int t0 = 0; t0 < batch.time(); t0 += stepsPerBlock) {
            int t1 = Math.min(batch.time(), t0 + stepsPerBlock);
            double[] rows = ops.slice(features, 0, t0 * b, t1 * b).toDoubleArray();
            Block fitRows = new Block(n, out, (t1 - t0) * b);
            Block heldRows = new Block(n, out, (t1 - t0) * b);
            for (int t = Math.max(t0, washout); t < t1; t++) {
                for (int j = 0; j < b; j++) {
                    int row = t * b + j;
                    if (batch.stepMask()[row] == 0 || batch.targetMask()[row] == 0) {
                        continue;
                    }
                    Block into = t >= tailFrom[j] ? heldRows : fitRows;
                    int local = (row - t0 * b) * f;
                    error += into.put(rows, local, f, bias, batch.targets(), row * out, w, c);
                    count += out;
                }
            }
            centre(fitRows, heldRows, f);
            fit.add(ops, deviceF64, fitRows.x, fitRows.y, fitRows.count);
            held.add(ops, deviceF64, heldRows.x, heldRows.y, heldRows.count);
        }
        return count == 0 ? 0 : error / count;
    }

    /**
     * The shift subtracted from every feature row before it is summed: the mean feature row of the
     * first block that has rows, when the readout has a bias (zeros until then, and always without
     * a bias). The bias absorbs it ({@code x W + b = (x - s) W + (b + s W)}), so the fit is the same
     * model, but the Gram matrix of rows near zero mean is far better conditioned than that of raw
     * reservoir states, whose common offset lines up with the bias column: smaller ridges stay
     * positive definite in f64. The solved bias is {@code b + s W} ({@link RidgeFit} takes
     * {@code s W} off again).
     */
    double[] shift() {
        return shift == null ? new double[readout.features()] : shift.clone();
    }

    private void centre(Block a, Block b, int f) {
        if (!bias) {
            return;
        }
        if (shift == null && a.count + b.count > 0) {
            double[] mean = new double[f];
            for (Block k : List.of(a, b)) {
                for (int r = 0; r < k.count; r++) {
                    for (int i = 0; i < f; i++) {
                        mean[i] += k.x[r * k.n + i];
                    }
                }
            }
            for (int i = 0; i < f; i++) {
                mean[i] /= a.count + b.count;
            }
            shift = mean;
        }
        if (shift != null) {
            for (Block k : List.of(a, b)) {
                for (int r = 0; r < k.count; r++) {
                    for (int i = 0; i < f; i++) {
                        k.x[r * k.n + i] -= shift[i];
                    }
                }
            }
        }
    }

    /** Per sequence, the first step of its validation tail (its length when there is none). */
    private int[] tailStarts(Batch batch, double tail) {
        int[] from = new int[batch.batch()];
        for (int j = 0; j < from.length; j++) {
            int length = batch.length(j);
            int usable = Math.max(0, length - washout);
            from[j] = length - (int) Math.round(usable * tail);
        }
        return from;
    }

    /** Design and target rows being gathered for one Gram update. */
    private static final class Block {
        final double[] x;
        final double[] y;
        final int n;
        final int out;
        int count;

        Block(int n, int out, int capacity) {
            this.n = n;
            this.out = out;
            this.x = new double[capacity * n];
            this.y = new double[capacity * out];
        }

        /** Appends one row and returns its squared error under the readout {@code w}, {@code c}. */
        double put(double[] features, int from, int f, boolean bias, double[] targets, int targetFrom,
                   double[] w, double[] c) {
            System.arraycopy(features, from, x, count * n, f);
            if (bias) {
                x[count * n + f] = 1;
            }
            double error = 0;
            for (int o = 0; o < out; o++) {
                double p = c[o];
                for (int i = 0; i < f; i++) {
                    p += features[from + i] * w[i * out + o];
                }
                double target = targets[targetFrom + o];
                y[count * out + o] = target;
                error += (p - target) * (p - target);
            }
            count++;
            return error;
        }
    }
}
