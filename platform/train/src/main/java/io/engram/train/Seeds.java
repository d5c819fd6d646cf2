package io.engram.train;

/**
 * Seeds derived from a seed and an index, so that each candidate of a population, and each episode
 * of a candidate, draws from its own stream whatever thread runs it: {@code of(seed, i)} is the
 * SplitMix64 finaliser (Steele, Lea and Flood 2014) of {@code seed + (i + 1) * 0x9E3779B97F4A7C15}.
 * Stateless; thread-safe.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The seed of item {@code index} of what {@code seed} seeds. */
    public static long of(long seed, long index) {
        long z = seed + (index + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
