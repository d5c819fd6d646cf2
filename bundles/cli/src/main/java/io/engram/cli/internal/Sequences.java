package io.engram.cli.internal;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The text format of input sequences for {@code engram predict}, and of its output.
 *
 * <pre>
 * # one sequence per line; blank lines and lines starting with # are skipped
 * # time steps are separated by ';', the features of a step by ','
 * 0,1,0; 1,0,0; 0,0,1
 * 1,0,0; 1,0,0
 * </pre>
 *
 * {@code engram predict} writes its outputs in the same format, after a comment line naming the
 * outputs when the model's application names them ({@code # outputs: B,T,P,S,X,V,E}); with
 * {@code --labels} each value carries its name ({@code B=0.01,T=0.93,...}).
 *
 * <p>Every step of every sequence has the same number of features (the model's input size when it is
 * known). The input is UTF-8 of at most {@value #MAX_BYTES} bytes, a sequence has at most
 * {@value #MAX_STEPS} steps, a step at most {@value #MAX_FEATURES} features, and the file at most
 * {@value #MAX_VALUES} values in all; each limit is checked by counting separators before anything
 * is allocated. Problems are capped by {@link InputProblems}. Stateless.
 */
final class Sequences {
    /** The largest input file read. */
    static final long MAX_BYTES = 64L << 20;
    /** The most time steps in one sequence. */
    static final int MAX_STEPS = 100_000;
    /** The most features in one step. */
    static final int MAX_FEATURES = 65_536;
    /** The most values in one file. */
    static final long MAX_VALUES = 1L << 24;

    private Sequences() {
    }

    /**
     * Reads the file; problems name {@code file:line}.
     *
     * @param inputSize the features each step must have, or 0 when any common width will do
     */
    static Either<InputProblems, List<double[][]>> read(Path file, int inputSize) {
        InputProblems problems = new InputProblems();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(file.toString(), "the file has " + size + " bytes, more than the " + MAX_BYTES
                        + " that predict reads");
                return Either.left(problems);
            }
            String text = decode(Files.readAllBytes(file), file.toString(), problems);
            return text == null ? Either.left(problems) : parse(text, file.toString(), inputSize);
        } catch (IOException e) {
            problems.add(file.toString(), "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage());
            return Either.left(problems);
        }
    }

    /** Parses text; {@code origin} names it in problems, {@code inputSize} as in {@link #read}. */
    static Either<InputProblems, List<double[][]>> parse(String text, String origin, int inputSize) {
        return new SequenceParser(origin, inputSize, MAX_VALUES).parse(text);
    }

    /**
     * The text of UTF-8 {@code bytes}, or null with a problem naming the line and byte offset of the
     * first bad byte.
     */
    static String decode(byte[] bytes, String origin, InputProblems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            problems.add(origin + ":" + line, "byte offset " + offset + ": not UTF-8 (byte 0x"
                    + String.format("%02X", bytes[offset] & 0xFF) + ")");
            return null;
        }
        return out.flip().toString();
    }

    /** One sequence in the same format: steps joined by "; ", features by ",". */
    static String format(double[][] sequence) {
        return format(sequence, List.of());
    }

    /**
     * A sequence in the input format; with {@code names} (one per feature) each value is written
     * {@code name=value}, as {@code engram predict --labels} prints outputs: {@code B=0.01,T=0.93,...}.
     */
    static String format(double[][] sequence, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < sequence.length; t++) {
            if (t > 0) {
                sb.append("; ");
            }
            for (int f = 0; f < sequence[t].length; f++) {
                if (f > 0) {
                    sb.append(',');
                }
                if (f < names.size()) {
                    sb.append(names.get(f)).append('=');
                }
                sb.append(Text.number(sequence[t][f]));
            }
        }
        return sb.toString();
    }
}
