package io.engram.family.seq2seq.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Decoder;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.Sequence;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.family.gru.internal.GruFamily;
import io.engram.layers.Decoding;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.testkit.GradientChecker;
import io.engram.testkit.TestData;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.GradientTraining;
import io.engram.train.LossAndGradients;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class Seq2seqNetworkTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();
    private static final Loss CE = Losses.of(Losses.SOFTMAX_CE);
    /** Token 0 ends (and starts) a sequence; 1 .. 4 are symbols. */
    private static final int VOCABULARY = 5;
    private static final int SYMBOLS = 3;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    /** An encoder-decoder of the given inner families, one-hot tokens in and out. */
    static Network network(String encoder, String decoder, int hidden, DType dtype, long seed) {
        Map<String, NetworkFamily> families = Map.of("elman", new ElmanFamily(), "gru", new GruFamily());
        NetworkFamily bound = new Seq2seqFamily().bind(Map.of("encoder", families.get(encoder), "decoder",
                families.get(decoder)));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("context", hidden);
        hyper.put("start", 0);
        hyper.put("end", 0);
        hyper.put("encoder.family", encoder);
        hyper.put("encoder.hidden", hidden);
        hyper.put("decoder.family", decoder);
        hyper.put("decoder.hidden", hidden);
        return bound.create(new ModelSpec("seq2seq", VOCABULARY, VOCABULARY, dtype, Hyperparameters.of(hyper)),
                BACKEND, seed);
    }

    /** Source: {@value #SYMBOLS} random symbols then the end token; target: the symbols reversed, then the end token. */
    static Dataset reversal(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] tokens = new int[SYMBOLS + 1];
            for (int t = 0; t < SYMBOLS; t++) {
                tokens[t] = 1 + r.nextInt(VOCABULARY - 1);
            }
            double[][] x = new double[SYMBOLS + 1][VOCABULARY];
            double[][] y = new double[SYMBOLS + 1][VOCABULARY];
            for (int t = 0; t <= SYMBOLS; t++) {
                x[t][tokens[t]] = 1;
                y[t][t < SYMBOLS ? tokens[SYMBOLS - 1 - t] : 0] = 1;
            }
            out.add(Sequence.perStep(x, y));
        }
        return new Dataset(out, VOCABULARY, VOCABULARY);
    }

    private static int[] expected(Sequence s) {
        int[] out = new int[s.length()];
        for (int t = 0; t < s.length(); t++) {
            for (int v = 0; v < VOCABULARY; v++) {
                out[t] = s.target(t, v) == 1 ? v : out[t];
            }
        }
        return out;
    }

    @Test
    void greedyDecodingLearnsToReverseATinySeededTask() {
        Network net = network("gru", "gru", 24, DType.F32, 11);
        Dataset train = reversal(1, 256);
        Dataset test = reversal(2, 64);
        TrainingResult result = GradientTraining.run(TestTrainingContext.builder(net, BACKEND).train(train)
                .loss(Losses.SOFTMAX_CE).seed(3)
                .hyper(TrainingSchema.bptt(), Map.of("epochs", "60", "batch.size", "16", "lr", "0.02", "clip", "5"))
                .build(), SequenceGradients.bptt());
        assertFalse(result.failed(), result.stopReason());
        int right = 0;
        for (Sequence s : test.sequences()) {
            int[] tokens = Decoding.greedy(net, OPS, s.inputs(), 2 * SYMBOLS, true).tokens();
            right += java.util.Arrays.equals(tokens, expected(s)) ? 1 : 0;
        }
        assertTrue(right >= 58, right + " of 64 test sequences reversed exactly");
    }

    @Test
    void beamOfWidthOneIsGreedy() {
        for (long seed = 1; seed <= 4; seed++) {
            Network net = network("elman", "gru", 6, DType.F64, seed);
            for (Sequence s : reversal(seed, 5).sequences()) {
                Decoding.Hypothesis greedy = Decoding.greedy(net, OPS, s.inputs(), 6, true);
                List<Decoding.Hypothesis> beam = Decoding.beam(net, OPS, s.inputs(), 1, 6);
                assertEquals(1, beam.size());
                assertArrayEquals(greedy.tokens(), beam.get(0).tokens());
                assertEquals(greedy.logProbability(), beam.get(0).logProbability(), 0.0);
                for (int t = 0; t < greedy.tokens().length; t++) {
                    assertArrayEquals(greedy.scores()[t], beam.get(0).scores()[t], 0.0);
                }
            }
        }
    }

    @Test
    void wideBeamsAreRankedAndTheirScoresAddUp() {
        Network net = network("gru", "elman", 6, DType.F64, 5);
        Sequence s = reversal(9, 1).get(0);
        List<Decoding.Hypothesis> beam = Decoding.beam(net, OPS, s.inputs(), 4, 5);
        assertEquals(4, beam.size());
        for (int i = 0; i < beam.size(); i++) {
            Decoding.Hypothesis h = beam.get(i);
            double sum = 0;
            for (int t = 0; t < h.tokens().length; t++) {
                double[] z = h.scores()[t];
                double max = java.util.Arrays.stream(z).max().orElseThrow();
                double log = max + Math.log(java.util.Arrays.stream(z).map(v -> Math.exp(v - max)).sum());
                sum += z[h.tokens()[t]] - log;
            }
            assertEquals(sum, h.logProbability(), 1e-12);
            if (i > 0) {
                assertTrue(beam.get(i - 1).logProbability() >= h.logProbability());
                assertFalse(java.util.Arrays.equals(beam.get(i - 1).tokens(), h.tokens()));
            }
        }
        Decoding.Hypothesis greedy = Decoding.greedy(net, OPS, s.inputs(), 5, true);
        assertTrue(beam.get(0).logProbability() >= greedy.logProbability() - 1e-12);
    }

    @Test
    void paddingChangesNeitherLossNorGradients() {
        Network net = network("gru", "elman", 5, DType.F64, 2);
        Batch clean = TestData.oneBatch(TestData.random(4, VOCABULARY, VOCABULARY, 5, 2, 3));
        Batch dirty = TestData.garbageInPadding(clean, 7);
        LossAndGradients a = SequenceGradients.bptt().compute(OPS, net, net.parameters(), clean, CE, 1L);
        LossAndGradients b = SequenceGradients.bptt().compute(OPS, net, net.parameters(), dirty, CE, 1L);
        assertEquals(a.loss(), b.loss(), 1e-12);
        a.gradients().forEach((k, g) -> assertArrayEquals(g.toDoubleArray(), b.gradients().get(k).toDoubleArray(),
                1e-12, k));
        Decoder decoder = net.capability(Decoder.class).orElseThrow();
        assertEquals(0, decoder.startToken());
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Network net = network("elman", "gru", 3, DType.F64, 6);
        Batch batch = TestData.oneBatch(TestData.random(8, VOCABULARY, VOCABULARY, 3, 2));
        double error = GradientChecker.maxRelativeError(OPS, net, batch, CE);
        assertTrue(error < 1e-6, "max relative error " + error);
    }

    @Test
    void tokensMustBeOutputsAndInnerProblemsNameTheirSlot() {
        NetworkFamily bound = new Seq2seqFamily().bind(Map.of("encoder", new ElmanFamily(), "decoder",
                new GruFamily()));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("context", 4);
        hyper.put("start", 7);
        hyper.put("end", 0);
        hyper.put("encoder.family", "elman");
        hyper.put("encoder.layers", 1);
        hyper.put("encoder.dropout", 0.3);
        hyper.put("decoder.family", "gru");
        List<Problem> problems = bound.validate(new ModelSpec("seq2seq", 3, 5, DType.F32,
                Hyperparameters.of(hyper))).asJava();
        assertEquals(List.of("model.start", "model.encoder.dropout"), problems.stream().map(Problem::where).toList());
        assertTrue(problems.get(0).message().contains("not among the 5 outputs"), problems.get(0).message());
        assertThrows(IllegalArgumentException.class, () -> new Seq2seqFamily().bind(Map.of("encoder", new GruFamily())));
        NetworkFamily stepless = new Seq2seqFamily().bind(Map.of("encoder", new GruFamily(), "decoder", bound));
        hyper.put("start", 0);
        hyper.put("decoder.family", "seq2seq");
        hyper.put("decoder.context", 4);
        hyper.put("decoder.start", 0);
        hyper.put("decoder.end", 0);
        hyper.put("decoder.encoder.family", "elman");
        hyper.put("decoder.decoder.family", "gru");
        List<Problem> nested = stepless.validate(new ModelSpec("seq2seq", 3, 5, DType.F32, Hyperparameters.of(hyper)))
                .asJava();
        assertEquals(List.of("model.decoder.family: the decoder steps one token at a time, but family 'seq2seq' is "
                + "decoder", "model.encoder.dropout: dropout acts between stacked layers only; with layers=1 it would "
                + "have no effect"), nested.stream().map(Problem::toString).toList());
    }
}
