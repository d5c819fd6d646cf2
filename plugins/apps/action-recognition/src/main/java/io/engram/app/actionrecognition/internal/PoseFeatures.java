package io.engram.app.actionrecognition.internal;

/**
 * The inputs of one frame: every joint but the root relative to the root, then the root relative
 * to its mean place over the sequence's frames; {@code 3 * joints} numbers. (Relative to the mean
 * rather than the first frame, so that a movement and the same movement reversed in time, such as
 * sitting down and standing up, go through the same inputs and only their order differs.) Frames are
 * taken every {@code step}-th from the first. Each input is then standardised by the mean and
 * standard deviation it has over all frames of the training sequences ({@link #fit}, {@link
 * #apply}; a deviation below 1e-9 counts as 1). Immutable once fitted.
 */
final class PoseFeatures {
    private final double[] mean;
    private final double[] scale;

    private PoseFeatures(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** The unstandardised inputs of {@code m}, {@code [frame][input]}. */
    static double[][] raw(Motion m, int step) {
        double[][][] p = m.frames();
        int n = (p.length + step - 1) / step;
        int joints = p[0].length;
        double[][] x = new double[n][3 * joints];
        double[] centre = new double[3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                centre[a] += p[i * step][0][a] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            double[][] frame = p[i * step];
            for (int j = 1; j < joints; j++) {
                for (int a = 0; a < 3; a++) {
                    x[i][3 * (j - 1) + a] = frame[j][a] - frame[0][a];
                }
            }
            for (int a = 0; a < 3; a++) {
                x[i][3 * (joints - 1) + a] = frame[0][a] - centre[a];
            }
        }
        return x;
    }

    static PoseFeatures fit(Iterable<double[][]> sequences, int width) {
        double[] sum = new double[width];
        double[] sq = new double[width];
        long n = 0;
        for (double[][] x : sequences) {
            for (double[] row : x) {
                for (int f = 0; f < width; f++) {
                    sum[f] += row[f];
                    sq[f] += row[f] * row[f];
                }
                n++;
            }
        }
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (int f = 0; f < width; f++) {
            mean[f] = n == 0 ? 0 : sum[f] / n;
            double var = n == 0 ? 0 : Math.max(0, sq[f] / n - mean[f] * mean[f]);
            scale[f] = Math.sqrt(var) < 1e-9 ? 1 : Math.sqrt(var);
        }
        return new PoseFeatures(mean, scale);
    }

    double[][] apply(double[][] raw) {
        double[][] x = new double[raw.length][mean.length];
        for (int t = 0; t < raw.length; t++) {
            for (int f = 0; f < mean.length; f++) {
                x[t][f] = (raw[t][f] - mean[f]) / scale[f];
            }
        }
        return x;
    }
}
