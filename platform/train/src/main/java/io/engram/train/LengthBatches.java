package io.engram.train;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.AbstractList;
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
 * batches put in an order drawn from the seed. Same data and seed, same batches. The lists are
 * lazy: a batch is padded when it is read, so only the batch in use is held as padded arrays
 * (one-hot rows of a large vocabulary make padded batches large). Stateless and thread-safe; the
 * lists are immutable and may be read by one thread at a time.
 */
public final class LengthBatches {
    private static final long ORDER_SALT = 0x2545F4914F6CDD1DL;
    private static final Comparator<Sequence> BY_LENGTH = Comparator.comparingInt(Sequence::length)
            .thenComparingInt(Sequence::labelCount);

    private LengthBatches() {
    }

    /** The batches of one epoch drawn from {@code seed}. */
    public static List<Batch> of(Dataset data, int batchSize, long seed) {
        return padded(groups(data, batchSize, seed), batchSize);
    }

    /**
     * The sequences of the batches of {@link #of}, batch by batch and unpadded: batch {@code i} of
     * {@code of(data, batchSize, seed)} is {@code groups(data, batchSize, seed).get(i)} padded.
     */
    public static List<Dataset> groups(Dataset data, int batchSize, long seed) {
        List<Sequence> sorted = new ArrayList<>(data.shuffled(seed).sequences());
        sorted.sort(BY_LENGTH);
        int count = (sorted.size() + batchSize - 1) / batchSize;
        List<Integer> order = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        SplittableRandom r = new SplittableRandom(seed ^ ORDER_SALT);
        for (int i = count - 1; i > 0; i--) {
            Collections.swap(order, i, r.nextInt(i + 1));
        }
        return new Groups(data, sorted, batchSize, order);
    }

    /** The batches of the sequences sorted by length (equal lengths in their order), shortest first. */
    public static List<Batch> sorted(Dataset data, int batchSize) {
        List<Sequence> sorted = new ArrayList<>(data.sequences());
        sorted.sort(BY_LENGTH);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i * batchSize < sorted.size(); i++) {
            order.add(i);
        }
        return padded(new Groups(data, sorted, batchSize, order), batchSize);
    }

    /** Each group padded as one batch when it is read. */
    private static List<Batch> padded(List<Dataset> groups, int batchSize) {
        return new AbstractList<>() {
            @Override
            public Batch get(int i) {
                return groups.get(i).batches(batchSize).get(0);
            }

            @Override
            public int size() {
                return groups.size();
            }
        };
    }

    /** Group {@code i} is the {@code order.get(i)}-th run of {@code batchSize} sorted sequences. */
    private static final class Groups extends AbstractList<Dataset> {
        private final Dataset data;
        private final List<Sequence> sorted;
        private final int batchSize;
        private final List<Integer> order;

        Groups(Dataset data, List<Sequence> sorted, int batchSize, List<Integer> order) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive: " + batchSize);
            }
            this.data = data;
            this.sorted = List.copyOf(sorted);
            this.batchSize = batchSize;
            this.order = List.copyOf(order);
        }

        @Override
        public Dataset get(int i) {
            int from = order.get(i) * batchSize;
            return new Dataset(sorted.subList(from, Math.min(sorted.size(), from + batchSize)), data.inputSize(),
                    data.outputSize());
        }

        @Override
        public int size() {
            return order.size();
        }
    }
}
