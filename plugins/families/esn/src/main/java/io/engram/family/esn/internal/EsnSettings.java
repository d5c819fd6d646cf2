package io.engram.family.esn.internal;

import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Schema;

/**
 * The validated hyperparameters of an echo state network (see {@link EsnFamily#SCHEMA}). Immutable.
 *
 * @param units             reservoir size N
 * @param spectralRadius    the spectral radius the reservoir matrix is scaled to
 * @param connectivity      the expected fraction of nonzero reservoir weights
 * @param inputScaling      input weights are uniform in {@code [-inputScaling, inputScaling]}
 * @param inputConnectivity the expected fraction of nonzero input weights
 * @param biasScaling       bias weights are uniform in {@code [-biasScaling, biasScaling]}
 * @param leak              the leak rate {@code a} of the leaky-integrator units, in (0, 1]
 * @param readoutInput      whether the readout sees the input besides the reservoir state
 */
record EsnSettings(int units, double spectralRadius, double connectivity, double inputScaling,
                   double inputConnectivity, double biasScaling, double leak, boolean readoutInput) {

    static final Schema SCHEMA = Schema.of(
            HyperParameter.integer("units", 100, 1, 4096, "Reservoir units N."),
            HyperParameter.real("spectral.radius", 0.9, 0.0, 100.0,
                    "Spectral radius the reservoir matrix is scaled to (largest absolute eigenvalue)."),
            HyperParameter.real("connectivity", 0.1, 1e-6, 1.0, "Expected fraction of nonzero reservoir weights."),
            HyperParameter.real("input.scaling", 1.0, 0.0, 1e6, "Input weights are uniform in [-s, s]."),
            HyperParameter.real("input.connectivity", 1.0, 1e-6, 1.0, "Expected fraction of nonzero input weights."),
            HyperParameter.real("bias.scaling", 0.0, 0.0, 1e6, "Bias weights of the units are uniform in [-s, s]."),
            HyperParameter.real("leak", 1.0, 1e-6, 1.0, "Leak rate a of the leaky-integrator units: 1 for none."),
            HyperParameter.bool("readout.input", true, "The readout sees the input besides the reservoir state."));

    static EsnSettings of(Hyperparameters h) {
        return new EsnSettings(h.getInt("units"), h.getDouble("spectral.radius"), h.getDouble("connectivity"),
                h.getDouble("input.scaling"), h.getDouble("input.connectivity"), h.getDouble("bias.scaling"),
                h.getDouble("leak"), h.getBoolean("readout.input"));
    }

    /** The width of the readout's feature rows for {@code inputs} inputs. */
    int features(int inputs) {
        return units + (readoutInput ? inputs : 0);
    }
}
