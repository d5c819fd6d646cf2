package io.engram.family.historycompressor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Capability;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestTrainingContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryCompressionTrainerTest {
    private final HistoryCompressionTrainer trainer = new HistoryCompressionTrainer();

    @Test
    void otherFamiliesAreRefusedNamingTheFamily() {
        var problems = trainer.checkFamily(Hyperparameters.of(Map.of()), "elman", Set.of(Capability.DIFFERENTIABLE));
        assertEquals(1, problems.size());
        assertEquals("model.family", problems.get(0).where());
        assertTrue(problems.get(0).message().contains("elman"), problems.toString());
        assertTrue(trainer.checkFamily(Hyperparameters.of(Map.of()), "history-compressor", Set.of()).isEmpty());
    }

    /** A compressor without the automatizer's distillation head is refused naming model.distill, its parameters untouched. */
    @Test
    void aNetworkWithoutTheDistillationHeadIsRefused() {
        ReferenceBackend backend = new ReferenceBackend();
        Network net = new HistoryCompressorFamily().create(new ModelSpec("history-compressor", LongLagTest.SYMBOLS,
                LongLagTest.SYMBOLS, DType.F64, Hyperparameters.of(Map.of("hidden", 3))), backend, 1);
        double[] before = net.parameters().get("level1.input.w").toDoubleArray();
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(LongLagTest.data()).loss("softmax-ce")
                .hyper(trainer.schema(), Map.of("epochs", "2")).seed(1).build();
        TrainingResult r = trainer.train(c);
        assertTrue(r.failed());
        assertTrue(r.stopReason().contains("model.distill"), r.stopReason());
        Tensor after = net.parameters().get("level1.input.w");
        assertTrue(java.util.Arrays.equals(before, after.toDoubleArray()), "parameters untouched");
        backend.close();
    }
}
