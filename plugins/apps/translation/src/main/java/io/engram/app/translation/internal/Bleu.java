package io.engram.app.translation.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BLEU (Papineni, Roukos, Ward and Zhu 2002) as sacrebleu computes it: n-gram counts clipped by the
 * references' (the most any one reference has), summed over the corpus, the geometric mean of the
 * modified precisions of orders 1 to 4 times the brevity penalty {@code exp(1 - r/c)} when the
 * corpus' hypothesis length {@code c} is below its reference length {@code r} (per sentence, the
 * reference closest in length, the shorter on a tie); 0 to 100.
 *
 * <p>{@link #corpus} is sacrebleu's {@code corpus_bleu} with 13a tokenisation and
 * {@code smooth_method='none'}: a corpus with no match of some order scores 0. Effective order
 * (counting only the orders the hypotheses are long enough for) and {@code floor} and {@code exp}
 * smoothing are there for sentence-level use and for checking against sacrebleu's test cases (with
 * smoothing, a corpus without any match still scores above 0, as in sacrebleu 1.x).
 * Stateless and thread-safe.
 */
final class Bleu {
    static final int ORDER = 4;

    /** sacrebleu's smoothing of a zero precision. */
    enum Smoothing { NONE, FLOOR, EXP }

    /** Summed counts: hypothesis and reference lengths, matching and total n-grams per order. */
    record Statistics(long hypothesisLength, long referenceLength, long[] correct, long[] total) {
        Statistics plus(Statistics o) {
            long[] c = new long[ORDER];
            long[] t = new long[ORDER];
            for (int n = 0; n < ORDER; n++) {
                c[n] = correct[n] + o.correct[n];
                t[n] = total[n] + o.total[n];
            }
            return new Statistics(hypothesisLength + o.hypothesisLength, referenceLength + o.referenceLength, c, t);
        }
    }

    private Bleu() {
    }

    /** Corpus BLEU of {@code hypotheses} against one reference each, 13a-tokenised, unsmoothed. */
    static double corpus(List<String> hypotheses, List<String> references) {
        return score(statistics(hypotheses, List.of(references), true), Smoothing.NONE, 0, false);
    }

    /**
     * Summed statistics of {@code hypotheses} against the reference streams {@code references}
     * (each as long as the hypotheses), tokenised by 13a or by white space.
     */
    static Statistics statistics(List<String> hypotheses, List<List<String>> references, boolean tokenize13a) {
        Statistics sum = new Statistics(0, 0, new long[ORDER], new long[ORDER]);
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = tokens(hypotheses.get(i), tokenize13a);
            Map<List<String>, Integer> maxRef = new HashMap<>();
            long closest = -1;
            for (List<String> stream : references) {
                List<String> ref = tokens(stream.get(i), tokenize13a);
                long diff = Math.abs((long) ref.size() - hyp.size());
                if (closest < 0 || diff < Math.abs(closest - hyp.size())
                        || diff == Math.abs(closest - hyp.size()) && ref.size() < closest) {
                    closest = ref.size();
                }
                ngrams(ref).forEach((g, c) -> maxRef.merge(g, c, Math::max));
            }
            long[] correct = new long[ORDER];
            long[] total = new long[ORDER];
            ngrams(hyp).forEach((g, c) -> {
                correct[g.size() - 1] += Math.min(c, maxRef.getOrDefault(g, 0));
                total[g.size() - 1] += c;
            });
            sum = sum.plus(new Statistics(hyp.size(), Math.max(closest, 0), correct, total));
        }
        return sum;
    }

    /** The score of summed statistics, 0 to 100, as sacrebleu's {@code compute_bleu}. */
    static double score(Statistics s, Smoothing smoothing, double smoothValue, boolean effectiveOrder) {
        double[] precisions = new double[ORDER];
        double mteval = 1;
        int order = ORDER;
        for (int n = 0; n < ORDER; n++) {
            if (s.total()[n] == 0) {
                break;
            }
            if (effectiveOrder) {
                order = n + 1;
            }
            if (s.correct()[n] > 0) {
                precisions[n] = 100.0 * s.correct()[n] / s.total()[n];
            } else if (smoothing == Smoothing.EXP) {
                mteval *= 2;
                precisions[n] = 100.0 / (mteval * s.total()[n]);
            } else if (smoothing == Smoothing.FLOOR) {
                precisions[n] = 100.0 * smoothValue / s.total()[n];
            }
        }
        double bp = s.hypothesisLength() >= s.referenceLength() ? 1.0 : s.hypothesisLength() == 0 ? 0.0
                : Math.exp(1 - (double) s.referenceLength() / s.hypothesisLength());
        double logSum = 0;
        for (int n = 0; n < order; n++) {
            logSum += precisions[n] == 0 ? -9_999_999_999.0 : Math.log(precisions[n]);
        }
        return bp * Math.exp(logSum / order);
    }

    private static List<String> tokens(String text, boolean tokenize13a) {
        return tokenize13a ? Tokenizer13a.tokenize(text) : Tokenizer13a.split(text);
    }

    /** Every n-gram of orders 1 to {@value #ORDER} and its count. */
    private static Map<List<String>, Integer> ngrams(List<String> tokens) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int n = 1; n <= ORDER; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                out.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return out;
    }
}
