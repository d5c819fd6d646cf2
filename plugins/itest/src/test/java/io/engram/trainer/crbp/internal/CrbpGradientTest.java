package io.engram.trainer.crbp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.StepwiseLoss;
import io.engram.family.iirmlp.internal.IirMlpFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestData;
import io.engram.train.LossAndGradients;
import io.engram.train.Losses;
import io.engram.train.OnlineMethod;
import io.engram.train.SequenceGradients;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With the weights frozen, CRBP's gradients summed over a window of an IIR-MLP's stream are BPTT's
 * over that window once the truncation depth reaches back over the window, and fall short of them
 * with a shallower depth.
 */
class CrbpGradientTest {
    private static final int STEPS = 21;
    private final ReferenceBackend backend = new ReferenceBackend();
    private final StepwiseLoss loss = (StepwiseLoss) Losses.of("mse");

    static Network iirMlp(ReferenceBackend backend, Map<String, String> raw, int in, int out, long seed) {
        IirMlpFamily family = new IirMlpFamily();
        Hyperparameters h = family.schema().validate(raw, "model.").get();
        return family.create(new ModelSpec(family.id(), in, out, DType.F64, h), backend, seed);
    }

    private static double[] flat(Map<String, Tensor> m) {
        return m.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    /** The largest difference between {@code method}'s frozen-weight gradient sum and BPTT's. */
    private double worst(OnlineMethod method, Network net, Batch window) {
        Map<String, Tensor> params = net.parameters();
        double[][] sum = {null};
        int[] targets = {0};
        method.run(backend.ops(), net, params, window, loss, 3L, (g, l, n) -> {
            double[] f = flat(g);
            if (sum[0] == null) {
                sum[0] = new double[f.length];
            }
            for (int i = 0; i < f.length; i++) {
                sum[0][i] += f[i];
            }
            targets[0] += n;
            return params;
        });
        LossAndGradients bptt = SequenceGradients.bptt().compute(backend.ops(), net, params, window, loss, 3L);
        double[] reference = flat(bptt.gradients());
        assertEquals(bptt.targets(), targets[0]);
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(sum[0][i] - reference[i] * bptt.targets()));
        }
        return worst;
    }

    @ParameterizedTest(name = "layers {0}, L {1}, I {2}, {3}, feedback in the {4}")
    @CsvSource({"1, 3, 2, tanh, synapse", "2, 2, 1, tanh, synapse", "0, 2, 3, tanh, synapse",
            "1, 1, 2, sigmoid, synapse", "1, 3, 0, tanh, synapse", "1, 3, 2, tanh, activation",
            "2, 2, 2, tanh, activation"})
    void frozenGradientIsBpttsToOneInABillion(int layers, int ma, int ar, String activation, String feedback) {
        Network net = iirMlp(backend, Map.of("hidden", "3", "layers", Integer.toString(layers),
                "ma.order", Integer.toString(ma), "ar.order", Integer.toString(ar), "activation", activation,
                "feedback.scale", "0.8", "feedback", feedback), 2, 2, 11);
        Batch window = TestData.random(23, 2, 2, STEPS).batches(1).get(0);
        double exact = worst(new CausalRecursiveBackprop(STEPS), net, window);
        double truncated = worst(new CausalRecursiveBackprop(1), net, window);
        System.out.printf("iir-mlp layers %d, L %d, I %d, %s, %s feedback: max |crbp - bptt| = %.3g at depth %d, "
                + "%.3g at depth 1%n", layers, ma, ar, activation, feedback, exact, STEPS, truncated);
        assertTrue(exact < 1e-9, "CRBP at full depth differs from BPTT by " + exact);
        if (layers > 0) {
            assertTrue(truncated > 1e-6, "depth 1 truncates nothing? " + truncated);
        }
    }

    /**
     * A FIR-MLP ({@code I = 0}) has a finite memory: deltas reaching back {@code L - 1} steps per layer
     * above give the exact gradient (temporal backpropagation, which CRBP contains), one step less does not.
     */
    @org.junit.jupiter.api.Test
    void aFirMlpIsExactOnceTheDepthCoversTheTapsAbove() {
        Network net = iirMlp(backend, Map.of("hidden", "3", "layers", "2", "ma.order", "3", "ar.order", "0"), 2, 2, 5);
        Batch window = TestData.random(29, 2, 2, STEPS).batches(1).get(0);
        double enough = worst(new CausalRecursiveBackprop(4), net, window);
        double short1 = worst(new CausalRecursiveBackprop(3), net, window);
        System.out.printf("fir-mlp, two hidden layers, L 3: max |crbp - bptt| = %.3g at depth 4, %.3g at depth 3%n",
                enough, short1);
        assertTrue(enough < 1e-9, "depth 4 = 2 (L - 1) differs by " + enough);
        assertTrue(short1 > 1e-6, "depth 3 should fall short: " + short1);
    }
}
