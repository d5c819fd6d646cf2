package io.engram.layers;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * Host arithmetic on the scores of decode steps that {@link Decoding} needs: one-hot rows of chosen
 * tokens, log-softmax of a row, the best token of a row and the best {@code k} of one. Stateless.
 */
final class TokenScores {

    private TokenScores() {
    }

    /** One-hot rows {@code [tokens.length, vocabulary]} of {@code tokens}. */
    static Tensor oneHot(Ops ops, DType dtype, int vocabulary, int[] tokens) {
        double[] v = new double[tokens.length * vocabulary];
        for (int i = 0; i < tokens.length; i++) {
            v[i * vocabulary + tokens[i]] = 1.0;
        }
        return ops.fromArray(dtype, Shape.of(tokens.length, vocabulary), v);
    }

    /** {@code log softmax} of {@code z[from .. from + n)}. */
    static double[] logSoftmax(double[] z, int from, int n) {
        double log = logSumExp(z, from, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = z[from + i] - log;
        }
        return out;
    }

    /** {@code log sum_i exp(z[from + i])} over {@code n} values. */
    static double logSumExp(double[] z, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, z[from + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(z[from + i] - max);
        }
        return max + Math.log(sum);
    }

    /** The index of the largest of {@code z[from .. from + n)}, the lowest among equals. */
    static int argmax(double[] z, int from, int n) {
        int best = 0;
        for (int v = 1; v < n; v++) {
            best = z[from + v] > z[from + best] ? v : best;
        }
        return best;
    }

    /**
     * The indices of the {@code k} largest of {@code lp} (fewer when it is shorter), largest first and
     * the lower index first among equals.
     */
    static int[] top(double[] lp, int k) {
        int m = Math.min(k, lp.length);
        int[] best = new int[m];
        int filled = 0;
        for (int v = 0; v < lp.length; v++) {
            if (filled == m && !(lp[v] > lp[best[m - 1]])) {
                continue;
            }
            int at = filled < m ? filled++ : m - 1;
            while (at > 0 && lp[v] > lp[best[at - 1]]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = v;
        }
        return best;
    }
}
