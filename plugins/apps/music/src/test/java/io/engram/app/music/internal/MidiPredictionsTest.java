package io.engram.app.music.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.PredictionFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram predict} on MIDI files: one record per file, a line per bar, and bad files refused by byte. */
class MidiPredictionsTest {
    @TempDir
    Path dir;

    private final MidiPredictions format = new MidiPredictions(new Encoding(60, 79), 8);

    @Test
    void aFileIsOneRecordAndAPerfectPredictionScoresOne() throws IOException {
        Score song = BluesGenerator.generate(new SplittableRandom(3), 12, 8, 60, 79, 0.3);
        Path file = dir.resolve("song.mid");
        MidiFiles.write(file, ScoreMidi.RESOLUTION, 120, ScoreMidi.notes(song));
        List<PredictionFormat.Record> records = format.read(file).get();
        assertEquals(1, records.size());
        double[][] x = records.get(0).inputs();
        assertEquals(95, x.length);
        double[][] next = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            next[t] = t + 1 < x.length ? x[t + 1] : x[t];
        }
        String text = format.format(records.get(0), new PredictionFormat.Prediction(next, new int[0], new double[0][]));
        String[] lines = text.split("\n");
        assertEquals("bar\tchord\tmelody\tpredicted", lines[0]);
        assertEquals(1 + 12 + 1, lines.length);
        assertTrue(lines[1].startsWith("1\tC-E-G-Bb\t"), lines[1]);
        assertTrue(lines[9].startsWith("9\tD-F-G-B\t"), lines[9]);
        assertEquals("next-note accuracy 1.0000 over 94 steps", lines[13]);
        String[] cols = lines[2].split("\t");
        assertEquals(cols[2], cols[3], "predicted equals the melody when the prediction is perfect");
    }

    @Test
    void aDamagedFileIsRefusedNamingTheByte() throws IOException {
        Path file = dir.resolve("bad.mid");
        Files.write(file, Arrays.copyOf("MThd".getBytes(), 10));
        String message = format.read(file).getCause().getMessage();
        assertEquals(file + ": byte 0: 10 bytes, too short for a MIDI header (14)", message);
    }
}
