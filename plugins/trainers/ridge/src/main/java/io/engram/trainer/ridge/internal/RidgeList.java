package io.engram.trainer.ridge.internal;

import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the setting {@code trainer.ridge}: one or more regularisation strengths separated by commas,
 * each a finite number at or above 0, at most {@value #MAX} of them. Stateless.
 */
final class RidgeList {
    static final int MAX = 64;

    private RidgeList() {
    }

    /** The values in the order given, or a message naming {@code trainer.ridge} and the bad entry. */
    static Either<String, List<Double>> parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > MAX) {
            return Either.left("trainer.ridge: at most " + MAX + " values, got " + parts.length);
        }
        List<Double> out = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            double v;
            try {
                v = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                return Either.left("trainer.ridge: entry " + (i + 1) + " '" + p + "' is not a number (expected numbers "
                        + ">= 0 separated by commas, such as 1e-8,1e-6,1e-4)");
            }
            if (!Double.isFinite(v) || v < 0) {
                return Either.left("trainer.ridge: entry " + (i + 1) + " '" + p + "' must be a finite number >= 0");
            }
            out.add(v);
        }
        return Either.right(out);
    }
}
