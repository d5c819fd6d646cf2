package io.engram.cli.internal;

import io.engram.cli.VerbCall;
import io.engram.kernel.Predictor;
import io.engram.kernel.Predictor.FilePrediction;
import io.engram.train.DurableFiles;
import io.vavr.control.Try;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * {@code engram predict CHECKPOINT FILE} for a model whose application reads files of its own
 * ({@link Predictor#predictFile}): prints each record's result as the application writes it, in the
 * file's order; with {@code --attention DIR} it also writes each record's heat map, when the
 * application gives one, as {@code DIR/N.png} (N the record's position from 1; {@link HeatmapChart}),
 * durably, creating DIR. Exit status as {@link PredictVerb}'s. Stateless and thread-safe.
 */
final class FilePredict {
    private FilePredict() {
    }

    /**
     * The directory {@code --attention DIR} names, or null when absent; the other arguments are added
     * to {@code rest} in order.
     *
     * @throws IllegalArgumentException when the option has no value
     */
    static Path heatmapDirectory(List<String> args, List<String> rest) {
        Path dir = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--attention")) {
                String v = i + 1 < args.size() ? args.get(++i) : "";
                if (v.isBlank()) {
                    throw new IllegalArgumentException("--attention: expected a directory for the heat maps");
                }
                dir = Path.of(v);
            } else {
                rest.add(args.get(i));
            }
        }
        return dir;
    }

    static int run(Predictor predictor, VerbCall call, Path checkpoint, Path input, Predictor.Decode decoding,
                   Path heatmaps) {
        Try<List<FilePrediction>> out = predictor.predictFile(checkpoint, input, decoding);
        if (out.isFailure()) {
            Throwable cause = out.getCause();
            if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
                call.err().println("engram: " + cause.getMessage());
                return VerbCall.BAD_INPUT;
            }
            call.err().println("engram: prediction failed: " + cause.getMessage());
            return VerbCall.FAILED;
        }
        int drawn = 0;
        try {
            for (int i = 0; i < out.get().size(); i++) {
                FilePrediction p = out.get().get(i);
                call.out().println(p.text());
                if (heatmaps != null && p.heatmap().isPresent()) {
                    write(heatmaps.resolve((i + 1) + ".png"), p);
                    drawn++;
                }
            }
        } catch (IOException e) {
            call.out().flush();
            call.err().println("engram: --attention: " + e.getMessage());
            return VerbCall.FAILED;
        }
        call.out().flush();
        if (heatmaps != null) {
            call.err().println("engram: " + drawn + (drawn == 1 ? " heat map" : " heat maps") + " written to "
                    + heatmaps);
        }
        return VerbCall.OK;
    }

    private static void write(Path png, FilePrediction p) throws IOException {
        Files.createDirectories(png.getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(HeatmapChart.of(p.heatmap().get()), "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        DurableFiles.write(png, bytes.toByteArray());
    }
}
