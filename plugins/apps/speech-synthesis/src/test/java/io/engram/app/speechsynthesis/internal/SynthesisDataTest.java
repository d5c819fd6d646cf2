package io.engram.app.speechsynthesis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoding of utterances as sequences, and refusals naming the manifest, line and key. */
class SynthesisDataTest {
    private static final Path TRAIN = SpeechSynthesisConformanceTest.corpus("train.tsv");
    private static final Path TEST = SpeechSynthesisConformanceTest.corpus("test.tsv");

    @TempDir
    Path dir;

    @Test
    void anUtteranceIsItsSymbolsThenItsFramesByTwoAndAStopFlag() {
        double[][] logMel = {{1, 2}, {3, 4}, {5, 6}};
        Sequence s = SynthesisData.encode(new int[] {2, 0, 1, 1, 0}, 3, logMel, new double[] {1, 2},
                new double[] {2, 1}, 2);
        assertEquals(5, s.length(), "five symbols, two steps of frames and three of the stop flag: five steps");
        assertArrayEquals(new double[] {0, 0, 1}, s.inputs()[0]);
        assertArrayEquals(new double[] {0, 0, 1, 2, 0}, s.targets()[0], 1e-12);
        assertArrayEquals(new double[] {2, 4, 2, 4, 1}, s.targets()[1], 1e-12, "the last frame repeated, stop");
        assertArrayEquals(new double[] {2, 4, 2, 4, 1}, s.targets()[4], 1e-12, "the flag stays 1 after the end");
        assertArrayEquals(new boolean[] {true, true, true, true, true}, s.targetMask());
        Sequence longer = SynthesisData.encode(new int[] {1}, 3, logMel, new double[] {0, 0}, new double[] {1, 1}, 1);
        assertEquals(6, longer.length());
        assertEquals(0, longer.targets()[1][2], "no stop before the last frame");
        Sequence shorter = SynthesisData.encode(new int[] {1, 1, 1, 1, 1, 1, 1}, 3, logMel, new double[] {0, 0},
                new double[] {1, 1}, 2);
        assertArrayEquals(new boolean[] {true, true, true, true, true, false, false}, shorter.targetMask());
        assertArrayEquals(new double[] {0, 0, 0}, longer.inputs()[1], "zero rows after the source");
    }

    @Test
    void theFixtureLoadsWithTheTrainingSymbols() {
        TaskData data = SynthesisData.load(SynthesisData.validated(Map.of("manifest", TRAIN.toString(),
                "test.manifest", TEST.toString(), "validation.fraction", "0.2")), 1);
        assertEquals(10, data.train().size());
        assertEquals(2, data.validation().size());
        assertEquals(2, data.test().size());
        assertEquals("mse", data.loss());
        assertEquals(2 * 32 + 1, data.outputSize());
        SynthesisContext ctx = data.train().context(SynthesisContext.class).orElseThrow();
        assertEquals(data.inputSize(), ctx.symbols().size());
        SynthesisContext.Utterance ten = ctx.utterance(data.test().get(1));
        assertEquals("n010", ten.name());
        assertEquals(3, ten.source().length);
        assertTrue(ten.logMel().length > 20, "a word of over 0.2 s: " + ten.logMel().length + " frames");
        assertEquals(data.digest(), SynthesisData.load(SynthesisData.validated(Map.of("manifest", TRAIN.toString(),
                "test.manifest", TEST.toString(), "validation.fraction", "0.2")), 1).digest());
        assertFalse(SynthesisData.load(SynthesisData.validated(Map.of("manifest", TRAIN.toString(), "input",
                "characters")), 1).train().context(SynthesisContext.class).orElseThrow().symbols().contains("'E"));
    }

    @Test
    void badFilesAreNamedAllAtOnce() throws IOException {
        Path wav = dir.resolve("a.wav");
        Files.write(wav, WavFile.bytes(new Audio(new double[400], 16000)));
        Files.write(dir.resolve("b.wav"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("c.wav"), WavFile.bytes(new Audio(new double[100], 8000)));
        Path manifest = Files.writeString(dir.resolve("train.tsv"),
                "a.wav\ta\ta\nb.wav\tb\tb\nc.wav\tc\tc\nmissing.wav\td\td\n");
        Path test = Files.writeString(dir.resolve("test.tsv"), "a.wav\ta\tq\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SynthesisData.load(
                SynthesisData.validated(Map.of("manifest", manifest.toString(), "test.manifest", test.toString())), 1));
        String m = e.getMessage();
        assertTrue(m.contains("data.manifest: " + manifest + ":1: " + wav + " is at 16000 Hz, not data.sample.rate 8000"), m);
        assertTrue(m.contains("data.manifest: " + manifest + ":2: " + dir.resolve("b.wav") + ": byte 0: not a RIFF/WAVE"), m);
        assertTrue(m.contains(manifest + ":3: " + dir.resolve("c.wav") + " holds 100 samples, fewer than one FFT of 256"), m);
        assertTrue(m.contains(manifest + ":4: " + dir.resolve("missing.wav") + " cannot be read"), m);
        Path good = Files.writeString(dir.resolve("good.tsv"), "c2.wav\tc\tc\n");
        Files.write(dir.resolve("c2.wav"), WavFile.bytes(new Audio(new double[800], 8000)));
        Path unknown = Files.writeString(dir.resolve("unknown.tsv"), "c2.wav\tq\tq\n");
        IllegalArgumentException symbol = assertThrows(IllegalArgumentException.class, () -> SynthesisData.load(
                SynthesisData.validated(Map.of("manifest", good.toString(), "test.manifest", unknown.toString())), 1));
        assertEquals("data.test.manifest: " + unknown + ":1: symbol 'q' is not among the 1 symbols of the training manifest",
                symbol.getMessage());
    }
}
