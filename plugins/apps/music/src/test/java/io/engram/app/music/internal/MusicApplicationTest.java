package io.engram.app.music.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading music from a MIDI file or the generator, and the composition written as a MIDI file. */
class MusicApplicationTest {
    private final MusicApplication app = new MusicApplication();
    private final ReferenceBackend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    private Try<TaskData> load(Map<String, String> raw, long seed) {
        Hyperparameters p = app.schema().validate(raw, "data.").get();
        return app.load(p, seed);
    }

    private Network network(TaskData data) {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "4"), "model.").get();
        return family.create(new ModelSpec(family.id(), data.inputSize(), data.outputSize(), DType.F64, h), backend, 1);
    }

    @Test
    void generatedSongsAreEncodedStepByStepWithTheNextStepAsTarget() {
        TaskData d = load(Map.of("train.size", "3", "validation.size", "1", "test.size", "2"), 5).get();
        assertEquals(20 + 1 + 12, d.inputSize(), "20 keys, a rest and 12 pitch classes");
        assertEquals(3, d.train().size());
        assertEquals(2 * 12 * 8 - 1, d.train().get(0).length());
        double[][] x = d.train().get(0).inputs();
        double[][] y = d.train().get(0).targets();
        assertEquals(java.util.Arrays.toString(x[5]), java.util.Arrays.toString(y[4]));
        assertEquals(d.train(), load(Map.of("train.size", "3", "validation.size", "1", "test.size", "2"), 5).get().train());
    }

    @Test
    void aMidiFileIsCutIntoPiecesAndItsLastPiecesAreHeldApart() throws IOException {
        Score song = BluesGenerator.generate(new SplittableRandom(2), 5 * 12, 8, 60, 79, 0.3);
        Path file = dir.resolve("five.mid");
        MidiFiles.write(file, ScoreMidi.RESOLUTION, 120, ScoreMidi.notes(song));
        TaskData d = load(Map.of("file", file.toString(), "choruses", "1", "validation.size", "1", "test.size", "2"), 1)
                .get();
        assertEquals(2, d.train().size());
        assertEquals(1, d.validation().size());
        assertEquals(2, d.test().size());
        Score last = MusicApplication.decode(new Encoding(60, 79), d.test().get(1).inputs(), 8);
        assertEquals(java.util.Arrays.toString(song.slice(4 * 96, 5 * 96 - 1).melody()),
                java.util.Arrays.toString(last.melody()));
    }

    @Test
    void aBadMidiFileFailsTheLoadNamingTheKeyAndTheByte() throws IOException {
        Path file = dir.resolve("bad.mid");
        Files.write(file, new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 1, (byte) 0xE7, 0x28});
        String message = load(Map.of("file", file.toString()), 1).getCause().getMessage();
        assertTrue(message.startsWith("data.file " + file + ": byte 12: SMPTE"), message);
    }

    @Test
    void tooShortAFileForTheHeldApartPiecesIsRefused() throws IOException {
        Score song = BluesGenerator.generate(new SplittableRandom(2), 24, 8, 60, 79, 0.3);
        Path file = dir.resolve("two.mid");
        MidiFiles.write(file, ScoreMidi.RESOLUTION, 120, ScoreMidi.notes(song));
        String message = load(Map.of("file", file.toString(), "choruses", "1", "validation.size", "1",
                "test.size", "1"), 1).getCause().getMessage();
        assertTrue(message.contains("2 pieces of 1 choruses, need more than data.validation.size + data.test.size (2)"),
                message);
    }

    @Test
    void theTestSetsCompositionIsWrittenAsAMidiFileOfTheComposedBars() {
        Path out = dir.resolve("composed.mid");
        Map<String, String> raw = new HashMap<>(Map.of("train.size", "4", "validation.size", "1", "test.size", "1",
                "compose.bars", "24", "output", out.toString()));
        TaskData d = load(raw, 3).get();
        Network net = network(d);
        Map<String, Double> m = app.evaluate(net, backend.ops(), d.test(), 9);
        assertTrue(Files.isRegularFile(out));
        MidiFiles.Contents c = MidiFiles.read(out, "composed.mid").get();
        Score s = ScoreMidi.score(c, 8, 0, 127).get();
        assertTrue(s.bars() <= 24 && s.bars() >= 20, "bars " + s.bars());
        assertEquals(m, app.evaluate(net, backend.ops(), d.test(), 9), "same seed, same metrics");
        app.evaluate(net, backend.ops(), d.validation(), 9);
        assertTrue(m.get("data.fit") > 0.9, "the generated test song fits its form: " + m);
    }
}
