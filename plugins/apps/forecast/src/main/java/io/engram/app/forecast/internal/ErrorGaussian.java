package io.engram.app.forecast.internal;

import java.util.List;

/**
 * A multivariate Gaussian N(mu, Sigma) fitted by maximum likelihood to error vectors (Malhotra et
 * al. 2015, section 2), and the anomaly score of a vector: its negative log-likelihood
 * <pre>
 *   score(e) = (d ln(2 pi) + ln det Sigma + (e - mu)^T Sigma^-1 (e - mu)) / 2
 * </pre>
 * Sigma gets {@code 1e-9 (trace / d) + 1e-12} added to its diagonal so that it is positive definite
 * when errors are collinear. Factorised once by Cholesky. Immutable and thread-safe.
 */
final class ErrorGaussian {
    private final double[] mean;
    private final double[][] lower;
    private final double logDet;

    private ErrorGaussian(double[] mean, double[][] lower, double logDet) {
        this.mean = mean;
        this.lower = lower;
        this.logDet = logDet;
    }

    /** Fitted to {@code vectors} (at least one). */
    static ErrorGaussian fit(List<double[]> vectors) {
        int d = vectors.get(0).length;
        int n = vectors.size();
        double[] mean = new double[d];
        for (double[] v : vectors) {
            for (int i = 0; i < d; i++) {
                mean[i] += v[i] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] v : vectors) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i][j] += (v[i] - mean[i]) * (v[j] - mean[j]) / n;
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += cov[i][i];
        }
        for (int i = 0; i < d; i++) {
            cov[i][i] += 1e-9 * trace / d + 1e-12;
        }
        double[][] l = new double[d][d];
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = cov[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-300));
                    logDet += 2 * Math.log(l[i][i]);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return new ErrorGaussian(mean, l, logDet);
    }

    /** The squared Mahalanobis distance {@code (e - mu)^T Sigma^-1 (e - mu)}. */
    double mahalanobis2(double[] e) {
        int d = mean.length;
        double[] y = new double[d];
        double sum = 0;
        for (int i = 0; i < d; i++) {
            double s = e[i] - mean[i];
            for (int k = 0; k < i; k++) {
                s -= lower[i][k] * y[k];
            }
            y[i] = s / lower[i][i];
            sum += y[i] * y[i];
        }
        return sum;
    }

    /** The negative log-likelihood of {@code e}. */
    double score(double[] e) {
        return 0.5 * (mean.length * Math.log(2 * Math.PI) + logDet + mahalanobis2(e));
    }
}
