package io.engram.runstore.internal;

import io.engram.kernel.MetricPoint;
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
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A job's metric series as files: CSV ({@value #HEADER}, one row per point, values as Java prints a
 * double, so they read back exactly) and a PNG chart drawn by JFreeChart: the losses against the step
 * on top, the other metrics below when there are any, a line per split and name, each in a colour of
 * its own. Each file is written
 * under a temporary name beside its target and then renamed, so a reader never sees half a file.
 * The chart is drawn into an image in memory ({@code java.awt.headless=true} is enough). Stateless.
 */
final class MetricFiles {

    static final String HEADER = "step,epoch,split,name,value";
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** Series colours that stay apart on white. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private MetricFiles() {
    }

    /** Writes {@code target} through a temporary file beside it, then renames it into place. */
    static Path replace(Path target, IoWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            writer.write(tmp);
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes one file. */
    @FunctionalInterface
    interface IoWriter {
        void write(Path file) throws IOException;
    }

    /** The CSV lines: the header, then a row per point. */
    static List<String> csv(List<MetricPoint> points) {
        List<String> lines = new ArrayList<>(points.size() + 1);
        lines.add(HEADER);
        for (MetricPoint p : points) {
            lines.add(p.step() + "," + p.epoch() + "," + p.split() + "," + p.name() + "," + p.value());
        }
        return lines;
    }

    /** Reads what {@link #csv} wrote; a malformed line fails naming its number. */
    static List<MetricPoint> readCsv(List<String> lines) throws IOException {
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException("line 1: expected the header " + HEADER);
        }
        List<MetricPoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            try {
                if (f.length != 5) {
                    throw new IllegalArgumentException("expected 5 fields, found " + f.length);
                }
                out.add(new MetricPoint(Long.parseLong(f[0]), Integer.parseInt(f[1]), f[2], f[3], Double.parseDouble(f[4])));
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static Path writeCsv(Path target, List<MetricPoint> points) throws IOException {
        return replace(target, f -> Files.write(f, csv(points), StandardCharsets.UTF_8));
    }

    /** The series of {@code points} whose name is (or is not) {@code loss}, one per split and name, in order of first appearance. */
    static XYSeriesCollection series(List<MetricPoint> points, boolean losses) {
        Map<String, XYSeries> byKey = new LinkedHashMap<>();
        for (MetricPoint p : points) {
            if (p.name().equals("loss") == losses && Double.isFinite(p.value())) {
                byKey.computeIfAbsent(p.split() + " " + p.name(), k -> new XYSeries(k, true, false))
                        .addOrUpdate(p.step(), p.value());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byKey.values().forEach(data::addSeries);
        return data;
    }

    /** The chart of a job's series: losses on top, other metrics below when there are any. */
    static JFreeChart chart(String title, List<MetricPoint> points) {
        NumberAxis step = new NumberAxis("step (epochs completed)");
        step.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(step);
        plot.setGap(12);
        XYSeriesCollection losses = series(points, true);
        plot.add(subplot(losses, "loss", 0), 3);
        XYSeriesCollection others = series(points, false);
        if (others.getSeriesCount() > 0) {
            plot.add(subplot(others, "metric", losses.getSeriesCount()), 2);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A plot of {@code data}, its series coloured from {@link #PALETTE} on from {@code colour}. */
    private static XYPlot subplot(XYSeriesCollection data, String label, int colour) {
        NumberAxis range = new NumberAxis(label);
        range.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true,
                data.getSeriesCount() > 0 && data.getItemCount(0) <= 30);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[(colour + i) % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** Draws {@code chart} at {@value #WIDTH} x {@value #HEIGHT}, recording where its parts went in {@code info}. */
    static BufferedImage draw(JFreeChart chart, ChartRenderingInfo info) {
        return chart.createBufferedImage(WIDTH, HEIGHT, info);
    }

    static Path writePng(Path target, String title, List<MetricPoint> points) throws IOException {
        return replace(target, f -> {
            BufferedImage image = draw(chart(title, points), null);
            if (!ImageIO.write(image, "png", f.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }
}
