package io.engram.family.seq2seq.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.layers.Decoding;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.GradientTraining;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Attention against a fixed summary, trained the same way on targets of their own length. */
class Seq2seqAttentionTrainingTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    /** Strings of 5 to 15 symbols, each to be reversed. */
    static Dataset strings(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = 5 + r.nextInt(11);
        }
        return Seq2seqAttentionTest.reversal(seed, lengths);
    }

    /** Greedy decodings of {@code test} (in one batch) that equal their labels exactly, in percent. */
    static double exact(Network net, Dataset test) {
        List<Decoding.Hypothesis> decoded = Decoding.greedy(net, OPS, test.sequences().stream().map(Sequence::inputs)
                .toList(), 20);
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += Arrays.equals(decoded.get(i).tokens(), test.get(i).labels()) ? 1 : 0;
        }
        return 100.0 * right / test.size();
    }

    private static double trained(String attention, Dataset train, Dataset test) {
        Network net = Seq2seqAttentionTest.network("gru", "gru", 16, DType.F32, 4, Map.of("attention", attention));
        TrainingResult result = GradientTraining.run(TestTrainingContext.builder(net, BACKEND).train(train)
                .loss(Losses.SOFTMAX_CE).seed(3)
                .hyper(TrainingSchema.bptt(), Map.of("epochs", "12", "batch.size", "16", "lr", "0.01", "clip", "5"))
                .build(), SequenceGradients.bptt());
        assertFalse(result.failed(), result.stopReason());
        return exact(net, test);
    }

    /** Seeded: 12%, 53% and 68% of the test strings reversed exactly (none, additive, multiplicative). */
    @Test
    void attentionReversesLongerStringsThanAFixedSummaryAtTheSameSize() {
        Dataset train = strings(1, 768);
        Dataset test = strings(2, 100);
        double none = trained("none", train, test);
        double additive = trained("additive", train, test);
        double multiplicative = trained("multiplicative", train, test);
        assertTrue(additive > none + 30, additive + "% vs " + none + "%");
        assertTrue(multiplicative > none + 30, multiplicative + "% vs " + none + "%");
    }
}
