package io.engram.tune.internal;

import io.engram.api.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one search, read from the {@code tune.*} keys that are not search dimensions.
 * Immutable.
 *
 * @param strategy   random search or asynchronous successive halving
 * @param trials     how many trials are drawn
 * @param seed       seed of the draws: the same spec and seed draw the same trials
 * @param metric     the objective, a key of a job's final metrics ({@code validation.loss})
 * @param direction  whether lower or higher is better
 * @param budgetKey  the spec key that bounds a trial's epochs ({@code trainer.epochs})
 * @param minEpochs  asha: the epochs of the first rung
 * @param maxEpochs  asha: the epochs of a trial that is never stopped; 0 when the spec's budget key gives it
 * @param eta        asha: the reduction factor; a trial goes on past a rung when it is in the best 1/eta there
 */
public record TuneOptions(Strategy strategy, int trials, long seed, String metric, Direction direction,
                          String budgetKey, int minEpochs, int maxEpochs, int eta) {

    /** The prefix of tuning keys in a spec. */
    public static final String PREFIX = "tune.";

    /** The keys (without {@link #PREFIX}) that are settings rather than search dimensions. */
    public static final Set<String> KEYS = Set.of("strategy", "trials", "seed", "metric", "direction", "budget.key",
            "min.epochs", "max.epochs", "eta");

    /** How trials are chosen and stopped. */
    public enum Strategy {
        /** Every trial runs its whole budget. */
        RANDOM,
        /** Asynchronous successive halving: trials outside the best 1/eta at a rung are cancelled there. */
        ASHA
    }

    /** Which way the metric improves. */
    public enum Direction {
        MIN, MAX;

        /** Orders values best first, NaN last. */
        public int compare(double a, double b) {
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1) : -1;
            }
            return this == MIN ? Double.compare(a, b) : Double.compare(b, a);
        }
    }

    /** Parses the settings (keys without the prefix); every problem at once, each naming its key. */
    public static Validation<Seq<Problem>, TuneOptions> parse(Map<String, String> given) {
        List<Problem> problems = List.empty();
        Strategy strategy = null;
        String s = given.getOrDefault("strategy", "random").trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "random": strategy = Strategy.RANDOM; break;
            case "asha": strategy = Strategy.ASHA; break;
            default: problems = problems.append(Problem.of(PREFIX + "strategy", "expected random or asha, got '" + s + "'"));
        }
        Direction direction = null;
        String d = given.getOrDefault("direction", "min").trim().toLowerCase(Locale.ROOT);
        switch (d) {
            case "min": direction = Direction.MIN; break;
            case "max": direction = Direction.MAX; break;
            default: problems = problems.append(Problem.of(PREFIX + "direction", "expected min or max, got '" + d + "'"));
        }
        long[] trials = {0};
        problems = number(given, "trials", "10", 1, 10_000, trials, problems);
        long[] seed = {0};
        String seedText = given.getOrDefault("seed", "1").trim();
        try {
            seed[0] = Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            problems = problems.append(Problem.of(PREFIX + "seed", "expected a 64-bit integer, got '" + seedText + "'"));
        }
        long[] min = {0};
        long[] max = {0};
        long[] eta = {0};
        problems = number(given, "min.epochs", "1", 1, 1_000_000, min, problems);
        problems = number(given, "max.epochs", "0", 0, 1_000_000, max, problems);
        problems = number(given, "eta", "3", 2, 100, eta, problems);
        if (max[0] != 0 && min[0] > max[0]) {
            problems = problems.append(Problem.of(PREFIX + "min.epochs", "expected at most tune.max.epochs ("
                    + max[0] + "), got " + min[0]));
        }
        String metric = given.getOrDefault("metric", "validation.loss").trim();
        if (metric.isEmpty()) {
            problems = problems.append(Problem.of(PREFIX + "metric", "expected a metric key such as validation.loss"));
        }
        String budget = given.getOrDefault("budget.key", "trainer.epochs").trim();
        if (!budget.startsWith("trainer.") || budget.length() == "trainer.".length()) {
            problems = problems.append(Problem.of(PREFIX + "budget.key",
                    "expected a trainer key such as trainer.epochs, got '" + budget + "'"));
        }
        return problems.isEmpty()
                ? Validation.valid(new TuneOptions(strategy, (int) trials[0], seed[0], metric, direction, budget,
                (int) min[0], (int) max[0], (int) eta[0]))
                : Validation.invalid(problems);
    }

    private static List<Problem> number(Map<String, String> given, String key, String dflt, long lo, long hi,
                                        long[] into, List<Problem> problems) {
        String text = given.getOrDefault(key, dflt).trim();
        try {
            long v = Long.parseLong(text);
            if (v >= lo && v <= hi) {
                into[0] = v;
                return problems;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return problems.append(Problem.of(PREFIX + key, "expected an integer in [" + lo + ", " + hi + "], got '" + text + "'"));
    }
}
