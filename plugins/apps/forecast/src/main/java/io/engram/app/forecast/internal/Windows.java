package io.engram.app.forecast.internal;

import io.engram.api.Sequence;

/**
 * Cuts a normalised series {@code z[t][c]} into the network's sequences, for a forecast from origin
 * {@code o} (the first step predicted) over {@code horizon} steps with a {@code window} of inputs:
 * <ul>
 *   <li>recursive: {@code window + horizon - 1} steps, the input at step {@code k} is
 *   {@code z[o - window + k]} and its target the next value {@code z[o - window + k + 1]} (a target at
 *   every step: the network learns one step ahead). The forecast drives the network with the first
 *   {@code window} inputs and then feeds its outputs back, so the targets of steps
 *   {@code window - 1 .. window + horizon - 2} are the truth of the forecast;</li>
 *   <li>direct: {@code window} steps of inputs {@code z[o - window + k]}; only the last step has a
 *   target, {@code z[o + h][c]} at output {@code h * channels + c} for every horizon step {@code h}.</li>
 * </ul>
 * Stateless.
 */
final class Windows {
    private Windows() {
    }

    static Sequence window(double[][] z, int origin, int window, int horizon, boolean direct) {
        int channels = z[0].length;
        int steps = direct ? window : window + horizon - 1;
        int outputs = direct ? channels * horizon : channels;
        double[][] x = new double[steps][];
        double[][] y = new double[steps][outputs];
        boolean[] mask = new boolean[steps];
        for (int k = 0; k < steps; k++) {
            x[k] = z[origin - window + k].clone();
            if (!direct) {
                y[k] = z[origin - window + k + 1].clone();
                mask[k] = true;
            }
        }
        if (direct) {
            for (int h = 0; h < horizon; h++) {
                System.arraycopy(z[origin + h], 0, y[window - 1], h * channels, channels);
            }
            mask[window - 1] = true;
        }
        return new Sequence(x, y, mask);
    }

    /** Steps {@code from .. end - 2} of {@code z} as inputs, each next value as target: one whole part. */
    static Sequence whole(double[][] z, int from, int end) {
        double[][] x = new double[end - 1 - from][];
        double[][] y = new double[end - 1 - from][];
        for (int t = from; t + 1 < end; t++) {
            x[t - from] = z[t].clone();
            y[t - from] = z[t + 1].clone();
        }
        return Sequence.perStep(x, y);
    }

    /** The true values {@code [horizon][channels]} (normalised) of the forecast that {@code s} was cut for. */
    static double[][] truth(Sequence s, int window, int horizon, int channels, boolean direct) {
        double[][] out = new double[horizon][channels];
        for (int h = 0; h < horizon; h++) {
            for (int c = 0; c < channels; c++) {
                out[h][c] = direct ? s.target(window - 1, h * channels + c) : s.target(window - 1 + h, c);
            }
        }
        return out;
    }
}
