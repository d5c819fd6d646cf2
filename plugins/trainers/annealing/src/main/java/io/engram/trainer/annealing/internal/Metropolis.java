package io.engram.trainer.annealing.internal;

/**
 * The Metropolis criterion (Metropolis, Rosenbluth, Rosenbluth, Teller and Teller 1953) as simulated
 * annealing uses it: a move from cost {@code e} to cost {@code next} is taken when it does not raise
 * the cost, or else with probability {@code exp(-(next - e) / t)}. Stateless; thread-safe.
 */
final class Metropolis {
    private Metropolis() {
    }

    /**
     * Whether the move is taken, {@code u} a uniform number in [0, 1): always when
     * {@code next <= e} (so any finite cost replaces an infinite one), never when {@code next} is
     * not finite or {@code t <= 0} and the cost rises, else when {@code u < exp(-(next - e) / t)}.
     */
    static boolean accepts(double e, double next, double t, double u) {
        if (next <= e) {
            return true;
        }
        if (!Double.isFinite(next) || t <= 0) {
            return false;
        }
        return u < Math.exp(-(next - e) / t);
    }
}
