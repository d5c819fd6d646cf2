package io.engram.app.forecast.internal;

/**
 * Point-wise detection counts and their precision, recall and F-beta: a step is flagged when its
 * score exceeds the threshold. Precision is 0 when nothing is flagged, recall 0 when nothing is
 * labelled, F-beta 0 when both are 0. Immutable.
 */
record Detection(int truePositives, int falsePositives, int falseNegatives) {

    /** The counts of flagging {@code scores > threshold} against {@code labels}. */
    static Detection of(double[] scores, boolean[] labels, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] > threshold;
            tp += flagged && labels[i] ? 1 : 0;
            fp += flagged && !labels[i] ? 1 : 0;
            fn += !flagged && labels[i] ? 1 : 0;
        }
        return new Detection(tp, fp, fn);
    }

    double precision() {
        return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
    }

    double recall() {
        return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
    }

    double fBeta(double beta) {
        double p = precision();
        double r = recall();
        double b2 = beta * beta;
        return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
    }

    int flagged() {
        return truePositives + falsePositives;
    }
}
