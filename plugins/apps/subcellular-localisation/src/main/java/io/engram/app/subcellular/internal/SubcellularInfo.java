package io.engram.app.subcellular.internal;

import io.engram.api.Dataset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What {@code evaluate} needs besides the encoded sequences, attached to each dataset the
 * application loads: the compartments in output order, the two baselines fitted on the training
 * sequences (the majority class; the nearest centroid of residue composition) and, on the test set
 * only, the path prefix of the confusion matrix files (empty: none). Immutable.
 *
 * @param majority  the index of the most frequent training class (-1: none fitted)
 * @param centroids per class, the mean over its training sequences of their mean input vector
 *                  (their residue composition, under one-hot encoding); null rows for absent classes
 */
record SubcellularInfo(List<String> classes, int majority, double[][] centroids, String report) {
    SubcellularInfo {
        classes = List.copyOf(classes);
    }

    static Optional<SubcellularInfo> of(Dataset data) {
        return data.context(SubcellularInfo.class);
    }

    static SubcellularInfo unnamed(int outputs) {
        return new SubcellularInfo(IntStream.rangeClosed(1, outputs).mapToObj(k -> "class" + k).toList(), -1, null, "");
    }

    SubcellularInfo reporting(String prefix) {
        return new SubcellularInfo(classes, majority, centroids, prefix);
    }

    /** The mean input vector of a sequence. */
    static double[] composition(double[][] x) {
        double[] c = new double[x[0].length];
        for (double[] row : x) {
            for (int f = 0; f < c.length; f++) {
                c[f] += row[f] / x.length;
            }
        }
        return c;
    }

    /** The class of the centroid nearest to the composition of {@code x} (Euclidean; ties to the first). */
    int nearestCentroid(double[][] x) {
        double[] c = composition(x);
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centroids.length; k++) {
            if (centroids[k] == null) {
                continue;
            }
            double d = 0;
            for (int f = 0; f < c.length; f++) {
                d += (c[f] - centroids[k][f]) * (c[f] - centroids[k][f]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }
}
