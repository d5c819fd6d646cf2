package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void quarterMarksFallOnFourBatchesOfEight() {
        int marks = 0;
        for (int b = 1; b <= 8; b++) {
            marks += Progress.quarterMark(b, 8) ? 1 : 0;
        }
        assertEquals(4, marks);
        assertTrue(Progress.quarterMark(1, 3));
        assertFalse(Progress.quarterMark(0, 3));
    }

    @Test
    void plainLinesWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> now[0]);
        progress.accept(new JobEvent("j1", 0, "t", JobState.RUNNING, null));
        for (int b = 1; b <= 4; b++) {
            now[0] += 3_000_000_000L;
            progress.accept(new JobEvent("j1", b, "t", JobState.RUNNING, new TrainingEvent.Progress(1, 2, b, 4, 0.5)));
        }
        now[0] += 500_000_000L;
        progress.accept(new JobEvent("j1", 5, "t", JobState.RUNNING,
                new TrainingEvent.EpochEnd(1, 0.5, 0.25, Map.of("accuracy", 0.75))));
        progress.accept(new JobEvent("j1", 6, "t", JobState.SUCCEEDED, null));
        progress.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"));
        assertEquals("""
                j1 RUNNING
                epoch 1/2 batch 1/4 loss 0.5 eta 21 s
                epoch 1/2 batch 2/4 loss 0.5 eta 18 s
                epoch 1/2 batch 3/4 loss 0.5 eta 15 s
                epoch 1/2 batch 4/4 loss 0.5 eta 12 s
                epoch 1 train loss 0.5 validation loss 0.25 accuracy 0.75 (13 s)
                """, text);
    }

    @Test
    void durationsReadAsSecondsMinutesAndHours() {
        assertEquals("0.4 s", Progress.duration(400_000_000L));
        assertEquals("12 s", Progress.duration(12_200_000_000L));
        assertEquals("3 min 5 s", Progress.duration(185_000_000_000L));
        assertEquals("1 h 2 min", Progress.duration(3_720_000_000_000L));
        assertEquals("", Progress.eta(new TrainingEvent.Progress(1, 0, 1, 4, 0.5), 1_000_000_000L));
        assertEquals("3.0 s", Progress.eta(new TrainingEvent.Progress(1, 1, 1, 4, 0.5), 1_000_000_000L));
    }

    @Test
    void finalMetricsAreGroupedBySplit() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("epoch", 4.0);
        m.put("loss", 0.5);
        m.put("validation.loss", 0.25);
        m.put("accuracy", 0.75);
        m.put("test.accuracy", 0.625);
        m.put("train.accuracy", 0.875);
        m.put("backend.energy.joules", 2.0);
        assertEquals("""
                  train       loss = 0.5, accuracy = 0.875
                  validation  loss = 0.25, accuracy = 0.75
                  test        accuracy = 0.625
                  backend     energy.joules = 2
                """, Progress.metrics(m));
    }

    @Test
    void barRedrawsInPlaceOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        progress.accept(new JobEvent("j1", 1, "t", JobState.RUNNING, new TrainingEvent.Progress(1, 1, 1, 2, 0.5)));
        progress.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\repoch 1/1 [" + "#".repeat(12) + "-".repeat(12) + "] 50%"), text);
        assertTrue(text.endsWith("\n"));
    }
}
