package io.engram.trainer.annealing.internal;

import java.util.List;
import java.util.Locale;

/**
 * Cooling schedules: the temperature {@code T_k} of the {@code k}-th Metropolis step of a chain
 * ({@code k = 0, 1, ...}), from the initial temperature {@code T_0}.
 *
 * <ul>
 *   <li>{@code exponential} (geometric; Kirkpatrick, Gelatt and Vecchi 1983):
 *   {@code T_k = T_0 alpha^k}, {@code 0 < alpha < 1};</li>
 *   <li>{@code linear}: {@code T_k = T_0 (1 - k / K)}, reaching 0 after {@code K} steps (the
 *   trainer's {@code generations}) and staying there; at 0 only moves that do not raise the cost
 *   are taken;</li>
 *   <li>{@code logarithmic} (Geman and Geman 1984, whose {@code T(k) = C / log(1 + k)} converges in
 *   probability to a global minimum when {@code C} is large enough): {@code T_k = T_0 ln 2 / ln(k + 2)},
 *   that is {@code C = T_0 ln 2} with the count shifted so that step 0 has {@code T_0};</li>
 *   <li>{@code lundy-mees} (Lundy and Mees 1986, {@code T_{k+1} = T_k / (1 + beta' T_k)}, one step
 *   per temperature): {@code T_k = T_0 / (1 + beta k)}, with {@code beta = beta' T_0} given
 *   relative to the initial temperature so that it does not depend on the scale of the cost.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
enum Cooling {
    EXPONENTIAL, LINEAR, LOGARITHMIC, LUNDY_MEES;

    /** The names used in the trainer's {@code cooling} setting, in declaration order. */
    static final List<String> NAMES = List.of("exponential", "linear", "logarithmic", "lundy-mees");

    /** The schedule named {@code name} (one of {@link #NAMES}). */
    static Cooling named(String name) {
        int i = NAMES.indexOf(name.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException("unknown cooling schedule '" + name + "' (known: " + NAMES + ")");
        }
        return values()[i];
    }

    /**
     * The temperature of step {@code k >= 0} from {@code t0}: {@code rate} is {@code alpha} for
     * {@code exponential}, {@code beta} for {@code lundy-mees} and ignored otherwise; {@code steps}
     * is {@code K} for {@code linear} and ignored otherwise.
     */
    double temperature(double t0, int k, double rate, int steps) {
        return switch (this) {
            case EXPONENTIAL -> t0 * Math.pow(rate, k);
            case LINEAR -> t0 * Math.max(0.0, 1.0 - (double) k / steps);
            case LOGARITHMIC -> t0 * Math.log(2.0) / Math.log(k + 2.0);
            case LUNDY_MEES -> t0 / (1.0 + rate * k);
        };
    }
}
