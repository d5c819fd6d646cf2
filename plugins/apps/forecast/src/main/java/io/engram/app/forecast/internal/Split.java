package io.engram.app.forecast.internal;

/**
 * A chronological split of a series of {@code length} steps: training steps {@code [0, trainEnd)},
 * validation steps {@code [trainEnd, validationEnd)}, test steps {@code [validationEnd, length)};
 * nothing is shuffled across time. A part's forecast origins are the steps {@code o} whose forecast
 * {@code o .. o + horizon - 1} lies inside the part and that have {@code lead} steps before them (the
 * window, and the lag of the differences it holds), so that validation and test windows may read
 * the end of the part before them, the past, never the future. Immutable.
 */
record Split(int length, int trainEnd, int validationEnd) {

    /** The split of {@code length} steps at the given fractions (rounded), the test part the rest. */
    static Split of(int length, double trainFraction, double validationFraction) {
        int a = (int) Math.round(length * trainFraction);
        int b = (int) Math.round(length * (trainFraction + validationFraction));
        return new Split(length, a, b);
    }

    /** The first step of {@code part}. */
    int from(Part part) {
        return switch (part) {
            case TRAIN -> 0;
            case VALIDATION -> trainEnd;
            case TEST -> validationEnd;
        };
    }

    /** The step after the last of {@code part}. */
    int to(Part part) {
        return switch (part) {
            case TRAIN -> trainEnd;
            case VALIDATION -> validationEnd;
            case TEST -> length;
        };
    }

    /** The forecast origins of {@code part}, every {@code stride}-th from the first. */
    int[] origins(Part part, int lead, int horizon, int stride) {
        int first = Math.max(from(part), lead);
        int last = to(part) - horizon;
        if (last < first) {
            return new int[0];
        }
        int[] out = new int[(last - first) / stride + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * stride;
        }
        return out;
    }

    /** The three parts of a series. */
    enum Part { TRAIN, VALIDATION, TEST }
}
