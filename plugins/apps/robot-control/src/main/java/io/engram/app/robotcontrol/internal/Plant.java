package io.engram.app.robotcontrol.internal;

/**
 * The cart with one or two poles hinged on it, after Wieland 1991 ("Evolving neural network
 * controllers for unstable systems", IJCNN), in the form of the standard benchmark code of Gomez and
 * Miikkulainen used by Gruau, Whitley and Pyeatt 1996, Stanley and Miikkulainen's NEAT and Gomez,
 * Schmidhuber and Miikkulainen 2008 (CoSyNE, JMLR 9, section 6.1). With {@code i} the pole:
 * <pre>
 *   x''       = (F - mu_c sgn(x') + sum_i F~_i) / (M + sum_i m~_i)
 *   theta_i'' = -3/(4 l_i) (x'' cos(theta_i) + g sin(theta_i) + mu_p theta_i' / (m_i l_i))
 *   F~_i      = m_i l_i theta_i'^2 sin(theta_i) + 3/4 m_i cos(theta_i) (mu_p theta_i' / (m_i l_i) + g sin(theta_i))
 *   m~_i      = m_i (1 - 3/4 cos^2(theta_i))
 * </pre>
 * with g = {@value #GRAVITY} m/s^2 (the sign convention of the code: angles grow as a pole leans
 * to positive x), cart mass M = {@value #CART_MASS} kg, poles m = {@value #MASS_1} and
 * {@value #MASS_2} kg of half-lengths l = {@value #HALF_1} and {@value #HALF_2} m, hinge friction
 * mu_p = {@value #HINGE_FRICTION}, cart-track friction mu_c = {@value #CART_FRICTION} (sgn(0) = +1,
 * as in the code). The state {@code [x, x', theta_1, theta_1', theta_2, theta_2']} is integrated
 * by the classical 4th-order Runge-Kutta method with steps of {@value #TAU} s, two per action
 * ({@link #act}); a single-pole plant leaves {@code theta_2} and its rate at 0 and the second pole
 * out of the sums.
 *
 * <p>Not thread-safe: a plant belongs to one episode. It allocates nothing after construction.
 */
final class Plant {
    static final double GRAVITY = -9.8;
    static final double CART_MASS = 1.0;
    static final double MASS_1 = 0.1;
    static final double MASS_2 = 0.01;
    static final double HALF_1 = 0.5;
    static final double HALF_2 = 0.05;
    static final double HINGE_FRICTION = 2e-6;
    static final double CART_FRICTION = 5e-4;
    static final double TAU = 0.01;
    /** Runge-Kutta steps per action: 0.02 s of simulated time per step of the controller. */
    static final int STEPS_PER_ACTION = 2;

    private final boolean twoPoles;
    /** The state {@code [x, x', theta_1, theta_1', theta_2, theta_2']}. */
    final double[] s = new double[6];
    private final double[] k1 = new double[6];
    private final double[] k2 = new double[6];
    private final double[] k3 = new double[6];
    private final double[] k4 = new double[6];
    private final double[] y = new double[6];

    Plant(boolean twoPoles) {
        this.twoPoles = twoPoles;
    }

    boolean twoPoles() {
        return twoPoles;
    }

    /** Sets the state to {@code start} (its first 6, or 4 for one pole, numbers; the rest 0). */
    void reset(double[] start) {
        java.util.Arrays.fill(s, 0.0);
        System.arraycopy(start, 0, s, 0, Math.min(start.length, twoPoles ? 6 : 4));
    }

    /** Applies {@code force} newtons for {@value #STEPS_PER_ACTION} Runge-Kutta steps. */
    void act(double force) {
        for (int i = 0; i < STEPS_PER_ACTION; i++) {
            rungeKutta(force);
        }
    }

    /** One classical RK4 step of {@value #TAU} s under {@code force}. */
    void rungeKutta(double force) {
        derivatives(s, force, k1);
        shifted(k1, TAU / 2);
        derivatives(y, force, k2);
        shifted(k2, TAU / 2);
        derivatives(y, force, k3);
        shifted(k3, TAU);
        derivatives(y, force, k4);
        for (int i = 0; i < 6; i++) {
            s[i] += TAU / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }

    private void shifted(double[] k, double h) {
        for (int i = 0; i < 6; i++) {
            y[i] = s[i] + h * k[i];
        }
    }

    /** The time derivative of state {@code st} under {@code force}, written into {@code d}. */
    void derivatives(double[] st, double force, double[] d) {
        double cos1 = Math.cos(st[2]);
        double sin1 = Math.sin(st[2]);
        double gSin1 = GRAVITY * sin1;
        double ml1 = HALF_1 * MASS_1;
        double friction1 = HINGE_FRICTION * st[3] / ml1;
        double f1 = ml1 * st[3] * st[3] * sin1 + 0.75 * MASS_1 * cos1 * (friction1 + gSin1);
        double m1 = MASS_1 * (1 - 0.75 * cos1 * cos1);
        double f2 = 0;
        double m2 = 0;
        double cos2 = 0;
        double gSin2 = 0;
        double friction2 = 0;
        if (twoPoles) {
            cos2 = Math.cos(st[4]);
            double sin2 = Math.sin(st[4]);
            gSin2 = GRAVITY * sin2;
            double ml2 = HALF_2 * MASS_2;
            friction2 = HINGE_FRICTION * st[5] / ml2;
            f2 = ml2 * st[5] * st[5] * sin2 + 0.75 * MASS_2 * cos2 * (friction2 + gSin2);
            m2 = MASS_2 * (1 - 0.75 * cos2 * cos2);
        }
        double xAcc = (force - CART_FRICTION * (st[1] >= 0 ? 1 : -1) + f1 + f2) / (m1 + m2 + CART_MASS);
        d[0] = st[1];
        d[1] = xAcc;
        d[2] = st[3];
        d[3] = -0.75 * (xAcc * cos1 + gSin1 + friction1) / HALF_1;
        d[4] = twoPoles ? st[5] : 0;
        d[5] = twoPoles ? -0.75 * (xAcc * cos2 + gSin2 + friction2) / HALF_2 : 0;
    }
}
