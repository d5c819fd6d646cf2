package io.engram.analyze.internal;

import java.util.List;

/**
 * What {@code engram analyze} found in one network. Immutable by convention: the arrays are the
 * analysis's own and never changed after it is made.
 *
 * @param family       the network's family
 * @param dimension    values in the flattened state
 * @param input        the constant input {@code u*}
 * @param stepDuration for a continuous-time network, the time one step integrates ({@code dt * substeps}); else null
 * @param autodiff     whether gradients and Jacobians came from autodiff (else: map iteration and central differences)
 * @param starts       starts of the fixed-point search
 * @param fixedPoints  the fixed points found, each with its linearisation
 * @param slowPoints   minima of the speed that stayed above the tolerance
 * @param autonomous   the largest Lyapunov exponent under the constant input, from the initial state
 * @param fromRandom   the same from each random state the trajectories start from
 * @param driven       the largest Lyapunov exponent along the input sequences given; null without them
 * @param portrait     the trajectories and fixed points on the states' first two principal components
 */
record Analysis(String family, int dimension, double[] input, Double stepDuration, boolean autodiff, int starts,
                List<FixedPoint> fixedPoints, int slowPoints, Lyapunov.Exponent autonomous, List<Lyapunov.Exponent> fromRandom,
                Lyapunov.Exponent driven,
                Portrait portrait) {

    /** The largest of the exponents from random states; NaN when there are none. */
    double largestFromRandom() {
        return fromRandom.stream().mapToDouble(Lyapunov.Exponent::perStep).max().orElse(Double.NaN);
    }

    /** How a fixed point's neighbourhood behaves under the map. */
    enum Stability {
        /** Every eigenvalue of the step's Jacobian inside the unit circle (continuous time: every Re mu below 0). */
        STABLE,
        /** Some inside, some outside. */
        SADDLE,
        /** None inside: every direction moves away. */
        UNSTABLE;

        /** The stability of a Jacobian whose eigenvalues have these moduli. */
        static Stability of(double[] moduli) {
            boolean inside = false;
            boolean outside = false;
            for (double m : moduli) {
                inside |= m < 1;
                outside |= !(m < 1);
            }
            return !outside ? STABLE : inside ? SADDLE : UNSTABLE;
        }

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One fixed point and its linearisation.
     *
     * @param state      {@code h*}
     * @param q          its speed
     * @param found      starts that ended in it
     * @param re         real parts of the eigenvalues of the step's Jacobian at it, by decreasing modulus
     * @param im         their imaginary parts
     * @param stability  from the moduli
     * @param unstable   eigenvalues of modulus at least 1: the unstable directions
     */
    record FixedPoint(double[] state, double q, int found, double[] re, double[] im, Stability stability, int unstable) {

        /** The largest modulus of the eigenvalues. */
        double spectralRadius() {
            return re.length == 0 ? 0 : Math.hypot(re[0], im[0]);
        }

        /** The Euclidean norm of the state. */
        double norm() {
            return Dense.norm(state);
        }
    }

    /**
     * The trajectories and fixed points projected on the states' first two principal components.
     *
     * @param mean        the mean state
     * @param components  the first two principal directions (unit vectors), fewer for a state of one value
     * @param explained   the fraction of the states' variance along each
     * @param labels      a name per trajectory
     * @param paths       per trajectory, {@code [step][2]} coordinates
     * @param points      per fixed point, its two coordinates
     */
    record Portrait(double[] mean, double[][] components, double[] explained, List<String> labels,
                    List<double[][]> paths, List<double[]> points) {
    }
}
