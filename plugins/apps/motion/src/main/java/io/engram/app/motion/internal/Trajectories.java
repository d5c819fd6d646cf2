package io.engram.app.motion.internal;

import java.util.List;

/**
 * The planar trajectories of the motion tasks, as functions of the phase {@code s} (one cycle or one
 * primitive per unit of {@code s}). Stateless.
 *
 * <ul>
 *   <li>Limit cycles of amplitude {@code a}: {@code sine} {@code a sin(2 pi s)} (one dimension);
 *   {@code circle} {@code (a sin 2 pi s, a cos 2 pi s)}; {@code figure-eight}
 *   {@code (a sin 2 pi s, a/2 sin 4 pi s)}, the Lissajous figure 1:2.</li>
 *   <li>Primitives, each a closed loop through the origin, so that any order of them is continuous:
 *   {@code 0} a circle above the origin, {@code 1} a figure eight, {@code 2} a narrow loop below it.</li>
 * </ul>
 */
final class Trajectories {
    /** The limit-cycle shapes. */
    static final List<String> SHAPES = List.of("sine", "circle", "figure-eight");
    /** The number of primitives. */
    static final int PRIMITIVES = 3;

    private Trajectories() {
    }

    /** The dimensions of a shape's points. */
    static int dimensions(String shape) {
        return shape.equals("sine") ? 1 : 2;
    }

    /** The point of {@code shape} at phase {@code s}, amplitude {@code a}. */
    static double[] cycle(String shape, double a, double s) {
        double w = 2 * Math.PI * s;
        return switch (shape) {
            case "sine" -> new double[] {a * Math.sin(w)};
            case "circle" -> new double[] {a * Math.sin(w), a * Math.cos(w)};
            case "figure-eight" -> new double[] {a * Math.sin(w), a / 2 * Math.sin(2 * w)};
            default -> throw new IllegalArgumentException("unknown shape '" + shape + "' (known: " + SHAPES + ")");
        };
    }

    /** The point of primitive {@code p} at phase {@code s} in [0, 1]. */
    static double[] primitive(int p, double s) {
        double w = 2 * Math.PI * s;
        return switch (p) {
            case 0 -> new double[] {0.4 * Math.sin(w), 0.4 - 0.4 * Math.cos(w)};
            case 1 -> new double[] {0.5 * Math.sin(w), 0.3 * Math.sin(2 * w)};
            case 2 -> new double[] {0.15 * Math.sin(w), -0.35 + 0.35 * Math.cos(w)};
            default -> throw new IllegalArgumentException("unknown primitive " + p + " (known: 0.." + (PRIMITIVES - 1) + ")");
        };
    }
}
