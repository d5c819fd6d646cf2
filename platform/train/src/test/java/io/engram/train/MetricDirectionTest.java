package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which target metrics training stops on from above (losses, errors, distortions) and which from below. */
class MetricDirectionTest {

    @Test
    void lossesErrorsAndDistortionsImproveDownwardsTheRestUpwards() {
        for (String m : List.of("loss", "validation.loss", "mae", "test.mse", "char.error.rate", "perplexity", "mcd",
                "baseline.mcd")) {
            assertTrue(GradientTraining.lowerIsBetter(m), m);
        }
        for (String m : List.of("accuracy", "recall@10", "compose.fit", "max.n", "fitness")) {
            assertFalse(GradientTraining.lowerIsBetter(m), m);
        }
    }
}
