package io.engram.trainer.annealing.internal;

/**
 * The initial temperature estimated from the costs of the first moves (Kirkpatrick, Gelatt and
 * Vecchi 1983: hot enough that most moves are taken): {@code T_0 = -D / ln(acceptance)}, {@code D}
 * the mean positive difference between the costs of the moves and that of the start, so that an
 * average uphill move is taken with probability {@code acceptance}. This is the rule of Aarts and
 * van Laarhoven (1985; Aarts and Korst 1989), {@code T_0 = D / ln(m2 / (m2 acceptance - m1 (1 -
 * acceptance)))} over {@code m1} downhill and {@code m2} uphill moves, taken with {@code m1 = 0}. When no move went uphill {@code D} is the mean absolute
 * difference; when no difference is finite and non-zero, {@code T_0 = 1}. Stateless; thread-safe.
 */
final class InitialTemperature {
    private InitialTemperature() {
    }

    /** {@code T_0} from {@code costs}: the start's at index 0, then the moves'; {@code 0 < acceptance < 1}. */
    static double estimate(double[] costs, double acceptance) {
        double e = costs[0];
        double up = 0;
        int ups = 0;
        double any = 0;
        int anys = 0;
        for (int i = 1; i < costs.length; i++) {
            double d = costs[i] - e;
            if (!Double.isFinite(d) || d == 0) {
                continue;
            }
            any += Math.abs(d);
            anys++;
            if (d > 0) {
                up += d;
                ups++;
            }
        }
        double mean = ups > 0 ? up / ups : anys > 0 ? any / anys : Double.NaN;
        return Double.isNaN(mean) ? 1.0 : -mean / Math.log(acceptance);
    }
}
