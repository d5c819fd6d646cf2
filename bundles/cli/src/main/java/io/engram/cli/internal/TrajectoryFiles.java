package io.engram.cli.internal;

import io.engram.kernel.Predictor.Replay;
import io.engram.train.DurableFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a replayed episode ({@link Replay}) as {@code BASE.csv} (a header of the column names, one
 * line per step, an empty field for a missing number) and {@code BASE.png}: one panel per column
 * other than {@code step} and {@code reward}, stacked over the same step axis, each scaled to its
 * own range and labelled with its name, minimum and maximum ({@link TrajectoryChart}). Both files are written durably
 * (temporary file, forced, renamed, directory synced). Stateless and thread-safe.
 */
final class TrajectoryFiles {
    private TrajectoryFiles() {
    }

    /** {@code base} without a {@code .csv} or {@code .png} ending. */
    static Path base(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".png")
                ? file.resolveSibling(name.substring(0, name.length() - 4)) : file;
    }

    /** Writes {@code BASE.csv} and {@code BASE.png}; returns their paths. */
    static List<Path> write(Path base, Replay replay) throws IOException {
        Path csv = base.resolveSibling(base.getFileName() + ".csv");
        Path png = base.resolveSibling(base.getFileName() + ".png");
        DurableFiles.write(csv, csv(replay).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(TrajectoryChart.of(replay), "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        DurableFiles.write(png, bytes.toByteArray());
        return List.of(csv, png);
    }

    static String csv(Replay replay) {
        StringBuilder out = new StringBuilder(String.join(",", replay.columns())).append('\n');
        for (double[] row : replay.rows()) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : ",").append(Double.isNaN(row[i]) ? "" : number(row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The columns plotted: all but {@code step} and {@code reward}. */
    static List<Integer> plotted(List<String> columns) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).equals("step") && !columns.get(i).equals("reward")) {
                out.add(i);
            }
        }
        return out;
    }
}
