package io.engram.trainer.genetic.internal;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Ranks candidates by cost. Stateless. */
final class Ranking {
    private Ranking() {
    }

    /** The indices of {@code costs} from lowest cost to highest, the lower index first among equals. */
    static int[] ascending(double[] costs) {
        return IntStream.range(0, costs.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> costs[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }
}
