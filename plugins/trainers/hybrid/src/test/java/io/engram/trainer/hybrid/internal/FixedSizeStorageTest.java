package io.engram.trainer.hybrid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.StepwiseLoss;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestData;
import io.engram.train.LossAndGradients;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With the weights frozen, the hybrid's gradient over a window is BPTT's over the same window. */
class FixedSizeStorageTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final StepwiseLoss loss = (StepwiseLoss) Losses.of("softmax-ce");

    private Network network(long seed, int hidden) {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", Integer.toString(hidden)), "model.").get();
        return family.create(new ModelSpec(family.id(), 2, 3, DType.F64, h), backend, seed);
    }

    /** The sum of every update's gradient, with the weights never changed. */
    private static final class Frozen {
        final Map<String, Tensor> params;
        double[] sum;
        double loss;
        int targets;
        int updates;

        Frozen(Map<String, Tensor> params) {
            this.params = params;
        }

        Map<String, Tensor> apply(Map<String, Tensor> g, double l, int n) {
            double[] flat = g.values().stream().flatMapToDouble(t -> java.util.Arrays.stream(t.toDoubleArray()))
                    .toArray();
            if (sum == null) {
                sum = new double[flat.length];
            }
            for (int i = 0; i < flat.length; i++) {
                sum[i] += flat[i];
            }
            loss += l;
            targets += n;
            updates++;
            return params;
        }
    }

    @ParameterizedTest(name = "block {0}, per step {1}")
    @CsvSource({"0, false", "0, true", "1, false", "3, false", "3, true", "5, false", "40, false"})
    void frozenGradientIsBpttsToOneInABillion(int block, boolean perStep) {
        Network net = network(3, 4);
        Batch window = TestData.random(17, 2, 3, 23).batches(1).get(0);
        Frozen frozen = new Frozen(net.parameters());
        double total = new FixedSizeStorage(block, perStep).run(backend.ops(), net, net.parameters(), window, loss,
                5L, frozen::apply);
        LossAndGradients bptt = SequenceGradients.bptt().compute(backend.ops(), net, net.parameters(), window, loss, 5L);
        double[] reference = bptt.gradients().values().stream()
                .flatMapToDouble(t -> java.util.Arrays.stream(t.toDoubleArray())).toArray();
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(frozen.sum[i] - reference[i] * bptt.targets()));
        }
        System.out.printf("block %d, per step %b: %d updates, max |hybrid - bptt| = %.3g%n", block, perStep,
                frozen.updates, worst);
        assertTrue(worst < 1e-9, "gradients differ by " + worst);
        assertEquals(23, frozen.targets);
        assertEquals(bptt.loss() * bptt.targets(), total, 1e-9);
        int h = block == 0 ? 4 : block;
        assertEquals(perStep ? 23 : (23 + h - 1) / h, frozen.updates, "updates");
    }

    @Test
    void refusesABatchOfSeveralStreams() {
        Network net = network(3, 2);
        Batch two = TestData.oneBatch(TestData.random(1, 2, 3, 4, 4));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FixedSizeStorage(0, false).run(backend.ops(), net, net.parameters(), two, loss, 1L,
                        (g, l, n) -> net.parameters()));
        assertEquals("an online method runs one stream at a time, got a batch of 2 sequences", e.getMessage());
    }
}
