package io.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.api.Hyperparameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static LearningRateSchedule of(Map<String, String> raw, int epochs) {
        Hyperparameters h = TrainingSchema.common().validate(raw, "trainer.").get();
        return LearningRateSchedule.of(h, epochs);
    }

    @Test
    void constant() {
        LearningRateSchedule s = of(Map.of("lr", "0.2"), 5);
        assertEquals(0.2, s.rate(0));
        assertEquals(0.2, s.rate(4));
    }

    @Test
    void stepDecay() {
        LearningRateSchedule s = of(Map.of("lr", "1", "schedule", "step", "decay", "0.5", "decay.epochs", "3"), 10);
        assertEquals(1.0, s.rate(2));
        assertEquals(0.5, s.rate(3));
        assertEquals(0.25, s.rate(7));
    }

    @Test
    void exponentialDecay() {
        LearningRateSchedule s = of(Map.of("lr", "2", "schedule", "exponential", "decay", "0.9"), 10);
        assertEquals(2 * 0.9 * 0.9 * 0.9, s.rate(3), 1e-15);
    }

    @Test
    void cosineAnnealing() {
        LearningRateSchedule s = of(Map.of("lr", "1", "schedule", "cosine"), 4);
        assertEquals(1.0, s.rate(0), 1e-15);
        assertEquals(0.5, s.rate(2), 1e-15);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 3 / 4)), s.rate(3), 1e-15);
    }
}
