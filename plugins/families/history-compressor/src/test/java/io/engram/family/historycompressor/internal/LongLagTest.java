package io.engram.family.historycompressor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.State;
import io.engram.api.StepContext;
import io.engram.api.TrainingResult;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A long-lag prediction task in the style of Schmidhuber (1992): a sequence is a random key symbol
 * ({@code a} or {@code b}), a fixed stretch of {@value #GAP} distinct symbols, then the key again;
 * the target at each step is the next symbol. Everything is predictable except the first symbol and
 * the last, which depends on the first across the whole stretch. A history compressor of two
 * levels is set beside an Elman net (the family with one level) of about as many weights, both
 * trained by BPTT with the same budget.
 */
class LongLagTest {
    static final int GAP = 15;
    static final int SYMBOLS = GAP + 2;
    static final int STEPS = GAP + 2;

    /** Key {@code key} (0 or 1), the stretch 2, 3, ..., GAP + 1, the key again; targets x_{t+1}. */
    static Sequence sequence(int key) {
        int[] symbols = new int[STEPS];
        symbols[0] = key;
        for (int t = 1; t <= GAP; t++) {
            symbols[t] = t + 1;
        }
        symbols[STEPS - 1] = key;
        double[][] x = new double[STEPS][SYMBOLS];
        double[][] y = new double[STEPS][SYMBOLS];
        boolean[] due = new boolean[STEPS];
        for (int t = 0; t < STEPS; t++) {
            x[t][symbols[t]] = 1;
            if (t + 1 < STEPS) {
                y[t][symbols[t + 1]] = 1;
                due[t] = true;
            }
        }
        return new Sequence(x, y, due);
    }

    static Dataset data() {
        List<Sequence> s = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            s.add(sequence(i % 2));
        }
        return new Dataset(s, SYMBOLS, SYMBOLS);
    }

    static Network train(ReferenceBackend backend, Map<String, Object> hyper) {
        return train(backend, hyper, 150);
    }

    static Network train(ReferenceBackend backend, Map<String, Object> hyper, int epochs) {
        Network net = new HistoryCompressorFamily().create(new ModelSpec("history-compressor", SYMBOLS, SYMBOLS,
                DType.F64, Hyperparameters.of(hyper)), backend, 7);
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(data()).loss("softmax-ce")
                .hyper(TrainingSchema.common(), Map.of("epochs", String.valueOf(epochs), "batch.size", "8", "lr", "0.01"))
                .seed(1).build();
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        assertFalse(r.failed(), r.stopReason());
        return net;
    }

    /** The fraction of the two sequences whose last prediction (at step GAP) is the key. */
    static double keyAccuracy(Network net, Ops ops) {
        Dataset both = new Dataset(List.of(sequence(0), sequence(1)), SYMBOLS, SYMBOLS);
        List<double[][]> out = SequenceOutputs.of(net, ops, both);
        double right = 0;
        for (int key = 0; key < 2; key++) {
            double[] last = out.get(key)[GAP];
            right += Surprise.argmax(last, 1, SYMBOLS, SYMBOLS)[0] == key ? 1 : 0;
        }
        return right / 2;
    }

    /** The inputs each level received over one sequence, from the network's state after its last step. */
    static double[] received(Network net, Ops ops, Sequence s) {
        State state = net.initialState(ops, 1);
        for (int t = 0; t < s.length(); t++) {
            Tensor x = ops.fromArray(DType.F64, Shape.of(1, SYMBOLS), s.inputs()[t]);
            state = net.step(ops, net.parameters(), x, state, StepContext.inference(t)).state();
        }
        return state.get(state.size() - 1).toDoubleArray();
    }

    @Test
    void theTopLevelSeesFewInputsAndSolvesTheLagThatAnElmanNetOfTheSameSizeDoesNot() {
        ReferenceBackend backend = new ReferenceBackend();
        Ops ops = backend.ops();
        // two levels of 8: 2 * (17*8 + 8*8 + 8 + 8*17) + 17 = 705 weights
        Network stack = train(backend, Map.of("levels", 2, "hidden", 8));
        // one level of 14 (an Elman net): 17*14 + 14*14 + 14 + 14*17 + 17 = 703 weights
        Network flat = train(backend, Map.of("levels", 1, "hidden", 14));
        assertEquals(705, weights(stack));
        assertEquals(703, weights(flat));
        double stackAccuracy = keyAccuracy(stack, ops);
        double flatAccuracy = keyAccuracy(flat, ops);
        double[] counts = received(stack, ops, sequence(1));
        System.out.printf("key accuracy: stack %.2f, Elman %.2f; inputs received per level over %d steps: %s%n",
                stackAccuracy, flatAccuracy, STEPS, java.util.Arrays.toString(counts));
        assertEquals(STEPS, counts[0]);
        assertTrue(counts[1] <= 2, "the chunker received " + counts[1] + " of " + STEPS + " inputs");
        assertEquals(1.0, stackAccuracy);
        assertTrue(flatAccuracy <= 0.5, "Elman key accuracy " + flatAccuracy);
        backend.close();
    }

    /** The fraction of the two keys that the automatizer alone predicts at step GAP (its own argmax, kept in the state). */
    static double automatizerKeyAccuracy(Network net, Ops ops, int levels) {
        double right = 0;
        for (int key = 0; key < 2; key++) {
            Sequence s = sequence(key);
            State state = net.initialState(ops, 1);
            for (int t = 0; t <= GAP; t++) {
                Tensor x = ops.fromArray(DType.F64, Shape.of(1, SYMBOLS), s.inputs()[t]);
                state = net.step(ops, net.parameters(), x, state, StepContext.inference(t)).state();
            }
            right += state.get(levels).toDoubleArray()[0] == key ? 1 : 0;
        }
        return right / 2;
    }

    /**
     * The collapsing of the hierarchy: trained with the distillation term (history-compression), the
     * automatizer alone comes to predict the key that only the chunker could, so the key at the end no
     * longer reaches the chunker; trained by plain BPTT with the same budget it does not.
     */
    @Test
    void distillationCollapsesTheChunkersKnowledgeIntoTheAutomatizer() {
        ReferenceBackend backend = new ReferenceBackend();
        Ops ops = backend.ops();
        int epochs = 300;
        Network plain = train(backend, Map.of("levels", 2, "hidden", 8), epochs);
        Network distilled = new HistoryCompressorFamily().create(new ModelSpec("history-compressor", SYMBOLS, SYMBOLS,
                DType.F64, Hyperparameters.of(Map.of("levels", 2, "hidden", 8, "distill", true))), backend, 7);
        HistoryCompressionTrainer trainer = new HistoryCompressionTrainer();
        TestTrainingContext c = TestTrainingContext.builder(distilled, backend).train(data()).loss("softmax-ce")
                .hyper(trainer.schema(), Map.of("epochs", String.valueOf(epochs), "batch.size", "8", "lr", "0.01", "distill", "2"))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        double plainAutomatizer = automatizerKeyAccuracy(plain, ops, 2);
        double distilledAutomatizer = automatizerKeyAccuracy(distilled, ops, 2);
        double[] counts = received(distilled, ops, sequence(1));
        System.out.printf("automatizer's own key accuracy: plain BPTT %.2f, distilled %.2f; stack %.2f;"
                        + " inputs per level after distillation: %s%n", plainAutomatizer, distilledAutomatizer,
                keyAccuracy(distilled, ops), java.util.Arrays.toString(counts));
        assertEquals(1.0, distilledAutomatizer);
        assertTrue(plainAutomatizer <= 0.5, "plain automatizer " + plainAutomatizer);
        assertEquals(1.0, keyAccuracy(distilled, ops));
        assertEquals(1.0, counts[1], "only the first symbol reaches the chunker");
        backend.close();
    }

    private static int weights(Network net) {
        return net.parameters().values().stream().mapToInt(t -> t.shape().size()).sum();
    }
}
