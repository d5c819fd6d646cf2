package io.engram.app.handwriting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vector glyphs the generator writes with: lower-case a-z of the Hershey Script Simplex font
 * ({@code glyphs.txt} beside this class, made by {@code tools/hershey-glyphs.py} from Debian's
 * hershey-fonts-data; its header carries the font's acknowledgements and licence). Each line is
 * {@code CHAR LEFT RIGHT STROKE | STROKE ...}, a stroke being {@code x,y} vertices in font units, y
 * down, the glyph's advance running from {@code LEFT} to {@code RIGHT}. Loaded once; immutable and
 * thread-safe.
 */
final class Glyphs {
    /** One glyph: its margins and its strokes {@code [stroke][vertex][x, y]}. */
    record Glyph(char character, int left, int right, double[][][] strokes) {
    }

    private static final Map<Character, Glyph> GLYPHS = load();

    private Glyphs() {
    }

    /** The glyph of {@code c}, or null when the font has none. */
    static Glyph of(char c) {
        return GLYPHS.get(c);
    }

    /** The characters that have glyphs, in the resource's order. */
    static String characters() {
        StringBuilder s = new StringBuilder();
        GLYPHS.keySet().forEach(s::append);
        return s.toString();
    }

    private static Map<Character, Glyph> load() {
        try (InputStream in = Glyphs.class.getResourceAsStream("glyphs.txt")) {
            if (in == null) {
                throw new IllegalStateException("glyphs.txt is missing from the bundle");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<Character, Glyph> parse(String text) {
        Map<Character, Glyph> out = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] head = line.split(" ", 4);
            try {
                List<double[][]> strokes = new ArrayList<>();
                for (String stroke : head[3].split("\\|")) {
                    String[] vertices = stroke.strip().split(" ");
                    double[][] s = new double[vertices.length][];
                    for (int v = 0; v < vertices.length; v++) {
                        String[] xy = vertices[v].split(",");
                        s[v] = new double[] {Integer.parseInt(xy[0]), Integer.parseInt(xy[1])};
                    }
                    strokes.add(s);
                }
                out.put(head[0].charAt(0), new Glyph(head[0].charAt(0), Integer.parseInt(head[1]),
                        Integer.parseInt(head[2]), strokes.toArray(double[][][]::new)));
            } catch (RuntimeException e) {
                throw new IllegalStateException("glyphs.txt:" + (n + 1) + ": malformed glyph line", e);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
