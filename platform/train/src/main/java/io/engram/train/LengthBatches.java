package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batches of sequences of similar length, so that little of a batch is padding (bucketing, as
 * sequence-to-sequence trainers do: Sutskever, Vinyals and Le 2014, sec. 3.4). For an epoch's seed
 * the sequences are shuffled, then sorted by length (the source's, then the labels'; the shuffle
 * orders sequences of equal lengths), cut into consecutive batches of {@code batchSize}, and the
 * batches put in an order drawn from the seed. Same data and seed, same batches. Stateless and
 * thread-safe.
 */
public final class LengthBatches {
    private static final long ORDER_SALT = 0x2545F4914F6CDD1DL;
    private static final Comparator<Sequence> BY_LENGTH = Comparator.comparingInt(Sequence::length)
            .thenComparingInt(Sequence::labelCount);

    private LengthBatches() {
    }

    /** The batches of one epoch drawn from {@code seed}. */
    public static List<Batch> of(Dataset data, int batchSize, long seed) {
        List<Sequence> sorted = new ArrayList<>(data.shuffled(seed).sequences());
        sorted.sort(BY_LENGTH);
        List<Batch> batches = new ArrayList<>(new Dataset(sorted, data.inputSize(), data.outputSize())
                .batches(batchSize));
        SplittableRandom r = new SplittableRandom(seed ^ ORDER_SALT);
        for (int i = batches.size() - 1; i > 0; i--) {
            Collections.swap(batches, i, r.nextInt(i + 1));
        }
        return batches;
    }

    /** The batches of the sequences sorted by length (equal lengths in their order), shortest first. */
    public static List<Batch> sorted(Dataset data, int batchSize) {
        List<Sequence> sorted = new ArrayList<>(data.sequences());
        sorted.sort(BY_LENGTH);
        return new Dataset(sorted, data.inputSize(), data.outputSize()).batches(batchSize);
    }
}
