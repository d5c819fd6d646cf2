package io.engram.trainer.crbp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.SequenceGradients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CRBP learns next-symbol prediction of a continuing periodic stream in one on-line pass. */
class CrbpLearningTest {
    /** 0 1 0 2 0 1 0 2 ...: what follows a 0 depends on the symbol before it. */
    private static final int[] PERIOD = {0, 1, 0, 2};

    static Dataset periodicStream(int length) {
        double[][] x = new double[length][3];
        double[][] y = new double[length][3];
        for (int t = 0; t < length; t++) {
            x[t][PERIOD[t % 4]] = 1;
            y[t][PERIOD[(t + 1) % 4]] = 1;
        }
        return new Dataset(List.of(Sequence.perStep(x, y)), 3, 3);
    }

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
        ReferenceBackend backend = new ReferenceBackend();
        Network net = CrbpGradientTest.iirMlp(backend, Map.of("hidden", "5", "ma.order", "2", "ar.order", "1"), 3, 3,
                4);
        Dataset stream = periodicStream(400);
        int before = errors(backend, net, stream, 8);
        CrbpTrainer trainer = new CrbpTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(stream).loss("softmax-ce")
                .hyper(trainer.schema(), Map.of("epochs", "1", "lr", "0.05", "depth", "3")).seed(2).build();
        TrainingResult r = trainer.train(c);
        int after = errors(backend, net, stream, 8);
        double loss = c.events(TrainingEvent.EpochEnd.class).get(0).trainLoss();
        System.out.printf("crbp: wrong guesses in steps 8-399 %d before, %d after one pass; loss %.4f%n", before,
                after, loss);
        assertFalse(r.failed(), r.stopReason());
        assertEquals(0, after, "wrong next-symbol guesses after one pass");
        assertTrue(loss < 0.2, "mean loss of the pass " + loss);
    }

    /**
     * Too large a step makes the feedback filters unstable: the run fails naming the epoch and the
     * stream, and the weights go back to those before the failing update, all finite.
     */
    @Test
    void aDivergingRunFailsAndKeepsTheLastFiniteWeights() {
        ReferenceBackend backend = new ReferenceBackend();
        Network net = CrbpGradientTest.iirMlp(backend, Map.of("hidden", "4", "ma.order", "2", "ar.order", "2"), 3, 3,
                4);
        CrbpTrainer trainer = new CrbpTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(periodicStream(300)).loss("mse")
                .hyper(trainer.schema(), Map.of("epochs", "3", "optimizer", "sgd", "lr", "50")).seed(2).build();
        TrainingResult r = trainer.train(c);
        System.out.println("crbp at lr 50: " + r.stopReason());
        assertTrue(r.failed());
        assertTrue(r.stopReason().matches("non-finite (loss|gradient) .* in epoch 1, stream 1"), r.stopReason());
        for (Tensor t : net.parameters().values()) {
            for (double x : t.toDoubleArray()) {
                assertTrue(Double.isFinite(x), "a non-finite weight was kept");
            }
        }
        assertEquals(r.stopReason(), c.events(TrainingEvent.Stopped.class).get(0).reason());
    }
}
