package io.engram.layers;

/**
 * The length normalisation of beam search of Wu et al. (2016), "Google's neural machine translation
 * system", sec. 7, eq. 14: a hypothesis {@code Y} is ranked by {@code log P(Y|X) / lp(Y)} with
 * <pre>
 *   lp(Y) = ((5 + |Y|) / (5 + 1))^alpha
 * </pre>
 * where {@code |Y|} counts its tokens (the end token included). {@code alpha = 0} ranks by log
 * probability alone; larger values favour longer hypotheses (Wu et al. found 0.6 to 0.7 best).
 * Immutable.
 *
 * @param alpha the exponent, at least 0
 */
public record LengthPenalty(double alpha) {
    /** No normalisation: rank by log probability. */
    public static final LengthPenalty NONE = new LengthPenalty(0.0);

    public LengthPenalty {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("the length penalty's alpha must be a finite number of at least 0, got "
                    + alpha);
        }
    }

    /** {@code lp(Y)} for a hypothesis of {@code length} tokens. */
    public double of(int length) {
        return alpha == 0 ? 1.0 : Math.pow((5.0 + length) / 6.0, alpha);
    }

    /** The score a beam ranks a hypothesis by: {@code logProbability / lp(length)}. */
    public double score(double logProbability, int length) {
        return logProbability / of(length);
    }
}
