package io.engram.trainer.hybrid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Problem;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HybridTrainerTest {
    /** A period-4 stream, 0 1 0 2 0 1 0 2 ...: what follows a 0 depends on the symbol before it. */
    private static final int[] PERIOD = {0, 1, 0, 2};
    private final ReferenceBackend backend = new ReferenceBackend();
    private final HybridTrainer trainer = new HybridTrainer();

    /** Next-symbol prediction along {@code length} steps of the periodic stream, one-hot in and out. */
    static Dataset periodicStream(int length) {
        double[][] x = new double[length][3];
        double[][] y = new double[length][3];
        for (int t = 0; t < length; t++) {
            x[t][PERIOD[t % 4]] = 1;
            y[t][PERIOD[(t + 1) % 4]] = 1;
        }
        return new Dataset(List.of(Sequence.perStep(x, y)), 3, 3);
    }

    /** Wrong next-symbol guesses (argmax) over steps {@code from} to the end, weights frozen. */
    static int errors(ReferenceBackend backend, Network net, Dataset data, int from) {
        Batch b = data.batches(1).get(0);
        List<Tensor> out = SequenceGradients.outputs(backend.ops(), net, net.parameters(), b, false, 0L);
        int wrong = 0;
        for (int t = from; t < b.time(); t++) {
            double[] o = out.get(t).toDoubleArray();
            int best = 0;
            for (int k = 1; k < o.length; k++) {
                best = o[k] > o[best] ? k : best;
            }
            wrong += b.targets()[t * 3 + best] == 1 ? 0 : 1;
        }
        return wrong;
    }

    @Test
    void learnsNextSymbolPredictionOfAPeriodicStreamOnLine() {
        for (String update : List.of("block", "step")) {
            ReferenceRnn family = new ReferenceRnn();
            Hyperparameters h = family.schema().validate(Map.of("hidden", "5"), "model.").get();
            Network net = family.create(new ModelSpec(family.id(), 3, 3, DType.F64, h), backend, 4);
            Dataset stream = periodicStream(400);
            int before = errors(backend, net, stream, 8);
            TestTrainingContext c = TestTrainingContext.builder(net, backend).train(stream).loss("softmax-ce")
                    .hyper(trainer.schema(), Map.of("epochs", "1", "lr", "0.05", "update", update)).seed(2).build();
            TrainingResult r = trainer.train(c);
            int after = errors(backend, net, stream, 8);
            List<TrainingEvent.EpochEnd> e = c.events(TrainingEvent.EpochEnd.class);
            System.out.printf("update %s: wrong guesses in steps 8-399 %d before, %d after one pass; loss %.4f%n",
                    update, before, after, e.get(0).trainLoss());
            assertFalse(r.failed(), r.stopReason());
            assertEquals(0, after, update + ": wrong next-symbol guesses after training");
            assertTrue(e.get(0).trainLoss() < 0.2, update + ": mean loss of the pass " + e.get(0).trainLoss());
        }
    }

    @Test
    void registersAsTheRtrlBpttTrainer() throws IOException {
        String xml;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("OSGI-INF/" + HybridTrainer.class.getName() + ".xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("name=\"engram.trainer\"") && xml.contains("value=\"rtrl-bptt\""), xml);
        assertTrue(xml.contains("name=\"engram.capabilities\"") && xml.contains("value=\"differentiable\""), xml);
        assertEquals(Set.of("differentiable"), trainer.requires());
        assertTrue(trainer.schema().parameter("batch.size").isEmpty(), "a stream has no batch size");
    }

    @Test
    void refusesAWholeSequenceFamilyAndAcceptsStepwiseLosses() {
        Hyperparameters h = trainer.schema().validate(Map.of(), "trainer.").get();
        assertEquals(List.of(), trainer.checkLoss(h, Losses.of("mse")));
        List<Problem> p = trainer.checkFamily(h, "seq2seq", Set.of("differentiable", "decoder"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).toString().startsWith("trainer: family 'seq2seq' runs whole sequences"), p.toString());
    }

    @Test
    void rejectsAnUnknownUpdateNamingTheKey() {
        var problems = trainer.schema().validate(Map.of("update", "epoch"), "trainer.").getError();
        assertTrue(problems.exists(x -> x.where().equals("trainer.update")), problems.toString());
    }

    /** The loop stops once the stream's mean loss reaches target.value, and says so. */
    @Test
    void stopsWhenTheTargetLossIsReached() {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "5"), "model.").get();
        Network net = family.create(new ModelSpec(family.id(), 3, 3, DType.F64, h), backend, 4);
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(periodicStream(200)).loss("softmax-ce")
                .hyper(trainer.schema(), Map.of("epochs", "20", "lr", "0.05", "target.metric", "loss",
                        "target.value", "0.01")).seed(2).build();
        TrainingResult r = trainer.train(c);
        List<TrainingEvent.EpochEnd> e = c.events(TrainingEvent.EpochEnd.class);
        System.out.println("target loss 0.01: " + r.stopReason() + " after " + r.epochs() + " epochs");
        assertFalse(r.failed());
        assertTrue(r.epochs() < 20 && r.epochs() == e.size(), "stopped after " + r.epochs());
        assertTrue(e.get(e.size() - 1).trainLoss() <= 0.01 && e.get(e.size() - 2).trainLoss() > 0.01, e.toString());
        assertTrue(r.stopReason().startsWith("target reached: loss = "), r.stopReason());
    }
}
