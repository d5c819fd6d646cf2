package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LengthBatchesTest {

    /** Sequences of random lengths 1 to 20 whose only input is their index, labelled with their length. */
    private static Dataset data(int count) {
        SplittableRandom r = new SplittableRandom(4);
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 1 + r.nextInt(20);
            double[][] x = new double[length][1];
            for (double[] row : x) {
                row[0] = i;
            }
            out.add(Sequence.labelled(x, 1, new int[1 + r.nextInt(3)]));
        }
        return new Dataset(out, 1, 1);
    }

    /** The index of each sequence of each batch, in order. */
    private static List<List<Integer>> members(List<Batch> batches) {
        List<List<Integer>> out = new ArrayList<>();
        for (Batch b : batches) {
            List<Integer> ids = new ArrayList<>();
            for (int j = 0; j < b.batch(); j++) {
                ids.add((int) b.inputs()[j]);
            }
            out.add(ids);
        }
        return out;
    }

    @Test
    void batchesHoldSequencesOfSimilarLengthInAnOrderDrawnFromTheSeed() {
        Dataset data = data(200);
        List<Batch> a = LengthBatches.of(data, 16, 7L);
        assertEquals(members(a), members(LengthBatches.of(data, 16, 7L)), "same seed, same batches");
        assertNotEquals(members(a), members(LengthBatches.of(data, 16, 8L)));
        assertEquals(13, a.size());
        boolean[] seen = new boolean[200];
        int padded = 0;
        int previousLongest = -1;
        boolean ordered = true;
        for (Batch b : a) {
            int shortest = Integer.MAX_VALUE;
            for (int j = 0; j < b.batch(); j++) {
                int id = (int) b.inputs()[j];
                assertTrue(!seen[id], "sequence " + id + " twice");
                seen[id] = true;
                shortest = Math.min(shortest, b.length(j));
                padded += b.time() - b.length(j);
            }
            assertTrue(b.time() - shortest <= 2, "lengths " + shortest + " to " + b.time() + " in one batch");
            ordered &= b.time() >= previousLongest;
            previousLongest = b.time();
        }
        assertTrue(!ordered, "the batches are not left shortest first");
        int shuffledPadding = 0;
        for (Batch b : data.shuffled(7L).batches(16)) {
            for (int j = 0; j < b.batch(); j++) {
                shuffledPadding += b.time() - b.length(j);
            }
        }
        assertTrue(padded * 5 < shuffledPadding, padded + " padded steps against " + shuffledPadding);
        List<Batch> sorted = LengthBatches.sorted(data, 16);
        assertEquals(1, sorted.get(0).length(0));
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.get(i).time() >= sorted.get(i - 1).time(), "shortest first");
        }
    }

    @Test
    void trainingByLengthIsSeededAndDeterministic() {
        int[] lengths = new int[40];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 1 + (i * 7) % 13;
        }
        Dataset train = Fixtures.dataset(3, 2, 2, lengths);
        io.engram.backend.cpu.CpuBackend backend = new io.engram.backend.cpu.CpuBackend(1);
        double[] losses = new double[4];
        for (int run = 0; run < 4; run++) {
            TanhRnn net = new TanhRnn(backend.ops(), 2, 3, 2, io.engram.tensor.DType.F64, 1);
            FakeContext context = new FakeContext(net, backend, train, new Dataset(List.of(), 2, 2), "mse",
                    java.util.Map.of("epochs", "2", "batch.size", "8", "batch.by.length", run == 3 ? "false" : "true"),
                    run == 2 ? 6L : 5L);
            losses[run] = GradientTraining.run(context, SequenceGradients.bptt()).metrics().get("loss");
        }
        assertEquals(losses[0], losses[1], 0.0, "same seed, same run");
        assertNotEquals(losses[0], losses[2], "another seed, other batches");
        assertNotEquals(losses[0], losses[3], "batches by length differ from shuffled ones");
    }
}
