package io.engram.loss.ctc.internal;

import io.engram.api.Batch;
import io.engram.api.BatchOutputs;
import io.engram.api.Loss;
import io.engram.api.PluginProperties;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Connectionist temporal classification (Graves, Fernández, Gomez and Schmidhuber 2006,
 * "Connectionist temporal classification: labelling unsegmented sequence data with recurrent
 * neural networks", sec. 4.1) as the {@code engram.loss=ctc} service: the network's outputs at each
 * step are logits over {@code K + 1} classes, class {@value #BLANK} being the blank, and a
 * sequence's labels ({@link Batch#labels()}, classes 1 to K, of their own length) are scored by
 * {@code -ln p(l | x)}, the sum over every alignment that collapses to {@code l}.
 *
 * <p>With {@code y^t = softmax(output_t)} and {@code l'} the labels with blanks around and between
 * them, the forward variables in log space are (eqs. 5-7)
 * <pre>
 *   alpha_1(1) = ln y^1_blank,  alpha_1(2) = ln y^1_{l_1},  alpha_1(s) = -inf for s > 2
 *   alpha_t(s) = ln y^t_{l'_s} + lse(alpha_{t-1}(s), alpha_{t-1}(s-1), [alpha_{t-1}(s-2)])
 * </pre>
 * the bracketed term only where {@code l'_s} is a label different from {@code l'_{s-2}}, and
 * {@code ln p(l | x) = lse(alpha_T(|l'|), alpha_T(|l'| - 1))} (eq. 8). {@code lse} is
 * log-sum-exp, computed as {@code m + ln sum exp(a_i - m)} with {@code m = max a_i}, and
 * {@code -inf} is {@value #LOG_ZERO}, finite in f32 and f64 alike. The recursion starts from a
 * virtual step before the first with {@code alpha(1) = 0}, which gives eq. 5. All sequences of the
 * batch run together on {@code [batch, S]} tensors; at a padded step (step mask 0) a sequence's
 * alphas stay as they are, so {@code T} is each sequence's own length, and its outputs are replaced
 * by zeros before the softmax, so that even non-finite padded outputs get no gradient and change nothing.
 *
 * <p>Everything is written with {@link Ops} ({@code logSoftmax}, {@code gather}, {@code maximum},
 * {@code exp}, {@code log}, {@code where}, ...), so the gradient comes from the tape like a cell's.
 * The summed loss is divided by the number of sequences ({@link #terms}): {@link #loss} equals
 * PyTorch's {@code ctc_loss(..., reduction='sum')}, and the loss a trainer reports is that divided by
 * the batch size (not PyTorch's {@code reduction='mean'}, which first divides each sequence's loss by
 * its label count). It is a loss of the whole
 * sequence: trainers that take the loss run by run (truncated BPTT, RTRL) refuse it. Stateless and
 * thread-safe.
 *
 * <p>A sequence whose labels need more steps than it has ({@link Impossible}) is refused by this
 * service, {@code ctc}, with a message naming it; the same loss is also registered as
 * {@code ctc-infinite} ({@link CtcInfiniteLoss}: such a sequence scores {@code +infinity}) and
 * {@code ctc-zero-infinity} ({@link CtcZeroInfinityLoss}: it scores 0), both giving its outputs a
 * zero gradient. Losses have no settings of their own, so the choice is made by the loss id a job
 * names (the spec's {@code loss}, or the application's {@code data.loss}).
 */
@Component(service = Loss.class, property = PluginProperties.LOSS + "=ctc")
public final class CtcLoss implements Loss {
    /** The blank's class. */
    public static final int BLANK = 0;
    /** {@code ln 0} in the recursion. */
    static final double LOG_ZERO = -1e30;

    private final Impossible impossible;

    /** The {@code ctc} service: a sequence too short for its labels is an error. */
    @Activate
    public CtcLoss() {
        this(Impossible.ERROR);
    }

    /** CTC scoring a sequence too short for its labels as {@code impossible} says. */
    CtcLoss(Impossible impossible) {
        this.impossible = impossible;
    }

    @Override
    public String id() {
        return impossible.lossId();
    }

    @Override
    public String description() {
        String when = switch (impossible) {
            case ERROR -> "a sequence too short for its labels is an error";
            case INFINITE -> "a sequence too short for its labels scores +infinity, with zero gradient";
            case ZERO -> "a sequence too short for its labels scores 0, with zero gradient";
        };
        return "Connectionist temporal classification (Graves et al. 2006): labels of their own length, "
                + "class 0 the blank; " + when + ".";
    }

    @Override
    public boolean readsSoftmax() {
        return true;
    }

    @Override
    public Tensor loss(Ops ops, BatchOutputs out) {
        Batch batch = out.batch();
        int time = batch.time();
        int n = batch.batch();
        int classes = out.outputs().dim(1);
        CtcLattice lattice = CtcLattice.of(batch, classes, impossible);
        int width = lattice.width();
        DType dtype = out.outputs().dtype();
        Tensor real = ops.where(out.stepMask(), out.outputs(), ops.zeros(dtype, out.outputs().shape()));
        Tensor logY = ops.reshape(ops.logSoftmax(real, -1), Shape.of(time * n * classes, 1));
        Tensor emissions = ops.reshape(ops.gather(logY, 0, lattice.emissions(time, classes)),
                Shape.of(time * n, width));
        Tensor zero = ops.full(dtype, Shape.of(n, width), LOG_ZERO);
        Tensor skips = ops.fromArray(dtype, Shape.of(n, width), lattice.skips());
        double[] start = new double[n * width];
        java.util.Arrays.fill(start, LOG_ZERO);
        for (int b = 0; b < n; b++) {
            start[b * width] = 0;
        }
        Tensor alpha = ops.fromArray(dtype, Shape.of(n, width), start);
        for (int t = 0; t < time; t++) {
            Tensor previous = shifted(ops, alpha, zero, 1);
            Tensor skip = ops.where(skips, shifted(ops, alpha, zero, 2), zero);
            Tensor next = ops.add(logSumExp(ops, alpha, previous, skip), ops.slice(emissions, 0, t * n, (t + 1) * n));
            alpha = ops.where(ops.slice(out.stepMask(), 0, t * n, (t + 1) * n), next, alpha);
        }
        Tensor rows = ops.reshape(alpha, Shape.of(n * width, 1));
        Tensor last = ops.gather(rows, 0, lattice.last());
        Tensor lastLabel = ops.where(ops.fromArray(dtype, Shape.of(n, 1), lattice.labelled()),
                ops.gather(rows, 0, lattice.lastLabel()), ops.full(dtype, Shape.of(n, 1), LOG_ZERO));
        Tensor perSequence = ops.scale(logSumExp(ops, last, lastLabel), -1.0);
        if (!lattice.allPossible()) {
            double score = impossible == Impossible.INFINITE ? Double.POSITIVE_INFINITY : 0.0;
            perSequence = ops.where(ops.fromArray(dtype, Shape.of(n, 1), lattice.possible()), perSequence,
                    ops.full(dtype, Shape.of(n, 1), score));
        }
        return ops.sumAll(perSequence);
    }

    /** One term per sequence. */
    @Override
    public int terms(Batch batch) {
        return batch.batch();
    }

    /** {@code a} moved {@code by} positions right along axis 1, {@code ln 0} coming in from the left. */
    private static Tensor shifted(Ops ops, Tensor a, Tensor zero, int by) {
        int width = a.dim(1);
        if (by >= width) {
            return zero;
        }
        return ops.concat(1, List.of(ops.slice(zero, 1, 0, by), ops.slice(a, 1, 0, width - by)));
    }

    /** {@code ln sum_i exp(a_i)} elementwise, shifted by the elementwise maximum. */
    static Tensor logSumExp(Ops ops, Tensor... terms) {
        Tensor m = terms[0];
        for (int i = 1; i < terms.length; i++) {
            m = ops.maximum(m, terms[i]);
        }
        Tensor sum = null;
        for (Tensor a : terms) {
            Tensor e = ops.exp(ops.sub(a, m));
            sum = sum == null ? e : ops.add(sum, e);
        }
        return ops.add(m, ops.log(sum));
    }
}
