package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The trainer conformance suite fails trainers that break its rules. */
class TrainerConformanceCatchesTest {

    private static TrainerConformance suite(PlainTrainer trainer) {
        return new TrainerConformance(trainer, Map.of("epochs", "3", "batch.size", "3")) {
        };
    }

    @Test
    void aTrainerThatIgnoresCancellation() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> suite(new PlainTrainer(PlainTrainer::deaf)).cancellationIsHonouredPromptly());
        assertTrue(e.getMessage().contains("never polled cancelled()"), e.getMessage());
    }

    @Test
    void aTrainerThatCountsEpochsFromZero() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> suite(new PlainTrainer(PlainTrainer::fromZero)).eventsAreWellFormed());
        assertTrue(e.getMessage().contains("epochs count from 1"), e.getMessage());
    }
}
