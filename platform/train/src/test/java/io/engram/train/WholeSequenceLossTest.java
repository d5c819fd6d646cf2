package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.BatchOutputs;
import io.engram.api.Loss;
import io.engram.api.StepwiseLoss;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A loss that is not a {@link StepwiseLoss} sees every output of the batch at once. */
class WholeSequenceLossTest {
    private final Ops ops = new CpuBackend(1).ops();
    private final TanhRnn net = new TanhRnn(ops, 2, 3, 2, DType.F64, 11);
    private final StepwiseLoss mse = Losses.of("mse");
    private final Batch padded = Fixtures.batch(5, 2, 2, 5, 3, 7);

    /** The squared error taken over the whole batch at once, counted per sequence. */
    private final Loss whole = new Loss() {
        @Override
        public String id() {
            return "whole-mse";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public Tensor loss(Ops o, BatchOutputs out) {
            assertEquals(padded.time() * padded.batch(), out.outputs().dim(0), "rows of all steps");
            return mse.loss(o, out.outputs(), out.targets(), out.lossMask());
        }

        @Override
        public int terms(Batch batch) {
            return batch.batch();
        }
    };

    @Test
    void fullBpttGivesAWholeSequenceLossEveryOutputAndDividesByItsTerms() {
        LossAndGradients stepwise = SequenceGradients.bptt().compute(ops, net, net.parameters(), padded, mse, 1L);
        LossAndGradients all = SequenceGradients.bptt().compute(ops, net, net.parameters(), padded, whole, 1L);
        assertEquals(15, stepwise.targets());
        assertEquals(3, all.targets());
        assertEquals(stepwise.loss() * 15 / 3, all.loss(), 1e-12);
        for (Map.Entry<String, Tensor> e : stepwise.gradients().entrySet()) {
            double[] a = e.getValue().toDoubleArray();
            double[] b = all.gradients().get(e.getKey()).toDoubleArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] * 15 / 3, b[i], 1e-12, e.getKey() + "[" + i + "]");
            }
        }
        double plain = SequenceGradients.lossSum(ops, net, net.parameters(), padded, whole, false, 1L);
        assertEquals(stepwise.loss() * 15, plain, 1e-12);
    }

    @Test
    void methodsThatTakeTheLossRunByRunRefuseAWholeSequenceLoss() {
        for (GradientMethod m : new GradientMethod[] {SequenceGradients.rtrl(), SequenceGradients.truncated(2, 2),
                SequenceGradients.checkpointed(2)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.compute(ops, net, net.parameters(), padded, whole, 1L));
            assertTrue(e.getMessage().startsWith("loss 'whole-mse' is a loss of the whole sequence, which "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("train with full BPTT"), e.getMessage());
        }
    }

    @Test
    void gradientTrainingTakesTheContextsLossObject() {
        var data = Fixtures.dataset(3, 2, 2, 4, 6, 5, 3);
        FakeContext plain = new FakeContext(net, new CpuBackend(1), data, data.subset(0, 0), "mse",
                Map.of("epochs", "1", "batch.size", "4", "lr", "0.0"), 1L);
        assertEquals(mse.getClass(), plain.lossFunction().getClass());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new FakeContext(net, new CpuBackend(1), data, data.subset(0, 0), "ctc", Map.of(), 1L)
                        .lossFunction());
        assertEquals("loss 'ctc' was named by its id only and is not one of [mse, softmax-ce]: give the builder the "
                + "loss object", e.getMessage());
    }
}
