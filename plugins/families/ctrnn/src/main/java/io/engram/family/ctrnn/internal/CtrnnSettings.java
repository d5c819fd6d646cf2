package io.engram.family.ctrnn.internal;

import io.engram.api.Hyperparameters;
import io.engram.layers.continuous.Integrator;

/**
 * The validated hyperparameters of a CTRNN, read once from a spec. Immutable.
 *
 * @param units          {@code N}, the number of units
 * @param integrator     Euler or fourth-order Runge-Kutta
 * @param dt             the integration step {@code h}
 * @param substeps       integration steps per input step (the input is held over them)
 * @param tau            the initial time constant of every unit
 * @param tauTrainable   whether the time constants are trained
 * @param stateTrainable whether the initial state {@code y(0)} is trained
 * @param activation     the name of {@code sigma}
 * @param output         {@code linear} (a readout of the firing rates) or {@code rates} (the rates of the first units)
 */
record CtrnnSettings(int units, Integrator integrator, double dt, int substeps, double tau, boolean tauTrainable,
                     boolean stateTrainable, String activation, String output) {

    /** The settings of validated, completed hyperparameters. */
    static CtrnnSettings of(Hyperparameters h) {
        return new CtrnnSettings(h.getInt("hidden"), Integrator.of(h.getString("integrator")), h.getDouble("dt"),
                h.getInt("substeps"), h.getDouble("tau"), h.getBoolean("tau.trainable"),
                h.getBoolean("state.trainable"), h.getString("activation"), h.getString("output"));
    }

    /** Whether the outputs are a linear readout of the rates (else the rates of the first units). */
    boolean linearOutput() {
        return output.equals(CtrnnFamily.LINEAR);
    }
}
