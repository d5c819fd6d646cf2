package io.engram.trainer.swarm.internal;

/**
 * The settings of a swarm. With {@code constriction} the velocity is multiplied by Clerc and
 * Kennedy's (2002) constriction coefficient {@code chi = 2 / |2 - phi - sqrt(phi^2 - 4 phi)|},
 * {@code phi = c1 + c2 > 4} (0.72984 for {@code c1 = c2 = 2.05}); otherwise the previous velocity
 * is weighted by the inertia {@code w} (Shi and Eberhart 1998), which falls linearly from
 * {@code inertiaStart} in the move into generation 2 to {@code inertiaEnd} in the move into
 * generation {@code generations} (Shi and Eberhart 1999 used 0.9 to 0.4); equal ends give a
 * constant inertia. {@code vmax} 0 leaves velocities unclamped. Immutable.
 *
 * @param particles    swarm size, at least 1
 * @param spread       half-width of the uniform scatter of the initial positions around the start
 * @param constriction whether the update is constricted (else inertia-weighted)
 * @param c1           cognitive acceleration (towards the particle's own best)
 * @param c2           social acceleration (towards the neighbourhood's best)
 * @param inertiaStart inertia in the first move
 * @param inertiaEnd   inertia in the last move
 * @param vmax         the largest magnitude of a velocity value; 0: no clamping
 * @param topology     neighbourhoods
 * @param generations  the run's length, over which the inertia falls
 */
record SwarmSettings(int particles, double spread, boolean constriction, double c1, double c2, double inertiaStart,
                     double inertiaEnd, double vmax, Topology topology, int generations) {

    /** The constriction coefficient for {@code phi = c1 + c2}; NaN when {@code phi <= 4}. */
    double chi() {
        double phi = c1 + c2;
        return phi <= 4 ? Double.NaN : 2.0 / Math.abs(2.0 - phi - Math.sqrt(phi * phi - 4.0 * phi));
    }

    /** The inertia of the move into generation {@code g >= 2}. */
    double inertia(int g) {
        if (generations <= 2) {
            return inertiaStart;
        }
        double f = Math.min(1.0, (g - 2) / (double) (generations - 2));
        return inertiaStart + (inertiaEnd - inertiaStart) * f;
    }
}
