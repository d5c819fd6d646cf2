package io.engram.sweep.internal;

import io.engram.sweep.internal.MemristorSweep.Point;
import io.engram.sweep.internal.MemristorSweep.Result;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes a sweep's results: {@value #CSV} (one row per grid point) and {@value #PNG} (a JFreeChart
 * line chart of accuracy against bit depth, one series per noise level, and the CPU's accuracy as a
 * dashed line). Each file is written under a temporary name in the target folder and then renamed,
 * so a reader never sees half a file. The chart is drawn into an image in memory, which needs no
 * display ({@code java.awt.headless=true} is enough). Stateless.
 */
final class SweepReport {
    static final String CSV = "memristor-sweep.csv";
    static final String PNG = "memristor-sweep.png";
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    /** Series colours that stay apart on white, from the least noise to the most. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private SweepReport() {
    }

    /** A file written by {@link #replace}. */
    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }

    /** Writes {@code target} through a temporary file beside it, then renames it into place. */
    static Path replace(Path target, Writer writer) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            writer.write(tmp);
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The CSV lines: header {@code bits,noise_scale,accuracy,loss}, then the metered counters in the
     * backend's order with dots turned into underscores ({@code energy_joules,...}), then
     * {@code cpu_accuracy,cpu_loss}; a row per grid point.
     */
    static List<String> csv(Result result) {
        List<String> counters = result.points().isEmpty() ? List.of()
                : List.copyOf(result.points().get(0).evaluation().cost().keySet());
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("bits,noise_scale,accuracy,loss");
        counters.forEach(c -> header.append(',').append(c.replace('.', '_')));
        lines.add(header.append(",cpu_accuracy,cpu_loss").toString());
        for (Point p : result.points()) {
            StringBuilder row = new StringBuilder();
            row.append(p.bits()).append(',').append(p.noise()).append(',').append(p.evaluation().accuracy()).append(',')
                    .append(p.evaluation().loss());
            counters.forEach(c -> row.append(',').append(p.evaluation().cost().getOrDefault(c, 0.0)));
            row.append(',').append(result.cpu().accuracy()).append(',').append(result.cpu().loss());
            lines.add(row.toString());
        }
        return lines;
    }

    /** The chart: accuracy against bits, a series per noise level, the CPU as a dashed line. */
    static JFreeChart chart(Result result) {
        Map<Double, XYSeries> byNoise = new LinkedHashMap<>();
        for (Point p : result.points()) {
            byNoise.computeIfAbsent(p.noise(), n -> new XYSeries("noise x" + n)).add(p.bits(), p.evaluation().accuracy());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byNoise.values().forEach(data::addSeries);
        XYSeries cpu = new XYSeries("cpu");
        result.points().stream().mapToInt(Point::bits).min().ifPresent(b -> cpu.add(b, result.cpu().accuracy()));
        result.points().stream().mapToInt(Point::bits).max().ifPresent(b -> cpu.add(b, result.cpu().accuracy()));
        data.addSeries(cpu);
        JFreeChart chart = ChartFactory.createXYLineChart("Accuracy on a PCM crossbar", "bits (DAC, ADC; 2^bits levels)",
                "test accuracy", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setRange(0.0, 1.05);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int last = data.getSeriesCount() - 1;
        for (int i = 0; i < last; i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        renderer.setSeriesPaint(last, Color.BLACK);
        renderer.setSeriesShapesVisible(last, false);
        renderer.setSeriesStroke(last, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        return chart;
    }

    /** Writes {@value #CSV} and {@value #PNG} into {@code folder}; returns their paths. */
    static List<Path> write(Path folder, Result result) throws IOException {
        Path csv = replace(folder.resolve(CSV), f -> Files.write(f, csv(result), StandardCharsets.UTF_8));
        Path png = replace(folder.resolve(PNG), f -> {
            BufferedImage image = chart(result).createBufferedImage(WIDTH, HEIGHT);
            if (!ImageIO.write(image, "png", f.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
        return List.of(csv, png);
    }
}
