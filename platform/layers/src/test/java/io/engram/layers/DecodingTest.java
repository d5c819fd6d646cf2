package io.engram.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Decoder;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Greedy and beam search on hand-built decoders whose best sequences are known. */
class DecodingTest {
    private static final Ops OPS = new CpuBackend(1).ops();
    private static final int END = 0;
    private static final int A = 1;
    private static final int B = 2;
    private static final int START = 3;
    /** A log probability so low that its probability is 0 in f64. */
    private static final double NEVER = -1e4;

    /**
     * A decoder whose next token depends only on the previous one: the scores are the previous
     * token's row of a table of log probabilities {@code [4, 4]} (a Markov chain), whatever the source.
     */
    static final class MarkovDecoder implements Network, Decoder {
        private final Map<String, Tensor> params;

        MarkovDecoder(double[][] table) {
            double[] flat = new double[16];
            for (int i = 0; i < 4; i++) {
                System.arraycopy(table[i], 0, flat, 4 * i, 4);
            }
            params = Map.of("table", OPS.fromArray(DType.F64, Shape.of(4, 4), flat));
        }

        @Override
        public int startToken() {
            return START;
        }

        @Override
        public int endToken() {
            return END;
        }

        @Override
        public State encode(Ops ops, Map<String, Tensor> p, Tensor xs, double[] stepMask, List<StepContext> contexts) {
            return State.of(ops.zeros(DType.F64, Shape.of(xs.dim(0) / contexts.size(), 1)));
        }

        @Override
        public Step decode(Ops ops, Map<String, Tensor> p, Tensor previous, State state, StepContext context) {
            return new Step(ops.matmul(previous, p.get("table")), state);
        }

        @Override
        public ModelSpec spec() {
            return new ModelSpec("markov", 1, 4, DType.F64, Hyperparameters.empty());
        }

        @Override
        public Map<String, Tensor> parameters() {
            return params;
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return State.of();
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> p, Tensor x, State state, StepContext context) {
            throw new UnsupportedOperationException("decoder only");
        }
    }

    private static final double[][] SOURCE = {{0.0}};

    private static double log(double p) {
        return p == 0 ? NEVER : Math.log(p);
    }

    private static double[] row(double end, double a, double b) {
        return new double[] {log(end), log(a), log(b), NEVER};
    }

    @Test
    void beamSearchFindsASequenceMoreProbableThanGreedy() {
        MarkovDecoder net = new MarkovDecoder(new double[][] {row(1, 0, 0), row(1.0 / 3, 1.0 / 3, 1.0 / 3),
                row(1, 0, 0), row(0, 0.6, 0.4)});
        Decoding.Hypothesis greedy = Decoding.greedy(net, OPS, SOURCE, 5, true);
        assertArrayEquals(new int[] {A, END}, greedy.tokens());
        assertEquals(Math.log(0.6 / 3), greedy.logProbability(), 1e-12);
        List<Decoding.Hypothesis> beam = Decoding.beam(net, OPS, SOURCE, 2, 5);
        assertArrayEquals(new int[] {B, END}, beam.get(0).tokens());
        assertEquals(Math.log(0.4), beam.get(0).logProbability(), 1e-12);
        assertArrayEquals(new int[] {A, END}, beam.get(1).tokens());
        Decoding.Hypothesis narrow = Decoding.beam(net, OPS, SOURCE, 1, 5).get(0);
        assertArrayEquals(greedy.tokens(), narrow.tokens());
        assertEquals(greedy.logProbability(), narrow.logProbability(), 0.0);
        assertEquals(0, greedy.attention().length, "no attention rows without Attention");
    }

    @Test
    void lengthNormalisationRanksALongerHypothesisFirst() {
        MarkovDecoder net = new MarkovDecoder(new double[][] {row(1, 0, 0), row(0, 0, 1), row(1, 0, 0),
                row(0.55, 0.45, 0)});
        List<Decoding.Hypothesis> plain = Decoding.beam(net, OPS, SOURCE, 2, 5);
        assertArrayEquals(new int[] {END}, plain.get(0).tokens());
        assertArrayEquals(new int[] {A, B, END}, plain.get(1).tokens());
        List<Decoding.Hypothesis> normalised = Decoding.beam(net, OPS, SOURCE, 2, 5, new LengthPenalty(1.5));
        assertArrayEquals(new int[] {A, B, END}, normalised.get(0).tokens());
        assertArrayEquals(new int[] {END}, normalised.get(1).tokens());
        assertEquals(Math.log(0.45), normalised.get(0).logProbability(), 1e-12, "ranked, not rescored");
        double longer = new LengthPenalty(1.5).score(Math.log(0.45), 3);
        assertEquals(Math.log(0.45) / Math.pow(8.0 / 6.0, 1.5), longer, 1e-15);
        assertTrue(longer > new LengthPenalty(1.5).score(Math.log(0.55), 1));
        assertEquals(1.0, LengthPenalty.NONE.of(40), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new LengthPenalty(-0.1));
    }

    @Test
    void theBestKOfARowAreFoundLowerIndexFirstAmongEquals() {
        assertArrayEquals(new int[] {3, 1, 4}, TokenScores.top(new double[] {0, 2, 1, 5, 2, -1}, 3));
        assertArrayEquals(new int[] {0, 1}, TokenScores.top(new double[] {1, 1, 1}, 2));
        assertArrayEquals(new int[] {1, 0}, TokenScores.top(new double[] {0, 3}, 5));
    }

    @Test
    void batchedGreedyDecodesEachSourceAsAlone() {
        MarkovDecoder net = new MarkovDecoder(new double[][] {row(1, 0, 0), row(0.2, 0.5, 0.3), row(0.1, 0.2, 0.7),
                row(0, 0.4, 0.6)});
        List<Decoding.Hypothesis> batch = Decoding.greedy(net, OPS, List.of(SOURCE, new double[][] {{1.0}, {2.0}}), 4);
        assertEquals(2, batch.size());
        for (Decoding.Hypothesis h : batch) {
            Decoding.Hypothesis alone = Decoding.greedy(net, OPS, SOURCE, 4, true);
            assertArrayEquals(alone.tokens(), h.tokens());
            assertEquals(alone.logProbability(), h.logProbability(), 1e-12);
        }
        assertArrayEquals(new int[] {B, B, B, B}, batch.get(0).tokens());
    }
}
