package io.engram.app.handwriting.internal;

import java.util.List;
import java.util.Objects;

/**
 * One handwritten sample: its pen trajectory as strokes (pen down to pen up), each stroke its points
 * {@code [x, y, t]} in the order written ({@code t} NaN when the source gives no time), and its
 * transcript. Immutable by convention: the arrays are not copied, and nobody writes them after
 * reading.
 *
 * @param id      the sample's identifier (InkML: the trace group's or file's id; CSV: the sample column)
 * @param writer  who wrote it, or empty when unknown
 * @param label   the transcript
 * @param strokes the strokes, none empty
 * @param where   where it was read, for messages ({@code file:line}, or {@code generated})
 */
record Ink(String id, String writer, String label, List<double[][]> strokes, String where) {
    Ink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(label, "label");
        strokes = List.copyOf(strokes);
        Objects.requireNonNull(where, "where");
    }

    /** The number of points of all strokes together. */
    int points() {
        return strokes.stream().mapToInt(s -> s.length).sum();
    }
}
