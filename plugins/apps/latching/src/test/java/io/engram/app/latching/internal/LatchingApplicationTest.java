package io.engram.app.latching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.vavr.control.Try;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatchingApplicationTest {
    private final LatchingApplication app = new LatchingApplication();

    private Try<TaskData> load(Map<String, String> params, long seed) {
        return app.load(LatchingApplication.SCHEMA.validate(params, "data.").get(), seed);
    }

    /** The key carries the class, the rest is noise of the given variance, the target 0.8 c at the end only. */
    @Test
    void theClassIsGivenFirstAndAskedForLast() {
        Dataset train = load(Map.of("length", "50", "key", "3", "noise", "0.2", "train.size", "400"), 7).get().train();
        double sum = 0;
        double squares = 0;
        int count = 0;
        int positive = 0;
        for (int i = 0; i < train.size(); i++) {
            Sequence s = train.get(i);
            double c = s.inputs()[0][0];
            assertTrue(c == 1 || c == -1);
            positive += c > 0 ? 1 : 0;
            assertEquals(c, s.inputs()[2][0]);
            assertEquals(0.8 * c, s.targets()[49][0], 1e-15);
            assertTrue(s.targetMask()[49] && !s.targetMask()[48] && !s.targetMask()[0]);
            for (int t = 3; t < 50; t++) {
                sum += s.inputs()[t][0];
                squares += s.inputs()[t][0] * s.inputs()[t][0];
                count++;
            }
        }
        assertEquals(0.0, sum / count, 0.01);
        assertEquals(0.2, squares / count, 0.01);
        assertTrue(positive > 160 && positive < 240, "classes about equally likely: " + positive);
    }

    @Test
    void aKeyAsLongAsTheSequenceIsRefusedByName() {
        Try<TaskData> t = load(Map.of("length", "5", "key", "5"), 1);
        assertTrue(t.isFailure());
        assertTrue(t.getCause().getMessage().contains("data.key"), t.getCause().getMessage());
    }
}
