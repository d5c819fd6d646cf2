package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Gradient trainers differentiate and update the trainable parameters only. */
class TrainableParametersTest {
    private static final Set<String> FIXED = Set.of("wh", "b");
    private final CpuBackend backend = new CpuBackend(1);
    private final Ops ops = backend.ops();

    /** {@link TanhRnn} with {@code wh} and {@code b} fixed. */
    private static final class PartlyFixed implements Network {
        private final TanhRnn net;

        PartlyFixed(TanhRnn net) {
            this.net = net;
        }

        @Override
        public ModelSpec spec() {
            return net.spec();
        }

        @Override
        public Map<String, Tensor> parameters() {
            return net.parameters();
        }

        @Override
        public Set<String> trainable() {
            return Set.of("wx", "wy", "c");
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
            net.setParameters(values);
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return net.initialState(ops, batch);
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
            return net.step(ops, params, x, state, context);
        }
    }

    private PartlyFixed network() {
        return new PartlyFixed(new TanhRnn(ops, 2, 4, 2, DType.F64, 11));
    }

    @Test
    void gradientsCoverTheTrainableParametersOnlyAndMatchThoseOfTheWholeNetwork() {
        PartlyFixed net = network();
        Batch batch = Fixtures.batch(5, 2, 2, 4, 2, 3);
        io.engram.api.Loss loss = Losses.of(Losses.MSE);
        Map<String, Tensor> all = SequenceGradients.bptt().compute(ops, net.net, net.parameters(), batch, loss, 1L)
                .gradients();
        for (GradientMethod method : List.of(SequenceGradients.bptt(), SequenceGradients.rtrl(),
                SequenceGradients.checkpointed(2))) {
            Map<String, Tensor> some = method.compute(ops, net, net.parameters(), batch, loss, 1L).gradients();
            assertEquals(List.of("wx", "wy", "c"), List.copyOf(some.keySet()));
            for (String name : some.keySet()) {
                assertArrayEquals(all.get(name).toDoubleArray(), some.get(name).toDoubleArray(), 1e-12, name);
            }
        }
        Map<String, Tensor> truncated = SequenceGradients.truncated(1, 2)
                .compute(ops, net, net.parameters(), batch, loss, 1L).gradients();
        assertEquals(List.of("wx", "wy", "c"), List.copyOf(truncated.keySet()));
    }

    @Test
    void bpttAndRtrlTrainingLeaveFixedParametersBitIdentical() {
        for (GradientMethod method : List.of(SequenceGradients.bptt(), SequenceGradients.rtrl())) {
            PartlyFixed net = network();
            Map<String, Tensor> before = net.parameters();
            FakeContext c = new FakeContext(net, backend, Fixtures.dataset(3, 2, 2, 3, 4, 5, 2, 3, 4),
                    Fixtures.dataset(4, 2, 2, 3, 3), "mse", Map.of("epochs", "3", "batch.size", "2", "lr", "0.05",
                    "optimizer", "adam"), 7L);
            TrainingResult r = GradientTraining.run(c, method);
            assertFalse(r.failed(), r.stopReason());
            Map<String, Tensor> after = net.parameters();
            for (String name : before.keySet()) {
                double[] b = before.get(name).toDoubleArray();
                double[] a = after.get(name).toDoubleArray();
                if (FIXED.contains(name)) {
                    assertArrayEquals(b, a, 0.0, name + " is fixed");
                } else {
                    assertTrue(!Arrays.equals(b, a), name + " is trainable and should move");
                }
            }
        }
    }
}
