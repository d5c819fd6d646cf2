package io.engram.app.forecast.internal;

import io.engram.train.DurableFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The forecast plot of the test part (PNG, drawn with java.awt alone, headless): for the first
 * channel, the series (black) and, at each step {@code t}, the forecast of {@code t} made
 * {@code horizon} steps ahead (from origin {@code t - horizon + 1}) by the model (blue), persistence
 * (grey) and the seasonal-naive forecast (orange); steps labelled anomalous are shaded red and
 * flagged steps marked by red dots. Written durably to {@code data.plot} (temporary file, forced,
 * renamed; a relative path resolves against the working directory). Stateless.
 */
final class ForecastPlot {
    static final int WIDTH = 1200;
    static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int RIGHT = 20;
    private static final int BOTTOM = 40;

    private ForecastPlot() {
    }

    static void write(ForecastTask task, ForecastEvaluation.Run run, boolean[] flagged) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(draw(task, run, flagged), "png", png);
            DurableFiles.write(Path.of(task.settings().plot()).toAbsolutePath(), png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("data.plot: cannot write " + task.settings().plot() + ": " + e.getMessage(), e);
        }
    }

    static BufferedImage draw(ForecastTask task, ForecastEvaluation.Run run, boolean[] flagged) {
        TimeSeries s = task.series();
        int from = task.split().from(Split.Part.TEST);
        int to = s.length();
        int last = run.model()[0].length - 1;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = from; t < to; t++) {
            min = Math.min(min, s.value(t, 0));
            max = Math.max(max, s.value(t, 0));
        }
        for (double[][][] f : new double[][][][] {run.model(), run.persistence(), run.seasonal()}) {
            for (double[][] o : f) {
                min = Math.min(min, o[last][0]);
                max = Math.max(max, o[last][0]);
            }
        }
        Frame frame = new Frame(s.time(from), s.time(to - 1), min, max);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xFFD6D6));
        for (int t = from; t < to; t++) {
            if (s.anomaly(t)) {
                g.fillRect(frame.x(s.time(t)) - 1, TOP, 3, HEIGHT - TOP - BOTTOM);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.drawString(String.format(Locale.ROOT, "%.4g", max), 4, TOP + 10);
        g.drawString(String.format(Locale.ROOT, "%.4g", min), 4, HEIGHT - BOTTOM);
        g.drawString(String.format(Locale.ROOT, "%.6g", s.time(from)), LEFT, HEIGHT - BOTTOM + 16);
        String end = String.format(Locale.ROOT, "%.6g", s.time(to - 1));
        g.drawString(end, WIDTH - RIGHT - g.getFontMetrics().stringWidth(end), HEIGHT - BOTTOM + 16);
        g.setStroke(new BasicStroke(1.5f));
        double[] truth = new double[to - from];
        for (int t = from; t < to; t++) {
            truth[t - from] = s.value(t, 0);
        }
        line(g, frame, s, from, truth, Color.BLACK);
        int offset = run.origins()[0] + last;
        line(g, frame, s, offset, at(run.persistence(), last), Color.GRAY);
        line(g, frame, s, offset, at(run.seasonal(), last), new Color(0xFF7F0E));
        line(g, frame, s, offset, at(run.model(), last), new Color(0x1F77B4));
        g.setColor(Color.RED);
        for (int t = from; t < Math.min(to, flagged.length); t++) {
            if (flagged[t]) {
                g.fillOval(frame.x(s.time(t)) - 3, frame.y(s.value(t, 0)) - 3, 7, 7);
            }
        }
        legend(g, task);
        g.dispose();
        return image;
    }

    private static void legend(Graphics2D g, ForecastTask task) {
        String[] names = {"series", "model", "persistence", "seasonal naive (m=" + task.settings().season() + ")"};
        Color[] colours = {Color.BLACK, new Color(0x1F77B4), Color.GRAY, new Color(0xFF7F0E)};
        int x = LEFT;
        for (int i = 0; i < names.length; i++) {
            g.setColor(colours[i]);
            g.fillRect(x, 14, 18, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(names[i], x + 22, 20);
            x += 40 + g.getFontMetrics().stringWidth(names[i]);
        }
        g.drawString(task.settings().horizon() + "-step-ahead forecasts, test part of " + task.series().names().get(0),
                x + 10, 20);
    }

    private static double[] at(double[][][] f, int h) {
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i][h][0];
        }
        return out;
    }

    private static void line(Graphics2D g, Frame frame, TimeSeries s, int firstStep, double[] v, Color colour) {
        g.setColor(colour);
        for (int i = 1; i < v.length && firstStep + i < s.length(); i++) {
            g.drawLine(frame.x(s.time(firstStep + i - 1)), frame.y(v[i - 1]), frame.x(s.time(firstStep + i)),
                    frame.y(v[i]));
        }
    }

    /** Maps times and values to pixels. */
    private record Frame(double t0, double t1, double min, double max) {
        int x(double t) {
            return LEFT + (int) Math.round((t - t0) / (t1 > t0 ? t1 - t0 : 1) * (WIDTH - LEFT - RIGHT));
        }

        int y(double v) {
            return HEIGHT - BOTTOM - (int) Math.round((v - min) / (max > min ? max - min : 1) * (HEIGHT - TOP - BOTTOM));
        }
    }
}
