package io.engram.app.translation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small made-up parallel corpus for tests: "the N ADJ" to "el N ADJ" with a reordered adjective,
 * 60 pairs from a fixed seed, written once per JVM to a temporary file.
 */
final class TestCorpus {
    static final String[][] NOUNS = {{"cat", "gato"}, {"dog", "perro"}, {"house", "casa"}, {"car", "coche"},
        {"book", "libro"}};
    static final String[][] ADJECTIVES = {{"red", "rojo"}, {"big", "grande"}, {"old", "viejo"}, {"new", "nuevo"}};
    private static Path file;
    private static Path bad;

    private TestCorpus() {
    }

    static synchronized String file() {
        if (file == null) {
            file = write("corpus", lines(60, 7));
        }
        return file.toString();
    }

    /** A corpus whose second line has no tab. */
    static synchronized String bad() {
        if (bad == null) {
            bad = write("bad", List.of("the cat\tel gato", "the dog el perro", "the car\tel coche"));
        }
        return bad.toString();
    }

    static List<String> lines(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] noun = NOUNS[r.nextInt(NOUNS.length)];
            String[] adj = ADJECTIVES[r.nextInt(ADJECTIVES.length)];
            lines.add("The " + adj[0] + " " + noun[0] + ".\tEl " + noun[1] + " " + adj[1] + ".");
        }
        return lines;
    }

    static Path write(String name, List<String> lines) {
        try {
            Path p = Files.createTempFile("translation-" + name, ".tsv");
            p.toFile().deleteOnExit();
            Files.write(p, lines);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
