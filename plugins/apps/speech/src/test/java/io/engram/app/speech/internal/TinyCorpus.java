package io.engram.app.speech.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tiny "spoken" corpora for the tests, at 8 kHz: each character of a transcript is a 60 ms tone
 * ({@code 300 + 90 * label} Hz, a space is silence) followed by 20 ms of silence, with a little
 * seeded noise, written as 16-bit PCM WAV files next to a manifest.
 */
final class TinyCorpus {
    static final List<String> WORDS = List.of("one", "two", "six", "ten");

    private TinyCorpus() {
    }

    /** The audio of {@code text}. */
    static double[] speak(String text, SplittableRandom r) {
        List<Double> x = new ArrayList<>();
        for (char ch : text.toCharArray()) {
            int label = Alphabet.CHARACTERS.indexOf(ch) + 1;
            double hz = 300 + 90 * label;
            for (int i = 0; i < 480; i++) {
                x.add(ch == ' ' ? 0 : 0.4 * Math.sin(2 * Math.PI * hz * i / 8000));
            }
            for (int i = 0; i < 160; i++) {
                x.add(0.0);
            }
        }
        return x.stream().mapToDouble(v -> v + r.nextDouble(-0.01, 0.01)).toArray();
    }

    /** {@code count} utterances of one or two words in {@code folder}, listed in {@code folder/NAME}. */
    static Path write(Path folder, String name, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder manifest = new StringBuilder("# path<TAB>transcript\n");
        for (int i = 0; i < count; i++) {
            String text = WORDS.get(r.nextInt(WORDS.size()));
            if (r.nextBoolean()) {
                text += " " + WORDS.get(r.nextInt(WORDS.size()));
            }
            String wav = "wav/" + name.replace(".tsv", "") + "-" + i + ".wav";
            Wavs.write(folder.resolve(wav), Wavs.pcm16(8000, speak(text, r)));
            manifest.append(wav).append('\t').append(text).append('\n');
        }
        Path file = folder.resolve(name);
        try {
            Files.writeString(file, manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A fresh temporary folder, deleted on exit with its files. */
    static Path folder() {
        try {
            Path dir = Files.createTempDirectory("engram-speech");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit
        }
    }
}
