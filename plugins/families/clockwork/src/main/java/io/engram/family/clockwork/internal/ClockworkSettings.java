package io.engram.family.clockwork.internal;

import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/**
 * The typed settings of a clockwork network. Immutable.
 *
 * @param moduleSize  units per module, {@code k}
 * @param periods     the period {@code T_i} of each module, in unit order
 * @param all         true when every module feeds every module, false for the paper's slower-to-faster connections
 * @param activation  the hidden units' activation function
 */
record ClockworkSettings(int moduleSize, int[] periods, boolean all, String activation) {
    /** Largest period accepted. */
    static final int MAX_PERIOD = 1 << 20;

    /** Hidden units in all, {@code g k}. */
    int units() {
        return moduleSize * periods.length;
    }

    /** The period of hidden unit {@code u}: that of its module. */
    int period(int unit) {
        return periods[unit / moduleSize];
    }

    /** The settings of a completed {@code hyper}, or the problems of its {@code periods}. */
    static Validation<Seq<Problem>, ClockworkSettings> of(Hyperparameters hyper) {
        return periods(hyper.getString("periods"), hyper.getInt("modules")).map(p -> new ClockworkSettings(
                hyper.getInt("module.size"), p, hyper.getString("connections").equals("all"),
                hyper.getString("activation")));
    }

    /** {@code text}'s comma-separated periods, or {@code 1, 2, 4, ...} ({@code modules} of them) when blank. */
    static Validation<Seq<Problem>, int[]> periods(String text, int modules) {
        if (text.isBlank()) {
            int[] p = new int[modules];
            for (int i = 0; i < modules; i++) {
                p[i] = 1 << i;
            }
            return Validation.valid(p);
        }
        String[] parts = text.split(",");
        int[] p = new int[parts.length];
        Seq<Problem> problems = List.empty();
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i].trim();
            try {
                p[i] = Integer.parseInt(s);
                if (p[i] < 1 || p[i] > MAX_PERIOD) {
                    problems = problems.append(Problem.of("model.periods", "period " + (i + 1) + " is " + p[i]
                            + ", not in [1, " + MAX_PERIOD + "]"));
                }
            } catch (NumberFormatException e) {
                problems = problems.append(Problem.of("model.periods", "period " + (i + 1) + " '" + s
                        + "' is not a whole number; expected a comma-separated list such as 1,2,4,8"));
            }
        }
        return problems.isEmpty() ? Validation.valid(p) : Validation.invalid(problems);
    }
}
