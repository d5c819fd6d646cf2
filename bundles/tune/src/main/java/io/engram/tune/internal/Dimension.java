package io.engram.tune.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

/**
 * One axis of a search space: a spec key and the values a trial may give it. Immutable; sampling
 * draws from the caller's {@link Random}, so a seeded generator draws the same values in the same
 * order.
 */
public sealed interface Dimension {

    /** The spec key the values go to, such as {@code model.hidden}. */
    String key();

    /** One value as spec text. */
    String sample(Random random);

    /** The dimension as the spec gives it, for notes. */
    String describe();

    /**
     * Integers from {@code low} to {@code high}, both included; uniform, or on a log scale (each
     * integer v drawn with the weight of [v - 0.5, v + 0.5) under a log-uniform density).
     */
    record IntRange(String key, long low, long high, boolean log) implements Dimension {

        public IntRange {
            if (low > high || (log && low < 1)) {
                throw new IllegalArgumentException(key + ": " + low + ".." + high + (log ? " log" : ""));
            }
        }

        @Override
        public String sample(Random random) {
            long v;
            if (log) {
                double a = Math.log(low - 0.5);
                double b = Math.log(high + 0.5);
                v = Math.round(Math.exp(a + random.nextDouble() * (b - a)));
            } else {
                v = low + (long) Math.floor(random.nextDouble() * (high - low + 1));
            }
            return Long.toString(Math.max(low, Math.min(high, v)));
        }

        @Override
        public String describe() {
            return low + ".." + high + (log ? " log" : "");
        }
    }

    /**
     * Real numbers from {@code low} to {@code high}; uniform, or log-uniform (then {@code low > 0}).
     * A drawn value is rounded to {@value #DIGITS} significant digits (staying inside the bounds),
     * so that the spec written for a trial carries exactly the value the trial ran with.
     */
    record RealRange(String key, double low, double high, boolean log) implements Dimension {

        /** Significant digits of a drawn value. */
        public static final int DIGITS = 4;

        public RealRange {
            if (!(low <= high) || (log && !(low > 0))) {
                throw new IllegalArgumentException(key + ": " + low + ".." + high + (log ? " log" : ""));
            }
        }

        @Override
        public String sample(Random random) {
            double u = random.nextDouble();
            double v = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
            return text(v);
        }

        /** {@code v} rounded to {@value #DIGITS} significant digits, rounded inwards at the bounds. */
        String text(double v) {
            BigDecimal exact = new BigDecimal(Math.max(low, Math.min(high, v)));
            BigDecimal r = exact.round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
            if (r.doubleValue() < low) {
                r = exact.round(new MathContext(DIGITS, RoundingMode.CEILING));
            } else if (r.doubleValue() > high) {
                r = exact.round(new MathContext(DIGITS, RoundingMode.FLOOR));
            }
            r = r.stripTrailingZeros();
            return r.scale() > 12 || r.scale() < -9 ? r.toString() : r.toPlainString();
        }

        @Override
        public String describe() {
            return low + ".." + high + (log ? " log" : "");
        }
    }

    /** One of the listed values, each equally likely. */
    record Choice(String key, List<String> values) implements Dimension {

        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException(key + ": no values");
            }
        }

        @Override
        public String sample(Random random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public String describe() {
            return String.join(",", values);
        }
    }
}
