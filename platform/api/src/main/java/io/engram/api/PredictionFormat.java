package io.engram.api;

import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How an application reads the files users bring to {@code engram predict} (sentences, a FASTA
 * file) and writes what the model made of each record (a translation, scores per family), so that
 * users predict on their own data in their field's format rather than on encoded numbers.
 *
 * <p>Lifecycle: {@link Application#predictions} makes one per prediction call from the job's
 * {@code data.*} parameters and the checkpoint's payloads (the vocabularies and statistics that
 * {@link Application#payloads} stored); the kernel calls {@link #read} once, runs every record's
 * inputs through the network (decoding a {@link Decoder}), and calls {@link #format} and
 * {@link #heatmap} once per record, in order. Used by one thread at a time.
 */
@ConsumerType
public interface PredictionFormat {

    /**
     * The records of {@code file}, in order, each encoded as the network's input.
     *
     * @return the records, or a failure whose {@link IllegalArgumentException} message names the
     *         file and line (or byte) of each problem; an {@link java.io.IOException} when the file
     *         cannot be read
     */
    Try<List<Record>> read(Path file);

    /** The text printed for one record: one or more lines, without a final line break. */
    String format(Record record, Prediction prediction);

    /**
     * A labelled matrix worth drawing for this record (the attention of a translation over its
     * source), or empty (the default).
     */
    default Optional<Heatmap> heatmap(Record record, Prediction prediction) {
        return Optional.empty();
    }

    /**
     * One record of an input file.
     *
     * @param name   what identifies it in the output (a sequence's id, the line number)
     * @param text   the record as the user wrote it (a sentence, a residue string)
     * @param inputs the network's inputs {@code [time][inputSize]}
     */
    record Record(String name, String text, double[][] inputs) {
        public Record {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
            inputs = Arrays.stream(inputs).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public double[][] inputs() {
            return Arrays.stream(inputs).map(double[]::clone).toArray(double[][]::new);
        }
    }

    /**
     * What the network made of one record.
     *
     * @param outputs   one row per step, or per decoded token for a {@link Decoder}, after the
     *                  task's output activation (softmax for {@code softmax-ce})
     * @param tokens    the decoded tokens of a {@link Decoder} (the end token included when it was
     *                  reached); empty for other networks
     * @param attention for a network with {@link Attention}, one row per decoded token: its weights
     *                  over the source steps; empty otherwise
     */
    record Prediction(double[][] outputs, int[] tokens, double[][] attention) {
        public Prediction {
            outputs = Arrays.stream(outputs).map(double[]::clone).toArray(double[][]::new);
            tokens = tokens.clone();
            attention = Arrays.stream(attention).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public double[][] outputs() {
            return Arrays.stream(outputs).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public int[] tokens() {
            return tokens.clone();
        }

        @Override
        public double[][] attention() {
            return Arrays.stream(attention).map(double[]::clone).toArray(double[][]::new);
        }
    }

    /**
     * A matrix with a label per row and per column, drawn as a heat map.
     *
     * @param title   a caption
     * @param rows    one label per row (the target tokens)
     * @param columns one label per column (the source tokens)
     * @param values  {@code [rows][columns]}, finite
     */
    record Heatmap(String title, List<String> rows, List<String> columns, double[][] values) {
        public Heatmap {
            Objects.requireNonNull(title, "title");
            rows = List.copyOf(rows);
            columns = List.copyOf(columns);
            if (values.length != rows.size()) {
                throw new IllegalArgumentException("heat map: " + rows.size() + " row labels for " + values.length
                        + " rows");
            }
            for (double[] row : values) {
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("heat map: " + columns.size() + " column labels for a row of "
                            + row.length);
                }
            }
            values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public double[][] values() {
            return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        }
    }
}
