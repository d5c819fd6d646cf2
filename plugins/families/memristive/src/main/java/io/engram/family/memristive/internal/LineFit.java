package io.engram.family.memristive.internal;

/**
 * The least-squares line {@code y = a + b x} through points, and its largest residual. Immutable.
 *
 * @param intercept       {@code a}
 * @param slope           {@code b}
 * @param largestResidual {@code max |y - a - b x|} over the points
 */
record LineFit(double intercept, double slope, double largestResidual) {

    /**
     * The fit through {@code (x[j], y[j])}.
     *
     * @throws IllegalArgumentException when the lengths differ or fewer than two distinct {@code x}
     */
    static LineFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points, y " + y.length);
        }
        double mx = 0;
        double my = 0;
        for (int j = 0; j < x.length; j++) {
            mx += x[j] / x.length;
            my += y[j] / x.length;
        }
        double sxx = 0;
        double sxy = 0;
        for (int j = 0; j < x.length; j++) {
            sxx += (x[j] - mx) * (x[j] - mx);
            sxy += (x[j] - mx) * (y[j] - my);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("a line needs two distinct x, got " + x.length + " points");
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double worst = 0;
        for (int j = 0; j < x.length; j++) {
            worst = Math.max(worst, Math.abs(y[j] - a - b * x[j]));
        }
        return new LineFit(a, b, worst);
    }
}
