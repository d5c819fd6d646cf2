package io.engram.analyze.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The phase portrait of an {@link Analysis} as a PNG chart drawn by JFreeChart: each trajectory as a
 * line on the first two principal components (the one from the initial state in black, random starts
 * in grey, input-driven ones in colour), the fixed points as markers (stable: filled green circles,
 * saddles: orange, unstable: red). Written to a temporary file beside the target and renamed into
 * place. Stateless and thread-safe.
 */
final class PhasePortrait {
    static final int WIDTH = 900;
    static final int HEIGHT = 700;
    private static final Color[] DRIVEN = {new Color(0x1f77b4), new Color(0x9467bd), new Color(0x17becf),
        new Color(0x8c564b), new Color(0xe377c2)};

    private PhasePortrait() {
    }

    /** The chart of {@code a}, titled with {@code title}. */
    static JFreeChart chart(String title, Analysis a) {
        Analysis.Portrait p = a.portrait();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int series = 0;
        int driven = 0;
        for (int t = 0; t < p.paths().size(); t++) {
            String label = p.labels().get(t);
            XYSeries s = new XYSeries(label.startsWith("from random") ? "from random states" + (t > 1 ? " " + t : "") : label,
                    false, true);
            for (double[] xy : p.paths().get(t)) {
                s.add(xy[0], xy[1]);
            }
            data.addSeries(s);
            Color colour = t == 0 ? Color.BLACK : label.startsWith("driven") ? DRIVEN[driven++ % DRIVEN.length]
                    : new Color(150, 150, 150);
            renderer.setSeriesPaint(series, colour);
            renderer.setSeriesStroke(series, new BasicStroke(t == 0 ? 1.6f : 1.0f));
            renderer.setSeriesVisibleInLegend(series, t == 0 || label.startsWith("driven") || t == 1);
            series++;
        }
        for (Analysis.Stability kind : Analysis.Stability.values()) {
            XYSeries s = new XYSeries(kind.word() + " fixed points", false, true);
            for (int i = 0; i < a.fixedPoints().size(); i++) {
                if (a.fixedPoints().get(i).stability() == kind) {
                    s.add(p.points().get(i)[0], p.points().get(i)[1]);
                }
            }
            if (s.getItemCount() == 0) {
                continue;
            }
            data.addSeries(s);
            renderer.setSeriesLinesVisible(series, false);
            renderer.setSeriesShapesVisible(series, true);
            renderer.setSeriesShape(series, new Ellipse2D.Double(-6, -6, 12, 12));
            renderer.setSeriesPaint(series, switch (kind) {
                case STABLE -> new Color(0x2ca02c);
                case SADDLE -> new Color(0xff7f0e);
                case UNSTABLE -> new Color(0xd62728);
            });
            series++;
        }
        NumberAxis x = new NumberAxis(axis(p, 0));
        NumberAxis y = new NumberAxis(axis(p, 1));
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String axis(Analysis.Portrait p, int c) {
        return "PC" + (c + 1) + (c < p.explained().length
                ? String.format(Locale.ROOT, " (%.1f%% of the variance)", 100 * p.explained()[c]) : "");
    }

    /** Writes the chart of {@code a} to {@code target} as PNG (atomically); the path written. */
    static Path write(Path target, String title, Analysis a) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            BufferedImage image = chart(title, a).createBufferedImage(WIDTH, HEIGHT);
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
