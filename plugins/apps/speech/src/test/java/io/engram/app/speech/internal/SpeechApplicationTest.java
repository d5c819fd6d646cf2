package io.engram.app.speech.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Payloads;
import io.engram.api.PredictionFormat;
import io.engram.api.TaskData;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpeechApplicationTest {
    private final SpeechApplication app = new SpeechApplication();
    private final Path dir = TinyCorpus.folder();

    private Try<TaskData> load(Map<String, String> raw) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("sample.rate", "8000"));
        all.putAll(raw);
        return app.load(SpeechData.validated(all), 1);
    }

    private String failure(Map<String, String> raw) {
        Try<TaskData> t = load(raw);
        assertTrue(t.isFailure(), "loaded " + raw);
        return t.getCause().getMessage();
    }

    @Test
    void loadsLabelledUtterancesWithTheirFeatures() {
        Path train = TinyCorpus.write(dir, "train.tsv", 10, 3);
        Path test = TinyCorpus.write(dir, "test.tsv", 4, 4);
        TaskData d = load(Map.of("manifest", train.toString(), "test.manifest", test.toString(),
                "validation.fraction", "0.2")).get();
        assertEquals(8, d.train().size());
        assertEquals(2, d.validation().size());
        assertEquals(4, d.test().size());
        assertEquals(39, d.inputSize(), "13 MFCCs with deltas and delta-deltas");
        assertEquals(29, d.outputSize());
        assertEquals("ctc", d.loss());
        assertTrue(d.source().startsWith("speech:" + train + "," + test + " features:sample.rate=8000,"), d.source());
        // the first test utterance, "ten" or "six ..." etc.: labels are its transcript's characters
        String first = Files.exists(test) ? read(test).split("\n")[1].split("\t")[1] : "";
        assertArrayEquals(Alphabet.encode(first), d.test().get(0).labels());
        // 80 ms per character at a 10 ms hop: about 8 frames per character
        assertTrue(d.test().get(0).length() >= 8 * first.length() - 3, "steps " + d.test().get(0).length());
        Payloads p = app.payloads(d);
        assertEquals(Alphabet.asList(), p.strings(SpeechApplication.ALPHABET).orElseThrow());
        assertEquals(FeatureSettings.of(SpeechData.validated(Map.of("manifest", "m", "sample.rate", "8000"))),
                SpeechApplication.settings(p.strings(SpeechApplication.FEATURES).orElseThrow()));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void manifestAndWaveProblemsNameFileLineAndByte() throws IOException {
        TinyCorpus.write(dir, "ok.tsv", 1, 5);
        Files.write(dir.resolve("wav/broken.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'X'});
        Path m = dir.resolve("bad.tsv");
        Files.writeString(m, "wav/ok-0.wav\tone\nno tab here\n../outside.wav\tone\nwav/ok-0.wav\tone 2\n"
                + "wav/missing.wav\tsix\nwav/broken.wav\tten\n");
        String message = failure(Map.of("manifest", m.toString()));
        String[] lines = message.split("\n");
        assertEquals(5, lines.length, message);
        assertEquals("data.manifest: " + m + ":2: expected path<TAB>transcript, found no tab", lines[0]);
        assertEquals("data.manifest: " + m + ":3: the path must lie inside the manifest's folder " + dir.toAbsolutePath(),
                lines[1]);
        assertEquals("data.manifest: " + m + ":4: character U+0032 at position 5 of the transcript is not one of a-z, "
                + "space and apostrophe", lines[2]);
        assertEquals("data.manifest: " + m + ":5: wav/missing.wav: cannot be read (NoSuchFileException)", lines[3]);
        assertEquals("data.manifest: " + m + ":6: wav/broken.wav: byte 8: not a WAVE file (expected the form type WAVE)",
                lines[4]);
    }

    @Test
    void transcriptsTooLongForTheirAudioAreRefusedUnlessTheLossScoresThem() throws IOException {
        Wavs.write(dir.resolve("short.wav"), Wavs.pcm16(8000, TinyCorpus.speak("a", new SplittableRandom(1))));
        Path m = dir.resolve("short.tsv");
        Files.writeString(m, "short.wav\tone two too\n");
        String message = failure(Map.of("manifest", m.toString(), "stack", "4", "validation.fraction", "0"));
        assertEquals("data.manifest: " + m + ":1: short.wav gives 2 steps, too few for its 11 characters (12 needed "
                + "under CTC); use a smaller data.stack or data.hop.ms, or data.loss=ctc-zero-infinity to skip such "
                + "utterances", message);
        TaskData d = load(Map.of("manifest", m.toString(), "stack", "4", "loss", "ctc-zero-infinity",
                "validation.fraction", "0")).get();
        assertEquals("ctc-zero-infinity", d.loss());
        assertEquals(1, d.train().size());
    }

    @Test
    void featureSettingsThatCannotWorkAreNamed() {
        Path train = TinyCorpus.write(dir, "t.tsv", 2, 6);
        String message = failure(Map.of("manifest", train.toString(), "nfft", "100", "ceps", "50", "mels", "40"));
        assertEquals("data.nfft: 100 must be a power of two of at least the window's 200 samples\n"
                + "data.ceps: 50 cepstra from 40 mel bands; at most as many as the bands", message);
        assertEquals("data.mels: mel band 1 of 120 holds no FFT bin at nfft 256; use fewer bands or a longer FFT",
                failure(Map.of("manifest", train.toString(), "mels", "120", "ceps", "13")));
    }

    @Test
    void predictReadsAListOfWavesAndPrintsTheDecodedTranscript() throws IOException {
        TinyCorpus.write(dir, "p.tsv", 2, 7);
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# files\nwav/p-0.wav\n\n" + dir.resolve("wav/p-1.wav") + "\n");
        TaskData d = load(Map.of("manifest", dir.resolve("p.tsv").toString(), "validation.fraction", "0")).get();
        PredictionFormat f = app.predictions(SpeechData.validated(Map.of("manifest", "x", "beam", "4")),
                app.payloads(d)).orElseThrow();
        List<PredictionFormat.Record> records = f.read(list).get();
        assertEquals(2, records.size());
        assertEquals("wav/p-0.wav", records.get(0).name());
        assertArrayEquals(d.train().get(0).inputs()[3], records.get(0).inputs()[3], 0.0,
                "the stored settings give the training features");
        // per-step probabilities spelling "on": o o blank n
        double[][] out = new double[4][29];
        out[0][15] = 1;
        out[1][15] = 1;
        out[2][0] = 1;
        out[3][14] = 1;
        var prediction = new PredictionFormat.Prediction(out, new int[0], new double[0][]);
        assertEquals("wav/p-0.wav\ton", f.format(records.get(0), prediction));
        Files.writeString(list, "wav/p-0.wav\nwav/nope.wav\n");
        Try<List<PredictionFormat.Record>> bad = f.read(list);
        assertEquals(list + ":2: wav/nope.wav: cannot be read (NoSuchFileException)", bad.getCause().getMessage());
    }
}
