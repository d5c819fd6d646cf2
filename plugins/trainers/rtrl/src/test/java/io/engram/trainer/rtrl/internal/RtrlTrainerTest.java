package io.engram.trainer.rtrl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestData;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtrlTrainerTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final RtrlTrainer trainer = new RtrlTrainer();
    private final Dataset train = TestData.random(1, 2, 3, 5, 3, 4, 6, 2, 5, 4, 3);
    private final Dataset validation = TestData.random(2, 2, 3, 4, 5, 3);

    private Network network(long seed) {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "4"), "model.").get();
        return family.create(new ModelSpec(family.id(), 2, 3, DType.F64, h), backend, seed);
    }

    private TestTrainingContext context(Network net) {
        return TestTrainingContext.builder(net, backend).train(train).validation(validation).loss("softmax-ce")
                .hyper(trainer.schema(), Map.of("epochs", "4", "batch.size", "3", "lr", "0.05", "clip", "1"))
                .seed(9).build();
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    @Test
    void trainsExactlyLikeBptt() {
        Network byRtrl = network(6);
        Network byBptt = network(6);
        TestTrainingContext rtrl = context(byRtrl);
        TrainingResult r = trainer.train(rtrl);
        TestTrainingContext bptt = context(byBptt);
        GradientTraining.run(bptt, SequenceGradients.bptt());
        assertFalse(r.failed());
        assertEquals(4, r.epochs());
        double[] a = flat(byRtrl.parameters());
        double[] b = flat(byBptt.parameters());
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        System.out.printf("rtrl vs bptt after 4 epochs: max parameter difference %.3g%n", worst);
        assertTrue(worst < 1e-9, "parameters differ by " + worst);
        List<TrainingEvent.EpochEnd> e = rtrl.events(TrainingEvent.EpochEnd.class);
        assertTrue(e.get(3).trainLoss() < e.get(0).trainLoss(), "loss falls: " + e.get(0).trainLoss() + " -> "
                + e.get(3).trainLoss());
    }

    @Test
    void publishesTheCommonSchemaWithoutTruncation() {
        assertTrue(trainer.schema().parameter("k1").isEmpty());
        assertTrue(trainer.schema().parameter("patience").isPresent());
        assertEquals("rtrl", trainer.id());
        assertEquals(java.util.Set.of("differentiable"), trainer.requires());
    }

    @Test
    void registersAsTheRtrlTrainer() throws IOException {
        String xml;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("OSGI-INF/" + RtrlTrainer.class.getName() + ".xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("name=\"engram.trainer\"") && xml.contains("value=\"rtrl\""), xml);
        assertTrue(xml.contains("name=\"engram.capabilities\"") && xml.contains("value=\"differentiable\""), xml);
    }

    /** A loss that is not stepwise, as CTC is not. */
    private static final io.engram.api.Loss WHOLE = new io.engram.api.Loss() {
        @Override
        public String id() {
            return "whole";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public io.engram.tensor.Tensor loss(io.engram.tensor.Ops ops, io.engram.api.BatchOutputs out) {
            return ops.sumAll(out.outputs());
        }
    };

    @Test
    void checkLossRefusesAWholeSequenceLoss() {
        RtrlTrainer rtrl = new RtrlTrainer();
        io.engram.api.Hyperparameters h = rtrl.schema().validate(java.util.Map.of(), "trainer.").get();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                rtrl.checkLoss(h, io.engram.train.Losses.of("softmax-ce")));
        java.util.List<io.engram.api.Problem> p = rtrl.checkLoss(h, WHOLE);
        org.junit.jupiter.api.Assertions.assertEquals("trainer: loss 'whole' is a loss of the whole sequence, which "
                + "trainer 'rtrl' cannot take: it needs a per-step loss (such as mse or softmax-ce) because it takes "
                + "the loss run by run as the outputs come; train with full BPTT instead", p.get(0).toString());
    }

    @Test
    void checkFamilyRefusesAFamilyThatRunsWholeSequencesAtSubmission() {
        RtrlTrainer rtrl = new RtrlTrainer();
        io.engram.api.Hyperparameters h = rtrl.schema().validate(java.util.Map.of(), "trainer.").get();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                rtrl.checkFamily(h, "lstm", java.util.Set.of("differentiable", "flat-parameters")));
        java.util.List<io.engram.api.Problem> p = rtrl.checkFamily(h, "seq2seq",
                java.util.Set.of("differentiable", "decoder"));
        org.junit.jupiter.api.Assertions.assertEquals(1, p.size());
        org.junit.jupiter.api.Assertions.assertTrue(p.get(0).toString().startsWith("trainer: family 'seq2seq' runs "
                + "whole sequences (whole-sequence or decoder), so it cannot be stepped causally as RTRL does"),
                p.get(0).toString());
    }
}
