package io.engram.trainer.hybrid.internal;

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
import io.engram.train.SequenceGradients;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The BPTT/RTRL hybrid on another family's network: an IIR-MLP, whose state is its filters' lines. */
class HybridIirMlpTest {

    @Test
    void frozenGradientOnAnIirMlpIsBpttsToOneInABillion() {
        ReferenceBackend backend = new ReferenceBackend();
        IirMlpFamily family = new IirMlpFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "3", "ma.order", "2", "ar.order", "2",
                "feedback.scale", "0.8"), "model.").get();
        Network net = family.create(new ModelSpec(family.id(), 2, 2, DType.F64, h), backend, 8);
        Batch window = TestData.random(31, 2, 2, 19).batches(1).get(0);
        StepwiseLoss loss = (StepwiseLoss) Losses.of("mse");
        Map<String, Tensor> params = net.parameters();
        double[][] sum = {null};
        new FixedSizeStorage(4, false).run(backend.ops(), net, params, window, loss, 2L, (g, l, n) -> {
            double[] f = g.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
            sum[0] = sum[0] == null ? new double[f.length] : sum[0];
            for (int i = 0; i < f.length; i++) {
                sum[0][i] += f[i];
            }
            return params;
        });
        LossAndGradients bptt = SequenceGradients.bptt().compute(backend.ops(), net, params, window, loss, 2L);
        double[] reference = bptt.gradients().values().stream()
                .flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(sum[0][i] - reference[i] * bptt.targets()));
        }
        System.out.printf("rtrl-bptt on an iir-mlp, blocks of 4: max |hybrid - bptt| = %.3g%n", worst);
        assertTrue(worst < 1e-9, "differs by " + worst);
    }
}
