package io.engram.loss.ctc.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An LSTM trained with CTC learns to transcribe a stream of held symbols into the symbols alone. */
class CtcTrainingTest {
    private final CpuBackend backend = new CpuBackend(1);

    /**
     * Two to four symbols from {a, b}, each held for one to three steps with a silent step (input 0)
     * after it; the transcript is the symbols in order (a = 1, b = 2), repeats included.
     */
    static Dataset streams(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int symbols = 2 + r.nextInt(3);
            List<double[]> steps = new ArrayList<>();
            int[] labels = new int[symbols];
            for (int k = 0; k < symbols; k++) {
                labels[k] = 1 + r.nextInt(2);
                for (int hold = 1 + r.nextInt(3); hold > 0; hold--) {
                    double[] x = new double[3];
                    x[labels[k]] = 1;
                    steps.add(x);
                }
                steps.add(new double[] {1, 0, 0});
            }
            out.add(Sequence.labelled(steps.toArray(new double[0][]), 3, labels));
        }
        return new Dataset(out, 3, 3);
    }

    /** Best-path decoding: the most likely class at each real step, collapsed (sec. 4.2). */
    static int[] greedy(List<Tensor> outputs, Batch b, int j) {
        int steps = b.length(j);
        int[] path = new int[steps];
        for (int t = 0; t < steps; t++) {
            double[] row = outputs.get(t).toDoubleArray();
            int best = 0;
            for (int k = 1; k < 3; k++) {
                best = row[j * 3 + k] > row[j * 3 + best] ? k : best;
            }
            path[t] = best;
        }
        return CtcLossTest.collapse(path);
    }

    private static double exactMatches(Network net, CpuBackend backend, Dataset data) {
        int right = 0;
        for (Batch b : data.batches(16)) {
            List<Tensor> outputs = SequenceGradients.outputs(backend.ops(), net, net.parameters(), b, false, 0L);
            for (int j = 0; j < b.batch(); j++) {
                right += Arrays.equals(greedy(outputs, b, j), b.labels().of(j)) ? 1 : 0;
            }
        }
        return right / (double) data.size();
    }

    @Test
    void lstmLearnsToTranscribeHeldSymbols() {
        LstmFamily family = new LstmFamily();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "12"), "model.").get();
        Network net = family.create(new ModelSpec("lstm", 3, 3, DType.F64, h), backend, 5);
        Dataset test = streams(3, 40);
        double before = exactMatches(net, backend, test);
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(streams(1, 96))
                .validation(streams(2, 24)).loss(new CtcLoss())
                .hyper(TrainingSchema.bptt(), Map.of("epochs", "25", "batch.size", "8", "lr", "0.03")).seed(9)
                .build();
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        List<TrainingEvent.EpochEnd> epochs = c.events(TrainingEvent.EpochEnd.class);
        double first = epochs.get(0).validationLoss();
        double last = epochs.get(epochs.size() - 1).validationLoss();
        double after = exactMatches(net, backend, test);
        System.out.printf("ctc transcription: validation loss %.4f -> %.4f, exact transcripts %.2f -> %.2f%n",
                first, last, before, after);
        assertFalse(r.failed(), r.stopReason());
        assertTrue(last < first / 5, first + " -> " + last);
        assertTrue(after >= 0.9, "exact transcripts after training: " + after);
    }
}
