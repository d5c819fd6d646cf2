package io.engram.app.speech.internal;

import io.engram.testkit.ApplicationConformance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The speech application held to the application conformance suite on twelve tiny generated
 * utterances at 8 kHz: the four error rates as metrics, loss {@code ctc}; a short FFT, more cepstra than
 * bands and a manifest line without a tab are refused naming their key.
 */
class SpeechConformanceTest extends ApplicationConformance {
    private static final Path DIR = TinyCorpus.folder();
    private static final Path TRAIN = TinyCorpus.write(DIR, "train.tsv", 12, 1);
    private static final Path BAD = write(DIR.resolve("bad.tsv"), "wav/train-0.wav one\n");

    SpeechConformanceTest() {
        super(new SpeechApplication(), Map.of("manifest", TRAIN.toString(), "sample.rate", "8000", "stack", "2"),
                Set.of("char.error.rate", "word.error.rate", "beam.char.error.rate", "beam.word.error.rate"));
    }

    @Override
    protected Set<String> losses() {
        return Set.of("ctc", "ctc-infinite", "ctc-zero-infinity");
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("nfft", "128"), "nfft"),
                new BadCase(Map.of("ceps", "30", "mels", "20"), "ceps"),
                new BadCase(Map.of("manifest", BAD.toString()), "manifest"));
    }

    private static Path write(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
