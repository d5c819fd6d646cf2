package io.engram.family.seq2seq.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Attention;
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
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.autodiff.Gradients;
import io.engram.autodiff.Tape;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.bidirectional.internal.BidirectionalFamily;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.family.gru.internal.GruFamily;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.layers.Decoding;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.GradientChecker;
import io.engram.testkit.TestData;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Attention, embeddings and training on target sentences of their own length. */
class Seq2seqAttentionTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();
    private static final Loss CE = Losses.of(Losses.SOFTMAX_CE);
    /** Token 0 starts and ends a target; 1 .. 5 are symbols. */
    static final int V = 6;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    /** An encoder-decoder of the named inner families with the given own settings. */
    static Network network(String encoder, String decoder, int hidden, DType dtype, long seed, Map<String, Object> own) {
        Map<String, NetworkFamily> families = Map.of("elman", new ElmanFamily(), "gru", new GruFamily(),
                "lstm", new LstmFamily(), "bidirectional", new BidirectionalFamily().bind(Map.of("inner",
                        new GruFamily())));
        NetworkFamily bound = new Seq2seqFamily().bind(Map.of("encoder", families.get(encoder), "decoder",
                families.get(decoder)));
        Map<String, Object> hyper = new LinkedHashMap<>(own);
        hyper.put("context", hidden);
        hyper.put("start", 0);
        hyper.put("end", 0);
        hyper.put("encoder.family", encoder);
        hyper.put("encoder.hidden", hidden);
        hyper.put("decoder.family", decoder);
        hyper.put("decoder.hidden", hidden);
        if (encoder.equals("bidirectional")) {
            hyper.put("encoder.features", hidden);
            hyper.put("encoder.init.scale", 1.0);
            hyper.put("encoder.inner.family", "gru");
            hyper.put("encoder.inner.hidden", hidden);
        }
        ModelSpec spec = new ModelSpec("seq2seq", V, V, dtype, Hyperparameters.of(hyper));
        assertEquals(List.of(), bound.validate(spec).asJava());
        return bound.create(spec, BACKEND, seed);
    }

    /**
     * Sources of random symbols of the given lengths as one-hot rows; each target is the source
     * reversed and then the end token, as labels of their own length.
     */
    static Dataset reversal(long seed, int... lengths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>();
        for (int length : lengths) {
            double[][] x = new double[length][V];
            int[] labels = new int[length + 1];
            for (int t = 0; t < length; t++) {
                int token = 1 + r.nextInt(V - 1);
                x[t][token] = 1;
                labels[length - 1 - t] = token;
            }
            out.add(Sequence.labelled(x, V, labels));
        }
        return new Dataset(out, V, V);
    }

    private static final List<Map<String, Object>> SETTINGS = List.of(
            Map.of("attention", "additive", "attention.size", 4),
            Map.of("attention", "multiplicative", "attention.feeding", true),
            Map.of("attention", "multiplicative", "embedding", 3),
            Map.of("attention", "additive", "embedding", 2),
            Map.of("attention", "none", "embedding", 3));

    @Test
    void gradientsOnLabelsMatchCentralDifferences() {
        Batch batch = TestData.garbageInPadding(reversal(3, 2, 4, 1).batches(3).get(0), 5);
        assertEquals(5, batch.labels().width());
        for (int i = 0; i < SETTINGS.size(); i++) {
            Network net = network(i % 2 == 0 ? "elman" : "bidirectional", i == 2 ? "lstm" : "gru", 3, DType.F64,
                    i + 1, SETTINGS.get(i));
            double error = GradientChecker.maxRelativeError(OPS, net, batch, CE);
            assertTrue(error < 1e-6, SETTINGS.get(i) + ": max relative error " + error);
        }
    }

    @Test
    void aSequencesLossIsUnchangedByThePaddingOfALongerOneInItsBatch() {
        Dataset both = reversal(8, 2, 6);
        Batch together = TestData.garbageInPadding(both.batches(2).get(0), 9);
        for (Map<String, Object> own : SETTINGS) {
            for (String encoder : List.of("gru", "bidirectional")) {
                Network net = network(encoder, "gru", 4, DType.F64, 7, own);
                double joint = SequenceGradients.lossSum(OPS, net, net.parameters(), together, CE, true, 1L);
                double apart = SequenceGradients.lossSum(OPS, net, net.parameters(), both.subset(0, 1).batches(1).get(0),
                        CE, true, 1L) + SequenceGradients.lossSum(OPS, net, net.parameters(),
                        both.subset(1, 2).batches(1).get(0), CE, true, 1L);
                assertEquals(apart, joint, 1e-12, encoder + " " + own);
            }
        }
    }

    @Test
    void weightsSumToOneOverTheRealStepsAndAreZeroOnThePadding() {
        for (String kind : List.of("additive", "multiplicative")) {
            Network net = network("gru", "elman", 4, DType.F64, 2, Map.of("attention", kind));
            Batch batch = reversal(4, 2, 5).batches(2).get(0);
            Decoder decoder = net.capability(Decoder.class).orElseThrow();
            Attention attention = net.capability(Attention.class).orElseThrow();
            List<StepContext> contexts = new ArrayList<>();
            for (int t = 0; t < batch.time(); t++) {
                contexts.add(StepContext.inference(t));
            }
            State state = decoder.encode(OPS, net.parameters(), OPS.fromArray(DType.F64, Shape.of(batch.time() * 2, V),
                    batch.inputs()), batch.stepMask(), contexts);
            Tensor start = OPS.fromArray(DType.F64, Shape.of(2, V), new double[] {1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0});
            for (int t = 0; t < 3; t++) {
                Step step = decoder.decode(OPS, net.parameters(), start, state, StepContext.inference(t));
                double[] a = attention.weights(step.state()).toDoubleArray();
                assertEquals(10, a.length);
                assertEquals(1.0, a[0] + a[1], 1e-12, kind);
                assertArrayEquals(new double[3], new double[] {a[2], a[3], a[4]}, 0.0, kind + ": padding");
                assertEquals(1.0, a[5] + a[6] + a[7] + a[8] + a[9], 1e-12, kind);
                assertTrue(a[5] > 0 && a[9] > 0, kind);
                state = step.state();
            }
        }
        assertTrue(network("gru", "gru", 3, DType.F64, 1, Map.of()).capability(Attention.class).isEmpty());
    }

    @Test
    void batchedGreedyBeamAndGreedyAgreeAndCarryTheAttentionRows() {
        Dataset data = reversal(11, 3, 7, 1, 5);
        List<double[][]> sources = data.sequences().stream().map(Sequence::inputs).toList();
        for (Map<String, Object> own : SETTINGS) {
            Network net = network("bidirectional", "gru", 5, DType.F64, 3, own);
            List<Decoding.Hypothesis> batched = Decoding.greedy(net, OPS, sources, 9);
            for (int i = 0; i < sources.size(); i++) {
                Decoding.Hypothesis alone = Decoding.greedy(net, OPS, sources.get(i), 9, true);
                Decoding.Hypothesis beam = Decoding.beam(net, OPS, sources.get(i), 1, 9).get(0);
                assertArrayEquals(alone.tokens(), batched.get(i).tokens(), own + " source " + i);
                assertArrayEquals(alone.tokens(), beam.tokens(), own + " source " + i);
                assertEquals(alone.logProbability(), batched.get(i).logProbability(), 1e-10);
                assertEquals(alone.logProbability(), beam.logProbability(), 0.0);
                boolean attends = !own.get("attention").equals("none");
                assertEquals(attends ? alone.tokens().length : 0, alone.attention().length);
                for (int t = 0; t < alone.attention().length; t++) {
                    assertEquals(sources.get(i).length, alone.attention()[t].length);
                    assertEquals(1.0, java.util.Arrays.stream(alone.attention()[t]).sum(), 1e-12);
                    assertArrayEquals(alone.attention()[t], batched.get(i).attention()[t], 1e-10);
                    assertArrayEquals(alone.attention()[t], beam.attention()[t], 0.0);
                }
            }
        }
    }

    @Test
    void anEmbeddingLookupIsTheOneHotProductAndSoIsItsGradient() {
        SplittableRandom r = new SplittableRandom(3);
        double[] table = new double[7 * 3];
        for (int i = 0; i < table.length; i++) {
            table[i] = r.nextDouble(-1, 1);
        }
        double[] oneHot = new double[5 * 7];
        int[] tokens = {6, 0, 3, 3, 1};
        for (int i = 0; i < tokens.length; i++) {
            oneHot[i * 7 + tokens[i]] = 1;
        }
        double[] weights = new double[5 * 3];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = r.nextDouble(-1, 1);
        }
        Tensor x = OPS.fromArray(DType.F64, Shape.of(5, 7), oneHot);
        Tensor w = OPS.fromArray(DType.F64, Shape.of(5, 3), weights);
        assertArrayEquals(tokens, Embedding.tokens(x));
        double[][] results = new double[2][];
        double[][] grads = new double[2][];
        for (int k = 0; k < 2; k++) {
            Tape tape = new Tape(OPS);
            Tensor e = tape.leaf(OPS.fromArray(DType.F64, Shape.of(7, 3), table));
            Tensor looked = k == 0 ? Embedding.lookup(tape, e, x) : tape.matmul(x, e);
            Tensor loss = tape.sumAll(tape.mul(tape.tanh(looked), w));
            Gradients g = tape.backward(loss);
            results[k] = Tape.value(looked).toDoubleArray();
            grads[k] = g.of(e).toDoubleArray();
        }
        assertArrayEquals(results[1], results[0], 1e-15);
        assertArrayEquals(grads[1], grads[0], 1e-15);
    }

    @Test
    void inputFeedingWithoutMultiplicativeAttentionIsNamed() {
        NetworkFamily bound = new Seq2seqFamily().bind(Map.of("encoder", new GruFamily(), "decoder", new GruFamily()));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("context", 4);
        hyper.put("start", 0);
        hyper.put("end", 0);
        hyper.put("attention", "additive");
        hyper.put("attention.feeding", true);
        hyper.put("encoder.family", "gru");
        hyper.put("decoder.family", "gru");
        List<Problem> problems = bound.validate(new ModelSpec("seq2seq", V, V, DType.F32, Hyperparameters.of(hyper)))
                .asJava();
        assertEquals(List.of("model.attention.feeding: input feeding feeds the attentional vector of multiplicative "
                + "attention; with attention=additive it would have no effect"), problems.stream().map(Problem::toString)
                .toList());
    }
}
