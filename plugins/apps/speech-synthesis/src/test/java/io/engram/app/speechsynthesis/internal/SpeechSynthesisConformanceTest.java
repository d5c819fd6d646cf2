package io.engram.app.speechsynthesis.internal;

import io.engram.testkit.ApplicationConformance;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application held to the application conformance suite on the committed fixture (twelve words
 * spoken by espeak-ng, 8 kHz mu-law): its four metrics, loss {@code mse}; an FFT that is not a power
 * of two, as many cepstra as bands and a manifest line without phonemes are refused naming their key.
 */
class SpeechSynthesisConformanceTest extends ApplicationConformance {

    SpeechSynthesisConformanceTest() {
        super(new SpeechSynthesisApplication(), Map.of("manifest", corpus("train.tsv").toString(),
                "test.manifest", corpus("test.tsv").toString()),
                Set.of("mcd", "baseline.mcd", "nearest.mcd", "length.error"));
    }

    static Path corpus(String name) {
        try {
            return Path.of(SpeechSynthesisConformanceTest.class.getResource("corpus/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("fft", "200"), "fft"),
                new BadCase(Map.of("ceps", "32"), "ceps"),
                new BadCase(Map.of("input", "phonemes", "manifest", corpus("test.tsv").getParent().resolve("wav")
                        .resolve("n004.wav").toString()), "manifest"));
    }
}
