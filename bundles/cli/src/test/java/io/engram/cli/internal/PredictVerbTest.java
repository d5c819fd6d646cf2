package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.cli.VerbCall;
import io.engram.kernel.Predictor;
import io.engram.tensor.DType;
import io.vavr.control.Try;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictVerbTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A model with two inputs whose output at each step is the sum of the step's features. */
    private final Predictor predictor = new Predictor() {
        @Override
        public Try<CheckpointMetadata> describe(Path checkpoint) {
            return checkpoint.toString().endsWith("broken")
                    ? Try.failure(new IllegalArgumentException("byte 0: not an Engram checkpoint"))
                    : Try.success(new CheckpointMetadata(1, "test.family", "1.0.0",
                            new ModelSpec("sum", 2, 1, DType.F64, Hyperparameters.empty()), null));
        }

        @Override
        public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs) {
            if (checkpoint.toString().endsWith("dropped")) {
                return Try.failure(new IOException("checkpoint " + checkpoint + " does not fit the network of family "
                        + "'sum' (1 problem): tensor 'w' (F64 [2, 1]) is missing"));
            }
            return Try.success(inputs.stream().map(seq -> {
                double[][] o = new double[seq.length][1];
                for (int t = 0; t < seq.length; t++) {
                    o[t][0] = seq[t][0] + seq[t][1];
                }
                return o;
            }).toList());
        }

        @Override
        public Try<List<String>> outputNames(Path checkpoint) {
            return Try.success(checkpoint.toString().endsWith("named.ckpt") ? List.of("sum") : List.of());
        }
    };

    private int predict(String checkpoint, String input, String... options) throws IOException {
        Path file = dir.resolve("input.txt");
        Files.writeString(file, input);
        List<String> args = new java.util.ArrayList<>(List.of(options));
        args.addAll(List.of(dir.resolve(checkpoint).toString(), file.toString()));
        return new PredictVerb(predictor).apply(Map.of(VerbCall.ARGS, args,
                VerbCall.OUT, new PrintStream(out, true, StandardCharsets.UTF_8),
                VerbCall.ERR, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void printsOneLineOfOutputsPerSequence() throws IOException {
        assertEquals(0, predict("model.ckpt", "1,2; 0.5,0.25\n\n3,4\n"));
        assertEquals("3; 0.75\n7\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void outputsTheApplicationNamesAreNamedInAHeaderAndWithLabelsAtEachValue() throws IOException {
        assertEquals(0, predict("named.ckpt", "1,2; 0.5,0.25\n3,4\n"));
        assertEquals("# outputs: sum\n3; 0.75\n7\n", out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, predict("named.ckpt", "1,2; 0.5,0.25\n", "--labels"));
        assertEquals("# outputs: sum\nsum=3; sum=0.75\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("B=0.25,T=0.75; B=1,T=0", Sequences.format(new double[][] {{0.25, 0.75}, {1, 0}}, List.of("B", "T")));
    }

    @Test
    void inputOfTheWrongWidthIsBadInput() throws IOException {
        assertEquals(2, predict("model.ckpt", "1,2,3\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("input.txt:1: step 1 has 3 features, expected 2"));
    }

    @Test
    void aBrokenCheckpointIsBadInputNamingTheByte() throws IOException {
        assertEquals(2, predict("broken", "1,2\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("broken: byte 0: not an Engram checkpoint"));
    }

    @Test
    void aCheckpointThatDoesNotFitTheNetworkIsBadInputAndNothingIsPrinted() throws IOException {
        assertEquals(2, predict("dropped", "1,2\n"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("engram: checkpoint " + dir.resolve("dropped") + " does not fit the network of family 'sum' "
                + "(1 problem): tensor 'w' (F64 [2, 1]) is missing\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMillionBadCellsGiveTwentyOneLinesAndTheTrueCount() throws IOException {
        assertEquals(2, predict("model.ckpt", "x,y\n".repeat(500_000)));
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(22, lines.length);
        assertTrue(lines[0].endsWith("input.txt was rejected (1000000 problems):"), lines[0]);
        assertEquals("... and 999980 more problems", lines[21]);
    }

    @Test
    void beamAndMaxLengthReachThePredictorAndBadValuesAreBadInput() throws IOException {
        List<Predictor.Decode> seen = new java.util.ArrayList<>();
        Predictor recording = new Predictor() {
            @Override
            public Try<CheckpointMetadata> describe(Path checkpoint) {
                return predictor.describe(checkpoint);
            }

            @Override
            public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs) {
                return predictor.predict(checkpoint, inputs);
            }

            @Override
            public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs, Decode decoding) {
                seen.add(decoding);
                return predictor.predict(checkpoint, inputs);
            }
        };
        Path file = dir.resolve("input.txt");
        Files.writeString(file, "1,2\n");
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, new PredictVerb(recording).apply(Map.of(VerbCall.ARGS, List.of("--beam", "4",
                dir.resolve("model.ckpt").toString(), "--max-length", "7", file.toString()), VerbCall.OUT, o, VerbCall.ERR, e)));
        assertEquals(List.of(new Predictor.Decode(4, 7)), seen);
        assertEquals(0, new PredictVerb(recording).apply(Map.of(VerbCall.ARGS, List.of("--beam", "2", "--length-penalty",
                "0.6", dir.resolve("model.ckpt").toString(), file.toString()), VerbCall.OUT, o, VerbCall.ERR, e)));
        assertEquals(new Predictor.Decode(2, 0, 0.6), seen.get(1));
        assertEquals(2, new PredictVerb(recording).apply(Map.of(VerbCall.ARGS, List.of("--length-penalty", "-1",
                dir.resolve("model.ckpt").toString(), file.toString()), VerbCall.OUT, o, VerbCall.ERR, e)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--length-penalty: expected an exponent alpha of at "
                + "least 0 (0: none), got '-1'"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, new PredictVerb(recording).apply(Map.of(VerbCall.ARGS, List.of("--beam", "0",
                dir.resolve("model.ckpt").toString(), file.toString()), VerbCall.OUT, o, VerbCall.ERR, e)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--beam: expected a width of at least 1, got '0'"),
                err.toString(StandardCharsets.UTF_8));
    }
}
