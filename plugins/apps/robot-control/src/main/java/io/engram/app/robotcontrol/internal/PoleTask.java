package io.engram.app.robotcontrol.internal;

/**
 * One benchmark of the cart-pole family, as the job's {@code data.*} parameters choose it: what the
 * controller sees, how its output becomes a force, when the episode fails, and how it is scored.
 *
 * <p>Observations (the scaling of Gomez's benchmark code): with velocities
 * {@code [x/2.4, x'/10, theta_1/a, theta_1'/5]} and, for two poles, {@code theta_2/a, theta_2'/16};
 * without, {@code [x/2.4, theta_1/a]} and {@code theta_2/a}; {@code a} is the failure angle.
 * Actions: {@link Action}. Failure: {@code |x| > 2.4} m or a pole beyond the failure angle.
 * Immutable and thread-safe.
 *
 * @param twoPoles         double pole (else single pole)
 * @param velocities       whether the controller sees the velocities
 * @param action           how the network's output becomes a force
 * @param failureAngle     radians beyond which a pole has fallen
 * @param maxSteps         steps after which an episode ends though balanced
 * @param damping          whether fitness is the damping fitness ({@link Damping}) instead of steps
 * @param startAngle       the long pole's angle at the standard start, radians
 * @param randomStart      whether an episode starts from a seeded draw over {@link Starts}' ranges
 *                         instead of the standard start
 * @param successSteps     steps from the standard start that make a controller a solution
 * @param generalisation   steps per start of the generalisation test
 */
record PoleTask(boolean twoPoles, boolean velocities, Action action, double failureAngle, int maxSteps,
                boolean damping, double startAngle, boolean randomStart, int successSteps, int generalisation) {
    static final double TRACK = 2.4;
    static final double FORCE = 10.0;

    /** How the network's action (its one output) becomes the force on the cart. */
    enum Action {
        /** {@code F = 10 clamp(a, -1, 1)} N: a tanh or linear output. */
        SYMMETRIC,
        /** {@code F = 20 (clamp(a, 0, 1) - 0.5)} N: a logistic output, as in Gomez's code. */
        UNIT,
        /** {@code F = +10} N when {@code a > 0}, else {@code -10} N: bang-bang control. */
        SIGN;

        double force(double a) {
            return switch (this) {
                case SYMMETRIC -> FORCE * Math.max(-1, Math.min(1, a));
                case UNIT -> 2 * FORCE * (Math.max(0, Math.min(1, a)) - 0.5);
                case SIGN -> a > 0 ? FORCE : -FORCE;
            };
        }
    }

    int observationSize() {
        return (twoPoles ? 3 : 2) * (velocities ? 2 : 1);
    }

    /** The scaled observation of plant state {@code s}, written into {@code out}. */
    void observe(double[] s, double[] out) {
        if (velocities) {
            out[0] = s[0] / TRACK;
            out[1] = s[1] / 10.0;
            out[2] = s[2] / failureAngle;
            out[3] = s[3] / 5.0;
            if (twoPoles) {
                out[4] = s[4] / failureAngle;
                out[5] = s[5] / 16.0;
            }
        } else {
            out[0] = s[0] / TRACK;
            out[1] = s[2] / failureAngle;
            if (twoPoles) {
                out[2] = s[4] / failureAngle;
            }
        }
    }

    /** Whether plant state {@code s} has failed: the cart off the track or a pole fallen. */
    boolean failed(double[] s) {
        return Math.abs(s[0]) > TRACK || Math.abs(s[2]) > failureAngle || twoPoles && Math.abs(s[4]) > failureAngle;
    }

    /** The standard start: the long pole at {@link #startAngle}, all else 0. */
    double[] standardStart() {
        return new double[] {0, 0, startAngle, 0, 0, 0};
    }
}
