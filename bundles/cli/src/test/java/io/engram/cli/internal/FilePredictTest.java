package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.PredictionFormat;
import io.engram.cli.VerbCall;
import io.engram.kernel.Predictor;
import io.engram.tensor.DType;
import io.vavr.control.Try;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram predict} on a file that the model's application reads itself: a predictor whose
 * application "upper-cases" each line of the file and gives a 2 x 3 heat map for lines that
 * contain a space; a file with a line "!" is malformed at that line.
 */
class FilePredictTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Predictor.Decode> seen = new ArrayList<>();

    private final Predictor predictor = new Predictor() {
        @Override
        public Try<CheckpointMetadata> describe(Path checkpoint) {
            return Try.success(new CheckpointMetadata(1, "test.family", "1.0.0",
                    new ModelSpec("words", 2, 1, DType.F64, Hyperparameters.empty()), null));
        }

        @Override
        public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs) {
            return Try.failure(new AssertionError("encoded sequences were not expected"));
        }

        @Override
        public Try<Boolean> readsFiles(Path checkpoint) {
            return Try.success(!checkpoint.toString().endsWith("plain.ckpt"));
        }

        @Override
        public Try<List<FilePrediction>> predictFile(Path checkpoint, Path file, Decode decoding) {
            seen.add(decoding);
            return Try.of(() -> {
                List<FilePrediction> result = new ArrayList<>();
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.equals("!")) {
                        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a sentence");
                    }
                    PredictionFormat.Record record = new PredictionFormat.Record("" + (i + 1), line, new double[0][]);
                    Optional<PredictionFormat.Heatmap> map = line.contains(" ")
                            ? Optional.of(new PredictionFormat.Heatmap(line, List.of("A", "B"), List.of("x", "y", "z"),
                            new double[][] {{1, 0, 0}, {0, 0.5, 0.5}})) : Optional.empty();
                    result.add(new FilePrediction(record, new PredictionFormat.Prediction(new double[0][], new int[0],
                            new double[0][]), line.toUpperCase(java.util.Locale.ROOT), map));
                }
                return result;
            });
        }
    };

    private int predict(String checkpoint, String input, String... options) throws IOException {
        Path file = dir.resolve("sentences.txt");
        Files.writeString(file, input);
        List<String> args = new ArrayList<>(List.of(options));
        args.add(dir.resolve(checkpoint).toString());
        args.add(file.toString());
        return new PredictVerb(predictor).apply(Map.of(VerbCall.ARGS, args,
                VerbCall.OUT, new PrintStream(out, true, StandardCharsets.UTF_8),
                VerbCall.ERR, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void eachRecordIsPrintedAsTheApplicationWritesIt() throws IOException {
        assertEquals(0, predict("model.ckpt", "the cat\nsat\n", "--beam", "3"));
        assertEquals("THE CAT\nSAT\n", out.toString(StandardCharsets.UTF_8).replace("\r", ""));
        assertEquals(List.of(new Predictor.Decode(3, 0)), seen);
    }

    @Test
    void heatMapsAreDrawnForTheRecordsThatHaveOne() throws IOException {
        Path maps = dir.resolve("maps");
        assertEquals(0, predict("model.ckpt", "the cat\nsat\nthe dog\n", "--attention", maps.toString()));
        assertTrue(Files.exists(maps.resolve("1.png")));
        assertFalse(Files.exists(maps.resolve("2.png")));
        BufferedImage image = ImageIO.read(maps.resolve("3.png").toFile());
        int left = image.getWidth() - HeatmapChart.MARGIN - 3 * HeatmapChart.CELL;
        int top = image.getHeight() - HeatmapChart.MARGIN - 2 * HeatmapChart.CELL;
        // the cell of value 1 (row A, column x) is darkest; the 0 beside it is white
        assertEquals(HeatmapChart.shade(1).getRGB(), image.getRGB(left + 5, top + 5));
        assertEquals(HeatmapChart.shade(0).getRGB(), image.getRGB(left + HeatmapChart.CELL + 5, top + 5));
        assertEquals(HeatmapChart.shade(0.5).getRGB(), image.getRGB(left + HeatmapChart.CELL + 5, top + HeatmapChart.CELL + 5));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("2 heat maps written to " + maps));
    }

    @Test
    void aMalformedFileIsBadInputNamingTheLine() throws IOException {
        assertEquals(2, predict("model.ckpt", "the cat\n!\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("sentences.txt:2: not a sentence"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void heatMapsNeedAnApplicationThatReadsItsOwnFiles() throws IOException {
        assertEquals(2, predict("plain.ckpt", "1,2\n", "--attention", dir.resolve("m").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("draws no heat maps"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, new PredictVerb(predictor).apply(Map.of(VerbCall.ARGS, List.of("model.ckpt", "in.txt",
                "--attention"), VerbCall.OUT, new PrintStream(out, true, StandardCharsets.UTF_8),
                VerbCall.ERR, new PrintStream(err, true, StandardCharsets.UTF_8))));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--attention: expected a directory"));
    }

    @Test
    void theShadeRangeStartsAtZeroAndIsNeverEmpty() {
        assertArrayEquals(new double[] {0, 0.5}, HeatmapChart.range(new double[][] {{0.2, 0.5}}));
        assertArrayEquals(new double[] {-1, 2}, HeatmapChart.range(new double[][] {{-1, 2}}));
        assertArrayEquals(new double[] {0, 1}, HeatmapChart.range(new double[][] {{0, 0}}));
    }
}
