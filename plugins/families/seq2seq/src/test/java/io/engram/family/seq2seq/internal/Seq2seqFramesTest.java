package io.engram.family.seq2seq.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Decoder;
import io.engram.api.Hyperparameters;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Sequence;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.GradientChecker;
import io.engram.testkit.TestData;
import io.engram.train.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code model.output=frames}: real-valued frames, no token fed back, zero rows after the source
 * ignored, and gradients through it all (mse on frames) equal to central differences.
 */
class Seq2seqFramesTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops OPS = BACKEND.ops();
    private static final int SYMBOLS = 5;
    private static final int BINS = 3;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static Network network(String attention, int embedding) {
        NetworkFamily bound = new Seq2seqFamily().bind(Map.of("encoder", new LstmFamily(), "decoder",
                new LstmFamily()));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("context", 6);
        hyper.put("start", 0);
        hyper.put("end", 0);
        hyper.put("attention", attention);
        hyper.put("embedding", embedding);
        hyper.put("output", "frames");
        hyper.put("encoder.family", "lstm");
        hyper.put("encoder.hidden", 6);
        hyper.put("decoder.family", "lstm");
        hyper.put("decoder.hidden", 6);
        ModelSpec spec = new ModelSpec("seq2seq", SYMBOLS, BINS, DType.F64, Hyperparameters.of(hyper));
        assertEquals(List.of(), bound.validate(spec).asJava());
        return bound.create(spec, BACKEND, 7);
    }

    /** Decodes {@code steps} frames of the source {@code symbols}, followed by {@code padding} zero rows. */
    private static double[][] decode(Network net, int[] symbols, int padding, int steps, double fed) {
        Decoder d = net.capability(Decoder.class).orElseThrow();
        int time = symbols.length + padding;
        double[] x = new double[time * SYMBOLS];
        for (int t = 0; t < symbols.length; t++) {
            x[t * SYMBOLS + symbols[t]] = 1;
        }
        double[] mask = new double[time];
        java.util.Arrays.fill(mask, 1);
        List<StepContext> contexts = new ArrayList<>();
        for (int t = 0; t < time; t++) {
            contexts.add(StepContext.inference(t));
        }
        Map<String, Tensor> params = net.parameters();
        State state = d.encode(OPS, params, OPS.fromArray(DType.F64, Shape.of(time, SYMBOLS), x), mask, contexts);
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            Step step = d.decode(OPS, params, OPS.full(DType.F64, Shape.of(1, BINS), fed), state,
                    StepContext.inference(t));
            out[t] = step.output().toDoubleArray();
            state = step.state();
        }
        return out;
    }

    @Test
    void zeroRowsAfterTheSourceAndTheFedRowChangeNothing() {
        for (String attention : List.of("additive", "multiplicative", "none")) {
            Network net = network(attention, attention.equals("none") ? 4 : 0);
            int[] source = {1, 3, 0, 4};
            double[][] alone = decode(net, source, 0, 6, 0.0);
            double[][] padded = decode(net, source, 5, 6, 0.0);
            double[][] fed = decode(net, source, 5, 6, 0.7);
            for (int t = 0; t < alone.length; t++) {
                assertEquals(BINS, alone[t].length);
                assertArrayEquals(alone[t], padded[t], 1e-12, attention + ", step " + t);
                assertArrayEquals(alone[t], fed[t], 1e-12, attention + ", step " + t);
            }
            double[][] other = decode(net, new int[] {2, 2, 1}, 0, 6, 0.0);
            assertFalse(java.util.Arrays.equals(alone[5], other[5]), attention + ": the source is read");
        }
    }

    /**
     * Sources of 2 to 4 symbols followed by zero rows up to their frames, each with {@code frames}
     * random target frames, in one padded batch with garbage in its padding.
     */
    private static Batch framesBatch(long seed, int... frames) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>();
        for (int f : frames) {
            int symbols = 2 + r.nextInt(3);
            int time = Math.max(symbols, f);
            double[][] x = new double[time][SYMBOLS];
            double[][] y = new double[time][BINS];
            boolean[] mask = new boolean[time];
            for (int t = 0; t < time; t++) {
                if (t < symbols) {
                    x[t][r.nextInt(SYMBOLS)] = 1;
                }
                for (int o = 0; o < BINS && t < f; o++) {
                    y[t][o] = r.nextDouble() * 2 - 1;
                }
                mask[t] = t < f;
            }
            out.add(new Sequence(x, y, mask));
        }
        return TestData.garbageInPadding(new Dataset(out, SYMBOLS, BINS)
                .batches(frames.length).get(0), 11);
    }

    @Test
    void gradientsOnFramesMatchCentralDifferences() {
        Batch batch = framesBatch(4, 5, 3, 6);
        Loss mse = Losses.of(Losses.MSE);
        for (String attention : List.of("additive", "multiplicative", "none")) {
            Network net = network(attention, attention.equals("additive") ? 3 : 0);
            double error = GradientChecker.maxRelativeError(OPS, net, batch, mse);
            assertTrue(error < 1e-6, attention + ": max relative error " + error);
        }
    }

    @Test
    void framesKeepNoTargetEmbeddingAndFeedTheDecoderTheContextOnly() {
        Network net = network("additive", 3);
        assertTrue(net.parameters().containsKey(Seq2seqNetwork.SOURCE_EMBEDDING));
        assertFalse(net.parameters().containsKey(Seq2seqNetwork.TARGET_EMBEDDING));
        Seq2seqShape shape = Seq2seqShape.of(net.spec());
        assertTrue(shape.frames());
        assertEquals(6, shape.decoderInput(), "the context alone, no token row");
        assertFalse(Seq2seqShape.of(new ModelSpec("seq2seq", SYMBOLS, BINS, DType.F64, Hyperparameters.of(
                Map.of("context", 6, "start", 0, "end", 0)))).frames(), "a spec without the key writes tokens");
    }
}
