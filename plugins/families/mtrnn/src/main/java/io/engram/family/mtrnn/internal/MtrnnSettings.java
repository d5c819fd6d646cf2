package io.engram.family.mtrnn.internal;

import io.engram.api.Hyperparameters;
import io.engram.layers.continuous.Integrator;

/**
 * The validated hyperparameters of an MTRNN, read once from a spec. Immutable.
 *
 * @param io         input-output units
 * @param fast       fast context units
 * @param slow       slow context units
 * @param tauIo      time constant of the input-output units
 * @param tauFast    time constant of the fast context units
 * @param tauSlow    time constant of the slow context units
 * @param sequences  sequences told apart by their slow initial states (the selector inputs)
 * @param integrator Euler or fourth-order Runge-Kutta
 * @param dt         the integration step
 * @param substeps   integration steps per input step
 * @param activation the name of {@code sigma}
 */
record MtrnnSettings(int io, int fast, int slow, double tauIo, double tauFast, double tauSlow, int sequences,
                     Integrator integrator, double dt, int substeps, String activation) {

    /** The settings of validated, completed hyperparameters. */
    static MtrnnSettings of(Hyperparameters h) {
        return new MtrnnSettings(h.getInt("io"), h.getInt("fast"), h.getInt("slow"), h.getDouble("tau.io"),
                h.getDouble("tau.fast"), h.getDouble("tau.slow"), h.getInt("sequences"),
                Integrator.of(h.getString("integrator")), h.getDouble("dt"), h.getInt("substeps"),
                h.getString("activation"));
    }

    /** All units: {@code io + fast + slow}. */
    int units() {
        return io + fast + slow;
    }

    /** The time constant of every unit, the groups in the order input-output, fast, slow. */
    double[] taus() {
        double[] tau = new double[units()];
        for (int i = 0; i < tau.length; i++) {
            tau[i] = i < io ? tauIo : i < io + fast ? tauFast : tauSlow;
        }
        return tau;
    }
}
