package io.engram.loss.ctc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.BatchOutputs;
import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.autodiff.Gradients;
import io.engram.autodiff.TangentOps;
import io.engram.autodiff.Tape;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CtcLossTest {
    private final Ops ops = new CpuBackend(1).ops();
    private final CtcLoss ctc = new CtcLoss();

    /** A batch of sequences with {@code classes} outputs, the given lengths and transcripts, no inputs. */
    private static Batch batch(int classes, int[] lengths, int[]... labels) {
        List<Sequence> seqs = new ArrayList<>();
        for (int b = 0; b < lengths.length; b++) {
            seqs.add(Sequence.labelled(new double[lengths[b]][1], classes, labels[b]));
        }
        return new Dataset(seqs, 1, classes).batches(lengths.length).get(0);
    }

    private static double[] logits(long seed, int rows, int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[rows * classes];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return v;
    }

    private BatchOutputs outputs(Ops o, Batch b, Tensor logits) {
        int rows = b.time() * b.batch();
        return new BatchOutputs(b, logits, o.zeros(logits.dtype(), logits.shape()),
                ops.fromArray(logits.dtype(), Shape.of(rows, 1), b.stepMask()),
                ops.fromArray(logits.dtype(), Shape.of(rows, 1), b.targetMask()));
    }

    private double loss(Batch b, double[] logits, DType dtype) {
        Tensor y = ops.fromArray(dtype, Shape.of(b.time() * b.batch(), b.outputSize()), logits);
        return ctc.loss(ops, outputs(ops, b, y)).item();
    }

    /** {@code -ln} of the sum over all {@code classes^T} paths of sequence {@code j} that collapse to its labels. */
    private static double bruteForce(Batch b, double[] logits, int j) {
        int classes = b.outputSize();
        int steps = b.length(j);
        int[] want = b.labels().of(j);
        double total = 0;
        int[] path = new int[steps];
        for (long code = 0; code < Math.round(Math.pow(classes, steps)); code++) {
            long c = code;
            double p = 1;
            for (int t = 0; t < steps; t++) {
                path[t] = (int) (c % classes);
                c /= classes;
                int row = t * b.batch() + j;
                double z = 0;
                for (int k = 0; k < classes; k++) {
                    z += Math.exp(logits[row * classes + k]);
                }
                p *= Math.exp(logits[row * classes + path[t]]) / z;
            }
            if (Arrays.equals(collapse(path), want)) {
                total += p;
            }
        }
        return -Math.log(total);
    }

    /** Merges repeats, then drops blanks (the map B of sec. 3). */
    static int[] collapse(int[] path) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < path.length; t++) {
            if (path[t] != CtcLoss.BLANK && (t == 0 || path[t] != path[t - 1])) {
                out.add(path[t]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void equalsTheSumOverAllAlignmentsOnTinyPaddedBatches() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 12; trial++) {
            int classes = 2 + r.nextInt(3);
            int n = 1 + r.nextInt(3);
            int[] lengths = new int[n];
            int[][] labels = new int[n][];
            for (int j = 0; j < n; j++) {
                lengths[j] = 1 + r.nextInt(6);
                List<Integer> l = new ArrayList<>();
                int need = 0;
                for (int i = 0; i < r.nextInt(4); i++) {
                    int c = 1 + r.nextInt(classes - 1);
                    int extra = !l.isEmpty() && l.get(l.size() - 1) == c ? 2 : 1;
                    if (need + extra <= lengths[j]) {
                        l.add(c);
                        need += extra;
                    }
                }
                labels[j] = l.stream().mapToInt(Integer::intValue).toArray();
            }
            Batch b = batch(classes, lengths, labels);
            double[] y = logits(100 + trial, b.time() * n, classes);
            double expected = 0;
            for (int j = 0; j < n; j++) {
                expected += bruteForce(b, y, j);
            }
            double got = loss(b, y, DType.F64);
            assertEquals(expected, got, 1e-10 * Math.max(1, expected), "trial " + trial + ": " + b.labels()
                    + " over " + Arrays.toString(lengths));
            assertEquals(expected, loss(b, y, DType.F32), 1e-4 * Math.max(1, expected), "f32, trial " + trial);
        }
    }

    @Test
    void knownSmallCase() {
        // two steps, uniform outputs over blank and one label: the alignments of (1) are 1-, -1, 11
        Batch b = batch(2, new int[] {2}, new int[] {1});
        assertEquals(-Math.log(0.75), loss(b, new double[4], DType.F64), 1e-14);
        assertEquals(1, ctc.terms(b));
    }

    @Test
    void paddedOutputsAreIgnoredEvenWhenNotFinite() {
        Batch b = batch(3, new int[] {4, 2}, new int[] {1, 2}, new int[] {2});
        double[] y = logits(3, b.time() * 2, 3);
        double clean = loss(b, y, DType.F64);
        for (int t = 2; t < 4; t++) {
            Arrays.fill(y, (t * 2 + 1) * 3, (t * 2 + 2) * 3, Double.NaN);
        }
        assertEquals(clean, loss(b, y, DType.F64), 0.0);
        Tape tape = new Tape(ops);
        Tensor leaf = tape.leaf(ops.fromArray(DType.F64, Shape.of(8, 3), y));
        double[] g = tape.backward(ctc.loss(tape, outputs(tape, b, leaf))).of(leaf).toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            assertTrue(Double.isFinite(g[i]), "gradient " + i + " = " + g[i]);
        }
        assertEquals(0.0, g[(2 * 2 + 1) * 3], 0.0, "no gradient into a padded step");
    }

    @Test
    void gradientMatchesCentralDifferencesInF64() {
        Batch b = batch(4, new int[] {5, 3, 4}, new int[] {1, 1}, new int[] {3}, new int[] {2, 3, 1});
        double[] y = logits(11, b.time() * b.batch(), 4);
        Tape tape = new Tape(ops);
        Tensor leaf = tape.leaf(ops.fromArray(DType.F64, Shape.of(y.length / 4, 4), y));
        Gradients grads = tape.backward(ctc.loss(tape, outputs(tape, b, leaf)));
        double[] analytic = grads.of(leaf).toDoubleArray();
        double h = 1e-6;
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            double[] up = y.clone();
            double[] down = y.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (loss(b, up, DType.F64) - loss(b, down, DType.F64)) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric)));
        }
        assertTrue(worst < 1e-6, "max relative error " + worst);
        // per step, the gradient of -ln p wrt the logits is y - (posterior of each class): rows sum to 0
        for (int row = 0; row < y.length / 4; row++) {
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += analytic[row * 4 + k];
            }
            assertEquals(0.0, sum, 1e-12, "row " + row);
        }
    }

    @Test
    void forwardModeTangentsGiveTheTapesGradient() {
        Batch b = batch(3, new int[] {4, 2}, new int[] {1, 2}, new int[] {2});
        double[] y = logits(5, b.time() * b.batch(), 3);
        Tape tape = new Tape(ops);
        Tensor leaf = tape.leaf(ops.fromArray(DType.F64, Shape.of(y.length / 3, 3), y));
        double[] reverse = tape.backward(ctc.loss(tape, outputs(tape, b, leaf))).of(leaf).toDoubleArray();
        TangentOps tangents = new TangentOps(ops, y.length);
        Tensor seeded = tangents.seed(ops.fromArray(DType.F64, Shape.of(y.length / 3, 3), y), 0);
        Tensor total = ctc.loss(tangents, outputs(tangents, b, seeded));
        double[] forward = tangents.tangent(total).toDoubleArray();
        assertEquals(loss(b, y, DType.F64), tangents.value(total).item(), 1e-12);
        for (int i = 0; i < y.length; i++) {
            assertEquals(reverse[i], forward[i], 1e-12, "logit " + i);
        }
    }

    @Test
    void badLabelsAreNamed() {
        double[] y = new double[9];
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> loss(batch(3, new int[] {3}, new int[] {1, 0}), y, DType.F64));
        assertEquals("ctc: sequence 0 of the batch has label 0 at position 1; labels are classes 1 to 2 (class 0 "
                + "is the blank)", blank.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> loss(batch(3, new int[] {3}, new int[] {3}), y, DType.F64));
        assertTrue(range.getMessage().startsWith("ctc: sequence 0 of the batch has label 3 at position 0"),
                range.getMessage());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> loss(batch(3, new int[] {3}, new int[] {1, 1, 2}), y, DType.F64));
        assertEquals("ctc: sequence 0 of the batch has 3 steps, too few for its 3 labels (1 repeated, each needing "
                + "a blank between): at least 4 needed (loss ctc-infinite or ctc-zero-infinity score such a sequence "
                + "instead)", tooShort.getMessage());
    }

    /** Loss and gradient of {@code loss} on {@code b}; the gradient over all rows. */
    private double[][] lossAndGradient(CtcLoss loss, Batch b, double[] y, DType dtype) {
        int classes = b.outputSize();
        Tape tape = new Tape(ops);
        Tensor leaf = tape.leaf(ops.fromArray(dtype, Shape.of(y.length / classes, classes), y));
        Tensor total = loss.loss(tape, outputs(tape, b, leaf));
        return new double[][] {{total.item()}, tape.backward(total).of(leaf).toDoubleArray()};
    }

    @Test
    void impossibleAlignmentsScoreInfinityOrZeroWithZeroGradientAsConfigured() {
        // sequence 1 has 3 steps for labels (2, 2, 1), which need 4: no alignment
        Batch b = batch(3, new int[] {4, 3}, new int[] {1, 2}, new int[] {2, 2, 1});
        Batch alone = batch(3, new int[] {4}, new int[] {1, 2});
        double[] y = logits(21, b.time() * 2, 3);
        double[] y0 = new double[4 * 3];
        for (int t = 0; t < 4; t++) {
            System.arraycopy(y, t * 2 * 3, y0, t * 3, 3);
        }
        for (DType dtype : List.of(DType.F64, DType.F32)) {
            double[][] possible = lossAndGradient(new CtcLoss(), alone, y0, dtype);
            double[][] inf = lossAndGradient(new CtcLoss(Impossible.INFINITE), b, y, dtype);
            double[][] zero = lossAndGradient(new CtcLoss(Impossible.ZERO), b, y, dtype);
            assertEquals(Double.POSITIVE_INFINITY, inf[0][0], 0.0, dtype + ": ctc-infinite");
            assertEquals(possible[0][0], zero[0][0], 1e-5 * possible[0][0], dtype + ": ctc-zero-infinity");
            for (double[][] r : List.of(inf, zero)) {
                for (int t = 0; t < 4; t++) {
                    for (int k = 0; k < 3; k++) {
                        assertEquals(possible[1][t * 3 + k], r[1][(t * 2) * 3 + k], 1e-6, dtype + " step " + t);
                        assertEquals(0.0, r[1][(t * 2 + 1) * 3 + k], 0.0, dtype + ": the impossible sequence's "
                                + "gradient at step " + t);
                    }
                }
            }
        }
        assertEquals("ctc-infinite", new CtcInfiniteLoss().id());
        assertEquals("ctc-zero-infinity", new CtcZeroInfinityLoss().id());
        assertEquals(2, new CtcInfiniteLoss().terms(b));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> loss(b, y, DType.F64));
        assertTrue(refused.getMessage().startsWith("ctc: sequence 1 of the batch has 3 steps, too few for its 3 labels"),
                refused.getMessage());
    }

    @Test
    void aSequenceThatNeedsEveryStepHasExactlyOneAlignment() {
        // (1, 1, 2) in 4 steps: only 1 - 1 2 collapses to it
        Batch b = batch(3, new int[] {4}, new int[] {1, 1, 2});
        double[] y = logits(8, 4, 3);
        double expected = 0;
        int[] path = {1, 0, 1, 2};
        for (int t = 0; t < 4; t++) {
            double z = 0;
            for (int k = 0; k < 3; k++) {
                z += Math.exp(y[t * 3 + k]);
            }
            expected -= y[t * 3 + path[t]] - Math.log(z);
        }
        assertEquals(expected, loss(b, y, DType.F64), 1e-12);
    }
}
