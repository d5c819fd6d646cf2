package io.engram.family.memristive.internal;

/**
 * The relaxation rates of a circuit near its fixed point {@code x*} (Caravelli, Traversa and Di
 * Ventra 2017). Linearising {@code dx/dt = -alpha x + (1/beta) (I + xi Omega X)^-1 Omega S} at
 * {@code x*}, where the currents are {@code i* = alpha beta x*} on every memristor inside the window
 * (the others are held at 0 and drop out), gives the Jacobian
 * <pre>
 *   J = -alpha I - alpha xi (I + xi Omega X*)^-1 Omega X*
 * </pre>
 * a function of {@code Omega X*}, whose eigenvalues {@code mu} are those of the symmetric
 * {@code X*^1/2 Omega X*^1/2} (real, in {@code [0, 1]}). So a perturbation relaxes as
 * {@code delta x(t) = e^(-alpha t) e^(-K t) delta x(0)}: the single memristor's decay times the
 * network's, a superposition of exponentials with the rates
 * <pre>
 *   kappa = alpha xi mu / (1 + xi mu),        mu in spec(Omega X*)
 * </pre>
 * set by a random matrix, the loop projector compressing the disordered memory; each full rate
 * {@code alpha + kappa} lies in {@code [alpha, 2 alpha)}. Stateless.
 */
final class RelaxationRates {
    /** Eigenvalues of {@code Omega X*} below this are the conserved (cut-space and held) directions. */
    static final double ZERO = 1e-10;

    private RelaxationRates() {
    }

    /** The eigenvalues {@code mu} of {@code Omega X} at memory {@code x}, ascending. */
    static double[] loopSpectrum(Circuit circuit, double[] x) {
        int e = circuit.size();
        double[] omega = circuit.omega();
        double[] h = new double[e * e];
        for (int i = 0; i < e; i++) {
            for (int j = 0; j < e; j++) {
                h[i * e + j] = Math.sqrt(x[i]) * omega[i * e + j] * Math.sqrt(x[j]);
            }
        }
        for (int i = 0; i < e; i++) {
            for (int j = 0; j < i; j++) {
                double mean = (h[i * e + j] + h[j * e + i]) / 2;
                h[i * e + j] = mean;
                h[j * e + i] = mean;
            }
        }
        return SymmetricEigen.values(h, e);
    }

    /** The network's rates {@code kappa} at the fixed point {@code x}, one per non-zero {@code mu}, ascending. */
    static double[] network(Circuit circuit, double[] x) {
        return java.util.Arrays.stream(loopSpectrum(circuit, x)).filter(mu -> mu > ZERO)
                .map(mu -> circuit.alpha() * circuit.xi() * mu / (1 + circuit.xi() * mu)).toArray();
    }

    /** All rates {@code alpha + kappa} of the Jacobian at the fixed point {@code x}, one per memristor, ascending. */
    static double[] full(Circuit circuit, double[] x) {
        double[] mu = loopSpectrum(circuit, x);
        double[] rates = new double[mu.length];
        for (int k = 0; k < mu.length; k++) {
            double m = Math.max(0, mu[k]);
            rates[k] = circuit.alpha() * (1 + circuit.xi() * m / (1 + circuit.xi() * m));
        }
        return rates;
    }
}
