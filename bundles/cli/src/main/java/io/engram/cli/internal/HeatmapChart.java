package io.engram.cli.internal;

import io.engram.api.PredictionFormat.Heatmap;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The picture of a labelled matrix ({@link Heatmap}, such as a translation's attention over its
 * source): one square cell per value, shaded from white (the smallest value, or 0 when none is
 * negative) to dark blue (the largest), row labels on the left, column labels turned upright above,
 * the title at the top. Drawn with java.awt alone, headless. Stateless and thread-safe.
 */
final class HeatmapChart {
    static final int CELL = 28;
    static final int MARGIN = 12;

    private HeatmapChart() {
    }

    static BufferedImage of(Heatmap map) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(font);
        int left = MARGIN + widest(metrics, map.rows());
        int top = 2 * MARGIN + metrics.getHeight() + widest(metrics, map.columns());
        double[][] v = map.values();
        int width = Math.max(left + CELL * map.columns().size(), metrics.stringWidth(map.title())) + 2 * MARGIN;
        BufferedImage image = new BufferedImage(width, top + CELL * map.rows().size() + MARGIN,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(font);
        g.setColor(Color.BLACK);
        g.drawString(map.title(), MARGIN, MARGIN + metrics.getAscent());
        double[] range = range(v);
        for (int r = 0; r < v.length; r++) {
            g.setColor(Color.BLACK);
            String label = map.rows().get(r);
            g.drawString(label, left - MARGIN / 2 - metrics.stringWidth(label), top + r * CELL + CELL / 2
                    + metrics.getAscent() / 2 - 1);
            for (int c = 0; c < v[r].length; c++) {
                g.setColor(shade((v[r][c] - range[0]) / (range[1] - range[0])));
                g.fillRect(left + c * CELL, top + r * CELL, CELL - 1, CELL - 1);
            }
        }
        g.setColor(Color.BLACK);
        AffineTransform plain = g.getTransform();
        for (int c = 0; c < map.columns().size(); c++) {
            g.setTransform(plain);
            g.translate(left + c * CELL + CELL / 2 + metrics.getAscent() / 2 - 1, top - MARGIN / 2);
            g.rotate(-Math.PI / 2);
            g.drawString(map.columns().get(c), 0, 0);
        }
        g.dispose();
        return image;
    }

    /** {@code [low, high]} of the finite values, low at most 0 unless a value is negative, high > low. */
    static double[] range(double[][] v) {
        double low = 0;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] row : v) {
            for (double x : row) {
                if (Double.isFinite(x)) {
                    low = Math.min(low, x);
                    high = Math.max(high, x);
                }
            }
        }
        return new double[] {low, high > low ? high : low + 1};
    }

    /** White at 0 to dark blue at 1; grey for a value that is not a number. */
    static Color shade(double f) {
        if (!Double.isFinite(f)) {
            return Color.LIGHT_GRAY;
        }
        double t = Math.max(0, Math.min(1, f));
        return new Color((int) Math.round(255 - 247 * t), (int) Math.round(255 - 207 * t), (int) Math.round(255 - 148 * t));
    }

    private static int widest(FontMetrics metrics, java.util.List<String> labels) {
        int w = 0;
        for (String s : labels) {
            w = Math.max(w, metrics.stringWidth(s));
        }
        return w;
    }
}
