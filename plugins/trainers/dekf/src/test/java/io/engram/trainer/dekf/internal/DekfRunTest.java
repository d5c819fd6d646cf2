package io.engram.trainer.dekf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DekfRunTest {

    @Test
    void theSoftmaxJacobianMatchesCentralDifferences() {
        // z(w) = A w for two weights and three outputs: dp/dw by the chain rule against differences of softmax(A w)
        double[][] a = {{0.5, -1.0}, {2.0, 0.3}, {-0.7, 1.1}};
        double[] w = {0.4, -0.2};
        double[][] dz = new double[2][3];
        for (int k = 0; k < 2; k++) {
            for (int o = 0; o < 3; o++) {
                dz[k][o] = a[o][k];
            }
        }
        double[][] dp = DekfRun.throughSoftmax(dz, z(a, w));
        double eps = 1e-6;
        for (int k = 0; k < 2; k++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[k] += eps;
            down[k] -= eps;
            double[] pu = DekfRun.softmax(z(a, up));
            double[] pd = DekfRun.softmax(z(a, down));
            for (int o = 0; o < 3; o++) {
                assertEquals((pu[o] - pd[o]) / (2 * eps), dp[k][o], 1e-8, "dp_" + o + "/dw_" + k);
            }
        }
    }

    @Test
    void lossesAndErrorsAreReachedFromAbove() {
        assertEquals(true, DekfRun.lowerIsBetter("loss"));
        assertEquals(true, DekfRun.lowerIsBetter("mse"));
        assertEquals(false, DekfRun.lowerIsBetter("accuracy"));
    }

    private static double[] z(double[][] a, double[] w) {
        double[] z = new double[a.length];
        for (int o = 0; o < a.length; o++) {
            z[o] = a[o][0] * w[0] + a[o][1] * w[1];
        }
        return z;
    }
}
