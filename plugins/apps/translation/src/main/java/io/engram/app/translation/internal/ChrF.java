package io.engram.app.translation.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * chrF (Popović 2015) as sacrebleu computes it by default: character n-grams of orders 1 to 6 with
 * white space removed, counts summed over the corpus, precision and recall averaged over the orders
 * that both hypotheses and references are long enough for (sacrebleu's {@code eps_smoothing=False}),
 * then the F-score with {@code beta} (2: recall weighs twice as much); 0 to 100. The
 * {@code epsSmoothing} variant averages the per-order F-scores instead, as sacrebleu's
 * {@code eps_smoothing=True} (and chrF++.py) does. Stateless and thread-safe.
 */
final class ChrF {
    static final int ORDER = 6;
    static final double BETA = 2;

    private ChrF() {
    }

    /** sacrebleu's default corpus chrF of {@code hypotheses} against one reference each. */
    static double corpus(List<String> hypotheses, List<String> references) {
        return corpus(hypotheses, references, ORDER, BETA, false, false);
    }

    static double corpus(List<String> hypotheses, List<String> references, int order, double beta,
                         boolean keepWhitespace, boolean epsSmoothing) {
        long[] stats = new long[3 * order];
        for (int i = 0; i < hypotheses.size(); i++) {
            int[] hyp = prepare(hypotheses.get(i), keepWhitespace);
            int[] ref = prepare(references.get(i), keepWhitespace);
            for (int n = 1; n <= order; n++) {
                Map<String, Integer> h = ngrams(hyp, n);
                Map<String, Integer> r = ngrams(ref, n);
                stats[3 * (n - 1)] += Math.max(0, hyp.length - n + 1);
                stats[3 * (n - 1) + 1] += Math.max(0, ref.length - n + 1);
                long match = 0;
                for (Map.Entry<String, Integer> e : h.entrySet()) {
                    match += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
                }
                stats[3 * (n - 1) + 2] += match;
            }
        }
        return score(stats, order, beta, epsSmoothing);
    }

    private static double score(long[] stats, int order, double beta, boolean epsSmoothing) {
        double eps = 1e-16;
        double factor = beta * beta;
        double fSum = 0;
        double precision = 0;
        double recall = 0;
        int effective = 0;
        for (int i = 0; i < order; i++) {
            long hyp = stats[3 * i];
            long ref = stats[3 * i + 1];
            long match = stats[3 * i + 2];
            double p = hyp > 0 ? (double) match / hyp : eps;
            double r = ref > 0 ? (double) match / ref : eps;
            double denominator = factor * p + r;
            fSum += denominator > 0 ? (1 + factor) * p * r / denominator : eps;
            if (hyp > 0 && ref > 0) {
                precision += p;
                recall += r;
                effective++;
            }
        }
        if (epsSmoothing) {
            return 100 * fSum / order;
        }
        if (effective == 0) {
            return 0.0;
        }
        precision /= effective;
        recall /= effective;
        return precision + recall == 0 ? 0.0 : 100 * (1 + factor) * precision * recall / (factor * precision + recall);
    }

    /** The code points of {@code text}, white space removed unless kept. */
    private static int[] prepare(String text, boolean keepWhitespace) {
        String s = keepWhitespace ? text : String.join("", Tokenizer13a.split(text));
        return s.codePoints().toArray();
    }

    private static Map<String, Integer> ngrams(int[] cps, int n) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= cps.length; i++) {
            out.merge(new String(cps, i, n), 1, Integer::sum);
        }
        return out;
    }
}
