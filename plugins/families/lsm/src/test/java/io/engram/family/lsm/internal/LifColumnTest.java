package io.engram.family.lsm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lone excitatory neuron of the column under a constant background current, against the closed
 * forms of the leaky integrate-and-fire neuron and of the dynamic synapse (Maass, Natschlaeger and
 * Markram 2002, "Methods").
 */
class LifColumnTest {
    private static final int STEPS = 1000;

    /** The state at the end of every step of a lone neuron with {@code background} nA, one input channel that never reaches it. */
    private static List<double[]> run(double background, String synapses) {
        Map<String, String> m = new HashMap<>(Map.of("grid.x", "1", "grid.y", "1", "grid.z", "1", "inhibitory", "0",
                "input.p", "0", "background.min", Double.toString(background), "background.max", Double.toString(background),
                "synapses", synapses));
        Hyperparameters h = LsmFamily.SCHEMA.validate(m, "model.").get();
        LsmSettings s = LsmSettings.of(h);
        LifColumn column = LifColumn.of(s, ColumnBuilder.parameters(s, 1, 1, new ReferenceBackend().ops(), DType.F64, 3));
        double[] st = column.initial();
        List<double[]> states = new ArrayList<>();
        double[] x = {0};
        for (int t = 0; t < STEPS; t++) {
            column.step(x, 0, st, 0);
            states.add(st.clone());
        }
        return states;
    }

    private static List<Integer> spikeSteps(List<double[]> states) {
        List<Integer> t = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i)[LifColumn.SPIKES] > 0) {
                t.add(i);
            }
        }
        return t;
    }

    /**
     * With R I = 16 mV the potential climbs from the reset, 13.5 mV, toward 16 mV with tau_m = 30 ms
     * and crosses the 15 mV threshold after 30 ln(2.5 / 1) = 27.5 ms, so at the 28th 1 ms step
     * after the 3 ms refractory period: one spike every 31 steps. At 14.9 mV it never fires.
     */
    @Test
    void fixedCurrentGivesTheClosedFormInterspikeInterval() {
        List<Integer> spikes = spikeSteps(run(16, "static"));
        assertTrue(spikes.size() > 25, "spikes in 1 s: " + spikes.size());
        for (int i = 1; i < spikes.size(); i++) {
            assertEquals(31, spikes.get(i) - spikes.get(i - 1), "interval before spike " + i);
        }
        assertEquals(0, spikeSteps(run(14.9, "static")).size(), "spikes with the potential's fixed point below threshold");
    }

    /**
     * The synapse onto excitatory targets (U = 0.5, D = 1100 ms, F = 50 ms) at the n-th of regular
     * spikes Delta = 31 ms apart follows u_{n+1} = U + u_n (1 - U) exp(-Delta/F),
     * R_{n+1} = 1 + (R_n - R_n u_n - 1) exp(-Delta/D), from u_1 = U, R_1 = 1: it depresses.
     */
    @Test
    void dynamicSynapseFollowsThePapersRecursion() {
        List<double[]> states = run(16, "dynamic");
        List<Integer> spikes = spikeSteps(states);
        double u = 0.5;
        double r = 1;
        double first = 0;
        double last = 0;
        for (int n = 0; n < spikes.size(); n++) {
            double[] st = states.get(spikes.get(n));
            assertEquals(u, st[LifColumn.U_EXC], 1e-12, "u at spike " + (n + 1));
            assertEquals(r, st[LifColumn.R_EXC], 1e-12, "R at spike " + (n + 1));
            if (n == 0) {
                first = u * r;
            }
            last = u * r;
            double next = 0.5 + u * 0.5 * Math.exp(-31 / 50.0);
            r = 1 + (r - r * u - 1) * Math.exp(-31 / 1100.0);
            u = next;
        }
        assertTrue(last < 0.5 * first, "efficacy of the first spike " + first + ", of the last " + last);
    }
}
